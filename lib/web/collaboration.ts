/**
 * The viewer page's history and sharing actions, as the signed-in user. Server actions are public
 * endpoints: every argument is re-validated here (zod), the session is read again and every role
 * check happens in lib/db (writeModel for undo, lib/db/collaborators for sharing).
 */
import "server-only";
import { z } from "zod";
import { safeText } from "@/lib/structural/text";
import { getCurrentUser } from "@/lib/auth/session";
import { ModelError } from "@/lib/db/models";
import {
  changeCollaboratorRole, CollaboratorError, inviteCollaborator, MemberRoleSchema, removeCollaborator, transferOwnership,
} from "@/lib/db/collaborators";
import { undoModel, UndoError } from "@/lib/history/undo";
import type { ActionResult } from "./types";


const Id = safeText(1, 100);
const UndoInput = z.object({ modelId: Id, toRevision: z.number().int().min(1).max(1e9).optional() });
const InviteInput = z.object({ modelId: Id, email: z.string().max(320), role: MemberRoleSchema });
const RoleInput = z.object({ modelId: Id, userId: Id, role: MemberRoleSchema });
const MemberInput = z.object({ modelId: Id, userId: Id });

function explain(e: unknown): string | null {
  if (e instanceof UndoError || e instanceof ModelError || e instanceof CollaboratorError) {
    if (e instanceof ModelError && e.code === "REVISION_CONFLICT") return "Someone changed the model at the same time; reload and try again.";
    return e.message;
  }
  return null;
}

async function run<T>(input: unknown, schema: z.ZodType, fn: (userId: string, data: never) => Promise<T>): Promise<ActionResult<T>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "Invalid request." };
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: "Sign in again to change this model." };
  try {
    return { ok: true, value: await fn(user.id, parsed.data as never) };
  } catch (e) {
    const msg = explain(e);
    if (msg) return { ok: false, error: msg };
    throw e;
  }
}

/** Undo the latest change (no toRevision) or restore a revision, as a new revision. */
export function undoForCurrentUser(input: unknown): Promise<ActionResult<{ revision: number; restoredRevision: number }>> {
  return run(input, UndoInput, async (userId, d: z.infer<typeof UndoInput>) => {
    const r = await undoModel(d.modelId, { userId, source: "web" }, d.toRevision);
    return { revision: r.revision, restoredRevision: r.restoredRevision };
  });
}

export function inviteForCurrentUser(input: unknown): Promise<ActionResult<{ userId: string; name: string }>> {
  return run(input, InviteInput, async (userId, d: z.infer<typeof InviteInput>) => {
    const c = await inviteCollaborator(userId, d.modelId, d.email, d.role);
    return { userId: c.userId, name: c.name };
  });
}

export function changeRoleForCurrentUser(input: unknown): Promise<ActionResult> {
  return run(input, RoleInput, async (userId, d: z.infer<typeof RoleInput>) => {
    await changeCollaboratorRole(userId, d.modelId, d.userId, d.role);
    return null;
  });
}

export function removeForCurrentUser(input: unknown): Promise<ActionResult> {
  return run(input, MemberInput, async (userId, d: z.infer<typeof MemberInput>) => {
    await removeCollaborator(userId, d.modelId, d.userId);
    return null;
  });
}

export function transferForCurrentUser(input: unknown): Promise<ActionResult> {
  return run(input, MemberInput, async (userId, d: z.infer<typeof MemberInput>) => {
    await transferOwnership(userId, d.modelId, d.userId);
    return null;
  });
}
