/**
 * Geometry: frame lengths, model bounds, member local axes, and the compact viewer payload.
 *
 * LOCAL AXES (one convention, shared with the solver in ./analysis and with the viewer's triads):
 *   x = unit vector i → j.
 *   Reference vector r = frame.orientation when given, else the global vertical axis (Z or Y, per
 *   model.meta.verticalAxis). A member is "vertical" when |x · vertical| > VERTICAL_MEMBER_COSINE;
 *   a vertical member without an orientation uses r = global +X instead.
 *   y = r minus its component along x, normalised ("up" for beams: the web of an I-section).
 *   z = x × y (right-handed).
 *   roll θ (degrees) then turns y and z about x: y' = y cos θ + z sin θ, z' = −y sin θ + z cos θ.
 * Iz (strong) resists bending in the x–y plane, Iy (weak) bending in the x–z plane.
 * This is PyNite's/SAP's "local 2 up" rule (see structural-domain.md §1.3).
 */
import { z } from "zod";
import type { DisplayUnits, Frame, Node, SectionShape, StructuralModel, VerticalAxis } from "./schema";
import { DisplayUnitsSchema, SectionShapeSchema, VERTICAL_AXES } from "./schema";

export type V3 = [number, number, number];

/** |cos| between a member and the vertical axis above which the member counts as vertical. */
export const VERTICAL_MEMBER_COSINE = 0.999;

export const verticalUnit = (axis: VerticalAxis): V3 => (axis === "Y" ? [0, 1, 0] : [0, 0, 1]);

const dot = (a: V3, b: V3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: V3, b: V3): V3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const norm = (a: V3): number => Math.hypot(a[0], a[1], a[2]);
const scale = (a: V3, s: number): V3 => [a[0] * s, a[1] * s, a[2] * s];
const sub = (a: V3, b: V3): V3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];

export function nodeMap(nodes: readonly Node[]): Map<string, Node> {
  const m = new Map<string, Node>();
  for (const n of nodes) m.set(n.id, n);
  return m;
}

export const nodePosition = (n: Node): V3 => [n.x, n.y, n.z];

/** Length in metres; NaN when an end node is missing. */
export function frameLength(frame: Pick<Frame, "i" | "j">, nodes: ReadonlyMap<string, Node>): number {
  const a = nodes.get(frame.i);
  const b = nodes.get(frame.j);
  if (!a || !b) return Number.NaN;
  return Math.hypot(b.x - a.x, b.y - a.y, b.z - a.z);
}

export function distance(a: Node, b: Node): number {
  return Math.hypot(b.x - a.x, b.y - a.y, b.z - a.z);
}

export interface Bounds {
  min: V3;
  max: V3;
}

/** Axis-aligned bounds of the nodes; [0,0,0]–[0,0,0] for an empty model. */
export function bounds(model: Pick<StructuralModel, "nodes">): Bounds {
  if (model.nodes.length === 0) return { min: [0, 0, 0], max: [0, 0, 0] };
  let x0 = Infinity, y0 = Infinity, z0 = Infinity, x1 = -Infinity, y1 = -Infinity, z1 = -Infinity;
  for (const n of model.nodes) {
    if (n.x < x0) x0 = n.x;
    if (n.x > x1) x1 = n.x;
    if (n.y < y0) y0 = n.y;
    if (n.y > y1) y1 = n.y;
    if (n.z < z0) z0 = n.z;
    if (n.z > z1) z1 = n.z;
  }
  return { min: [x0, y0, z0], max: [x1, y1, z1] };
}

export interface LocalAxes {
  x: V3;
  y: V3;
  z: V3;
}

/**
 * Unit vectors of the member's local axes (see the file header for the rule). Returns null when an
 * end node is missing or the frame has zero length. An orientation vector that is zero or parallel
 * to the member is ignored (the default rule applies; `checkOrientation` reports it).
 */
export function localAxes(
  frame: Pick<Frame, "i" | "j" | "roll" | "orientation">,
  nodes: ReadonlyMap<string, Node>,
  verticalAxis: VerticalAxis,
): LocalAxes | null {
  const a = nodes.get(frame.i);
  const b = nodes.get(frame.j);
  if (!a || !b) return null;
  const d = sub(nodePosition(b), nodePosition(a));
  const L = norm(d);
  if (!(L > 0)) return null;
  const x = scale(d, 1 / L);

  let y: V3 | null = null;
  if (frame.orientation) {
    const r: V3 = [frame.orientation.x, frame.orientation.y, frame.orientation.z];
    const rn = norm(r);
    if (rn > 0) {
      const perp = sub(r, scale(x, dot(r, x)));
      const pn = norm(perp);
      if (pn > 1e-9 * rn) y = scale(perp, 1 / pn);
    }
  }
  if (!y) {
    const up = verticalUnit(verticalAxis);
    const r: V3 = Math.abs(dot(x, up)) > VERTICAL_MEMBER_COSINE ? [1, 0, 0] : up;
    const perp = sub(r, scale(x, dot(r, x)));
    y = scale(perp, 1 / norm(perp));
  }
  let zv = cross(x, y);
  const roll = frame.roll ?? 0;
  if (roll !== 0) {
    const t = (roll * Math.PI) / 180;
    const c = Math.cos(t);
    const s = Math.sin(t);
    const y2: V3 = [y[0] * c + zv[0] * s, y[1] * c + zv[1] * s, y[2] * c + zv[2] * s];
    const z2: V3 = [-y[0] * s + zv[0] * c, -y[1] * s + zv[1] * c, -y[2] * s + zv[2] * c];
    y = y2;
    zv = z2;
  }
  return { x, y, z: zv };
}

// ── Viewer payload ──────────────────────────────────────────────────────────────────────────────

const Num = z.number();
const V3Schema = z.tuple([Num, Num, Num]);

/** The compact, JSON-safe payload the 3D viewer draws from (plain arrays, not typed arrays). */
export const ViewerPayloadSchema = z.object({
  modelId: z.string(),
  name: z.string(),
  revision: z.number().int().min(0),
  verticalAxis: z.enum(VERTICAL_AXES),
  units: DisplayUnitsSchema,
  bounds: z.object({ min: V3Schema, max: V3Schema }),
  nodes: z.object({ labels: z.array(z.string()), ids: z.array(z.string()), positions: z.array(Num) }),
  frames: z.object({
    labels: z.array(z.string()),
    ids: z.array(z.string()),
    /** flat [i0, j0, i1, j1, …] indexes into nodes */
    pairs: z.array(z.number().int()),
    /** index into `sections`, or -1 */
    section: z.array(z.number().int()),
    /** index into `materials`, or -1 */
    material: z.array(z.number().int()),
    roll: z.array(Num),
    /** "FFFFFF/FFFFFR" (i/j), or "" when both ends are fully fixed */
    releases: z.array(z.string()),
  }),
  supports: z.object({ node: z.array(z.number().int()), code: z.array(z.string()) }),
  sections: z.array(
    z.object({ id: z.string(), name: z.string(), shape: SectionShapeSchema.nullable(), A: Num, Iy: Num, Iz: Num, J: Num }),
  ),
  materials: z.array(z.object({ id: z.string(), name: z.string(), E: Num, density: Num })),
  loadCases: z.array(z.object({ id: z.string(), name: z.string() })),
  loads: z.array(
    z.object({
      caseIndex: z.number().int(),
      kind: z.string(),
      /** node index for nodal loads, frame index for frame loads */
      target: z.number().int(),
      /** force (N) for nodal/point loads; intensity at start (N/m) for distributed loads */
      vector: V3Schema,
      /** frame_point: fraction 0..1 along the frame */
      position: Num.optional(),
      /** moment (N·m) when non-zero */
      moment: V3Schema.optional(),
      /** frame_distributed: extent and intensity at end */
      start: Num.optional(),
      end: Num.optional(),
      vectorEnd: V3Schema.optional(),
      /** present only when the load is in local axes */
      axes: z.literal("local").optional(),
    }),
  ),
});
export type ViewerPayload = z.infer<typeof ViewerPayloadSchema>;

const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

/** Build the viewer payload. Coordinates are rounded to 1e-6 m. Loads on missing targets are skipped. */
export function toViewerPayload(model: StructuralModel, opts: { revision?: number } = {}): ViewerPayload {
  const { nodes, frames } = model;
  const nodeIndex = new Map<string, number>();
  const positions = new Array<number>(nodes.length * 3);
  const nodeLabels = new Array<string>(nodes.length);
  const nodeIds = new Array<string>(nodes.length);
  nodes.forEach((n, k) => {
    nodeIndex.set(n.id, k);
    nodeLabels[k] = n.label;
    nodeIds[k] = n.id;
    positions[3 * k] = round6(n.x);
    positions[3 * k + 1] = round6(n.y);
    positions[3 * k + 2] = round6(n.z);
  });

  const sectionIndex = new Map<string, number>(model.sections.map((s, k) => [s.id, k]));
  const materialIndex = new Map<string, number>(model.materials.map((m, k) => [m.id, k]));
  const frameIndex = new Map<string, number>();
  const pairs = new Array<number>(frames.length * 2);
  const fLabels = new Array<string>(frames.length);
  const fIds = new Array<string>(frames.length);
  const section = new Array<number>(frames.length);
  const material = new Array<number>(frames.length);
  const roll = new Array<number>(frames.length);
  const releases = new Array<string>(frames.length);
  frames.forEach((f, k) => {
    frameIndex.set(f.id, k);
    fLabels[k] = f.label;
    fIds[k] = f.id;
    pairs[2 * k] = nodeIndex.get(f.i) ?? -1;
    pairs[2 * k + 1] = nodeIndex.get(f.j) ?? -1;
    section[k] = f.sectionId === null ? -1 : (sectionIndex.get(f.sectionId) ?? -1);
    material[k] = f.materialId === null ? -1 : (materialIndex.get(f.materialId) ?? -1);
    roll[k] = f.roll;
    releases[k] = f.releaseI === "FFFFFF" && f.releaseJ === "FFFFFF" ? "" : `${f.releaseI}/${f.releaseJ}`;
  });

  const supNode: number[] = [];
  const supCode: string[] = [];
  for (const s of model.supports) {
    const k = nodeIndex.get(s.nodeId);
    if (k === undefined) continue;
    supNode.push(k);
    supCode.push(s.code);
  }

  const caseIndex = new Map<string, number>(model.loadCases.map((c, k) => [c.id, k]));
  const loads: ViewerPayload["loads"] = [];
  for (const l of model.loads) {
    const ci = caseIndex.get(l.caseId);
    if (ci === undefined) continue;
    if (l.kind === "nodal") {
      const t = nodeIndex.get(l.nodeId);
      if (t === undefined) continue;
      const row: ViewerPayload["loads"][number] = { caseIndex: ci, kind: l.kind, target: t, vector: [l.fx, l.fy, l.fz] };
      if (l.mx !== 0 || l.my !== 0 || l.mz !== 0) row.moment = [l.mx, l.my, l.mz];
      loads.push(row);
    } else if (l.kind === "frame_point") {
      const t = frameIndex.get(l.frameId);
      if (t === undefined) continue;
      const row: ViewerPayload["loads"][number] = { caseIndex: ci, kind: l.kind, target: t, vector: [l.fx, l.fy, l.fz], position: l.position };
      if (l.mx !== 0 || l.my !== 0 || l.mz !== 0) row.moment = [l.mx, l.my, l.mz];
      if (l.axes === "local") row.axes = "local";
      loads.push(row);
    } else {
      const t = frameIndex.get(l.frameId);
      if (t === undefined) continue;
      const row: ViewerPayload["loads"][number] = {
        caseIndex: ci,
        kind: l.kind,
        target: t,
        vector: [l.w1.x, l.w1.y, l.w1.z],
        start: l.start,
        end: l.end,
        vectorEnd: [l.w2.x, l.w2.y, l.w2.z],
      };
      if (l.axes === "local") row.axes = "local";
      loads.push(row);
    }
  }

  const b = bounds(model);
  const units: DisplayUnits = { length: model.meta.displayUnits.length, force: model.meta.displayUnits.force };
  return {
    modelId: model.meta.id,
    name: model.meta.name,
    revision: opts.revision ?? model.meta.revision,
    verticalAxis: model.meta.verticalAxis,
    units,
    bounds: { min: b.min.map(round6) as V3, max: b.max.map(round6) as V3 },
    nodes: { labels: nodeLabels, ids: nodeIds, positions },
    frames: { labels: fLabels, ids: fIds, pairs, section, material, roll, releases },
    supports: { node: supNode, code: supCode },
    sections: model.sections.map((s) => ({ id: s.id, name: s.name, shape: s.shape as SectionShape | null, A: s.A, Iy: s.Iy, Iz: s.Iz, J: s.J })),
    materials: model.materials.map((m) => ({ id: m.id, name: m.name, E: m.E, density: m.density })),
    loadCases: model.loadCases.map((c) => ({ id: c.id, name: c.name })),
    loads,
  };
}
