/**
 * "My models" for the web app: the page's data (models, role, counts, latest analysis) and its
 * rename / delete actions as the signed-in user. Input is validated here (zod); access is checked
 * in lib/db (writeModel, deleteModel). A rename is a revision (undone from History or the notice);
 * a delete removes the model with its history, so it asks for confirmation first.
 */
import "server-only";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { deleteModel, emptyPatch, listModelsForUser, loadModelSummary, ModelError, writeModel, type ModelListItem } from "@/lib/db/models";
import { latestJobsFor } from "@/lib/db/analysis";
import { undoModel, UndoError } from "@/lib/history/undo";
import { MAX_NAME_LENGTH } from "@/lib/structural/schema";
import type { ActionResult } from "./types";

export type AnalysisStatus = "none" | "queued" | "running" | "succeeded" | "failed" | "stale";

export interface ModelRow extends ModelListItem {
  analysis: AnalysisStatus;
}

/** One page of the model list; `readAt` is when it was read (the list says "edited 5 min ago" from it). */
export async function modelsPage(userId: string, cursor?: string): Promise<{ items: ModelRow[]; nextCursor: string | null; readAt: number }> {
  const { items, nextCursor } = await listModelsForUser(userId, { cursor, limit: 50 });
  const jobs = await latestJobsFor(items.map((m) => m.id));
  return {
    items: items.map((m) => {
      const j = jobs.get(m.id);
      const analysis: AnalysisStatus = !j ? "none" : j.status === "succeeded" && j.revision !== m.revision ? "stale" : j.status;
      return { ...m, analysis };
    }),
    nextCursor,
    readAt: Date.now(),
  };
}

const Id = z.string().min(1).max(100);
// Control characters are refused (user text is data, shown in other apps too).
const Name = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().min(1, "Give the model a name.").max(MAX_NAME_LENGTH, `Names are at most ${MAX_NAME_LENGTH} characters.`).regex(/^[^\p{Cc}]*$/u, "Names cannot contain control characters."));

/** What a list action did (shown as the page's notice) and the rename it can undo. */
export type ListActionResult = ActionResult<{ message: string; undo?: { modelId: string; revision: number } }>;

async function asUser<T>(fn: (userId: string) => Promise<T>): Promise<T | { ok: false; error: string }> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: "Sign in again to change your models." };
  try {
    return await fn(user.id);
  } catch (e) {
    if (e instanceof ModelError || e instanceof UndoError) return { ok: false, error: e.code === "REVISION_CONFLICT" ? "The model changed at the same time; try again." : e.message };
    throw e;
  }
}

export async function renameModelForCurrentUser(input: { modelId: unknown; name: unknown }): Promise<ListActionResult> {
  const id = Id.safeParse(input.modelId);
  const name = Name.safeParse(input.name);
  if (!id.success) return { ok: false, error: "Invalid request." };
  if (!name.success) return { ok: false, error: name.error.issues[0]?.message ?? "Invalid name." };
  return asUser(async (userId) => {
    const r = await writeModel(id.data, { userId, source: "web" }, (model) =>
      model.meta.name === name.data
        ? { error: "unchanged" as const }
        : { patch: emptyPatch(), inverse: emptyPatch(), summary: `Renamed "${model.meta.name}" to "${name.data}"`, meta: { name: name.data }, result: null },
    );
    if (!r.ok) return { ok: true, value: { message: "The name is unchanged." } };
    return { ok: true, value: { message: `Renamed to "${name.data}".`, undo: { modelId: id.data, revision: r.revision } } };
  });
}

/** Undoes a rename, only while it is still the model's latest change (never someone's later edit). */
export async function undoRenameForCurrentUser(input: { modelId: unknown; revision: unknown }): Promise<ListActionResult> {
  const id = Id.safeParse(input.modelId);
  const rev = z.coerce.number().int().min(2).max(1e9).safeParse(input.revision);
  if (!id.success || !rev.success) return { ok: false, error: "Invalid request." };
  return asUser(async (userId) => {
    const now = await loadModelSummary(id.data, userId);
    if (!now) return { ok: false, error: "That model is not available." };
    if (now.meta.revision !== rev.data) return { ok: false, error: "The model changed since the rename: undo it from the model's History instead." };
    await undoModel(id.data, { userId, source: "web" });
    return { ok: true, value: { message: "Undone." } };
  });
}

export async function deleteModelForCurrentUser(input: { modelId: unknown; confirm: unknown }): Promise<ListActionResult> {
  const id = Id.safeParse(input.modelId);
  if (!id.success) return { ok: false, error: "Invalid request." };
  if (input.confirm !== "yes") return { ok: false, error: "Tick the confirmation box to delete the model." };
  return asUser(async (userId) => {
    await deleteModel(id.data, userId);
    return { ok: true, value: { message: "Model deleted with its history." } };
  });
}
