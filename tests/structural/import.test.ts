import { describe, expect, it } from "vitest";
import {
  CanonicalImportSchema,
  ElementsInputSchema,
  applyPatch,
  emptyModel,
  exportCanonical,
  formatPath,
  hasErrors,
  normalizeImport,
  planAddElements,
  planImport,
  validateModel,
  type IssueCode,
  type StructuralModel,
} from "@/lib/structural";
import { blank, build, counterIds, gridPayload, meta } from "./fixtures";

const codes = (issues: { code: IssueCode }[]) => issues.map((i) => i.code);
/** Import a payload into a fresh model (throws on errors). */
function importModel(payload: unknown): StructuralModel {
  const r = planImport(payload, { newId: counterIds("i") });
  if (!r.ok) throw new Error(r.issues.filter((i) => i.severity === "error").map((i) => i.message).join("\n"));
  return applyPatch(emptyModel(meta({ ...r.meta })), r.patch);
}
/** The model with ids replaced by labels/names: equal for the same structure. */
function semantic(m: StructuralModel) {
  const nl = new Map(m.nodes.map((n) => [n.id, n.label]));
  const fl = new Map(m.frames.map((f) => [f.id, f.label]));
  const sn = new Map(m.sections.map((s) => [s.id, s.name]));
  const mn = new Map(m.materials.map((x) => [x.id, x.name]));
  const cn = new Map(m.loadCases.map((c) => [c.id, c.name]));
  const { id: _id, ownerId: _o, revision: _r, ...metaRest } = m.meta;
  return {
    meta: metaRest,
    nodes: m.nodes.map(({ id: _i, ...n }) => n),
    frames: m.frames.map(({ id: _i, ...f }) => ({ ...f, i: nl.get(f.i), j: nl.get(f.j), sectionId: f.sectionId && sn.get(f.sectionId), materialId: f.materialId && mn.get(f.materialId) })),
    supports: m.supports.map((s) => ({ node: nl.get(s.nodeId), code: s.code })),
    sections: m.sections.map(({ id: _i, ...s }) => s),
    materials: m.materials.map(({ id: _i, ...x }) => x),
    loadCases: m.loadCases.map(({ id: _i, ...c }) => c),
    loads: m.loads.map(({ id: _i, ...l }) => {
      const o: Record<string, unknown> = { ...l, caseId: cn.get(l.caseId) };
      if ("nodeId" in l) o.nodeId = nl.get(l.nodeId);
      if ("frameId" in l) o.frameId = fl.get(l.frameId);
      return o;
    }),
    combinations: m.combinations.map(({ id: _i, ...c }) => ({ ...c, factors: c.factors.map((f) => ({ case: cn.get(f.caseId), factor: f.factor })) })),
  };
}

const canonicalPayload = {
  name: "Concept Grid A",
  units: { length: "m", force: "kN" },
  vertical_axis: "Z",
  nodes: [{ id: "N1", x: 0, y: 0, z: 0 }, { id: "N2", x: 0, y: 0, z: 4 }, { id: "N3", x: 6, y: 0, z: 4 }, { id: "N4", x: 6, y: 0, z: 0 }],
  frames: [
    { id: "C1", start: "N1", end: "N2", section: "HEA200", material: "S355" },
    { id: "B1", start: "N2", end: "N3", section: "IPE300", material: "S355", roll: 0, releases: { j: "FFFFFR" } },
    { id: "C2", start: "N4", end: "N3", section: "HEA200", material: "S355" },
  ],
  supports: [{ node: "N1", code: "FFFFFF" }, { node: "N4", code: "fixed" }],
  load_cases: [{ name: "Dead", type: "dead", self_weight: true }, { name: "Live", type: "live" }],
  loads: [
    { case: "Live", frame: "B1", w: [0, 0, -10] },
    { case: "Live", node: "N3", fx: 5 },
  ],
  combinations: [{ name: "ULS1", factors: { Dead: 1.35, Live: 1.5 } }],
};

describe("normalizeImport: variants", () => {
  it("reads the canonical format", () => {
    const r = normalizeImport(canonicalPayload);
    expect(r.ok).toBe(true);
    expect(r.detectedFormat).toBe("canonical");
    expect(r.stats).toMatchObject({ nodes: 4, frames: 3, supports: 2, loadCases: 2, loads: 2, combinations: 1 });
    expect(r.input.displayUnits).toEqual({ length: "m", force: "kN" });
    expect(ElementsInputSchema.safeParse((({ name: _n, description: _d, displayUnits: _u, verticalAxis: _v, ...rest }) => rest)(r.input)).success).toBe(true);
    const m = importModel(canonicalPayload);
    expect(m.frames.map((f) => f.label)).toEqual(["C1", "B1", "C2"]);
    expect(m.frames[1]).toMatchObject({ releaseI: "FFFFFF", releaseJ: "FFFFFR" });
    expect(m.loads[0]).toMatchObject({ kind: "frame_distributed", w1: { x: 0, y: 0, z: -10_000 } }); // kN/m → N/m
    expect(m.loads[1]).toMatchObject({ kind: "nodal", fx: 5000 });
    expect(m.loadCases[0]).toMatchObject({ name: "Dead", selfWeightFactor: 1 });
    expect(validateModel(m).filter((i) => i.severity !== "info")).toEqual([]);
  });

  it("reads nodes as [x, y, z] arrays and frames as [a, b] index pairs (0-based)", () => {
    const r = normalizeImport({ nodes: [[0, 0, 0], [0, 0, 3], [4, 0, 3]], frames: [[0, 1], [1, 2]] });
    expect(r.ok).toBe(true);
    expect(r.detectedFormat).toContain("nodes as [x, y, z] arrays");
    const m = importModel({ nodes: [[0, 0, 0], [0, 0, 3], [4, 0, 3]], frames: [[0, 1], [1, 2]] });
    expect(m.nodes.map((n) => n.label)).toEqual(["N1", "N2", "N3"]);
    expect(semantic(m).frames.map((f) => [f.i, f.j])).toEqual([["N1", "N2"], ["N2", "N3"]]);
  });

  it("detects 1-based node numbers for array nodes", () => {
    const r = normalizeImport({ nodes: [[0, 0, 0], [0, 0, 3], [4, 0, 3]], members: [{ nodes: [1, 2] }, { nodes: [2, 3] }] });
    expect(r.ok).toBe(true);
    expect(codes(r.issues)).toEqual(["INVALID_INPUT"]); // the info note
    expect(r.issues[0]!.severity).toBe("info");
    const m = importModel({ nodes: [[0, 0, 0], [0, 0, 3], [4, 0, 3]], members: [{ nodes: [1, 2] }, { nodes: [2, 3] }] });
    expect(semantic(m).frames.map((f) => [f.i, f.j])).toEqual([["N1", "N2"], ["N2", "N3"]]);
  });

  it("reads SkyCiv-style keyed maps (s3d_model)", () => {
    const skyciv = {
      settings: { units: { length: "m", section_length: "mm", material_strength: "mpa", force: "kn" }, vertical_axis: "Y" },
      nodes: { "1": { x: 0, y: 0, z: 0 }, "2": { x: 0, y: 4, z: 0 }, "3": { x: 6, y: 4, z: 0 }, "4": { x: 6, y: 0, z: 0 } },
      members: {
        "1": { node_A: 1, node_B: 2, section_id: 1, rotation_angle: 0, fixity_A: "FFFFFF", fixity_B: "FFFFFF", type: "normal" },
        "2": { node_A: 2, node_B: 3, section_id: 2, rotation_angle: 90, fixity_A: "FFFFFF", fixity_B: "FFFFFR" },
        "3": { node_A: 4, node_B: 3, section_id: 1, rotation_angle: 0, fixity_A: "FFFFFF", fixity_B: "FFFFFF" },
      },
      sections: { "1": { load_section: ["American", "AISC", "W shapes", "W14x90"], material_id: 1 }, "2": { name: "Custom", A: 5000, Iy: 2e6, Iz: 8e7, J: 1e5, material_id: 1 } },
      materials: { "1": { name: "Structural Steel", density: 7850, elasticity_modulus: 200000, poissons_ratio: 0.27, yield_strength: 260, class: "steel" } },
      supports: { "1": { node: 1, restraint_code: "FFFFFF" }, "2": { node: 4, restraint_code: "FFFRRR" } },
      point_loads: { "1": { type: "n", node: 3, x_mag: 10, y_mag: 0, z_mag: 0, load_group: "LG1" }, "2": { type: "m", member: 2, position: 50, x_mag: 0, y_mag: -5, z_mag: 0, load_group: "LG1" } },
      distributed_loads: { "1": { member: 2, x_mag_A: 0, y_mag_A: -3, z_mag_A: 0, x_mag_B: 0, y_mag_B: -6, z_mag_B: 0, position_A: 0, position_B: 100, load_group: "LG1", axes: "global" } },
      self_weight: { "1": { enabled: true, x: 0, y: -1, z: 0, load_group: "SW1" } },
      load_combinations: { "1": { name: "ULS", SW1: 1.2, LG1: 1.6 } },
    };
    const r = normalizeImport({ s3d_model: skyciv });
    expect(r.detectedFormat).toBe("skyciv");
    expect(r.ok).toBe(true);
    const m = importModel({ s3d_model: skyciv });
    const s = semantic(m);
    expect(m.meta.verticalAxis).toBe("Y");
    expect(s.nodes.map((n) => n.label)).toEqual(["N1", "N2", "N3", "N4"]);
    expect(s.frames.map((f) => [f.label, f.i, f.j, f.sectionId, f.materialId, f.roll, f.releaseJ])).toEqual([
      ["F1", "N1", "N2", "W14x90", "Structural Steel", 0, "FFFFFF"],
      ["F2", "N2", "N3", "Custom", "Structural Steel", 90, "FFFFFR"],
      ["F3", "N4", "N3", "W14x90", "Structural Steel", 0, "FFFFFF"],
    ]);
    const custom = m.sections.find((x) => x.name === "Custom")!;
    expect(custom.A).toBeCloseTo(5e-3, 12); // mm² → m²
    expect(custom.Iz).toBeCloseTo(8e-5, 15);
    expect(m.materials[0]).toMatchObject({ E: 200e9, nu: 0.27, density: 7850, fy: 260e6, kind: "steel" });
    expect(s.supports).toEqual([{ node: "N1", code: "FFFFFF" }, { node: "N4", code: "FFFRRR" }]);
    expect(s.loads).toEqual([
      { kind: "nodal", caseId: "LG1", nodeId: "N3", fx: 10_000, fy: 0, fz: 0, mx: 0, my: 0, mz: 0 },
      { kind: "frame_point", caseId: "LG1", frameId: "F2", position: 0.5, axes: "global", fx: 0, fy: -5000, fz: 0, mx: 0, my: 0, mz: 0 },
      { kind: "frame_distributed", caseId: "LG1", frameId: "F2", start: 0, end: 1, axes: "global", w1: { x: 0, y: -3000, z: 0 }, w2: { x: 0, y: -6000, z: 0 }, projected: false },
    ]);
    expect(s.loadCases).toEqual(expect.arrayContaining([{ name: "SW1", type: "dead", selfWeightFactor: 1 }, { name: "LG1", type: "other", selfWeightFactor: null }]));
    expect(s.combinations).toEqual([{ name: "ULS", kind: "other", factors: [{ case: "SW1", factor: 1.2 }, { case: "LG1", factor: 1.6 }] }]);
  });

  it("reads members with node_A/node_B, keyed supports, and boolean releases", () => {
    const payload = {
      nodes: [{ id: 1, x: 0, y: 0, z: 0 }, { id: 2, x: 5, y: 0, z: 0 }, { id: 3, x: 10, y: 0, z: 0 }],
      members: [
        { id: 1, node_A: 1, node_B: 2, section: "IPE 240", material: "S275", releases: { i: [false, false, false, false, false, false], j: [false, false, false, false, true, true] } },
        { id: 2, node_A: 2, node_B: 3, section: "IPE 240", material: "S275", release: "pinned" },
      ],
      supports: { "1": "pinned", "3": { ux: false, uy: true, uz: true } },
    };
    const r = normalizeImport(payload);
    expect(r.ok).toBe(true);
    expect(r.detectedFormat).toBe("lenient: members, node_A/node_B");
    const s = semantic(importModel(payload));
    expect(s.frames.map((f) => [f.label, f.i, f.j, f.releaseI, f.releaseJ])).toEqual([
      ["F1", "N1", "N2", "FFFFFF", "FFFFRR"],
      ["F2", "N2", "N3", "FFFFRR", "FFFFRR"],
    ]);
    expect(s.supports).toEqual([{ node: "N1", code: "FFFRRR" }, { node: "N3", code: "RFFRRR" }]);
  });

  it("converts millimetres and feet/kips to SI", () => {
    const mm = importModel({ units: "mm", nodes: [{ id: "A", x: 0, y: 0, z: 0 }, { id: "B", x: 6000, y: 0, z: 0 }], frames: [{ start: "A", end: "B" }] });
    expect(mm.nodes[1]).toMatchObject({ x: 6 });
    expect(mm.meta.displayUnits.length).toBe("mm");
    const ft = importModel({
      units: { length: "ft", force: "kip" },
      nodes: [{ id: "A", x: 0, y: 0, z: 0 }, { id: "B", x: 20, y: 0, z: 0 }],
      frames: [{ id: "G1", start: "A", end: "B", section: "W18x35", material: "A992" }],
      loads: [{ case: "Live", frame: "G1", w: [0, 0, -1] }, { case: "Live", node: "B", fz: -10 }],
    });
    expect(ft.nodes[1]!.x).toBeCloseTo(6.096, 12);
    expect(ft.meta.displayUnits).toEqual({ length: "ft", force: "kip" });
    const udl = ft.loads[0]!;
    expect(udl.kind === "frame_distributed" && udl.w1.z).toBeCloseTo(-14593.903, 2); // 1 kip/ft
    const p = ft.loads[1]!;
    expect(p.kind === "nodal" && p.fz).toBeCloseTo(-44482.216, 2);
  });

  it("creates and merges nodes for frames given by coordinates", () => {
    const m = importModel({ frames: [{ start: [0, 0, 0], end: [0, 0, 3] }, { start: [0, 0, 3], end: [5, 0, 3] }, { start: [5, 0, 3], end: [5.0004, 0, 0] }], nodes: [] });
    expect(m.nodes).toHaveLength(4);
    expect(m.frames).toHaveLength(3);
  });

  it("accepts a JSON string", () => {
    expect(normalizeImport(JSON.stringify(canonicalPayload)).ok).toBe(true);
  });
});

describe("normalizeImport: clear errors with paths", () => {
  const cases: { name: string; payload: unknown; code: IssueCode; path?: (string | number)[]; message?: string }[] = [
    { name: "not JSON", payload: "{nodes: [", code: "INVALID_INPUT" },
    { name: "an array", payload: [1, 2], code: "INVALID_INPUT" },
    { name: "no frames", payload: { nodes: [[0, 0, 0]] }, code: "INVALID_INPUT", path: ["frames"] },
    {
      name: "frame to a missing node",
      payload: { nodes: [{ id: "N1", x: 0, y: 0, z: 0 }, { id: "N2", x: 1, y: 0, z: 0 }], frames: Array.from({ length: 13 }, (_, k) => ({ start: "N1", end: k === 12 ? "N99" : "N2" })) },
      code: "UNKNOWN_NODE",
      path: ["frames", 12, "end"],
      message: "frames[12].end refers to node 'N99', which is not in nodes.",
    },
    { name: "duplicate node id", payload: { nodes: [{ id: 1, x: 0, y: 0, z: 0 }, { id: 1, x: 1, y: 0, z: 0 }], frames: [] }, code: "DUPLICATE_NODE", path: ["nodes", 1] },
    { name: "NaN coordinate", payload: { nodes: [{ id: 1, x: Number.NaN, y: 0, z: 0 }], frames: [] }, code: "NON_FINITE_COORDINATE", path: ["nodes", 0, "x"] },
    { name: "unknown length unit", payload: { units: "furlong", nodes: [], frames: [] }, code: "UNKNOWN_UNIT", path: ["units"] },
    { name: "bad support code", payload: { nodes: [{ id: "A", x: 0, y: 0, z: 0 }], frames: [], supports: [{ node: "A", code: "FFX" }] }, code: "INVALID_DOF_CODE", path: ["supports", 0, "code"] },
    { name: "point load at 150%", payload: { nodes: [{ id: "A", x: 0, y: 0, z: 0 }, { id: "B", x: 1, y: 0, z: 0 }], frames: [{ id: "F", start: "A", end: "B" }], loads: [{ case: "L", frame: "F", position: "150%", fz: -1 }] }, code: "INVALID_LOAD_POSITION", path: ["loads", 0, "position"] },
    { name: "section missing J and not in the catalogue", payload: { nodes: [], frames: [], sections: [{ name: "Odd", A: 1, Iy: 1, Iz: 1 }] }, code: "INVALID_INPUT", path: ["sections", 0] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = normalizeImport(c.payload);
      expect(r.ok).toBe(false);
      const hit = r.issues.find((i) => i.code === c.code);
      expect(hit, JSON.stringify(r.issues)).toBeDefined();
      if (c.path) expect(hit!.path).toEqual(c.path);
      if (c.message) expect(hit!.message).toBe(c.message);
      for (const i of r.issues) {
        if (!i.path || i.path.length === 0) continue;
        const where = formatPath(i.path);
        expect(i.message.startsWith(where), i.message).toBe(true);
        expect([" ", ":", "."], i.message).toContain(i.message[where.length]);
      }
    });
  }

  it("maps planner errors back to payload paths (keyed members)", () => {
    const r = planImport({ nodes: { "1": { x: 0, y: 0, z: 0 }, "2": { x: 1, y: 0, z: 0 } }, members: { "7": { node_A: 1, node_B: 2, section: "IPE 301" } } }, { newId: counterIds() });
    expect(r.ok).toBe(false);
    const u = r.issues.find((i) => i.code === "UNKNOWN_SECTION")!;
    expect(u.path).toEqual(["members", "7", "section"]);
    expect(u.message).toContain('members["7"]');
  });
  it("keeps a section outline Spectral can draw and warns about (and drops) one it cannot", () => {
    const section = (shape: unknown) => ({ name: "Box", A: 0.012, Iy: 8e-5, Iz: 1.2e-4, J: 1.5e-4, shape });
    const r = normalizeImport({
      nodes: [],
      frames: [],
      sections: [section({ type: "rhs", h: 0.3, b: 0.2, t: 0.012 }), { ...section({ type: "hexagon", d: 0.3 }), name: "Hex" }, { ...section({ type: "rhs", h: 0.3, b: 0.2, t: 0.2 }), name: "Thick" }],
    });
    expect(hasErrors(r.issues)).toBe(false);
    expect(r.input.sections?.map((s) => s.name)).toEqual(["Box", "Hex", "Thick"]);
    expect(r.input.sections?.[0]?.shape).toEqual({ type: "rhs", h: 0.3, b: 0.2, t: 0.012 });
    expect(r.input.sections?.[1]?.shape).toBeUndefined();
    expect(r.input.sections?.[2]?.shape).toBeUndefined();
    const warnings = r.issues.filter((i) => i.severity === "warning");
    expect(warnings.map((w) => [w.code, w.path])).toEqual([
      ["INVALID_INPUT", ["sections", 1, "shape"]],
      ["INVALID_INPUT", ["sections", 2, "shape"]],
    ]);
    expect(warnings[0]!.message).toMatch(/^sections\[1\]\.shape is not a shape Spectral can draw \(.+\) and was ignored\.$/);
    expect(warnings[1]!.message).toContain("2·t < min(h, b)");
  });
  it("warns about an undeclared load case when cases were declared (typo guard)", () => {
    const r = normalizeImport({ nodes: [{ id: "A", x: 0, y: 0, z: 0 }], frames: [], load_cases: [{ name: "Dead" }], loads: [{ case: "Daed", node: "A", fz: -1 }] });
    const w = r.issues.find((i) => i.code === "AUTO_CREATED")!;
    expect(w.severity).toBe("warning");
    expect(hasErrors(r.issues)).toBe(false);
  });
});

describe("exportCanonical ⇄ normalizeImport round trip", () => {
  function richModel(): StructuralModel {
    return build(
      {
        sections: [{ name: "Box 300", A: 0.012, Iy: 8e-5, Iz: 1.2e-4, J: 1.5e-4, shape: { type: "rhs", h: 0.3, b: 0.2, t: 0.012 } }],
        materials: [{ name: "Glulam", E: 11.5e9, G: 0.65e9, nu: 0.3, density: 420, kind: "timber" }],
        nodes: [
          { ref: "a", label: "A1", x: 0, y: 0, z: 0 },
          { ref: "b", label: "A2", x: 0, y: 3.25, z: 0 },
          { ref: "c", label: "B2", x: 7.125, y: 3.25, z: 0.5 },
          { ref: "d", label: "B1", x: 7.125, y: 0, z: 0 },
        ],
        frames: [
          { ref: "f1", label: "Col A", i: "a", j: "b", section: "HEB300", material: "S355", role: "column" },
          { ref: "f2", label: "Rafter", i: "b", j: "c", section: "Box 300", material: "Glulam", roll: 12.5, releaseI: "FFFFRR", releaseJ: "FFFFFR", role: "beam" },
          { ref: "f3", label: "Col B", i: "d", j: "c", section: "W14x90", material: "A992", orientation: [1, 0, 0] },
          { ref: "f4", label: "Tie", i: "a", j: "c" },
        ],
        supports: [{ node: "a", type: "fixed" }, { node: "d", code: "FFFRRF" }],
        loadCases: [{ name: "G", type: "dead", selfWeightFactor: 1.1 }, { name: "Q", type: "live" }, { name: "W", type: "wind", selfWeightFactor: 0 }],
        loads: [
          { kind: "nodal", case: "Q", node: "c", fx: 1500, fy: -2, fz: 3, mx: 4, my: -5, mz: 6 },
          { kind: "frame_point", case: "G", frame: "f2", position: 0.3, axes: "local", fy: -2500, mz: 100 },
          { kind: "frame_distributed", case: "W", frame: "f2", start: 0.1, end: 0.9, axes: "global", w1: [0, 0, -1000], w2: { x: 0, y: 200, z: -3000 }, projected: true },
        ],
        combinations: [{ name: "ULS-A", kind: "ULS", factors: { G: 1.35, Q: 1.5, W: 0.9 } }, { name: "SLS", kind: "SLS", factors: { G: 1, Q: 1 } }],
      },
      blank({ name: "Round trip", description: "Every field, non-default values", verticalAxis: "Y", displayUnits: { length: "mm", force: "kN" } }),
    );
  }

  it("is lossless for labels, coordinates, releases, sections, materials, supports, loads and combinations", () => {
    const original = richModel();
    const exported = JSON.parse(JSON.stringify(exportCanonical(original)));
    const r = normalizeImport(exported);
    expect(r.issues).toEqual([]);
    expect(r.detectedFormat).toBe("spectral");
    const back = importModel(exported);
    expect(semantic(back)).toEqual(semantic(original));
  });

  it("the export matches CanonicalImportSchema, which keeps lenient payloads intact", () => {
    const exported = JSON.parse(JSON.stringify(exportCanonical(richModel())));
    expect(CanonicalImportSchema.safeParse(exported).success).toBe(true);
    const lenient = { nodes: [{ id: 1, x: 0, y: 0, z: 0, extra: true }], frames: [{ node_A: 1, node_B: 2, fixity_A: "FFFFFF" }], settings: { vertical_axis: "Y" } };
    const parsed = CanonicalImportSchema.safeParse(lenient);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(lenient); // nothing stripped or transformed
  });

  it("omits defaults to stay compact", () => {
    const e = exportCanonical(richModel());
    expect(e.frames[3]).toEqual({ id: "Tie", start: "A1", end: "B2" });
    expect(e.units).toEqual({ length: "m", force: "N" });
  });
});

describe("a 100k-frame building grid", () => {
  it("normalises and plans correctly (timing printed; the budget is < 1 s for both on an idle 2-core box)", () => {
    const payload = gridPayload(); // 34,596 nodes, 98,735 frames
    const t0 = performance.now();
    const norm = normalizeImport(payload);
    const t1 = performance.now();
    const { name: _n, description: _d, displayUnits: _u, verticalAxis: _v, ...elements } = norm.input;
    const plan = planAddElements(blank(), elements, { newId: counterIds() });
    const t2 = performance.now();
    const model = applyPatch(emptyModel(meta()), plan.patch);
    const t3 = performance.now();
    const issues = validateModel(model);
    const t4 = performance.now();
    console.log(
      `100k grid (${plan.patch.add.frames.length} frames, ${plan.patch.add.nodes.length} nodes): normalizeImport ${(t1 - t0).toFixed(0)} ms + ` +
        `planAddElements ${(t2 - t1).toFixed(0)} ms = ${(t2 - t0).toFixed(0)} ms; applyPatch ${(t3 - t2).toFixed(0)} ms; validateModel ${(t4 - t3).toFixed(0)} ms`,
    );
    expect(norm.ok).toBe(true);
    expect(norm.detectedFormat).toBe("canonical");
    expect(norm.stats).toMatchObject({ nodes: 34_596, frames: 98_735, supports: 961, loadCases: 1 });
    expect(plan.ok).toBe(true);
    expect(plan.issues.filter((i) => i.severity !== "info")).toEqual([]);
    const added = plan.patch.add;
    expect([added.nodes.length, added.frames.length, added.supports.length, added.sections.length, added.materials.length, added.loadCases.length]).toEqual([34_596, 98_735, 961, 3, 1, 1]);
    expect(new Set(added.frames.map((f) => f.id)).size).toBe(98_735);
    expect(model.frames[98_734]!.label).toBe("F98735");
    // spot-check one beam: F34000 is X-beam #365 of level 1 (after 31·31·35 = 33,635 columns): row j = 12, bay i = 4
    const byLabel = new Map(model.nodes.map((n) => [n.id, n.label]));
    const f = model.frames.find((x) => x.label === "F34000")!;
    expect([byLabel.get(f.i), byLabel.get(f.j), f.role]).toEqual(["N1338", "N1339", "beam"]);
    expect(issues).toEqual([]);
  });
});
