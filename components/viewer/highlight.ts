/**
 * Selection and hover highlighting shared by the layers: each layer keeps its base colours and
 * repaints only the elements whose highlight changed (O(1) per change, never O(elements)).
 */
import { COLORS } from "./palette";
import type { Pick } from "./types";

export interface Highlight {
  selected: Pick | null;
  hovered: Pick | null;
}

/** Indices of `kind` that are highlighted, with their colour (selected wins over hovered). */
export function highlighted(h: Highlight, kind: Pick["kind"]): Map<number, number> {
  const m = new Map<number, number>();
  if (h.hovered?.kind === kind) m.set(h.hovered.index, COLORS.hovered);
  if (h.selected?.kind === kind) m.set(h.selected.index, COLORS.selected);
  return m;
}

/**
 * Calls `paint(index, colour | null)` for every index whose highlight differs between `prev` and
 * `next` (null = back to the base colour). Returns true when anything was painted.
 */
export function diffHighlight(prev: Map<number, number>, next: Map<number, number>, paint: (index: number, color: number | null) => void): boolean {
  let changed = false;
  for (const [i] of prev) if (!next.has(i)) { paint(i, null); changed = true; }
  for (const [i, c] of next) if (prev.get(i) !== c) { paint(i, c); changed = true; }
  return changed;
}
