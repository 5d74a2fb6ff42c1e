/**
 * The patch between two states of a model: `applyPatch(from, diffModels(from, to))` has the same
 * rows as `to` (by id, field by field). Used to undo back to an earlier revision as a new
 * revision, so that undo itself can be undone.
 */
import type { LoadUpdate, ModelPatch, StructuralModel } from "./schema";

type AnyRow = { id: string } & Record<string, unknown>;

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The fields of `row` that differ from `prev` (a field `row` lacks becomes null); null when none do. */
function changedFields<T extends AnyRow>(prev: T, row: T): (Partial<T> & { id: string }) | null {
  const changed: Partial<T> = {};
  let any = false;
  for (const key of new Set([...Object.keys(prev), ...Object.keys(row)])) {
    if (key === "id") continue;
    if (!sameValue(prev[key], row[key])) {
      Object.assign(changed, { [key]: row[key] === undefined ? null : row[key] });
      any = true;
    }
  }
  return any ? { id: row.id, ...changed } : null;
}

/** A changed load is written whole: its fields depend on its kind. */
function changedLoad(prev: StructuralModel["loads"][number], row: StructuralModel["loads"][number]): LoadUpdate | null {
  return changedFields(prev, row) ? { ...row } : null;
}

function diffKind<T extends AnyRow, U>(before: readonly T[], after: readonly T[], changed: (prev: T, row: T) => U | null): { remove: string[]; update: U[]; add: T[] } {
  const prevById = new Map(before.map((r) => [r.id, r]));
  const afterById = new Map(after.map((r) => [r.id, r]));
  const remove: string[] = [];
  const update: U[] = [];
  const add: T[] = [];
  for (const [id] of prevById) if (!afterById.has(id)) remove.push(id);
  for (const [id, row] of afterById) {
    const prev = prevById.get(id);
    if (!prev) {
      add.push(row);
      continue;
    }
    const u = changed(prev, row);
    if (u) update.push(u);
  }
  return { remove, update, add };
}

export function diffModels(from: StructuralModel, to: StructuralModel): ModelPatch {
  const sections = diffKind(from.sections, to.sections, changedFields);
  const materials = diffKind(from.materials, to.materials, changedFields);
  const nodes = diffKind(from.nodes, to.nodes, changedFields);
  const frames = diffKind(from.frames, to.frames, changedFields);
  const supports = diffKind(from.supports, to.supports, changedFields);
  const loadCases = diffKind(from.loadCases, to.loadCases, changedFields);
  const loads = diffKind(from.loads, to.loads, changedLoad);
  const combinations = diffKind(from.combinations, to.combinations, changedFields);
  return {
    add: { nodes: nodes.add, frames: frames.add, supports: supports.add, sections: sections.add, materials: materials.add, loadCases: loadCases.add, loads: loads.add, combinations: combinations.add },
    update: { nodes: nodes.update, frames: frames.update, supports: supports.update, sections: sections.update, materials: materials.update, loadCases: loadCases.update, loads: loads.update, combinations: combinations.update },
    remove: { nodes: nodes.remove, frames: frames.remove, supports: supports.remove, sections: sections.remove, materials: materials.remove, loadCases: loadCases.remove, loads: loads.remove, combinations: combinations.remove },
  };
}
