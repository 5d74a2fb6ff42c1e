/**
 * What the OpenSeesPy script builds, decided before any text is written: OpenSees nodes (the
 * model's, then internal, duplicate and auxiliary nodes), restraints (supports, the DOFs Spectral's
 * solver restrains automatically, unconnected nodes), geometric transformations, elasticBeamColumn
 * elements (a frame is split where a concentrated moment acts on it), equalDOF ties, rotational
 * zeroLength springs, and the member loads of each case in member-local components.
 *
 * Each rule keeps the OpenSees model's answer equal to Spectral's solver (lib/structural/analysis),
 * which condenses a member's released local DOFs out of its 12×12 stiffness and load vector:
 *   projected loads    each global component c is scaled by √(1 − e_c²), e = member direction
 *                      (loads.ts), then rotated to local axes.
 *   partial/varying    eleLoad -beamUniform with 8 values (Wya Wza Wxa aOverL bOverL Wyb Wzb Wxb);
 *                      OpenSees treats a load with aOverL = 0 and bOverL = 1 as UNIFORM (start
 *                      values only), so a full-length varying load is written as two halves.
 *   ry, rz releases    '-releasey' / '-releasez' on the end element (1 = i, 2 = j, 3 = both).
 *   rx release         the condensed member carries no torque, so the element gets J = 0.
 *   translations       released along global axes only (or all three): a duplicate node at that end
 *                      tied to the model node with equalDOF on the kept global DOFs.
 *   translations,      released along an axis that is not global (skew or rolled member): no tie
 *   skew               can say that, so the member's uncoupled blocks are rebuilt instead (axial,
 *                      torsion, bending x–y, bending x–z never mix in a straight member):
 *                        ux → A = 0: the condensed axial stiffness is zero;
 *                        uy → bending x–y is removed from the element ('-releasez', 3) and what the
 *                             condensed block keeps — a rotational stiffness EIz/L about local z
 *                             between the two end rotations (zero if rz is also released) — is a
 *                             zeroLength element with an Elastic material of exactly that stiffness,
 *                             '-dir', 4 and '-orient' = local z; uz likewise ('-releasey', 3, EIy/L
 *                             about local y). Exact: the real stiffness, not a rigid penalty.
 *                      Loads in such a block are the element's equivalent nodal loads −F0c (the
 *                      solver's fixed-end forces after its condensation).
 *   member moments     inside a member: it is split there with an internal node carrying the moment;
 *                      at a member end: the element's equivalent nodal loads −F0c, so a moment at an
 *                      end whose rotation is released acts on the member side of the hinge, as in
 *                      the solver (without a release this is the moment at the end node).
 *   zero stiffness     DOFs with no stiffness at all (pin-jointed truss joints) are fixed, as the
 *                      solver does (NODE_DOF_AUTO_RESTRAINED).
 * Equivalent nodal loads and springs make node displacements and reactions exact; OpenSees' element
 * forces of such an element then leave out that load's fixed-end part and the spring's moment.
 */
import { condense, condenseLoad, fixedEndForces, localStiffness, type Condensation, type LocalLoad } from "../analysis/element";
import { zeroStiffnessDofs } from "./stiffness";
import type { LocalAxes, V3 } from "../geometry";
import type { Frame, StructuralModel } from "../schema";
import { STANDARD_GRAVITY } from "../units";
import { axesOf, indexModel, isZero, projectGlobal, snapVec, toGlobal, toLocal, vec, type ModelMaps } from "./common";
import { pyComment } from "./text";

export interface OsNode {
  tag: number;
  x: number;
  y: number;
  z: number;
  note: string;
}

/** Uncoupled blocks of a straight member's stiffness (bits of OsElement.viaNodes). */
const AXIAL = 1;
const TORSION = 2;
const BEND_XY = 4;
const BEND_XZ = 8;

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
  /** Bits of the blocks (AXIAL, TORSION, BEND_XY, BEND_XZ) whose loads go to the nodes as −F0c, not eleLoad. */
  viaNodes: number;
  /** The solver's condensation of this element's released local DOFs (those not represented by ties). */
  cond: Condensation | null;
  length: number;
  /** Fractions of the frame's length this element covers. */
  t0: number;
  t1: number;
  note: string;
}

/** A rotational spring: zeroLength between node i and `aux` (tied to node j in all DOFs). */
export interface OsSpring {
  tag: number;
  mat: number;
  i: number;
  aux: number;
  k: number;
  /** Rotation axis (zeroLength local x, '-dir', 4) and a vector in its local x–y plane. */
  axis: V3;
  yp: V3;
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
  | { kind: "partial"; ele: number; wa: V3; a: number; b: number; wb: V3; note: string; fallback: OsNodalLoad[] }
  | { kind: "point"; ele: number; p: V3; x: number; note: string; fallback: OsNodalLoad[] | null };

/** A nodal load. */
export type OsNodalLoad = Extract<OsLoad, { kind: "nodal" }>;

export interface OsTie {
  master: number;
  slave: number;
  dofs: number[];
  note: string;
}

export interface OpenSeesPlan {
  nodes: OsNode[];
  /** Node tag → 6 flags (1 = fixed) with the reason. */
  fixes: { tag: number; flags: number[]; note: string }[];
  transforms: { tag: number; vecxz: V3 }[];
  elements: OsElement[];
  ties: OsTie[];
  springs: OsSpring[];
  frames: Map<string, OsFrame>;
  /** Loads of each load case (model order). */
  loads: Map<string, OsLoad[]>;
  warnings: string[];
  /** False when every DOF is restrained (OpenSees would fail on an empty system). */
  hasFreeDof: boolean;
  usesPartialLoads: boolean;
  /** Point or partial loads on elements with -releasey/-releasez (OpenSees handles them only since PR #1793). */
  usesLoadsOnReleased: boolean;
  /** Some loads carry a `fallback`: the same load as equivalent nodal loads, for OpenSees builds without #1755/#1793. */
  hasFallbacks: boolean;
}

const DOF = ["ux", "uy", "uz", "rx", "ry", "rz"] as const;

export function planOpenSees(model: StructuralModel): OpenSeesPlan {
  const maps = indexModel(model);
  const warnings: string[] = [];
  const nodes: OsNode[] = model.nodes.map((n, k) => ({ tag: k + 1, x: n.x, y: n.y, z: n.z, note: pyComment(n.label) }));
  const tagOf = (id: string) => (maps.nodeIndex.get(id) as number) + 1;
  const plan: OpenSeesPlan = { nodes, fixes: [], transforms: [], elements: [], ties: [], springs: [], frames: new Map(), loads: new Map(), warnings, hasFreeDof: true, usesPartialLoads: false, usesLoadsOnReleased: false, hasFallbacks: false };

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
  plan.springs.forEach((s, k) => {
    s.tag = plan.elements.length + k + 1;
    s.mat = k + 1;
  });
  addRestraints(model, maps, plan, tagOf);
  addLoads(model, maps, plan, tagOf);
  return plan;
}

/** Index (0, 1, 2) of the global axis a unit vector lies on, or −1. */
function globalAxisOf(v: V3): number {
  const k = v.findIndex((c) => Math.abs(Math.abs(c) - 1) <= 1e-12);
  return k >= 0 && v.every((c, m) => m === k || Math.abs(c) <= 1e-12) ? k : -1;
}

/** Released translations of an end as global axes (all three, or each one a global axis), else null. */
function tieableFree(code: string, axes: LocalAxes): number[] | null {
  const released = [0, 1, 2].filter((k) => code[k] === "R");
  if (released.length === 3) return [0, 1, 2];
  const local = [axes.x, axes.y, axes.z];
  const free = released.map((k) => globalAxisOf(local[k] as V3));
  return free.some((g) => g < 0) ? null : free;
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
  const plain = f.releaseI === "FFFFFF" && f.releaseJ === "FFFFFF";
  const codes = [f.releaseI, f.releaseJ];
  const frees = plain ? [[], []] : codes.map((c) => tieableFree(c, axes));
  // ties only when every released translation of both ends is along a global axis
  const useTies = frees.every((x) => x !== null);
  if (useTies && !plain) {
    codes.forEach((code, e) => {
      const free = frees[e] as number[];
      if (free.length === 0) return;
      const master = endTag[e] as number;
      const base = plan.nodes[master - 1] as OsNode;
      const tag = plan.nodes.length + 1;
      const released = [0, 1, 2].filter((k) => code[k] === "R");
      plan.nodes.push({ tag, x: base.x, y: base.y, z: base.z, note: `${label} end ${e === 0 ? "i" : "j"} (released ${released.map((k) => DOF[k]).join(" ")})` });
      const kept = [1, 2, 3, 4, 5, 6].filter((d) => d > 3 || !free.includes(d - 1));
      plan.ties.push({ master, slave: tag, dofs: kept, note: `${label} end ${e === 0 ? "i" : "j"}: ${code}` });
      endTag[e] = tag;
    });
  }
  const cuts = [0, ...[...(splitAt ?? [])].sort((a, b) => a - b), 1];
  const a = maps.nodes.get(f.i);
  const b = maps.nodes.get(f.j);
  const length = a && b ? Math.hypot(b.x - a.x, b.y - a.y, b.z - a.z) : 0;
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
    // the released local DOFs this element condenses (translations of tied ends are the ties' job)
    const released: number[] = [];
    if (!plain) {
      const ends: [string | null, string | null] = [s === 0 ? f.releaseI : null, s + 2 === cuts.length ? f.releaseJ : null];
      ends.forEach((code, e) => {
        if (code) for (let d = 0; d < 6; d++) if (code[d] === "R" && (d >= 3 || !useTies)) released.push(6 * e + d);
      });
    }
    const el = makeElement(plan, { i, j, t0, t1, transf, L: length * (t1 - t0), released }, section, material.E, material.G);
    let note = `${label} ${pyComment(section.name)} ${pyComment(material.name)}`;
    if (!plain) note += ` releases ${f.releaseI}/${f.releaseJ}`;
    if (el.J === 0) note += " (torsion released: J = 0)";
    if (el.A === 0) note += " (axial force released: A = 0)";
    if (el.viaNodes & (BEND_XY | BEND_XZ)) note += " (skew shear release: bending rebuilt, see springs)";
    if (cuts.length > 2) note += ` part ${s + 1}/${cuts.length - 1}`;
    el.note = note;
    plan.elements.push(el);
    elements.push(el);
    addSprings(plan, el, axes, label);
    i = j;
  }
  plan.frames.set(f.id, { frame: f, axes, A: section.A, density: material.density, elements, length, nodeTag: [tagOf(f.i), tagOf(f.j)] });
}

function makeElement(
  plan: OpenSeesPlan,
  g: { i: number; j: number; t0: number; t1: number; transf: number; L: number; released: number[] },
  section: { A: number; J: number; Iy: number; Iz: number },
  E: number,
  G: number,
): OsElement {
  const has = (...d: number[]) => d.some((x) => g.released.includes(x));
  const shearY = has(1, 7);
  const shearZ = has(2, 8);
  const flag = (d: number) => (has(d) ? 1 : 0) + (has(d + 6) ? 2 : 0);
  let cond: Condensation | null = null;
  if (g.released.length) {
    const k = localStiffness({ E, G, A: section.A, Iy: section.Iy, Iz: section.Iz, J: section.J }, g.L);
    cond = condense(k, g.released);
  }
  return {
    tag: plan.elements.length + 1,
    i: g.i,
    j: g.j,
    A: has(0, 6) ? 0 : section.A,
    E,
    G,
    J: has(3, 9) ? 0 : section.J,
    Iy: section.Iy,
    Iz: section.Iz,
    transf: g.transf,
    releaseY: shearZ ? 3 : flag(4),
    releaseZ: shearY ? 3 : flag(5),
    viaNodes: (has(0, 6) ? AXIAL : 0) | TORSION | (shearY ? BEND_XY : 0) | (shearZ ? BEND_XZ : 0),
    cond,
    length: g.L,
    t0: g.t0,
    t1: g.t1,
    note: "",
  };
}

/**
 * What a bending block with a shear release keeps after condensation: a rotational stiffness
 * k·(θj − θi) about the block's axis (EI/L without a moment release in that plane, else zero).
 */
function addSprings(plan: OpenSeesPlan, el: OsElement, axes: LocalAxes, label: string): void {
  const blocks: [number, number, V3, string][] = [];
  if (el.viaNodes & BEND_XY) blocks.push([5, 11, axes.z, "z"]);
  if (el.viaNodes & BEND_XZ) blocks.push([4, 10, axes.y, "y"]);
  if (!blocks.length) return;
  const k = new Float64Array(144);
  const props = { E: el.E, G: el.G, A: 1, J: 1, Iy: el.Iy, Iz: el.Iz };
  localStiffness(props, el.length, k);
  const released = el.cond?.dofs ?? [];
  condense(k, released);
  for (const [r1, r2, axis, name] of blocks) {
    const kr = k[r1 * 13] as number;
    if (!(kr > 0)) continue;
    const scale = Math.abs(kr);
    const shaped = Math.abs((k[r2 * 13] as number) - kr) <= 1e-9 * scale && Math.abs((k[r1 * 12 + r2] as number) + kr) <= 1e-9 * scale;
    if (!shaped) plan.warnings.push(`Frame ${label}: the condensed bending about local ${name} is not a pure rotational stiffness; the spring is approximate.`);
    const aux = plan.nodes.length + 1;
    const at = plan.nodes[el.i - 1] as OsNode;
    plan.nodes.push({ tag: aux, x: at.x, y: at.y, z: at.z, note: `${label}: rotation of node ${el.j} for its spring about local ${name}` });
    plan.ties.push({ master: el.j, slave: aux, dofs: [1, 2, 3, 4, 5, 6], note: `${label}: auxiliary node follows node ${el.j}` });
    plan.springs.push({ tag: 0, mat: 0, i: el.i, aux, k: kr, axis: snapVec(axis), yp: snapVec(axes.x), note: `${label} element ${el.tag}: bending about local ${name} after the skew shear release = E·I/L` });
  }
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

interface LoadCtx {
  plan: OpenSeesPlan;
  out: OsLoad[];
  /** Duplicate/auxiliary node → its tie. */
  slaveTie: Map<number, OsTie>;
}

function addLoads(model: StructuralModel, maps: ModelMaps, plan: OpenSeesPlan, tagOf: (id: string) => number): void {
  for (const c of model.loadCases) plan.loads.set(c.id, []);
  const slaveTie = new Map(plan.ties.map((t) => [t.slave, t]));
  const up: V3 = model.meta.verticalAxis === "Y" ? [0, 1, 0] : [0, 0, 1];
  for (const c of model.loadCases) {
    const ctx: LoadCtx = { plan, out: plan.loads.get(c.id) as OsLoad[], slaveTie };
    if (c.selfWeightFactor === null || c.selfWeightFactor === 0) continue;
    for (const fx of plan.frames.values()) {
      const w = c.selfWeightFactor * fx.density * fx.A * STANDARD_GRAVITY;
      if (w === 0) continue;
      const q = snapVec(toLocal(fx.axes, [-w * up[0], -w * up[1], -w * up[2]]));
      for (const el of fx.elements) emitDist(ctx, fx, el, q, q, 0, 1, `self-weight ${pyComment(fx.frame.label)}`);
    }
  }
  for (const l of model.loads) {
    const out = plan.loads.get(l.caseId);
    if (!out) {
      plan.warnings.push(`Load ${pyComment(l.id)} refers to a missing load case; skipped.`);
      continue;
    }
    const ctx: LoadCtx = { plan, out, slaveTie };
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
    if (l.kind === "frame_point") pointLoad(ctx, fx, l, label);
    else distributedLoad(ctx, fx, l, label);
  }
}

/** A nodal load; on a duplicate or auxiliary node, its tied DOFs go to the master node (same DOF). */
function addNodal(ctx: LoadCtx, node: number, v: number[], note: string, out: OsLoad[] = ctx.out): void {
  const tie = ctx.slaveTie.get(node);
  const own = tie ? v.map((x, d) => (tie.dofs.includes(d + 1) ? 0 : x)) : v;
  if (tie) {
    const master = v.map((x, d) => (tie.dofs.includes(d + 1) ? x : 0));
    if (master.some((x) => x !== 0)) out.push({ kind: "nodal", node: tie.master, v: master, note });
  }
  if (own.some((x) => x !== 0)) out.push({ kind: "nodal", node, v: own, note });
}

/** The element's equivalent nodal loads −F0c for one local load: the solver's condensed fixed-end forces. */
function equivalentNodal(ctx: LoadCtx, fx: OsFrame, el: OsElement, ld: LocalLoad, note: string, out: OsLoad[] = ctx.out): void {
  const F0 = fixedEndForces(el.length, [ld]);
  if (el.cond) condenseLoad(el.cond, F0);
  ([[0, el.i], [1, el.j]] as const).forEach(([e, node]) => {
    const o = 6 * e;
    const f = snapVec(toGlobal(fx.axes, [-(F0[o] as number), -(F0[o + 1] as number), -(F0[o + 2] as number)]));
    const m = snapVec(toGlobal(fx.axes, [-(F0[o + 3] as number), -(F0[o + 4] as number), -(F0[o + 5] as number)]));
    if (!isZero(f) || !isZero(m)) addNodal(ctx, node, [...f, ...m].map((x) => x + 0), `${note} (element ${el.tag} end ${e === 0 ? "i" : "j"}, equivalent nodal load)`, out);
  });
}

/** An element load with a component in a bending plane the element releases (-releasez: y, -releasey: z). */
function releasedUnderLoad(el: OsElement, a: V3, b: V3): boolean {
  return (el.releaseZ !== 0 && (a[1] !== 0 || b[1] !== 0)) || (el.releaseY !== 0 && (a[2] !== 0 || b[2] !== 0));
}

/** Local components [x, y, z] of a force carried by the nodes (true) or by eleLoad (false). */
function split(el: OsElement, v: V3, nodal: boolean): V3 {
  const via = [AXIAL, BEND_XY, BEND_XZ];
  return v.map((c, k) => ((el.viaNodes & (via[k] as number)) !== 0 === nodal ? c : 0)) as V3;
}

function segmentAt(fx: OsFrame, p: number): { el: OsElement; x: number } {
  const el = fx.elements.find((e) => p <= e.t1) ?? (fx.elements[fx.elements.length - 1] as OsElement);
  return { el, x: Math.min(1, Math.max(0, (p - el.t0) / (el.t1 - el.t0))) };
}

function pointLoad(ctx: LoadCtx, fx: OsFrame, l: Extract<StructuralModel["loads"][number], { kind: "frame_point" }>, label: string): void {
  const f: V3 = [l.fx, l.fy, l.fz];
  const m: V3 = [l.mx, l.my, l.mz];
  const fl = l.axes === "local" ? f : snapVec(toLocal(fx.axes, f));
  if (!isZero(fl)) {
    const { el, x } = segmentAt(fx, l.position);
    const nodal = split(el, fl, true);
    if (!isZero(nodal)) equivalentNodal(ctx, fx, el, { type: "point", a: x * el.length, f: nodal, m: [0, 0, 0] }, label);
    const p = split(el, fl, false);
    if (!isZero(p)) {
      const released = releasedUnderLoad(el, p, p);
      const fallback = released ? nodalFallback(ctx, fx, el, { type: "point", a: x * el.length, f: p, m: [0, 0, 0] }, label) : null;
      ctx.out.push({ kind: "point", ele: el.tag, p, x, note: label, fallback });
      if (released) ctx.plan.usesLoadsOnReleased = true;
    }
  }
  if (isZero(m)) return;
  const note = `${label} moment at ${l.position} of its length`;
  if (l.position > 0 && l.position < 1) {
    const mg = l.axes === "global" ? m : snapVec(toGlobal(fx.axes, m));
    const node = (fx.elements.find((e) => e.t1 === l.position) as OsElement).j;
    ctx.out.push({ kind: "nodal", node, v: [0, 0, 0, mg[0], mg[1], mg[2]], note });
    return;
  }
  // at a member end: on the member side of any release there, as the solver's condensation does
  const ml = l.axes === "local" ? m : snapVec(toLocal(fx.axes, m));
  const el = (l.position === 0 ? fx.elements[0] : fx.elements[fx.elements.length - 1]) as OsElement;
  equivalentNodal(ctx, fx, el, { type: "point", a: l.position === 0 ? 0 : el.length, f: [0, 0, 0], m: ml }, note);
}

function distributedLoad(ctx: LoadCtx, fx: OsFrame, l: Extract<StructuralModel["loads"][number], { kind: "frame_distributed" }>, label: string): void {
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
    emitDist(ctx, fx, el, qa, qb, a, b, note);
  }
}

/** A local linear load from a to b (fractions of the element) on one element. */
function emitDist(ctx: LoadCtx, fx: OsFrame, el: OsElement, qa: V3, qb: V3, a: number, b: number, note: string): void {
  const na = split(el, qa, true);
  const nb = split(el, qb, true);
  if (!isZero(na) || !isZero(nb)) equivalentNodal(ctx, fx, el, { type: "dist", a: a * el.length, b: b * el.length, q1: na, q2: nb }, note);
  qa = split(el, qa, false);
  qb = split(el, qb, false);
  if (isZero(qa) && isZero(qb)) return;
  const out = ctx.out;
  const uniform = qa[0] === qb[0] && qa[1] === qb[1] && qa[2] === qb[2];
  if (a === 0 && b === 1 && uniform) {
    out.push({ kind: "uniform", ele: el.tag, w: qa, note });
    return;
  }
  ctx.plan.usesPartialLoads = true;
  if (releasedUnderLoad(el, qa, qb)) ctx.plan.usesLoadsOnReleased = true;
  const piece = (wa: V3, pa: number, pb: number, wb: V3, n: string) => {
    const fallback = nodalFallback(ctx, fx, el, { type: "dist", a: pa * el.length, b: pb * el.length, q1: wa, q2: wb }, n);
    out.push({ kind: "partial", ele: el.tag, wa, a: pa, b: pb, wb, note: n, fallback });
  };
  if (a === 0 && b === 1) {
    // aOverL = 0 and bOverL = 1 would make OpenSees drop the end values: two halves
    const mid = [0, 1, 2].map((k) => ((qa[k] as number) + (qb[k] as number)) / 2) as V3;
    piece(qa, 0, 0.5, mid, `${note} (first half)`);
    piece(mid, 0.5, 1, qb, `${note} (second half)`);
  } else piece(qa, a, b, qb, note);
}

/** The same load as the element's equivalent nodal loads, for OpenSees builds that mishandle it as eleLoad. */
function nodalFallback(ctx: LoadCtx, fx: OsFrame, el: OsElement, ld: LocalLoad, note: string): OsNodalLoad[] {
  const out: OsLoad[] = [];
  equivalentNodal(ctx, fx, el, ld, note, out);
  ctx.plan.hasFallbacks = true;
  return out.filter((l): l is OsNodalLoad => l.kind === "nodal");
}
