/**
 * Readers shared by the import steps: alias key lists, lenient numbers/ids/rows, DOF codes, units,
 * vectors, releases and positions. Each reports through the importer's IssueSink (messages start
 * with the path) and returns undefined when the value cannot be used.
 */
import type { VerticalAxis } from "../schema";
import type { IssuePath, IssueSink } from "../issues";
import type { ElementsInput, Vec3Input } from "../elements-input";
import type { DensityUnit, ForceUnit, LengthUnit, StressUnit } from "../units";
import { parseDensityUnit, parseForceUnit, parseLengthUnit, parseStressUnit } from "../units";

// Alias key lists (hoisted so hot loops do not allocate them per row)
export const KEYS_NAME = ["name", "title", "model_name", "modelName"] as const;
export const KEYS_DESCRIPTION = ["description", "notes"] as const;
export const KEYS_VERTICAL_AXIS = ["vertical_axis", "verticalAxis", "vertical", "up_axis", "upAxis"] as const;
export const KEYS_SETTINGS_VERTICAL = ["vertical_axis", "verticalAxis"] as const;
export const KEYS_UNITS = ["units", "unit"] as const;
export const KEYS_DISPLAY_UNITS = ["display_units", "displayUnits"] as const;
export const KEYS_MATERIALS = ["materials", "material"] as const;
export const KEYS_MATERIAL_CATALOGUE = ["catalogue", "catalog", "grade", "designation"] as const;
export const KEYS_E = ["E", "elasticity_modulus", "elastic_modulus", "youngs_modulus", "young_modulus", "e", "Ex"] as const;
export const KEYS_G = ["G", "shear_modulus", "g"] as const;
export const KEYS_NU = ["nu", "poisson", "poissons_ratio", "poisson_ratio", "v"] as const;
export const KEYS_DENSITY = ["density", "rho", "mass_density"] as const;
export const KEYS_FY = ["fy", "yield_strength", "Fy", "fyk", "yield"] as const;
export const KEYS_MATERIAL_KIND = ["kind", "type", "class", "material_type"] as const;
export const KEYS_SECTIONS = ["sections", "section_properties", "profiles", "cross_sections"] as const;
export const KEYS_SECTION_CATALOGUE = ["catalogue", "catalog", "load_section", "designation", "profile"] as const;
export const KEYS_A = ["A", "area", "Ax", "Area"] as const;
export const KEYS_IZ = ["Iz", "Izz", "I_z"] as const;
export const KEYS_IY = ["Iy", "Iyy", "I_y"] as const;
export const KEYS_J = ["J", "It", "Jxx", "torsion_constant", "Ix_torsion"] as const;
export const KEYS_IX = ["Ix", "Ixx"] as const;
export const KEYS_SECTION_MATERIAL = ["material", "material_id", "materialId"] as const;
export const KEYS_NODE_ID = ["id", "node_id", "nodeId", "key"] as const;
export const KEYS_LABEL = ["label", "name"] as const;
export const KEYS_COORD_ARRAY = ["at", "coords", "coordinates", "position", "xyz", "point"] as const;
export const KEYS_X = ["x", "X"] as const;
export const KEYS_Y = ["y", "Y"] as const;
export const KEYS_Z = ["z", "Z"] as const;
export const KEYS_FRAME_NODE_LIST = ["nodes", "connectivity", "node_ids", "nodeIds"] as const;
export const KEYS_FRAME_ID = ["id", "frame_id", "member_id", "key"] as const;
export const KEYS_SECTION = ["section", "section_id", "sectionId", "profile", "cross_section"] as const;
export const KEYS_FRAME_MATERIAL = ["material", "material_id", "materialId", "mat"] as const;
export const KEYS_ROLL = ["roll", "rotation", "rotation_angle", "beta", "angle", "orientation_angle"] as const;
export const KEYS_ORIENTATION = ["orientation", "ref_vector", "refVector", "orientation_vector", "local_y"] as const;
export const KEYS_ROLE = ["role", "member_type", "memberType", "type", "kind"] as const;
export const KEYS_SUPPORTS = ["supports", "restraints", "boundary_conditions", "fixities", "fixity"] as const;
export const KEYS_NODE_REF = ["node", "node_id", "nodeId", "joint"] as const;
export const KEYS_CODE = ["code", "restraint_code", "restraint", "fixity", "type", "support", "condition", "dofs"] as const;
export const KEYS_LOAD_CASES = ["load_cases", "loadCases", "cases", "load_groups", "loadGroups"] as const;
export const KEYS_CASE_TYPE = ["type", "kind", "category", "nature"] as const;
export const KEYS_SELF_WEIGHT_FACTOR = ["self_weight_factor", "selfWeightFactor", "self_weight", "selfWeight", "selfweight", "include_self_weight"] as const;
export const KEYS_SELF_WEIGHT = ["self_weight", "selfweight"] as const;
export const KEYS_COMBINATIONS = ["combinations", "load_combinations", "loadCombinations", "combos", "load_combos"] as const;
export const KEYS_COMBO_KIND = ["kind", "type", "category", "criteria"] as const;
export const KEYS_RELEASES = ["releases", "release", "end_releases", "fixity", "hinges"] as const;
export const KEYS_END_I = ["i", "start", "A", "a", "I", "node_A", "1"] as const;
export const KEYS_END_J = ["j", "end", "B", "b", "J", "node_B", "2"] as const;
export const KEYS_CASE_REF = ["case", "load_case", "loadCase", "case_id", "caseId", "load_group", "group", "lc"] as const;
export const KEYS_FRAME_REF = ["frame", "member", "element", "member_id", "frame_id", "frameId", "beam", "elementId"] as const;
export const KEYS_LOAD_KIND = ["kind", "type", "load_type"] as const;
export const KEYS_DISTRIBUTED_HINT = ["w", "w1", "w2", "x_mag_A", "y_mag_A", "z_mag_A", "wx", "wy", "wz"] as const;
export const KEYS_AXES = ["axes", "axis", "load_axes", "coordinate_system"] as const;
export const KEYS_POSITION = ["position", "pos", "at", "location", "x"] as const;
export const KEYS_DISTANCE = ["distance", "x_abs", "offset"] as const;
export const KEYS_POINT_AXES = ["axes", "axis", "load_axes"] as const;


export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export function pick(o: Obj, keys: readonly string[]): [string, unknown] | undefined {
  for (const k of keys) {
    const v = o[k];
    if (v !== undefined && v !== null) return [k, v];
  }
  return undefined;
}

const NUMERIC = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
/** A finite number from a number or a numeric string; NaN when absent/invalid; ±Infinity/NaN numbers → null. */
export function readNum(v: unknown): number | null | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" && NUMERIC.test(v.trim())) return Number(v.trim());
  return undefined;
}

export const idOf = (v: unknown): string | undefined => {
  if (typeof v === "string") {
    const t = v.trim();
    return t === "" ? undefined : t;
  }
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return undefined;
};

/** Rows of a collection: arrays (index) or maps keyed by id (key). */
export function rowsOf(v: unknown): { key: string | null; index: number; row: unknown }[] | null {
  if (Array.isArray(v)) return v.map((row, index) => ({ key: null, index, row }));
  if (isObj(v)) return Object.entries(v).map(([key, row], index) => ({ key, index, row }));
  return null;
}
export const rowPath = (base: IssuePath, r: { key: string | null; index: number }): IssuePath =>
  base.length === 1 ? [base[0] as string, r.key ?? r.index] : [...base, r.key ?? r.index];

/** Read a required/optional finite number from `o` under any of `keys`; reports NON_FINITE_VALUE / INVALID_INPUT. */
export function readNumber(c: IssueSink, o: Obj, keys: readonly string[], path: IssuePath, what: string, required: boolean): number | undefined {
  const hit = pick(o, keys);
  if (!hit) {
    if (required) c.error("INVALID_INPUT", ` has no ${what} (expected ${keys.slice(0, 3).join(" / ")}).`, { path });
    return undefined;
  }
  const n = readNum(hit[1]);
  if (n === null) {
    c.error(hit[0].length <= 2 && ["x", "y", "z"].includes(hit[0]) ? "NON_FINITE_COORDINATE" : "NON_FINITE_VALUE", ` is ${String(hit[1])}; it must be a finite number.`, { path: [...path, hit[0]] });
    return undefined;
  }
  if (n === undefined) {
    c.error("INVALID_INPUT", ` is ${JSON.stringify(hit[1])}; expected a number.`, { path: [...path, hit[0]] });
    return undefined;
  }
  return n;
}


const DOF_KEYS: readonly (readonly string[])[] = [
  ["ux", "dx", "tx", "x"], ["uy", "dy", "ty", "y"], ["uz", "dz", "tz", "z"],
  ["rx", "rotx", "mx"], ["ry", "roty", "my"], ["rz", "rotz", "mz"],
];

/**
 * Parse a support or release spec into a 6-letter code. For supports, `true`/1/F = restrained; for
 * releases, `true`/1/R = released. Spring letters (S, K) are read as F with a warning.
 */
export function parseDof(v: unknown, mode: "support" | "release", verticalAxis: VerticalAxis, c: IssueSink, path: IssuePath): string | undefined {
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
      if (/[SK]/.test(up)) c.warning("INVALID_DOF_CODE", ` "${s}" has spring letters (S/K); springs are not supported yet and were read as F.`, { path });
      return [...up].map((ch) => (ch === "S" || ch === "K" ? "F" : ch === "1" ? flag(true) : ch === "0" ? flag(false) : ch)).join("");
    }
    c.error("INVALID_DOF_CODE", ` is "${s}"; use 6 letters F/R for ux uy uz rx ry rz (e.g. "FFFRRR"), or ${mode === "support" ? '"fixed", "pinned", "roller"' : '"pinned", "fixed"'}.`, { path });
    return undefined;
  }
  if (Array.isArray(v)) {
    if (v.length === 6 && v.every((b) => typeof b === "boolean" || b === 0 || b === 1)) return v.map((b) => flag(b === true || b === 1)).join("");
    c.error("INVALID_DOF_CODE", ` must list 6 booleans or 0/1 values for ux uy uz rx ry rz (${mode === "support" ? "true = restrained" : "true = released"}).`, { path });
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
  c.error("INVALID_DOF_CODE", ` is ${JSON.stringify(v)}; use a 6-letter F/R code, a word like "${mode === "support" ? "fixed" : "pinned"}", or { ux: true, … }.`, { path });
  return undefined;
}

// ── Units ───────────────────────────────────────────────────────────────────────────────────────

export interface ImportUnits {
  length?: LengthUnit;
  force?: ForceUnit;
  sectionLength?: LengthUnit;
  stress?: StressUnit;
  density?: DensityUnit;
}

export function readUnits(v: unknown, c: IssueSink, path: IssuePath): ImportUnits {
  const out: ImportUnits = {};
  if (v === undefined || v === null) return out;
  if (typeof v === "string") {
    const l = parseLengthUnit(v);
    if (l) out.length = l;
    else c.error("UNKNOWN_UNIT", ` "${v}" is not a length unit; use m, mm, cm, in or ft.`, { path });
    return out;
  }
  if (!isObj(v)) {
    c.error("INVALID_INPUT", ` must be a unit name like "mm" or an object { length, force }.`, { path });
    return out;
  }
  const one = <U>(keys: readonly string[], parse: (s: string) => U | null, what: string, allowed: string): U | undefined => {
    const hit = pick(v, keys);
    if (!hit) return undefined;
    const u = typeof hit[1] === "string" ? parse(hit[1]) : null;
    if (u === null) c.error("UNKNOWN_UNIT", ` ${JSON.stringify(hit[1])} is not a ${what} unit; use ${allowed}.`, { path: [...path, hit[0]] });
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
export const NODE_KEYS = ["nodes", "joints", "points"] as const;
export const FRAME_KEYS = ["frames", "members", "elements", "beams", "bars"] as const;
export const END_PAIRS: readonly (readonly [string, string])[] = [
  ["start", "end"], ["i", "j"], ["node_A", "node_B"], ["nodeA", "nodeB"], ["node_a", "node_b"], ["nodeI", "nodeJ"], ["node_i", "node_j"],
  ["n1", "n2"], ["from", "to"], ["start_node", "end_node"], ["startNode", "endNode"], ["node1", "node2"], ["a", "b"],
];

/**
 * Node ref used in the normalised input for a payload node id. Frames get no ref: loads address
 * them by label (unique, derived from the payload id), which saves 100k ref entries on big imports.
 */
export const nodeRefOf = (id: string): string => id;
export const isIntegerId = (s: string): boolean => /^\d+$/.test(s);
export function readVec(v: unknown): Vec3Input | undefined {
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
export function readReleases(o: Obj, f: NonNullable<ElementsInput["frames"]>[number], va: VerticalAxis, c: IssueSink, path: IssuePath): boolean {
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
  c.error("INVALID_DOF_CODE", ` is ${JSON.stringify(v)}; use { i: "FFFFFF", j: "FFFFRR" }, "pinned", or a 6-letter code.`, { path: [...path, k] });
  return false;
}

/** Parse a position: fraction, "50%", { abs | distance: 2.5 }, { percent: 50 }. */
export function readPosition(v: unknown, percentDefault: boolean): { fraction?: number; distance?: number } | null {
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
