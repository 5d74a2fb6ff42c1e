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
import type { EntityKind, LoadUpdate, ModelPatch, RowUpdate, StructuralModel } from "./schema";
import { ENTITY_KINDS } from "./schema";

/** Any row or update row, for the per-kind code below (every row type is one of these). */
type AnyRow = { id: string } & Record<string, unknown>;

function applyKind<T extends AnyRow>(rows: T[], removeIds: readonly string[], updates: readonly AnyRow[], adds: readonly T[]): T[] {
  if (removeIds.length === 0 && updates.length === 0 && adds.length === 0) return rows;
  const removed = removeIds.length > 0 ? new Set(removeIds) : null;
  let merged: Map<string, AnyRow> | null = null;
  if (updates.length > 0) {
    merged = new Map();
    for (const u of updates) {
      const prev = merged.get(u.id);
      merged.set(u.id, prev ? { ...prev, ...definedOnly(u) } : definedOnly(u));
    }
  }
  const out: T[] = [];
  for (const r of rows) {
    if (removed?.has(r.id)) continue;
    const u = merged?.get(r.id);
    out.push(u ? { ...r, ...u, id: r.id } : r);
  }
  for (const a of adds) out.push(a);
  return out;
}

function definedOnly(u: AnyRow): AnyRow {
  const o: AnyRow = { id: u.id };
  for (const [k, v] of Object.entries(u)) if (v !== undefined) o[k] = v;
  return o;
}

/** Apply a patch to a model, returning a new model (the input is not mutated). */
export function applyPatch(model: StructuralModel, patch: ModelPatch): StructuralModel {
  const { add, update, remove } = patch;
  return {
    ...model,
    sections: applyKind(model.sections, remove.sections, update.sections, add.sections),
    materials: applyKind(model.materials, remove.materials, update.materials, add.materials),
    nodes: applyKind(model.nodes, remove.nodes, update.nodes, add.nodes),
    frames: applyKind(model.frames, remove.frames, update.frames, add.frames),
    supports: applyKind(model.supports, remove.supports, update.supports, add.supports),
    loadCases: applyKind(model.loadCases, remove.loadCases, update.loadCases, add.loadCases),
    loads: applyKind(model.loads, remove.loads, update.loads, add.loads),
    combinations: applyKind(model.combinations, remove.combinations, update.combinations, add.combinations),
  };
}

/** One kind of invertPatch: what to remove, restore and re-add. */
function invertKind<T extends AnyRow, U extends AnyRow>(rows: readonly T[], removes: readonly string[], updates: readonly U[], adds: readonly T[]): { remove: string[]; update: U[]; add: T[] } {
  const byId = new Map<string, T>();
  for (const r of rows) byId.set(r.id, r);
  const removedIds = new Set(removes);
  // 2. updated fields get their previous values back (several updates of one row: the first wins)
  const restore = new Map<string, U>();
  for (const u of updates) {
    const prev = byId.get(u.id);
    if (!prev || removedIds.has(u.id)) continue;
    const r = restore.get(u.id);
    restore.set(u.id, r ? mergeRestore(r, previousValues(prev, u)) : previousValues(prev, u));
  }
  return {
    // 1. what the patch added is removed again (unless it replaced an existing id)
    remove: adds.map((r) => r.id),
    update: [...restore.values()],
    // 3. removed rows come back, in their original relative order
    add: rows.filter((r) => removedIds.has(r.id)),
  };
}

/** Keep the fields already restored (the earliest previous value wins), then add the new ones. */
function mergeRestore<U extends AnyRow>(first: U, next: U): U {
  const r = { ...first };
  for (const [k, v] of Object.entries(next)) if (!(k in r)) Object.assign(r, { [k]: v });
  return r;
}

/** The previous values of the fields an update sets: `{ id, field: previous value, … }`. */
function previousValues<T extends AnyRow, U extends AnyRow>(prev: T, u: U): U {
  const r = { ...u };
  for (const [k, v] of Object.entries(u)) {
    if (k === "id") continue;
    if (v === undefined) Reflect.deleteProperty(r, k);
    else Object.assign(r, { [k]: prev[k] });
  }
  return r;
}

/** The patch that undoes `patch` when applied to `applyPatch(before, patch)`. */
export function invertPatch(before: StructuralModel, patch: ModelPatch): ModelPatch {
  const { add, update, remove } = patch;
  const sections = invertKind(before.sections, remove.sections, update.sections, add.sections);
  const materials = invertKind(before.materials, remove.materials, update.materials, add.materials);
  const nodes = invertKind(before.nodes, remove.nodes, update.nodes, add.nodes);
  const frames = invertKind(before.frames, remove.frames, update.frames, add.frames);
  const supports = invertKind(before.supports, remove.supports, update.supports, add.supports);
  const loadCases = invertKind(before.loadCases, remove.loadCases, update.loadCases, add.loadCases);
  const loads = invertKind(before.loads, remove.loads, update.loads, add.loads);
  const combinations = invertKind(before.combinations, remove.combinations, update.combinations, add.combinations);
  return {
    add: { nodes: nodes.add, frames: frames.add, supports: supports.add, sections: sections.add, materials: materials.add, loadCases: loadCases.add, loads: loads.add, combinations: combinations.add },
    update: { nodes: nodes.update, frames: frames.update, supports: supports.update, sections: sections.update, materials: materials.update, loadCases: loadCases.update, loads: loads.update, combinations: combinations.update },
    remove: { nodes: nodes.remove, frames: frames.remove, supports: supports.remove, sections: sections.remove, materials: materials.remove, loadCases: loadCases.remove, loads: loads.remove, combinations: combinations.remove },
  };
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
