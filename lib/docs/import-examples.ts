/**
 * The worked examples of /docs/import-format. Each is a complete payload for import_model (the
 * value of its `payload` argument) together with what importing it yields, so the page can state
 * the counts and a test can hold the importer to them (tests/docs/import-examples.test.ts runs every
 * example through `normalizeImport` and `planImport`).
 */
import type { ImportStats } from "@/lib/structural";

export interface ImportExample {
  /** Stable id: the block's data-example-name and the page anchor. */
  name: string;
  title: string;
  /** What the example shows, one or two sentences. */
  summary: string;
  payload: Record<string, unknown>;
  /**
   * Rows the imported model has, per kind (kinds not listed: 0): what import_model reports,
   * including sections and materials copied from the catalogue because a frame named them.
   */
  counts: Partial<ImportStats>;
  /** What normalizeImport reports as detectedFormat (the prefix, for lenient payloads). */
  detectedFormat: string;
}

/** The canonical format: exactly what Spectral exports (get_model's resource) and reads back unchanged. */
const canonical: ImportExample = {
  name: "canonical",
  title: "Canonical format (portal frame with loads)",
  summary:
    "Every section of the format, in SI units, with references by id and name. This is the shape Spectral itself exports, so a model read from Spectral can be imported again as it is.",
  payload: {
    format: "spectral/1",
    name: "Portal frame PF-1",
    description: "Single-bay steel portal, 6 m span, 4 m eaves",
    units: { length: "m", force: "N" },
    display_units: { length: "m", force: "kN" },
    vertical_axis: "Z",
    nodes: [
      { id: "N1", x: 0, y: 0, z: 0 },
      { id: "N2", x: 0, y: 0, z: 4 },
      { id: "N3", x: 6, y: 0, z: 4 },
      { id: "N4", x: 6, y: 0, z: 0 },
    ],
    frames: [
      { id: "C1", start: "N1", end: "N2", section: "IPE300", material: "S355", role: "column" },
      { id: "B1", start: "N2", end: "N3", section: "IPE300", material: "S355", role: "beam", releases: { i: "FFFFFF", j: "FFFFRR" } },
      { id: "C2", start: "N4", end: "N3", section: "IPE300", material: "S355", role: "column" },
    ],
    supports: [
      { node: "N1", code: "FFFFFF" },
      { node: "N4", code: "FFFRRR" },
    ],
    sections: [
      {
        name: "IPE300",
        A: 0.005381,
        Iy: 6.038e-6,
        Iz: 8.356e-5,
        J: 2.012e-7,
        shape: { type: "I", h: 0.3, b: 0.15, tw: 0.0071, tf: 0.0107 },
      },
    ],
    materials: [{ name: "S355", E: 210e9, G: 80.77e9, nu: 0.3, density: 7850, fy: 355e6, kind: "steel" }],
    load_cases: [
      { name: "Dead", type: "dead", self_weight_factor: 1 },
      { name: "Live", type: "live" },
    ],
    loads: [
      { kind: "frame_distributed", case: "Live", frame: "B1", start: 0, end: 1, axes: "global", w1: [0, 0, -5000], w2: [0, 0, -5000], projected: false },
      { kind: "nodal", case: "Live", node: "N2", fx: 10000, fy: 0, fz: 0, mx: 0, my: 0, mz: 0 },
    ],
    combinations: [{ name: "ULS 1", kind: "ULS", factors: { Dead: 1.35, Live: 1.5 } }],
  },
  counts: { nodes: 4, frames: 3, supports: 2, sections: 1, materials: 1, loadCases: 2, loads: 2, combinations: 1 },
  detectedFormat: "spectral",
};

/** The smallest useful payload: nodes and frames, with catalogue names for section and material. */
const minimal: ImportExample = {
  name: "minimal",
  title: "Minimal: nodes and frames",
  summary:
    "Only nodes and frames are required. Sections and materials may be catalogue names (IPE300, HEA200, W14x22, S355, A992, C30/37, …); the properties come from Spectral's catalogue.",
  payload: {
    name: "Two-span beam",
    nodes: [
      { id: "A", x: 0, y: 0, z: 3 },
      { id: "B", x: 5, y: 0, z: 3 },
      { id: "C", x: 10, y: 0, z: 3 },
    ],
    frames: [
      { id: "S1", start: "A", end: "B", section: "IPE300", material: "S355" },
      { id: "S2", start: "B", end: "C", section: "IPE300", material: "S355" },
    ],
  },
  counts: { nodes: 3, frames: 2, sections: 1, materials: 1 },
  detectedFormat: "canonical",
};

/** Millimetres and kilonewtons, converted on import. */
const units: ImportExample = {
  name: "units-mm-kn",
  title: "Other units (mm and kN)",
  summary:
    'Declare the units the numbers are in, as a length unit ("mm") or an object; Spectral converts to SI on import. Here coordinates are in millimetres, forces in kilonewtons and distributed loads in kN/mm.',
  payload: {
    name: "Cantilever in mm",
    units: { length: "mm", force: "kN" },
    nodes: [
      { id: "N1", x: 0, y: 0, z: 3000 },
      { id: "N2", x: 2500, y: 0, z: 3000 },
    ],
    frames: [{ id: "CB1", start: "N1", end: "N2", section: "HEA200", material: "S275" }],
    supports: [{ node: "N1", code: "fixed" }],
    load_cases: [{ name: "Live", type: "live" }],
    loads: [{ case: "Live", node: "N2", fz: -12 }],
  },
  counts: { nodes: 2, frames: 1, supports: 1, sections: 1, materials: 1, loadCases: 1, loads: 1 },
  detectedFormat: "canonical",
};

/** Nodes as coordinate arrays (the node's id is its index) and frames as [start, end] pairs. */
const arrays: ImportExample = {
  name: "arrays",
  title: "Nodes as [x, y, z] arrays, frames as pairs",
  summary:
    "Compact output from scripts: each node is [x, y, z] and is referred to by its position in the list (0-based; numbering that runs from 1 to the node count is recognised too). Each frame is a [start, end] pair. Supports and sections can be keyed by id.",
  payload: {
    name: "Warren truss from arrays",
    nodes: [
      [0, 0, 0],
      [2, 0, 0],
      [4, 0, 0],
      [6, 0, 0],
      [1, 0, 1.5],
      [3, 0, 1.5],
      [5, 0, 1.5],
    ],
    frames: [
      [0, 1],
      [1, 2],
      [2, 3],
      [4, 5],
      [5, 6],
      [0, 4],
      [4, 1],
      [1, 5],
      [5, 2],
      [2, 6],
      [6, 3],
    ],
    supports: { "0": "pinned", "3": "roller" },
  },
  counts: { nodes: 7, frames: 11, supports: 2 },
  detectedFormat: "lenient",
};

/** A SkyCiv-style model: maps keyed by id, members with node_A/node_B, restraint codes. */
const keyed: ImportExample = {
  name: "keyed-maps",
  title: "Maps keyed by id (SkyCiv style)",
  summary:
    "Collections given as objects keyed by id, members with node_A and node_B, numeric section and material ids, and supports as restraint codes. Payloads in SkyCiv's s3d_model layout are recognised and mapped as they are.",
  payload: {
    nodes: {
      "1": { x: 0, y: 0, z: 0 },
      "2": { x: 0, y: 0, z: 3.5 },
      "3": { x: 5, y: 0, z: 3.5 },
    },
    members: {
      "1": { node_A: 1, node_B: 2, section_id: 1 },
      "2": { node_A: 2, node_B: 3, section_id: 1 },
    },
    sections: { "1": { name: "W14x22" } },
    materials: { "1": "A992" },
    supports: { "1": { node: 1, restraint_code: "FFFFFF" } },
  },
  counts: { nodes: 3, frames: 2, sections: 1, materials: 1, supports: 1 },
  detectedFormat: "skyciv",
};

/** Common spellings from other tools: members with i/j, supports by node, releases as words, positions in %. */
const aliases: ImportExample = {
  name: "aliases",
  title: "Other field names and shorthands",
  summary:
    'Alternative names are accepted for most fields: members with i and j, supports as a map from node to "fixed" / "pinned" / "roller" or a code, releases as "pinned", load cases given by name only, point loads positioned with "50%".',
  payload: {
    name: "Propped beam",
    nodes: [
      { id: "1", x: 0, y: 0, z: 0 },
      { id: "2", x: 8, y: 0, z: 0 },
    ],
    members: [{ id: "M1", i: "1", j: "2", section: "HEB240", material: "S355", releases: "pinned_end" }],
    supports: { "1": "fixed", "2": "roller" },
    load_cases: ["Snow"],
    loads: [{ load_case: "Snow", member: "M1", fz: -20000, position: "50%" }],
  },
  counts: { nodes: 2, frames: 1, supports: 2, sections: 1, materials: 1, loadCases: 1, loads: 1 },
  detectedFormat: "lenient",
};

/** Frame ends given as coordinates: nodes are created and shared where ends coincide. */
const coordinates: ImportExample = {
  name: "coordinates",
  title: "Frames by coordinates",
  summary:
    "When frames give coordinates instead of node ids, Spectral creates the nodes and joins ends that coincide, so three members meeting at a corner share one node. The nodes list may then be empty.",
  payload: {
    name: "Goalpost by coordinates",
    nodes: [],
    frames: [
      { start: [0, 0, 0], end: [0, 0, 3], section: "SHS100x100x5", material: "S355" },
      { start: [0, 0, 3], end: [4, 0, 3], section: "SHS100x100x5", material: "S355" },
      { start: [4, 0, 3], end: [4, 0, 0], section: "SHS100x100x5", material: "S355" },
    ],
  },
  counts: { nodes: 4, frames: 3, sections: 1, materials: 1 },
  detectedFormat: "lenient",
};

/** US customary units with AISC catalogue names. */
const imperial: ImportExample = {
  name: "imperial",
  title: "Feet and kips",
  summary: "Imperial payloads work the same way: declare feet and kips, and use AISC shapes and grades by name.",
  payload: {
    name: "Bay frame (US units)",
    units: { length: "ft", force: "kip" },
    vertical_axis: "Z",
    nodes: [
      { id: "N1", x: 0, y: 0, z: 0 },
      { id: "N2", x: 0, y: 0, z: 14 },
      { id: "N3", x: 30, y: 0, z: 14 },
      { id: "N4", x: 30, y: 0, z: 0 },
    ],
    frames: [
      { id: "C1", start: "N1", end: "N2", section: "W12x40", material: "A992" },
      { id: "G1", start: "N2", end: "N3", section: "W18x35", material: "A992" },
      { id: "C2", start: "N4", end: "N3", section: "W12x40", material: "A992" },
    ],
    supports: [
      { node: "N1", code: "pinned" },
      { node: "N4", code: "pinned" },
    ],
    load_cases: [{ name: "Roof live", type: "live" }],
    loads: [{ case: "Roof live", frame: "G1", w: [0, 0, -0.8] }],
  },
  counts: { nodes: 4, frames: 3, supports: 2, sections: 2, materials: 1, loadCases: 1, loads: 1 },
  detectedFormat: "canonical",
};

export const IMPORT_EXAMPLES: readonly ImportExample[] = [canonical, minimal, units, arrays, keyed, aliases, coordinates, imperial];

export const COUNT_KINDS = ["nodes", "frames", "supports", "sections", "materials", "loadCases", "loads", "combinations"] as const;

/** All eight counts of an example (unlisted kinds are 0). */
export function expectedCounts(e: ImportExample): Record<(typeof COUNT_KINDS)[number], number> {
  return Object.fromEntries(COUNT_KINDS.map((k) => [k, e.counts[k] ?? 0])) as Record<(typeof COUNT_KINDS)[number], number>;
}

/** The arguments of an import_model call for an example (what an assistant sends). */
export function importModelArguments(e: ImportExample, dryRun = true): Record<string, unknown> {
  return { payload: e.payload, dry_run: dryRun };
}

/** A summary of the built-in section and material catalogue for the docs. */
export function catalogueSummary(cat: { sections: { family: string; standard: string; name: string }[]; materials: { name: string }[] }): {
  families: { family: string; standard: string; count: number; sample: string }[];
  materials: string[];
} {
  const families = new Map<string, { family: string; standard: string; count: number; sample: string }>();
  for (const s of cat.sections) {
    const f = families.get(s.family);
    if (f) f.count++;
    else families.set(s.family, { family: s.family, standard: s.standard, count: 1, sample: s.name });
  }
  return { families: [...families.values()], materials: cat.materials.map((m) => m.name) };
}
