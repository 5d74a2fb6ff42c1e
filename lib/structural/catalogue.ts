/**
 * Built-in sections and materials that users (and the LLM) refer to by name.
 *
 * Look-ups are case-insensitive and tolerant of spaces, `x`/`X`/`×`/`*`, trailing ".0" and a
 * "STANDARD:" prefix: "IPE 300" = "ipe300", "W14x22" = "W14X22", "HE 200 A" = "HEA200",
 * "AISC:W12x40" = "W12x40", "SHS 100x100x5.0" = "SHS100x100x5".
 *
 * AXIS CONVENTION: published tables call the strong axis y-y (EN) or x-x (AISC). Spectral's Iz is
 * the STRONG axis and Iy the weak one (see schema.ts), so the table columns are swapped on entry.
 *
 * Sources (values as published, converted exactly to SI):
 *   - IPE, HEA, HEB: EN 10365 / ArcelorMittal sections catalogue (h, b, tw, tf, r in mm; A in cm²;
 *     Iy, Iz, It in cm⁴). A and both I agree with the geometry (incl. root fillets) to < 0.1 %.
 *   - W shapes: AISC Shapes Database v15.0 (d, bf, tw, tf in; A in²; Ix, Iy, J in⁴).
 *   - SHS/RHS: hot-finished EN 10210-2, properties from its Annex B formulas with the standard
 *     corner radii ro = 1.5 t, ri = 1.0 t (these reproduce the published tables to 3 figures).
 *   - CHS: exact annulus formulas (EN 10210-2), J = 2I.
 *   - Steel: EN 1993-1-1 §3.2.6 (E = 210 GPa, ν = 0.3, G = E/2(1+ν)), fy for t ≤ 40 mm (Table 3.1).
 *   - A992 / A36: AISC 360 (E = 29 000 ksi, G = 11 200 ksi), ASTM A992 Fy = 50 ksi, A36 Fy = 36 ksi.
 *   - Concrete: EN 1992-1-1 Table 3.1 Ecm, ν = 0.2 (§3.1.3), reinforced concrete 25 kN/m³ ≈ 2500 kg/m³.
 *   - Timber: EN 14080 (glulam GL24h) and EN 338 (C24): E0,mean, Gmean, ρmean.
 *   - Aluminium: EN 1999-1-1 §3.2.5 (E = 70 GPa, G = 27 GPa, ν = 0.3, 2700 kg/m³), f0 Table 3.2b.
 */
import type { Material, MaterialKind, Section, SectionShape } from "./schema";

export interface CatalogueSection {
  /** Canonical display name, e.g. "IPE300", "W14x22", "SHS100x100x5". */
  name: string;
  standard: "EN" | "AISC";
  family: string;
  /** m² */
  A: number;
  /** weak axis, m⁴ */
  Iy: number;
  /** strong axis, m⁴ */
  Iz: number;
  /** torsion constant, m⁴ */
  J: number;
  shape: SectionShape;
}

export interface CatalogueMaterial {
  name: string;
  standard: string;
  kind: MaterialKind;
  /** Pa */
  E: number;
  /** Pa */
  G: number;
  nu: number;
  /** kg/m³ */
  density: number;
  /** Pa, or null when the material has no yield strength (concrete, timber). */
  fy: number | null;
  description: string;
}

// ── Name normalisation ──────────────────────────────────────────────────────────────────────────

/**
 * Canonical look-up key: upper case, no separators, numbers normalised ("5.0" → "5"), and the
 * EN "HE 200 A" spelling folded into "HEA200". Returns "" for an empty name.
 */
export function normalizeCatalogueName(name: string): string {
  let s = name.trim().toUpperCase();
  const colon = s.lastIndexOf(":");
  if (colon >= 0) s = s.slice(colon + 1);
  s = s.replace(/[×*]/g, "X").replace(/[\s_\-]+/g, "");
  const m = /^([A-Z]+)(\d+(?:\.\d+)?(?:X\d+(?:\.\d+)?)*)([A-Z]*)$/.exec(s);
  if (!m) return s;
  const prefix = m[1] ?? "";
  const dims = (m[2] ?? "").split("X").map((d) => String(Number(d)));
  const suffix = m[3] ?? "";
  // EN spelling "HE 200 A/B/M" → "HEA200"
  if (prefix === "HE" && /^[ABM]$/.test(suffix)) return `HE${suffix}${dims.join("X")}`;
  return `${prefix}${dims.join("X")}${suffix}`;
}

// ── Sections ────────────────────────────────────────────────────────────────────────────────────

const MM = 1e-3;
const CM2 = 1e-4;
const CM4 = 1e-8;
const IN = 0.0254;
const IN2 = IN * IN;
const IN4 = IN2 * IN2;

// name, h, b, tw, tf, r (mm), A (cm²), I_strong, I_weak, It (cm⁴)
const EN_I_TABLE: readonly (readonly [string, number, number, number, number, number, number, number, number, number])[] = [
  ["IPE100", 100, 55, 4.1, 5.7, 7, 10.32, 171.0, 15.92, 1.2],
  ["IPE120", 120, 64, 4.4, 6.3, 7, 13.21, 317.8, 27.67, 1.74],
  ["IPE140", 140, 73, 4.7, 6.9, 7, 16.43, 541.2, 44.92, 2.45],
  ["IPE160", 160, 82, 5.0, 7.4, 9, 20.09, 869.3, 68.31, 3.6],
  ["IPE180", 180, 91, 5.3, 8.0, 9, 23.95, 1317, 100.9, 4.79],
  ["IPE200", 200, 100, 5.6, 8.5, 12, 28.48, 1943, 142.4, 6.98],
  ["IPE220", 220, 110, 5.9, 9.2, 12, 33.37, 2772, 204.9, 9.07],
  ["IPE240", 240, 120, 6.2, 9.8, 15, 39.12, 3892, 283.6, 12.88],
  ["IPE270", 270, 135, 6.6, 10.2, 15, 45.95, 5790, 419.9, 15.94],
  ["IPE300", 300, 150, 7.1, 10.7, 15, 53.81, 8356, 603.8, 20.12],
  ["IPE330", 330, 160, 7.5, 11.5, 18, 62.61, 11770, 788.1, 28.15],
  ["IPE360", 360, 170, 8.0, 12.7, 18, 72.73, 16270, 1043, 37.32],
  ["IPE400", 400, 180, 8.6, 13.5, 21, 84.46, 23130, 1318, 51.08],
  ["IPE450", 450, 190, 9.4, 14.6, 21, 98.82, 33740, 1676, 66.87],
  ["IPE500", 500, 200, 10.2, 16.0, 21, 115.5, 48200, 2142, 89.29],
  ["IPE550", 550, 210, 11.1, 17.2, 24, 134.4, 67120, 2668, 123.2],
  ["IPE600", 600, 220, 12.0, 19.0, 24, 156.0, 92080, 3387, 165.4],
  ["HEA100", 96, 100, 5, 8, 12, 21.24, 349.2, 133.8, 5.24],
  ["HEA120", 114, 120, 5, 8, 12, 25.34, 606.2, 230.9, 5.99],
  ["HEA140", 133, 140, 5.5, 8.5, 12, 31.42, 1033, 389.3, 8.13],
  ["HEA160", 152, 160, 6, 9, 15, 38.77, 1673, 615.6, 12.19],
  ["HEA180", 171, 180, 6, 9.5, 15, 45.25, 2510, 924.6, 14.8],
  ["HEA200", 190, 200, 6.5, 10, 18, 53.83, 3692, 1336, 20.98],
  ["HEA220", 210, 220, 7, 11, 18, 64.34, 5410, 1955, 28.46],
  ["HEA240", 230, 240, 7.5, 12, 21, 76.84, 7763, 2769, 41.55],
  ["HEA260", 250, 260, 7.5, 12.5, 24, 86.82, 10450, 3668, 52.37],
  ["HEA280", 270, 280, 8, 13, 24, 97.26, 13670, 4763, 62.1],
  ["HEA300", 290, 300, 8.5, 14, 27, 112.5, 18260, 6310, 85.17],
  ["HEA320", 310, 300, 9, 15.5, 27, 124.4, 22930, 6985, 108.0],
  ["HEA340", 330, 300, 9.5, 16.5, 27, 133.5, 27690, 7436, 127.2],
  ["HEA360", 350, 300, 10, 17.5, 27, 142.8, 33090, 7887, 148.8],
  ["HEA400", 390, 300, 11, 19, 27, 159.0, 45070, 8564, 189.0],
  ["HEA450", 440, 300, 11.5, 21, 27, 178.0, 63720, 9465, 243.8],
  ["HEA500", 490, 300, 12, 23, 27, 197.5, 86970, 10370, 309.3],
  ["HEB100", 100, 100, 6, 10, 12, 26.04, 449.5, 167.3, 9.25],
  ["HEB120", 120, 120, 6.5, 11, 12, 34.01, 864.4, 317.5, 13.84],
  ["HEB140", 140, 140, 7, 12, 12, 42.96, 1509, 549.7, 20.06],
  ["HEB160", 160, 160, 8, 13, 15, 54.25, 2492, 889.2, 31.24],
  ["HEB180", 180, 180, 8.5, 14, 15, 65.25, 3831, 1363, 42.16],
  ["HEB200", 200, 200, 9, 15, 18, 78.08, 5696, 2003, 59.28],
  ["HEB220", 220, 220, 9.5, 16, 18, 91.04, 8091, 2843, 76.57],
  ["HEB240", 240, 240, 10, 17, 21, 106.0, 11260, 3923, 102.7],
  ["HEB260", 260, 260, 10, 17.5, 24, 118.4, 14920, 5135, 123.8],
  ["HEB280", 280, 280, 10.5, 18, 24, 131.4, 19270, 6595, 143.7],
  ["HEB300", 300, 300, 11, 19, 27, 149.1, 25170, 8563, 185.0],
  ["HEB400", 400, 300, 13.5, 24, 27, 197.8, 57680, 10820, 355.7],
];

// name, d, bf, tw, tf (in), A (in²), Ix (strong), Iy (weak), J (in⁴)
const AISC_W_TABLE: readonly (readonly [string, number, number, number, number, number, number, number, number])[] = [
  ["W8x31", 8.0, 8.0, 0.285, 0.435, 9.13, 110, 37.1, 0.536],
  ["W10x33", 9.73, 7.96, 0.29, 0.435, 9.71, 171, 36.6, 0.583],
  ["W12x26", 12.2, 6.49, 0.23, 0.38, 7.65, 204, 17.3, 0.3],
  ["W12x40", 11.9, 8.01, 0.295, 0.515, 11.7, 307, 44.1, 0.906],
  ["W14x22", 13.7, 5.0, 0.23, 0.335, 6.49, 199, 7.0, 0.208],
  ["W14x90", 14.0, 14.5, 0.44, 0.71, 26.5, 999, 362, 4.06],
  ["W16x26", 15.7, 5.5, 0.25, 0.345, 7.68, 301, 9.59, 0.262],
  ["W18x35", 17.7, 6.0, 0.3, 0.425, 10.3, 510, 15.3, 0.506],
  ["W21x44", 20.7, 6.5, 0.35, 0.45, 13.0, 843, 20.7, 0.77],
  ["W24x55", 23.6, 7.01, 0.395, 0.505, 16.2, 1350, 29.1, 1.18],
];

// h, b, t (mm), hot-finished EN 10210
const EN_HOLLOW_RECT: readonly (readonly [number, number, number])[] = [
  [50, 50, 4], [80, 80, 4], [100, 100, 4], [100, 100, 5], [120, 120, 5], [150, 150, 6.3], [200, 200, 8],
  [100, 50, 4], [150, 100, 6.3], [200, 100, 6.3], [250, 150, 8], [300, 200, 10],
];
// d, t (mm)
const EN_HOLLOW_CIRC: readonly (readonly [number, number])[] = [
  [48.3, 3.2], [88.9, 4], [114.3, 5], [168.3, 6.3], [219.1, 8], [273, 10], [323.9, 10],
];

/**
 * EN 10210-2 Annex B properties of a hot-finished rectangular hollow section (mm in, mm/mm⁴ out).
 * `I` is about the axis parallel to `b` (bending that stresses the `h` faces: strong when h > b).
 */
export function rhsProperties(h: number, b: number, t: number, ro = 1.5 * t, ri = t): { A: number; I: number; It: number } {
  const k = 4 - Math.PI;
  const A = 2 * t * (b + h - 2 * t) - k * (ro * ro - ri * ri);
  // A corner "spandrel" (square r×r minus a quarter circle): area, centroid offset from the
  // square's outer corner lines, and second moment about its own centroid.
  const corner = (r: number) => ({
    a: (k * r * r) / 4,
    e: ((10 - 3 * Math.PI) / (12 - 3 * Math.PI)) * r,
    i0: (1 / 3 - Math.PI / 16 - 1 / (9 * k)) * r ** 4,
  });
  const co = corner(ro);
  const ci = corner(ri);
  const I =
    (b * h ** 3 - (b - 2 * t) * (h - 2 * t) ** 3) / 12 -
    4 * (co.i0 + co.a * (h / 2 - co.e) ** 2) +
    4 * (ci.i0 + ci.a * (h / 2 - t - ci.e) ** 2);
  const rc = (ro + ri) / 2;
  const hm = 2 * (b - t + (h - t)) - 2 * rc * k;
  const Ah = (b - t) * (h - t) - rc * rc * k;
  const K = (2 * Ah * t) / hm;
  const It = (t ** 3 * hm) / 3 + 2 * K * Ah;
  return { A, I, It };
}

const fmt = (n: number) => String(n);

function buildSections(): CatalogueSection[] {
  const out: CatalogueSection[] = [];
  for (const [name, h, b, tw, tf, , A, Is, Iw, It] of EN_I_TABLE) {
    out.push({
      name,
      standard: "EN",
      family: name.replace(/\d.*$/, ""),
      A: A * CM2,
      Iy: Iw * CM4,
      Iz: Is * CM4,
      J: It * CM4,
      shape: { type: "I", h: h * MM, b: b * MM, tw: tw * MM, tf: tf * MM },
    });
  }
  for (const [name, d, bf, tw, tf, A, Ix, Iy, J] of AISC_W_TABLE) {
    out.push({
      name,
      standard: "AISC",
      family: "W",
      A: A * IN2,
      Iy: Iy * IN4,
      Iz: Ix * IN4,
      J: J * IN4,
      shape: { type: "I", h: d * IN, b: bf * IN, tw: tw * IN, tf: tf * IN },
    });
  }
  for (const [h, b, t] of EN_HOLLOW_RECT) {
    const strong = rhsProperties(h, b, t);
    const weak = rhsProperties(b, h, t);
    const family = h === b ? "SHS" : "RHS";
    out.push({
      name: `${family}${fmt(h)}x${fmt(b)}x${fmt(t)}`,
      standard: "EN",
      family,
      A: strong.A * MM * MM,
      Iy: weak.I * MM ** 4,
      Iz: strong.I * MM ** 4,
      J: strong.It * MM ** 4,
      shape: { type: "rhs", h: h * MM, b: b * MM, t: t * MM },
    });
  }
  for (const [d, t] of EN_HOLLOW_CIRC) {
    const di = d - 2 * t;
    const I = (Math.PI / 64) * (d ** 4 - di ** 4);
    out.push({
      name: `CHS${fmt(d)}x${fmt(t)}`,
      standard: "EN",
      family: "CHS",
      A: (Math.PI / 4) * (d * d - di * di) * MM * MM,
      Iy: I * MM ** 4,
      Iz: I * MM ** 4,
      J: 2 * I * MM ** 4,
      shape: { type: "chs", d: d * MM, t: t * MM },
    });
  }
  return out;
}

// ── Materials ───────────────────────────────────────────────────────────────────────────────────

const GPA = 1e9;
const MPA = 1e6;
const KSI = (1000 * 4.4482216152605) / IN2;

function steelEN(fy: number): CatalogueMaterial {
  const E = 210 * GPA;
  return {
    name: `S${fy}`,
    standard: "EN 10025 / EN 1993-1-1",
    kind: "steel",
    E,
    G: E / (2 * 1.3),
    nu: 0.3,
    density: 7850,
    fy: fy * MPA,
    description: `Structural steel S${fy}, fy = ${fy} MPa for t ≤ 40 mm`,
  };
}

function concreteEN(name: string, ecmGPa: number): CatalogueMaterial {
  const E = ecmGPa * GPA;
  return {
    name,
    standard: "EN 1992-1-1",
    kind: "concrete",
    E,
    G: E / (2 * 1.2),
    nu: 0.2,
    density: 2500,
    fy: null,
    description: `Concrete ${name}, Ecm = ${ecmGPa} GPa (uncracked), reinforced 25 kN/m³`,
  };
}

function buildMaterials(): CatalogueMaterial[] {
  return [
    steelEN(235),
    steelEN(275),
    steelEN(355),
    steelEN(460),
    {
      name: "A992",
      standard: "ASTM A992 / AISC 360",
      kind: "steel",
      E: 29000 * KSI,
      G: 11200 * KSI,
      nu: 0.3,
      density: 7850,
      fy: 50 * KSI,
      description: "ASTM A992 wide-flange steel, Fy = 50 ksi (345 MPa), E = 29 000 ksi",
    },
    {
      name: "A36",
      standard: "ASTM A36 / AISC 360",
      kind: "steel",
      E: 29000 * KSI,
      G: 11200 * KSI,
      nu: 0.3,
      density: 7850,
      fy: 36 * KSI,
      description: "ASTM A36 carbon steel, Fy = 36 ksi (248 MPa), E = 29 000 ksi",
    },
    concreteEN("C20/25", 30),
    concreteEN("C25/30", 31),
    concreteEN("C30/37", 33),
    concreteEN("C35/45", 34),
    concreteEN("C40/50", 35),
    {
      name: "GL24h",
      standard: "EN 14080",
      kind: "timber",
      E: 11500 * MPA,
      G: 650 * MPA,
      // Timber is orthotropic: G is the published Gmean, not E/2(1+ν); ν is nominal.
      nu: 0.3,
      density: 420,
      fy: null,
      description: "Glued-laminated timber GL24h: E0,mean = 11.5 GPa, Gmean = 0.65 GPa, ρmean = 420 kg/m³ (fm,k = 24 MPa)",
    },
    {
      name: "C24",
      standard: "EN 338",
      kind: "timber",
      E: 11000 * MPA,
      G: 690 * MPA,
      nu: 0.3,
      density: 420,
      fy: null,
      description: "Softwood C24: E0,mean = 11 GPa, Gmean = 0.69 GPa, ρmean = 420 kg/m³ (fm,k = 24 MPa)",
    },
    {
      name: "6082-T6",
      standard: "EN 1999-1-1",
      kind: "aluminium",
      E: 70 * GPA,
      G: 27 * GPA,
      nu: 0.3,
      density: 2700,
      fy: 250 * MPA,
      description: "Aluminium EN AW-6082 T6 extrusions, f0 = 250 MPa (t ≤ 5 mm)",
    },
  ];
}

// ── Indexes and look-ups ────────────────────────────────────────────────────────────────────────

const SECTIONS: readonly CatalogueSection[] = buildSections();
const MATERIALS: readonly CatalogueMaterial[] = buildMaterials();

const SECTION_INDEX = new Map<string, CatalogueSection>(SECTIONS.map((s) => [normalizeCatalogueName(s.name), s]));

const MATERIAL_ALIASES: Record<string, string> = {
  "ASTMA992": "A992",
  "A992GR50": "A992",
  "A992GRADE50": "A992",
  "ASTMA36": "A36",
  "EN6082T6": "6082-T6",
  "AW6082T6": "6082-T6",
  "ENAW6082T6": "6082-T6",
  "6082T6": "6082-T6",
};
const materialKey = (name: string): string => name.trim().toUpperCase().replace(/[\s_\-]+/g, "");
const MATERIAL_INDEX = new Map<string, CatalogueMaterial>(MATERIALS.map((m) => [materialKey(m.name), m]));

/** A catalogue section by name ("IPE 300", "w14x22", "HE 200 A", "AISC:W12x40"), or null. */
export function findCatalogueSection(name: string): CatalogueSection | null {
  return SECTION_INDEX.get(normalizeCatalogueName(name)) ?? null;
}

/** A catalogue material by name ("S355", "s355 jr", "A992", "C30/37", "GL24h"), or null. */
export function findCatalogueMaterial(name: string): CatalogueMaterial | null {
  let key = materialKey(name);
  const colon = key.lastIndexOf(":");
  if (colon >= 0) key = key.slice(colon + 1);
  const direct = MATERIAL_INDEX.get(key);
  if (direct) return direct;
  const alias = MATERIAL_ALIASES[key];
  if (alias) return MATERIAL_INDEX.get(materialKey(alias)) ?? null;
  // EN steel grades with a quality suffix: S355JR, S355J2, S275J0, S355N, S355ML …
  const steel = /^S(\d{3})[A-Z0-9+]*$/.exec(key);
  if (steel) return MATERIAL_INDEX.get(`S${steel[1]}`) ?? null;
  return null;
}

export function listCatalogue(): { sections: CatalogueSection[]; materials: CatalogueMaterial[] } {
  return { sections: [...SECTIONS], materials: [...MATERIALS] };
}

/**
 * Up to `limit` catalogue section names close to `name` (same family first, then nearest size), for
 * "did you mean" hints.
 */
export function suggestCatalogueSections(name: string, limit = 5): string[] {
  const key = normalizeCatalogueName(name);
  const fam = /^[A-Z]+/.exec(key)?.[0] ?? "";
  const size = Number(/\d+(?:\.\d+)?/.exec(key)?.[0] ?? NaN);
  const sameFamily = SECTIONS.filter((s) => normalizeCatalogueName(s.name).startsWith(fam) && fam !== "");
  const pool = sameFamily.length > 0 ? sameFamily : SECTIONS.filter((s) => s.family === "IPE" || s.family === "W");
  const scored = pool.map((s) => {
    const n = Number(/\d+(?:\.\d+)?/.exec(normalizeCatalogueName(s.name))?.[0] ?? 0);
    return { s, d: Number.isFinite(size) ? Math.abs(n - size) : 0 };
  });
  scored.sort((a, b) => a.d - b.d);
  return scored.slice(0, limit).map((x) => x.s.name);
}

export function suggestCatalogueMaterials(): string[] {
  return MATERIALS.map((m) => m.name);
}

/** A model Section row from a catalogue entry. */
export function sectionFromCatalogue(entry: CatalogueSection, id: string): Section {
  return { id, name: entry.name, A: entry.A, Iy: entry.Iy, Iz: entry.Iz, J: entry.J, shape: { ...entry.shape } };
}

/** A model Material row from a catalogue entry. */
export function materialFromCatalogue(entry: CatalogueMaterial, id: string): Material {
  return { id, name: entry.name, E: entry.E, G: entry.G, nu: entry.nu, density: entry.density, fy: entry.fy, kind: entry.kind };
}
