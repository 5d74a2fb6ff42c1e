import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  ElementsInputSchema,
  applyPatch,
  planAddElements,
  validateModel,
  type ElementsInput,
  type IssueCode,
  type StructuralModel,
} from "@/lib/structural";
import { blank, build, counterIds, portal } from "./fixtures";

const plan = (input: ElementsInput, base: StructuralModel = blank(), opts: Partial<Parameters<typeof planAddElements>[2]> = {}) =>
  planAddElements(base, input, { newId: counterIds("new"), ...opts });
const codes = (issues: { code: IssueCode }[]) => issues.map((i) => i.code);

describe("planAddElements: references", () => {
  it("connects frames to node refs of the same call and returns ref → id", () => {
    const r = plan({
      nodes: [{ ref: "a", x: 0, y: 0, z: 0 }, { ref: "b", at: [5, 0, 0] }],
      frames: [{ ref: "beam", i: "a", j: "b", section: "IPE300", material: "S355" }],
    });
    expect(r.ok).toBe(true);
    const [a, b] = r.patch.add.nodes;
    expect(r.refs).toEqual({ a: a!.id, b: b!.id, beam: r.patch.add.frames[0]!.id });
    expect(r.patch.add.frames[0]).toMatchObject({ i: a!.id, j: b!.id, label: "F1", roll: 0, releaseI: "FFFFFF", role: "other" });
    expect(r.patch.add.nodes.map((n) => n.label)).toEqual(["N1", "N2"]);
    expect(b).toMatchObject({ x: 5, y: 0, z: 0 });
  });

  it("resolves existing nodes by label and by id, and numbers new labels after the highest existing one", () => {
    const base = portal(); // N1..N4, F1..F3
    const n4 = base.nodes.find((n) => n.label === "N4")!;
    const r = plan({ nodes: [{ ref: "top", x: 6, y: 5, z: 4 }], frames: [{ i: "N3", j: "top" }, { i: n4.id, j: "top" }] }, base);
    expect(r.ok).toBe(true);
    expect(r.patch.add.nodes[0]!.label).toBe("N5");
    expect(r.patch.add.frames.map((f) => f.label)).toEqual(["F4", "F5"]);
    expect(r.patch.add.frames[1]!.i).toBe(n4.id);
  });

  it("auto-labels above explicit labels given in the same call", () => {
    const r = plan({ nodes: [{ x: 0, y: 0, z: 0 }, { label: "N10", x: 1, y: 0, z: 0 }, { x: 2, y: 0, z: 0 }] });
    expect(r.patch.add.nodes.map((n) => n.label)).toEqual(["N11", "N10", "N12"]);
  });

  it("warns once (not per frame) when new frames have no section or material", () => {
    const r = plan({ nodes: [{ ref: "a", x: 0, y: 0, z: 0 }, { ref: "b", x: 1, y: 0, z: 0 }, { ref: "c", x: 2, y: 0, z: 0 }], frames: [{ i: "a", j: "b" }, { i: "b", j: "c", section: "IPE200" }] });
    expect(r.ok).toBe(true);
    const missing = r.issues.filter((i) => i.code === "MISSING_SECTION" || i.code === "MISSING_MATERIAL");
    expect(missing.map((i) => [i.code, i.severity, i.path])).toEqual([
      ["MISSING_SECTION", "warning", ["frames", 0]],
      ["MISSING_MATERIAL", "warning", ["frames", 0]],
    ]);
    expect(missing[1]!.message).toContain("2 new frame(s)");
  });

  it("accepts numbers as node references", () => {
    const base = build({ nodes: [{ label: "7", x: 0, y: 0, z: 0 }, { label: "8", x: 1, y: 0, z: 0 }] });
    const r = plan({ frames: [{ i: 7, j: 8 }] }, base);
    expect(r.ok).toBe(true);
  });
});

describe("planAddElements: catalogue and properties", () => {
  it("copies a catalogue section and material once, however many frames use them", () => {
    const r = plan({
      nodes: [{ ref: "a", x: 0, y: 0, z: 0 }, { ref: "b", x: 5, y: 0, z: 0 }, { ref: "c", x: 10, y: 0, z: 0 }],
      frames: [
        { i: "a", j: "b", section: "IPE 300", material: "s355" },
        { i: "b", j: "c", section: "ipe300", material: "S355" },
      ],
    });
    expect(r.ok).toBe(true);
    expect(r.patch.add.sections.map((s) => s.name)).toEqual(["IPE300"]);
    expect(r.patch.add.materials.map((m) => m.name)).toEqual(["S355"]);
    expect(new Set(r.patch.add.frames.map((f) => f.sectionId))).toEqual(new Set([r.patch.add.sections[0]!.id]));
    expect(codes(r.issues).filter((c) => c === "CATALOGUE_ADDED")).toHaveLength(2);
    expect(r.issues.every((i) => i.severity === "info")).toBe(true);
  });

  it("reuses a section already in the model (by name, case-insensitive, or by id) instead of copying it again", () => {
    const base = portal();
    const ipe = base.sections.find((s) => s.name === "IPE300")!;
    const r = plan({ nodes: [{ ref: "x", x: 12, y: 0, z: 4 }], frames: [{ i: "N3", j: "x", section: "ipe 300" }, { i: "N2", j: "N4", section: ipe.id }] }, base);
    expect(r.ok).toBe(true);
    expect(r.patch.add.sections).toEqual([]);
    expect(r.patch.add.frames.map((f) => f.sectionId)).toEqual([ipe.id, ipe.id]);
  });

  it("uses explicit sections and materials defined in the same call, in SI, deriving G from E and nu", () => {
    const r = plan({
      units: { length: "m", sectionLength: "mm", stress: "MPa" },
      sections: [{ name: "Custom", A: 5000, Iy: 2e6, Iz: 8e7, J: 1e5, shape: { type: "rect", h: 400, b: 200 } }],
      materials: [{ name: "Mild", E: 200000, nu: 0.25, density: 7850 }],
      nodes: [{ ref: "a", x: 0, y: 0, z: 0 }, { ref: "b", x: 3, y: 0, z: 0 }],
      frames: [{ i: "a", j: "b", section: "custom", material: "Mild" }],
    });
    expect(r.ok).toBe(true);
    const s = r.patch.add.sections[0]!;
    expect(s.A).toBeCloseTo(5e-3, 12);
    expect(s.Iz).toBeCloseTo(8e-5, 15);
    expect(s.shape).toEqual({ type: "rect", h: 0.4, b: 0.2 });
    const m = r.patch.add.materials[0]!;
    expect(m.E).toBe(200e9);
    expect(m.G).toBeCloseTo(200e9 / 2.5, 0);
    expect(r.patch.add.frames[0]!.sectionId).toBe(s.id);
  });

  it("applies defaults and release shortcuts", () => {
    const r = plan({
      defaults: { section: "SHS100x100x5", material: "S275", role: "truss", release: "pinned" },
      nodes: [{ ref: "a", x: 0, y: 0, z: 0 }, { ref: "b", x: 2, y: 0, z: 1 }],
      frames: [{ i: "a", j: "b" }],
    });
    expect(r.patch.add.frames[0]).toMatchObject({ role: "truss", releaseI: "FFFFRR", releaseJ: "FFFFRR" });
    expect(r.patch.add.sections[0]!.name).toBe("SHS100x100x5");
  });
});

describe("planAddElements: merging coincident nodes", () => {
  it("merges a node within 1 mm of an existing node into it, with a warning, and points refs at the survivor", () => {
    const base = portal();
    const n2 = base.nodes.find((n) => n.label === "N2")!;
    const r = plan({ nodes: [{ ref: "near", x: 0.0004, y: 0, z: 4 }, { ref: "far", x: 0, y: 3, z: 4 }], frames: [{ i: "near", j: "far" }] }, base);
    expect(r.ok).toBe(true);
    expect(r.refs.near).toBe(n2.id);
    expect(r.patch.add.nodes).toHaveLength(1);
    expect(r.patch.add.frames[0]!.i).toBe(n2.id);
    const w = r.issues.find((i) => i.code === "NODE_MERGED")!;
    expect(w.severity).toBe("warning");
    expect(w.path).toEqual(["nodes", 0]);
    expect(w.message).toContain('"N2"');
  });
  it("merges two new nodes with each other", () => {
    const r = plan({ nodes: [{ ref: "a", x: 1, y: 1, z: 1 }, { ref: "b", x: 1.0002, y: 1, z: 1 }] });
    expect(r.patch.add.nodes).toHaveLength(1);
    expect(r.refs.a).toBe(r.refs.b);
  });
  it("keeps nodes 2 mm apart, and merges nothing when mergeTolerance is 0", () => {
    expect(plan({ nodes: [{ x: 0, y: 0, z: 0 }, { x: 0.002, y: 0, z: 0 }] }).patch.add.nodes).toHaveLength(2);
    expect(plan({ nodes: [{ x: 0, y: 0, z: 0 }, { x: 0.0001, y: 0, z: 0 }] }, blank(), { mergeTolerance: 0 }).patch.add.nodes).toHaveLength(2);
  });
  it("a frame whose two ends merge into one node is a zero-length error", () => {
    const r = plan({ nodes: [{ ref: "a", x: 0, y: 0, z: 0 }, { ref: "b", x: 0.0001, y: 0, z: 0 }], frames: [{ i: "a", j: "b" }] });
    expect(r.ok).toBe(false);
    expect(codes(r.issues)).toContain("ZERO_LENGTH_FRAME");
  });
});

describe("planAddElements: reports every error at once, with paths", () => {
  it("finds all problems in one call and writes nothing usable", () => {
    const base = portal();
    const r = plan(
      {
        nodes: [{ ref: "a", x: 20, y: 0, z: 0 }, { ref: "a", x: 21, y: 0, z: 0 }, { label: "N1", x: 30, y: 0, z: 0 }],
        frames: [
          { i: "a", j: "N99" }, // unknown node
          { i: "N2", j: "N3" }, // duplicate of F2
          { i: "N3", j: "N2" }, // duplicate, reversed
          { i: "N1", j: "N4", section: "IPE 301" }, // unknown section
          { i: "N1", j: "N3", label: "F1" }, // duplicate label
          { i: "N1", j: "a", material: "Kryptonite" }, // unknown material
        ],
        supports: [{ node: "ghost", type: "fixed" }],
        loads: [
          { kind: "nodal", case: "Wind", node: "N1", fx: 1 }, // unknown case
          { kind: "frame_point", case: "Live", frame: "F404", position: 0.5, fz: -1 }, // unknown frame
          { kind: "frame_distributed", case: "Live", frame: "F2", start: 0.8, end: 0.2, w: [0, 0, -1] }, // bad range
        ],
        combinations: [{ name: "ULS1", factors: { Dead: 1 } }], // duplicate name
      },
      base,
    );
    expect(r.ok).toBe(false);
    const got = codes(r.issues);
    for (const c of ["DUPLICATE_REF", "DUPLICATE_NODE", "UNKNOWN_NODE", "DUPLICATE_FRAME", "UNKNOWN_SECTION", "DUPLICATE_LABEL", "UNKNOWN_MATERIAL", "UNKNOWN_LOAD_CASE", "UNKNOWN_FRAME", "INVALID_LOAD_POSITION", "DUPLICATE_NAME"] as IssueCode[]) {
      expect(got, c).toContain(c);
    }
    expect(got.filter((c) => c === "DUPLICATE_FRAME")).toHaveLength(2);
    const unknownNode = r.issues.find((i) => i.code === "UNKNOWN_NODE" && i.path?.[0] === "frames")!;
    expect(unknownNode.path).toEqual(["frames", 0, "j"]);
    expect(unknownNode.message).toContain('frames[0].j refers to node "N99"');
    expect(r.issues.find((i) => i.code === "UNKNOWN_SECTION")!.message).toMatch(/IPE3\d\d/);
    expect(r.issues.filter((i) => i.severity === "error").every((i) => i.path !== undefined)).toBe(true);
  });

  it("groups one unknown section name used by many frames into one issue", () => {
    const r = plan({
      nodes: [{ ref: "a", x: 0, y: 0, z: 0 }, { ref: "b", x: 1, y: 0, z: 0 }, { ref: "c", x: 2, y: 0, z: 0 }],
      frames: [{ i: "a", j: "b", section: "Mystery" }, { i: "b", j: "c", section: "Mystery" }],
    });
    const u = r.issues.filter((i) => i.code === "UNKNOWN_SECTION");
    expect(u).toHaveLength(1);
    expect(u[0]!.message).toContain("and 1 more");
  });

  it("refuses calls over the element limit", () => {
    const r = plan({ nodes: [{ x: 0, y: 0, z: 0 }, { x: 1, y: 0, z: 0 }, { x: 2, y: 0, z: 0 }] }, blank(), { maxElements: 2 });
    expect(r.ok).toBe(false);
    expect(codes(r.issues)).toEqual(["TOO_MANY_ELEMENTS"]);
  });
});

describe("planAddElements: supports, loads, combinations, units", () => {
  it("builds supports from types and codes, and replaces an existing support with a warning", () => {
    const base = portal();
    const r = plan({ supports: [{ node: "N1", type: "pinned" }, { node: "N2", code: "rrfrrr" }] }, base);
    expect(r.ok).toBe(true);
    expect(r.patch.update.supports).toEqual([{ id: base.supports[0]!.id, code: "FFFRRR" }]);
    expect(r.patch.add.supports[0]!.code).toBe("RRFRRR");
    expect(codes(r.issues)).toEqual(["SUPPORT_REPLACED"]);
  });
  it("a plain roller is restrained along the model's vertical axis", () => {
    const yUp = build({ nodes: [{ ref: "a", x: 0, y: 0, z: 0 }] }, blank({ verticalAxis: "Y" }));
    const r = plan({ supports: [{ node: "N1", type: "roller" }] }, yUp);
    expect(r.patch.add.supports[0]!.code).toBe("RFRRRR");
  });
  it("converts load units and positions given as distances", () => {
    const base = portal(); // F2 is the 6 m beam
    const r = plan(
      {
        units: { length: "mm", force: "kN" },
        loadCases: [{ name: "Snow" }],
        loads: [
          { kind: "frame_point", case: "Snow", frame: "F2", distance: 1500, fz: -10 },
          { kind: "frame_distributed", case: "snow", frame: "F2", w: [0, 0, -2], startDistance: 3000 },
          { kind: "nodal", case: "Snow", node: "N2", mx: 5 },
        ],
      },
      base,
    );
    expect(r.ok).toBe(true);
    const [pt, dist, nodal] = r.patch.add.loads;
    expect(pt).toMatchObject({ kind: "frame_point", position: 0.25, fz: -10_000 });
    expect(dist).toMatchObject({ kind: "frame_distributed", start: 0.5, end: 1, w1: { x: 0, y: 0, z: -2_000_000 }, w2: { x: 0, y: 0, z: -2_000_000 } });
    expect(nodal).toMatchObject({ kind: "nodal", mx: 5 }); // 5 kN·mm = 5 N·m
    expect(r.patch.add.loadCases[0]).toMatchObject({ name: "Snow", type: "snow", selfWeightFactor: null });
  });
  it("rejects a point load placed beyond the frame", () => {
    const r = plan({ loads: [{ kind: "frame_point", case: "Live", frame: "F2", distance: 7, fz: -1 }] }, portal());
    expect(codes(r.issues)).toEqual(["INVALID_LOAD_POSITION"]);
  });
  it("resolves combination factors by case name (new and existing)", () => {
    const base = portal();
    const r = plan({ loadCases: [{ name: "Wind" }], combinations: [{ name: "ULS2", kind: "ULS", factors: [{ case: "dead", factor: 1.35 }, { case: "Wind", factor: 1.5 }] }] }, base);
    expect(r.ok).toBe(true);
    const dead = base.loadCases.find((c) => c.name === "Dead")!;
    expect(r.patch.add.combinations[0]!.factors).toEqual([{ caseId: dead.id, factor: 1.35 }, { caseId: r.patch.add.loadCases[0]!.id, factor: 1.5 }]);
  });
  it("reads coordinates in the model's display units with units: 'display'", () => {
    const r = plan({ units: "display", nodes: [{ x: 10, y: 0, z: 0 }] }, blank({ displayUnits: { length: "ft", force: "kip" } }));
    expect(r.patch.add.nodes[0]!.x).toBeCloseTo(3.048, 12);
  });
  it("produces a model that validates cleanly", () => {
    expect(validateModel(portal())).toEqual([]);
  });
});

describe("ElementsInputSchema (the MCP input edge)", () => {
  const cases: [string, unknown, boolean][] = [
    ["node with at", { nodes: [{ at: [0, 0, 0] }] }, true],
    ["node with x, y, z", { nodes: [{ x: 0, y: 0, z: 0 }] }, true],
    ["node missing z", { nodes: [{ x: 0, y: 0 }] }, false],
    ["node with NaN", { nodes: [{ x: Number.NaN, y: 0, z: 0 }] }, false],
    ["explicit section missing J", { sections: [{ name: "S", A: 1, Iy: 1, Iz: 1 }] }, false],
    ["catalogue section", { sections: [{ catalogue: "IPE300" }] }, true],
    ["support without code or type", { supports: [{ node: "N1" }] }, false],
    ["support with bad code", { supports: [{ node: "N1", code: "FFF" }] }, false],
    ["point load without position", { loads: [{ kind: "frame_point", case: "L", frame: "F1", fz: -1 }] }, false],
    ["distributed load without w", { loads: [{ kind: "frame_distributed", case: "L", frame: "F1" }] }, false],
    ["combination with a factor map", { combinations: [{ name: "C", factors: { Dead: 1.35 } }] }, true],
    ["unknown length unit", { units: { length: "yd" } }, false],
  ];
  for (const [name, value, ok] of cases) it(`${ok ? "accepts" : "rejects"} ${name}`, () => expect(ElementsInputSchema.safeParse(value).success).toBe(ok));

  it("converts to JSON Schema with descriptions an LLM can read", () => {
    const js = JSON.stringify(z.toJSONSchema(ElementsInputSchema, { io: "input" }));
    // Descriptions were shortened for the tools/list budget (issue #12); the same facts, in fewer words.
    for (const phrase of ["Name for use in this call", "catalogue section", "Strong-axis", "Fraction of the length", "Factor per case"]) expect(js).toContain(phrase);
  });
});

describe("applying an add plan", () => {
  it("yields the rows the plan describes", () => {
    const base = portal();
    const r = plan({ nodes: [{ ref: "x", x: 12, y: 0, z: 4 }], frames: [{ i: "N3", j: "x", section: "IPE300", material: "S355" }] }, base);
    const after = applyPatch(base, r.patch);
    expect(after.nodes).toHaveLength(5);
    expect(after.frames).toHaveLength(4);
    expect(validateModel(after).filter((i) => i.severity === "error")).toEqual([]);
  });
});
