/**
 * Isolation: show one storey (plan), one grid line (elevation) or the selection and its neighbours,
 * with the rest of the model ghosted. Pure functions over the payload (tested in tests/viewer).
 */
import type { Pick, ViewName, ViewerPayload } from "./types";

export type Isolation =
  | { kind: "none" }
  | { kind: "selection" }
  | { kind: "storey"; value: number }
  | { kind: "line"; axis: "X" | "Y" | "Z"; value: number };

export type StoreyIsolation = Extract<Isolation, { kind: "storey" }>;
export type LineIsolation = Extract<Isolation, { kind: "line" }>;

export interface IsolationChoices {
  storeys: StoreyIsolation[];
  lines: LineIsolation[];
  byKey: Map<string, Isolation>;
}

const TOL = 1e-3;
const MAX_CHOICES = 40;
const AXES = ["X", "Y", "Z"] as const;

export function isolationKey(i: Isolation): string {
  switch (i.kind) {
    case "none":
    case "selection":
      return i.kind;
    case "storey":
      return `storey:${i.value.toFixed(3)}`;
    case "line":
      return `line:${i.axis}:${i.value.toFixed(3)}`;
  }
}

function verticalIndex(p: ViewerPayload): number {
  return p.verticalAxis === "Y" ? 1 : 2;
}

/** Levels and planes where at least two frames lie (both ends on it), most populated first. */
function planes(p: ViewerPayload, axis: number, minFrames: number): number[] {
  const P = p.nodes.positions, pairs = p.frames.pairs;
  const counts = new Map<number, number>();
  for (let f = 0; 2 * f + 1 < pairs.length; f++) {
    const a = pairs[2 * f]!, b = pairs[2 * f + 1]!;
    if (a < 0 || b < 0) continue;
    const va = P[3 * a + axis]!, vb = P[3 * b + axis]!;
    if (Math.abs(va - vb) > TOL) continue;
    const k = Math.round(va / TOL) * TOL;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts.entries()]
    .filter(([, n]) => n >= minFrames)
    .sort((x, y) => y[1] - x[1])
    .slice(0, MAX_CHOICES)
    .map(([v]) => v)
    .sort((x, y) => x - y);
}

export function isolationChoices(p: ViewerPayload): IsolationChoices {
  const v = verticalIndex(p);
  const storeys: StoreyIsolation[] = planes(p, v, 1).map((value) => ({ kind: "storey", value }));
  const lines: LineIsolation[] = [];
  for (let a = 0; a < 3; a++) {
    if (a === v) continue;
    for (const value of planes(p, a, 2)) lines.push({ kind: "line", axis: AXES[a]!, value });
  }
  const byKey = new Map<string, Isolation>();
  for (const i of [...storeys, ...lines]) byKey.set(isolationKey(i), i);
  return { storeys, lines, byKey };
}

/** 1 for each frame that stays in view, 0 for ghosted ones; null when nothing is isolated. */
export function isolationMask(p: ViewerPayload, iso: Isolation, selected: Pick | null): Uint8Array | null {
  if (iso.kind === "none") return null;
  const P = p.nodes.positions, pairs = p.frames.pairs;
  const n = Math.floor(pairs.length / 2);
  const mask = new Uint8Array(n);
  if (iso.kind === "selection") {
    if (!selected) return null;
    const nodes = new Set<number>();
    if (selected.kind === "node") nodes.add(selected.index);
    else nodes.add(pairs[2 * selected.index]!).add(pairs[2 * selected.index + 1]!);
    for (let f = 0; f < n; f++) if ((selected.kind === "frame" && f === selected.index) || nodes.has(pairs[2 * f]!) || nodes.has(pairs[2 * f + 1]!)) mask[f] = 1;
    return mask;
  }
  const axis = iso.kind === "storey" ? verticalIndex(p) : AXES.indexOf(iso.axis);
  for (let f = 0; f < n; f++) {
    const a = pairs[2 * f]!, b = pairs[2 * f + 1]!;
    if (a < 0 || b < 0) continue;
    if (Math.abs(P[3 * a + axis]! - iso.value) <= TOL && Math.abs(P[3 * b + axis]! - iso.value) <= TOL) mask[f] = 1;
  }
  return mask;
}

/** The standard view that looks straight at an isolated plane. */
export function isolationView(p: ViewerPayload, iso: Isolation): ViewName | null {
  if (iso.kind === "storey") return "top";
  if (iso.kind !== "line") return null;
  // Front looks along the second horizontal axis, side along the first (X).
  return iso.axis === "X" ? "side" : "front";
}

/** Per-frame colours with the frames outside `mask` ghosted. */
export function ghostColors(colors: Uint32Array, mask: Uint8Array | null, ghost = 0x2b343e): Uint32Array {
  if (!mask) return colors;
  const out = new Uint32Array(colors.length);
  for (let f = 0; f < colors.length; f++) out[f] = mask[f] ? colors[f]! : ghost;
  return out;
}
