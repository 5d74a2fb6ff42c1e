/**
 * The patch between two states of a model: `applyPatch(from, diffModels(from, to))` has the same
 * rows as `to` (by id, field by field). Used to undo back to an earlier revision as a new
 * revision, so that undo itself can be undone.
 */
import type { ModelPatch, StructuralModel } from "./schema";
import { ENTITY_KINDS, emptyPatch } from "./schema";

type AnyRow = { id: string } & Record<string, unknown>;

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

export function diffModels(from: StructuralModel, to: StructuralModel): ModelPatch {
  const patch = emptyPatch();
  for (const kind of ENTITY_KINDS) {
    const before = new Map((from[kind] as unknown as AnyRow[]).map((r) => [r.id, r]));
    const after = new Map((to[kind] as unknown as AnyRow[]).map((r) => [r.id, r]));
    const remove: string[] = [];
    const update: AnyRow[] = [];
    const add: AnyRow[] = [];
    for (const [id] of before) if (!after.has(id)) remove.push(id);
    for (const [id, row] of after) {
      const prev = before.get(id);
      if (!prev) {
        add.push(row);
        continue;
      }
      const changed: AnyRow = { id };
      let any = false;
      for (const key of new Set([...Object.keys(prev), ...Object.keys(row)])) {
        if (key === "id") continue;
        if (!sameValue(prev[key], row[key])) {
          changed[key] = row[key] === undefined ? null : row[key];
          any = true;
        }
      }
      if (any) update.push(kind === "loads" ? { ...row } : changed);
    }
    (patch.remove as Record<string, string[]>)[kind] = remove;
    (patch.update as unknown as Record<string, AnyRow[]>)[kind] = update;
    (patch.add as unknown as Record<string, AnyRow[]>)[kind] = add;
  }
  return patch;
}
