/** Helpers shared by the exporters: indexes, local axes and load conversion to member axes. */
import { localAxes, type LocalAxes, type V3 } from "../geometry";
import type { Frame, Material, Node, Section, StructuralModel, Vec3 } from "../schema";

export interface ModelMaps {
  nodes: Map<string, Node>;
  nodeIndex: Map<string, number>;
  frames: Map<string, Frame>;
  frameIndex: Map<string, number>;
  sections: Map<string, Section>;
  materials: Map<string, Material>;
}

export function indexModel(model: StructuralModel): ModelMaps {
  const nodes = new Map<string, Node>();
  const nodeIndex = new Map<string, number>();
  model.nodes.forEach((n, k) => {
    nodes.set(n.id, n);
    nodeIndex.set(n.id, k);
  });
  const frames = new Map<string, Frame>();
  const frameIndex = new Map<string, number>();
  model.frames.forEach((f, k) => {
    frames.set(f.id, f);
    frameIndex.set(f.id, k);
  });
  return {
    nodes,
    nodeIndex,
    frames,
    frameIndex,
    sections: new Map(model.sections.map((s) => [s.id, s])),
    materials: new Map(model.materials.map((m) => [m.id, m])),
  };
}

export const dot3 = (a: V3, b: V3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const vec = (v: Vec3): V3 => [v.x, v.y, v.z];
export const isZero = (v: V3): boolean => v[0] === 0 && v[1] === 0 && v[2] === 0;

/** Local axes of a frame (null when an end node is missing or the frame has zero length). */
export function axesOf(frame: Frame, maps: ModelMaps, model: StructuralModel): LocalAxes | null {
  return localAxes(frame, maps.nodes, model.meta.verticalAxis);
}

/** Global vector → local components [x, y, z]. */
export function toLocal(ax: LocalAxes, g: V3): V3 {
  return [dot3(g, ax.x), dot3(g, ax.y), dot3(g, ax.z)];
}

/** Local components → global vector. */
export function toGlobal(ax: LocalAxes, l: V3): V3 {
  return [
    l[0] * ax.x[0] + l[1] * ax.y[0] + l[2] * ax.z[0],
    l[0] * ax.x[1] + l[1] * ax.y[1] + l[2] * ax.z[1],
    l[0] * ax.x[2] + l[1] * ax.y[2] + l[2] * ax.z[2],
  ];
}

/**
 * A "projected" global line load (intensity per unit of the length projected perpendicular to the
 * load, e.g. snow on a rafter) as intensity per unit member length: each global component c is
 * scaled by √(1 − e_c²), e = the member's unit direction — the solver's rule (analysis/loads.ts).
 */
export function projectGlobal(ax: LocalAxes, w: V3): V3 {
  return [0, 1, 2].map((c) => (w[c] as number) * Math.sqrt(Math.max(0, 1 - (ax.x[c] as number) ** 2))) as V3;
}

/**
 * Roll (degrees, [0, 360)) from the default local axes (no orientation, no roll) to the frame's
 * actual axes, about local x. Equals `frame.roll` unless `frame.orientation` is set.
 */
export function effectiveRoll(frame: Frame, maps: ModelMaps, model: StructuralModel): number {
  if (!frame.orientation) return normDeg(frame.roll);
  const actual = axesOf(frame, maps, model);
  const base = localAxes({ ...frame, orientation: null, roll: 0 }, maps.nodes, model.meta.verticalAxis);
  if (!actual || !base) return normDeg(frame.roll);
  return normDeg((Math.atan2(dot3(actual.y, base.z), dot3(actual.y, base.y)) * 180) / Math.PI);
}

function normDeg(d: number): number {
  let r = d % 360;
  if (r < 0) r += 360;
  r = +r.toPrecision(12);
  return r === 360 || r === 0 ? 0 : r;
}

/** Zero the components that are float noise relative to the vector's largest one (e.g. cos 90°). */
export function snapVec(v: V3, rel = 1e-12): V3 {
  const m = Math.max(Math.abs(v[0]), Math.abs(v[1]), Math.abs(v[2]));
  return v.map((c) => (Math.abs(c) <= rel * m ? 0 : c)) as V3;
}

/** Round to 12 significant digits (drops float noise like 0.30000000000000004). */
export const sig = (v: number): number => {
  if (v === 0) return 0;
  const r = +v.toPrecision(12);
  return r === 0 ? 0 : r;
};
