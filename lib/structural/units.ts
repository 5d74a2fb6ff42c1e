/**
 * Units: the closed lists of units Spectral accepts at its edges, and exact converters to and from
 * the SI units the canonical model stores (m, N, Pa, kg/m³).
 *
 * Everything inside `lib/structural` is SI. Convert once, at the edge (MCP input, import, display),
 * with the functions below. Factors are exact by definition:
 *   1 in = 0.0254 m, 1 ft = 0.3048 m (international yard and pound agreement, 1959),
 *   1 lbf = 4.4482216152605 N (0.45359237 kg × 9.80665 m/s²), 1 kip = 1000 lbf.
 */

export const LENGTH_UNITS = ["m", "mm", "cm", "in", "ft"] as const;
export type LengthUnit = (typeof LENGTH_UNITS)[number];

export const FORCE_UNITS = ["N", "kN", "kip", "lbf"] as const;
export type ForceUnit = (typeof FORCE_UNITS)[number];

export const STRESS_UNITS = ["Pa", "kPa", "MPa", "GPa", "psi", "ksi", "psf", "ksf"] as const;
export type StressUnit = (typeof STRESS_UNITS)[number];

/** Mass density units. `kN/m3` and `lbf/ft3` are unit *weights*; they are divided by standard gravity. */
export const DENSITY_UNITS = ["kg/m3", "t/m3", "lb/ft3", "kN/m3", "lbf/ft3"] as const;
export type DensityUnit = (typeof DENSITY_UNITS)[number];

/** Standard gravity, m/s² (CGPM 1901). */
export const STANDARD_GRAVITY = 9.80665;

export const METRES_PER: Readonly<Record<LengthUnit, number>> = {
  m: 1,
  mm: 1e-3,
  cm: 1e-2,
  in: 0.0254,
  ft: 0.3048,
};

export const NEWTONS_PER: Readonly<Record<ForceUnit, number>> = {
  N: 1,
  kN: 1e3,
  lbf: 4.4482216152605,
  kip: 4448.2216152605,
};

const LBF = 4.4482216152605;
export const PASCALS_PER: Readonly<Record<StressUnit, number>> = {
  Pa: 1,
  kPa: 1e3,
  MPa: 1e6,
  GPa: 1e9,
  psi: LBF / (0.0254 * 0.0254),
  ksi: (1000 * LBF) / (0.0254 * 0.0254),
  psf: LBF / (0.3048 * 0.3048),
  ksf: (1000 * LBF) / (0.3048 * 0.3048),
};

const POUND_KG = 0.45359237;
const FT3 = 0.3048 ** 3;
export const KG_PER_M3_PER: Readonly<Record<DensityUnit, number>> = {
  "kg/m3": 1,
  "t/m3": 1000,
  "lb/ft3": POUND_KG / FT3,
  "kN/m3": 1000 / STANDARD_GRAVITY,
  "lbf/ft3": LBF / FT3 / STANDARD_GRAVITY,
};

// ── Basic quantities ────────────────────────────────────────────────────────────────────────────

export const lengthToSI = (v: number, u: LengthUnit): number => v * METRES_PER[u];
export const lengthFromSI = (v: number, u: LengthUnit): number => v / METRES_PER[u];
export const forceToSI = (v: number, u: ForceUnit): number => v * NEWTONS_PER[u];
export const forceFromSI = (v: number, u: ForceUnit): number => v / NEWTONS_PER[u];
export const stressToSI = (v: number, u: StressUnit): number => v * PASCALS_PER[u];
export const stressFromSI = (v: number, u: StressUnit): number => v / PASCALS_PER[u];
export const densityToSI = (v: number, u: DensityUnit): number => v * KG_PER_M3_PER[u];
export const densityFromSI = (v: number, u: DensityUnit): number => v / KG_PER_M3_PER[u];

// ── Derived quantities ──────────────────────────────────────────────────────────────────────────

/** Moment (force × length), e.g. kN·m → N·m. */
export const momentToSI = (v: number, f: ForceUnit, l: LengthUnit): number =>
  v * NEWTONS_PER[f] * METRES_PER[l];
export const momentFromSI = (v: number, f: ForceUnit, l: LengthUnit): number =>
  v / (NEWTONS_PER[f] * METRES_PER[l]);

/** Distributed load (force / length), e.g. kN/m → N/m, kip/ft → N/m. */
export const distributedToSI = (v: number, f: ForceUnit, l: LengthUnit): number =>
  (v * NEWTONS_PER[f]) / METRES_PER[l];
export const distributedFromSI = (v: number, f: ForceUnit, l: LengthUnit): number =>
  (v * METRES_PER[l]) / NEWTONS_PER[f];

/** Area (length²), e.g. cm² → m². */
export const areaToSI = (v: number, l: LengthUnit): number => v * METRES_PER[l] ** 2;
export const areaFromSI = (v: number, l: LengthUnit): number => v / METRES_PER[l] ** 2;

/** Second moment of area / torsion constant (length⁴), e.g. mm⁴ → m⁴. */
export const inertiaToSI = (v: number, l: LengthUnit): number => v * METRES_PER[l] ** 4;
export const inertiaFromSI = (v: number, l: LengthUnit): number => v / METRES_PER[l] ** 4;

/** Stress expressed in a consistent force/length² system, e.g. kN/mm² → Pa (= GPa). */
export const forcePerAreaToSI = (v: number, f: ForceUnit, l: LengthUnit): number =>
  (v * NEWTONS_PER[f]) / METRES_PER[l] ** 2;

/**
 * The scale factors (multiply to get SI) for one consistent set of input units.
 * `stress` defaults to force/length² (the "consistent units" rule every FE program uses:
 * kN + mm → kN/mm² = GPa, kip + in → ksi, N + m → Pa).
 */
export interface UnitScale {
  length: number;
  force: number;
  moment: number;
  distributed: number;
  sectionLength: number;
  area: number;
  inertia: number;
  stress: number;
  density: number;
}

export interface UnitChoice {
  length?: LengthUnit;
  force?: ForceUnit;
  /** Unit for section dimensions and properties (SkyCiv's `section_length`); defaults to `length`. */
  sectionLength?: LengthUnit;
  stress?: StressUnit;
  density?: DensityUnit;
}

export function unitScale(u: UnitChoice = {}): UnitScale {
  const l = METRES_PER[u.length ?? "m"];
  const f = NEWTONS_PER[u.force ?? "N"];
  const s = METRES_PER[u.sectionLength ?? u.length ?? "m"];
  return {
    length: l,
    force: f,
    moment: f * l,
    distributed: f / l,
    sectionLength: s,
    area: s * s,
    inertia: s ** 4,
    stress: u.stress ? PASCALS_PER[u.stress] : f / (l * l),
    density: KG_PER_M3_PER[u.density ?? "kg/m3"],
  };
}

/** The identity scale: input already in SI. */
export const SI_SCALE: UnitScale = unitScale({});

// ── Tolerant parsing of unit names (import edge) ────────────────────────────────────────────────

const norm = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, "").replace(/[²]/g, "2").replace(/[³]/g, "3");

const LENGTH_ALIASES: Record<string, LengthUnit> = {
  m: "m", meter: "m", meters: "m", metre: "m", metres: "m",
  mm: "mm", millimeter: "mm", millimeters: "mm", millimetre: "mm", millimetres: "mm",
  cm: "cm", centimeter: "cm", centimeters: "cm", centimetre: "cm", centimetres: "cm",
  in: "in", inch: "in", inches: "in", '"': "in",
  ft: "ft", foot: "ft", feet: "ft", "'": "ft",
};

const FORCE_ALIASES: Record<string, ForceUnit> = {
  n: "N", newton: "N", newtons: "N",
  kn: "kN", kilonewton: "kN", kilonewtons: "kN",
  kip: "kip", kips: "kip", k: "kip",
  lbf: "lbf", lb: "lbf", lbs: "lbf", pound: "lbf", pounds: "lbf",
};

const STRESS_ALIASES: Record<string, StressUnit> = {
  pa: "Pa", "n/m2": "Pa", "n/m^2": "Pa",
  kpa: "kPa", "kn/m2": "kPa", "kn/m^2": "kPa",
  mpa: "MPa", "n/mm2": "MPa", "n/mm^2": "MPa",
  gpa: "GPa", "kn/mm2": "GPa", "kn/mm^2": "GPa",
  psi: "psi", "lb/in2": "psi", "lbf/in2": "psi",
  ksi: "ksi", "kip/in2": "ksi", "kips/in2": "ksi",
  psf: "psf", "lb/ft2": "psf", "lbf/ft2": "psf",
  ksf: "ksf", "kip/ft2": "ksf", "kips/ft2": "ksf",
};

const DENSITY_ALIASES: Record<string, DensityUnit> = {
  "kg/m3": "kg/m3", "kg/m^3": "kg/m3",
  "t/m3": "t/m3", "t/m^3": "t/m3", "tonne/m3": "t/m3",
  "lb/ft3": "lb/ft3", "lb/ft^3": "lb/ft3", pcf: "lb/ft3",
  "kn/m3": "kN/m3", "kn/m^3": "kN/m3",
  "lbf/ft3": "lbf/ft3",
};

export const parseLengthUnit = (s: string): LengthUnit | null => LENGTH_ALIASES[norm(s)] ?? null;
export const parseForceUnit = (s: string): ForceUnit | null => FORCE_ALIASES[norm(s)] ?? null;
export const parseStressUnit = (s: string): StressUnit | null => STRESS_ALIASES[norm(s)] ?? null;
export const parseDensityUnit = (s: string): DensityUnit | null => DENSITY_ALIASES[norm(s)] ?? null;
