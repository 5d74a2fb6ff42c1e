/**
 * Display units: the payload is SI (metres, newtons); the viewer shows values in the model's
 * display units (payload.units). Factors are exact (1 in = 0.0254 m, 1 lbf = 4.4482216152605 N).
 */
import type { ForceUnit, LengthUnit, UnitSystem } from "./types";

const METRES_PER: Record<LengthUnit, number> = { m: 1, mm: 1e-3, cm: 1e-2, in: 0.0254, ft: 0.3048 };
const NEWTONS_PER: Record<ForceUnit, number> = { N: 1, kN: 1e3, lbf: 4.4482216152605, kip: 4448.2216152605 };

/** Metres → display length unit. */
export function toLength(m: number, unit: LengthUnit): number {
  return m / METRES_PER[unit];
}

/** Newtons → display force unit. */
export function toForce(n: number, unit: ForceUnit): number {
  return n / NEWTONS_PER[unit];
}

/** A number with about 4 significant digits, without trailing noise (1.2e-7 → "1.2e-7"). */
export function fmt(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e6 || a < 1e-3) return v.toExponential(Math.max(0, digits - 2)).replace(/\.?0+e/, "e");
  return String(Number(v.toPrecision(digits)));
}

/** "12.5 mm" from metres. */
export function fmtLength(m: number, unit: LengthUnit): string {
  return `${fmt(toLength(m, unit))} ${unit}`;
}

/** Area, second moment etc. from SI (m^power) to display length unit^power. */
export function fmtPower(value: number, power: number, unit: LengthUnit): string {
  const sup = power === 2 ? "²" : power === 3 ? "³" : power === 4 ? "⁴" : `^${power}`;
  return `${fmt(value / METRES_PER[unit] ** power)} ${unit}${sup}`;
}

/** Newtons (or N/m with `perLength`) → display force (or force per display length). */
export function toForceValue(n: number, force: ForceUnit, perLength?: LengthUnit): number {
  return perLength ? toForce(n, force) * METRES_PER[perLength] : toForce(n, force);
}

/** Force from newtons; per-length loads pass `perLength`. */
export function fmtForce(n: number, force: ForceUnit, perLength?: LengthUnit): string {
  return `${fmt(toForceValue(n, force, perLength))} ${force}${perLength ? `/${perLength}` : ""}`;
}

/** Modulus in MPa or ksi depending on the unit system. */
export function fmtModulus(pa: number, force: ForceUnit): string {
  // 1 ksi = 1000 lbf/in² = 6,894,757.29 Pa.
  return force === "kip" || force === "lbf" ? `${fmt(pa / 6894757.293168361)} ksi` : `${fmt(pa / 1e6)} MPa`;
}

// ───────────────────────── engineering units ─────────────────────────

export { UNIT_SYSTEMS, isUnitSystem, type UnitSystem } from "@/lib/viewer/types";

/** The system matching a model's display units (imperial units → US). */
export function systemOfModel(u: { length: LengthUnit; force: ForceUnit }): UnitSystem {
  return u.length === "in" || u.length === "ft" || u.force === "kip" || u.force === "lbf" ? "US" : "SI";
}

interface Quantity {
  /** Unit label. */
  unit: string;
  /** SI base value (m, N, N·m, …) per one display unit. */
  per: number;
}

export interface EngUnits {
  system: UnitSystem;
  coord: Quantity;
  disp: Quantity;
  dim: Quantity;
  area: Quantity;
  inertia: Quantity;
  force: Quantity;
  moment: Quantity;
  line: Quantity;
  stress: Quantity;
}

const IN = 0.0254, FT = 0.3048, KIP = 4448.2216152605;

export const ENG_UNITS: Record<UnitSystem, EngUnits> = {
  SI: {
    system: "SI",
    coord: { unit: "m", per: 1 },
    disp: { unit: "mm", per: 1e-3 },
    dim: { unit: "mm", per: 1e-3 },
    area: { unit: "cm²", per: 1e-4 },
    inertia: { unit: "cm⁴", per: 1e-8 },
    force: { unit: "kN", per: 1e3 },
    moment: { unit: "kN·m", per: 1e3 },
    line: { unit: "kN/m", per: 1e3 },
    stress: { unit: "MPa", per: 1e6 },
  },
  US: {
    system: "US",
    coord: { unit: "ft", per: FT },
    disp: { unit: "in", per: IN },
    dim: { unit: "in", per: IN },
    area: { unit: "in²", per: IN * IN },
    inertia: { unit: "in⁴", per: IN ** 4 },
    force: { unit: "kip", per: KIP },
    moment: { unit: "kip·ft", per: KIP * FT },
    line: { unit: "kip/ft", per: KIP / FT },
    stress: { unit: "ksi", per: 6894757.293168361 },
  },
};

export type QuantityKind = Exclude<keyof EngUnits, "system">;

/** SI value → number in the system's unit for that quantity. */
export function toUnit(u: EngUnits, q: QuantityKind, si: number): number {
  return si / u[q].per;
}

/** "12.5 mm", "-271.2 kN·m": a value with about 4 significant digits and its unit. */
export function fmtQ(u: EngUnits, q: QuantityKind, si: number, digits = 4): string {
  return `${fmt(toUnit(u, q, si), digits)} ${u[q].unit}`;
}
