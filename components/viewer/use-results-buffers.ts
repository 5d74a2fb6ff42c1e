"use client";
/**
 * Pure builders of the result layers' typed arrays (world space, re-centred like ModelBuffers),
 * one buffer per layer whatever the model size:
 * - deflected shape: segment end points `base` and their displacement vectors `disp`, so a scale
 *   change (or an animation frame) is position = base + s · disp, with no reallocation;
 * - moment/shear/axial diagram ribbon in the member's local plane (outline + hatching);
 * - reaction arrows (shafts + heads, like load arrows);
 * - per-frame colours by |M| or |N| relative to the largest value, with legend rows.
 */
import { useMemo } from "react";
import { localAxes, toWorld, type ModelBuffers } from "./geometry";
import type { LegendRow } from "./palette";
import type { Vec3, ViewerPayload } from "./types";
import type { DiagramKind, ResultColorBy, ViewerResultSet } from "./use-results";

type Axes = [Vec3, Vec3, Vec3];

/** Local axes per frame: from the results when present, else from the geometry (viewer convention). */
function frameAxesOf(p: ViewerPayload, set: ViewerResultSet, f: number): Axes | null {
  const a = set.axes?.[f];
  if (a) return a as Axes;
  const i = p.frames.pairs[2 * f] ?? -1, j = p.frames.pairs[2 * f + 1] ?? -1;
  if (i < 0 || j < 0) return null;
  const P = p.nodes.positions;
  const ax = localAxes([P[3 * i]!, P[3 * i + 1]!, P[3 * i + 2]!], [P[3 * j]!, P[3 * j + 1]!, P[3 * j + 2]!], p.frames.roll[f] ?? 0, p.verticalAxis);
  return ax ? [ax.x, ax.y, ax.z] : null;
}

function worldPoint(b: ModelBuffers, m: Vec3): Vec3 {
  return toWorld([m[0] - b.centre[0], m[1] - b.centre[1], m[2] - b.centre[2]], b.vertical);
}

export interface DeflectedGeometry {
  /** Segment end points (world): 6 floats per segment. */
  base: Float32Array;
  /** Displacements (world, metres, unscaled) at those points. */
  disp: Float32Array;
  segments: number;
  /** Largest displacement magnitude along the drawn shape (m). */
  maxDisp: number;
}

/**
 * The deflected shape: per frame, straight segments between the diagram stations (total
 * displacements of the member axis in local axes), or between the end nodes when there are no
 * diagrams.
 */
export function buildDeflected(p: ViewerPayload, b: ModelBuffers, set: ViewerResultSet): DeflectedGeometry {
  const P = p.nodes.positions;
  const D = set.displacements;
  const byFrame = new Map<number, NonNullable<ViewerResultSet["diagrams"]>[number]>();
  for (const d of set.diagrams ?? []) byFrame.set(d.frame, d);
  let n = 0;
  for (let f = 0; f < b.frameCount; f++) {
    if (b.framePairs[2 * f]! < 0) continue;
    const d = byFrame.get(f);
    n += d && d.x.length >= 2 && frameAxesOf(p, set, f) ? d.x.length - 1 : 1;
  }
  const base = new Float32Array(6 * n);
  const disp = new Float32Array(6 * n);
  let s = 0;
  let maxDisp = 0;
  const put = (o: number, pos: Vec3, u: Vec3) => {
    const w = worldPoint(b, pos);
    const du = toWorld(u, b.vertical);
    base[o] = w[0]; base[o + 1] = w[1]; base[o + 2] = w[2];
    disp[o] = du[0]; disp[o + 1] = du[1]; disp[o + 2] = du[2];
    const m = Math.hypot(u[0], u[1], u[2]);
    if (m > maxDisp) maxDisp = m;
  };
  for (let f = 0; f < b.frameCount; f++) {
    const i = b.framePairs[2 * f]!, j = b.framePairs[2 * f + 1]!;
    if (i < 0) continue;
    const d = byFrame.get(f);
    const ax = d && d.x.length >= 2 ? frameAxesOf(p, set, f) : null;
    const pi: Vec3 = [P[3 * i]!, P[3 * i + 1]!, P[3 * i + 2]!];
    if (d && ax) {
      const [ex, ey, ez] = ax;
      const at = (k: number): [Vec3, Vec3] => {
        const x = d.x[k]!, ux = d.ux[k] ?? 0, uy = d.uy[k] ?? 0, uz = d.uz[k] ?? 0;
        const pos: Vec3 = [pi[0] + x * ex[0], pi[1] + x * ex[1], pi[2] + x * ex[2]];
        const u: Vec3 = [0, 1, 2].map((c) => ux * ex[c]! + uy * ey[c]! + uz * ez[c]!) as Vec3;
        return [pos, u];
      };
      let prev = at(0);
      for (let k = 1; k < d.x.length; k++) {
        const cur = at(k);
        put(6 * s, prev[0], prev[1]);
        put(6 * s + 3, cur[0], cur[1]);
        s++;
        prev = cur;
      }
    } else {
      put(6 * s, pi, [D[3 * i] ?? 0, D[3 * i + 1] ?? 0, D[3 * i + 2] ?? 0]);
      put(6 * s + 3, [P[3 * j]!, P[3 * j + 1]!, P[3 * j + 2]!], [D[3 * j] ?? 0, D[3 * j + 1] ?? 0, D[3 * j + 2] ?? 0]);
      s++;
    }
  }
  return { base, disp, segments: s, maxDisp };
}

/** Writes base + scale · disp into `out`. */
export function applyScale(g: DeflectedGeometry, scale: number, out: Float32Array): void {
  const { base, disp } = g;
  for (let k = 0; k < base.length; k++) out[k] = base[k]! + scale * disp[k]!;
}

/** The automatic deflection scale: the largest displacement drawn as 5 % of the model's size. */
export function autoDeflectionScale(b: ModelBuffers, maxDisp: number): number {
  return maxDisp > 0 ? (0.05 * 2 * b.radius) / maxDisp : 1;
}

const DIAGRAM_INDEX: Record<Exclude<DiagramKind, "none">, number> = { N: 0, Vy: 1, Vz: 2, My: 4, Mz: 5 };

/**
 * Direction (local axis and sign) a diagram value is drawn along: moments on the tension side
 * (Mz > 0 sagging → −y; My > 0 → +z), shears and axial force along +y or +z.
 */
function diagramDir(kind: Exclude<DiagramKind, "none">, ax: Axes): Vec3 {
  const [, ey, ez] = ax;
  if (kind === "Mz") return [-ey[0], -ey[1], -ey[2]];
  if (kind === "My" || kind === "Vz") return ez;
  return ey;
}

export interface DiagramGeometry {
  /** Line segments (world): outline and hatching, 6 floats each. */
  positions: Float32Array;
  /** Per vertex: +1 for positive values, −1 for negative (coloured by the layer). */
  sign: Int8Array;
  /** Largest |value| (N or N·m). */
  maxAbs: number;
}

/** Values of a diagram component per frame: stations when the analysis kept diagrams, else the end values. */
function diagramValues(set: ViewerResultSet, kind: Exclude<DiagramKind, "none">, f: number, length: number, byFrame: Map<number, NonNullable<ViewerResultSet["diagrams"]>[number]>): { x: number[]; v: number[] } {
  const d = byFrame.get(f);
  if (d && d.x.length >= 2) return { x: d.x, v: d[kind] };
  const c = DIAGRAM_INDEX[kind];
  return { x: [0, length], v: [set.endForces[12 * f + c] ?? 0, set.endForces[12 * f + 6 + c] ?? 0] };
}

/** The diagram ribbon: `scale` metres per unit of the value (N or N·m). */
export function buildDiagram(p: ViewerPayload, b: ModelBuffers, set: ViewerResultSet, kind: Exclude<DiagramKind, "none">, scale: number): DiagramGeometry {
  const P = p.nodes.positions;
  const byFrame = new Map<number, NonNullable<ViewerResultSet["diagrams"]>[number]>();
  for (const d of set.diagrams ?? []) byFrame.set(d.frame, d);
  const pos: number[] = [];
  const sign: number[] = [];
  let maxAbs = 0;
  const seg = (a: Vec3, c: Vec3, sa: number, sc: number) => {
    pos.push(a[0], a[1], a[2], c[0], c[1], c[2]);
    sign.push(sa, sc);
  };
  for (let f = 0; f < b.frameCount; f++) {
    const i = b.framePairs[2 * f]!;
    if (i < 0) continue;
    const ax = frameAxesOf(p, set, f);
    if (!ax) continue;
    const { x, v } = diagramValues(set, kind, f, b.frameLengths[f]!, byFrame);
    const dir = diagramDir(kind, ax);
    const pi: Vec3 = [P[3 * i]!, P[3 * i + 1]!, P[3 * i + 2]!];
    const ex = ax[0];
    let prevTip: Vec3 | null = null;
    let prevSign = 1;
    for (let k = 0; k < x.length; k++) {
      const val = v[k] ?? 0;
      if (Math.abs(val) > maxAbs) maxAbs = Math.abs(val);
      const xs = x[k]!;
      const m: Vec3 = [pi[0] + xs * ex[0], pi[1] + xs * ex[1], pi[2] + xs * ex[2]];
      const tipM: Vec3 = [m[0] + val * scale * dir[0], m[1] + val * scale * dir[1], m[2] + val * scale * dir[2]];
      const w = worldPoint(b, m), t = worldPoint(b, tipM);
      const sg = val >= 0 ? 1 : -1;
      if (val !== 0) seg(w, t, sg, sg); // hatching
      if (prevTip) seg(prevTip, t, prevSign, sg); // outline
      prevTip = t;
      prevSign = sg;
    }
  }
  return { positions: new Float32Array(pos), sign: Int8Array.from(sign), maxAbs };
}

/** Largest |value| of a diagram component over all frames (for the automatic scale). */
export function diagramMax(set: ViewerResultSet, kind: Exclude<DiagramKind, "none">, frameCount: number): number {
  let m = 0;
  if (set.diagrams?.length) {
    for (const d of set.diagrams) for (const v of d[kind]) if (Math.abs(v) > m) m = Math.abs(v);
  } else {
    const c = DIAGRAM_INDEX[kind];
    for (let f = 0; f < frameCount; f++) m = Math.max(m, Math.abs(set.endForces[12 * f + c] ?? 0), Math.abs(set.endForces[12 * f + 6 + c] ?? 0));
  }
  return m;
}

/** The automatic diagram scale (m per N or N·m): the largest value drawn as 8 % of the model's size. */
export function autoDiagramScale(b: ModelBuffers, maxAbs: number): number {
  return maxAbs > 0 ? (0.08 * 2 * b.radius) / maxAbs : 0;
}

export interface ReactionArrows {
  shafts: Float32Array;
  /** tip xyz, dir xyz, head size: 7 floats per arrow. */
  heads: Float32Array;
  count: number;
}

/** One arrow per support for the resultant reaction force, ending at the node. */
export function buildReactions(b: ModelBuffers, set: ViewerResultSet): ReactionArrows {
  let maxF = 0;
  for (const r of set.reactions) maxF = Math.max(maxF, Math.hypot(...r.f));
  const lMax = Math.max(0.18 * b.radius, 5 * b.glyphSize);
  const shafts: number[] = [];
  const heads: number[] = [];
  for (const r of set.reactions) {
    const m = Math.hypot(...r.f);
    if (!(m > 0) || !(maxF > 0) || m < 1e-9 * maxF || r.node < 0 || r.node >= b.nodeCount) continue;
    const w = toWorld(r.f as Vec3, b.vertical);
    const dir: Vec3 = [w[0] / m, w[1] / m, w[2] / m];
    const len = lMax * Math.max(0.25, m / maxF);
    const tip: Vec3 = [b.nodePositions[3 * r.node]!, b.nodePositions[3 * r.node + 1]!, b.nodePositions[3 * r.node + 2]!];
    const head = Math.min(0.3 * len, 2.2 * b.glyphSize);
    shafts.push(tip[0] - dir[0] * len, tip[1] - dir[1] * len, tip[2] - dir[2] * len, tip[0] - dir[0] * head * 0.8, tip[1] - dir[1] * head * 0.8, tip[2] - dir[2] * head * 0.8);
    heads.push(...tip, ...dir, head);
  }
  return { shafts: new Float32Array(shafts), heads: new Float32Array(heads), count: heads.length / 7 };
}

/** Five bands, cool to hot, for the ratio to the largest value. */
export const RATIO_COLORS = [0x4fb3ff, 0x4cd18a, 0xffcb6b, 0xf78c6c, 0xff4d5e] as const;

/** Per-frame colours by |M| (max of |My|, |Mz| along the member) or |N|, as a ratio to the largest. */
export function resultFrameColors(set: ViewerResultSet, by: Exclude<ResultColorBy, "none">, frameCount: number): { colors: Uint32Array; legend: LegendRow[]; max: number; values: Float64Array } {
  const values = new Float64Array(frameCount);
  const byFrame = new Map<number, NonNullable<ViewerResultSet["diagrams"]>[number]>();
  for (const d of set.diagrams ?? []) byFrame.set(d.frame, d);
  for (let f = 0; f < frameCount; f++) {
    const d = byFrame.get(f);
    let m = 0;
    if (d) {
      const arrs = by === "M" ? [d.My, d.Mz] : [d.N];
      for (const a of arrs) for (const v of a) if (Math.abs(v) > m) m = Math.abs(v);
    } else {
      const idx = by === "M" ? [4, 5, 10, 11] : [0, 6];
      for (const c of idx) m = Math.max(m, Math.abs(set.endForces[12 * f + c] ?? 0));
    }
    values[f] = m;
  }
  let max = 0;
  for (let f = 0; f < frameCount; f++) if (values[f]! > max) max = values[f]!;
  const colors = new Uint32Array(frameCount);
  const counts = [0, 0, 0, 0, 0];
  for (let f = 0; f < frameCount; f++) {
    const r = max > 0 ? values[f]! / max : 0;
    const band = Math.min(4, Math.floor(r * 5));
    colors[f] = RATIO_COLORS[band]!;
    counts[band]!++;
  }
  const legend: LegendRow[] = RATIO_COLORS.map((c, k) => ({ color: c, label: `${k * 20}–${(k + 1) * 20} % of max`, count: counts[k]! })).reverse();
  return { colors, legend, max, values };
}

export function useResultFrameColors(set: ViewerResultSet | null, by: ResultColorBy, frameCount: number) {
  return useMemo(() => (set && by !== "none" ? resultFrameColors(set, by, frameCount) : null), [set, by, frameCount]);
}

/** A value written on the model: world position (re-centred) and text. */
export interface ValueLabel {
  pos: Vec3;
  text: string;
  /** +1 positive, −1 negative, 0 neutral (colours the label). */
  sign: number;
}

/**
 * The extreme of a diagram on each frame (tip of the ribbon), largest first, at most `cap`
 * (decluttered: the biggest values are the ones an engineer reads first). `mask` limits the frames.
 */
export function diagramPeaks(
  p: ViewerPayload, b: ModelBuffers, set: ViewerResultSet, kind: Exclude<DiagramKind, "none">, scale: number,
  format: (v: number) => string, mask: Uint8Array | null, cap = 24,
): ValueLabel[] {
  const P = p.nodes.positions;
  const byFrame = new Map<number, NonNullable<ViewerResultSet["diagrams"]>[number]>();
  for (const d of set.diagrams ?? []) byFrame.set(d.frame, d);
  const peaks: { f: number; pos: Vec3; v: number }[] = [];
  for (let f = 0; f < b.frameCount; f++) {
    if (mask && !mask[f]) continue;
    const i = b.framePairs[2 * f]!;
    if (i < 0) continue;
    const ax = frameAxesOf(p, set, f);
    if (!ax) continue;
    const { x, v } = diagramValues(set, kind, f, b.frameLengths[f]!, byFrame);
    let k = 0;
    for (let s = 1; s < v.length; s++) if (Math.abs(v[s]!) > Math.abs(v[k]!)) k = s;
    const val = v[k] ?? 0;
    if (!(Math.abs(val) > 0)) continue;
    const dir = diagramDir(kind, ax);
    const xs = x[k]!;
    const m: Vec3 = [P[3 * i]! + xs * ax[0][0] + val * scale * dir[0], P[3 * i + 1]! + xs * ax[0][1] + val * scale * dir[1], P[3 * i + 2]! + xs * ax[0][2] + val * scale * dir[2]];
    peaks.push({ f, pos: worldPoint(b, m), v: val });
  }
  peaks.sort((a, c) => Math.abs(c.v) - Math.abs(a.v));
  return peaks.slice(0, cap).map((q) => ({ pos: q.pos, text: format(q.v), sign: q.v >= 0 ? 1 : -1 }));
}

/** |R| at each support (largest first, at most `cap`). */
export function reactionLabels(b: ModelBuffers, set: ViewerResultSet, format: (n: number) => string, cap = 40): ValueLabel[] {
  return set.reactions
    .filter((r) => r.node >= 0 && r.node < b.nodeCount && Math.hypot(...r.f) > 0)
    .sort((a, c) => Math.hypot(...c.f) - Math.hypot(...a.f))
    .slice(0, cap)
    .map((r) => ({ pos: [b.nodePositions[3 * r.node]!, b.nodePositions[3 * r.node + 1]!, b.nodePositions[3 * r.node + 2]!] as Vec3, text: `R ${format(Math.hypot(...r.f))}`, sign: 0 }));
}
