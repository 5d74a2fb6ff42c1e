/**
 * Solver benchmark: supernodal sparse Cholesky (ours) vs scalar RCM + skyline Cholesky (baseline)
 * on generated 3D steel moment-frame buildings, measured in the same run.
 *
 * Run (Node 20.20 has no --experimental-strip-types; jiti 2.7 is already installed, via vite/prisma):
 *
 *     npx jiti bench/solver.bench.ts
 *     npx jiti bench/solver.bench.ts --sizes 5x5x10,10x10x20 --skip-baseline-above 15000 --repeat 3
 *
 * (equivalently `node node_modules/jiti/lib/jiti-cli.mjs bench/solver.bench.ts …`;
 *  prefix with NODE_OPTIONS=--expose-gc to collect garbage between runs.)
 * From another script: `benchSolver({ sizes, skipBaselineAbove, repeat, jsKernel, diagrams })`
 * returns the markdown section (the pattern bench/run.mjs uses for the other benches).
 *
 * Flags
 *   --sizes a×b×c,…            buildings (nx×ny×storeys); default 5x5x10,8x8x15,10x10x20,13x13x42
 *   --skip-baseline-above N    run the skyline baseline only up to N free DOFs (default 15000;
 *                              it needs ≈75 s and ≈0.5 GB at 49k DOF)
 *   --repeat N                 runs per solver and size, the one with least solver CPU time is reported (default 1)
 *   --no-js-kernel             skip the sparse solver with the plain-JS dense kernel
 *   --no-diagrams              analyse without member diagrams
 *
 * Columns: free DOFs; wall time (and process CPU time, user + system, in parentheses — it is much
 * less disturbed by other processes on a shared machine) of the solver proper (ordering + symbolic
 * + factorization + solves) and of the whole analyze() call (validation, assembly, loads, results
 * and diagrams included), for the baseline and for ours; speed-up = baseline / ours; peak RSS and
 * JS heap sampled during the run; max relative difference of all displacements between the two
 * solutions (or between the WebAssembly and JS kernels when the baseline is skipped).
 */
import { cpus, loadavg } from "node:os";
import { analyze, buildingModel, type AnalysisOutput, type AnalysisSuccess, type AnalyzeOptions } from "../lib/structural/analysis/index";

export interface SolverBenchOptions {
  /** Buildings as [nx, ny, storeys]. */
  sizes?: [number, number, number][];
  skipBaselineAbove?: number;
  repeat?: number;
  jsKernel?: boolean;
  diagrams?: boolean;
  /** Progress lines (default console.log). */
  log?: (line: string) => void;
}

interface Run {
  solverMs: number;
  totalMs: number;
  /** Process CPU time (user + system), less sensitive to other load on the machine. */
  solverCpuMs: number;
  totalCpuMs: number;
  factorMs: number;
  peakRss: number;
  peakHeap: number;
  out: AnalysisSuccess;
}

const MB = 1024 * 1024;

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

/** Runs the benchmark and returns a markdown section (heading, notes, table). */
export function benchSolver(options: SolverBenchOptions = {}): string {
  const sizes = options.sizes ?? [
    [5, 5, 10],
    [8, 8, 15],
    [10, 10, 20],
    [13, 13, 42],
  ];
  const skipAbove = options.skipBaselineAbove ?? 15000;
  const repeat = Math.max(1, options.repeat ?? 1);
  const withJs = options.jsKernel !== false;
  const diagrams = options.diagrams !== false;
  const log = options.log ?? ((l: string) => console.log(l));
  const gc = (globalThis as { gc?: () => void }).gc;

  const measure = (model: ReturnType<typeof buildingModel>, opts: AnalyzeOptions): Run => {
    let best: Run | null = null;
    for (let r = 0; r < repeat; r++) {
      gc?.();
      let peakRss = process.memoryUsage().rss;
      let peakHeap = process.memoryUsage().heapUsed;
      const cpu = (): number => {
        const c = process.cpuUsage();
        return (c.user + c.system) / 1000;
      };
      let cpuFactor = NaN;
      let cpuResults = NaN;
      const sample = (_f: number, stage: string): void => {
        const m = process.memoryUsage();
        if (m.rss > peakRss) peakRss = m.rss;
        if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
        if (stage === "factor" && Number.isNaN(cpuFactor)) cpuFactor = cpu();
        if (stage === "results" && Number.isNaN(cpuResults)) cpuResults = cpu();
      };
      const c0 = cpu();
      const t0 = performance.now();
      const out: AnalysisOutput = analyze(model, { ...opts, diagrams, onProgress: sample });
      const totalMs = performance.now() - t0;
      const totalCpuMs = cpu() - c0;
      sample(1, "done");
      if (!out.ok) throw new Error(`analysis failed: ${JSON.stringify(out.issues.slice(0, 3))}`);
      const t = out.stats.timings;
      const run: Run = { solverMs: t.order + t.factor + t.solve, totalMs, solverCpuMs: cpuResults - cpuFactor, totalCpuMs, factorMs: t.factor, peakRss, peakHeap, out };
      if (!best || run.solverCpuMs < best.solverCpuMs) best = run;
    }
    return best!;
  };

  const s = (ms: number): string => (ms / 1000).toFixed(2);
  const load = (): string => loadavg().map((v) => v.toFixed(2)).join(" ");
  // warm-up (JIT tiers of every code path, both solvers and both kernels) on a medium model, not reported
  for (let r = 0; r < 2; r++) {
    for (const solver of ["sparse", "skyline"] as const) analyze(buildingModel(5, 5, 8), { solver });
    analyze(buildingModel(5, 5, 8), { kernel: "js" });
  }
  const lines: string[] = [];
  lines.push(`## Linear static solver — Node ${process.version}, ${cpus().length}× ${cpus()[0]?.model ?? "?"}, ${repeat} run(s) each (least solver CPU time reported)`);
  lines.push("");
  lines.push(`Load average at start: ${load()} (other processes slow the wall-clock columns; CPU times in parentheses are much less affected).`);
  lines.push(`Baseline = RCM + scalar skyline Cholesky, run up to ${skipAbove} free DOFs (--skip-baseline-above); above that it is skipped.`);
  const rows: string[] = [];
  for (const [nx, ny, ns] of sizes) {
    const model = buildingModel(nx, ny, ns);
    const ours = measure(model, { solver: "sparse" });
    const dof = ours.out.stats.dof.free;
    const base = dof <= skipAbove ? measure(model, { solver: "skyline" }) : null;
    const js = withJs ? measure(model, { solver: "sparse", kernel: "js" }) : null;
    const st = ours.out.stats;
    const wc = (r: Run, which: "solver" | "total"): string =>
      which === "solver" ? `${s(r.solverMs)} (${s(r.solverCpuMs)})` : `${s(r.totalMs)} (${s(r.totalCpuMs)})`;
    const ratio = (a: number, b: number): string => `${(a / b).toFixed(1)}×`;
    const row = [
      `${nx}×${ny}×${ns}`,
      dof.toLocaleString("en-US"),
      base ? wc(base, "solver") : "skipped",
      wc(ours, "solver"),
      base ? `${ratio(base.solverMs, ours.solverMs)} (${ratio(base.solverCpuMs, ours.solverCpuMs)})` : "—",
      base ? wc(base, "total") : "skipped",
      wc(ours, "total"),
      base ? `${ratio(base.totalMs, ours.totalMs)} (${ratio(base.totalCpuMs, ours.totalCpuMs)})` : "—",
      js ? wc(js, "solver") : "—",
      `${st.ordering}, ${(st.factorFlops / 1e9).toFixed(2)}`,
      `${base ? (base.peakRss / MB).toFixed(0) : "—"} / ${(ours.peakRss / MB).toFixed(0)}`,
      `${base ? (base.peakHeap / MB).toFixed(0) : "—"} / ${(ours.peakHeap / MB).toFixed(0)}`,
      base ? maxRelDiff(ours.out, base.out).toExponential(1) : js ? `${maxRelDiff(ours.out, js.out).toExponential(1)} (vs JS kernel)` : "—",
    ];
    rows.push(`| ${row.join(" | ")} |`);
    const t = st.timings;
    log(
      `${nx}×${ny}×${ns}: ${dof} DOF, kernel ${st.kernel}, ${st.supernodes} supernodes, max front ${st.maxFront}, factor ${(st.factorEntries / 1e6).toFixed(1)} M entries; ` +
        `ours ms: validate ${t.validate.toFixed(0)}, assemble ${t.assemble.toFixed(0)}, order ${t.order.toFixed(0)}, factor ${t.factor.toFixed(0)}, solve ${t.solve.toFixed(0)}, results ${t.results.toFixed(0)}` +
        (base ? `; baseline factor ms ${base.factorMs.toFixed(0)} (${(base.out.stats.factorFlops / 1e9).toFixed(2)} GFlop envelope)` : ""),
    );
  }
  lines.push(`Load average at end: ${load()}.`);
  lines.push("");
  const header =
    "| building | DOF (free) | baseline solver s (cpu s) | ours solver s (cpu s) | speed-up solver wall (cpu) | baseline total s (cpu s) | ours total s (cpu s) | speed-up total wall (cpu) | ours JS-kernel solver s (cpu s) | ours ordering, GFlop | peak RSS MB (base / ours) | peak heap MB (base / ours) | max rel. diff |";
  lines.push(header, "|" + header.split("|").slice(1, -1).map(() => "---").join("|") + "|", ...rows);
  return lines.join("\n");
}

// CLI
if (process.argv.some((a) => /solver\.bench\.ts$/.test(a))) {
  const args = process.argv.slice(2);
  const flag = (name: string): string | undefined => {
    const k = args.indexOf(name);
    return k >= 0 ? args[k + 1] : undefined;
  };
  const sizes = flag("--sizes")
    ?.split(",")
    .map((x) => x.split(/[x×]/).map(Number) as [number, number, number]);
  console.log(
    benchSolver({
      sizes,
      skipBaselineAbove: flag("--skip-baseline-above") !== undefined ? Number(flag("--skip-baseline-above")) : undefined,
      repeat: flag("--repeat") !== undefined ? Number(flag("--repeat")) : undefined,
      jsKernel: !args.includes("--no-js-kernel"),
      diagrams: !args.includes("--no-diagrams"),
    }),
  );
}
