/**
 * Model checks: an ordered list of single-purpose functions `(model, opts) => Issue[]`, run by
 * `validateModel`. Each check opens with the rule it enforces. The spec is structural-domain.md §3.4
 * (SkyCiv model-repair checks and PyNite's stability/orphan/duplicate checks).
 *
 * Performance: every check is O(n) or O(n log n) over rows: Maps for references, a spatial hash for
 * coincident nodes and union-find for connectivity (100k frames + 35k nodes validate in ~0.1 s).
 * Pass `opts.index` (from `indexModel`) to share look-up maps between checks; `validateModel` does.
 */
import type { Frame, Load, Material, Node, Section, StructuralModel, Support } from "./schema";
import { DOF_CODE_PATTERN, DOF_NAMES } from "./schema";
import type { ElementRef, Issue, IssueCode, Severity } from "./issues";
import { makeIssue } from "./issues";
import { UnionFind } from "./connectivity";
import { PointGrid } from "./spatial";
import { verticalUnit } from "./geometry";
import { UNIT_CHECKS } from "./checks-units";

/** PyNite's `merge_duplicate_nodes` default tolerance: 1 mm. */
export const DEFAULT_COINCIDENT_TOLERANCE = 1e-3;

export interface CheckOptions {
  /** Distance (m) under which two nodes count as coincident and a frame as zero-length. Default 1e-3. */
  coincidentTolerance?: number;
  /** Shared look-up maps; built on demand when absent. */
  index?: ModelIndex;
}

export interface ModelIndex {
  nodeById: Map<string, Node>;
  /** node id → position in model.nodes (first occurrence) */
  nodeIndex: Map<string, number>;
  frameById: Map<string, Frame>;
  sectionById: Map<string, Section>;
  materialById: Map<string, Material>;
  caseIds: Set<string>;
  /** frames per node id */
  nodeFrameCount: Map<string, number>;
  supportByNode: Map<string, Support[]>;
}

export function indexModel(model: StructuralModel): ModelIndex {
  const nodeById = new Map<string, Node>();
  const nodeIndex = new Map<string, number>();
  model.nodes.forEach((n, k) => {
    if (nodeById.has(n.id)) return;
    nodeById.set(n.id, n);
    nodeIndex.set(n.id, k);
  });
  const frameById = new Map<string, Frame>();
  const nodeFrameCount = new Map<string, number>();
  for (const f of model.frames) {
    if (!frameById.has(f.id)) frameById.set(f.id, f);
    nodeFrameCount.set(f.i, (nodeFrameCount.get(f.i) ?? 0) + 1);
    if (f.j !== f.i) nodeFrameCount.set(f.j, (nodeFrameCount.get(f.j) ?? 0) + 1);
  }
  const supportByNode = new Map<string, Support[]>();
  for (const s of model.supports) {
    const list = supportByNode.get(s.nodeId);
    if (list) list.push(s);
    else supportByNode.set(s.nodeId, [s]);
  }
  return {
    nodeById,
    nodeIndex,
    frameById,
    sectionById: new Map(model.sections.map((s) => [s.id, s])),
    materialById: new Map(model.materials.map((m) => [m.id, m])),
    caseIds: new Set(model.loadCases.map((c) => c.id)),
    nodeFrameCount,
    supportByNode,
  };
}

const idx = (model: StructuralModel, opts: CheckOptions): ModelIndex => opts.index ?? indexModel(model);
const tolOf = (opts: CheckOptions): number => opts.coincidentTolerance ?? DEFAULT_COINCIDENT_TOLERANCE;

const nodeRef = (n: Pick<Node, "id" | "label">): ElementRef => ({ kind: "node", id: n.id, label: n.label });
const frameRef = (f: Pick<Frame, "id" | "label">): ElementRef => ({ kind: "frame", id: f.id, label: f.label });
const fmtLen = (m: number): string => (Math.abs(m) >= 0.01 || m === 0 ? `${+m.toPrecision(6)} m` : `${+(m * 1000).toPrecision(4)} mm`);
const isFiniteNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

function issue(code: IssueCode, severity: Severity, message: string, elements: ElementRef[], hint?: string, path?: (string | number)[]): Issue {
  const extras: { elements: ElementRef[]; hint?: string; path?: (string | number)[] } = { elements };
  if (hint !== undefined) extras.hint = hint;
  if (path !== undefined) extras.path = path;
  return makeIssue(code, severity, message, extras);
}

// ── 1. Shape-level checks (guard rows that bypassed the schema, e.g. read from an old DB row) ───

/**
 * EMPTY_MODEL (info): the model has no frames. Nothing can be analysed until frames are added.
 */
export function checkEmptyModel(model: StructuralModel, _opts: CheckOptions = {}): Issue[] {
  if (model.frames.length > 0) return [];
  return [issue("EMPTY_MODEL", "info", "The model has no frames yet. Add nodes and frames (add_elements) or import a model.", [])];
}

/**
 * DUPLICATE_ID (error): within each kind, ids are unique.
 */
export function checkDuplicateIds(model: StructuralModel, _opts: CheckOptions = {}): Issue[] {
  const out: Issue[] = [];
  const kinds = [
    ["nodes", "node"], ["frames", "frame"], ["supports", "support"], ["sections", "section"],
    ["materials", "material"], ["loadCases", "loadCase"], ["loads", "load"], ["combinations", "combination"],
  ] as const;
  for (const [key, kind] of kinds) {
    const seen = new Set<string>();
    const rows = model[key] as readonly { id: string }[];
    rows.forEach((r, k) => {
      if (seen.has(r.id)) {
        out.push(issue("DUPLICATE_ID", "error", `Two ${key} share the id "${r.id}". Give each row a unique id.`, [{ kind, id: r.id }], undefined, [key, k, "id"]));
      }
      seen.add(r.id);
    });
  }
  return out;
}

/**
 * NON_FINITE_COORDINATE (error): node coordinates are finite numbers.
 * NON_FINITE_VALUE (error): roll, orientation, section and material properties, load values and
 * combination factors are finite numbers.
 */
export function checkFiniteValues(model: StructuralModel, _opts: CheckOptions = {}): Issue[] {
  const out: Issue[] = [];
  for (const n of model.nodes) {
    if (!isFiniteNum(n.x) || !isFiniteNum(n.y) || !isFiniteNum(n.z)) {
      out.push(issue("NON_FINITE_COORDINATE", "error", `Node "${n.label}" has a non-finite coordinate (${n.x}, ${n.y}, ${n.z}). Set x, y and z to finite numbers in metres.`, [nodeRef(n)]));
    }
  }
  const bad = (vals: readonly unknown[]) => vals.some((v) => !isFiniteNum(v));
  for (const f of model.frames) {
    const o = f.orientation;
    if (bad([f.roll]) || (o !== null && bad([o.x, o.y, o.z]))) {
      out.push(issue("NON_FINITE_VALUE", "error", `Frame "${f.label}" has a non-finite roll or orientation. Set roll in degrees (0 by default).`, [frameRef(f)]));
    }
  }
  for (const s of model.sections) {
    if (bad([s.A, s.Iy, s.Iz, s.J])) {
      out.push(issue("NON_FINITE_VALUE", "error", `Section "${s.name}" has a non-finite A, Iy, Iz or J. Give finite values in m² and m⁴.`, [{ kind: "section", id: s.id, label: s.name }]));
    }
  }
  for (const m of model.materials) {
    if (bad([m.E, m.G, m.nu, m.density]) || (m.fy !== null && bad([m.fy]))) {
      out.push(issue("NON_FINITE_VALUE", "error", `Material "${m.name}" has a non-finite E, G, nu, density or fy. Give finite SI values.`, [{ kind: "material", id: m.id, label: m.name }]));
    }
  }
  for (const l of model.loads) {
    const vals: unknown[] =
      l.kind === "frame_distributed"
        ? [l.w1.x, l.w1.y, l.w1.z, l.w2.x, l.w2.y, l.w2.z, l.start, l.end]
        : l.kind === "frame_point"
          ? [l.fx, l.fy, l.fz, l.mx, l.my, l.mz, l.position]
          : [l.fx, l.fy, l.fz, l.mx, l.my, l.mz];
    if (bad(vals)) out.push(issue("NON_FINITE_VALUE", "error", `Load ${l.id} has a non-finite value. Give finite forces (N), moments (N·m) and intensities (N/m).`, [{ kind: "load", id: l.id }]));
  }
  for (const c of model.combinations) {
    if (bad(c.factors.map((f) => f.factor))) {
      out.push(issue("NON_FINITE_VALUE", "error", `Combination "${c.name}" has a non-finite factor.`, [{ kind: "combination", id: c.id, label: c.name }]));
    }
  }
  return out;
}

/**
 * INVALID_DOF_CODE (error): support codes and frame end releases are 6 characters of F/R in the
 * order ux uy uz rx ry rz.
 */
export function checkDofCodes(model: StructuralModel, opts: CheckOptions = {}): Issue[] {
  const out: Issue[] = [];
  const { nodeById } = idx(model, opts);
  for (const s of model.supports) {
    if (!DOF_CODE_PATTERN.test(s.code)) {
      const n = nodeById.get(s.nodeId);
      out.push(issue("INVALID_DOF_CODE", "error", `The support on node "${n?.label ?? s.nodeId}" has code "${s.code}". Use 6 letters F (restrained) / R (free) for ux uy uz rx ry rz, e.g. "FFFFFF" fixed, "FFFRRR" pinned.`, [{ kind: "support", id: s.id }, ...(n ? [nodeRef(n)] : [])]));
    }
  }
  for (const f of model.frames) {
    for (const [end, code] of [["releaseI", f.releaseI], ["releaseJ", f.releaseJ]] as const) {
      if (!DOF_CODE_PATTERN.test(code)) {
        out.push(issue("INVALID_DOF_CODE", "error", `Frame "${f.label}" has ${end} "${code}". Use 6 letters F (connected) / R (released) for ux uy uz rx ry rz, e.g. "FFFFRR" for a pin.`, [frameRef(f)]));
      }
    }
  }
  return out;
}

// ── 2. Names and labels ─────────────────────────────────────────────────────────────────────────

/**
 * DUPLICATE_NODE (error): node labels are unique (users and the LLM refer to nodes by label).
 */
export function checkDuplicateNodeLabels(model: StructuralModel, _opts: CheckOptions = {}): Issue[] {
  const out: Issue[] = [];
  const first = new Map<string, Node>();
  for (const n of model.nodes) {
    const prev = first.get(n.label);
    if (prev) out.push(issue("DUPLICATE_NODE", "error", `Nodes ${prev.id} and ${n.id} are both labelled "${n.label}". Relabel one of them so references are unambiguous.`, [nodeRef(prev), nodeRef(n)]));
    else first.set(n.label, n);
  }
  return out;
}

/**
 * DUPLICATE_LABEL (error): frame labels are unique.
 * DUPLICATE_NAME (error): section, material, load-case and combination names are unique
 * (case-insensitive: they are referred to by name).
 */
export function checkDuplicateLabels(model: StructuralModel, _opts: CheckOptions = {}): Issue[] {
  const out: Issue[] = [];
  const first = new Map<string, Frame>();
  for (const f of model.frames) {
    const prev = first.get(f.label);
    if (prev) out.push(issue("DUPLICATE_LABEL", "error", `Frames ${prev.id} and ${f.id} are both labelled "${f.label}". Relabel one of them.`, [frameRef(prev), frameRef(f)]));
    else first.set(f.label, f);
  }
  const named = [
    ["sections", "section"], ["materials", "material"], ["loadCases", "loadCase"], ["combinations", "combination"],
  ] as const;
  for (const [key, kind] of named) {
    const seen = new Map<string, { id: string; name: string }>();
    for (const r of model[key] as readonly { id: string; name: string }[]) {
      const k = r.name.toLowerCase();
      const prev = seen.get(k);
      if (prev) out.push(issue("DUPLICATE_NAME", "error", `Two ${key} are named "${r.name}". Rename one; rows are referred to by name.`, [{ kind, id: prev.id, label: prev.name }, { kind, id: r.id, label: r.name }]));
      else seen.set(k, r);
    }
  }
  return out;
}

// ── 3. Frames ───────────────────────────────────────────────────────────────────────────────────

/**
 * UNKNOWN_NODE / UNKNOWN_SECTION / UNKNOWN_MATERIAL (error): a frame's i, j, sectionId and
 * materialId refer to rows that exist.
 */
export function checkFrameReferences(model: StructuralModel, opts: CheckOptions = {}): Issue[] {
  const out: Issue[] = [];
  const { nodeById, sectionById, materialById } = idx(model, opts);
  for (const f of model.frames) {
    for (const end of ["i", "j"] as const) {
      if (!nodeById.has(f[end])) out.push(issue("UNKNOWN_NODE", "error", `Frame "${f.label}" end ${end} refers to node ${f[end]}, which does not exist. Reconnect the frame or remove it.`, [frameRef(f)]));
    }
    if (f.sectionId !== null && !sectionById.has(f.sectionId)) out.push(issue("UNKNOWN_SECTION", "error", `Frame "${f.label}" refers to section ${f.sectionId}, which does not exist. Assign an existing or catalogue section.`, [frameRef(f)]));
    if (f.materialId !== null && !materialById.has(f.materialId)) out.push(issue("UNKNOWN_MATERIAL", "error", `Frame "${f.label}" refers to material ${f.materialId}, which does not exist. Assign an existing or catalogue material.`, [frameRef(f)]));
  }
  return out;
}

/**
 * MISSING_SECTION / MISSING_MATERIAL (error): every frame has a section and a material, because
 * the analysis needs A, Iy, Iz, J and E, G. One issue per missing kind, listing the frames.
 */
export function checkMissingProperties(model: StructuralModel, _opts: CheckOptions = {}): Issue[] {
  const noSec = model.frames.filter((f) => f.sectionId === null);
  const noMat = model.frames.filter((f) => f.materialId === null);
  const out: Issue[] = [];
  const list = (fs: Frame[]) => fs.slice(0, 10).map((f) => f.label).join(", ") + (fs.length > 10 ? ` and ${fs.length - 10} more` : "");
  if (noSec.length > 0) out.push(issue("MISSING_SECTION", "error", `${noSec.length} frame(s) have no section (${list(noSec)}). Assign one, e.g. a catalogue name like "IPE300" or "W14x22", before analysis.`, noSec.map(frameRef)));
  if (noMat.length > 0) out.push(issue("MISSING_MATERIAL", "error", `${noMat.length} frame(s) have no material (${list(noMat)}). Assign one, e.g. "S355", "A992" or "C30/37", before analysis.`, noMat.map(frameRef)));
  return out;
}

/**
 * ZERO_LENGTH_FRAME (error): a frame's ends are different nodes at least `coincidentTolerance` apart.
 */
export function checkZeroLengthFrames(model: StructuralModel, opts: CheckOptions = {}): Issue[] {
  const out: Issue[] = [];
  const { nodeById } = idx(model, opts);
  const tol = tolOf(opts);
  for (const f of model.frames) {
    if (f.i === f.j) {
      out.push(issue("ZERO_LENGTH_FRAME", "error", `Frame "${f.label}" starts and ends at the same node. Connect it to two different nodes or remove it.`, [frameRef(f)]));
      continue;
    }
    const a = nodeById.get(f.i);
    const b = nodeById.get(f.j);
    if (!a || !b) continue;
    const L = Math.hypot(b.x - a.x, b.y - a.y, b.z - a.z);
    if (L < tol) out.push(issue("ZERO_LENGTH_FRAME", "error", `Frame "${f.label}" is ${fmtLen(L)} long: nodes "${a.label}" and "${b.label}" coincide. Merge the nodes and remove the frame, or move one node.`, [frameRef(f), nodeRef(a), nodeRef(b)]));
  }
  return out;
}

/**
 * DUPLICATE_FRAME (error): no two frames connect the same pair of nodes, in either direction.
 */
export function checkDuplicateFrames(model: StructuralModel, opts: CheckOptions = {}): Issue[] {
  const out: Issue[] = [];
  const { nodeIndex } = idx(model, opts);
  const seen = new Map<number, Frame>();
  const base = model.nodes.length + 1; // keys lo·base + hi stay small integers for typical models
  for (const f of model.frames) {
    if (f.i === f.j) continue;
    const a = nodeIndex.get(f.i);
    const b = nodeIndex.get(f.j);
    if (a === undefined || b === undefined) continue;
    const key = a < b ? a * base + b : b * base + a;
    const prev = seen.get(key);
    if (prev) out.push(issue("DUPLICATE_FRAME", "error", `Frames "${prev.label}" and "${f.label}" connect the same two nodes. Remove one (or give one a different section if you meant a single member).`, [frameRef(prev), frameRef(f)]));
    else seen.set(key, f);
  }
  return out;
}

/**
 * INVALID_ORIENTATION (error): an orientation vector, when given, is non-zero and not parallel to
 * the frame (it defines local y).
 */
export function checkOrientation(model: StructuralModel, opts: CheckOptions = {}): Issue[] {
  const out: Issue[] = [];
  const { nodeById } = idx(model, opts);
  for (const f of model.frames) {
    const o = f.orientation;
    if (o === null) continue;
    const a = nodeById.get(f.i);
    const b = nodeById.get(f.j);
    if (!a || !b) continue;
    const d = [b.x - a.x, b.y - a.y, b.z - a.z] as const;
    const L = Math.hypot(d[0], d[1], d[2]);
    const on = Math.hypot(o.x, o.y, o.z);
    if (!(L > 0)) continue;
    if (!(on > 0)) {
      out.push(issue("INVALID_ORIENTATION", "error", `Frame "${f.label}" has a zero orientation vector. Remove it (null) to use the default "local y up" rule, or give a vector across the member.`, [frameRef(f)]));
      continue;
    }
    const c = Math.abs(d[0] * o.x + d[1] * o.y + d[2] * o.z) / (L * on);
    if (c > 1 - 1e-9) out.push(issue("INVALID_ORIENTATION", "error", `Frame "${f.label}" has an orientation vector parallel to the member, so local y is undefined. Give a vector across the member, or use roll instead.`, [frameRef(f)]));
  }
  return out;
}

/**
 * UNSTABLE_RELEASES (warning): releasing the same translation, or the torsion (rx), at BOTH ends of
 * a frame makes the frame a mechanism (it can slide or spin freely). Release bending (ry, rz) for
 * pins instead: "FFFFRR".
 */
export function checkReleases(model: StructuralModel, _opts: CheckOptions = {}): Issue[] {
  const out: Issue[] = [];
  for (const f of model.frames) {
    if (f.releaseI === "FFFFFF" || f.releaseJ === "FFFFFF") continue;
    const both: string[] = [];
    for (let k = 0; k < 4; k++) if (f.releaseI[k] === "R" && f.releaseJ[k] === "R") both.push(DOF_NAMES[k] ?? String(k));
    if (both.length > 0) out.push(issue("UNSTABLE_RELEASES", "warning", `Frame "${f.label}" releases ${both.join(", ")} at both ends, which makes it a mechanism. Keep ${both.join(", ")} connected at one end (a pinned member is "FFFFRR" at both ends).`, [frameRef(f)]));
  }
  return out;
}

// ── 4. Sections and materials ───────────────────────────────────────────────────────────────────

/**
 * INVALID_PROPERTY (error): section A, Iy, Iz, J > 0.
 * SECTION_AXES_SUSPECT (warning): an I or channel shape with Iy > Iz; Spectral's Iz is the strong
 * axis, so the values were probably entered in the EN (y-y strong) convention.
 */
export function checkSectionProperties(model: StructuralModel, _opts: CheckOptions = {}): Issue[] {
  const out: Issue[] = [];
  for (const s of model.sections) {
    const ref: ElementRef = { kind: "section", id: s.id, label: s.name };
    const badKeys = (["A", "Iy", "Iz", "J"] as const).filter((k) => !(s[k] > 0));
    if (badKeys.length > 0) {
      out.push(issue("INVALID_PROPERTY", "error", `Section "${s.name}" has ${badKeys.map((k) => `${k} = ${s[k]}`).join(", ")}; A, Iy, Iz and J must be > 0 (m², m⁴). Fix the values or use a catalogue section.`, [ref]));
      continue;
    }
    if (s.shape && (s.shape.type === "I" || s.shape.type === "channel") && s.Iy > s.Iz) {
      out.push(issue("SECTION_AXES_SUSPECT", "warning", `Section "${s.name}" is an ${s.shape.type} shape with Iy (${s.Iy.toExponential(3)}) > Iz (${s.Iz.toExponential(3)}). In Spectral Iz is the STRONG axis; swap Iy and Iz if you used the Eurocode y-y = strong convention.`, [ref]));
    }
  }
  return out;
}

/**
 * INVALID_PROPERTY (error): material E > 0, G > 0, 0 ≤ ν ≤ 0.5, density ≥ 0, fy > 0 when given.
 */
export function checkMaterialProperties(model: StructuralModel, _opts: CheckOptions = {}): Issue[] {
  const out: Issue[] = [];
  for (const m of model.materials) {
    const problems: string[] = [];
    if (!(m.E > 0)) problems.push(`E = ${m.E} (must be > 0 Pa)`);
    if (!(m.G > 0)) problems.push(`G = ${m.G} (must be > 0 Pa)`);
    if (!(m.nu >= 0 && m.nu <= 0.5)) problems.push(`nu = ${m.nu} (must be 0..0.5)`);
    if (!(m.density >= 0)) problems.push(`density = ${m.density} (must be ≥ 0 kg/m³)`);
    if (m.fy !== null && !(m.fy > 0)) problems.push(`fy = ${m.fy} (must be > 0 Pa or null)`);
    if (problems.length > 0) out.push(issue("INVALID_PROPERTY", "error", `Material "${m.name}" has ${problems.join(", ")}. Fix the values or use a catalogue material such as "S355".`, [{ kind: "material", id: m.id, label: m.name }]));
  }
  return out;
}

// ── 5. Nodes ────────────────────────────────────────────────────────────────────────────────────

/**
 * COINCIDENT_NODES (warning): no two distinct nodes lie within `coincidentTolerance` (default 1 mm,
 * as PyNite's merge_duplicate_nodes). Frames meeting at "almost" the same point are not connected.
 */
export function checkCoincidentNodes(model: StructuralModel, opts: CheckOptions = {}): Issue[] {
  const out: Issue[] = [];
  const tol = tolOf(opts);
  if (!(tol > 0) || model.nodes.length < 2) return out;
  const grid = new PointGrid(tol);
  const nodes: Node[] = [];
  for (const n of model.nodes) {
    if (!isFiniteNum(n.x) || !isFiniteNum(n.y) || !isFiniteNum(n.z)) continue;
    grid.forEachNear(n.x, n.y, n.z, tol, (k, d) => {
      const other = nodes[k] as Node;
      out.push(issue("COINCIDENT_NODES", "warning", `Nodes "${other.label}" and "${n.label}" are ${fmtLen(d)} apart, so frames meeting there are not connected. Merge them (reconnect frames to one node and remove the other).`, [nodeRef(other), nodeRef(n)]));
    });
    grid.add(n.x, n.y, n.z);
    nodes.push(n);
  }
  return out;
}

/**
 * UNCONNECTED_NODE (warning): every node is used by at least one frame (SkyCiv `unused_nodes`,
 * PyNite `orphaned_nodes`). A lone node adds six unrestrained DOFs to the analysis.
 */
export function checkUnconnectedNodes(model: StructuralModel, opts: CheckOptions = {}): Issue[] {
  const { nodeFrameCount } = idx(model, opts);
  const out: Issue[] = [];
  for (const n of model.nodes) {
    if (!nodeFrameCount.has(n.id)) out.push(issue("UNCONNECTED_NODE", "warning", `Node "${n.label}" is not used by any frame. Connect a frame to it or remove it.`, [nodeRef(n)]));
  }
  return out;
}

// ── 6. Supports and stability ───────────────────────────────────────────────────────────────────

/**
 * UNKNOWN_NODE (error): a support's node exists.
 * DUPLICATE_SUPPORT (error): at most one support per node.
 */
export function checkSupports(model: StructuralModel, opts: CheckOptions = {}): Issue[] {
  const out: Issue[] = [];
  const { nodeById, supportByNode } = idx(model, opts);
  for (const s of model.supports) {
    if (!nodeById.has(s.nodeId)) out.push(issue("UNKNOWN_NODE", "error", `Support ${s.id} is on node ${s.nodeId}, which does not exist. Remove the support or move it to an existing node.`, [{ kind: "support", id: s.id }]));
  }
  for (const [nodeId, list] of supportByNode) {
    if (list.length > 1) {
      const n = nodeById.get(nodeId);
      out.push(issue("DUPLICATE_SUPPORT", "error", `Node "${n?.label ?? nodeId}" has ${list.length} supports (${list.map((s) => s.code).join(", ")}). Keep one support per node with the combined code.`, list.map((s): ElementRef => ({ kind: "support", id: s.id }))));
    }
  }
  return out;
}

/**
 * Connectivity and rigid-body motion (union-find over frames):
 * NO_SUPPORTS (error): a model with frames has at least one support.
 * DISCONNECTED_PARTS (warning): all frames form one connected structure.
 * UNSUPPORTED_PART (error): every connected part has at least one support.
 * INSUFFICIENT_RESTRAINT (warning): each supported part is restrained in X, Y and Z translation
 * somewhere, and a part held at a single node is restrained in rotation there.
 */
export function checkConnectivity(model: StructuralModel, opts: CheckOptions = {}): Issue[] {
  const out: Issue[] = [];
  if (model.frames.length === 0) return out;
  const { nodeById, nodeIndex: pos } = idx(model, opts);
  const supports = model.supports.filter((s) => nodeById.has(s.nodeId));
  if (supports.length === 0) {
    out.push(issue("NO_SUPPORTS", "error", "The model has no supports, so it can move as a rigid body. Add supports, e.g. { node: \"N1\", type: \"fixed\" } at the column bases.", []));
  }
  // union-find over node positions
  const uf = new UnionFind(model.nodes.length);
  const find = (a: number): number => uf.find(a);
  const used = new Uint8Array(model.nodes.length);
  const nf = model.frames.length;
  const fi = new Int32Array(nf);
  for (let k = 0; k < nf; k++) {
    const f = model.frames[k] as Frame;
    const a = pos.get(f.i);
    const b = pos.get(f.j);
    if (a === undefined || b === undefined) {
      fi[k] = -1;
      continue;
    }
    fi[k] = a;
    used[a] = 1;
    used[b] = 1;
    uf.union(a, b);
  }
  // parts = roots of used nodes
  const parts = new Map<number, { nodes: number; frames: Frame[]; supports: Support[]; sample: Node }>();
  model.nodes.forEach((n, k) => {
    if (!used[k]) return;
    const r = find(k);
    const p = parts.get(r);
    if (p) p.nodes++;
    else parts.set(r, { nodes: 1, frames: [], supports: [], sample: n });
  });
  for (let k = 0; k < nf; k++) {
    const a = fi[k] as number;
    if (a >= 0) parts.get(find(a))?.frames.push(model.frames[k] as Frame);
  }
  for (const s of supports) {
    const k = pos.get(s.nodeId);
    if (k === undefined || !used[k]) continue;
    parts.get(find(k))?.supports.push(s);
  }
  const partList = [...parts.values()].sort((a, b) => b.frames.length - a.frames.length);
  if (partList.length > 1) {
    out.push(issue("DISCONNECTED_PARTS", "warning", `The frames form ${partList.length} separate structures (largest ${partList[0]?.frames.length ?? 0} frames, smallest ${partList[partList.length - 1]?.frames.length ?? 0}). Connect them with frames, or check for nodes that should have been merged.`, partList.slice(0, 20).map((p) => nodeRef(p.sample))));
  }
  if (supports.length === 0) return out;
  const up = verticalUnit(model.meta.verticalAxis);
  const vertName = up[2] === 1 ? "Z" : "Y";
  for (const p of partList) {
    const sample = p.frames[0];
    const els: ElementRef[] = sample ? [frameRef(sample), nodeRef(p.sample)] : [nodeRef(p.sample)];
    if (p.supports.length === 0) {
      out.push(issue("UNSUPPORTED_PART", "error", `A part of ${p.frames.length} frame(s) containing node "${p.sample.label}" has no support, so it can move freely. Add a support to it or connect it to the supported structure.`, els));
      continue;
    }
    const free: string[] = [];
    (["X", "Y", "Z"] as const).forEach((axis, k) => {
      if (!p.supports.some((s) => s.code[k] === "F")) free.push(axis);
    });
    if (free.length > 0) {
      out.push(issue("INSUFFICIENT_RESTRAINT", "warning", `The part containing node "${p.sample.label}" is not restrained in global ${free.join(", ")} translation by any support, so it can slide. Restrain ${free.join(", ")} at one or more supports (vertical axis is ${vertName}).`, els));
      continue;
    }
    const supportNodes = new Set(p.supports.map((s) => s.nodeId));
    if (supportNodes.size === 1) {
      const s = p.supports[0] as Support;
      if (!/F/.test(s.code.slice(3))) {
        out.push(issue("INSUFFICIENT_RESTRAINT", "warning", `The part containing node "${p.sample.label}" is held only at one node with a pinned support (${s.code}), so it can rotate about it. Fix that support ("FFFFFF") or add more supports.`, els));
      }
    }
  }
  return out;
}

// ── 7. Loads and combinations ───────────────────────────────────────────────────────────────────

/**
 * UNKNOWN_LOAD_CASE / UNKNOWN_NODE / UNKNOWN_FRAME (error): a load's case and target exist.
 * INVALID_LOAD_POSITION (error): point positions are in 0..1; distributed loads have
 * 0 ≤ start < end ≤ 1.
 */
export function checkLoads(model: StructuralModel, opts: CheckOptions = {}): Issue[] {
  const out: Issue[] = [];
  const { nodeById, frameById, caseIds } = idx(model, opts);
  const ref = (l: Load): ElementRef => ({ kind: "load", id: l.id });
  for (const l of model.loads) {
    if (!caseIds.has(l.caseId)) out.push(issue("UNKNOWN_LOAD_CASE", "error", `Load ${l.id} belongs to load case ${l.caseId}, which does not exist. Move it to an existing case or remove it.`, [ref(l)]));
    if (l.kind === "nodal") {
      if (!nodeById.has(l.nodeId)) out.push(issue("UNKNOWN_NODE", "error", `Nodal load ${l.id} is on node ${l.nodeId}, which does not exist. Remove the load or move it to an existing node.`, [ref(l)]));
      continue;
    }
    const f = frameById.get(l.frameId);
    if (!f) out.push(issue("UNKNOWN_FRAME", "error", `Load ${l.id} is on frame ${l.frameId}, which does not exist. Remove the load or move it to an existing frame.`, [ref(l)]));
    const els = f ? [ref(l), frameRef(f)] : [ref(l)];
    if (l.kind === "frame_point") {
      if (!(l.position >= 0 && l.position <= 1)) out.push(issue("INVALID_LOAD_POSITION", "error", `Point load ${l.id} is at position ${l.position}; positions are fractions 0..1 of the frame length from end i.`, els));
    } else if (!(l.start >= 0 && l.end <= 1 && l.start < l.end)) {
      out.push(issue("INVALID_LOAD_POSITION", "error", `Distributed load ${l.id} runs from ${l.start} to ${l.end}; use fractions with 0 ≤ start < end ≤ 1.`, els));
    }
  }
  return out;
}

/**
 * UNKNOWN_LOAD_CASE (error): every combination factor refers to an existing load case.
 * EMPTY_COMBINATION (warning): a combination has at least one factor.
 */
export function checkCombinations(model: StructuralModel, opts: CheckOptions = {}): Issue[] {
  const out: Issue[] = [];
  const { caseIds } = idx(model, opts);
  for (const c of model.combinations) {
    const ref: ElementRef = { kind: "combination", id: c.id, label: c.name };
    if (c.factors.length === 0) out.push(issue("EMPTY_COMBINATION", "warning", `Combination "${c.name}" has no factors. Add factors like { "Dead": 1.35, "Live": 1.5 } or remove it.`, [ref]));
    for (const f of c.factors) {
      if (!caseIds.has(f.caseId)) out.push(issue("UNKNOWN_LOAD_CASE", "error", `Combination "${c.name}" refers to load case ${f.caseId}, which does not exist. Remove that factor or create the case.`, [ref]));
    }
  }
  return out;
}

/**
 * SELFWEIGHT_NO_DENSITY (warning): when a load case includes self-weight (selfWeightFactor ≠ 0),
 * the frames' materials have density > 0, otherwise their self-weight is silently zero.
 */
export function checkSelfWeightDensity(model: StructuralModel, opts: CheckOptions = {}): Issue[] {
  const cases = model.loadCases.filter((c) => c.selfWeightFactor !== null && c.selfWeightFactor !== 0);
  if (cases.length === 0) return [];
  const { materialById } = idx(model, opts);
  const zero = new Map<string, number>();
  for (const f of model.frames) {
    if (f.materialId === null) continue;
    const m = materialById.get(f.materialId);
    if (m && !(m.density > 0)) zero.set(m.id, (zero.get(m.id) ?? 0) + 1);
  }
  const out: Issue[] = [];
  for (const [id, count] of zero) {
    const m = materialById.get(id) as Material;
    out.push(issue("SELFWEIGHT_NO_DENSITY", "warning", `Load case(s) ${cases.map((c) => `"${c.name}"`).join(", ")} include self-weight, but material "${m.name}" (used by ${count} frame(s)) has density 0, so those frames weigh nothing. Set its density in kg/m³ (steel 7850, concrete 2500).`, [{ kind: "material", id: m.id, label: m.name }, ...cases.map((c): ElementRef => ({ kind: "loadCase", id: c.id, label: c.name }))]));
  }
  return out;
}

// ── 8. Units sanity ─────────────────────────────────────────────────────────────────────────────

/** Thresholds for UNITS_SUSPECT (SI). */
export const UNITS_SUSPECT_LIMITS = {
  maxExtent: 10_000,
  maxFrameLength: 1_000,
  minFrameLength: 0.01,
  maxSlenderness: 2_000,
  minSlenderness: 0.5,
  maxArea: 10,
  minArea: 1e-6,
  minE: 1e8,
  maxE: 1e13,
  minDensity: 100,
  maxDensity: 30_000,
} as const;

/**
 * UNITS_SUSPECT (warning): sizes and properties fall in plausible SI ranges. Catches the classic
 * mistakes: millimetres entered as metres (model extent > 10 km, frames > 1 km), section properties
 * in mm² / cm⁴ entered as m² / m⁴ (A > 10 m², L/r < 0.5), E in MPa or GPa entered as Pa
 * (E < 0.1 GPa), density in t/m³ or kN/m³ (0 < ρ < 100 kg/m³), and extreme slenderness L/r > 2000.
 */
export function checkUnitsSuspect(model: StructuralModel, opts: CheckOptions = {}): Issue[] {
  const out: Issue[] = [];
  const lim = UNITS_SUSPECT_LIMITS;
  const { nodeById, sectionById } = idx(model, opts);
  if (model.nodes.length > 1) {
    let x0 = Infinity, y0 = Infinity, z0 = Infinity, x1 = -Infinity, y1 = -Infinity, z1 = -Infinity;
    for (const n of model.nodes) {
      if (n.x < x0) x0 = n.x; if (n.x > x1) x1 = n.x;
      if (n.y < y0) y0 = n.y; if (n.y > y1) y1 = n.y;
      if (n.z < z0) z0 = n.z; if (n.z > z1) z1 = n.z;
    }
    const ext = Math.max(x1 - x0, y1 - y0, z1 - z0);
    if (ext > lim.maxExtent) out.push(issue("UNITS_SUSPECT", "warning", `The model is ${fmtLen(ext)} across. Coordinates are stored in metres; if you entered millimetres, re-enter them with units { length: "mm" }.`, []));
  }
  for (const s of model.sections) {
    // A > maxArea: UNITS_SECTION_AREA (checks-units.ts).
    if (s.A > 0 && s.A < lim.minArea) out.push(issue("UNITS_SUSPECT", "warning", `Section "${s.name}" has A = ${s.A} m², which is implausible. Section properties are stored in m² and m⁴ (1 cm² = 1e-4 m², 1 cm⁴ = 1e-8 m⁴); check the units.`, [{ kind: "section", id: s.id, label: s.name }]));
  }
  for (const m of model.materials) {
    const ref: ElementRef = { kind: "material", id: m.id, label: m.name };
    // E outside its range: UNITS_MODULUS (checks-units.ts).
    if (m.density > 0 && (m.density < lim.minDensity || m.density > lim.maxDensity)) out.push(issue("UNITS_SUSPECT", "warning", `Material "${m.name}" has density ${m.density} kg/m³. Density is mass per volume in kg/m³ (steel 7850, concrete 2500); a unit weight in kN/m³ or a density in t/m³ must be converted.`, [ref]));
  }
  for (const f of model.frames) {
    const a = nodeById.get(f.i);
    const b = nodeById.get(f.j);
    if (!a || !b || f.i === f.j) continue;
    const L = Math.hypot(b.x - a.x, b.y - a.y, b.z - a.z);
    if (!(L >= tolOf(opts))) continue;
    if (L > lim.maxFrameLength) continue; // UNITS_SPAN (checks-units.ts)
    if (L < lim.minFrameLength) {
      out.push(issue("UNITS_SUSPECT", "warning", `Frame "${f.label}" is only ${fmtLen(L)} long. Check the coordinate units (metres) or merge its nodes.`, [frameRef(f)]));
      continue;
    }
    if (f.role === "cable" || f.sectionId === null) continue;
    const s = sectionById.get(f.sectionId);
    if (!s || !(s.A > 0) || !(Math.min(s.Iy, s.Iz) > 0)) continue;
    const r = Math.sqrt(Math.min(s.Iy, s.Iz) / s.A);
    const slender = L / r;
    if (slender > lim.maxSlenderness || slender < lim.minSlenderness) {
      out.push(issue("UNITS_SUSPECT", "warning", `Frame "${f.label}" (${fmtLen(L)}, section "${s.name}") has slenderness L/r = ${slender.toPrecision(3)}, which suggests a unit mistake in the coordinates or the section properties.`, [frameRef(f), { kind: "section", id: s.id, label: s.name }]));
    }
  }
  return out;
}

// ── The pipeline ────────────────────────────────────────────────────────────────────────────────

export type ModelCheck = (model: StructuralModel, opts: CheckOptions) => Issue[];

/** All checks, in the order `validateModel` runs them. */
export const MODEL_CHECKS: readonly { name: string; run: ModelCheck }[] = [
  { name: "emptyModel", run: checkEmptyModel },
  { name: "duplicateIds", run: checkDuplicateIds },
  { name: "finiteValues", run: checkFiniteValues },
  { name: "dofCodes", run: checkDofCodes },
  { name: "duplicateNodeLabels", run: checkDuplicateNodeLabels },
  { name: "duplicateLabels", run: checkDuplicateLabels },
  { name: "frameReferences", run: checkFrameReferences },
  { name: "missingProperties", run: checkMissingProperties },
  { name: "sectionProperties", run: checkSectionProperties },
  { name: "materialProperties", run: checkMaterialProperties },
  { name: "zeroLengthFrames", run: checkZeroLengthFrames },
  { name: "duplicateFrames", run: checkDuplicateFrames },
  { name: "orientation", run: checkOrientation },
  { name: "releases", run: checkReleases },
  { name: "coincidentNodes", run: checkCoincidentNodes },
  { name: "unconnectedNodes", run: checkUnconnectedNodes },
  { name: "supports", run: checkSupports },
  { name: "connectivity", run: checkConnectivity },
  { name: "loads", run: checkLoads },
  { name: "combinations", run: checkCombinations },
  { name: "selfWeightDensity", run: checkSelfWeightDensity },
  { name: "unitsSuspect", run: checkUnitsSuspect },
  ...UNIT_CHECKS,
];

export interface ValidateOptions extends CheckOptions {
  /** Run only these checks (by `MODEL_CHECKS[].name`). */
  only?: readonly string[];
  /** Skip these checks. */
  skip?: readonly string[];
}

/**
 * Run every check in order and return all issues (errors first within each check's output order).
 * `hasErrors(validateModel(m))` is false when the model is ready for analysis.
 */
export function validateModel(model: StructuralModel, opts: ValidateOptions = {}): Issue[] {
  const shared: CheckOptions = { ...opts, index: opts.index ?? indexModel(model) };
  const out: Issue[] = [];
  for (const c of MODEL_CHECKS) {
    if (opts.only && !opts.only.includes(c.name)) continue;
    if (opts.skip?.includes(c.name)) continue;
    for (const i of c.run(model, shared)) out.push(i);
  }
  return out;
}
