/**
 * Closed-form single-member checks: cantilevers (every axis, roll), simply supported beams under
 * full, partial and triangular loads, fixed–fixed beams, and end releases (propped cantilever).
 * Every model also passes the equilibrium check and contains no non-finite number.
 */
import { describe, expect, it } from "vitest";
import {
  analyze,
  type AnalysisFrame,
  type AnalysisLoad,
  type AnalysisModel,
  type AnalysisOutput,
  type AnalysisSuccess,
  type AnalyzeOptions,
} from "@/lib/structural/analysis";

const E = 200e9;
const G = 77e9;
const SEC = { A: 1.2e-2, Iz: 8.0e-5, Iy: 3.0e-5, J: 1.5e-6 };

function member(id: string, i: string, j: string, extra: Partial<AnalysisFrame> = {}): AnalysisFrame {
  return { id, i, j, E, G, ...SEC, density: 0, roll: 0, ...extra };
}

function model(m: Partial<AnalysisModel> & Pick<AnalysisModel, "nodes" | "frames">): AnalysisModel {
  return { supports: [], verticalAxis: "Z", loadCases: [{ id: "L", name: "Load" }], loads: [], combinations: [], ...m };
}

/** Every number in the output is finite. */
function assertFinite(v: unknown, path = "out"): void {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`non-finite number at ${path}: ${v}`);
  } else if (Array.isArray(v)) v.forEach((x, i) => assertFinite(x, `${path}[${i}]`));
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) assertFinite(x, `${path}.${k}`);
}

function solve(m: AnalysisModel, opts?: AnalyzeOptions): AnalysisSuccess {
  const r: AnalysisOutput = analyze(m, opts);
  if (!r.ok) throw new Error(`analysis failed: ${JSON.stringify(r.issues, null, 1)}`);
  assertFinite(r);
  for (const rs of [...r.cases, ...r.combinations]) expect(rs.equilibrium.relativeResidual).toBeLessThan(1e-9);
  return r;
}

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe("cantilever with a tip load: δ = PL³/3EI, θ = PL²/2EI, M = PL, R = P", () => {
  const L = 4;
  const P = 12e3;
  type Row = {
    name: string;
    vertical: "Z" | "Y";
    tip: [number, number, number];
    roll?: number;
    load: { fx?: number; fy?: number; fz?: number };
    /** global displacement component along the load and the inertia that resists it */
    dof: "ux" | "uy" | "uz";
    I: "Iz" | "Iy";
    /** local moment component at the root */
    moment: "Mz" | "My";
  };
  const rows: Row[] = [
    { name: "beam along X, load −Z (strong axis)", vertical: "Z", tip: [L, 0, 0], load: { fz: -P }, dof: "uz", I: "Iz", moment: "Mz" },
    { name: "beam along X, load +Y (weak axis)", vertical: "Z", tip: [L, 0, 0], load: { fy: P }, dof: "uy", I: "Iy", moment: "My" },
    { name: "beam along X, roll 90°, load −Z (axes swapped: weak)", vertical: "Z", tip: [L, 0, 0], roll: 90, load: { fz: -P }, dof: "uz", I: "Iy", moment: "My" },
    { name: "beam along X, roll 90°, load +Y (axes swapped: strong)", vertical: "Z", tip: [L, 0, 0], roll: 90, load: { fy: P }, dof: "uy", I: "Iz", moment: "Mz" },
    { name: "beam along Y, load −Z (strong axis)", vertical: "Z", tip: [0, L, 0], load: { fz: -P }, dof: "uz", I: "Iz", moment: "Mz" },
    { name: "beam along −X, load −Z", vertical: "Z", tip: [-L, 0, 0], load: { fz: -P }, dof: "uz", I: "Iz", moment: "Mz" },
    { name: "vertical column (Z), load +X (local y = +X: strong)", vertical: "Z", tip: [0, 0, L], load: { fx: P }, dof: "ux", I: "Iz", moment: "Mz" },
    { name: "vertical column (Z), load +Y (weak)", vertical: "Z", tip: [0, 0, L], load: { fy: P }, dof: "uy", I: "Iy", moment: "My" },
    { name: "Y-up model, beam along X, load −Y (strong)", vertical: "Y", tip: [L, 0, 0], load: { fy: -P }, dof: "uy", I: "Iz", moment: "Mz" },
    { name: "Y-up model, column along Y, load +Z (weak)", vertical: "Y", tip: [0, L, 0], load: { fz: P }, dof: "uz", I: "Iy", moment: "My" },
  ];
  it.each(rows)("$name", (row) => {
    const m = model({
      verticalAxis: row.vertical,
      nodes: [
        { id: "A", x: 0, y: 0, z: 0 },
        { id: "B", x: row.tip[0], y: row.tip[1], z: row.tip[2] },
      ],
      frames: [member("F", "A", "B", { roll: row.roll ?? 0 })],
      supports: [{ node: "A", code: "FFFFFF" }],
      loads: [{ kind: "nodal", case: "L", node: "B", ...row.load }],
    });
    for (const solver of ["sparse", "skyline"] as const) {
      const r = solve(m, { solver });
      const c = r.cases[0]!;
      const tip = c.displacements[1]!;
      const Pl = (row.load.fx ?? 0) + (row.load.fy ?? 0) + (row.load.fz ?? 0);
      const I = SEC[row.I];
      expect(rel(tip[row.dof], (Pl * L ** 3) / (3 * E * I))).toBeLessThan(1e-10);
      const rot = Math.hypot(tip.rx, tip.ry, tip.rz);
      expect(rel(rot, (P * L * L) / (2 * E * I))).toBeLessThan(1e-10);
      // only the loaded direction moves
      for (const d of ["ux", "uy", "uz"] as const) if (d !== row.dof) expect(Math.abs(tip[d])).toBeLessThan(1e-12);
      const R = c.reactions[0]!;
      expect(R.fx + (row.load.fx ?? 0)).toBeCloseTo(0, 6);
      expect(R.fy + (row.load.fy ?? 0)).toBeCloseTo(0, 6);
      expect(R.fz + (row.load.fz ?? 0)).toBeCloseTo(0, 6);
      expect(rel(Math.hypot(R.mx, R.my, R.mz), P * L)).toBeLessThan(1e-10);
      const mf = c.memberForces[0]!;
      expect(rel(Math.abs(mf.i[row.moment]), P * L)).toBeLessThan(1e-10);
      expect(Math.abs(mf.j[row.moment])).toBeLessThan(1e-6);
      const other = row.moment === "Mz" ? "My" : "Mz";
      expect(Math.abs(mf.i[other])).toBeLessThan(1e-6);
      // diagram: linear moment, zero at the tip; deflection at the tip equals the node's
      const dg = c.diagrams[0]!;
      const mid = dg[row.moment][5]!;
      expect(rel(Math.abs(mid), (P * L) / 2)).toBeLessThan(1e-10);
      const localTip = Math.hypot(dg.uy[10]!, dg.uz[10]!);
      expect(rel(localTip, Math.abs(tip[row.dof]))).toBeLessThan(1e-9);
      // midspan: δ(L/2) = 5PL³/48EI (interior points depend on the end rotations too)
      const localMid = Math.hypot(dg.uy[5]!, dg.uz[5]!);
      expect(rel(localMid, (5 * P * L ** 3) / (48 * E * I))).toBeLessThan(1e-9);
    }
  });

  it("sign convention: a cantilever along +X loaded downward hogs (Mz(0) = −PL, Vy = +P on the positive face)", () => {
    const r = solve(
      model({
        nodes: [
          { id: "A", x: 0, y: 0, z: 0 },
          { id: "B", x: L, y: 0, z: 0 },
        ],
        frames: [member("F", "A", "B")],
        supports: [{ node: "A", code: "FFFFFF" }],
        loads: [{ kind: "nodal", case: "L", node: "B", fz: -P }],
      }),
    );
    const mf = r.cases[0]!.memberForces[0]!;
    expect(mf.i.Mz).toBeCloseTo(-P * L, 6);
    expect(mf.i.Vy).toBeCloseTo(-P, 6);
    expect(mf.j.Vy).toBeCloseTo(-P, 6);
    expect(r.cases[0]!.diagrams[0]!.uy[10]).toBeCloseTo((-P * L ** 3) / (3 * E * SEC.Iz), 12);
  });
});

/** Simply supported beam along X (pin with torsion restraint at A, roller at B). */
function ssBeam(L: number, loads: AnalysisLoad[], extra: Partial<AnalysisModel> = {}): AnalysisModel {
  return model({
    nodes: [
      { id: "A", x: 0, y: 0, z: 0 },
      { id: "B", x: L, y: 0, z: 0 },
    ],
    frames: [member("F", "A", "B")],
    supports: [
      { node: "A", code: "FFFFRR" },
      { node: "B", code: "RFFRRR" },
    ],
    loads,
    ...extra,
  });
}

describe("simply supported beam", () => {
  const L = 6;
  const w = 10e3;
  const EI = E * SEC.Iz;

  it("full UDL: δmid = 5wL⁴/384EI, Mmax = wL²/8 (sagging +), reactions wL/2", () => {
    for (const solver of ["sparse", "skyline"] as const) {
      const r = solve(ssBeam(L, [{ kind: "frame_distributed", case: "L", frame: "F", start: 0, end: 1, axes: "global", w1: [0, 0, -w], w2: [0, 0, -w] }]), { solver });
      const c = r.cases[0]!;
      const dg = c.diagrams[0]!;
      expect(dg.x[5]).toBeCloseTo(L / 2, 12);
      expect(rel(dg.uy[5]!, (-5 * w * L ** 4) / (384 * EI))).toBeLessThan(1e-9);
      expect(rel(dg.Mz[5]!, (w * L * L) / 8)).toBeLessThan(1e-10);
      expect(rel(c.summary.maxM!.value, (w * L * L) / 8)).toBeLessThan(1e-10);
      expect(rel(c.reactions[0]!.fz, (w * L) / 2)).toBeLessThan(1e-10);
      expect(rel(c.reactions[1]!.fz, (w * L) / 2)).toBeLessThan(1e-10);
      // shear: Vy on the positive face = −(wL/2 − w·x)
      expect(dg.Vy[0]).toBeCloseTo((-w * L) / 2, 6);
      expect(dg.Vy[10]).toBeCloseTo((w * L) / 2, 6);
      expect(Math.abs(dg.Mz[0]!)).toBeLessThan(1e-6);
      expect(Math.abs(dg.Mz[10]!)).toBeLessThan(1e-6);
      // end rotations wL³/24EI
      expect(rel(Math.abs(c.displacements[0]!.ry), (w * L ** 3) / (24 * EI))).toBeLessThan(1e-10);
    }
  });

  it("the same beam split at midspan gives the midspan node deflection 5wL⁴/384EI", () => {
    const m = model({
      nodes: [
        { id: "A", x: 0, y: 0, z: 0 },
        { id: "M", x: L / 2, y: 0, z: 0 },
        { id: "B", x: L, y: 0, z: 0 },
      ],
      frames: [member("F1", "A", "M"), member("F2", "M", "B")],
      supports: [
        { node: "A", code: "FFFFRR" },
        { node: "B", code: "RFFRRR" },
      ],
      loads: ["F1", "F2"].map((f) => ({ kind: "frame_distributed" as const, case: "L", frame: f, start: 0, end: 1, axes: "local" as const, w1: [0, -w, 0] as [number, number, number], w2: [0, -w, 0] as [number, number, number] })),
    });
    const r = solve(m);
    expect(rel(r.cases[0]!.displacements[1]!.uz, (-5 * w * L ** 4) / (384 * EI))).toBeLessThan(1e-10);
    expect(rel(r.cases[0]!.memberForces[0]!.j.Mz, (w * L * L) / 8)).toBeLessThan(1e-10);
  });

  type Row = { name: string; start: number; end: number; w1: number; w2: number; total: number; RA: number; RB: number; station: number; M: number; delta: number };
  const rows: Row[] = [
    // UDL on the left half: R_A = 3wL/8, R_B = wL/8, M(3L/8) = 9wL²/128 (the maximum), δmid = 5wL⁴/768EI
    { name: "UDL on the left half", start: 0, end: 0.5, w1: w, w2: w, total: (w * L) / 2, RA: (3 * w * L) / 8, RB: (w * L) / 8, station: 3, M: (9 * w * L * L) / 128, delta: (5 * w * L ** 4) / (768 * EI) },
    // UDL on the right half mirrors it
    { name: "UDL on the right half", start: 0.5, end: 1, w1: w, w2: w, total: (w * L) / 2, RA: (w * L) / 8, RB: (3 * w * L) / 8, station: 5, M: (9 * w * L * L) / 128, delta: (5 * w * L ** 4) / (768 * EI) },
    // triangle 0 → w0: R_A = w0L/6, R_B = w0L/3, M(L/2) = w0L²/16, δmid = 5w0L⁴/768EI
    { name: "triangular load 0 → w", start: 0, end: 1, w1: 0, w2: w, total: (w * L) / 2, RA: (w * L) / 6, RB: (w * L) / 3, station: 4, M: (w * L * L) / 16, delta: (5 * w * L ** 4) / (768 * EI) },
    // trapezoid w → 2w = UDL w + triangle: R_A = wL/2 + wL/6, M(L/2) = wL²/8 + wL²/16
    { name: "trapezoidal load w → 2w", start: 0, end: 1, w1: w, w2: 2 * w, total: 1.5 * w * L, RA: (w * L) / 2 + (w * L) / 6, RB: (w * L) / 2 + (w * L) / 3, station: 4, M: (w * L * L) / 8 + (w * L * L) / 16, delta: (5 * w * L ** 4) / (384 * EI) + (5 * w * L ** 4) / (768 * EI) },
    // partial trapezoid on [L/4, 3L/4] from w to 3w (resultant 2w·L/2 = wL at x̄ = L/4 + (L/2)·(w + 2·3w)/(3·4w) = 13L/24)
    { name: "partial trapezoid w → 3w on [L/4, 3L/4]", start: 0.25, end: 0.75, w1: w, w2: 3 * w, total: w * L, RA: (w * L * (1 - 13 / 24)), RB: (w * L * 13) / 24, station: -1, M: NaN, delta: NaN },
  ];
  it.each(rows)("$name: resultant, reactions and the hand value", (row) => {
    const r = solve(ssBeam(L, [{ kind: "frame_distributed", case: "L", frame: "F", start: row.start, end: row.end, axes: "global", w1: [0, 0, -row.w1], w2: [0, 0, -row.w2] }]), { stations: 9 });
    const c = r.cases[0]!;
    expect(rel(-c.equilibrium.appliedForce[2], row.total)).toBeLessThan(1e-12);
    expect(rel(c.reactions[0]!.fz + c.reactions[1]!.fz, row.total)).toBeLessThan(1e-10);
    expect(rel(c.reactions[0]!.fz, row.RA)).toBeLessThan(1e-10);
    expect(rel(c.reactions[1]!.fz, row.RB)).toBeLessThan(1e-10);
    if (row.station >= 0) {
      const dg = c.diagrams[0]!;
      expect(rel(dg.Mz[row.station]!, row.M)).toBeLessThan(1e-10);
      expect(rel(-dg.uy[4]!, row.delta)).toBeLessThan(1e-9);
    }
  });

  it("a point load given in local axes equals the same load in global axes", () => {
    const a = solve(ssBeam(L, [{ kind: "frame_point", case: "L", frame: "F", position: 0.3, axes: "local", fy: -5e3 }]));
    const b = solve(ssBeam(L, [{ kind: "frame_point", case: "L", frame: "F", position: 0.3, axes: "global", fz: -5e3 }]));
    // P at a: R_A = P(L − a)/L
    expect(rel(a.cases[0]!.reactions[0]!.fz, 5e3 * 0.7)).toBeLessThan(1e-10);
    expect(a.cases[0]!.diagrams[0]!.Mz).toEqual(b.cases[0]!.diagrams[0]!.Mz);
    // the point-load position appears twice (left and right values); shear jumps by P there
    const dg = a.cases[0]!.diagrams[0]!;
    const k = dg.x.findIndex((x) => Math.abs(x - 0.3 * L) < 1e-9);
    expect(dg.x[k + 1]).toBeCloseTo(0.3 * L, 12);
    expect(dg.Vy[k + 1]! - dg.Vy[k]!).toBeCloseTo(5e3, 6);
    expect(rel(dg.Mz[k]!, (5e3 * 0.7 * 0.3 * L * L) / L)).toBeLessThan(1e-10);
  });
});

describe("fixed–fixed beam, point load P at midspan: end moments PL/8", () => {
  const L = 5;
  const P = 20e3;
  const EI = E * SEC.Iz;
  const rows = [
    { name: "member point load", split: false },
    { name: "nodal load on a midspan node", split: true },
  ];
  it.each(rows)("$name", ({ split }) => {
    const m = split
      ? model({
          nodes: [
            { id: "A", x: 0, y: 0, z: 0 },
            { id: "M", x: L / 2, y: 0, z: 0 },
            { id: "B", x: L, y: 0, z: 0 },
          ],
          frames: [member("F1", "A", "M"), member("F2", "M", "B")],
          supports: [
            { node: "A", code: "FFFFFF" },
            { node: "B", code: "FFFFFF" },
          ],
          loads: [{ kind: "nodal", case: "L", node: "M", fz: -P }],
        })
      : model({
          nodes: [
            { id: "A", x: 0, y: 0, z: 0 },
            { id: "B", x: L, y: 0, z: 0 },
          ],
          frames: [member("F", "A", "B")],
          supports: [
            { node: "A", code: "FFFFFF" },
            { node: "B", code: "FFFFFF" },
          ],
          loads: [{ kind: "frame_point", case: "L", frame: "F", position: 0.5, axes: "global", fz: -P }],
        });
    const r = solve(m);
    const c = r.cases[0]!;
    const first = c.memberForces[0]!;
    const last = c.memberForces[c.memberForces.length - 1]!;
    expect(rel(first.i.Mz, (-P * L) / 8)).toBeLessThan(1e-10);
    expect(rel(last.j.Mz, (-P * L) / 8)).toBeLessThan(1e-10);
    expect(rel(c.reactions[0]!.fz, P / 2)).toBeLessThan(1e-10);
    expect(rel(Math.abs(c.reactions[0]!.my), (P * L) / 8)).toBeLessThan(1e-10);
    expect(rel(Math.abs(c.summary.maxM!.value), (P * L) / 8)).toBeLessThan(1e-10);
    const dmid = split ? c.displacements[1]!.uz : c.diagrams[0]!.uy[5]!;
    expect(rel(dmid, (-P * L ** 3) / (192 * EI))).toBeLessThan(1e-9);
  });
});

describe("moment release at one end: propped-cantilever results", () => {
  const L = 8;
  const w = 6e3;
  const P = 9e3;
  const EI = E * SEC.Iz;
  type Row = { name: string; releaseAt: "i" | "j" };
  const rows: Row[] = [
    { name: "fixed at A, pin (release rz) at the B end", releaseAt: "j" },
    { name: "member reversed: pin at its i end", releaseAt: "i" },
  ];
  it.each(rows)("UDL, $name: R = 5wL/8 and 3wL/8, M_fixed = wL²/8, M(5L/8) = 9wL²/128, δmid = wL⁴/192EI", ({ releaseAt }) => {
    const fixedFirst = releaseAt === "j";
    const nodes = [
      { id: "A", x: 0, y: 0, z: 0 },
      { id: "B", x: L, y: 0, z: 0 },
    ];
    const m = model({
      nodes,
      frames: [member("F", fixedFirst ? "A" : "B", fixedFirst ? "B" : "A", { releases: fixedFirst ? { i: "FFFFFF", j: "FFFFFR" } : { i: "FFFFFR", j: "FFFFFF" } })],
      supports: [
        { node: "A", code: "FFFFFF" },
        { node: "B", code: "FFFFFF" },
      ],
      loads: [{ kind: "frame_distributed", case: "L", frame: "F", start: 0, end: 1, axes: "global", w1: [0, 0, -w], w2: [0, 0, -w] }],
    });
    const r = solve(m, { stations: 9 });
    const c = r.cases[0]!;
    expect(rel(c.reactions[0]!.fz, (5 * w * L) / 8)).toBeLessThan(1e-10);
    expect(rel(c.reactions[1]!.fz, (3 * w * L) / 8)).toBeLessThan(1e-10);
    expect(rel(Math.abs(c.reactions[0]!.my), (w * L * L) / 8)).toBeLessThan(1e-10);
    expect(Math.abs(c.reactions[1]!.my)).toBeLessThan(1e-6);
    const mf = c.memberForces[0]!;
    const pinned = fixedFirst ? mf.j : mf.i;
    expect(pinned.Mz).toBe(0);
    const dg = c.diagrams[0]!;
    // x measured from the member's i end
    const k = fixedFirst ? 5 : 3;
    expect(rel(dg.Mz[k]!, (9 * w * L * L) / 128)).toBeLessThan(1e-10);
    expect(rel(dg.uy[4]!, -(w * L ** 4) / (192 * EI))).toBeLessThan(1e-9);
  });

  it("point load at midspan: R_pin = 5P/16, R_fixed = 11P/16, M_fixed = 3PL/16", () => {
    const r = solve(
      model({
        nodes: [
          { id: "A", x: 0, y: 0, z: 0 },
          { id: "B", x: L, y: 0, z: 0 },
        ],
        frames: [member("F", "A", "B", { releases: { i: "FFFFFF", j: "FFFFFR" } })],
        supports: [
          { node: "A", code: "FFFFFF" },
          { node: "B", code: "FFFFFF" },
        ],
        loads: [{ kind: "frame_point", case: "L", frame: "F", position: 0.5, axes: "global", fz: -P }],
      }),
    );
    const c = r.cases[0]!;
    expect(rel(c.reactions[1]!.fz, (5 * P) / 16)).toBeLessThan(1e-10);
    expect(rel(c.reactions[0]!.fz, (11 * P) / 16)).toBeLessThan(1e-10);
    expect(rel(c.memberForces[0]!.i.Mz, (-3 * P * L) / 16)).toBeLessThan(1e-10);
    // δ under the load = 7PL³/768EI
    expect(rel(c.diagrams[0]!.uy[5]!, (-7 * P * L ** 3) / (768 * EI))).toBeLessThan(1e-9);
  });

  it("a pin in the middle of a two-span continuous beam (Gerber hinge) makes the left span a propped cantilever", () => {
    // A fixed — B roller, hinge at B between spans: left member releases rz at its j end
    const m = model({
      nodes: [
        { id: "A", x: 0, y: 0, z: 0 },
        { id: "B", x: L, y: 0, z: 0 },
        { id: "C", x: 2 * L, y: 0, z: 0 },
      ],
      frames: [member("F1", "A", "B", { releases: { i: "FFFFFF", j: "FFFFFR" } }), member("F2", "B", "C")],
      supports: [
        { node: "A", code: "FFFFFF" },
        { node: "B", code: "RFFRRR" },
        { node: "C", code: "RFFRRR" },
      ],
      loads: [{ kind: "frame_distributed", case: "L", frame: "F1", start: 0, end: 1, axes: "global", w1: [0, 0, -w], w2: [0, 0, -w] }],
    });
    const c = solve(m).cases[0]!;
    // F2 stays unloaded (the hinge transmits no moment, B and C are on rollers)
    expect(Math.abs(c.memberForces[1]!.i.Mz)).toBeLessThan(1e-6);
    expect(rel(c.reactions[1]!.fz, (3 * w * L) / 8)).toBeLessThan(1e-10);
  });
});

describe("options", () => {
  const L = 4;
  const m = model({
    nodes: [
      { id: "A", x: 0, y: 0, z: 0 },
      { id: "B", x: L, y: 0, z: 0 },
    ],
    frames: [member("F", "A", "B")],
    supports: [{ node: "A", code: "FFFFFF" }],
    loads: [{ kind: "frame_distributed", case: "L", frame: "F", start: 0, end: 1, axes: "global", w1: [0, 0, -1e3], w2: [0, 0, -1e3] }],
  });
  it("stations: n equally spaced stations from 0 to L", () => {
    const dg = solve(m, { stations: 5 }).cases[0]!.diagrams[0]!;
    expect(dg.x).toEqual([0, 1, 2, 3, 4]);
    // cantilever under UDL: Mz(x) = −w(L − x)²/2
    dg.Mz.forEach((v, k) => expect(v).toBeCloseTo((-1e3 * (L - k) ** 2) / 2, 6));
  });
  it("diagrams: false → no diagrams; the summary still finds max |M| = wL²/2 at x = 0 from end forces", () => {
    const r = solve(m, { diagrams: false });
    expect(r.cases[0]!.diagrams).toEqual([]);
    const mm = r.cases[0]!.summary.maxM!;
    expect(mm).toMatchObject({ frame: "F", x: 0, component: "Mz" });
    expect(mm.value).toBeCloseTo(-8e3, 8);
    expect(r.cases[0]!.summary.maxV!.x).toBe(0);
  });
});

describe("deflected shape", () => {
  it("closed form (full-length uniform loads) and curvature integration (any load) give the same deflections", () => {
    // inclined member, rotated, released at one end, loaded in all three local directions
    const mk = (split: boolean): AnalysisModel =>
      model({
        nodes: [
          { id: "A", x: 0, y: 0, z: 0 },
          { id: "B", x: 4, y: 2, z: 3 },
        ],
        frames: [member("F", "A", "B", { roll: 25, releases: { i: "FFFFRR", j: "FFFFRR" } })],
        supports: [
          { node: "A", code: "FFFFFF" },
          { node: "B", code: "FFFFFF" },
        ],
        loads: (split
          ? [
              [0, 0.5],
              [0.5, 1],
            ]
          : [[0, 1]]
        ).map(([start, end]) => ({ kind: "frame_distributed" as const, case: "L", frame: "F", start: start!, end: end!, axes: "local" as const, w1: [2e3, -7e3, 3e3] as [number, number, number], w2: [2e3, -7e3, 3e3] as [number, number, number] })),
      });
    const a = solve(mk(false)).cases[0]!.diagrams[0]!;
    const b = solve(mk(true)).cases[0]!.diagrams[0]!;
    const scale = Math.max(...a.uy.map(Math.abs), ...a.uz.map(Math.abs));
    expect(scale).toBeGreaterThan(0);
    for (const key of ["ux", "uy", "uz"] as const) a[key].forEach((v, k) => expect(Math.abs(v - b[key][k]!) / scale).toBeLessThan(1e-9));
    for (const key of ["N", "Vy", "Vz", "My", "Mz"] as const) a[key].forEach((v, k) => expect(v).toBeCloseTo(b[key][k]!, 6));
  });
});
