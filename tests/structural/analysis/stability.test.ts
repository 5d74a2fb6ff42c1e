/**
 * Mechanisms, missing supports, unconnected nodes and invalid input: structured issues, never
 * NaN and never a throw.
 */
import { describe, expect, it } from "vitest";
import { analyze, type AnalysisFrame, type AnalysisModel, type AnalysisOutput, type SolverName } from "@/lib/structural/analysis";

const member = (id: string, i: string, j: string, extra: Partial<AnalysisFrame> = {}): AnalysisFrame => ({
  id,
  i,
  j,
  E: 210e9,
  G: 81e9,
  A: 1e-2,
  Iz: 1e-4,
  Iy: 4e-5,
  J: 1e-6,
  density: 7850,
  roll: 0,
  ...extra,
});

const base = (m: Partial<AnalysisModel>): AnalysisModel => ({
  nodes: [],
  frames: [],
  supports: [],
  verticalAxis: "Z",
  loadCases: [{ id: "D", name: "dead", selfWeight: { factor: 1 } }],
  loads: [],
  combinations: [],
  ...m,
});

/** A failure that names what is wrong, with no NaN anywhere in the JSON. */
function expectFailure(r: AnalysisOutput): Extract<AnalysisOutput, { ok: false }> {
  expect(r.ok).toBe(false);
  const json = JSON.stringify(r);
  expect(json).not.toMatch(/NaN|Infinity|null/);
  if (r.ok) throw new Error("unreachable");
  for (const i of r.issues) {
    expect(i.message.length).toBeGreaterThan(10);
    expect(i.hint.length).toBeGreaterThan(10);
  }
  return r;
}

const SOLVERS: SolverName[] = ["sparse", "skyline"];

describe.each(SOLVERS)("mechanisms (%s solver)", (solver) => {
  it("a beam on two pins with no torsional restraint: STRUCT_MECHANISM in rx naming both nodes", () => {
    const r = expectFailure(
      analyze(
        base({
          nodes: [
            { id: "A", x: 0, y: 0, z: 0 },
            { id: "M", x: 3, y: 0, z: 0 },
            { id: "B", x: 6, y: 0, z: 0 },
          ],
          frames: [member("F1", "A", "M"), member("F2", "M", "B")],
          supports: [
            { node: "A", code: "FFFRRR" },
            { node: "B", code: "RFFRRR" },
          ],
        }),
        { solver },
      ),
    );
    expect(r.issues).toHaveLength(1);
    const i = r.issues[0]!;
    expect(i.code).toBe("STRUCT_MECHANISM");
    expect(i.dofs).toEqual(["rx"]);
    expect([...i.nodes].sort()).toEqual(["A", "B", "M"]);
    expect(i.hint).toMatch(/torsion|rx/);
  });

  it("a portal pinned at the bases with hinges at both beam ends sways: STRUCT_MECHANISM with ux", () => {
    const r = expectFailure(
      analyze(
        base({
          nodes: [
            { id: "A", x: 0, y: 0, z: 0 },
            { id: "B", x: 0, y: 0, z: 4 },
            { id: "C", x: 6, y: 0, z: 4 },
            { id: "D", x: 6, y: 0, z: 0 },
          ],
          frames: [
            member("C1", "A", "B", { releases: { i: "FFFFFR", j: "FFFFFF" } }),
            member("BM", "B", "C", { releases: { i: "FFFFFR", j: "FFFFFR" } }),
            member("C2", "D", "C", { releases: { i: "FFFFFR", j: "FFFFFF" } }),
          ],
          supports: [
            { node: "A", code: "FFFFFF" },
            { node: "D", code: "FFFFFF" },
          ],
          loads: [{ kind: "nodal", case: "D", node: "B", fx: 1e3 }],
        }),
        { solver },
      ),
    );
    const mech = r.issues.find((i) => i.code === "STRUCT_MECHANISM");
    expect(mech).toBeDefined();
    expect(mech!.dofs).toContain("ux");
    expect(mech!.nodes).toEqual(expect.arrayContaining(["B", "C"]));
  });

  it("a node between two collinear pin-ended bars is unstable across them: NODE_UNSTABLE_DOF at that node", () => {
    const truss = { releases: { i: "FFFFRR", j: "FFFRRR" } };
    const r = expectFailure(
      analyze(
        base({
          nodes: [
            { id: "A", x: 0, y: 0, z: 0 },
            { id: "C", x: 3, y: 3, z: 0 },
            { id: "B", x: 6, y: 6, z: 0 },
          ],
          frames: [member("AC", "A", "C", truss), member("CB", "C", "B", truss)],
          supports: [
            { node: "A", code: "FFFRRR" },
            { node: "B", code: "FFFRRR" },
          ],
          loadCases: [{ id: "D", name: "d" }],
          loads: [{ kind: "nodal", case: "D", node: "C", fx: 1e3, fy: 1e3 }],
        }),
        { solver },
      ),
    );
    expect(r.issues[0]!.code).toBe("NODE_UNSTABLE_DOF");
    expect(r.issues[0]!.nodes).toEqual(["C"]);
    expect(r.issues[0]!.dofs).toEqual(["ux", "uy"]);
  });
});

describe("supports and connectivity", () => {
  const beam = {
    nodes: [
      { id: "A", x: 0, y: 0, z: 0 },
      { id: "B", x: 5, y: 0, z: 0 },
    ],
    frames: [member("F", "A", "B")],
  };
  it("no supports at all: STRUCT_NO_SUPPORT", () => {
    const r = expectFailure(analyze(base(beam)));
    expect(r.issues.map((i) => i.code)).toEqual(["STRUCT_NO_SUPPORT"]);
    expect(r.issues[0]!.nodes).toEqual(["A", "B"]);
  });
  it("an unsupported second part is named on its own", () => {
    const r = expectFailure(
      analyze(
        base({
          nodes: [...beam.nodes, { id: "P", x: 0, y: 5, z: 0 }, { id: "Q", x: 5, y: 5, z: 0 }],
          frames: [...beam.frames, member("G", "P", "Q")],
          supports: [{ node: "A", code: "FFFFFF" }],
        }),
      ),
    );
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]!.code).toBe("STRUCT_NO_SUPPORT");
    expect(r.issues[0]!.nodes).toEqual(["P", "Q"]);
  });
  it("an unconnected, unloaded node is left out with a NODE_UNCONNECTED warning", () => {
    const r = analyze(base({ ...beam, nodes: [...beam.nodes, { id: "X", x: 9, y: 9, z: 9 }], supports: [{ node: "A", code: "FFFFFF" }] }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings.map((w) => w.code)).toContain("NODE_UNCONNECTED");
    expect(r.cases[0]!.displacements[2]).toEqual({ node: "X", ux: 0, uy: 0, uz: 0, rx: 0, ry: 0, rz: 0 });
    expect(r.cases[0]!.equilibrium.relativeResidual).toBeLessThan(1e-12);
  });
  it("an unconnected node that carries a load is an error", () => {
    const r = expectFailure(
      analyze(
        base({
          ...beam,
          nodes: [...beam.nodes, { id: "X", x: 9, y: 9, z: 9 }],
          supports: [{ node: "A", code: "FFFFFF" }],
          loads: [{ kind: "nodal", case: "D", node: "X", fz: -1 }],
        }),
      ),
    );
    expect(r.issues[0]!.code).toBe("NODE_UNSTABLE_DOF");
    expect(r.issues[0]!.nodes).toEqual(["X"]);
    expect(r.issues[0]!.dofs).toEqual(["uz"]);
  });
  it("a node whose members are all moment-released, loaded by a moment: NODE_UNSTABLE_DOF", () => {
    const r = expectFailure(
      analyze(
        base({
          nodes: [
            { id: "A", x: 0, y: 0, z: 0 },
            { id: "B", x: 5, y: 0, z: 0 },
          ],
          frames: [member("F", "A", "B", { releases: { i: "FFFFFF", j: "FFFFRR" } })],
          supports: [
            { node: "A", code: "FFFFFF" },
            { node: "B", code: "FFFRRR" },
          ],
          loads: [{ kind: "nodal", case: "D", node: "B", my: 5e3 }],
        }),
      ),
    );
    expect(r.issues[0]!.code).toBe("NODE_UNSTABLE_DOF");
    expect(r.issues[0]!.nodes).toEqual(["B"]);
    expect(r.issues[0]!.dofs).toEqual(["ry"]);
  });
});

describe("invalid input is reported, not thrown", () => {
  const ok = base({
    nodes: [
      { id: "A", x: 0, y: 0, z: 0 },
      { id: "B", x: 5, y: 0, z: 0 },
    ],
    frames: [member("F", "A", "B")],
    supports: [{ node: "A", code: "FFFFFF" }],
  });
  it.each([
    { name: "empty model", m: base({}), code: "MODEL_EMPTY" },
    { name: "missing node", m: { ...ok, frames: [member("F", "A", "Z")] }, code: "REF_MISSING" },
    { name: "zero length", m: { ...ok, frames: [member("F", "A", "A")] }, code: "FRAME_ZERO_LENGTH" },
    { name: "negative E", m: { ...ok, frames: [member("F", "A", "B", { E: -1 })] }, code: "PROP_INVALID" },
    { name: "NaN inertia", m: { ...ok, frames: [member("F", "A", "B", { Iz: Number.NaN })] }, code: "PROP_INVALID" },
    { name: "bad support code", m: { ...ok, supports: [{ node: "A", code: "FFF" }] }, code: "CODE_INVALID" },
    { name: "bad release code", m: { ...ok, frames: [member("F", "A", "B", { releases: { i: "FFXFFF", j: "FFFFFF" } })] }, code: "CODE_INVALID" },
    { name: "duplicate node id", m: { ...ok, nodes: [...ok.nodes, { id: "A", x: 1, y: 1, z: 1 }] }, code: "DUPLICATE_ID" },
    { name: "load on a missing case", m: { ...ok, loads: [{ kind: "nodal" as const, case: "nope", node: "B", fz: 1 }] }, code: "REF_MISSING" },
    { name: "position outside 0..1", m: { ...ok, loads: [{ kind: "frame_point" as const, case: "D", frame: "F", position: 1.5, axes: "global" as const, fz: 1 }] }, code: "LOAD_INVALID" },
    { name: "distributed load with end ≤ start", m: { ...ok, loads: [{ kind: "frame_distributed" as const, case: "D", frame: "F", start: 0.6, end: 0.4, axes: "local" as const, w1: [0, 1, 0] as [number, number, number], w2: [0, 1, 0] as [number, number, number] }] }, code: "LOAD_INVALID" },
    { name: "combination of a missing case", m: { ...ok, combinations: [{ id: "C", name: "c", factors: { X: 1 } }] }, code: "REF_MISSING" },
  ])("$name → $code", ({ m, code }) => {
    const r = expectFailure(analyze(m as AnalysisModel));
    expect(r.issues.map((i) => i.code)).toContain(code);
  });
});

describe("many issues of one kind", () => {
  it("lists 25 per code, then one note with the count of the rest, in the public issue shape", () => {
    const nodes = [{ id: "A", x: 0, y: 0, z: 0 }, { id: "B", x: 1, y: 0, z: 0 }];
    const frames = Array.from({ length: 30 }, (_, k) => member(`F${k}`, "A", `missing${k}`));
    const r = expectFailure(analyze(base({ nodes, frames: [member("AB", "A", "B"), ...frames], supports: [{ node: "A", code: "FFFFFF" }] })));
    const missing = r.issues.filter((i) => i.code === "REF_MISSING");
    expect(missing).toHaveLength(26);
    expect(missing[0]).toEqual({
      code: "REF_MISSING",
      severity: "error",
      nodes: ["missing0"],
      frames: ["F0"],
      dofs: [],
      message: 'Frame "F0" refers to missing node(s) "missing0".',
      hint: "Create the node(s) or fix the frame's i/j.",
    });
    expect(Object.keys(missing[0]!)).toEqual(["code", "severity", "nodes", "frames", "dofs", "message", "hint"]);
    expect(missing[25]).toEqual({ code: "REF_MISSING", severity: "error", nodes: [], frames: [], dofs: [], message: "5 more issue(s) of this kind were not listed.", hint: "Create the node(s) or fix the frame's i/j." });
  });
});
