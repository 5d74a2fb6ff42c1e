/**
 * Validation and preparation of an AnalysisModel: id indexes, reference checks, property checks,
 * member axes and end-release condensation records. Everything that would make the analysis
 * meaningless is an error issue; nothing throws.
 */
import { condense, frameAxes, localStiffness, releasedDofs, type Condensation, type SectionProps } from "./element";
import type { AnalysisIssue, AnalysisModel, Vec3 } from "./types";
import { solverExtras, solverSink, toAnalysisIssues, type SolverIssue, type SolverSink } from "./issues";

export interface FrameData {
  index: number;
  id: string;
  ni: number;
  nj: number;
  R: Float64Array;
  L: number;
  props: SectionProps;
  density: number;
  released: number[] | null;
  cond: Condensation | null;
}

export interface Prepared {
  nodeIndex: Map<string, number>;
  frameIndex: Map<string, number>;
  caseIndex: Map<string, number>;
  frames: FrameData[];
  /** 6 flags per model node from the supports (global). */
  restraint: Uint8Array;
  /** Supported node indices, first-appearance order of `supports`. */
  supportNodes: number[];
  /** Bounding-box centre and diagonal length. */
  center: Vec3;
  size: number;
}

const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const CODE_RE = /^[FRfr]{6}$/;

/** Validate and prepare `model`; errors and warnings in the public AnalysisIssue shape. */
export function prepare(model: AnalysisModel): { errors: AnalysisIssue[]; warnings: AnalysisIssue[]; prep: Prepared | null } {
  const { errors, warnings, prep } = validateAndPrepare(model);
  return { errors: toAnalysisIssues(errors), warnings: toAnalysisIssues(warnings), prep };
}

/** prepare() with the issues as domain issues (analyze() projects them once, at its end). */
export function validateAndPrepare(model: AnalysisModel): { errors: SolverIssue[]; warnings: SolverIssue[]; prep: Prepared | null } {
  const err = solverSink();
  const warn = solverSink();
  const nodes = Array.isArray(model?.nodes) ? model.nodes : [];
  const framesIn = Array.isArray(model?.frames) ? model.frames : [];
  if (nodes.length === 0 || framesIn.length === 0) {
    err.error("MODEL_EMPTY", `The model has ${nodes.length} node(s) and ${framesIn.length} frame(s); analysis needs at least one frame.`, solverExtras("Add frames between nodes, then analyse again."));
    return { errors: err.finish(), warnings: warn.finish(), prep: null };
  }
  const { nodeIndex, center, size } = prepareNodes(nodes, err);
  const { frameIndex, frames } = prepareFrames(model, framesIn, nodeIndex, size, err, warn);
  const { restraint, supportNodes } = prepareSupports(model, nodeIndex, err);
  const caseIndex = checkLoadCases(model, frames, err, warn);
  checkLoads(model, nodeIndex, frameIndex, caseIndex, err);
  checkCombinations(model, caseIndex, err);
  const errors = err.finish();
  const warnings = warn.finish();
  if (errors.length) return { errors, warnings, prep: null };
  return { errors, warnings, prep: { nodeIndex, frameIndex, caseIndex, frames, restraint, supportNodes, center, size } };
}

/** Node index by id, finite coordinates, and the bounding box (centre and diagonal). */
function prepareNodes(nodes: AnalysisModel["nodes"], err: SolverSink): { nodeIndex: Map<string, number>; center: Vec3; size: number } {
  const nodeIndex = new Map<string, number>();
  let min: Vec3 = [Infinity, Infinity, Infinity];
  let max: Vec3 = [-Infinity, -Infinity, -Infinity];
  nodes.forEach((n, k) => {
    if (nodeIndex.has(n.id)) err.error("DUPLICATE_ID", `Node id "${n.id}" is used more than once.`, solverExtras("Give every node a unique id.", { nodes: [n.id] }));
    else nodeIndex.set(n.id, k);
    if (!finite(n.x) || !finite(n.y) || !finite(n.z)) {
      err.error("PROP_INVALID", `Node "${n.id}" has a non-finite coordinate.`, solverExtras("Coordinates must be finite numbers in metres.", { nodes: [n.id] }));
      return;
    }
    min = [Math.min(min[0], n.x), Math.min(min[1], n.y), Math.min(min[2], n.z)];
    max = [Math.max(max[0], n.x), Math.max(max[1], n.y), Math.max(max[2], n.z)];
  });
  const center: Vec3 = [(min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2];
  const size = Math.hypot(max[0] - min[0], max[1] - min[1], max[2] - min[2]) || 1;
  return { nodeIndex, center, size };
}

/** Frame index by id, references, properties, release codes, local axes and end-release condensation. */
function prepareFrames(model: AnalysisModel, framesIn: AnalysisModel["frames"], nodeIndex: Map<string, number>, size: number, err: SolverSink, warn: SolverSink): { frameIndex: Map<string, number>; frames: FrameData[] } {
  const verticalAxis = model.verticalAxis === "Y" ? "Y" : "Z";
  const nodes = model.nodes;
  const frameIndex = new Map<string, number>();
  const frames: FrameData[] = [];
  const kTmp = new Float64Array(144);
  // all rotation matrices in one block (subarray views), not one small typed array per member
  const Rpool = new Float64Array(9 * framesIn.length);
  framesIn.forEach((f, k) => {
    if (frameIndex.has(f.id)) err.error("DUPLICATE_ID", `Frame id "${f.id}" is used more than once.`, solverExtras("Give every frame a unique id.", { frames: [f.id] }));
    else frameIndex.set(f.id, k);
    const ni = nodeIndex.get(f.i);
    const nj = nodeIndex.get(f.j);
    if (ni === undefined || nj === undefined) {
      const missing = [ni === undefined ? f.i : null, nj === undefined ? f.j : null].filter((x): x is string => x !== null);
      err.error("REF_MISSING", `Frame "${f.id}" refers to missing node(s) ${missing.map((m) => `"${m}"`).join(", ")}.`, solverExtras("Create the node(s) or fix the frame's i/j.", { frames: [f.id], nodes: missing }));
      return;
    }
    const bad: string[] = [];
    const show = (key: string, v: unknown): string => (finite(v) ? `${key}=${v}` : `${key} is not a finite number`);
    for (const key of ["E", "G", "A", "Iy", "Iz", "J"] as const) if (!finite(f[key]) || !(f[key] > 0)) bad.push(show(key, f[key]));
    if (!finite(f.density) || f.density < 0) bad.push(show("density", f.density));
    const roll = f.roll ?? 0;
    if (!finite(roll)) bad.push(show("roll", f.roll));
    if (bad.length) {
      err.error("PROP_INVALID", `Frame "${f.id}" has invalid properties: ${bad.join(", ")}.`, solverExtras("E, G, A, Iy, Iz and J must be > 0 (SI units: Pa, m², m⁴); density ≥ 0 (kg/m³); roll finite (degrees).", { frames: [f.id] }));
      return;
    }
    if (f.releases) {
      const ri = f.releases.i ?? "FFFFFF";
      const rj = f.releases.j ?? "FFFFFF";
      if (!CODE_RE.test(ri) || !CODE_RE.test(rj)) {
        err.error("CODE_INVALID", `Frame "${f.id}" has release codes i="${ri}", j="${rj}"; each must be 6 characters of F/R.`, solverExtras("Use e.g. 'FFFFFR' to release the moment about local z (order ux uy uz rx ry rz, local axes).", { frames: [f.id] }));
        return;
      }
    }
    const a = nodes[ni]!;
    const b = nodes[nj]!;
    const ax = frameAxes(a.x, a.y, a.z, b.x, b.y, b.z, roll, f.orientation, verticalAxis, Rpool.subarray(9 * k, 9 * k + 9));
    if (!ax || ni === nj || ax.length <= 1e-9 * size) {
      err.error("FRAME_ZERO_LENGTH", `Frame "${f.id}" has zero length (nodes "${f.i}" and "${f.j}" coincide).`, solverExtras("Delete the frame or move one of its nodes.", { frames: [f.id], nodes: [f.i, f.j] }));
      return;
    }
    if (ax.orientationIgnored) {
      warn.warning("FRAME_ORIENTATION_IGNORED", `Frame "${f.id}": the orientation vector is zero or parallel to the member; the default local-axis rule was used.`, solverExtras("Give a reference vector that is not parallel to the member, or remove it.", { frames: [f.id] }));
    }
    const props: SectionProps = { E: f.E, G: f.G, A: f.A, Iy: f.Iy, Iz: f.Iz, J: f.J };
    const released = releasedDofs(f.releases);
    let cond: Condensation | null = null;
    if (released) {
      localStiffness(props, ax.length, kTmp);
      cond = condense(kTmp, released);
      if (cond.zeroPivotDofs.length) {
        const names = cond.zeroPivotDofs.map((d) => `${["ux", "uy", "uz", "rx", "ry", "rz"][d % 6]}@${d < 6 ? "i" : "j"}`);
        warn.warning("FRAME_RELEASE_MECHANISM", `Frame "${f.id}": its end releases leave it free to move in ${names.join(", ")} (e.g. torsion or axial force released at both ends); it carries nothing in that direction.`, solverExtras("Release that component at one end only if the member should carry it.", { frames: [f.id] }));
      }
    }
    frames.push({ index: k, id: f.id, ni, nj, R: ax.R, L: ax.length, props, density: f.density, released, cond });
  });
  return { frameIndex, frames };
}

/** Restraint flags (6 per node, global) and the supported nodes in first-appearance order. */
function prepareSupports(model: AnalysisModel, nodeIndex: Map<string, number>, err: SolverSink): { restraint: Uint8Array; supportNodes: number[] } {
  const nodes = model.nodes;
  const restraint = new Uint8Array(6 * nodes.length);
  const supportNodes: number[] = [];
  const seen = new Set<number>();
  for (const s of Array.isArray(model.supports) ? model.supports : []) {
    const n = nodeIndex.get(s.node);
    if (n === undefined) {
      err.error("REF_MISSING", `A support refers to missing node "${s.node}".`, solverExtras("Create the node or remove the support.", { nodes: [s.node] }));
      continue;
    }
    if (typeof s.code !== "string" || !CODE_RE.test(s.code)) {
      err.error("CODE_INVALID", `Support at node "${s.node}" has code "${String(s.code)}"; it must be 6 characters of F/R.`, solverExtras("Use 'FFFFFF' (fixed), 'FFFRRR' (pinned), 'RRFRRR' (roller in the vertical)…; order ux uy uz rx ry rz, global axes.", { nodes: [s.node] }));
      continue;
    }
    for (let d = 0; d < 6; d++) if (s.code[d]!.toUpperCase() === "F") restraint[6 * n + d] = 1;
    if (!seen.has(n)) {
      seen.add(n);
      supportNodes.push(n);
    }
  }
  return { restraint, supportNodes };
}

function checkLoadCases(model: AnalysisModel, frames: FrameData[], err: SolverSink, warn: SolverSink): Map<string, number> {
  const caseIndex = new Map<string, number>();
  (Array.isArray(model.loadCases) ? model.loadCases : []).forEach((c, k) => {
    if (caseIndex.has(c.id)) err.error("DUPLICATE_ID", `Load case id "${c.id}" is used more than once.`, solverExtras("Give every load case a unique id."));
    else caseIndex.set(c.id, k);
    if (c.selfWeight && !finite(c.selfWeight.factor)) err.error("LOAD_INVALID", `Load case "${c.id}" has a non-finite self-weight factor.`, solverExtras("Use a number, e.g. 1."));
  });
  const swCases = (model.loadCases ?? []).filter((c) => c.selfWeight && c.selfWeight.factor !== 0);
  if (swCases.length) {
    const zero = frames.filter((f) => f.density === 0).map((f) => f.id);
    if (zero.length) {
      warn.warning("SELFWEIGHT_NO_DENSITY", `Self-weight is on in case(s) ${swCases.map((c) => `"${c.id}"`).join(", ")} but ${zero.length} frame(s) have density 0 and add no weight.`, solverExtras("Set the material density (kg/m³, steel ≈ 7850) if those members should weigh something.", { frames: zero.slice(0, 20) }));
    }
  }
  return caseIndex;
}

function checkLoads(model: AnalysisModel, nodeIndex: Map<string, number>, frameIndex: Map<string, number>, caseIndex: Map<string, number>, err: SolverSink): void {
  for (const ld of Array.isArray(model.loads) ? model.loads : []) {
    if (!caseIndex.has(ld.case)) {
      err.error("REF_MISSING", `A ${ld.kind} load refers to missing load case "${ld.case}".`, solverExtras("Create the load case or fix the load's case id."));
      continue;
    }
    if (ld.kind === "nodal") {
      if (!nodeIndex.has(ld.node)) err.error("REF_MISSING", `A nodal load refers to missing node "${ld.node}".`, solverExtras("Create the node or fix the load.", { nodes: [ld.node] }));
      const vals = [ld.fx, ld.fy, ld.fz, ld.mx, ld.my, ld.mz];
      if (vals.some((v) => v !== undefined && !finite(v))) err.error("LOAD_INVALID", `A nodal load at node "${ld.node}" has a non-finite component.`, solverExtras("Use finite numbers (N, N·m).", { nodes: [ld.node] }));
    } else if (ld.kind === "frame_point") {
      if (!frameIndex.has(ld.frame)) err.error("REF_MISSING", `A point load refers to missing frame "${ld.frame}".`, solverExtras("Create the frame or fix the load.", { frames: [ld.frame] }));
      const vals = [ld.fx, ld.fy, ld.fz, ld.mx, ld.my, ld.mz];
      if (vals.some((v) => v !== undefined && !finite(v))) err.error("LOAD_INVALID", `A point load on frame "${ld.frame}" has a non-finite component.`, solverExtras("Use finite numbers (N, N·m).", { frames: [ld.frame] }));
      if (!finite(ld.position) || ld.position < 0 || ld.position > 1) err.error("LOAD_INVALID", `A point load on frame "${ld.frame}" has position ${finite(ld.position) ? ld.position : "(not a number)"}; it must be a fraction 0..1 of the length.`, solverExtras("Give the position as a fraction of the length from node i (0.5 = midspan).", { frames: [ld.frame] }));
      if (ld.axes !== "global" && ld.axes !== "local") err.error("LOAD_INVALID", `A point load on frame "${ld.frame}" has axes "${String(ld.axes)}".`, solverExtras("Use 'global' or 'local'.", { frames: [ld.frame] }));
    } else if (ld.kind === "frame_distributed") {
      if (!frameIndex.has(ld.frame)) err.error("REF_MISSING", `A distributed load refers to missing frame "${ld.frame}".`, solverExtras("Create the frame or fix the load.", { frames: [ld.frame] }));
      const vals = [...(ld.w1 ?? []), ...(ld.w2 ?? [])];
      if (vals.length !== 6 || vals.some((v) => !finite(v))) err.error("LOAD_INVALID", `A distributed load on frame "${ld.frame}" needs w1 and w2 as three finite numbers each (N/m).`, solverExtras("e.g. w1: [0, 0, -5000], w2: [0, 0, -5000].", { frames: [ld.frame] }));
      if (!finite(ld.start) || !finite(ld.end) || ld.start < 0 || ld.end > 1 || !(ld.end > ld.start)) err.error("LOAD_INVALID", `A distributed load on frame "${ld.frame}" spans ${finite(ld.start) ? ld.start : "?"}..${finite(ld.end) ? ld.end : "?"}; it needs 0 ≤ start < end ≤ 1.`, solverExtras("Give start and end as fractions of the length from node i.", { frames: [ld.frame] }));
      if (ld.axes !== "global" && ld.axes !== "local") err.error("LOAD_INVALID", `A distributed load on frame "${ld.frame}" has axes "${String(ld.axes)}".`, solverExtras("Use 'global' or 'local'.", { frames: [ld.frame] }));
    } else {
      err.error("LOAD_INVALID", `Unknown load kind "${String((ld as { kind?: unknown }).kind)}".`, solverExtras("Use 'nodal', 'frame_point' or 'frame_distributed'."));
    }
  }
}

function checkCombinations(model: AnalysisModel, caseIndex: Map<string, number>, err: SolverSink): void {
  const comboIds = new Set<string>();
  for (const c of Array.isArray(model.combinations) ? model.combinations : []) {
    if (comboIds.has(c.id)) err.error("DUPLICATE_ID", `Combination id "${c.id}" is used more than once.`, solverExtras("Give every combination a unique id."));
    comboIds.add(c.id);
    for (const [cid, fct] of Object.entries(c.factors ?? {})) {
      if (!caseIndex.has(cid)) err.error("REF_MISSING", `Combination "${c.id}" refers to missing load case "${cid}".`, solverExtras("Create the load case or remove it from the combination."));
      if (!finite(fct)) err.error("LOAD_INVALID", `Combination "${c.id}" has a non-finite factor for "${cid}".`, solverExtras("Use a number, e.g. 1.35."));
    }
  }
}
