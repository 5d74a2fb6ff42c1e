"use server";
// Server actions of "My models": rename, undo a rename, delete (checks and validation in lib/web/models.ts).
import { redirect } from "next/navigation";
import { deleteModelForCurrentUser, renameModelForCurrentUser, undoRenameForCurrentUser, type ListActionResult } from "@/lib/web/models";

function back(r: ListActionResult): never {
  const undo = r.ok ? r.value.undo : undefined;
  const q = new URLSearchParams(r.ok ? { notice: r.value.message, ...(undo ? { undo: undo.modelId, rev: String(undo.revision) } : {}) } : { error: r.error });
  redirect(`/models?${q.toString()}`);
}

export async function renameModelAction(form: FormData) {
  back(await renameModelForCurrentUser({ modelId: form.get("modelId"), name: form.get("name") }));
}

export async function undoRenameAction(form: FormData) {
  back(await undoRenameForCurrentUser({ modelId: form.get("modelId"), revision: form.get("revision") }));
}

export async function deleteModelAction(form: FormData) {
  back(await deleteModelForCurrentUser({ modelId: form.get("modelId"), confirm: form.get("confirm") }));
}
