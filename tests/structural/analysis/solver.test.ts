/**
 * Linear solvers: the supernodal sparse Cholesky (every ordering, both dense kernels) against the
 * RCM + skyline baseline on building models, to 1e-8 relative; equilibrium on every run;
 * determinism; the generator's DOF counts.
 */
import { describe, expect, it } from "vitest";
import {
  analyze,
  applyRestraints,
  assemble,
  buildingDofCount,
  buildingModel,
  factorSkyline,
  factorSparse,
  prepare,
  type AnalysisModel,
  type AnalysisSuccess,
  type AnalyzeOptions,
} from "@/lib/structural/analysis";
import { createWasmKernel, jsKernel } from "@/lib/structural/analysis/kernels";

function run(m: AnalysisModel, opts: AnalyzeOptions): AnalysisSuccess {
  const r = analyze(m, opts);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  for (const rs of [...r.cases, ...r.combinations]) expect(rs.equilibrium.relativeResidual).toBeLessThan(1e-9);
  return r;
}

/** max |a − b| / max |b| over all displacement components. */
function maxRelDiff(a: AnalysisSuccess, b: AnalysisSuccess): number {
  let num = 0;
  let den = 0;
  a.cases.forEach((c, k) =>
    c.displacements.forEach((d, i) => {
      const e = b.cases[k]!.displacements[i]!;
      for (const key of ["ux", "uy", "uz", "rx", "ry", "rz"] as const) {
        num = Math.max(num, Math.abs(d[key] - e[key]));
        den = Math.max(den, Math.abs(e[key]));
      }
    }),
  );
  return num / den;
}

describe("sparse supernodal Cholesky vs RCM + skyline baseline", () => {
  // an irregular building: point loads, releases and a rolled, inclined brace on top of the generator
  const m = buildingModel(4, 3, 5);
  m.frames.push({ ...m.frames[0]!, id: "BRACE", i: "N0_0_0", j: "N1_1_2", roll: 30, releases: { i: "FFFFRR", j: "FFFFRR" } });
  m.loads.push({ kind: "frame_point", case: "W", frame: "BX1_1_3", position: 0.3, axes: "local", fy: -5e3, mz: 2e3 });
  // a third case: right-hand sides are solved in pairs, so this exercises the single-RHS path too
  m.loadCases.push({ id: "E", name: "half self-weight + torque", selfWeight: { factor: 0.5 } });
  m.loads.push({ kind: "nodal", case: "E", node: "N2_2_5", mz: 3e4 });
  const sky = run(m, { solver: "skyline" });
  it.each([
    { ordering: "auto" as const, kernel: "auto" as const },
    { ordering: "amd" as const, kernel: "wasm" as const },
    { ordering: "nd" as const, kernel: "js" as const },
    { ordering: "rcm" as const, kernel: "js" as const },
  ])("ordering $ordering, kernel $kernel: same displacements to 1e-8", ({ ordering, kernel }) => {
    const sp = run(m, { solver: "sparse", ordering, kernel });
    expect(maxRelDiff(sp, sky)).toBeLessThan(1e-8);
    expect(sp.stats.kernel).toBe(kernel === "js" ? "js" : "wasm-simd");
    // member forces too
    const a = sp.combinations[0]!.memberForces;
    const b = sky.combinations[0]!.memberForces;
    const scale = Math.max(...b.map((f) => Math.abs(f.i.Mz)));
    a.forEach((f, i) => expect(Math.abs(f.i.Mz - b[i]!.i.Mz) / scale).toBeLessThan(1e-8));
  });

  it("the factor solves K x = b to round-off (residual check on the assembled block matrix)", () => {
    const bm = buildingModel(3, 3, 4);
    const { prep } = prepare(bm);
    const xyz = new Float64Array(bm.nodes.flatMap((n) => [n.x, n.y, n.z]));
    const { B } = assemble(prep!, bm.nodes.length, xyz);
    applyRestraints(B);
    const n = 6 * B.n;
    const b = new Float64Array(n).map((_, i) => Math.sin(i + 1) * 1e3);
    for (const f of [factorSparse(B), factorSparse(B, { kernel: "js", ordering: "nd" }), factorSkyline(B)]) {
      expect(f.failures).toEqual([]);
      const [x] = f.solve([b]);
      // r = K x − b with the block matrix
      const r = new Float64Array(n);
      for (let s = 0; s < B.n; s++) {
        for (let a = 0; a < 6; a++) {
          let acc = 0;
          for (let c = 0; c < 6; c++) acc += B.diag[36 * s + 6 * a + c]! * x![6 * s + c]!;
          for (let k = B.ptr[s]!; k < B.ptr[s + 1]!; k++) for (let c = 0; c < 6; c++) acc += B.off[36 * k + 6 * a + c]! * x![6 * B.adj[k]! + c]!;
          r[6 * s + a] = acc - b[6 * s + a]!;
        }
      }
      const rn = Math.sqrt(r.reduce((s, v) => s + v * v, 0));
      const bn = Math.sqrt(b.reduce((s, v) => s + v * v, 0));
      expect(rn / bn).toBeLessThan(1e-10);
    }
  });

  it("is deterministic: two runs give bit-identical results", () => {
    const a = run(m, {});
    const b = run(m, {});
    expect(JSON.stringify(a.cases)).toBe(JSON.stringify(b.cases));
  });

  it("reports progress from 0 to 1 through its stages", () => {
    const stages: string[] = [];
    let last = -1;
    run(buildingModel(2, 2, 3), {
      onProgress: (f, s) => {
        expect(f).toBeGreaterThanOrEqual(last);
        last = f;
        if (stages[stages.length - 1] !== s) stages.push(s);
      },
    });
    expect(last).toBe(1);
    expect(stages).toEqual(expect.arrayContaining(["validate", "assemble", "factor", "solve", "results", "done"]));
  });
});

describe("dense kernels", () => {
  it("the WebAssembly SIMD kernel equals the JS kernel for every tile remainder (syrk and extend-add)", () => {
    const wasm = createWasmKernel();
    expect(wasm).not.toBeNull();
    const js = jsKernel();
    const n = 4000;
    for (const k of [wasm!, js]) {
      expect(k.ensure(n, 16)).toBe(true);
      for (let i = 0; i < n; i++) k.mem[i] = Math.sin(0.7 * i + 0.3);
      k.ints.set([0, 6, 18, 30, 36]);
      // syrk: ncol ∈ {2, 4, 6, 10}, nrow − col parity cases, kc ∈ {1, 6, 7}
      let c = 1000;
      for (const [kc, ncol, nrow] of [
        [1, 2, 2],
        [6, 4, 6],
        [7, 6, 12],
        [6, 10, 14],
        [3, 2, 8],
      ] as const) {
        k.syrk(0, 20, kc, c, nrow, ncol, nrow);
        c += nrow * ncol + 8;
      }
      // extend-add of a 4-node child (24×24 packed) into a front with ns = 12, nr = 30
      k.extendAdd(2000, 4, 1, 2400, 42, 12, 3000, 30);
    }
    let d = 0;
    for (let i = 0; i < n; i++) d = Math.max(d, Math.abs(wasm!.mem[i]! - js.mem[i]!));
    expect(d).toBeLessThan(1e-12);
  });
});

describe("buildingModel", () => {
  it.each([
    [5, 5, 10, 2160],
    [10, 10, 20, 14520],
    [13, 13, 42, 49392],
  ])("%i×%i×%i has %i free DOFs", (nx, ny, ns, dof) => {
    expect(buildingDofCount(nx, ny, ns)).toBe(dof);
  });
  it("the small one analyses with the expected DOF count and balanced loads", () => {
    const r = run(buildingModel(5, 5, 10), {});
    expect(r.stats.dof.free).toBe(2160);
    expect(r.cases).toHaveLength(2);
    expect(r.combinations[0]!.equilibrium.ok).toBe(true);
  });
});
