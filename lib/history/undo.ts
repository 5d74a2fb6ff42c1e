/**
 * Undo: put a model back to an earlier revision as a NEW revision (nothing is overwritten, so an
 * undo can itself be undone). Pure orchestration over lib/db (access checks, optimistic writes)
 * and lib/structural/diff; shared by the MCP tool undo_change and the viewer's server actions.
 */
import "server-only";
import { diffModels } from "@/lib/structural/diff";
import { emptyPatch, invertPatch, sliceForPatch, type ModelMeta, type ModelPatch, type ModelRows } from "@/lib/structural";
import { editModel, getViewerModel, loadModelSummary, revisionChange, writeModel, type Actor, type MetaChange, type StoredChange } from "@/lib/db/models";
import { AppError, modelNotFound } from "@/lib/structural/errors";

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
  /** The model's name after the undo. */
  name: string;
}

const countsOf = (patch: ModelPatch, part: "add" | "update" | "remove"): Counts =>
  Object.fromEntries(Object.entries(patch[part]).map(([k, v]) => [k, (v as unknown[]).length]));

/** The latest revision moved on while the undo was being prepared: take the whole-model path. */
class NotLatest extends Error {}

/**
 * Undoes the latest revision by applying its stored inverse patch: reads only the rows that patch
 * touches (plus the small property tables), so undo costs what the undone change cost. The redo
 * (this revision's inverse) is the inverse of that patch against those rows.
 */
async function undoLatest(modelId: string, actor: Actor, latest: number): Promise<UndoResult> {
  let stored: StoredChange | null = null;
  const res = await editModel(
    modelId,
    actor,
    async (rows: ModelRows, meta: ModelMeta, sql) => {
      if (meta.revision !== latest) throw new NotLatest();
      stored = await revisionChange(sql, modelId, latest);
      if (!stored) throw new NotLatest();
      return sliceForPatch(rows, meta, stored.inverse);
    },
    (slice) => {
      const change = stored as StoredChange;
      return {
        patch: change.inverse,
        inverse: invertPatch(slice.model, change.inverse),
        ...(change.meta?.before && Object.keys(change.meta.before).length ? { meta: change.meta.before as MetaChange } : {}),
        summary: `Undid revision ${latest}`,
        result: null,
      };
    },
  );
  if (!res.ok) throw new AppError("invalid_revision", "Undo failed.");
  const inv = (stored as StoredChange | null)?.inverse ?? emptyPatch();
  return {
    modelId, revision: res.revision, restoredRevision: latest - 1,
    added: countsOf(inv, "add"), updated: countsOf(inv, "update"), removed: countsOf(inv, "remove"), name: res.head.meta.name,
  };
}

/**
 * Reverts `modelId` to `toRevision` (default: the one before the latest) as the actor.
 * Throws UndoError (not_found / nothing_to_undo / invalid_revision) or ModelError (FORBIDDEN for
 * viewers, NOT_FOUND when access went away in between).
 */
export async function undoModel(modelId: string, actor: Actor, toRevision?: number): Promise<UndoResult> {
  const current = await loadModelSummary(modelId, actor.userId);
  if (!current) {
    throw modelNotFound(modelId);
  }
  const latestRevision = current.meta.revision;
  const to = toRevision ?? latestRevision - 1;
  if (to < 1) {
    throw new AppError("nothing_to_undo", `Model "${current.meta.name}" has no earlier revision to go back to (it is at revision ${latestRevision}).`);
  }
  if (!Number.isInteger(to) || to >= latestRevision) {
    throw new AppError("invalid_revision", `to_revision must be lower than the latest revision (${latestRevision}). Call list_revisions to pick one.`);
  }
  if (to === latestRevision - 1) {
    try {
      return await undoLatest(modelId, actor, latestRevision);
    } catch (err) {
      if (!(err instanceof NotLatest)) throw err;
    }
  }
  const target = await getViewerModel(modelId, { userId: actor.userId }, to);
  if (!target) throw new AppError("invalid_revision", `Revision ${to} of model "${modelId}" does not exist.`);

  const res = await writeModel(modelId, actor, (model) => {
    const patch = diffModels(model, target.model);
    const meta: MetaChange = {};
    const tm = target.model.meta;
    if (tm.name !== model.meta.name) meta.name = tm.name;
    if (tm.description !== model.meta.description) meta.description = tm.description;
    if (JSON.stringify(tm.displayUnits) !== JSON.stringify(model.meta.displayUnits)) meta.displayUnits = tm.displayUnits;
    if (tm.verticalAxis !== model.meta.verticalAxis) meta.verticalAxis = tm.verticalAxis;
    return {
      patch,
      inverse: diffModels(target.model, model),
      summary: to === model.meta.revision - 1 ? `Undid revision ${model.meta.revision}` : `Reverted to revision ${to}`,
      meta,
      result: { added: countsOf(patch, "add"), updated: countsOf(patch, "update"), removed: countsOf(patch, "remove") },
    };
  });
  if (!res.ok) throw new AppError("invalid_revision", "Undo failed.");
  return { modelId, revision: res.revision, restoredRevision: to, ...res.result, name: res.head.meta.name };
}
