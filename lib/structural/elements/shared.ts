/**
 * What the element planners share: their options and results, small formatting helpers, label
 * numbering, unit scaling, support codes, orientation checks and combination factors.
 */
import type { Combination, LoadCase, LoadCaseType, Material, ModelPatch, Node, SectionShape, StructuralModel, Vec3 } from "../schema";
import type { Issue, IssuePath, IssueSink } from "../issues";
import { formatPath } from "../issues";
import { labelNumber } from "../labels";
import type { UnitScale } from "../units";
import { unitScale } from "../units";
import type { CombinationInput, ElementRefInput, UnitsInput, Vec3Input } from "../elements-input";
import { SUPPORT_TYPE_CODES } from "../elements-input";

export interface PlanAddOptions {
  /** Returns a fresh unique id for each new row (cuid/uuid in production, a counter in tests). */
  newId: () => string;
  /** Merge distance for new nodes, metres (default 1e-3). 0 disables merging. */
  mergeTolerance?: number;
  /** Maximum rows of all kinds in one call (default MAX_ELEMENTS_PER_CALL). */
  maxElements?: number;
  /** Maximum frames in one call (default MAX_FRAMES_PER_CALL). */
  maxFrames?: number;
  /**
   * The highest automatic label numbers of the WHOLE model, when `existing` is a slice of it
   * (slice.ts): new labels are numbered after these. Omitted: taken from `existing` itself.
   */
  labelFloor?: { nodes: number; frames: number };
}

export interface PlanResult {
  /** True when there are no error-level issues: the patch may be applied. */
  ok: boolean;
  patch: ModelPatch;
  /** ref (nodes and frames of this call) → the id it resolved to (new, or existing when merged). */
  refs: Record<string, string>;
  issues: Issue[];
}

export const refStr = (r: ElementRefInput): string => (typeof r === "number" ? String(r) : r);
export const vec = (v: Vec3Input, s: number): Vec3 => (Array.isArray(v) ? { x: v[0] * s, y: v[1] * s, z: v[2] * s } : { x: v.x * s, y: v.y * s, z: v.z * s });
export const fmtNum = (v: number): string => String(+v.toPrecision(6));

/** The scale from a call's `units` to SI ("display": the model's display units). */
export function inputScale(units: UnitsInput | undefined, meta: Pick<StructuralModel["meta"], "displayUnits">): UnitScale {
  if (units === undefined) return unitScale({});
  if (units === "display") return unitScale({ length: meta.displayUnits.length, force: meta.displayUnits.force });
  return unitScale(units);
}

export function scaleShape(s: SectionShape, k: number): SectionShape {
  if (k === 1) return { ...s };
  const out: Record<string, unknown> = { type: s.type };
  for (const [key, v] of Object.entries(s)) if (key !== "type") out[key] = (v as number) * k;
  return out as SectionShape;
}

/** Guess a load-case type from its name ("Dead", "LL", "Wind X" …); `other` when unsure. */
export function guessLoadCaseType(name: string): LoadCaseType {
  const n = name.trim().toLowerCase();
  if (/\b(dead|self|permanent|sdl|superimposed)\b|^(dl|g|d)\d*$/.test(n)) return "dead";
  if (/\b(live|imposed|occupancy)\b|^(ll|q|l)\d*$/.test(n)) return "live";
  if (/\bwind\b|^w[xyz]?\d*$/.test(n)) return "wind";
  if (/\bsnow\b|^s\d*$/.test(n)) return "snow";
  if (/\b(seismic|earthquake|quake)\b|^(eq|e)[xyz]?\d*$/.test(n)) return "seismic";
  if (/\b(temp|temperature|thermal)\b|^t\d*$/.test(n)) return "temperature";
  return "other";
}

/** Highest N in labels of the form `${prefix}N` (labels.ts: 1–9 digits). */
export function maxLabelNumber(labels: Iterable<string>, prefix: "N" | "F"): number {
  let max = 0;
  for (const l of labels) max = Math.max(max, labelNumber(prefix, l) ?? 0);
  return max;
}

export class Labeler {
  private counter: number;
  constructor(
    private readonly prefix: string,
    start: number,
    private readonly taken: (label: string) => boolean,
  ) {
    this.counter = start;
  }
  next(): string {
    let l: string;
    do l = `${this.prefix}${++this.counter}`;
    while (this.taken(l));
    return l;
  }
}

/** Collects issues; groups "unknown name" errors per distinct name so a 100k-row typo is one issue. */
export const where = (path: IssuePath): string => formatPath(path);
export const andMore = (n: number, noun: string): string => (n > 1 ? ` (and ${n - 1} more ${noun})` : "");
export function supportCode(code: string | undefined, type: string | undefined, model: StructuralModel): string | null {
  if (code !== undefined) return code.toUpperCase();
  if (type === undefined) return null;
  if (type === "roller") return model.meta.verticalAxis === "Y" ? SUPPORT_TYPE_CODES.roller_y : SUPPORT_TYPE_CODES.roller_z;
  return (SUPPORT_TYPE_CODES as Record<string, string>)[type] ?? null;
}


/** Non-null when `o` cannot define local y for a frame from a to b. */
export function orientationProblem(o: Vec3, a: Node, b: Node): string | null {
  const on = Math.hypot(o.x, o.y, o.z);
  if (!(on > 0)) return "is the zero vector";
  const d = [b.x - a.x, b.y - a.y, b.z - a.z] as const;
  const L = Math.hypot(d[0], d[1], d[2]);
  if (!(L > 0)) return null;
  const c = Math.abs(d[0] * o.x + d[1] * o.y + d[2] * o.z) / (L * on);
  return c > 1 - 1e-9 ? "is parallel to the member" : null;
}

export function materialFrom(name: string, m: { E: number; G?: number | undefined; nu?: number | undefined; density?: number | undefined; fy?: number | undefined; kind?: Material["kind"] | undefined }, s: UnitScale, id: string): Material {
  const E = m.E * s.stress;
  const kind = m.kind ?? "other";
  let nu = m.nu;
  let G = m.G !== undefined ? m.G * s.stress : undefined;
  if (nu === undefined) {
    if (G !== undefined) {
      const derived = E / (2 * G) - 1;
      nu = derived >= 0 && derived <= 0.5 ? derived : kind === "concrete" ? 0.2 : 0.3;
    } else nu = kind === "concrete" ? 0.2 : 0.3;
  }
  if (G === undefined) G = E / (2 * (1 + nu));
  return { id, name, E, G, nu, density: (m.density ?? 0) * s.density, fy: m.fy !== undefined ? m.fy * s.stress : null, kind };
}


export function resolveFactors(
  factors: CombinationInput["factors"],
  path: IssuePath,
  resolveCase: (t: string, p: IssuePath) => LoadCase | undefined,
  sink: IssueSink,
): Combination["factors"] | null {
  const entries: [string, number, IssuePath][] = Array.isArray(factors)
    ? factors.map((f, k) => [f.case, f.factor, [...path, k, "case"]])
    : Object.entries(factors).map(([c, f]) => [c, f, [...path, c]]);
  const out: Combination["factors"] = [];
  const seen = new Set<string>();
  let ok = true;
  for (const [token, factor, p] of entries) {
    const c = resolveCase(token, p);
    if (!c) {
      ok = false;
      continue;
    }
    if (seen.has(c.id)) {
      sink.error("INVALID_INPUT", `${where(p)}: load case "${c.name}" appears twice in this combination. Give each case one factor.`, { path: p });
      ok = false;
      continue;
    }
    seen.add(c.id);
    out.push({ caseId: c.id, factor });
  }
  return ok ? out : null;
}

export interface PlanUpdateOptions {
  /** Needed only when the update creates rows (a catalogue section/material, a new support). */
  newId?: () => string;
  /** Distance (m) for the zero-length and coincident-node checks after moves (default 1e-3). */
  mergeTolerance?: number;
}

export interface PlanChangeResult {
  ok: boolean;
  patch: ModelPatch;
  issues: Issue[];
}

/** Merge several updates to one row into one (later fields win). */
export function pushUpdate<T extends { id: string }>(list: T[], index: Map<string, T>, u: T): void {
  const prev = index.get(u.id);
  if (prev) Object.assign(prev, u);
  else {
    list.push(u);
    index.set(u.id, u);
  }
}

