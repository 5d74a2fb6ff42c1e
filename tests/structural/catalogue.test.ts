import { describe, expect, it } from "vitest";
import {
  findCatalogueMaterial,
  findCatalogueSection,
  listCatalogue,
  normalizeCatalogueName,
  rhsProperties,
  suggestCatalogueSections,
} from "@/lib/structural";

describe("catalogue: name look-up is tolerant", () => {
  const same: [string, string][] = [
    ["IPE 300", "IPE300"],
    ["ipe300", "IPE300"],
    ["W14x22", "W14x22"],
    ["W14X22", "W14x22"],
    ["w 14 x 22", "W14x22"],
    ["AISC:W12x40", "W12x40"],
    ["HE 200 A", "HEA200"],
    ["HEA 200", "HEA200"],
    ["HE300B", "HEB300"],
    ["SHS 100x100x5.0", "SHS100x100x5"],
    ["shs100*100*5", "SHS100x100x5"],
    ["CHS 168.3 x 6.3", "CHS168.3x6.3"],
    ["RHS 200×100×6.3", "RHS200x100x6.3"],
  ];
  for (const [input, name] of same) {
    it(`"${input}" → ${name}`, () => expect(findCatalogueSection(input)?.name).toBe(name));
  }
  it("returns null for unknown names", () => {
    expect(findCatalogueSection("IPE 301")).toBeNull();
    expect(findCatalogueSection("")).toBeNull();
  });
  it("normalises numbers", () => expect(normalizeCatalogueName("shs 100 x 100 x 5.0")).toBe("SHS100X100X5"));
  it("suggests neighbours of the same family", () => {
    expect(suggestCatalogueSections("IPE 310", 2)).toEqual(["IPE300", "IPE330"]);
  });
});

describe("catalogue: published section properties (Iz = strong axis)", () => {
  // [name, A (m²), Iy weak (m⁴), Iz strong (m⁴), J (m⁴), relative tolerance]
  const table: [string, number, number, number, number, number][] = [
    ["IPE300", 53.81e-4, 603.8e-8, 8356e-8, 20.12e-8, 1e-9], // ArcelorMittal / EN 10365
    ["IPE200", 28.48e-4, 142.4e-8, 1943e-8, 6.98e-8, 1e-9],
    ["HEA200", 53.83e-4, 1336e-8, 3692e-8, 20.98e-8, 1e-9],
    ["HEB300", 149.1e-4, 8563e-8, 25170e-8, 185.0e-8, 1e-9],
    ["W14x22", 6.49 * 0.0254 ** 2, 7.0 * 0.0254 ** 4, 199 * 0.0254 ** 4, 0.208 * 0.0254 ** 4, 1e-9], // AISC v15
    ["W8x31", 9.13 * 0.0254 ** 2, 37.1 * 0.0254 ** 4, 110 * 0.0254 ** 4, 0.536 * 0.0254 ** 4, 1e-9],
    ["SHS100x100x5", 18.7e-4, 279e-8, 279e-8, 445e-8, 0.015], // Celsius 355 table, 3 figures (J by EN formula)
    ["CHS168.3x6.3", 32.1e-4, 1053e-8, 1053e-8, 2107e-8, 0.002],
  ];
  for (const [name, A, Iy, Iz, J, tol] of table) {
    it(name, () => {
      const s = findCatalogueSection(name);
      expect(s).not.toBeNull();
      const rel = (a: number, b: number) => Math.abs(a / b - 1);
      expect(rel(s!.A, A)).toBeLessThanOrEqual(tol);
      expect(rel(s!.Iy, Iy)).toBeLessThanOrEqual(tol);
      expect(rel(s!.Iz, Iz)).toBeLessThanOrEqual(tol);
      expect(rel(s!.J, J)).toBeLessThanOrEqual(tol);
    });
  }
  it("every I-section has Iz (strong) > Iy (weak) and plausible shape dimensions", () => {
    for (const s of listCatalogue().sections.filter((x) => x.shape.type === "I")) {
      expect(s.Iz, s.name).toBeGreaterThan(s.Iy);
      if (s.shape.type === "I") expect(2 * s.shape.tf, s.name).toBeLessThan(s.shape.h);
    }
  });
  it("RHS strong axis is about the long side", () => {
    const r = findCatalogueSection("RHS 200x100x6.3")!;
    expect(r.Iz).toBeGreaterThan(r.Iy);
    expect(r.shape).toEqual({ type: "rhs", h: 0.2, b: 0.1, t: 0.0063 });
  });
  it("rhsProperties reproduces the hot-finished SHS 200x200x8 table (A 60.8 cm², I 3709 cm⁴)", () => {
    const p = rhsProperties(200, 200, 8);
    expect(p.A / 100).toBeCloseTo(60.75, 1);
    expect(p.I / 1e4).toBeCloseTo(3709, 0);
  });
  it("has the brief's minimum list", () => {
    for (const n of ["IPE 200", "IPE 240", "IPE 300", "IPE 360", "IPE 400", "IPE 450", "IPE 500", "HEA 200", "HEA 240", "HEA 300", "HEA 400", "HEB 200", "HEB 300", "W8x31", "W10x33", "W12x26", "W14x22", "W14x90", "W18x35", "W24x55", "SHS 100x100x5", "CHS 168.3x6.3"]) {
      expect(findCatalogueSection(n), n).not.toBeNull();
    }
  });
});

describe("catalogue: materials", () => {
  const table: [string, string, number, number, number, number | null][] = [
    // [query, name, E (Pa), nu, density, fy (Pa)]
    ["S235", "S235", 210e9, 0.3, 7850, 235e6],
    ["s275", "S275", 210e9, 0.3, 7850, 275e6],
    ["S355 JR", "S355", 210e9, 0.3, 7850, 355e6],
    ["S355J2", "S355", 210e9, 0.3, 7850, 355e6],
    ["A992", "A992", 29000 * 6894757.293168361, 0.3, 7850, 50 * 6894757.293168361],
    ["ASTM A992", "A992", 29000 * 6894757.293168361, 0.3, 7850, 50 * 6894757.293168361],
    ["C25/30", "C25/30", 31e9, 0.2, 2500, null],
    ["c30/37", "C30/37", 33e9, 0.2, 2500, null],
    ["GL24h", "GL24h", 11.5e9, 0.3, 420, null],
  ];
  for (const [q, name, E, nu, density, fy] of table) {
    it(`${q} → ${name}`, () => {
      const m = findCatalogueMaterial(q)!;
      expect(m.name).toBe(name);
      expect(m.E).toBeCloseTo(E, -3);
      expect(m.nu).toBe(nu);
      expect(m.density).toBe(density);
      if (fy === null) expect(m.fy).toBeNull();
      else expect(m.fy!).toBeCloseTo(fy, -2);
    });
  }
  it("A992 is 200 GPa and 345 MPa to 3 figures", () => {
    const m = findCatalogueMaterial("A992")!;
    expect(m.E / 1e9).toBeCloseTo(200, 0);
    expect(m.fy! / 1e6).toBeCloseTo(345, 0);
  });
  it("steel G follows E / 2(1+ν)", () => {
    const m = findCatalogueMaterial("S355")!;
    expect(m.G).toBeCloseTo(210e9 / 2.6, 0);
  });
  it("returns null for unknown grades", () => expect(findCatalogueMaterial("unobtainium")).toBeNull());
});
