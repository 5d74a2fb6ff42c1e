/**
 * Undo: put a model back to an earlier revision as a NEW revision (nothing is overwritten, so an
 * undo can itself be undone). Pure orchestration over lib/db (access checks, optimistic writes)
 * and lib/structural/diff; shared by the MCP tool undo_change and the viewer's server actions.
 */
import "server-only";
import { diffModels } from "@/lib/structural/diff";
import type { StructuralModel } from "@/lib/structural";
import { getViewerModel, writeModel, type Actor } from "@/lib/db/models";

export type UndoErrorCode = "not_found" | "nothing_to_undo" | "invalid_revision";

/** A reason the undo cannot be done; `message` says what to do. (Viewers get ModelError FORBIDDEN from lib/db.) */
export class UndoError extends Error {
  constructor(
    readonly code: UndoErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "UndoError";
  }
}

export type Counts = Record<string, number>;

export interface UndoResult {
  modelId: string;
  /** The new revision the undo wrote. */
  revision: number;
  /** The revision whose state the model is now in. */
  restoredRevision: number;
  added: Counts;
  updated: Counts;
  removed: Counts;
  /** The model after the undo (the restored state, at the new revision). */
  model: StructuralModel;
}

/**
 * Reverts `modelId` to `toRevision` (default: the one before the latest) as the actor.
 * Throws UndoError (not_found / nothing_to_undo / invalid_revision) or ModelError (FORBIDDEN for
 * viewers, NOT_FOUND when access went away in between, REVISION_CONFLICT after repeated races).
 */
export async function undoModel(modelId: string, actor: Actor, toRevision?: number): Promise<UndoResult> {
  const current = await getViewerModel(modelId, { userId: actor.userId });
  if (!current || current.role === "share") {
    throw new UndoError("not_found", `No model with id "${modelId}" that you can access. Call list_models to see your models.`);
  }
  const to = toRevision ?? current.latestRevision - 1;
  if (to < 1) {
    throw new UndoError("nothing_to_undo", `Model "${current.model.meta.name}" has no earlier revision to go back to (it is at revision ${current.latestRevision}).`);
  }
  if (!Number.isInteger(to) || to >= current.latestRevision) {
    throw new UndoError("invalid_revision", `to_revision must be lower than the latest revision (${current.latestRevision}). Call list_revisions to pick one.`);
  }
  const target = await getViewerModel(modelId, { userId: actor.userId }, to);
  if (!target) throw new UndoError("invalid_revision", `Revision ${to} of model "${modelId}" does not exist.`);

  const res = await writeModel(modelId, actor, (model) => {
    const patch = diffModels(model, target.model);
    const meta: Record<string, unknown> = {};
    const tm = target.model.meta;
    if (tm.name !== model.meta.name) meta.name = tm.name;
    if (tm.description !== model.meta.description) meta.description = tm.description;
    if (JSON.stringify(tm.displayUnits) !== JSON.stringify(model.meta.displayUnits)) meta.displayUnits = tm.displayUnits;
    if (tm.verticalAxis !== model.meta.verticalAxis) meta.verticalAxis = tm.verticalAxis;
    const count = (part: "add" | "update" | "remove") =>
      Object.fromEntries(Object.entries(patch[part]).map(([k, v]) => [k, (v as unknown[]).length])) as Counts;
    return {
      patch,
      inverse: diffModels(target.model, model),
      summary: to === model.meta.revision - 1 ? `Undid revision ${model.meta.revision}` : `Reverted to revision ${to}`,
      meta,
      result: { added: count("add"), updated: count("update"), removed: count("remove") },
    };
  });
  if (!res.ok) throw new UndoError("invalid_revision", "Undo failed.");
  return {
    modelId,
    revision: res.revision,
    restoredRevision: to,
    ...res.result,
    model: { ...target.model, meta: { ...target.model.meta, revision: res.revision } },
  };
}
