/**
 * What the OpenSeesPy script builds, decided before any text is written: OpenSees nodes (the
 * model's, then internal and duplicate nodes), restraints (supports, the DOFs Spectral's solver
 * restrains automatically, unconnected nodes), geometric transformations, elasticBeamColumn
 * elements (a frame is split where a concentrated moment acts on it), equalDOF ties, and the
 * member loads of each case in member-local components.
 *
 * Each rule keeps the OpenSees model's answer equal to Spectral's solver (lib/structural/analysis):
 *   projected loads    each global component c is scaled by √(1 − e_c²), e = member direction
 *                      (loads.ts), then rotated to local axes.
 *   partial/varying    eleLoad -beamUniform with 8 values (Wya Wza Wxa aOverL bOverL Wyb Wzb Wxb);
 *                      OpenSees treats a load with aOverL = 0 and bOverL = 1 as UNIFORM (start
 *                      values only), so a full-length varying load is written as two halves.
 *   ry, rz releases    '-releasey' / '-releasez' on the end element (1 = i, 2 = j, 3 = both).
 *   rx release         the member carries no torque (torsion is uncoupled and no distributed
 *                      torque exists), so the end element gets J = 0 — exact.
 *   ux, uy, uz release a duplicate node at that end tied to the model node with equalDOF on the
 *                      kept global DOFs; exact when each released local axis is a global axis (or
 *                      all three translations are released).
 *   ux alone, skew     the end element carries no axial force: A = 0, and the axial components of
 *                      its loads go to its other end node as nodal loads (axial force is uncoupled
 *                      from bending) — exact. A skew shear release (uy/uz) is reported as not
 *                      represented.
 *   member moments     the frame is split at the load with an internal node; the moment is a
 *                      nodal load there (at an unreleased end: at the end node).
 *   zero stiffness     DOFs with no stiffness at all (pin-jointed truss joints) are fixed, as the
 *                      solver does (NODE_DOF_AUTO_RESTRAINED).
 */
import { zeroStiffnessDofs } from "./stiffness";
import type { LocalAxes, V3 } from "../geometry";
import type { Frame, StructuralModel } from "../schema";
import { STANDARD_GRAVITY } from "../units";
import { axesOf, indexModel, isZero, projectGlobal, snapVec, toLocal, vec, type ModelMaps } from "./common";
import { pyComment } from "./text";

export interface OsNode {
  tag: number;
  x: number;
  y: number;
  z: number;
  note: string;
}

export interface OsElement {
  tag: number;
  i: number;
  j: number;
  A: number;
  E: number;
  G: number;
  J: number;
  Iy: number;
  Iz: number;
  transf: number;
  releaseY: number;
  releaseZ: number;
  /** Axial release along a non-global axis: A = 0 and axial loads go to this node as nodal loads. */
  axialTo: number | null;
  /** Fractions of the frame's length this element covers. */
  t0: number;
  t1: number;
  note: string;
}

export interface OsFrame {
  frame: Frame;
  axes: LocalAxes;
  A: number;
  density: number;
  elements: OsElement[];
  length: number;
  /** OpenSees node tags of the frame's model end nodes (its elements may use duplicates). */
  nodeTag: [number, number];
}

export type OsLoad =
  | { kind: "nodal"; node: number; v: number[]; note: string }
  | { kind: "uniform"; ele: number; w: V3; note: string }
  | { kind: "partial"; ele: number; wa: V3; a: number; b: number; wb: V3; note: string }
  | { kind: "point"; ele: number; p: V3; x: number; note: string };

export interface OpenSeesPlan {
  nodes: OsNode[];
  /** Node tag → 6 flags (1 = fixed) with the reason. */
  fixes: { tag: number; flags: number[]; note: string }[];
  transforms: { tag: number; vecxz: V3 }[];
  elements: OsElement[];
  ties: { master: number; slave: number; dofs: number[]; note: string }[];
  frames: Map<string, OsFrame>;
  /** Loads of each load case (model order). */
  loads: Map<string, OsLoad[]>;
  warnings: string[];
  /** False when every DOF is restrained (OpenSees would fail on an empty system). */
  hasFreeDof: boolean;
  usesPartialLoads: boolean;
}

const DOF = ["ux", "uy", "uz", "rx", "ry", "rz"] as const;

export function planOpenSees(model: StructuralModel): OpenSeesPlan {
  const maps = indexModel(model);
  const warnings: string[] = [];
  const nodes: OsNode[] = model.nodes.map((n, k) => ({ tag: k + 1, x: n.x, y: n.y, z: n.z, note: pyComment(n.label) }));
  const tagOf = (id: string) => (maps.nodeIndex.get(id) as number) + 1;
  const plan: OpenSeesPlan = { nodes, fixes: [], transforms: [], elements: [], ties: [], frames: new Map(), loads: new Map(), warnings, hasFreeDof: true, usesPartialLoads: false };

  // Split positions: concentrated moments strictly inside a frame.
  const splits = new Map<string, Set<number>>();
  for (const l of model.loads) {
    if (l.kind !== "frame_point" || (l.mx === 0 && l.my === 0 && l.mz === 0)) continue;
    if (l.position > 0 && l.position < 1) {
      const s = splits.get(l.frameId) ?? new Set<number>();
      s.add(l.position);
      splits.set(l.frameId, s);
    }
  }

  const transforms = new Map<string, number>();
  for (const f of model.frames) addFrame(model, maps, plan, f, splits.get(f.id), transforms, tagOf);
  addRestraints(model, maps, plan, tagOf);
  addLoads(model, maps, plan, tagOf);
  return plan;
}

function addFrame(
  model: StructuralModel,
  maps: ModelMaps,
  plan: OpenSeesPlan,
  f: Frame,
  splitAt: Set<number> | undefined,
  transforms: Map<string, number>,
  tagOf: (id: string) => number,
): void {
  const section = f.sectionId !== null ? maps.sections.get(f.sectionId) : undefined;
  const material = f.materialId !== null ? maps.materials.get(f.materialId) : undefined;
  const axes = axesOf(f, maps, model);
  const label = pyComment(f.label);
  if (!section || !material || !axes) {
    const why = !axes ? "it has a missing end node or zero length" : !section ? "it has no section" : "it has no material";
    plan.warnings.push(`Frame ${label} is not exported because ${why}.`);
    return;
  }
  const z = snapVec(axes.z);
  const key = z.join(",");
  let transf = transforms.get(key);
  if (transf === undefined) {
    transf = transforms.size + 1;
    transforms.set(key, transf);
    plan.transforms.push({ tag: transf, vecxz: z });
  }
  const endTag: [number, number] = [tagOf(f.i), tagOf(f.j)];
  const codes = [f.releaseI, f.releaseJ];
  const axial: { free: 0 | 1 | 2 } = { free: 0 };
  // translational releases: a duplicate node tied on the kept global DOFs
  codes.forEach((code, e) => {
    const released = [0, 1, 2].filter((k) => code[k] === "R");
    if (released.length === 0) return;
    const localAxes = [axes.x, axes.y, axes.z];
    const globalOf = (v: V3): number => {
      const k = v.findIndex((c) => Math.abs(Math.abs(c) - 1) <= 1e-12);
      return k >= 0 && v.every((c, m) => m === k || Math.abs(c) <= 1e-12) ? k : -1;
    };
    const freeGlobal = released.length === 3 ? [0, 1, 2] : released.map((k) => globalOf(localAxes[k] as V3));
    if (freeGlobal.some((g) => g < 0) && released.length === 1 && released[0] === 0 && codes[1 - e]?.[0] !== "R") {
      axial.free = e === 0 ? 1 : 2;
      return;
    }
    if (freeGlobal.some((g) => g < 0)) {
      plan.warnings.push(`Frame ${label}: the release of ${released.map((k) => DOF[k]).join(", ")} at end ${e === 0 ? "i" : "j"} is along an axis that is not a global axis; equalDOF cannot tie it exactly, so it is NOT represented (the end is continuous in those directions).`);
      return;
    }
    const master = e === 0 ? endTag[0] : endTag[1];
    const base = plan.nodes[master - 1] as OsNode;
    const tag = plan.nodes.length + 1;
    plan.nodes.push({ tag, x: base.x, y: base.y, z: base.z, note: `${label} end ${e === 0 ? "i" : "j"} (released ${released.map((k) => DOF[k]).join(" ")})` });
    const kept = [1, 2, 3, 4, 5, 6].filter((d) => d > 3 || !freeGlobal.includes(d - 1));
    plan.ties.push({ master, slave: tag, dofs: kept, note: `${label} end ${e === 0 ? "i" : "j"}: ${code}` });
    endTag[e] = tag;
  });
  // segments
  const cuts = [0, ...[...(splitAt ?? [])].sort((a, b) => a - b), 1];
  const a = maps.nodes.get(f.i);
  const b = maps.nodes.get(f.j);
  const elements: OsElement[] = [];
  let i = endTag[0];
  for (let s = 0; s + 1 < cuts.length; s++) {
    const t0 = cuts[s] as number;
    const t1 = cuts[s + 1] as number;
    let j = endTag[1];
    if (s + 2 < cuts.length && a && b) {
      j = plan.nodes.length + 1;
      plan.nodes.push({ tag: j, x: a.x + (b.x - a.x) * t1, y: a.y + (b.y - a.y) * t1, z: a.z + (b.z - a.z) * t1, note: `${label} at ${t1} of its length` });
    }
    const first = s === 0;
    const last = s + 2 === cuts.length;
    const flag = (k: number) => (first && f.releaseI[k] === "R" ? 1 : 0) + (last && f.releaseJ[k] === "R" ? 2 : 0);
    const torsionFree = (first && f.releaseI[3] === "R") || (last && f.releaseJ[3] === "R");
    const axialTo = first && axial.free === 1 ? j : last && axial.free === 2 ? i : null;
    const el: OsElement = {
      tag: plan.elements.length + 1,
      i,
      j,
      A: axialTo !== null ? 0 : section.A,
      E: material.E,
      G: material.G,
      J: torsionFree ? 0 : section.J,
      Iy: section.Iy,
      Iz: section.Iz,
      transf,
      releaseY: flag(4),
      releaseZ: flag(5),
      axialTo,
      t0,
      t1,
      note: `${label} ${pyComment(section.name)} ${pyComment(material.name)}${f.releaseI !== "FFFFFF" || f.releaseJ !== "FFFFFF" ? ` releases ${f.releaseI}/${f.releaseJ}` : ""}${torsionFree ? " (torsion released: J = 0)" : ""}${axialTo !== null ? " (axial force released: A = 0)" : ""}${cuts.length > 2 ? ` part ${s + 1}/${cuts.length - 1}` : ""}`,
    };
    plan.elements.push(el);
    elements.push(el);
    i = j;
  }
  const length = a && b ? Math.hypot(b.x - a.x, b.y - a.y, b.z - a.z) : 0;
  plan.frames.set(f.id, { frame: f, axes, A: section.A, density: material.density, elements, length, nodeTag: [tagOf(f.i), tagOf(f.j)] });
}

function addRestraints(model: StructuralModel, maps: ModelMaps, plan: OpenSeesPlan, tagOf: (id: string) => number): void {
  const flags = new Map<number, { flags: number[]; notes: string[] }>();
  const fix = (tag: number, d: number, note: string) => {
    const e = flags.get(tag) ?? { flags: [0, 0, 0, 0, 0, 0], notes: [] };
    e.flags[d] = 1;
    if (!e.notes.includes(note)) e.notes.push(note);
    flags.set(tag, e);
  };
  for (const s of model.supports) {
    if (!maps.nodeIndex.has(s.nodeId)) {
      plan.warnings.push(`Support ${pyComment(s.id)} refers to a missing node; skipped.`);
      continue;
    }
    [...s.code].forEach((c, d) => c === "F" && fix(tagOf(s.nodeId), d, `support ${s.code}`));
  }
  const connected = new Set<string>();
  for (const f of model.frames) {
    if (!plan.frames.has(f.id)) continue;
    connected.add(f.i);
    connected.add(f.j);
  }
  let loose = 0;
  for (const n of model.nodes) {
    if (connected.has(n.id)) continue;
    loose++;
    for (let d = 0; d < 6; d++) fix(tagOf(n.id), d, "not connected to any frame");
  }
  if (loose > 0) plan.warnings.push(`${loose} node(s) are not connected to any frame; they are fully fixed in the script (Spectral leaves them out of the analysis).`);
  const zero = zeroStiffnessDofs(model);
  if (zero) {
    for (const { node, dof } of zero.dofs) fix(tagOf(node), dof, "no stiffness: restrained as Spectral's solver does");
    // internal/duplicate nodes always have stiffness in every DOF the model node lacks only through ties
    plan.hasFreeDof = zero.free > 0 || plan.nodes.length > model.nodes.length;
  }
  for (const [tag, e] of [...flags].sort((p, q) => p[0] - q[0])) plan.fixes.push({ tag, flags: e.flags, note: e.notes.join("; ") });
}

function addLoads(model: StructuralModel, maps: ModelMaps, plan: OpenSeesPlan, tagOf: (id: string) => number): void {
  for (const c of model.loadCases) plan.loads.set(c.id, []);
  const up: V3 = model.meta.verticalAxis === "Y" ? [0, 1, 0] : [0, 0, 1];
  for (const c of model.loadCases) {
    const out = plan.loads.get(c.id) as OsLoad[];
    if (c.selfWeightFactor === null || c.selfWeightFactor === 0) continue;
    for (const fx of plan.frames.values()) {
      const w = c.selfWeightFactor * fx.density * fx.A * STANDARD_GRAVITY;
      if (w === 0) continue;
      const q = snapVec(toLocal(fx.axes, [-w * up[0], -w * up[1], -w * up[2]]));
      for (const el of fx.elements) emitDist(plan, fx, el, q, q, 0, 1, `self-weight ${pyComment(fx.frame.label)}`, out);
    }
  }
  for (const l of model.loads) {
    const out = plan.loads.get(l.caseId);
    if (!out) {
      plan.warnings.push(`Load ${pyComment(l.id)} refers to a missing load case; skipped.`);
      continue;
    }
    if (l.kind === "nodal") {
      if (!maps.nodeIndex.has(l.nodeId)) {
        plan.warnings.push(`Load ${pyComment(l.id)} refers to a missing node; skipped.`);
        continue;
      }
      out.push({ kind: "nodal", node: tagOf(l.nodeId), v: [l.fx, l.fy, l.fz, l.mx, l.my, l.mz], note: pyComment(maps.nodes.get(l.nodeId)?.label ?? "") });
      continue;
    }
    const fx = plan.frames.get(l.frameId);
    const label = pyComment(maps.frames.get(l.frameId)?.label ?? l.frameId);
    if (!fx) {
      plan.warnings.push(`Load ${pyComment(l.id)} on frame ${label} is skipped because the frame is not exported.`);
      continue;
    }
    if (l.kind === "frame_point") pointLoad(plan, fx, l, label, out);
    else distributedLoad(plan, fx, l, label, out);
  }
}

function segmentAt(fx: OsFrame, p: number): { el: OsElement; x: number } {
  const el = fx.elements.find((e) => p <= e.t1) ?? (fx.elements[fx.elements.length - 1] as OsElement);
  return { el, x: Math.min(1, Math.max(0, (p - el.t0) / (el.t1 - el.t0))) };
}

function pointLoad(plan: OpenSeesPlan, fx: OsFrame, l: Extract<StructuralModel["loads"][number], { kind: "frame_point" }>, label: string, out: OsLoad[]): void {
  const f: V3 = [l.fx, l.fy, l.fz];
  const m: V3 = [l.mx, l.my, l.mz];
  let fl = l.axes === "local" ? f : snapVec(toLocal(fx.axes, f));
  if (!isZero(fl)) {
    const { el, x } = segmentAt(fx, l.position);
    if (el.axialTo !== null && fl[0] !== 0) {
      const N = fl[0];
      out.push({ kind: "nodal", node: el.axialTo, v: [N * fx.axes.x[0], N * fx.axes.x[1], N * fx.axes.x[2], 0, 0, 0], note: `${label} (axial part, axial force released)` });
      fl = [0, fl[1], fl[2]];
    }
    if (!isZero(fl)) out.push({ kind: "point", ele: el.tag, p: fl, x, note: label });
  }
  if (isZero(m)) return;
  const mg = l.axes === "global" ? m : snapVec(toGlobalAxes(fx.axes, m));
  let node: number;
  if (l.position > 0 && l.position < 1) node = (fx.elements.find((e) => e.t1 === l.position) as OsElement).j;
  else {
    const end = l.position === 0 ? 0 : 1;
    const code = end === 0 ? fx.frame.releaseI : fx.frame.releaseJ;
    if (code.slice(3) !== "FFF") {
      plan.warnings.push(`Load ${pyComment(l.id)} on frame ${label}: a concentrated moment at a released end is NOT represented.`);
      return;
    }
    node = fx.nodeTag[end]; // rotations of a duplicate end node are tied to the model node
  }
  out.push({ kind: "nodal", node, v: [0, 0, 0, mg[0], mg[1], mg[2]], note: `${label} moment at ${l.position} of its length` });
}

function distributedLoad(plan: OpenSeesPlan, fx: OsFrame, l: Extract<StructuralModel["loads"][number], { kind: "frame_distributed" }>, label: string, out: OsLoad[]): void {
  let w1 = vec(l.w1);
  let w2 = vec(l.w2);
  if (l.axes === "global") {
    if (l.projected) {
      w1 = projectGlobal(fx.axes, w1);
      w2 = projectGlobal(fx.axes, w2);
    }
    w1 = snapVec(toLocal(fx.axes, w1));
    w2 = snapVec(toLocal(fx.axes, w2));
  }
  if (isZero(w1) && isZero(w2)) return;
  const at = (t: number): V3 => {
    const r = (t - l.start) / (l.end - l.start);
    return [0, 1, 2].map((k) => (w1[k] as number) + ((w2[k] as number) - (w1[k] as number)) * r) as V3;
  };
  const note = `${label}${l.axes === "global" ? (l.projected ? " (global, projected)" : " (global)") : ""}`;
  for (const el of fx.elements) {
    const s0 = Math.max(l.start, el.t0);
    const s1 = Math.min(l.end, el.t1);
    if (!(s1 > s0)) continue;
    const qa = s0 === l.start ? w1 : at(s0);
    const qb = s1 === l.end ? w2 : at(s1);
    const span = el.t1 - el.t0;
    const a = s0 === el.t0 ? 0 : (s0 - el.t0) / span;
    const b = s1 === el.t1 ? 1 : (s1 - el.t0) / span;
    emitDist(plan, fx, el, qa, qb, a, b, note, out);
  }
}

/** A local linear load from a to b (fractions of the element) on one element. */
function emitDist(plan: OpenSeesPlan, fx: OsFrame, el: OsElement, qa: V3, qb: V3, a: number, b: number, note: string, out: OsLoad[]): void {
  if (el.axialTo !== null && (qa[0] !== 0 || qb[0] !== 0)) {
    // no axial stiffness: the axial resultant goes straight to the other end node
    const N = ((qa[0] + qb[0]) / 2) * (b - a) * (el.t1 - el.t0) * fx.length;
    out.push({ kind: "nodal", node: el.axialTo, v: [N * fx.axes.x[0], N * fx.axes.x[1], N * fx.axes.x[2], 0, 0, 0], note: `${note} (axial part, axial force released)` });
    qa = [0, qa[1], qa[2]];
    qb = [0, qb[1], qb[2]];
    if (isZero(qa) && isZero(qb)) return;
  }
  const uniform = qa[0] === qb[0] && qa[1] === qb[1] && qa[2] === qb[2];
  if (a === 0 && b === 1 && uniform) {
    out.push({ kind: "uniform", ele: el.tag, w: qa, note });
    return;
  }
  plan.usesPartialLoads = true;
  if (a === 0 && b === 1) {
    // aOverL = 0 and bOverL = 1 would make OpenSees drop the end values: two halves
    const mid = [0, 1, 2].map((k) => ((qa[k] as number) + (qb[k] as number)) / 2) as V3;
    out.push({ kind: "partial", ele: el.tag, wa: qa, a: 0, b: 0.5, wb: mid, note: `${note} (first half)` });
    out.push({ kind: "partial", ele: el.tag, wa: mid, a: 0.5, b: 1, wb: qb, note: `${note} (second half)` });
  } else out.push({ kind: "partial", ele: el.tag, wa: qa, a, b, wb: qb, note });
}

function toGlobalAxes(ax: LocalAxes, l: V3): V3 {
  return [0, 1, 2].map((c) => l[0] * (ax.x[c] as number) + l[1] * (ax.y[c] as number) + l[2] * (ax.z[c] as number)) as V3;
}
