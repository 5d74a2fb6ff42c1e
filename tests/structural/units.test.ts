import { describe, expect, it } from "vitest";
import {
  areaToSI,
  densityToSI,
  distributedFromSI,
  distributedToSI,
  forceFromSI,
  forceToSI,
  inertiaToSI,
  lengthFromSI,
  lengthToSI,
  momentToSI,
  parseForceUnit,
  parseLengthUnit,
  parseStressUnit,
  stressFromSI,
  stressToSI,
  unitScale,
  FORCE_UNITS,
  LENGTH_UNITS,
  STRESS_UNITS,
} from "@/lib/structural";

describe("units: exact factors", () => {
  const cases: [string, number, number][] = [
    ["1 in = 0.0254 m", lengthToSI(1, "in"), 0.0254],
    ["1 ft = 0.3048 m", lengthToSI(1, "ft"), 0.3048],
    ["1 mm = 0.001 m", lengthToSI(1, "mm"), 0.001],
    ["1 cm = 0.01 m", lengthToSI(1, "cm"), 0.01],
    ["1 lbf = 4.4482216152605 N", forceToSI(1, "lbf"), 4.4482216152605],
    ["1 kip = 4448.2216152605 N", forceToSI(1, "kip"), 4448.2216152605],
    ["1 kN = 1000 N", forceToSI(1, "kN"), 1000],
    ["29 000 ksi ≈ 199.948 GPa", stressToSI(29000, "ksi"), 199.9479615e9],
    ["1 MPa = 1e6 Pa", stressToSI(1, "MPa"), 1e6],
    ["1 kip·ft = 1355.818 N·m", momentToSI(1, "kip", "ft"), 1355.8179483314],
    ["1 kip/ft = 14 593.9 N/m", distributedToSI(1, "kip", "ft"), 14593.902937206],
    ["1 cm² = 1e-4 m²", areaToSI(1, "cm"), 1e-4],
    ["1 in⁴ = 4.162314e-7 m⁴", inertiaToSI(1, "in"), 4.162314256e-7],
    ["490 lb/ft³ ≈ 7849 kg/m³", densityToSI(490, "lb/ft3"), 7849.0474],
    ["78.5 kN/m³ → 8004.8 kg/m³ (unit weight / g)", densityToSI(78.5, "kN/m3"), 8004.773],
  ];
  for (const [name, got, want] of cases) {
    it(name, () => expect(Math.abs(got / want - 1)).toBeLessThan(1e-6));
  }
});

describe("units: round trips", () => {
  for (const u of LENGTH_UNITS) it(`length ${u}`, () => expect(lengthFromSI(lengthToSI(12.345, u), u)).toBeCloseTo(12.345, 12));
  for (const u of FORCE_UNITS) it(`force ${u}`, () => expect(forceFromSI(forceToSI(-7.5, u), u)).toBeCloseTo(-7.5, 12));
  for (const u of STRESS_UNITS) it(`stress ${u}`, () => expect(stressFromSI(stressToSI(3.25, u), u)).toBeCloseTo(3.25, 12));
  it("distributed kN/m", () => expect(distributedFromSI(distributedToSI(10, "kN", "m"), "kN", "m")).toBeCloseTo(10, 12));
});

describe("units: tolerant parsing and consistent scales", () => {
  const cases: [string, unknown, unknown][] = [
    ["Millimetres", parseLengthUnit("Millimetres"), "mm"],
    ["feet", parseLengthUnit("feet"), "ft"],
    ["yards is unknown", parseLengthUnit("yd"), null],
    ["KN", parseForceUnit("KN"), "kN"],
    ["kips", parseForceUnit("kips"), "kip"],
    ["N/mm2", parseStressUnit("N/mm2"), "MPa"],
    ["ksi", parseStressUnit("KSI"), "ksi"],
  ];
  for (const [name, got, want] of cases) it(name, () => expect(got).toBe(want));

  it("defaults stress to force/length² (kip + in → ksi, kN + mm → GPa)", () => {
    expect(unitScale({ length: "in", force: "kip" }).stress).toBeCloseTo(stressToSI(1, "ksi"), 0);
    expect(unitScale({ length: "mm", force: "kN" }).stress).toBeCloseTo(1e9, 0);
    expect(unitScale({ length: "m", force: "kN", stress: "MPa" }).stress).toBe(1e6);
  });
  it("uses sectionLength for areas and inertias", () => {
    const s = unitScale({ length: "m", sectionLength: "mm" });
    expect(s.length).toBe(1);
    expect(s.area).toBeCloseTo(1e-6, 18);
    expect(s.inertia).toBeCloseTo(1e-12, 24);
  });
});
