/**
 * Applying and inverting ModelPatches (pure; for previews, dry runs, undo and tests).
 *
 * Semantics of `applyPatch(model, patch)`, per row kind:
 *   1. remove: rows whose id is in `patch.remove[kind]` are dropped;
 *   2. update: fields present (not `undefined`) in an update row overwrite the row with that id;
 *      updates to ids that do not exist are ignored;
 *   3. add: rows are appended in patch order.
 * `meta` (including `revision`) is left untouched: the database layer owns revisions.
 *
 * `invertPatch(before, patch)` is the patch that takes `applyPatch(before, patch)` back to `before`:
 * it removes what was added, restores the previous values of updated fields, and re-adds what was
 * removed. Re-added rows go to the end of their array, so the result equals `before` up to row order
 * within a kind (exactly equal when the patch removed nothing).
 */
import type { EntityKind, LoadUpdate, ModelPatch, PatchRemovals, RowUpdate, StructuralModel } from "./schema";
import { ENTITY_KINDS, emptyPatch } from "./schema";

type AnyRow = { id: string } & Record<string, unknown>;
type AnyUpdate = { id: string } & Record<string, unknown>;

function applyKind(rows: readonly AnyRow[], removeIds: readonly string[], updates: readonly AnyUpdate[], adds: readonly AnyRow[]): AnyRow[] {
  if (removeIds.length === 0 && updates.length === 0 && adds.length === 0) return rows as AnyRow[];
  const removed = removeIds.length > 0 ? new Set(removeIds) : null;
  let merged: Map<string, AnyUpdate> | null = null;
  if (updates.length > 0) {
    merged = new Map();
    for (const u of updates) {
      const prev = merged.get(u.id);
      merged.set(u.id, prev ? { ...prev, ...definedOnly(u) } : definedOnly(u));
    }
  }
  const out: AnyRow[] = [];
  for (const r of rows) {
    if (removed?.has(r.id)) continue;
    const u = merged?.get(r.id);
    out.push(u ? ({ ...r, ...u, id: r.id } as AnyRow) : r);
  }
  for (const a of adds) out.push(a);
  return out;
}

function definedOnly(u: AnyUpdate): AnyUpdate {
  const o: AnyUpdate = { id: u.id };
  for (const [k, v] of Object.entries(u)) if (v !== undefined) o[k] = v;
  return o;
}

/** Apply a patch to a model, returning a new model (the input is not mutated). */
export function applyPatch(model: StructuralModel, patch: ModelPatch): StructuralModel {
  const out = { ...model } as Record<EntityKind, AnyRow[]> & { meta: StructuralModel["meta"] };
  for (const kind of ENTITY_KINDS) {
    out[kind] = applyKind(
      model[kind] as unknown as AnyRow[],
      patch.remove[kind],
      patch.update[kind] as unknown as AnyUpdate[],
      patch.add[kind] as unknown as AnyRow[],
    );
  }
  return out as unknown as StructuralModel;
}

/** The patch that undoes `patch` when applied to `applyPatch(before, patch)`. */
export function invertPatch(before: StructuralModel, patch: ModelPatch): ModelPatch {
  const inv = emptyPatch();
  for (const kind of ENTITY_KINDS) {
    const rows = before[kind] as unknown as AnyRow[];
    const byId = new Map<string, AnyRow>();
    for (const r of rows) byId.set(r.id, r);
    const removedIds = new Set(patch.remove[kind]);

    // 1. what the patch added is removed again (unless it replaced an existing id)
    (inv.remove as PatchRemovals)[kind] = (patch.add[kind] as unknown as AnyRow[]).map((r) => r.id);

    // 2. updated fields get their previous values back
    const restore = new Map<string, AnyUpdate>();
    for (const u of patch.update[kind] as unknown as AnyUpdate[]) {
      const prev = byId.get(u.id);
      if (!prev || removedIds.has(u.id)) continue;
      const r = restore.get(u.id) ?? { id: u.id };
      for (const [k, v] of Object.entries(u)) {
        if (k === "id" || v === undefined || k in r) continue;
        r[k] = prev[k];
      }
      restore.set(u.id, r);
    }
    (inv.update[kind] as unknown as AnyUpdate[]).push(...restore.values());

    // 3. removed rows come back, in their original relative order
    const back = rows.filter((r) => removedIds.has(r.id));
    (inv.add[kind] as unknown as AnyRow[]).push(...back);
  }
  return inv;
}

/** True when the patch changes nothing. */
export function isEmptyPatch(patch: ModelPatch): boolean {
  return ENTITY_KINDS.every((k) => patch.add[k].length === 0 && patch.update[k].length === 0 && patch.remove[k].length === 0);
}

export interface PatchSummary {
  added: Record<EntityKind, number>;
  updated: Record<EntityKind, number>;
  removed: Record<EntityKind, number>;
}

/** Row counts per kind, for tool summaries ("added 12 nodes, 20 frames"). */
export function summarizePatch(patch: ModelPatch): PatchSummary {
  const z = (): Record<EntityKind, number> => ({ nodes: 0, frames: 0, supports: 0, sections: 0, materials: 0, loadCases: 0, loads: 0, combinations: 0 });
  const s: PatchSummary = { added: z(), updated: z(), removed: z() };
  for (const k of ENTITY_KINDS) {
    s.added[k] = patch.add[k].length;
    s.updated[k] = patch.update[k].length;
    s.removed[k] = patch.remove[k].length;
  }
  return s;
}

/** "12 nodes, 20 frames, 1 section" — the non-zero counts of one summary bucket. */
export function describeCounts(counts: Record<EntityKind, number>): string {
  const names: Record<EntityKind, [string, string]> = {
    nodes: ["node", "nodes"], frames: ["frame", "frames"], supports: ["support", "supports"], sections: ["section", "sections"],
    materials: ["material", "materials"], loadCases: ["load case", "load cases"], loads: ["load", "loads"], combinations: ["combination", "combinations"],
  };
  const parts: string[] = [];
  for (const k of ["nodes", "frames", "supports", "sections", "materials", "loadCases", "loads", "combinations"] as const) {
    const n = counts[k];
    if (n > 0) parts.push(`${n} ${names[k][n === 1 ? 0 : 1]}`);
  }
  return parts.length > 0 ? parts.join(", ") : "nothing";
}

export type { RowUpdate, LoadUpdate };
