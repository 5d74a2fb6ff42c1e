/**
 * Types of the linear static analysis engine (3D frames, direct stiffness method).
 *
 * Units: SI throughout — m, N, Pa, kg/m³, N/m, N·m; rotations in radians; `roll` in degrees.
 *
 * ── Local axes (followed exactly by `frameAxes` in geometry.ts) ───────────────────────────────────
 *   x: from node i to node j.
 *   Reference vector r: `orientation` when given (and not parallel to x); otherwise the global
 *   vertical axis (+Z or +Y, `verticalAxis`) — or global +X when the member is vertical, i.e.
 *   |x · vertical| > 0.999 (VERTICAL_MEMBER_COSINE).
 *   y: r minus its component along x, normalised ("up" for beams: the web of an I-section).
 *   z: x × y (right-handed; horizontal for non-vertical members with roll 0).
 *   roll θ (degrees) then rotates y and z about x: y' = y cosθ + z sinθ, z' = −y sinθ + z cosθ.
 *   Iz = second moment about local z: bending in the local x–y plane (the STRONG axis);
 *   Iy = about local y: bending in the local x–z plane (weak axis).
 *
 * ── Sign conventions of results ────────────────────────────────────────────────────────────────
 *   Node displacements and reactions: global axes, right-hand rule for rotations/moments.
 *   Reactions are the forces the supports apply to the structure.
 *   Member internal forces (end forces and diagrams), local axes, acting on the POSITIVE face of a
 *   cut (the face whose outward normal is +x, i.e. the i-side part's right face):
 *     N  > 0 tension;  Vy, Vz = force components on that face along y, z;
 *     T  = moment about x;  My, Mz = moments about y, z on that face.
 *   Equilibrium along the member: dN/dx = −qx, dVy/dx = −qy, dVz/dx = −qz,
 *     dMz/dx = −Vy, dMy/dx = +Vz.
 *   Consequence: for a beam with local y up under gravity, Mz > 0 is SAGGING (tension in the
 *   −y fibre) and Mz < 0 hogging. A cantilever fixed at i loaded downward at j has Mz(0) = −P·L.
 *   End forces: `i` is the internal force at x = 0 and `j` at x = L with the same convention, so
 *   they equal the diagram's end values. The element end forces (forces the nodes apply to the
 *   member, local axes) are −i at node i and +j at node j.
 *   Deflections along a member (`ux`, `uy`, `uz` of a diagram) are total displacements of the
 *   member axis (rigid-body part included) in LOCAL axes, so the deflected shape in global axes is
 *   position(x) + ux·ex + uy·ey + uz·ez.
 */

export type DofName = "ux" | "uy" | "uz" | "rx" | "ry" | "rz";
export const DOF_NAMES: readonly DofName[] = ["ux", "uy", "uz", "rx", "ry", "rz"];

export type Vec3 = [number, number, number];
export type VerticalAxis = "Z" | "Y";

// ── Input ─────────────────────────────────────────────────────────────────────────────────────

export interface AnalysisNode {
  id: string;
  x: number;
  y: number;
  z: number;
}

export interface AnalysisFrame {
  id: string;
  /** Node ids. */
  i: string;
  j: string;
  /** Material and section, already resolved (Pa, Pa, m², m⁴, m⁴, m⁴, kg/m³). */
  E: number;
  G: number;
  A: number;
  Iy: number;
  Iz: number;
  J: number;
  density: number;
  /** Degrees about local x. */
  roll: number;
  /** Reference vector in the local x–y plane (overrides the default rule); ignored (with a warning) if zero or parallel to x. */
  orientation?: { x: number; y: number; z: number } | null;
  /** 6-char codes over ux uy uz rx ry rz in LOCAL axes: 'F' connected, 'R' released. Default 'FFFFFF'. */
  releases?: { i: string; j: string } | null;
}

export interface AnalysisSupport {
  node: string;
  /** 6-char code over ux uy uz rx ry rz in GLOBAL axes: 'F' restrained, 'R' free. */
  code: string;
}

export interface AnalysisLoadCase {
  id: string;
  name: string;
  /** Self-weight ρ·A·g·factor per unit length, along −vertical. */
  selfWeight?: { factor: number } | null;
}

export interface NodalLoad {
  kind: "nodal";
  case: string;
  node: string;
  fx?: number;
  fy?: number;
  fz?: number;
  mx?: number;
  my?: number;
  mz?: number;
}

export interface FramePointLoad {
  kind: "frame_point";
  case: string;
  frame: string;
  /** Fraction 0..1 of the length from node i. */
  position: number;
  axes: "global" | "local";
  fx?: number;
  fy?: number;
  fz?: number;
  mx?: number;
  my?: number;
  mz?: number;
}

export interface FrameDistributedLoad {
  kind: "frame_distributed";
  case: string;
  frame: string;
  /** Fractions 0..1 of the length, start < end. */
  start: number;
  end: number;
  axes: "global" | "local";
  /** N/m at start and at end (linear in between). */
  w1: [number, number, number];
  w2: [number, number, number];
  /** Global loads only: intensity is per unit length projected perpendicular to each load component (snow on a rafter). */
  projected?: boolean;
}

export type AnalysisLoad = NodalLoad | FramePointLoad | FrameDistributedLoad;

export interface AnalysisCombination {
  id: string;
  name: string;
  /** caseId → factor. */
  factors: Record<string, number>;
}

export interface AnalysisModel {
  nodes: AnalysisNode[];
  frames: AnalysisFrame[];
  supports: AnalysisSupport[];
  verticalAxis: VerticalAxis;
  loadCases: AnalysisLoadCase[];
  loads: AnalysisLoad[];
  combinations: AnalysisCombination[];
}

// ── Options ───────────────────────────────────────────────────────────────────────────────────

export type SolverName = "sparse" | "skyline";
export type OrderingName = "auto" | "amd" | "nd" | "rcm";
export type KernelName = "auto" | "wasm" | "js";

export interface AnalyzeOptions {
  /** Equally spaced diagram stations per member (≥ 2, default 11); interior point-load positions are added (twice: left and right values). */
  stations?: number;
  /** Compute member diagrams (default true). Without them the summary uses end forces only. */
  diagrams?: boolean;
  onProgress?: (fraction: number, stage: string) => void;
  /** 'sparse' (default): supernodal multifrontal Cholesky on 6×6 node blocks; 'skyline': scalar RCM + envelope Cholesky (baseline). */
  solver?: SolverName;
  /** Fill-reducing ordering for the sparse solver. 'auto' (default) tries several and keeps the cheapest. */
  ordering?: OrderingName;
  /** Dense kernels of the sparse solver: 'auto' (default) uses a WebAssembly SIMD kernel generated at run time when available, else plain JS. */
  kernel?: KernelName;
  /** A pivot below pivotTolerance × (original diagonal) flags a mechanism (default 1e-11). */
  pivotTolerance?: number;
}

// ── Output ────────────────────────────────────────────────────────────────────────────────────

export type IssueCode =
  // errors
  | "STRUCT_MECHANISM"
  | "STRUCT_NO_SUPPORT"
  | "NODE_UNSTABLE_DOF"
  | "MODEL_EMPTY"
  | "DUPLICATE_ID"
  | "REF_MISSING"
  | "PROP_INVALID"
  | "CODE_INVALID"
  | "FRAME_ZERO_LENGTH"
  | "LOAD_INVALID"
  | "SELFWEIGHT_NO_DENSITY"
  | "MODEL_TOO_LARGE"
  // warnings
  | "NODE_UNCONNECTED"
  | "NODE_DOF_AUTO_RESTRAINED"
  | "FRAME_ORIENTATION_IGNORED"
  | "FRAME_RELEASE_MECHANISM"
  | "EQUILIBRIUM_RESIDUAL";

/**
 * A solver issue as AnalysisOutput carries it (worker results, analyze_model, jobs). Produced once
 * from the domain issues the solver reports through the one IssueSink (./issues.ts, ../issues.ts);
 * every code here is also a domain IssueCode.
 */
export interface AnalysisIssue {
  code: IssueCode;
  severity: "error" | "warning";
  /** Node ids involved (may be truncated for large mechanisms; the message gives the count). */
  nodes: string[];
  frames: string[];
  dofs: DofName[];
  message: string;
  hint: string;
}

export interface EndForces {
  N: number;
  Vy: number;
  Vz: number;
  T: number;
  My: number;
  Mz: number;
}

export interface NodeDisplacement {
  node: string;
  ux: number;
  uy: number;
  uz: number;
  rx: number;
  ry: number;
  rz: number;
}

export interface NodeReaction {
  node: string;
  fx: number;
  fy: number;
  fz: number;
  mx: number;
  my: number;
  mz: number;
}

export interface MemberEndForces {
  frame: string;
  /** Internal forces at x = 0 and x = L (sign convention in the file header). */
  i: EndForces;
  j: EndForces;
}

export interface MemberDiagram {
  frame: string;
  length: number;
  /** Station positions from node i (m); a point-load position appears twice (values just left, then just right). */
  x: number[];
  N: number[];
  Vy: number[];
  Vz: number[];
  T: number[];
  My: number[];
  Mz: number[];
  /** Displacement of the member axis in local axes (m), rigid-body part included. */
  ux: number[];
  uy: number[];
  uz: number[];
}

export interface ExtremeForce {
  /** Signed value of the extreme component. */
  value: number;
  frame: string;
  /** Position from node i (m). */
  x: number;
  component: "N" | "Vy" | "Vz" | "My" | "Mz" | "T";
}

export interface ResultSummary {
  /** Largest translation magnitude √(ux²+uy²+uz²). */
  maxDisplacement: { value: number; node: string; ux: number; uy: number; uz: number } | null;
  maxRotation: { value: number; node: string; dof: "rx" | "ry" | "rz" } | null;
  maxN: ExtremeForce | null;
  /** Largest |Vy| or |Vz|. */
  maxV: ExtremeForce | null;
  /** Largest |My| or |Mz|. */
  maxM: ExtremeForce | null;
  maxT: ExtremeForce | null;
}

export interface EquilibriumCheck {
  /** Point the moments are taken about (centre of the model's bounding box). */
  about: Vec3;
  appliedForce: Vec3;
  appliedMoment: Vec3;
  reactionForce: Vec3;
  reactionMoment: Vec3;
  /** applied + reactions (≈ 0). */
  residualForce: Vec3;
  residualMoment: Vec3;
  /** max(|residualForce| / force scale, |residualMoment| / moment scale), scales = sums of absolute applied values. */
  relativeResidual: number;
  ok: boolean;
}

export interface ResultSet {
  id: string;
  name: string;
  kind: "case" | "combination";
  /** All model nodes, in model order (unconnected nodes: zeros). */
  displacements: NodeDisplacement[];
  /** Supported nodes, in support order (components of free DOFs are 0). */
  reactions: NodeReaction[];
  /** All frames, in model order. */
  memberForces: MemberEndForces[];
  /** All frames, in model order (empty when diagrams are off). */
  diagrams: MemberDiagram[];
  summary: ResultSummary;
  equilibrium: EquilibriumCheck;
}

export interface FrameAxesInfo {
  frame: string;
  length: number;
  x: Vec3;
  y: Vec3;
  z: Vec3;
}

export interface AnalysisStats {
  solver: SolverName;
  /** Dense kernel used by the sparse solver ('scalar' for the skyline). */
  kernel: "wasm-simd" | "js" | "scalar";
  ordering: string;
  nodes: number;
  frames: number;
  dof: { total: number; free: number; restrained: number };
  /** Stored entries of the factor (incl. explicit zeros of amalgamated supernodes / envelope). */
  factorEntries: number;
  /** Multiply-adds of the factorization. */
  factorFlops: number;
  supernodes: number;
  maxFront: number;
  /** Milliseconds. */
  timings: { validate: number; assemble: number; order: number; factor: number; solve: number; results: number; total: number };
}

export interface AnalysisSuccess {
  ok: true;
  warnings: AnalysisIssue[];
  stats: AnalysisStats;
  /** Local axes of every frame (model order), for drawing diagrams and deflected shapes. */
  frameAxes: FrameAxesInfo[];
  cases: ResultSet[];
  combinations: ResultSet[];
}

export interface AnalysisFailure {
  ok: false;
  issues: AnalysisIssue[];
  warnings: AnalysisIssue[];
  stats?: Partial<AnalysisStats>;
}

export type AnalysisOutput = AnalysisSuccess | AnalysisFailure;
