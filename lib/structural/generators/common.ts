/**
 * Shared machinery of the parametric generators: input fields common to every generator,
 * placement (origin + plan direction + vertical axis), label/ref bookkeeping, and error reporting.
 *
 * PLACEMENT. Each generator works in its own coordinates (a, b, c):
 *   a = along `direction` (spans, bays in x, truss span),
 *   b = the other horizontal axis (bays in y, frame spacing of a portal row),
 *   c = up (the vertical axis).
 * The global point is origin + a·u + b·v + c·w with
 *   vertical Z: u = (cos θ, sin θ, 0),  v = (−sin θ, cos θ, 0),  w = (0, 0, 1);
 *   vertical Y: u = (cos θ, 0, sin θ),  v = (−sin θ, 0, cos θ),  w = (0, 1, 0);
 * i.e. θ turns +X towards the second horizontal axis (+Y when Z is up, +Z when Y is up), and b runs
 * along that second axis when θ = 0 (so plans grow into +X/+Y, or +X/+Z; with Y up the (a, b, c)
 * triad is mirrored, which is harmless: member axes are derived from the geometry). A `direction` vector is normalised after checking that it is
 * horizontal. Coordinates are rounded to 1e-9 m so that outputs are exactly reproducible.
 *
 * LABELS. Every node and frame gets `label = ref = <label_prefix><letter><n>` (N for nodes, C
 * columns, B beams, R rafters, T ties, BR braces, TC/BC top/bottom chords, V verticals, D
 * diagonals), numbered from 1 per letter in generation order. Two calls with different prefixes
 * therefore never collide; `suggestLabelPrefix` finds a free prefix for an existing model.
 */
import { safeText } from "../text";
import { z } from "zod";
import type { ElementsInput } from "../elements-input";
import { findCatalogueSection } from "../catalogue";
import type { FrameRole } from "../schema";
import { AppError } from "../errors";

export type V3 = [number, number, number];

// ── Limits ──────────────────────────────────────────────────────────────────────────────────────

/** Smallest dimension accepted (m): well above the 1 mm node-merge tolerance of add_elements. */
export const MIN_DIMENSION = 0.01;
/** Largest single dimension accepted (m). */
export const MAX_DIMENSION = 10_000;
/** Largest bay/storey/panel/frame count. */
export const MAX_COUNT = 200;
/** Largest number of frames one generator call may produce (= add_elements' per-call limit). */
export const MAX_GENERATED_FRAMES = 100_000;
/** Largest number of nodes one generator call may produce (= add_elements' per-call limit). */
export const MAX_GENERATED_NODES = 200_000;
/** |origin| components are limited so that 1e-9 m rounding stays exact in doubles. */
export const MAX_ORIGIN = 1_000_000;
export const MAX_PREFIX_LENGTH = 32;

/**
 * The refusal for inputs that parse but cannot be generated (and for parse failures, reformatted):
 * the application error `invalid_parameters`, every problem in `details.problems`.
 */
export function generatorError(problems: string[]): AppError {
  const message = problems.length === 1 ? (problems[0] as string) : `${problems.length} problems:\n- ${problems.join("\n- ")}`;
  return new AppError("invalid_parameters", message, { problems });
}

// ── Common schema pieces ────────────────────────────────────────────────────────────────────────

const Num = z.number();

export const dimension = (what: string) =>
  z
    .number()
    .min(MIN_DIMENSION, `${what} must be at least ${MIN_DIMENSION} m (all dimensions are in metres)`)
    .max(MAX_DIMENSION, `${what} must be at most ${MAX_DIMENSION} m`);

export const count = (what: string, min = 1) =>
  z
    .number()
    .int(`${what} must be a whole number`)
    .min(min, `${what} must be at least ${min}`)
    .max(MAX_COUNT, `${what} must be at most ${MAX_COUNT}`);

/** A count of equal spans (sized by a companion width field) or an explicit list of span lengths. */
export const countOrList = (what: string, unit: string) =>
  z.union([count(what), z.array(dimension(unit)).min(1, `${what} list must not be empty`).max(MAX_COUNT, `${what} list must have at most ${MAX_COUNT} entries`)]);

export const SectionNameSchema = safeText(1, 200);

export const DirectionSchema = z
  .union([
    Num.describe("Plan angle in degrees, turning +X towards +Y (Z up) or towards +Z (Y up); 0 = along +X"),
    z.tuple([Num, Num, Num]).describe("A horizontal vector [x, y, z] giving the plan direction (normalised; its vertical component must be 0)"),
  ])
  .describe("Plan direction of the structure's first axis (spans / x-bays / truss span): an angle in degrees or a horizontal vector. Default 0 = +X.");

const PREFIX_PATTERN = /^[A-Za-z0-9_.:\-]*$/;

/** Fields every generator accepts. */
export function commonFields(defaultPrefix: string) {
  return {
    origin: z
      .tuple([Num, Num, Num])
      .default([0, 0, 0])
      .describe("Global position [x, y, z] in metres of the structure's start corner (first base node). Default [0, 0, 0]."),
    direction: DirectionSchema.default(0),
    vertical_axis: z
      .enum(["Z", "Y"])
      .default("Z")
      .describe('The model\'s vertical axis: "Z" (default) or "Y". Must match the model, or the structure lies on its side.'),
    label_prefix: z
      .string()
      .max(MAX_PREFIX_LENGTH, `label_prefix must be at most ${MAX_PREFIX_LENGTH} characters`)
      .regex(PREFIX_PATTERN, "label_prefix may contain only letters, digits and _ . : -")
      .default(defaultPrefix)
      .describe(`Prefix of every node and frame label, e.g. "${defaultPrefix}" gives ${defaultPrefix}N1, ${defaultPrefix}C1. Use a different prefix for each generated structure in one model. Default "${defaultPrefix}".`),
    material: SectionNameSchema.default("S355").describe('Material of every member: a catalogue name ("S355", "S275", "A992", "GL24h", "C30/37") or a material already in the model. Default S355.'),
  };
}

export interface CommonInput {
  origin: V3;
  direction: number | V3;
  vertical_axis: "Z" | "Y";
  label_prefix: string;
  material: string;
}

// ── Placement ───────────────────────────────────────────────────────────────────────────────────

export interface Placement {
  origin: V3;
  /** along direction */
  u: V3;
  /** second horizontal axis */
  v: V3;
  /** up */
  w: V3;
  vertical: "Z" | "Y";
  /** Plan angle in degrees (−180, 180]. */
  angle: number;
  /** Global axis index (0..2) of u, v when they are parallel to global axes, else null. */
  uAxis: number | null;
  vAxis: number | null;
  wAxis: number;
}

/** Round to 1e-9 and turn −0 into 0. */
export const round9 = (x: number): number => {
  const y = Math.round(x * 1e9) / 1e9;
  return y === 0 ? 0 : y;
};

function exactTrig(deg: number): [number, number] {
  const k = deg / 90;
  if (Number.isInteger(k)) {
    const m = ((k % 4) + 4) % 4;
    return ([[1, 0], [0, 1], [-1, 0], [0, -1]] as [number, number][])[m] as [number, number];
  }
  const t = (deg * Math.PI) / 180;
  return [Math.cos(t), Math.sin(t)];
}

function axisIndex(a: V3): number | null {
  for (let k = 0; k < 3; k++) if (Math.abs(Math.abs(a[k] as number) - 1) < 1e-12) return k;
  return null;
}

export function makePlacement(input: CommonInput, problems: string[]): Placement {
  const vertical = input.vertical_axis;
  const wAxis = vertical === "Z" ? 2 : 1;
  const h2 = vertical === "Z" ? 1 : 2; // second horizontal axis index
  for (const c of input.origin) {
    if (Math.abs(c) > MAX_ORIGIN) problems.push(`origin components must be within ±${MAX_ORIGIN} m`);
  }
  let cos = 1;
  let sin = 0;
  if (typeof input.direction === "number") {
    [cos, sin] = exactTrig(input.direction);
  } else {
    const d = input.direction;
    const len = Math.hypot(d[0], d[1], d[2]);
    const vert = d[wAxis] as number;
    const hx = d[0];
    const hy = d[h2] as number;
    const hl = Math.hypot(hx, hy);
    if (!(len > 0) || !(hl > 0)) {
      problems.push("direction vector must be a non-zero horizontal vector, e.g. [1, 0, 0]");
    } else if (Math.abs(vert) > 1e-9 * len) {
      problems.push(`direction vector must be horizontal (its ${vertical} component must be 0 because ${vertical} is the vertical axis)`);
    } else {
      cos = hx / hl;
      sin = hy / hl;
      // snap nearly-axis-aligned vectors exactly onto the axis
      for (const [c, s] of [[1, 0], [0, 1], [-1, 0], [0, -1]] as const) {
        if (Math.abs(cos - c) < 1e-12 && Math.abs(sin - s) < 1e-12) {
          cos = c;
          sin = s;
        }
      }
    }
  }
  const u: V3 = [0, 0, 0];
  const v: V3 = [0, 0, 0];
  const w: V3 = [0, 0, 0];
  u[0] = cos;
  u[h2] = sin;
  v[0] = -sin;
  v[h2] = cos;
  w[wAxis] = 1;
  let angle = (Math.atan2(sin, cos) * 180) / Math.PI;
  if (typeof input.direction === "number") {
    angle = ((((input.direction + 180) % 360) + 360) % 360) - 180;
    if (angle === -180) angle = 180;
  }
  return { origin: input.origin, u, v, w, vertical, angle: round9(angle), uAxis: axisIndex(u), vAxis: axisIndex(v), wAxis };
}

export function place(p: Placement, a: number, b: number, c: number): V3 {
  const o = p.origin;
  return [
    round9(o[0] + a * p.u[0] + b * p.v[0] + c * p.w[0]),
    round9(o[1] + a * p.u[1] + b * p.v[1] + c * p.w[1]),
    round9(o[2] + a * p.u[2] + b * p.v[2] + c * p.w[2]),
  ];
}

const cross = (a: V3, b: V3): V3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const dot = (a: V3, b: V3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/**
 * Roll (degrees) that turns a vertical member's local y (global +X by Spectral's rule for vertical
 * members, see geometry.ts) onto the horizontal `target`, for a member drawn bottom → top. With
 * target = u the web lies in the a–c plane, so the strong axis (Iz) resists bending in that plane.
 */
export function columnRoll(p: Placement, target: V3): number {
  const y0: V3 = [1, 0, 0];
  const z0 = cross(p.w, y0);
  let r = (Math.atan2(dot(target, z0), dot(target, y0)) * 180) / Math.PI;
  r = round9(r);
  if (r === -180) r = 180;
  return r;
}

// ── Release and support codes ───────────────────────────────────────────────────────────────────

/** Bending released, torsion kept: the pinned end of add_elements' `release: "pinned"`. */
export const PINNED_END = "FFFFRR";
export const FIXED_CODE = "FFFFFF";
export const PINNED_CODE = "FFFRRR";

export function codeFrom(restrained: boolean[]): string {
  return restrained.map((r) => (r ? "F" : "R")).join("");
}

/** A 6-char code restraining the listed DOF indices (0..5 = ux uy uz rx ry rz). */
export function codeOf(indices: readonly number[]): string {
  const r = [false, false, false, false, false, false];
  for (const k of indices) r[k] = true;
  return codeFrom(r);
}

/**
 * Pinned column base: translations plus the rotation about the vertical axis (the column's
 * torsion; a base plate resists it, and leaving it free makes every pinned column spin freely).
 * "FFFRRF" when Z is up, "FFFRFR" when Y is up.
 */
export function basePinCode(p: Placement): string {
  return codeOf([0, 1, 2, 3 + p.wAxis]);
}

/**
 * A pin for a PLANE structure in the a–c plane: translations and the two out-of-plane rotations
 * restrained, only the in-plane rotation (about v) free. Null when v is not a global axis.
 */
export function inPlanePinCode(p: Placement): string | null {
  if (p.uAxis === null || p.vAxis === null) return null;
  return codeOf([0, 1, 2, 3 + p.uAxis, 3 + p.wAxis]);
}

// ── Output ──────────────────────────────────────────────────────────────────────────────────────

export interface GeneratedNode {
  ref: string;
  label: string;
  x: number;
  y: number;
  z: number;
}
export interface GeneratedFrame {
  ref: string;
  label: string;
  i: string;
  j: string;
  section: string;
  material: string;
  role: FrameRole;
  roll?: number;
  releaseI?: string;
  releaseJ?: string;
}
export interface GeneratedSupport {
  node: string;
  code: string;
}
export interface GeneratedGroup {
  name: string;
  refs: string[];
}

/** The generated rows; assignable to `ElementsInput` (checked below). */
export type GeneratedElements = Omit<ElementsInput, "nodes" | "frames" | "supports"> & {
  nodes: GeneratedNode[];
  frames: GeneratedFrame[];
  supports: GeneratedSupport[];
};
// Compile-time check that the generated rows are a valid add_elements input.
const _assignable = (e: GeneratedElements): ElementsInput => e;
void _assignable;

/** What every generator returns: an add_elements payload plus a human summary and groups of refs. */
export interface GeneratedStructure {
  /** Exactly the `add_elements` input (refs = labels; sections/materials by catalogue name). */
  elements: GeneratedElements;
  /** One paragraph for the user: what was generated, counts, sections, supports, labels. */
  summary: string;
  /** Named sets of refs (node and/or frame labels), e.g. "PF1-columns", "PF1-storey-2". */
  groups: GeneratedGroup[];
  /** Things the engineer should know (mechanisms, unbraced directions, non-catalogue sections). */
  warnings: string[];
  /** Counts by kind, for tools that report them. */
  counts: { nodes: number; frames: number; supports: number };
}

export interface FrameProps {
  section: string;
  role: FrameRole;
  roll?: number;
  releaseI?: string;
  releaseJ?: string;
}

/** Collects nodes, frames, supports and groups with stable labels. */
export class Builder {
  readonly nodes: GeneratedNode[] = [];
  readonly frames: GeneratedFrame[] = [];
  readonly supports: GeneratedSupport[] = [];
  readonly warnings: string[] = [];
  private readonly counters = new Map<string, number>();
  private readonly groupMap = new Map<string, string[]>();
  private readonly pos = new Map<string, V3>();
  private readonly pairs = new Set<string>();
  private readonly supported = new Set<string>();

  constructor(
    readonly prefix: string,
    readonly placement: Placement,
    readonly material: string,
  ) {}

  private next(letter: string): string {
    const n = (this.counters.get(letter) ?? 0) + 1;
    this.counters.set(letter, n);
    return `${this.prefix}${letter}${n}`;
  }

  countOf(letter: string): number {
    return this.counters.get(letter) ?? 0;
  }

  /** A node at plan/local coordinates (a, b, c); returns its ref. */
  node(a: number, b: number, c: number): string {
    const ref = this.next("N");
    const [x, y, z] = place(this.placement, a, b, c);
    this.nodes.push({ ref, label: ref, x, y, z });
    this.pos.set(ref, [x, y, z]);
    return ref;
  }

  position(ref: string): V3 | undefined {
    return this.pos.get(ref);
  }

  /** A frame i → j; returns its ref. Throws on zero-length or duplicate frames (generator bugs). */
  frame(letter: string, i: string, j: string, p: FrameProps): string {
    const a = this.pos.get(i);
    const b = this.pos.get(j);
    if (!a || !b) throw new Error(`internal: frame ${letter} refers to unknown node ${a ? j : i}`);
    if (Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]) < MIN_DIMENSION / 2) throw new Error(`internal: zero-length frame ${i}–${j}`);
    const key = i < j ? `${i}|${j}` : `${j}|${i}`;
    if (this.pairs.has(key)) throw new Error(`internal: duplicate frame ${i}–${j}`);
    this.pairs.add(key);
    const ref = this.next(letter);
    const f: GeneratedFrame = { ref, label: ref, i, j, section: p.section, material: this.material, role: p.role };
    if (p.roll !== undefined && p.roll !== 0) f.roll = p.roll;
    if (p.releaseI !== undefined && p.releaseI !== FIXED_CODE) f.releaseI = p.releaseI;
    if (p.releaseJ !== undefined && p.releaseJ !== FIXED_CODE) f.releaseJ = p.releaseJ;
    this.frames.push(f);
    return ref;
  }

  hasFrame(i: string, j: string): boolean {
    return this.pairs.has(i < j ? `${i}|${j}` : `${j}|${i}`);
  }

  support(node: string, code: string): void {
    if (this.supported.has(node)) throw new Error(`internal: second support on ${node}`);
    this.supported.add(node);
    this.supports.push({ node, code });
  }

  group(name: string, ...refs: string[]): void {
    const key = `${this.prefix}${name}`;
    let g = this.groupMap.get(key);
    if (!g) {
      g = [];
      this.groupMap.set(key, g);
    }
    g.push(...refs);
  }

  warn(msg: string): void {
    this.warnings.push(msg);
  }

  /** Warn once for each section name that is not in the built-in catalogue. */
  checkSections(names: Iterable<string>): void {
    const seen = new Set<string>();
    for (const n of names) {
      if (seen.has(n)) continue;
      seen.add(n);
      if (!findCatalogueSection(n)) {
        this.warn(`Section "${n}" is not in the built-in catalogue; it must already exist in the model (by name or id), or add_elements will reject the frames that use it.`);
      }
    }
  }

  result(summary: string): GeneratedStructure {
    const groups: GeneratedGroup[] = [];
    for (const [name, refs] of this.groupMap) if (refs.length > 0) groups.push({ name, refs });
    const warnings = [...this.warnings];
    const text = warnings.length ? `${summary} Warnings: ${warnings.join(" ")}` : summary;
    return {
      elements: { nodes: this.nodes, frames: this.frames, supports: this.supports },
      summary: text,
      groups,
      warnings,
      counts: { nodes: this.nodes.length, frames: this.frames.length, supports: this.supports.length },
    };
  }
}

// ── Helpers ─────────────────────────────────────────────────────────────────────────────────────

/** Expand "count or list" into a list of lengths. */
export function spans(value: number | number[], width: number): number[] {
  return typeof value === "number" ? new Array<number>(value).fill(width) : [...value];
}

/** Cumulative positions [0, s1, s1+s2, …], rounded to 1e-9. */
export function cumulative(list: readonly number[]): number[] {
  const out = [0];
  let acc = 0;
  for (const s of list) {
    acc += s;
    out.push(round9(acc));
  }
  return out;
}

export function fmtLen(x: number): string {
  return `${+x.toFixed(3)} m`;
}

/** "3 × 6 m = 18 m" or "5 + 7.5 + 5 m = 17.5 m". */
export function describeSpans(list: readonly number[]): string {
  const total = list.reduce((a, b) => a + b, 0);
  const first = list[0] ?? 0;
  const uniform = list.every((s) => s === first);
  const body = uniform ? `${list.length} × ${fmtLen(first)}` : `${list.map((s) => +s.toFixed(3)).join(" + ")} m`;
  return list.length === 1 ? fmtLen(first) : `${body} = ${fmtLen(total)}`;
}

export function describePlacement(p: Placement): string {
  const o = p.origin.map((c) => +c.toFixed(3)).join(", ");
  return `at [${o}], direction ${p.angle === 0 ? "+X" : `${+p.angle.toFixed(3)}°`}, ${p.vertical} up`;
}

export function plural(n: number, word: string, pl = `${word}s`): string {
  return `${n} ${n === 1 ? word : pl}`;
}

export function checkLimits(frames: number, nodes: number, problems: string[], hint: string): void {
  if (frames > MAX_GENERATED_FRAMES) {
    problems.push(`This would create ${frames.toLocaleString("en-US")} frames; the limit is ${MAX_GENERATED_FRAMES.toLocaleString("en-US")} per call. ${hint}`);
  }
  if (nodes > MAX_GENERATED_NODES) {
    problems.push(`This would create ${nodes.toLocaleString("en-US")} nodes; the limit is ${MAX_GENERATED_NODES.toLocaleString("en-US")} per call. ${hint}`);
  }
}

export function fail(problems: string[]): void {
  if (problems.length > 0) throw generatorError(problems);
}

/** A label prefix like "PF2-" whose labels do not clash with any of `existingLabels`. */
export function suggestLabelPrefix(base: string, existingLabels: Iterable<string>): string {
  const stem = base.replace(/\d*-?$/, "") || "G";
  const used = new Set<string>();
  const re = new RegExp(`^${stem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(\\d+)-`);
  for (const l of existingLabels) {
    const m = re.exec(l);
    if (m) used.add(m[1] as string);
  }
  let k = 1;
  while (used.has(String(k))) k++;
  return `${stem}${k}-`;
}
