/**
 * Multi-member checks against hand methods: portal sway (slope-deflection), a pin-jointed Pratt
 * truss (method of joints + virtual work), self-weight totals, projected loads, combinations as
 * factored sums, local-axis rules.
 */
import { describe, expect, it } from "vitest";
import {
  analyze,
  buildingModel,
  frameLocalAxes,
  GRAVITY,
  type AnalysisFrame,
  type AnalysisLoad,
  type AnalysisModel,
  type AnalysisSuccess,
  type AnalyzeOptions,
} from "@/lib/structural/analysis";

const E = 210e9;
const G = 81e9;

function member(id: string, i: string, j: string, extra: Partial<AnalysisFrame> = {}): AnalysisFrame {
  return { id, i, j, E, G, A: 1e-2, Iz: 1e-4, Iy: 4e-5, J: 1e-6, density: 7850, roll: 0, ...extra };
}

function assertFinite(v: unknown, path = "out"): void {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`non-finite number at ${path}: ${v}`);
  } else if (Array.isArray(v)) v.forEach((x, i) => assertFinite(x, `${path}[${i}]`));
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) assertFinite(x, `${path}.${k}`);
}

function solve(m: AnalysisModel, opts?: AnalyzeOptions): AnalysisSuccess {
  const r = analyze(m, opts);
  if (!r.ok) throw new Error(`analysis failed: ${JSON.stringify(r.issues, null, 1)}`);
  assertFinite(r);
  for (const rs of [...r.cases, ...r.combinations]) expect(rs.equilibrium.relativeResidual).toBeLessThan(1e-9);
  return r;
}

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe("portal frame sway (fixed bases, lateral load H at beam level)", () => {
  const h = 4;
  const L = 6;
  const H = 25e3;
  const Ic = 1.2e-4;
  function portal(Ib: number): AnalysisModel {
    // axial deformation suppressed (huge A) so the slope-deflection solution is exact
    const big = { A: 100, density: 0 };
    return {
      nodes: [
        { id: "A", x: 0, y: 0, z: 0 },
        { id: "B", x: 0, y: 0, z: h },
        { id: "C", x: L, y: 0, z: h },
        { id: "D", x: L, y: 0, z: 0 },
      ],
      frames: [member("C1", "A", "B", { Iz: Ic, ...big }), member("BM", "B", "C", { Iz: Ib, ...big }), member("C2", "D", "C", { Iz: Ic, ...big })],
      supports: [
        { node: "A", code: "FFFFFF" },
        { node: "D", code: "FFFFFF" },
      ],
      verticalAxis: "Z",
      loadCases: [{ id: "H", name: "lateral" }],
      loads: [{ kind: "nodal", case: "H", node: "B", fx: H }],
      combinations: [],
    };
  }
  /** Slope-deflection: joint rotation θ (both joints) and sway Δ. */
  function slopeDeflection(Ib: number): { delta: number; theta: number; Mbase: number } {
    // joint: θ(4Ic/h + 6Ib/L) = 6IcΔ/h²  ;  storey shear: 2(12EIcΔ/h³ − 6EIcθ/h²) = H
    const ratio = (6 * Ic) / (h * h) / ((4 * Ic) / h + (6 * Ib) / L); // θ/Δ
    const delta = H / (2 * ((12 * E * Ic) / h ** 3 - ((6 * E * Ic) / (h * h)) * ratio));
    const theta = ratio * delta;
    const Mbase = (2 * E * Ic * theta) / h - (6 * E * Ic * delta) / (h * h);
    return { delta, theta, Mbase };
  }
  it.each([
    { name: "beam as stiff as the columns", Ib: Ic },
    { name: "beam 3× stiffer", Ib: 3 * Ic },
    { name: "flexible beam", Ib: Ic / 5 },
  ])("$name: sway, joint rotation and base moments match slope-deflection", ({ Ib }) => {
    const r = solve(portal(Ib));
    const c = r.cases[0]!;
    const sd = slopeDeflection(Ib);
    expect(rel(c.displacements[1]!.ux, sd.delta)).toBeLessThan(1e-5);
    expect(rel(c.displacements[2]!.ux, sd.delta)).toBeLessThan(1e-5);
    expect(rel(Math.abs(c.displacements[1]!.ry), sd.theta)).toBeLessThan(1e-5);
    expect(rel(Math.abs(c.reactions[0]!.my), Math.abs(sd.Mbase))).toBeLessThan(1e-5);
    expect(rel(c.reactions[0]!.fx + c.reactions[1]!.fx, -H)).toBeLessThan(1e-9);
  });
  it("a rigid beam gives Δ = H·h³/(24·E·Ic) and base moments H·h/4", () => {
    const c = solve(portal(Ic * 1e5)).cases[0]!;
    expect(rel(c.displacements[1]!.ux, (H * h ** 3) / (24 * E * Ic))).toBeLessThan(1e-4);
    expect(rel(Math.abs(c.reactions[0]!.my), (H * h) / 4)).toBeLessThan(1e-4);
    expect(rel(Math.abs(c.reactions[1]!.my), (H * h) / 4)).toBeLessThan(1e-4);
  });
});

describe("pin-jointed Pratt truss (method of joints)", () => {
  // 4 panels × 3 m, depth 3 m, loads P at the three interior bottom joints, pin + roller
  const P = 40e3;
  const A = 2e-3;
  const truss = (extraLoads: AnalysisLoad[] = []): AnalysisModel => {
    const nodes = [
      ...[0, 1, 2, 3, 4].map((k) => ({ id: `L${k}`, x: 3 * k, y: 0, z: 0 })),
      ...[1, 2, 3].map((k) => ({ id: `U${k}`, x: 3 * k, y: 0, z: 3 })),
    ];
    const bar = (id: string, i: string, j: string): AnalysisFrame =>
      member(id, i, j, { A, Iz: 1e-6, Iy: 1e-6, J: 1e-7, density: 0, releases: { i: "FFFFRR", j: "FFFRRR" } });
    return {
      nodes,
      frames: [
        bar("L0L1", "L0", "L1"),
        bar("L1L2", "L1", "L2"),
        bar("L2L3", "L2", "L3"),
        bar("L3L4", "L3", "L4"),
        bar("U1U2", "U1", "U2"),
        bar("U2U3", "U2", "U3"),
        bar("L1U1", "L1", "U1"),
        bar("L2U2", "L2", "U2"),
        bar("L3U3", "L3", "U3"),
        bar("L0U1", "L0", "U1"),
        bar("U1L2", "U1", "L2"),
        bar("U3L2", "U3", "L2"),
        bar("U3L4", "U3", "L4"),
      ],
      supports: [
        { node: "L0", code: "FFFRRR" },
        { node: "L4", code: "RFFRRR" },
      ],
      verticalAxis: "Z",
      loadCases: [{ id: "P", name: "panel loads" }],
      loads: [...["L1", "L2", "L3"].map((n) => ({ kind: "nodal" as const, case: "P", node: n, fz: -P })), ...extraLoads],
      combinations: [],
    };
  };
  const s2 = Math.SQRT2;
  const expected: [string, number][] = [
    ["L0L1", 1.5 * P],
    ["L1L2", 1.5 * P],
    ["L2L3", 1.5 * P],
    ["L3L4", 1.5 * P],
    ["U1U2", -2 * P],
    ["U2U3", -2 * P],
    ["L1U1", P],
    ["L2U2", 0],
    ["L3U3", P],
    ["L0U1", -1.5 * s2 * P],
    ["U1L2", 0.5 * s2 * P],
    ["U3L2", 0.5 * s2 * P],
    ["U3L4", -1.5 * s2 * P],
  ];
  const r = solve(truss());
  const c = r.cases[0]!;
  it.each(expected)("member %s: N = %d N (tension +), constant along the bar, no bending", (id, N) => {
    const k = r.frameAxes.findIndex((f) => f.frame === id);
    const mf = c.memberForces[k]!;
    expect(mf.i.N).toBeCloseTo(N, 4);
    expect(mf.j.N).toBeCloseTo(N, 4);
    for (const v of c.diagrams[k]!.Mz) expect(Math.abs(v)).toBeLessThan(1e-6);
    for (const v of c.diagrams[k]!.My) expect(Math.abs(v)).toBeLessThan(1e-6);
  });
  it("reactions 1.5P and midspan deflection Σ N·n·L/EA = (21 + 12√2)·P/EA (virtual work)", () => {
    expect(c.reactions[0]!.fz).toBeCloseTo(1.5 * P, 5);
    expect(c.reactions[1]!.fz).toBeCloseTo(1.5 * P, 5);
    const L2 = c.displacements.find((d) => d.node === "L2")!;
    expect(rel(-L2.uz, ((21 + 12 * s2) * P) / (E * A))).toBeLessThan(1e-9);
  });
  it("joint rotations and out-of-plane translations have no stiffness: restrained automatically, with a warning", () => {
    const w = r.warnings.find((x) => x.code === "NODE_DOF_AUTO_RESTRAINED");
    expect(w).toBeDefined();
    expect(w!.dofs).toEqual(expect.arrayContaining(["uy", "rx", "ry", "rz"]));
  });
  it("an out-of-plane load on a truss joint is reported as NODE_UNSTABLE_DOF (no stiffness there)", () => {
    const bad = analyze(truss([{ kind: "nodal", case: "P", node: "U2", fy: 1e3 }]));
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    const issue = bad.issues.find((i) => i.code === "NODE_UNSTABLE_DOF");
    expect(issue?.nodes).toEqual(["U2"]);
    expect(issue?.dofs).toEqual(["uy"]);
  });
});

describe("self-weight", () => {
  const frames = (): AnalysisFrame[] => [
    member("C1", "A", "B", { A: 1.5e-2 }),
    member("BM", "B", "C", { A: 8e-3, density: 2500 }),
    member("C2", "D", "C", { A: 1.5e-2 }),
    member("BR", "A", "C", { A: 3e-3 }), // inclined brace
  ];
  const h = 4;
  const L = 6;
  const lengths = { C1: h, BM: L, C2: h, BR: Math.hypot(h, L) };
  const expectedWeight = (f: number): number =>
    f * GRAVITY * (7850 * 1.5e-2 * lengths.C1 + 2500 * 8e-3 * lengths.BM + 7850 * 1.5e-2 * lengths.C2 + 7850 * 3e-3 * lengths.BR);
  it.each([
    { vertical: "Z" as const, factor: 1 },
    { vertical: "Z" as const, factor: 1.35 },
    { vertical: "Y" as const, factor: 1 },
  ])("total vertical reaction = ρ·A·g·ΣL × factor (vertical $vertical, factor $factor)", ({ vertical, factor }) => {
    const p = (x: number, up: number) => (vertical === "Z" ? { x, y: 0, z: up } : { x, y: up, z: 0 });
    const m: AnalysisModel = {
      nodes: [
        { id: "A", ...p(0, 0) },
        { id: "B", ...p(0, h) },
        { id: "C", ...p(L, h) },
        { id: "D", ...p(L, 0) },
      ],
      frames: frames(),
      supports: [
        { node: "A", code: "FFFFFF" },
        { node: "D", code: "FFFFFF" },
      ],
      verticalAxis: vertical,
      loadCases: [{ id: "SW", name: "self-weight", selfWeight: { factor } }],
      loads: [],
      combinations: [],
    };
    const c = solve(m).cases[0]!;
    const up = vertical === "Z" ? "fz" : "fy";
    const total = c.reactions.reduce((s, r) => s + r[up], 0);
    expect(rel(total, expectedWeight(factor))).toBeLessThan(1e-12);
    expect(rel(-c.equilibrium.appliedForce[vertical === "Z" ? 2 : 1], expectedWeight(factor))).toBeLessThan(1e-12);
  });
});

describe("projected distributed load on an inclined rafter", () => {
  const run = (projected: boolean): number => {
    const m: AnalysisModel = {
      nodes: [
        { id: "A", x: 0, y: 0, z: 0 },
        { id: "B", x: 4, y: 0, z: 3 },
      ],
      frames: [member("R", "A", "B", { density: 0 })],
      supports: [
        { node: "A", code: "FFFFRR" },
        { node: "B", code: "RFFRRR" },
      ],
      verticalAxis: "Z",
      loadCases: [{ id: "S", name: "snow" }],
      loads: [{ kind: "frame_distributed", case: "S", frame: "R", start: 0, end: 1, axes: "global", w1: [0, 0, -2e3], w2: [0, 0, -2e3], projected }],
      combinations: [],
    };
    const c = solve(m).cases[0]!;
    return c.reactions[0]!.fz + c.reactions[1]!.fz;
  };
  it("projected: w × horizontal projection (4 m); not projected: w × true length (5 m)", () => {
    expect(rel(run(true), 2e3 * 4)).toBeLessThan(1e-12);
    expect(rel(run(false), 2e3 * 5)).toBeLessThan(1e-12);
  });
});

describe("combinations are factored sums of cases", () => {
  const base = buildingModel(2, 2, 2);
  const r = solve(base);
  const D = r.cases.find((c) => c.id === "D")!;
  const W = r.cases.find((c) => c.id === "W")!;
  const U = r.combinations[0]!;
  it("displacements, reactions, end forces and diagrams of ULS = 1.35 D + 1.5 W", () => {
    expect(U.id).toBe("ULS");
    U.displacements.forEach((d, i) => {
      for (const k of ["ux", "uy", "uz", "rx", "ry", "rz"] as const) expect(d[k]).toBeCloseTo(1.35 * D.displacements[i]![k] + 1.5 * W.displacements[i]![k], 12);
    });
    U.reactions.forEach((rr, i) => {
      for (const k of ["fx", "fy", "fz", "mx", "my", "mz"] as const) expect(rr[k]).toBeCloseTo(1.35 * D.reactions[i]![k] + 1.5 * W.reactions[i]![k], 5);
    });
    U.memberForces.forEach((mf, i) => expect(mf.i.Mz).toBeCloseTo(1.35 * D.memberForces[i]!.i.Mz + 1.5 * W.memberForces[i]!.i.Mz, 5));
    U.diagrams.forEach((dg, i) => dg.My.forEach((v, k) => expect(v).toBeCloseTo(1.35 * D.diagrams[i]!.My[k]! + 1.5 * W.diagrams[i]!.My[k]!, 5)));
  });
  it("equal a single case carrying the factored loads (independent solve)", () => {
    const factored: AnalysisModel = {
      ...base,
      loadCases: [{ id: "F", name: "factored", selfWeight: { factor: 1.35 } }],
      loads: base.loads.map((l) => {
        const f = l.case === "D" ? 1.35 : 1.5;
        if (l.kind === "nodal") return { ...l, case: "F", fx: (l.fx ?? 0) * f, fy: (l.fy ?? 0) * f, fz: (l.fz ?? 0) * f };
        if (l.kind === "frame_distributed")
          return { ...l, case: "F", w1: l.w1.map((v) => v * f) as [number, number, number], w2: l.w2.map((v) => v * f) as [number, number, number] };
        return { ...l, case: "F" };
      }),
      combinations: [],
    };
    const f = solve(factored).cases[0]!;
    const scale = Math.max(...U.displacements.map((d) => Math.abs(d.ux) + Math.abs(d.uz)));
    f.displacements.forEach((d, i) => {
      expect(Math.abs(d.ux - U.displacements[i]!.ux) / scale).toBeLessThan(1e-10);
      expect(Math.abs(d.uz - U.displacements[i]!.uz) / scale).toBeLessThan(1e-10);
    });
    expect(rel(f.summary.maxM!.value, U.summary.maxM!.value)).toBeLessThan(1e-9);
  });
});

describe("local axes", () => {
  it.each([
    { name: "beam along X, Z up", i: [0, 0, 0], j: [5, 0, 0], vertical: "Z" as const, roll: 0, y: [0, 0, 1], z: [0, -1, 0] },
    { name: "column along Z: y = +X", i: [0, 0, 0], j: [0, 0, 3], vertical: "Z" as const, roll: 0, y: [1, 0, 0], z: [0, 1, 0] },
    { name: "column downward along −Z: y = +X", i: [0, 0, 3], j: [0, 0, 0], vertical: "Z" as const, roll: 0, y: [1, 0, 0], z: [0, -1, 0] },
    { name: "beam along X, roll 90°", i: [0, 0, 0], j: [5, 0, 0], vertical: "Z" as const, roll: 90, y: [0, -1, 0], z: [0, 0, -1] },
    { name: "beam along X, Y up", i: [0, 0, 0], j: [5, 0, 0], vertical: "Y" as const, roll: 0, y: [0, 1, 0], z: [0, 0, 1] },
    { name: "inclined rafter keeps y in the vertical plane, pointing up", i: [0, 0, 0], j: [4, 0, 3], vertical: "Z" as const, roll: 0, y: [-0.6, 0, 0.8], z: [0, -1, 0] },
  ])("$name", (row) => {
    const ax = frameLocalAxes({ roll: row.roll }, { x: row.i[0]!, y: row.i[1]!, z: row.i[2]! }, { x: row.j[0]!, y: row.j[1]!, z: row.j[2]! }, row.vertical)!;
    ax.y.forEach((v, k) => expect(v).toBeCloseTo(row.y[k]!, 12));
    ax.z.forEach((v, k) => expect(v).toBeCloseTo(row.z[k]!, 12));
  });
  it("an orientation vector overrides the default reference (local y = its part perpendicular to x)", () => {
    const ax = frameLocalAxes({ roll: 0, orientation: { x: 1, y: 1, z: 0 } }, { x: 0, y: 0, z: 0 }, { x: 0, y: 0, z: 3 }, "Z")!;
    expect(ax.y[0]).toBeCloseTo(Math.SQRT1_2, 12);
    expect(ax.y[1]).toBeCloseTo(Math.SQRT1_2, 12);
  });
});
