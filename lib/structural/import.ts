/**
 * The nodes-and-frames JSON import (structural-domain.md §1.5) and the canonical export.
 *
 *   normalizeImport(payload)   unknown JSON → ElementsInput in SI + issues (the edge: nothing
 *                              inside lib/structural sees the raw payload)
 *   planImport(payload, opts)  normalizeImport + planAddElements on an empty model, with planner
 *                              issue paths mapped back into the payload
 *   exportCanonical(model)     the canonical format; normalizeImport reads it back losslessly
 *
 * Canonical format (what exportCanonical writes):
 *   { format: "spectral/1", name, description, units: { length: "m", force: "N" },
 *     display_units: { length, force }, vertical_axis: "Z" | "Y",
 *     nodes: [{ id, x, y, z }], frames: [{ id, start, end, section?, material?, roll?, orientation?,
 *     releases?: { i, j }, role? }], supports: [{ node, code }], sections: [{ name, A, Iy, Iz, J, shape? }],
 *     materials: [{ name, E, G, nu, density, fy?, kind }], load_cases: [{ name, type, self_weight_factor? }],
 *     loads: [{ id, kind, case, node | frame, … }], combinations: [{ name, kind, factors: { case: f } }] }
 *
 * Lenient variants accepted (each documented at the line that handles it):
 *   - nodes as objects, as [x, y, z] arrays (id = index), or as maps keyed by id (SkyCiv);
 *   - frames under frames | members | elements | beams | bars, as objects, [a, b] pairs or keyed maps;
 *   - frame ends as start/end, i/j, node_A/node_B, nodeI/nodeJ, n1/n2, from/to, nodes: [a, b], or
 *     coordinates [x, y, z] (nodes are then created and merged);
 *   - units as "mm" or { length, force, section_length, stress | material_strength, density };
 *   - supports as codes "FFFRRR", words ("fixed", "pinned", "roller"), booleans or 0/1 arrays
 *     (true = restrained), objects { ux: true, … }, arrays or maps keyed by node;
 *   - releases as codes, words ("pinned"), { i, j } / { start, end } / [i, j], fixity_A/fixity_B,
 *     booleans (true = released);
 *   - sections/materials as catalogue names or explicit properties (Ix/Iy in the AISC convention
 *     becomes Iz/Iy); SkyCiv `load_section: [..., "W14x22"]`;
 *   - loads with case | load_case | load_group; SkyCiv point_loads, moments, distributed_loads,
 *     self_weight; positions as fractions, "50%" or { abs: 2.5 }; undeclared cases are created.
 */
import { z } from "zod";
import type { DisplayUnits, EntityKind, ModelMeta, StructuralModel, VerticalAxis } from "./schema";
import { findControlCharacters } from "./text";
import { FRAME_ROLES, LOAD_CASE_TYPES, MATERIAL_KINDS, MAX_DESCRIPTION_LENGTH, MAX_LABEL_LENGTH, MAX_NAME_LENGTH, emptyModel } from "./schema";
import type { Issue, IssueCode, IssuePath } from "./issues";
import { formatPath, hasErrors, makeIssue } from "./issues";
import type { ElementsInput, LoadInput, Vec3Input } from "./elements-input";
import type { PlanAddOptions, PlanResult } from "./elements";
import { guessLoadCaseType, planAddElements } from "./elements";
import { findCatalogueMaterial, findCatalogueSection } from "./catalogue";
import type { DensityUnit, ForceUnit, LengthUnit, StressUnit, UnitScale } from "./units";
import { FORCE_UNITS, LENGTH_UNITS, parseDensityUnit, parseForceUnit, parseLengthUnit, parseStressUnit, unitScale } from "./units";

// ── The canonical schema (for MCP input schemas and documentation) ──────────────────────────────

const Num = z.number();
const IdLike = z.union([z.string().max(200), z.number()]);
const loose = <T extends z.ZodRawShape>(shape: T) => z.object(shape).loose();
const RowsOrMap = z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]);

/**
 * The canonical import payload, described for an LLM. Every object is `.loose()` and nothing is
 * transformed, so a payload that matches keeps every field (lenient aliases included) for
 * `normalizeImport`, which does the real validation.
 */
export const CanonicalImportSchema = loose({
  name: z.string().max(MAX_NAME_LENGTH).optional().describe("Model name"),
  description: z.string().max(MAX_DESCRIPTION_LENGTH).optional(),
  units: z
    .union([
      z.string(),
      loose({
        length: z.string().optional().describe("m, mm, cm, in or ft (default m)"),
        force: z.string().optional().describe("N, kN, kip or lbf (default N)"),
        section_length: z.string().optional().describe("Unit of section dimensions/properties (default = length)"),
        stress: z.string().optional().describe("Unit of E, G, fy: Pa, kPa, MPa, GPa, psi, ksi (default force/length²)"),
        density: z.string().optional().describe("kg/m3 (default), t/m3, lb/ft3, kN/m3"),
      }),
    ])
    .optional()
    .describe('Units of the numbers in the payload, e.g. "mm" or { length: "ft", force: "kip" }. Converted to SI on import.'),
  vertical_axis: z.enum(["Z", "Y", "z", "y"]).optional().describe("Vertical axis (default Z)"),
  nodes: z
    .union([
      z.array(z.union([loose({ id: IdLike.optional(), x: Num, y: Num, z: Num.optional() }), z.array(Num)])),
      z.record(z.string(), z.unknown()),
    ])
    .describe('Nodes: [{ id: "N1", x, y, z }], or [[x, y, z], …] (id = index), or { "1": { x, y, z } }'),
  frames: z
    .array(
      loose({
        id: IdLike.optional(),
        start: z.union([IdLike, z.array(Num)]).optional().describe("Start node id (or i, node_A)"),
        end: z.union([IdLike, z.array(Num)]).optional().describe("End node id (or j, node_B)"),
        section: IdLike.optional().describe("Section name/id or catalogue name (IPE300, W14x22, …)"),
        material: IdLike.optional().describe("Material name/id or catalogue name (S355, A992, …)"),
        roll: Num.optional().describe("Degrees about the member axis"),
        releases: z.unknown().optional().describe('{ i: "FFFFFF", j: "FFFFRR" } or "pinned"'),
      }),
    )
    .optional()
    .describe("Frames (also accepted as members / elements / beams)"),
  supports: RowsOrMap.optional().describe('[{ node: "N1", code: "FFFFFF" }] or { "N1": "fixed" }'),
  sections: RowsOrMap.optional().describe('[{ name, A, Iy, Iz, J }] (Iz = strong axis) or { "B1": { catalogue: "IPE300" } }'),
  materials: RowsOrMap.optional().describe('[{ name, E, nu, density, fy }] or catalogue names like "S355"'),
  load_cases: RowsOrMap.optional().describe('[{ name: "Dead", type: "dead", self_weight: true }]'),
  loads: z.array(z.unknown()).optional().describe('[{ case: "Live", frame: "B1", w: [0, 0, -10] }, { case: "Live", node: "N3", fx: 5 }]'),
  combinations: RowsOrMap.optional().describe('[{ name: "ULS1", factors: { "Dead": 1.35, "Live": 1.5 } }]'),
});
export type CanonicalImport = z.infer<typeof CanonicalImportSchema>;

// ── Results ─────────────────────────────────────────────────────────────────────────────────────

export type ImportedInput = ElementsInput & {
  name: string;
  description: string;
  displayUnits: DisplayUnits;
  verticalAxis: VerticalAxis;
};

export type ImportStats = Record<EntityKind, number>;

export interface NormalizedImport {
  /** False when any error-level issue was found (bad rows are left out of `input`). */
  ok: boolean;
  /** The payload as add_elements input, in SI (no `units`), plus model-level fields. */
  input: ImportedInput;
  issues: Issue[];
  stats: ImportStats;
  /** "spectral", "canonical", "skyciv" or "lenient: …" listing the variants recognised. */
  detectedFormat: string;
  /** For each row of `input.<kind>`, where it came from in the payload (maps planner issues back). */
  sourcePaths: Record<EntityKind, IssuePath[]>;
}

// Alias key lists (hoisted so hot loops do not allocate them per row)
const KEYS_NAME = ["name", "title", "model_name", "modelName"] as const;
const KEYS_DESCRIPTION = ["description", "notes"] as const;
const KEYS_VERTICAL_AXIS = ["vertical_axis", "verticalAxis", "vertical", "up_axis", "upAxis"] as const;
const KEYS_SETTINGS_VERTICAL = ["vertical_axis", "verticalAxis"] as const;
const KEYS_UNITS = ["units", "unit"] as const;
const KEYS_DISPLAY_UNITS = ["display_units", "displayUnits"] as const;
const KEYS_MATERIALS = ["materials", "material"] as const;
const KEYS_MATERIAL_CATALOGUE = ["catalogue", "catalog", "grade", "designation"] as const;
const KEYS_E = ["E", "elasticity_modulus", "elastic_modulus", "youngs_modulus", "young_modulus", "e", "Ex"] as const;
const KEYS_G = ["G", "shear_modulus", "g"] as const;
const KEYS_NU = ["nu", "poisson", "poissons_ratio", "poisson_ratio", "v"] as const;
const KEYS_DENSITY = ["density", "rho", "mass_density"] as const;
const KEYS_FY = ["fy", "yield_strength", "Fy", "fyk", "yield"] as const;
const KEYS_MATERIAL_KIND = ["kind", "type", "class", "material_type"] as const;
const KEYS_SECTIONS = ["sections", "section_properties", "profiles", "cross_sections"] as const;
const KEYS_SECTION_CATALOGUE = ["catalogue", "catalog", "load_section", "designation", "profile"] as const;
const KEYS_A = ["A", "area", "Ax", "Area"] as const;
const KEYS_IZ = ["Iz", "Izz", "I_z"] as const;
const KEYS_IY = ["Iy", "Iyy", "I_y"] as const;
const KEYS_J = ["J", "It", "Jxx", "torsion_constant", "Ix_torsion"] as const;
const KEYS_IX = ["Ix", "Ixx"] as const;
const KEYS_SECTION_MATERIAL = ["material", "material_id", "materialId"] as const;
const KEYS_NODE_ID = ["id", "node_id", "nodeId", "key"] as const;
const KEYS_LABEL = ["label", "name"] as const;
const KEYS_COORD_ARRAY = ["at", "coords", "coordinates", "position", "xyz", "point"] as const;
const KEYS_X = ["x", "X"] as const;
const KEYS_Y = ["y", "Y"] as const;
const KEYS_Z = ["z", "Z"] as const;
const KEYS_FRAME_NODE_LIST = ["nodes", "connectivity", "node_ids", "nodeIds"] as const;
const KEYS_FRAME_ID = ["id", "frame_id", "member_id", "key"] as const;
const KEYS_SECTION = ["section", "section_id", "sectionId", "profile", "cross_section"] as const;
const KEYS_FRAME_MATERIAL = ["material", "material_id", "materialId", "mat"] as const;
const KEYS_ROLL = ["roll", "rotation", "rotation_angle", "beta", "angle", "orientation_angle"] as const;
const KEYS_ORIENTATION = ["orientation", "ref_vector", "refVector", "orientation_vector", "local_y"] as const;
const KEYS_ROLE = ["role", "member_type", "memberType", "type", "kind"] as const;
const KEYS_SUPPORTS = ["supports", "restraints", "boundary_conditions", "fixities", "fixity"] as const;
const KEYS_NODE_REF = ["node", "node_id", "nodeId", "joint"] as const;
const KEYS_CODE = ["code", "restraint_code", "restraint", "fixity", "type", "support", "condition", "dofs"] as const;
const KEYS_LOAD_CASES = ["load_cases", "loadCases", "cases", "load_groups", "loadGroups"] as const;
const KEYS_CASE_TYPE = ["type", "kind", "category", "nature"] as const;
const KEYS_SELF_WEIGHT_FACTOR = ["self_weight_factor", "selfWeightFactor", "self_weight", "selfWeight", "selfweight", "include_self_weight"] as const;
const KEYS_SELF_WEIGHT = ["self_weight", "selfweight"] as const;
const KEYS_COMBINATIONS = ["combinations", "load_combinations", "loadCombinations", "combos", "load_combos"] as const;
const KEYS_COMBO_KIND = ["kind", "type", "category", "criteria"] as const;
const KEYS_RELEASES = ["releases", "release", "end_releases", "fixity", "hinges"] as const;
const KEYS_END_I = ["i", "start", "A", "a", "I", "node_A", "1"] as const;
const KEYS_END_J = ["j", "end", "B", "b", "J", "node_B", "2"] as const;
const KEYS_CASE_REF = ["case", "load_case", "loadCase", "case_id", "caseId", "load_group", "group", "lc"] as const;
const KEYS_FRAME_REF = ["frame", "member", "element", "member_id", "frame_id", "frameId", "beam", "elementId"] as const;
const KEYS_LOAD_KIND = ["kind", "type", "load_type"] as const;
const KEYS_DISTRIBUTED_HINT = ["w", "w1", "w2", "x_mag_A", "y_mag_A", "z_mag_A", "wx", "wy", "wz"] as const;
const KEYS_AXES = ["axes", "axis", "load_axes", "coordinate_system"] as const;
const KEYS_POSITION = ["position", "pos", "at", "location", "x"] as const;
const KEYS_DISTANCE = ["distance", "x_abs", "offset"] as const;
const KEYS_POINT_AXES = ["axes", "axis", "load_axes"] as const;

// ── Small readers ───────────────────────────────────────────────────────────────────────────────

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function pick(o: Obj, keys: readonly string[]): [string, unknown] | undefined {
  for (const k of keys) {
    const v = o[k];
    if (v !== undefined && v !== null) return [k, v];
  }
  return undefined;
}

const NUMERIC = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
/** A finite number from a number or a numeric string; NaN when absent/invalid; ±Infinity/NaN numbers → null. */
function readNum(v: unknown): number | null | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" && NUMERIC.test(v.trim())) return Number(v.trim());
  return undefined;
}

const idOf = (v: unknown): string | undefined => {
  if (typeof v === "string") {
    const t = v.trim();
    return t === "" ? undefined : t;
  }
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return undefined;
};

/** Rows of a collection: arrays (index) or maps keyed by id (key). */
function rowsOf(v: unknown): { key: string | null; index: number; row: unknown }[] | null {
  if (Array.isArray(v)) return v.map((row, index) => ({ key: null, index, row }));
  if (isObj(v)) return Object.entries(v).map(([key, row], index) => ({ key, index, row }));
  return null;
}
const rowPath = (base: IssuePath, r: { key: string | null; index: number }): IssuePath =>
  base.length === 1 ? [base[0] as string, r.key ?? r.index] : [...base, r.key ?? r.index];

class Collector {
  readonly issues: Issue[] = [];
  err(code: IssueCode, path: IssuePath, message: string, hint?: string): void {
    this.issues.push(makeIssue(code, "error", `${formatPath(path)}${message}`, { path, ...(hint ? { hint } : {}) }));
  }
  warn(code: IssueCode, path: IssuePath, message: string, hint?: string): void {
    this.issues.push(makeIssue(code, "warning", `${formatPath(path)}${message}`, { path, ...(hint ? { hint } : {}) }));
  }
  info(code: IssueCode, path: IssuePath, message: string): void {
    this.issues.push(makeIssue(code, "info", `${formatPath(path)}${message}`, { path }));
  }
  /** Read a required/optional finite number; reports NON_FINITE_VALUE / INVALID_INPUT. */
  num(o: Obj, keys: readonly string[], path: IssuePath, what: string, required: boolean): number | undefined {
    const hit = pick(o, keys);
    if (!hit) {
      if (required) this.err("INVALID_INPUT", path, ` has no ${what} (expected ${keys.slice(0, 3).join(" / ")}).`);
      return undefined;
    }
    const n = readNum(hit[1]);
    if (n === null) {
      this.err(hit[0].length <= 2 && ["x", "y", "z"].includes(hit[0]) ? "NON_FINITE_COORDINATE" : "NON_FINITE_VALUE", [...path, hit[0]], ` is ${String(hit[1])}; it must be a finite number.`);
      return undefined;
    }
    if (n === undefined) {
      this.err("INVALID_INPUT", [...path, hit[0]], ` is ${JSON.stringify(hit[1])}; expected a number.`);
      return undefined;
    }
    return n;
  }
}

// ── DOF codes ───────────────────────────────────────────────────────────────────────────────────

const DOF_KEYS: readonly (readonly string[])[] = [
  ["ux", "dx", "tx", "x"], ["uy", "dy", "ty", "y"], ["uz", "dz", "tz", "z"],
  ["rx", "rotx", "mx"], ["ry", "roty", "my"], ["rz", "rotz", "mz"],
];

/**
 * Parse a support or release spec into a 6-letter code. For supports, `true`/1/F = restrained; for
 * releases, `true`/1/R = released. Spring letters (S, K) are read as F with a warning.
 */
function parseDof(v: unknown, mode: "support" | "release", verticalAxis: VerticalAxis, c: Collector, path: IssuePath): string | undefined {
  const flag = (b: boolean) => (mode === "support" ? (b ? "F" : "R") : b ? "R" : "F");
  if (typeof v === "string") {
    const s = v.trim();
    const w = s.toLowerCase().replace(/[\s_-]+/g, "");
    const words: Record<string, string> =
      mode === "support"
        ? { fixed: "FFFFFF", fix: "FFFFFF", encastre: "FFFFFF", clamped: "FFFFFF", builtin: "FFFFFF", pinned: "FFFRRR", pin: "FFFRRR", hinged: "FFFRRR", hinge: "FFFRRR", roller: verticalAxis === "Y" ? "RFRRRR" : "RRFRRR", rollerx: "FRRRRR", rollery: "RFRRRR", rollerz: "RRFRRR", free: "RRRRRR" }
        : { fixed: "FFFFFF", rigid: "FFFFFF", continuous: "FFFFFF", pinned: "FFFFRR", pin: "FFFFRR", hinged: "FFFFRR", hinge: "FFFFRR", moment: "FFFFFF", free: "FFFFRR" };
    const word = words[w];
    if (word) return word;
    if (/^[FRSKfrsk01]{6}$/.test(s)) {
      const up = s.toUpperCase();
      if (/[SK]/.test(up)) c.warn("INVALID_DOF_CODE", path, ` "${s}" has spring letters (S/K); springs are not supported yet and were read as F.`);
      return [...up].map((ch) => (ch === "S" || ch === "K" ? "F" : ch === "1" ? flag(true) : ch === "0" ? flag(false) : ch)).join("");
    }
    c.err("INVALID_DOF_CODE", path, ` is "${s}"; use 6 letters F/R for ux uy uz rx ry rz (e.g. "FFFRRR"), or ${mode === "support" ? '"fixed", "pinned", "roller"' : '"pinned", "fixed"'}.`);
    return undefined;
  }
  if (Array.isArray(v)) {
    if (v.length === 6 && v.every((b) => typeof b === "boolean" || b === 0 || b === 1)) return v.map((b) => flag(b === true || b === 1)).join("");
    c.err("INVALID_DOF_CODE", path, ` must list 6 booleans or 0/1 values for ux uy uz rx ry rz (${mode === "support" ? "true = restrained" : "true = released"}).`);
    return undefined;
  }
  if (isObj(v)) {
    let out = "";
    let any = false;
    for (const keys of DOF_KEYS) {
      const hit = pick(v, keys);
      if (hit) any = true;
      out += flag(hit ? hit[1] === true || hit[1] === 1 || hit[1] === "F" || hit[1] === "fixed" : false);
    }
    if (any) return out;
  }
  c.err("INVALID_DOF_CODE", path, ` is ${JSON.stringify(v)}; use a 6-letter F/R code, a word like "${mode === "support" ? "fixed" : "pinned"}", or { ux: true, … }.`);
  return undefined;
}

// ── Units ───────────────────────────────────────────────────────────────────────────────────────

interface ImportUnits {
  length?: LengthUnit;
  force?: ForceUnit;
  sectionLength?: LengthUnit;
  stress?: StressUnit;
  density?: DensityUnit;
}

function readUnits(v: unknown, c: Collector, path: IssuePath): ImportUnits {
  const out: ImportUnits = {};
  if (v === undefined || v === null) return out;
  if (typeof v === "string") {
    const l = parseLengthUnit(v);
    if (l) out.length = l;
    else c.err("UNKNOWN_UNIT", path, ` "${v}" is not a length unit; use m, mm, cm, in or ft.`);
    return out;
  }
  if (!isObj(v)) {
    c.err("INVALID_INPUT", path, ` must be a unit name like "mm" or an object { length, force }.`);
    return out;
  }
  const one = <U>(keys: readonly string[], parse: (s: string) => U | null, what: string, allowed: string): U | undefined => {
    const hit = pick(v, keys);
    if (!hit) return undefined;
    const u = typeof hit[1] === "string" ? parse(hit[1]) : null;
    if (u === null) c.err("UNKNOWN_UNIT", [...path, hit[0]], ` ${JSON.stringify(hit[1])} is not a ${what} unit; use ${allowed}.`);
    return u ?? undefined;
  };
  const l = one(["length", "length_unit", "lengthUnit"], parseLengthUnit, "length", "m, mm, cm, in or ft");
  const f = one(["force", "force_unit", "forceUnit"], parseForceUnit, "force", "N, kN, kip or lbf");
  const sl = one(["section_length", "sectionLength", "section"], parseLengthUnit, "length", "m, mm, cm, in or ft");
  const st = one(["stress", "material_strength", "materialStrength", "modulus", "pressure_modulus"], parseStressUnit, "stress", "Pa, kPa, MPa, GPa, psi or ksi");
  const d = one(["density", "mass_density"], parseDensityUnit, "density", "kg/m3, t/m3, lb/ft3 or kN/m3");
  if (l) out.length = l;
  if (f) out.force = f;
  if (sl) out.sectionLength = sl;
  if (st) out.stress = st;
  if (d) out.density = d;
  return out;
}

// ── normalizeImport ─────────────────────────────────────────────────────────────────────────────

const NODE_KEYS = ["nodes", "joints", "points"] as const;
const FRAME_KEYS = ["frames", "members", "elements", "beams", "bars"] as const;
const END_PAIRS: readonly (readonly [string, string])[] = [
  ["start", "end"], ["i", "j"], ["node_A", "node_B"], ["nodeA", "nodeB"], ["node_a", "node_b"], ["nodeI", "nodeJ"], ["node_i", "node_j"],
  ["n1", "n2"], ["from", "to"], ["start_node", "end_node"], ["startNode", "endNode"], ["node1", "node2"], ["a", "b"],
];
const emptyStats = (): ImportStats => ({ nodes: 0, frames: 0, supports: 0, sections: 0, materials: 0, loadCases: 0, loads: 0, combinations: 0 });
const emptyPaths = (): Record<EntityKind, IssuePath[]> => ({ nodes: [], frames: [], supports: [], sections: [], materials: [], loadCases: [], loads: [], combinations: [] });

/**
 * Node ref used in the normalised input for a payload node id. Frames get no ref: loads address
 * them by label (unique, derived from the payload id), which saves 100k ref entries on big imports.
 */
const nodeRefOf = (id: string): string => id;
const isIntegerId = (s: string): boolean => /^\d+$/.test(s);

export interface NormalizeOptions {
  /** Default display units when the payload gives none (default m / kN). */
  defaultDisplayUnits?: DisplayUnits;
}

/**
 * Read an import payload (object or JSON string) in any supported variant and return add_elements
 * input in SI, with every problem found. Rows with errors are left out of `input`; rows that only
 * depend on them (frames on a bad node, loads on a bad frame) are left out silently.
 */
export function normalizeImport(payload: unknown, opts: NormalizeOptions = {}): NormalizedImport {
  const c = new Collector();
  const stats = emptyStats();
  const sourcePaths = emptyPaths();
  const features = new Set<string>();
  const input: ImportedInput = {
    name: "Imported model",
    description: "",
    displayUnits: opts.defaultDisplayUnits ?? { length: "m", force: "kN" },
    verticalAxis: "Z",
  };
  const done = (format: string): NormalizedImport => ({ ok: !hasErrors(c.issues), input, issues: c.issues, stats, detectedFormat: format, sourcePaths });

  let root: unknown = payload;
  if (typeof root === "string") {
    try {
      root = JSON.parse(root);
    } catch (e) {
      c.err("INVALID_INPUT", [], `The payload is not valid JSON (${(e as Error).message}). Send a JSON object with nodes and frames.`);
      return done("unknown");
    }
  }
  if (!isObj(root)) {
    c.err("INVALID_INPUT", [], `The payload must be a JSON object with nodes and frames, got ${Array.isArray(root) ? "an array" : typeof root}.`);
    return done("unknown");
  }
  // Control characters anywhere (names, labels, ids, keys) are refused before anything is read.
  const bad = findControlCharacters(root);
  if (bad.length) {
    for (const b of bad) c.err("INVALID_INPUT", b.path, ` ${b.problem}.`);
    return done("unknown");
  }
  // Wrappers: { s3d_model: {...} } (SkyCiv API), { model: {...} }
  for (const w of ["s3d_model", "model", "structure"]) {
    const inner = root[w];
    if (isObj(inner) && (inner.nodes !== undefined || inner.members !== undefined || inner.frames !== undefined)) {
      if (w === "s3d_model") features.add("skyciv");
      root = inner;
      break;
    }
  }
  const p = root as Obj;
  const settings = isObj(p.settings) ? p.settings : {};
  if (typeof p.format === "string" && p.format.startsWith("spectral")) features.add("spectral");

  // meta
  const nameHit = pick(p, KEYS_NAME);
  if (nameHit) {
    const v = nameHit[1];
    if (typeof v === "string" && v.trim() !== "") input.name = v.slice(0, MAX_NAME_LENGTH);
    else if (typeof v === "number") input.name = String(v);
    else c.err("INVALID_INPUT", [nameHit[0]], " must be a non-empty string.");
  }
  const descHit = pick(p, KEYS_DESCRIPTION);
  if (descHit) {
    if (typeof descHit[1] !== "string") c.err("INVALID_INPUT", [descHit[0]], " must be a string.");
    else input.description = descHit[1].slice(0, MAX_DESCRIPTION_LENGTH);
  }
  const vaHit = pick(p, KEYS_VERTICAL_AXIS) ?? pick(settings, KEYS_SETTINGS_VERTICAL);
  if (vaHit) {
    const v = String(vaHit[1]).trim().replace(/^\+/, "").toUpperCase();
    if (v === "Z" || v === "Y") input.verticalAxis = v;
    else c.err("INVALID_INPUT", [vaHit[0]], ` is ${JSON.stringify(vaHit[1])}; use "Z" (default) or "Y".`);
  }
  const unitsHit = pick(p, KEYS_UNITS) ?? (settings.units !== undefined ? ["settings.units", settings.units] as [string, unknown] : undefined);
  const units = unitsHit ? readUnits(unitsHit[1], c, unitsHit[0].split(".")) : {};
  if (units.length && units.length !== "m") features.add(`${units.length} units`);
  const s: UnitScale = unitScale(units);
  const dispHit = pick(p, KEYS_DISPLAY_UNITS);
  const disp = dispHit ? readUnits(dispHit[1], c, [dispHit[0]]) : units;
  input.displayUnits = {
    length: disp.length && (LENGTH_UNITS as readonly string[]).includes(disp.length) ? disp.length : input.displayUnits.length,
    force: disp.force && (FORCE_UNITS as readonly string[]).includes(disp.force) ? disp.force : input.displayUnits.force,
  };

  // ── materials (before sections: sections may name a material) ──
  const materialName = new Map<string, string>(); // payload id or name → material name
  const matHit = pick(p, KEYS_MATERIALS);
  if (matHit) {
    const rows = rowsOf(matHit[1]);
    if (!rows) c.err("INVALID_INPUT", [matHit[0]], " must be an array or an object keyed by id.");
    else {
      input.materials = [];
      for (const r of rows) {
        const path = rowPath([matHit[0]], r);
        const row = r.row;
        const keyName = r.key !== null && !isIntegerId(r.key) ? r.key : undefined;
        if (typeof row === "string") {
          const cat = findCatalogueMaterial(row);
          if (!cat) {
            c.err("UNKNOWN_MATERIAL", path, ` "${row}" is not a catalogue material; give { name, E, nu, density } instead.`);
            continue;
          }
          const name = keyName ?? row;
          input.materials.push({ catalogue: row, name });
          sourcePaths.materials.push(path);
          materialName.set(r.key ?? name, name).set(name, name);
          continue;
        }
        if (!isObj(row)) {
          c.err("INVALID_INPUT", path, " must be an object with name and E, or a catalogue name.");
          continue;
        }
        const id = idOf(row.id) ?? r.key ?? undefined;
        const cataHit = pick(row, KEYS_MATERIAL_CATALOGUE);
        const rawName = idOf(row.name) ?? keyName ?? (cataHit ? idOf(cataHit[1]) : undefined) ?? (id !== undefined ? (isIntegerId(id) ? `M${id}` : id) : `M${r.index + 1}`);
        const name = rawName.slice(0, MAX_NAME_LENGTH);
        const E = c.num(row, KEYS_E, path, "E", false);
        if (E === undefined) {
          const cat = findCatalogueMaterial(cataHit ? String(cataHit[1]) : name);
          if (!cat) {
            c.err("INVALID_INPUT", path, ` "${name}" has no E and is not a catalogue material; give E (and nu, density), or a catalogue name like "S355".`);
            continue;
          }
          input.materials.push({ catalogue: cat.name, name });
        } else {
          if (!(E > 0)) {
            c.err("INVALID_PROPERTY", path, ` E must be > 0.`);
            continue;
          }
          const G = c.num(row, KEYS_G, path, "G", false);
          const nu = c.num(row, KEYS_NU, path, "nu", false);
          const density = c.num(row, KEYS_DENSITY, path, "density", false);
          const fy = c.num(row, KEYS_FY, path, "fy", false);
          const kindRaw = pick(row, KEYS_MATERIAL_KIND);
          const kindStr = kindRaw ? String(kindRaw[1]).toLowerCase() : "";
          const kind = (MATERIAL_KINDS as readonly string[]).includes(kindStr) ? (kindStr as (typeof MATERIAL_KINDS)[number]) : kindStr === "aluminum" ? "aluminium" : kindStr === "wood" ? "timber" : undefined;
          const m: NonNullable<ElementsInput["materials"]>[number] = { name, E: E * s.stress };
          if (G !== undefined) {
            if (!(G > 0)) { c.err("INVALID_PROPERTY", path, " G must be > 0."); continue; }
            m.G = G * s.stress;
          }
          if (nu !== undefined) {
            if (!(nu >= 0 && nu <= 0.5)) { c.err("INVALID_PROPERTY", path, ` nu = ${nu} must be between 0 and 0.5.`); continue; }
            m.nu = nu;
          }
          if (density !== undefined) {
            if (!(density >= 0)) { c.err("INVALID_PROPERTY", path, " density must be ≥ 0."); continue; }
            m.density = density * s.density;
          }
          if (fy !== undefined && fy > 0) m.fy = fy * s.stress;
          if (kind) m.kind = kind;
          if (!(E * s.stress >= 1e8 && E * s.stress <= 1e13)) c.warn("UNITS_SUSPECT", path, ` E = ${(E * s.stress).toPrecision(4)} Pa after unit conversion, which is implausible (steel 2.1e11 Pa). Set units.stress (e.g. "MPa") to the unit E is given in.`);
          input.materials.push(m);
        }
        sourcePaths.materials.push(path);
        if (id !== undefined) materialName.set(id, name);
        materialName.set(name, name);
      }
      stats.materials = input.materials.length;
    }
  }
  const materialRef = (v: unknown): string | undefined => {
    const t = idOf(v);
    if (t === undefined) return undefined;
    return materialName.get(t) ?? t;
  };

  // ── sections ──
  const sectionName = new Map<string, string>();
  const sectionMaterial = new Map<string, string>();
  const secHit = pick(p, KEYS_SECTIONS);
  if (secHit) {
    const rows = rowsOf(secHit[1]);
    if (!rows) c.err("INVALID_INPUT", [secHit[0]], " must be an array or an object keyed by id.");
    else {
      input.sections = [];
      for (const r of rows) {
        const path = rowPath([secHit[0]], r);
        const row = r.row;
        const keyName = r.key !== null && !isIntegerId(r.key) ? r.key : undefined;
        if (typeof row === "string") {
          const cat = findCatalogueSection(row);
          if (!cat) {
            c.err("UNKNOWN_SECTION", path, ` "${row}" is not a catalogue section; give { name, A, Iy, Iz, J } instead.`);
            continue;
          }
          const name = keyName ?? row;
          input.sections.push({ catalogue: row, name });
          sourcePaths.sections.push(path);
          sectionName.set(r.key ?? name, name).set(name, name);
          continue;
        }
        if (!isObj(row)) {
          c.err("INVALID_INPUT", path, " must be an object with name, A, Iy, Iz, J, or a catalogue name.");
          continue;
        }
        const id = idOf(row.id) ?? r.key ?? undefined;
        let catName: string | undefined;
        const cataHit = pick(row, KEYS_SECTION_CATALOGUE);
        if (cataHit) catName = Array.isArray(cataHit[1]) ? idOf(cataHit[1][cataHit[1].length - 1]) : idOf(cataHit[1]);
        const rawName = idOf(row.name) ?? keyName ?? catName ?? (id !== undefined ? (isIntegerId(id) ? `S${id}` : id) : `S${r.index + 1}`);
        const name = rawName.slice(0, MAX_NAME_LENGTH);
        const A = c.num(row, KEYS_A, path, "A", false);
        let Iz = c.num(row, KEYS_IZ, path, "Iz", false);
        const Iy = c.num(row, KEYS_IY, path, "Iy", false);
        const J = c.num(row, KEYS_J, path, "J", false);
        if (Iz === undefined && row.Ix !== undefined) {
          // AISC convention: Ix strong, Iy weak
          Iz = c.num(row, KEYS_IX, path, "Ix", false);
          if (Iz !== undefined) c.info("INVALID_INPUT", path, " gives Ix and Iy (AISC convention: x strong); read Ix as Spectral's Iz (strong) and Iy as Iy (weak).");
        }
        const complete = A !== undefined && Iy !== undefined && Iz !== undefined && J !== undefined;
        const mat = pick(row, KEYS_SECTION_MATERIAL);
        if (mat) {
          const mName = materialRef(mat[1]);
          if (mName) sectionMaterial.set(name, mName);
        }
        if (!complete) {
          const cat = catName !== undefined ? findCatalogueSection(catName) : findCatalogueSection(name);
          if (!cat) {
            const missing = (["A", "Iy", "Iz", "J"] as const).filter((k) => ({ A, Iy, Iz, J })[k] === undefined);
            c.err("INVALID_INPUT", path, ` "${name}" is missing ${missing.join(", ")} and ${catName ? `"${catName}"` : "its name"} is not a catalogue section. Give A, Iy, Iz (strong axis), J, or a catalogue name.`);
            continue;
          }
          input.sections.push({ catalogue: cat.name, name });
        } else {
          const bad = (["A", "Iy", "Iz", "J"] as const).filter((k) => !((({ A, Iy, Iz, J })[k] as number) > 0));
          if (bad.length > 0) {
            c.err("INVALID_PROPERTY", path, ` has ${bad.join(", ")} ≤ 0; section properties must be positive.`);
            continue;
          }
          const sec: NonNullable<ElementsInput["sections"]>[number] = {
            name,
            A: (A as number) * s.area,
            Iy: (Iy as number) * s.inertia,
            Iz: (Iz as number) * s.inertia,
            J: (J as number) * s.inertia,
          };
          if (isObj(row.shape) && typeof row.shape.type === "string") {
            const shape: Record<string, unknown> = { type: row.shape.type };
            let okShape = true;
            for (const [k, v] of Object.entries(row.shape)) {
              if (k === "type") continue;
              const n = readNum(v);
              if (typeof n !== "number" || !(n > 0)) okShape = false;
              else shape[k] = n * s.sectionLength;
            }
            if (okShape) sec.shape = shape as never;
            else c.warn("INVALID_INPUT", [...path, "shape"], " has a non-positive dimension and was ignored.");
          }
          input.sections.push(sec);
        }
        sourcePaths.sections.push(path);
        if (id !== undefined) sectionName.set(id, name);
        sectionName.set(name, name);
      }
      stats.sections = input.sections.length;
    }
  }

  // ── nodes ──
  type NodeState = "ok" | "bad";
  const nodeIds = new Map<string, NodeState>();
  const nodeHit = pick(p, NODE_KEYS);
  let arrayNodes = false;
  input.nodes = [];
  if (!nodeHit) {
    c.err("INVALID_INPUT", ["nodes"], " is missing: the payload has no nodes. Give nodes: [{ id, x, y, z }, …].");
  } else {
    const rows = rowsOf(nodeHit[1]);
    if (!rows) c.err("INVALID_INPUT", [nodeHit[0]], " must be an array of nodes or an object keyed by node id.");
    else {
      if (!Array.isArray(nodeHit[1])) features.add("nodes keyed by id");
      if (nodeHit[0] !== "nodes") features.add(nodeHit[0]);
      let missingZ = 0;
      for (const r of rows) {
        const path = rowPath([nodeHit[0]], r);
        const row = r.row;
        let id: string | undefined;
        let numericId: boolean;
        let label: string | undefined;
        let xyz: [number | undefined, number | undefined, number | undefined];
        if (Array.isArray(row)) {
          arrayNodes = true;
          id = r.key ?? String(r.index);
          numericId = r.key === null || isIntegerId(r.key);
          if (r.key === null) label = `N${r.index + 1}`;
          const vals = row.map(readNum);
          if (vals.length < 2 || vals.length > 3) {
            c.err("INVALID_INPUT", path, ` must be [x, y, z], got ${row.length} values.`);
            nodeIds.set(id, "bad");
            continue;
          }
          if (vals.some((v) => v === null)) {
            c.err("NON_FINITE_COORDINATE", path, " has a non-finite coordinate; coordinates must be finite numbers.");
            nodeIds.set(id, "bad");
            continue;
          }
          if (vals.some((v) => v === undefined)) {
            c.err("INVALID_INPUT", path, " must contain numbers only.");
            nodeIds.set(id, "bad");
            continue;
          }
          if (vals.length === 2) missingZ++;
          xyz = [vals[0] as number, vals[1] as number, (vals[2] ?? 0) as number];
        } else if (isObj(row)) {
          const idHit = pick(row, KEYS_NODE_ID);
          id = idHit ? idOf(idHit[1]) : (r.key ?? undefined);
          numericId = idHit ? typeof idHit[1] === "number" : r.key !== null ? isIntegerId(r.key) : false;
          if (id === undefined) {
            if (idHit) {
              c.err("INVALID_INPUT", [...path, idHit[0]], " must be a string or a number.");
              continue;
            }
            // objects without ids are addressed by position, like [x, y, z] rows
            id = String(r.index);
            numericId = true;
            label = `N${r.index + 1}`;
            arrayNodes = true;
          }
          const lab = pick(row, KEYS_LABEL);
          if (lab) label = idOf(lab[1]);
          const arr = pick(row, KEYS_COORD_ARRAY);
          if (arr && Array.isArray(arr[1])) {
            const vals = (arr[1] as unknown[]).map(readNum);
            if (vals.length !== 3 || vals.some((v) => typeof v !== "number")) {
              c.err(vals.some((v) => v === null) ? "NON_FINITE_COORDINATE" : "INVALID_INPUT", [...path, arr[0]], " must be [x, y, z] with finite numbers.");
              nodeIds.set(id, "bad");
              continue;
            }
            xyz = [vals[0] as number, vals[1] as number, vals[2] as number];
          } else {
            const x = c.num(row, KEYS_X, path, "x", true);
            const y = c.num(row, KEYS_Y, path, "y", true);
            const zHit = pick(row, KEYS_Z);
            const zz = zHit ? c.num(row, KEYS_Z, path, "z", true) : 0;
            if (!zHit) missingZ++;
            xyz = [x, y, zz];
          }
        } else {
          c.err("INVALID_INPUT", path, " must be { id, x, y, z } or [x, y, z].");
          continue;
        }
        if (nodeIds.has(id)) {
          c.err("DUPLICATE_NODE", path, ` has id "${id}", which another node already uses. Node ids must be unique.`);
          continue;
        }
        if (xyz.some((v) => v === undefined)) {
          nodeIds.set(id, "bad");
          continue;
        }
        label ??= numericId ? `N${id}` : id;
        if (label.length > MAX_LABEL_LENGTH) {
          c.err("INVALID_INPUT", path, ` id/label "${label.slice(0, 20)}…" is longer than ${MAX_LABEL_LENGTH} characters.`);
          nodeIds.set(id, "bad");
          continue;
        }
        nodeIds.set(id, "ok");
        input.nodes.push({ ref: nodeRefOf(id), label, x: (xyz[0] as number) * s.length, y: (xyz[1] as number) * s.length, z: (xyz[2] as number) * s.length });
        sourcePaths.nodes.push(path);
      }
      if (arrayNodes) features.add("nodes as [x, y, z] arrays");
      if (missingZ > 0) c.info("INVALID_INPUT", [nodeHit[0]], `: ${missingZ} node(s) have no z coordinate; z = 0 was used.`);
    }
  }

  // ── frames ──
  /** payload frame id → its label (what loads refer to), or null when the row had an error */
  const frameIds = new Map<string, string | null>();
  const coordNodes = new Map<string, string>();
  const frameHit = pick(p, FRAME_KEYS);
  input.frames = [];
  if (!frameHit) {
    c.err("INVALID_INPUT", ["frames"], " is missing: the payload has no frames. Give frames: [{ id, start, end, section }, …] (members, elements and beams are accepted too).");
  } else {
    if (frameHit[0] !== "frames") features.add(frameHit[0]);
    const rows = rowsOf(frameHit[1]);
    if (!rows) c.err("INVALID_INPUT", [frameHit[0]], " must be an array of frames or an object keyed by frame id.");
    else {
      if (!Array.isArray(frameHit[1])) features.add("frames keyed by id");
      // 1-based index detection for [x, y, z] node arrays: refs run 1..n with no 0
      let shift = 0;
      if (arrayNodes && input.nodes.length > 0) {
        let sawZero = false;
        let sawN = false;
        const n = String(input.nodes.length);
        for (const r of rows) {
          const ends = Array.isArray(r.row) ? r.row : isObj(r.row) ? END_PAIRS.map(([a, b]) => [(r.row as Obj)[a], (r.row as Obj)[b]]).find(([a, b]) => a !== undefined && b !== undefined) ?? (Array.isArray((r.row as Obj).nodes) ? ((r.row as Obj).nodes as unknown[]) : []) : [];
          for (const e of ends) {
            const t = idOf(e);
            if (t === "0") sawZero = true;
            if (t === n) sawN = true;
          }
        }
        if (sawN && !sawZero) {
          shift = 1;
          c.info("INVALID_INPUT", [frameHit[0]], ": node numbers run from 1 to the node count, so they were read as 1-based positions in the nodes array.");
        }
      }
      const endRef = (v: unknown, rowP: IssuePath, field: string | number, sub?: number): string | null | undefined => {
        const mk = (): IssuePath => (sub === undefined ? [...rowP, field] : [...rowP, field, sub]);
        // coordinates instead of a node id: create (and de-duplicate) a node
        if (Array.isArray(v)) {
          const vals = v.map(readNum);
          if (vals.length !== 3 || vals.some((x) => typeof x !== "number")) {
            c.err("INVALID_INPUT", mk(), " must be a node id or coordinates [x, y, z].");
            return null;
          }
          features.add("frame ends as coordinates");
          const xyz = (vals as number[]).map((x) => x * s.length);
          const key = xyz.map((x) => Math.round(x * 1e6)).join(",");
          let ref = coordNodes.get(key);
          if (!ref) {
            ref = `@${key}`;
            coordNodes.set(key, ref);
            (input.nodes as NonNullable<ElementsInput["nodes"]>).push({ ref, x: xyz[0] as number, y: xyz[1] as number, z: xyz[2] as number });
            sourcePaths.nodes.push(mk());
          }
          return ref;
        }
        let t = idOf(v);
        if (t === undefined) {
          c.err("INVALID_INPUT", mk(), ` must be a node id, got ${JSON.stringify(v)}.`);
          return null;
        }
        if (shift && isIntegerId(t)) t = String(Number(t) - shift);
        const state = nodeIds.get(t);
        if (state === "ok") return nodeRefOf(t);
        if (state === "bad") return undefined; // the node's own error explains it
        c.err("UNKNOWN_NODE", mk(), ` refers to node '${idOf(v)}', which is not in nodes.`, nodeIds.size > 0 ? `Node ids include: ${[...nodeIds.keys()].slice(0, 8).join(", ")}${nodeIds.size > 8 ? ", …" : ""}.` : undefined);
        return null;
      };
      for (const r of rows) {
        const path = rowPath([frameHit[0]], r);
        const row = r.row;
        let a: unknown;
        let b: unknown;
        let fa: string | number;
        let fb: string | number;
        let sub = false;
        let o: Obj = {};
        if (Array.isArray(row)) {
          if (row.length !== 2) {
            c.err("INVALID_INPUT", path, " must be [startNode, endNode] or an object with start and end.");
            continue;
          }
          features.add("frames as [a, b] pairs");
          [a, b] = row;
          fa = 0;
          fb = 1;
        } else if (isObj(row)) {
          o = row;
          let pair: readonly [string, string] | undefined;
          for (const pr of END_PAIRS) {
            if (o[pr[0]] !== undefined && o[pr[1]] !== undefined) {
              pair = pr;
              break;
            }
          }
          if (pair) {
            a = o[pair[0]];
            b = o[pair[1]];
            fa = pair[0];
            fb = pair[1];
            if (pair[0] !== "start" && pair[0] !== "i") features.add(`${pair[0]}/${pair[1]}`);
          } else {
            const list = pick(o, KEYS_FRAME_NODE_LIST);
            if (list && Array.isArray(list[1]) && list[1].length === 2) {
              [a, b] = list[1] as unknown[];
              fa = list[0];
              fb = list[0];
              sub = true;
              features.add(`${list[0]}: [a, b]`);
            } else {
              c.err("INVALID_INPUT", path, " has no end nodes; give start and end (or i/j, node_A/node_B, nodes: [a, b]).");
              continue;
            }
          }
        } else {
          c.err("INVALID_INPUT", path, " must be an object with start and end, or a [start, end] pair.");
          continue;
        }
        const ra = endRef(a, path, fa, sub ? 0 : undefined);
        const rb = endRef(b, path, fb, sub ? 1 : undefined);
        const idHit = pick(o, KEYS_FRAME_ID);
        const id = idHit ? idOf(idHit[1]) : (r.key ?? undefined);
        const numericId = idHit ? typeof idHit[1] === "number" : r.key !== null && isIntegerId(r.key);
        if (id !== undefined && frameIds.has(id)) {
          c.err("DUPLICATE_LABEL", path, ` has id "${id}", which another frame already uses. Frame ids must be unique.`);
          continue;
        }
        if (ra === undefined || rb === undefined) {
          if (id !== undefined) frameIds.set(id, null);
          continue;
        }
        if (ra === null || rb === null) {
          if (id !== undefined) frameIds.set(id, null);
          continue;
        }
        const lab = pick(o, KEYS_LABEL);
        const label = (lab ? idOf(lab[1]) : undefined) ?? (id !== undefined ? (numericId ? `F${id}` : id) : undefined);
        if (label !== undefined && label.length > MAX_LABEL_LENGTH) {
          c.err("INVALID_INPUT", path, ` id/label "${label.slice(0, 20)}…" is longer than ${MAX_LABEL_LENGTH} characters.`);
          if (id !== undefined) frameIds.set(id, null);
          continue;
        }
        const f: NonNullable<ElementsInput["frames"]>[number] = { i: ra, j: rb };
        if (label !== undefined) f.label = label;
        const sec = pick(o, KEYS_SECTION);
        let secName: string | undefined;
        if (sec) {
          const t = idOf(sec[1]);
          secName = t === undefined ? undefined : (sectionName.get(t) ?? t);
          if (secName !== undefined && typeof sec[1] === "number" && !sectionName.has(t as string)) {
            c.err("UNKNOWN_SECTION", [...path, sec[0]], ` refers to section ${t}, which is not in sections.`);
            if (id !== undefined) frameIds.set(id, null);
            continue;
          }
          if (secName !== undefined) f.section = secName;
        }
        const mat = pick(o, KEYS_FRAME_MATERIAL);
        if (mat) {
          const t = idOf(mat[1]);
          if (t !== undefined) {
            if (typeof mat[1] === "number" && !materialName.has(t)) {
              c.err("UNKNOWN_MATERIAL", [...path, mat[0]], ` refers to material ${t}, which is not in materials.`);
              if (id !== undefined) frameIds.set(id, null);
              continue;
            }
            f.material = materialName.get(t) ?? t;
          }
        } else if (secName !== undefined && sectionMaterial.has(secName)) {
          f.material = sectionMaterial.get(secName) as string;
        }
        const roll = c.num(o, KEYS_ROLL, path, "roll", false);
        if (roll !== undefined) f.roll = roll;
        const ori = pick(o, KEYS_ORIENTATION);
        if (ori) {
          const v = readVec(ori[1]);
          if (!v) c.err("INVALID_INPUT", [...path, ori[0]], " must be a vector [x, y, z].");
          else f.orientation = v;
        }
        if (!readReleases(o, f, input.verticalAxis, c, path)) {
          if (id !== undefined) frameIds.set(id, null);
          continue;
        }
        const roleHit = pick(o, KEYS_ROLE);
        if (roleHit && typeof roleHit[1] === "string") {
          const rv = roleHit[1].toLowerCase();
          if ((FRAME_ROLES as readonly string[]).includes(rv)) f.role = rv as (typeof FRAME_ROLES)[number];
          else if (rv === "girder" || rv === "joist" || rv === "rafter") f.role = "beam";
          else if (rv === "post" || rv === "strut") f.role = rv === "post" ? "column" : "brace";
        }
        if (id !== undefined) frameIds.set(id, label as string);
        input.frames.push(f);
        sourcePaths.frames.push(path);
      }
    }
  }
  stats.nodes = input.nodes.length;
  stats.frames = input.frames.length;

  // ── supports ──
  const supHit = pick(p, KEYS_SUPPORTS);
  if (supHit) {
    const rows = rowsOf(supHit[1]);
    if (!rows) c.err("INVALID_INPUT", [supHit[0]], " must be an array or an object keyed by node.");
    else {
      input.supports = [];
      for (const r of rows) {
        const path = rowPath([supHit[0]], r);
        const row = r.row;
        let nodeTok: string | undefined;
        let spec: unknown;
        let specPath: IssuePath = path;
        if (isObj(row)) {
          const n = pick(row, KEYS_NODE_REF);
          nodeTok = n ? idOf(n[1]) : (r.key ?? undefined);
          if (!n && r.key === null) nodeTok = idOf(row.id);
          const codeHit = pick(row, KEYS_CODE);
          spec = codeHit ? codeHit[1] : row;
          if (codeHit) specPath = [...path, codeHit[0]];
        } else {
          nodeTok = r.key ?? undefined;
          spec = row;
        }
        if (nodeTok === undefined) {
          c.err("INVALID_INPUT", path, " does not say which node it supports; give node.");
          continue;
        }
        const state = nodeIds.get(nodeTok);
        if (state === undefined) {
          c.err("UNKNOWN_NODE", path, ` refers to node '${nodeTok}', which is not in nodes.`);
          continue;
        }
        const code = parseDof(spec, "support", input.verticalAxis, c, specPath);
        if (code === undefined || state === "bad") continue;
        input.supports.push({ node: nodeRefOf(nodeTok), code });
        sourcePaths.supports.push(path);
      }
      stats.supports = input.supports.length;
    }
  }

  // ── load cases ──
  const caseName = new Map<string, string>(); // id or name → name
  const casesDeclared = new Set<string>();
  input.loadCases = [];
  const addCase = (name: string, extra: Partial<NonNullable<ElementsInput["loadCases"]>[number]>, path: IssuePath) => {
    (input.loadCases as NonNullable<ElementsInput["loadCases"]>).push({ name, ...extra });
    sourcePaths.loadCases.push(path);
    casesDeclared.add(name.toLowerCase());
    caseName.set(name, name);
  };
  const caseHit = pick(p, KEYS_LOAD_CASES);
  if (caseHit) {
    const rows = rowsOf(caseHit[1]);
    if (!rows) c.err("INVALID_INPUT", [caseHit[0]], " must be an array or an object keyed by id.");
    else {
      for (const r of rows) {
        const path = rowPath([caseHit[0]], r);
        const row = r.row;
        if (typeof row === "string" || typeof row === "number") {
          const name = String(row);
          if (casesDeclared.has(name.toLowerCase())) { c.err("DUPLICATE_NAME", path, ` "${name}" is declared twice.`); continue; }
          addCase(name.slice(0, MAX_NAME_LENGTH), {}, path);
          if (r.key !== null) caseName.set(r.key, name);
          continue;
        }
        if (!isObj(row)) {
          c.err("INVALID_INPUT", path, " must be an object { name, type, self_weight } or a name.");
          continue;
        }
        const id = idOf(row.id) ?? r.key ?? undefined;
        const name = (idOf(row.name) ?? (r.key !== null && !isIntegerId(r.key) ? r.key : undefined) ?? (id !== undefined && !isIntegerId(id) ? id : `LC${id ?? r.index + 1}`)).slice(0, MAX_NAME_LENGTH);
        if (casesDeclared.has(name.toLowerCase())) {
          c.err("DUPLICATE_NAME", path, ` "${name}" is declared twice; load case names must be unique.`);
          continue;
        }
        const extra: Partial<NonNullable<ElementsInput["loadCases"]>[number]> = {};
        const t = pick(row, KEYS_CASE_TYPE);
        if (t && typeof t[1] === "string") {
          const tv = t[1].toLowerCase();
          extra.type = (LOAD_CASE_TYPES as readonly string[]).includes(tv) ? (tv as (typeof LOAD_CASE_TYPES)[number]) : guessLoadCaseType(tv);
        }
        const sw = pick(row, KEYS_SELF_WEIGHT_FACTOR);
        if (sw) {
          const v = sw[1];
          if (typeof v === "boolean") extra.selfWeightFactor = v ? 1 : null;
          else if (typeof v === "number" && Number.isFinite(v)) extra.selfWeightFactor = v;
          else if (isObj(v)) {
            const f = readNum(v.factor);
            extra.selfWeightFactor = v.enabled === false ? null : typeof f === "number" ? f : 1;
          } else c.err("INVALID_INPUT", [...path, sw[0]], " must be true/false or a factor.");
        }
        addCase(name, extra, path);
        if (id !== undefined) caseName.set(id, name);
      }
    }
  }
  // SkyCiv self_weight: { "1": { enabled, x, y, z, load_group } }
  const swHit = pick(p, KEYS_SELF_WEIGHT);
  if (swHit && (isObj(swHit[1]) || Array.isArray(swHit[1]))) {
    for (const r of rowsOf(swHit[1]) ?? []) {
      const row = r.row;
      if (!isObj(row) || row.enabled === false) continue;
      const group = idOf(row.load_group ?? row.case ?? row.load_case) ?? "SW";
      const comp = readNum(input.verticalAxis === "Y" ? row.y : row.z);
      const factor = typeof comp === "number" ? -comp : 1;
      const existingCase = (input.loadCases as NonNullable<ElementsInput["loadCases"]>).find((x) => x.name.toLowerCase() === (caseName.get(group) ?? group).toLowerCase());
      if (existingCase) existingCase.selfWeightFactor = factor;
      else addCase(group, { type: "dead", selfWeightFactor: factor }, rowPath([swHit[0]], r));
      features.add("skyciv");
    }
  }
  // An undeclared case is a likely typo when the payload declares cases, and normal (SkyCiv load groups) when it does not.
  const autoCaseSeverity: "info" | "warning" = casesDeclared.size > 0 ? "warning" : "info";
  const resolveCaseName = (v: unknown, path: IssuePath): string | undefined => {
    let t = idOf(v);
    if (t === undefined) {
      const list = input.loadCases as NonNullable<ElementsInput["loadCases"]>;
      if (list.length === 1) return (list[0] as { name: string }).name;
      if (list.length === 0) {
        t = "Default";
      } else {
        c.err("INVALID_INPUT", path, ` does not say which load case it belongs to; give case (one of ${list.slice(0, 6).map((x) => `"${x.name}"`).join(", ")}).`);
        return undefined;
      }
    }
    const known = caseName.get(t) ?? [...caseName.values()].find((n) => n.toLowerCase() === (t as string).toLowerCase());
    if (known) return known;
    const name = (isIntegerId(t) ? `LC${t}` : t).slice(0, MAX_NAME_LENGTH);
    addCase(name, {}, path);
    caseName.set(t, name);
    const msg = ` refers to load case "${t}", which was not declared; case "${name}" was created.`;
    if (autoCaseSeverity === "warning") c.warn("AUTO_CREATED", path, `${msg} Check for a typo if you meant an existing case.`);
    else c.info("AUTO_CREATED", path, msg);
    return name;
  };

  // ── loads ──
  input.loads = [];
  const loadSources: { key: string; kindHint?: "force" | "moment" | "distributed" }[] = [
    { key: "loads" }, { key: "nodal_loads" }, { key: "member_loads" }, { key: "point_loads", kindHint: "force" }, { key: "moments", kindHint: "moment" }, { key: "distributed_loads", kindHint: "distributed" },
  ];
  for (const src of loadSources) {
    const v = p[src.key];
    if (v === undefined || v === null) continue;
    const rows = rowsOf(v);
    if (!rows) {
      c.err("INVALID_INPUT", [src.key], " must be an array of loads or an object keyed by id.");
      continue;
    }
    if (src.key !== "loads") features.add(src.key);
    for (const r of rows) {
      const path = rowPath([src.key], r);
      if (!isObj(r.row)) {
        c.err("INVALID_INPUT", path, " must be an object like { case, node, fx } or { case, frame, w }.");
        continue;
      }
      const l = readLoad(r.row, src.kindHint, path, s, c, nodeIds, frameIds, resolveCaseName);
      if (l) {
        input.loads.push(l);
        sourcePaths.loads.push(path);
      }
    }
  }
  stats.loads = input.loads.length;

  // ── combinations ──
  const comboHit = pick(p, KEYS_COMBINATIONS);
  if (comboHit) {
    const rows = rowsOf(comboHit[1]);
    if (!rows) c.err("INVALID_INPUT", [comboHit[0]], " must be an array or an object keyed by id.");
    else {
      input.combinations = [];
      const names = new Set<string>();
      const META = new Set(["id", "name", "kind", "type", "category", "criteria", "factors", "description", "label"]);
      for (const r of rows) {
        const path = rowPath([comboHit[0]], r);
        const row = r.row;
        if (!isObj(row)) {
          c.err("INVALID_INPUT", path, ' must be { name, factors: { "Dead": 1.35 } }.');
          continue;
        }
        const name = (idOf(row.name) ?? (r.key !== null && !isIntegerId(r.key) ? r.key : undefined) ?? idOf(row.id) ?? `C${r.index + 1}`).slice(0, MAX_NAME_LENGTH);
        if (names.has(name.toLowerCase())) {
          c.err("DUPLICATE_NAME", path, ` "${name}" is declared twice; combination names must be unique.`);
          continue;
        }
        names.add(name.toLowerCase());
        const kindHit = pick(row, KEYS_COMBO_KIND);
        const kv = kindHit ? String(kindHit[1]).toLowerCase() : "";
        const kind = kv === "uls" || kv === "strength" || kv === "ultimate" ? "ULS" : kv === "sls" || kv === "service" || kv === "serviceability" ? "SLS" : "other";
        const entries: [unknown, unknown, IssuePath][] = [];
        if (isObj(row.factors)) for (const [k, f] of Object.entries(row.factors)) entries.push([k, f, [...path, "factors", k]]);
        else if (Array.isArray(row.factors)) {
          row.factors.forEach((f, k) => {
            if (isObj(f)) entries.push([f.case ?? f.load_case ?? f.caseId ?? f.name, f.factor ?? f.value, [...path, "factors", k]]);
          });
        } else for (const [k, f] of Object.entries(row)) if (!META.has(k)) entries.push([k, f, [...path, k]]);
        const factors: Record<string, number> = {};
        let bad = false;
        for (const [tok, f, fp] of entries) {
          const n = readNum(f);
          if (typeof n !== "number") {
            c.err(n === null ? "NON_FINITE_VALUE" : "INVALID_INPUT", fp, " must be a finite number (the factor).");
            bad = true;
            continue;
          }
          const cn = resolveCaseName(tok, fp);
          if (cn === undefined) { bad = true; continue; }
          factors[cn] = (factors[cn] ?? 0) + n;
        }
        if (bad) continue;
        input.combinations.push({ name, kind, factors });
        sourcePaths.combinations.push(path);
      }
      stats.combinations = input.combinations.length;
    }
  }
  stats.loadCases = input.loadCases.length;
  if (input.loadCases.length === 0) delete input.loadCases;

  // format
  let format: string;
  if (features.has("spectral")) format = "spectral";
  else if (features.has("skyciv") || (features.has("members") && features.has("node_A/node_B") && features.has("nodes keyed by id"))) format = "skyciv";
  else if (features.size === 0 || [...features].every((f) => f.endsWith(" units"))) format = "canonical";
  else format = `lenient: ${[...features].join(", ")}`;
  return done(format);
}

function readVec(v: unknown): Vec3Input | undefined {
  if (Array.isArray(v)) {
    const n = v.map(readNum);
    if (n.length === 3 && n.every((x) => typeof x === "number")) return n as [number, number, number];
    return undefined;
  }
  if (isObj(v)) {
    const x = readNum(v.x ?? 0);
    const y = readNum(v.y ?? 0);
    const z = readNum(v.z ?? 0);
    if (typeof x === "number" && typeof y === "number" && typeof z === "number") return { x, y, z };
  }
  return undefined;
}

const RELEASE_PAIR_KEYS: readonly (readonly [string, string])[] = [["releaseI", "releaseJ"], ["release_i", "release_j"], ["fixity_A", "fixity_B"], ["releases_i", "releases_j"], ["release_start", "release_end"]];

/** Frame releases from the many spellings; false when a release spec is invalid. */
function readReleases(o: Obj, f: NonNullable<ElementsInput["frames"]>[number], va: VerticalAxis, c: Collector, path: IssuePath): boolean {
  for (const [ki, kj] of RELEASE_PAIR_KEYS) {
    if (o[ki] === undefined && o[kj] === undefined) continue;
    if (o[ki] !== undefined) {
      const v = parseDof(o[ki], "release", va, c, [...path, ki]);
      if (v === undefined) return false;
      f.releaseI = v;
    }
    if (o[kj] !== undefined) {
      const v = parseDof(o[kj], "release", va, c, [...path, kj]);
      if (v === undefined) return false;
      f.releaseJ = v;
    }
    return true;
  }
  const hit = pick(o, KEYS_RELEASES);
  if (!hit) return true;
  const [k, v] = hit;
  if (typeof v === "string") {
    const w = v.trim().toLowerCase().replace(/[\s-]+/g, "_");
    const shortcut: Record<string, [string, string]> = { pinned_i: ["FFFFRR", "FFFFFF"], pinned_start: ["FFFFRR", "FFFFFF"], pinned_j: ["FFFFFF", "FFFFRR"], pinned_end: ["FFFFFF", "FFFFRR"] };
    const sc = shortcut[w];
    if (sc) {
      [f.releaseI, f.releaseJ] = sc;
      return true;
    }
    const code = parseDof(v, "release", va, c, [...path, k]);
    if (code === undefined) return false;
    f.releaseI = code;
    f.releaseJ = code;
    return true;
  }
  if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === "string" || Array.isArray(x) || isObj(x))) {
    const a = parseDof(v[0], "release", va, c, [...path, k, 0]);
    const b = parseDof(v[1], "release", va, c, [...path, k, 1]);
    if (a === undefined || b === undefined) return false;
    f.releaseI = a;
    f.releaseJ = b;
    return true;
  }
  if (isObj(v)) {
    const ei = pick(v, KEYS_END_I);
    const ej = pick(v, KEYS_END_J);
    if (ei || ej) {
      if (ei) {
        const a = parseDof(ei[1], "release", va, c, [...path, k, ei[0]]);
        if (a === undefined) return false;
        f.releaseI = a;
      }
      if (ej) {
        const b = parseDof(ej[1], "release", va, c, [...path, k, ej[0]]);
        if (b === undefined) return false;
        f.releaseJ = b;
      }
      return true;
    }
  }
  c.err("INVALID_DOF_CODE", [...path, k], ` is ${JSON.stringify(v)}; use { i: "FFFFFF", j: "FFFFRR" }, "pinned", or a 6-letter code.`);
  return false;
}

/** Parse a position: fraction, "50%", { abs | distance: 2.5 }, { percent: 50 }. */
function readPosition(v: unknown, percentDefault: boolean): { fraction?: number; distance?: number } | null {
  if (typeof v === "string") {
    const t = v.trim();
    if (t.endsWith("%")) {
      const n = readNum(t.slice(0, -1));
      return typeof n === "number" ? { fraction: n / 100 } : null;
    }
  }
  if (isObj(v)) {
    const abs = readNum(v.abs ?? v.distance ?? v.absolute);
    if (typeof abs === "number") return { distance: abs };
    const pc = readNum(v.percent ?? v.pct);
    if (typeof pc === "number") return { fraction: pc / 100 };
    return null;
  }
  const n = readNum(v);
  if (typeof n !== "number") return null;
  return { fraction: percentDefault ? n / 100 : n };
}

function readLoad(
  o: Obj,
  kindHint: "force" | "moment" | "distributed" | undefined,
  path: IssuePath,
  s: UnitScale,
  c: Collector,
  nodeIds: Map<string, "ok" | "bad">,
  frameIds: Map<string, string | null>,
  resolveCaseName: (v: unknown, path: IssuePath) => string | undefined,
): LoadInput | undefined {
  const caseHit = pick(o, KEYS_CASE_REF);
  const nodeHit = pick(o, KEYS_NODE_REF);
  const frameHit = pick(o, KEYS_FRAME_REF);
  const kindRaw = pick(o, KEYS_LOAD_KIND);
  const kindStr = kindRaw ? String(kindRaw[1]).toLowerCase().replace(/[\s-]+/g, "_") : "";
  const skycivNodal = kindStr === "n";
  const isDist =
    kindHint === "distributed" ||
    ["frame_distributed", "distributed", "udl", "dist", "line", "uniform", "trapezoidal", "member_distributed"].includes(kindStr) ||
    (kindStr === "" && pick(o, KEYS_DISTRIBUTED_HINT) !== undefined);
  // target
  const targetIsNode = nodeHit !== undefined && (skycivNodal || frameHit === undefined);
  if (!targetIsNode && !frameHit) {
    c.err("INVALID_INPUT", path, " names no target; give node (nodal load) or frame (frame load).");
    return undefined;
  }
  const caseNameV = resolveCaseName(caseHit?.[1], caseHit ? [...path, caseHit[0]] : path);
  let target: string | undefined;
  if (targetIsNode) {
    const t = idOf(nodeHit?.[1]);
    const st = t !== undefined ? nodeIds.get(t) : undefined;
    if (st === "bad") return undefined;
    if (st === undefined) {
      c.err("UNKNOWN_NODE", [...path, (nodeHit as [string, unknown])[0]], ` refers to node '${t}', which is not in nodes.`);
      return undefined;
    }
    target = nodeRefOf(t as string);
  } else {
    const t = idOf(frameHit?.[1]);
    const label = t !== undefined ? frameIds.get(t) : undefined;
    if (label === null) return undefined;
    if (label === undefined) {
      c.err("UNKNOWN_FRAME", [...path, (frameHit as [string, unknown])[0]], ` refers to frame '${t}', which is not in frames.`);
      return undefined;
    }
    target = label;
  }
  if (caseNameV === undefined) return undefined;

  const vec3 = (keysVec: readonly string[], keysXYZ: readonly [string, string, string], k: number): [number, number, number] | null | undefined => {
    const hv = pick(o, keysVec);
    if (hv) {
      const v = readVec(hv[1]);
      if (!v) {
        c.err("INVALID_INPUT", [...path, hv[0]], " must be a vector [x, y, z].");
        return null;
      }
      return Array.isArray(v) ? [v[0] * k, v[1] * k, v[2] * k] : [v.x * k, v.y * k, v.z * k];
    }
    let any = false;
    const out: [number, number, number] = [0, 0, 0];
    for (let d = 0; d < 3; d++) {
      const key = keysXYZ[d] as string;
      if (o[key] === undefined || o[key] === null) continue;
      const n = readNum(o[key]);
      if (typeof n !== "number") {
        c.err(n === null ? "NON_FINITE_VALUE" : "INVALID_INPUT", [...path, key], " must be a finite number.");
        return null;
      }
      out[d] = n * k;
      any = true;
    }
    return any ? out : undefined;
  };

  if (isDist) {
    if (targetIsNode) {
      c.err("INVALID_INPUT", path, " is a distributed load on a node; give frame instead of node.");
      return undefined;
    }
    let w1 = vec3(["w1", "w", "wA", "w_start", "value"], ["x_mag_A", "y_mag_A", "z_mag_A"], s.distributed);
    if (w1 === undefined) w1 = vec3(["w_uniform"], ["wx", "wy", "wz"], s.distributed);
    const w2 = vec3(["w2", "wB", "w_end"], ["x_mag_B", "y_mag_B", "z_mag_B"], s.distributed);
    if (w1 === null || w2 === null) return undefined;
    if (w1 === undefined) {
      c.err("INVALID_INPUT", path, " has no intensity; give w: [wx, wy, wz] (force/length), or w1 and w2 for a trapezoidal load.");
      return undefined;
    }
    const l: Extract<LoadInput, { kind: "frame_distributed" }> = { kind: "frame_distributed", case: caseNameV, frame: target, w1, w2: w2 ?? [...w1] };
    const pct = o.position_A !== undefined || o.position_B !== undefined;
    for (const [keys, end] of [[["start", "position_A", "from", "a"], "start"], [["end", "position_B", "to", "b"], "end"]] as const) {
      const hit = pick(o, keys);
      if (hit) {
        const pos = readPosition(hit[1], pct);
        if (!pos) {
          c.err("INVALID_LOAD_POSITION", [...path, hit[0]], ` is ${JSON.stringify(hit[1])}; use a fraction 0..1, "50%", or { abs: distance }.`);
          return undefined;
        }
        if (pos.distance !== undefined) l[end === "start" ? "startDistance" : "endDistance"] = pos.distance * s.length;
        else if (!((pos.fraction as number) >= 0 && (pos.fraction as number) <= 1)) {
          c.err("INVALID_LOAD_POSITION", [...path, hit[0]], ` is ${JSON.stringify(hit[1])}, outside the frame; use a fraction 0..1 or a percentage "0%".."100%".`);
          return undefined;
        } else l[end] = pos.fraction as number;
      }
    }
    const x1 = readNum(o.x1);
    const x2 = readNum(o.x2);
    if (typeof x1 === "number") l.startDistance = x1 * s.length;
    if (typeof x2 === "number") l.endDistance = x2 * s.length;
    const ax = pick(o, KEYS_AXES);
    if (ax && typeof ax[1] === "string") {
      const a = ax[1].toLowerCase();
      if (a.startsWith("local")) l.axes = "local";
      if (a.includes("projected")) l.projected = true;
    }
    if (o.projected === true || o.is_projected === true) l.projected = true;
    return l;
  }

  const moment = kindHint === "moment";
  const f = vec3(["f", "force", "forces"], moment ? ["__none", "__none", "__none"] : ["fx", "fy", "fz"], s.force);
  const fMag = moment ? undefined : vec3(["__none"], ["x_mag", "y_mag", "z_mag"], s.force);
  const m = vec3(["m", "moment", "moments"], ["mx", "my", "mz"], s.moment);
  const mMag = moment ? vec3(["__none"], ["x_mag", "y_mag", "z_mag"], s.moment) : undefined;
  if (f === null || m === null || fMag === null || mMag === null) return undefined;
  const F = f ?? fMag ?? [0, 0, 0];
  const M = m ?? mMag ?? [0, 0, 0];
  if (f === undefined && fMag === undefined && m === undefined && mMag === undefined) {
    c.err("INVALID_INPUT", path, " has no values; give fx, fy, fz (and/or mx, my, mz), or f: [fx, fy, fz].");
    return undefined;
  }
  const values = { fx: F[0], fy: F[1], fz: F[2], mx: M[0], my: M[1], mz: M[2] };
  if (targetIsNode) return { kind: "nodal", case: caseNameV, node: target, ...values };
  const posHit = pick(o, KEYS_POSITION);
  const distHit = pick(o, KEYS_DISTANCE);
  const l: Extract<LoadInput, { kind: "frame_point" }> = { kind: "frame_point", case: caseNameV, frame: target, ...values };
  if (distHit) {
    const d = readNum(distHit[1]);
    if (typeof d !== "number" || d < 0) {
      c.err("INVALID_LOAD_POSITION", [...path, distHit[0]], " must be a distance ≥ 0 from end i.");
      return undefined;
    }
    l.distance = d * s.length;
  } else if (posHit) {
    const pos = readPosition(posHit[1], kindStr === "m" || (o.position !== undefined && kindHint !== undefined));
    if (!pos) {
      c.err("INVALID_LOAD_POSITION", [...path, posHit[0]], ` is ${JSON.stringify(posHit[1])}; use a fraction 0..1, "50%", or { abs: distance }.`);
      return undefined;
    }
    if (pos.distance !== undefined) l.distance = pos.distance * s.length;
    else if (!((pos.fraction as number) >= 0 && (pos.fraction as number) <= 1)) {
      c.err("INVALID_LOAD_POSITION", [...path, posHit[0]], ` is ${JSON.stringify(posHit[1])}, outside the frame; positions are fractions 0..1 of the length (or "50%", or { abs: 2.5 }).`);
      return undefined;
    } else l.position = pos.fraction as number;
  } else {
    c.err("INVALID_LOAD_POSITION", path, " is a point load on a frame without a position; give position (0..1), \"50%\" or { abs: distance }.");
    return undefined;
  }
  const ax = pick(o, KEYS_POINT_AXES);
  if (ax && typeof ax[1] === "string" && ax[1].toLowerCase().startsWith("local")) l.axes = "local";
  return l;
}

// ── planImport ──────────────────────────────────────────────────────────────────────────────────

export interface PlanImportResult extends Omit<PlanResult, "ok"> {
  ok: boolean;
  meta: Pick<ModelMeta, "name" | "description" | "displayUnits" | "verticalAxis">;
  stats: ImportStats;
  detectedFormat: string;
}

/** Map a planner issue path ["frames", 12, "j"] back to the payload (["members", "12", "node_B"]≈). */
function remap(issue: Issue, sourcePaths: Record<EntityKind, IssuePath[]>): Issue {
  const path = issue.path;
  if (!path || path.length < 2) return issue;
  const [kind, k, ...rest] = path;
  const src = typeof k === "number" ? sourcePaths[kind as EntityKind]?.[k] : undefined;
  if (!src) return issue;
  const inputWhere = formatPath([kind as string, k as number]);
  const srcWhere = formatPath(src);
  return { ...issue, path: [...src, ...rest], message: issue.message.split(inputWhere).join(srcWhere) };
}

/**
 * Normalise a payload and plan it into an empty model: everything import_model needs in one call.
 * `ok` is false when either step found an error; `issues` has both steps' issues with payload paths.
 */
export function planImport(payload: unknown, opts: PlanAddOptions & NormalizeOptions): PlanImportResult {
  const norm = normalizeImport(payload, opts);
  const { name, description, displayUnits, verticalAxis, ...elements } = norm.input;
  const meta = { name, description, displayUnits, verticalAxis };
  const blank: StructuralModel = emptyModel({ id: "import", ownerId: "import", revision: 0, ...meta });
  const plan = planAddElements(blank, elements, opts);
  const issues = [...norm.issues, ...plan.issues.map((i) => remap(i, norm.sourcePaths))];
  const stats = emptyStats();
  for (const k of Object.keys(stats) as EntityKind[]) stats[k] = plan.patch.add[k].length;
  return { ok: !hasErrors(issues), patch: plan.patch, refs: plan.refs, issues, meta, stats, detectedFormat: norm.detectedFormat };
}

// ── exportCanonical ─────────────────────────────────────────────────────────────────────────────

export interface CanonicalExport {
  format: "spectral/1";
  name: string;
  description: string;
  units: { length: "m"; force: "N" };
  display_units: DisplayUnits;
  vertical_axis: VerticalAxis;
  nodes: { id: string; x: number; y: number; z: number }[];
  frames: Record<string, unknown>[];
  supports: { node: string; code: string }[];
  sections: Record<string, unknown>[];
  materials: Record<string, unknown>[];
  load_cases: Record<string, unknown>[];
  loads: Record<string, unknown>[];
  combinations: { name: string; kind: string; factors: Record<string, number> }[];
}

/**
 * The model in the canonical import format (SI; references by label/name; defaults omitted:
 * roll 0, role "other", fully fixed ends, no orientation). `normalizeImport` reads it back to the
 * same model up to ids. Loads keep their `id` (for update_elements); import ignores it.
 */
export function exportCanonical(model: StructuralModel): CanonicalExport {
  const nodeLabel = new Map(model.nodes.map((n) => [n.id, n.label]));
  const frameLabel = new Map(model.frames.map((f) => [f.id, f.label]));
  const sectionName = new Map(model.sections.map((s) => [s.id, s.name]));
  const materialName = new Map(model.materials.map((m) => [m.id, m.name]));
  const caseName = new Map(model.loadCases.map((c) => [c.id, c.name]));
  const frames = model.frames.map((f) => {
    const o: Record<string, unknown> = { id: f.label, start: nodeLabel.get(f.i) ?? f.i, end: nodeLabel.get(f.j) ?? f.j };
    if (f.sectionId !== null) o.section = sectionName.get(f.sectionId) ?? f.sectionId;
    if (f.materialId !== null) o.material = materialName.get(f.materialId) ?? f.materialId;
    if (f.roll !== 0) o.roll = f.roll;
    if (f.orientation !== null) o.orientation = { ...f.orientation };
    if (f.releaseI !== "FFFFFF" || f.releaseJ !== "FFFFFF") o.releases = { i: f.releaseI, j: f.releaseJ };
    if (f.role !== "other") o.role = f.role;
    return o;
  });
  const loads = model.loads.map((l) => {
    const base = { id: l.id, kind: l.kind, case: caseName.get(l.caseId) ?? l.caseId };
    if (l.kind === "nodal") return { ...base, node: nodeLabel.get(l.nodeId) ?? l.nodeId, fx: l.fx, fy: l.fy, fz: l.fz, mx: l.mx, my: l.my, mz: l.mz };
    if (l.kind === "frame_point") return { ...base, frame: frameLabel.get(l.frameId) ?? l.frameId, position: l.position, axes: l.axes, fx: l.fx, fy: l.fy, fz: l.fz, mx: l.mx, my: l.my, mz: l.mz };
    return { ...base, frame: frameLabel.get(l.frameId) ?? l.frameId, start: l.start, end: l.end, axes: l.axes, w1: [l.w1.x, l.w1.y, l.w1.z], w2: [l.w2.x, l.w2.y, l.w2.z], projected: l.projected };
  });
  return {
    format: "spectral/1",
    name: model.meta.name,
    description: model.meta.description,
    units: { length: "m", force: "N" },
    display_units: { ...model.meta.displayUnits },
    vertical_axis: model.meta.verticalAxis,
    nodes: model.nodes.map((n) => ({ id: n.label, x: n.x, y: n.y, z: n.z })),
    frames,
    supports: model.supports.map((s) => ({ node: nodeLabel.get(s.nodeId) ?? s.nodeId, code: s.code })),
    sections: model.sections.map((s) => (s.shape ? { name: s.name, A: s.A, Iy: s.Iy, Iz: s.Iz, J: s.J, shape: { ...s.shape } } : { name: s.name, A: s.A, Iy: s.Iy, Iz: s.Iz, J: s.J })),
    materials: model.materials.map((m) => ({ name: m.name, E: m.E, G: m.G, nu: m.nu, density: m.density, ...(m.fy !== null ? { fy: m.fy } : {}), kind: m.kind })),
    load_cases: model.loadCases.map((c) => ({ name: c.name, type: c.type, ...(c.selfWeightFactor !== null ? { self_weight_factor: c.selfWeightFactor } : {}) })),
    loads,
    combinations: model.combinations.map((c) => ({ name: c.name, kind: c.kind, factors: Object.fromEntries(c.factors.map((f) => [caseName.get(f.caseId) ?? f.caseId, f.factor])) })),
  };
}
