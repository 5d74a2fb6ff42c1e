/**
 * analyze(model, opts): linear static analysis of a 3D frame by the direct stiffness method.
 *
 * Synchronous, pure and deterministic: no globals, no I/O, nothing kept between calls (the
 * WebAssembly kernel, when used, is instantiated per call with its own memory) — safe to run in a
 * worker thread. The stiffness matrix is factorized once; every load case is one right-hand side;
 * combinations are linear superpositions of the case results.
 *
 * The run, in order (each a function below, over one Run):
 *   1. validate and prepare (prepare.ts)            5. factorize (sparse or skyline)
 *   2. assemble the stiffness and the case loads    6. mechanisms from failed pivots
 *   3. the stability checks, from a list            7. solve every case
 *   4. restrain the DOFs no member stiffens         8. results, combinations, equilibrium
 */
import { applyRestraints, assemble, type Assembled } from "./assembly";
import { axesVectors, localToGlobal12 } from "./element";
import { buildCaseLoads, type CaseLoads } from "./loads";
import { validateAndPrepare, type Prepared } from "./prepare";
import { caseResults, combine, frameStations, type ResultContext, type Stations } from "./results";
import { factorSkyline } from "./skyline";
import { factorSparse, type LinearFactor, type PivotFailure } from "./sparse";
import { solverExtras, solverSink, toAnalysisIssues, type SolverIssue, type SolverSink } from "./issues";
import { UnionFind } from "../connectivity";
import { DOF_NAMES, type AnalysisModel, type AnalysisOutput, type AnalysisStats, type AnalyzeOptions, type DofName, type FrameAxesInfo, type ResultSet } from "./types";

const now = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());
const MAX_LISTED_NODES = 20;

/** One analysis: the prepared model, its assembly and loads, and the two issue sinks. */
interface Run {
  readonly model: AnalysisModel;
  readonly opts: AnalyzeOptions;
  readonly prep: Prepared;
  readonly nNodes: number;
  readonly xyz: Float64Array;
  readonly ids: string[];
  readonly asm: Assembled;
  readonly caseLoads: CaseLoads[];
  /** total load vector per case (nodal + equivalent member loads), 6 per model node */
  readonly P: Float64Array[];
  readonly loadScale: number[];
  readonly issues: SolverSink;
  readonly warn: SolverSink;
  readonly progress: (fraction: number, stage: string) => void;
}

type StabilityCheck = (run: Run) => void;

/** Before factorizing: what would make the stiffness singular, named by node (errors), or fixed (warnings). */
const STABILITY_CHECKS: readonly StabilityCheck[] = [checkUnconnectedNodes, checkUnsupportedParts, checkZeroStiffnessDofs];

export function analyze(model: AnalysisModel, opts: AnalyzeOptions = {}): AnalysisOutput {
  const T0 = now();
  const progress = (f: number, stage: string): void => {
    if (opts.onProgress) opts.onProgress(Math.min(1, Math.max(0, f)), stage);
  };
  progress(0, "validate");
  const { errors, warnings, prep } = validateAndPrepare(model);
  if (!prep) return { ok: false, issues: toAnalysisIssues(errors), warnings: toAnalysisIssues(warnings) };
  const T1 = now();
  progress(0.02, "assemble");
  const run = assembleRun(model, opts, prep, warnings, progress);
  for (const check of STABILITY_CHECKS) check(run);
  if (run.issues.size > 0) return failed(run);
  applyRestraints(run.asm.B);
  const T2 = now();

  let factor = factorize(run);
  if (!factor) return failed(run);
  const T3 = now();
  const stats = statsOf(run, factor, T1 - T0, T2 - T1);
  if (factor.failures.length) {
    const mech = mechanismIssues(factor, run.asm.nodeOf, run.ids, prep.size);
    stats.timings.total = now() - T0;
    return { ok: false, issues: toAnalysisIssues(mech), warnings: toAnalysisIssues(run.warn.finish()), stats };
  }
  const U = solve(run, factor);
  factor = null; // release the factor's memory before building results
  if (!U) {
    stats.timings.total = now() - T0;
    return { ...failed(run), stats };
  }
  const T4 = now();
  const { caseSets, combos } = results(run, U);
  const frameAxes: FrameAxesInfo[] = prep.frames.map((fr) => ({ frame: fr.id, length: fr.L, ...axesVectors(fr.R) }));
  const T5 = now();
  stats.timings.solve = T4 - T3;
  stats.timings.results = T5 - T4;
  stats.timings.total = T5 - T0;
  progress(1, "done");
  return { ok: true, warnings: toAnalysisIssues(run.warn.finish()), stats, frameAxes, cases: caseSets, combinations: combos };
}

function failed(run: Run): Extract<AnalysisOutput, { ok: false }> {
  return { ok: false, issues: toAnalysisIssues(run.issues.finish()), warnings: toAnalysisIssues(run.warn.finish()) };
}

// ── 2. assembly and loads ─────────────────────────────────────────────────────────────────────

function assembleRun(model: AnalysisModel, opts: AnalyzeOptions, prep: Prepared, warnings: SolverIssue[], progress: Run["progress"]): Run {
  const nNodes = model.nodes.length;
  const xyz = new Float64Array(3 * nNodes);
  model.nodes.forEach((n, i) => {
    xyz[3 * i] = n.x;
    xyz[3 * i + 1] = n.y;
    xyz[3 * i + 2] = n.z;
  });
  const warn = solverSink();
  warn.adopt(warnings);
  const asm = assemble(prep, nNodes, xyz);
  const caseLoads = buildCaseLoads(model, prep, xyz);
  const P = caseLoads.map((cl) => {
    const p = cl.nodal.slice();
    const g = new Float64Array(12);
    for (const [fi, fl] of cl.frames) {
      const fr = prep.frames[fi]!;
      localToGlobal12(fr.R, fl.F0c, g);
      for (let d = 0; d < 6; d++) {
        p[6 * fr.ni + d]! -= g[d]!;
        p[6 * fr.nj + d]! -= g[6 + d]!;
      }
    }
    return p;
  });
  const loadScale = P.map((p) => p.reduce((m, v) => Math.max(m, Math.abs(v)), 0));
  return { model, opts, prep, nNodes, xyz, ids: model.nodes.map((n) => n.id), asm, caseLoads, P, loadScale, issues: solverSink(), warn, progress };
}

/** The load cases (ids) that load DOF d of node n. */
function loadedDof(run: Run, n: number, d: number): string[] {
  const hit: string[] = [];
  const cases = run.model.loadCases ?? [];
  run.P.forEach((p, c) => {
    if (Math.abs(p[6 * n + d]!) > 1e-12 * run.loadScale[c]! && p[6 * n + d] !== 0) hit.push(cases[c]!.id);
  });
  return hit;
}

// ── 3. stability checks ───────────────────────────────────────────────────────────────────────

/** Nodes no frame connects: an error where loaded, else one warning (they are left out). */
function checkUnconnectedNodes(run: Run): void {
  const { nNodes, prep, ids, issues, warn } = run;
  const { connected } = run.asm;
  const quiet: string[] = [];
  for (let n = 0; n < nNodes; n++) {
    if (connected[n]) continue;
    const loadedDofs: DofName[] = [];
    for (let d = 0; d < 6; d++) if (!prep.restraint[6 * n + d] && loadedDof(run, n, d).length) loadedDofs.push(DOF_NAMES[d]!);
    if (loadedDofs.length) {
      issues.error(
        "NODE_UNSTABLE_DOF",
        `Node "${ids[n]}" is loaded in ${loadedDofs.join(", ")} but no frame connects to it, so nothing can resist the load.`,
        solverExtras("Connect the node with a frame, move the load to a node of the structure, or delete the node.", { nodes: [ids[n]!], dofs: loadedDofs }),
      );
    } else quiet.push(ids[n]!);
  }
  if (quiet.length) {
    warn.warning(
      "NODE_UNCONNECTED",
      `${quiet.length} node(s) are not used by any frame and were left out of the analysis (displacements reported as 0): ${listIds(quiet)}.`,
      solverExtras("Delete unused nodes or connect them with frames.", { nodes: quiet.slice(0, MAX_LISTED_NODES) }),
    );
  }
}

/** Parts of the structure (connected by frames) without any support. */
function checkUnsupportedParts(run: Run): void {
  const { nNodes, prep, ids, issues } = run;
  const { connected } = run.asm;
  const uf = new UnionFind(nNodes);
  for (const f of prep.frames) uf.union(f.ni, f.nj);
  const supported = new Uint8Array(nNodes);
  for (let n = 0; n < nNodes; n++) {
    if (!connected[n]) continue;
    for (let d = 0; d < 6; d++) if (prep.restraint[6 * n + d]) supported[uf.find(n)] = 1;
  }
  const parts = new Map<number, string[]>();
  const roots = new Set<number>();
  for (let n = 0; n < nNodes; n++) {
    if (!connected[n]) continue;
    const r = uf.find(n);
    roots.add(r);
    if (supported[r]) continue;
    const l = parts.get(r);
    if (l) l.push(ids[n]!);
    else parts.set(r, [ids[n]!]);
  }
  const whole = roots.size === 1;
  for (const nodesOfPart of parts.values()) {
    issues.error(
      "STRUCT_NO_SUPPORT",
      whole
        ? `The structure has no supports: all ${nodesOfPart.length} connected node(s) can move as a rigid body.`
        : `A part of the structure with ${nodesOfPart.length} node(s) (${listIds(nodesOfPart)}) has no support and can move as a rigid body.`,
      solverExtras(
        whole
          ? "Add supports, e.g. code 'FFFFFF' (fixed) at column bases or 'FFFRRR' (pinned) plus enough other restraints to stop all six rigid-body motions."
          : "Connect this part to the rest of the structure or give it its own supports.",
        { nodes: nodesOfPart.slice(0, MAX_LISTED_NODES), dofs: [...DOF_NAMES] },
      ),
    );
  }
}

/** DOFs without any stiffness (e.g. every member end at a node released in rotation): an error where loaded, else restrained. */
function checkZeroStiffnessDofs(run: Run): void {
  const { ids, issues, warn } = run;
  const { B, nodeOf } = run.asm;
  let maxT = 0;
  let maxR = 0;
  for (let s = 0; s < B.n; s++)
    for (let d = 0; d < 6; d++) {
      const v = Math.abs(B.diag[36 * s + 7 * d]!);
      if (d < 3) maxT = Math.max(maxT, v);
      else maxR = Math.max(maxR, v);
    }
  const autoNodes = new Map<string, Set<DofName>>();
  for (let s = 0; s < B.n; s++) {
    for (let d = 0; d < 6; d++) {
      if (B.fixed[6 * s + d]) continue;
      const v = B.diag[36 * s + 7 * d]!;
      const ref = d < 3 ? maxT : maxR;
      if (v > 1e-14 * ref) continue;
      const n = nodeOf[s]!;
      const hit = loadedDof(run, n, d);
      if (hit.length) {
        issues.error(
          "NODE_UNSTABLE_DOF",
          `Node "${ids[n]}" has no stiffness in ${DOF_NAMES[d]} (every member end there is released in it) but load case(s) ${hit.map((c) => `"${c}"`).join(", ")} load it.`,
          solverExtras(`Restrain ${DOF_NAMES[d]} at the node (support), make one member end at the node continuous ('F' in its release code), or move the load.`, { nodes: [ids[n]!], dofs: [DOF_NAMES[d]!] }),
        );
      } else {
        B.fixed[6 * s + d] = 1;
        const set = autoNodes.get(ids[n]!) ?? new Set<DofName>();
        set.add(DOF_NAMES[d]!);
        autoNodes.set(ids[n]!, set);
      }
    }
  }
  if (autoNodes.size) {
    const dofs = new Set<DofName>();
    for (const s of autoNodes.values()) for (const d of s) dofs.add(d);
    const names = [...autoNodes.keys()];
    warn.warning(
      "NODE_DOF_AUTO_RESTRAINED",
      `${names.length} node(s) have DOFs no member gives any stiffness to (${[...dofs].join(", ")}), e.g. pin-jointed truss joints; they carry no load and were restrained automatically: ${listIds(names)}.`,
      solverExtras("Nothing to do for a truss. Otherwise check the member end releases at these nodes.", { nodes: names.slice(0, MAX_LISTED_NODES), dofs: DOF_NAMES.filter((d) => dofs.has(d)) }),
    );
  }
}

// ── 5-7. factorization and solution ───────────────────────────────────────────────────────────

/** The factor, or null after reporting that it does not fit (MODEL_TOO_LARGE). */
function factorize(run: Run): LinearFactor | null {
  const { opts, progress } = run;
  const B = run.asm.B;
  progress(0.05, "factor");
  const onFactorProgress = (f: number): void => progress(0.05 + 0.75 * f, "factor");
  try {
    return (opts.solver ?? "sparse") === "skyline"
      ? factorSkyline(B, { pivotTolerance: opts.pivotTolerance, onProgress: onFactorProgress })
      : factorSparse(B, { ordering: opts.ordering, kernel: opts.kernel, pivotTolerance: opts.pivotTolerance, onProgress: onFactorProgress });
  } catch (e) {
    run.issues.error("MODEL_TOO_LARGE", `The solver could not run: ${(e as Error).message}`, solverExtras("The factor does not fit in memory: reduce the model size (or split it)."));
    return null;
  }
}

function statsOf(run: Run, factor: LinearFactor, validateMs: number, assembleMs: number): AnalysisStats {
  const B = run.asm.B;
  const nNodes = run.nNodes;
  let freeDofs = 0;
  for (let k = 0; k < B.fixed.length; k++) if (!B.fixed[k]) freeDofs++;
  return {
    solver: run.opts.solver ?? "sparse",
    kernel: factor.stats.kernel,
    ordering: factor.stats.ordering,
    nodes: nNodes,
    frames: run.prep.frames.length,
    dof: { total: 6 * nNodes, free: freeDofs, restrained: 6 * nNodes - freeDofs },
    factorEntries: factor.stats.factorEntries,
    factorFlops: factor.stats.flops,
    supernodes: factor.stats.supernodes,
    maxFront: factor.stats.maxFront,
    timings: { validate: validateMs, assemble: assembleMs, order: factor.stats.orderMs, factor: factor.stats.factorMs, solve: 0, results: 0, total: 0 },
  };
}

/** Displacements per case, 6 per model node; null after reporting a non-finite solution. */
function solve(run: Run, factor: LinearFactor): Float64Array[] | null {
  const { nNodes } = run;
  const { B, nodeOf } = run.asm;
  run.progress(0.8, "solve");
  const rhs = run.P.map((p) => {
    const b = new Float64Array(6 * B.n);
    for (let s = 0; s < B.n; s++) {
      const n = nodeOf[s]!;
      for (let d = 0; d < 6; d++) if (!B.fixed[6 * s + d]) b[6 * s + d] = p[6 * n + d]!;
    }
    return b;
  });
  const X = factor.solve(rhs);
  const U = X.map((x) => {
    const u = new Float64Array(6 * nNodes);
    for (let s = 0; s < B.n; s++) {
      const n = nodeOf[s]!;
      for (let d = 0; d < 6; d++) u[6 * n + d] = B.fixed[6 * s + d] ? 0 : x[6 * s + d]!;
    }
    return u;
  });
  for (const u of U) {
    for (let k = 0; k < u.length; k++) {
      if (!Number.isFinite(u[k]!)) {
        run.issues.error("STRUCT_MECHANISM", "The solution is not finite: the stiffness matrix is numerically singular.", solverExtras("Check for members with extreme property ratios and for unrestrained rigid-body motions."));
        return null;
      }
    }
  }
  return U;
}

// ── 8. results ────────────────────────────────────────────────────────────────────────────────

function results(run: Run, U: Float64Array[]): { caseSets: ResultSet[]; combos: ResultSet[] } {
  const { model, opts, prep, xyz, caseLoads, progress } = run;
  const cases = model.loadCases ?? [];
  progress(0.85, "results");
  const stations = opts.diagrams !== false ? diagramStations(run) : null;
  const ctx: ResultContext = { model, prep, xyz, stations, lengths: prep.frames.map((f) => f.L) };
  const caseSets = cases.map((c, k) => {
    const rs = caseResults(ctx, c.id, c.name, U[k]!, caseLoads[k]!);
    progress(0.85 + (0.1 * (k + 1)) / Math.max(1, cases.length), "results");
    return rs;
  });
  const combos = (model.combinations ?? []).map((cb) =>
    combine(
      ctx,
      cb.id,
      cb.name,
      Object.entries(cb.factors ?? {}).map(([cid, factorValue]) => {
        const k = prep.caseIndex.get(cid)!;
        return { rs: caseSets[k]!, factor: factorValue, applied: caseLoads[k]!.applied };
      }),
    ),
  );
  for (const rs of [...caseSets, ...combos]) {
    if (!rs.equilibrium.ok) {
      run.warn.warning(
        "EQUILIBRIUM_RESIDUAL",
        `${rs.kind === "case" ? "Load case" : "Combination"} "${rs.id}": applied loads and reactions do not balance (relative residual ${rs.equilibrium.relativeResidual.toExponential(2)}).`,
        solverExtras("The model is probably ill-conditioned (extreme stiffness ratios); check units and near-mechanisms."),
      );
    }
  }
  return { caseSets, combos };
}

/** Diagram stations per frame: equally spaced, plus every interior point-load position. */
function diagramStations(run: Run): Stations[] {
  const nst = Math.max(2, Math.floor(run.opts.stations ?? 11));
  const pts = new Map<number, number[]>();
  for (const cl of run.caseLoads)
    for (const [fi, fl] of cl.frames)
      for (const ld of fl.loads)
        if (ld.type === "point") {
          const l = pts.get(fi);
          if (l) l.push(ld.a);
          else pts.set(fi, [ld.a]);
        }
  return run.prep.frames.map((fr) => frameStations(fr.L, nst, pts.get(fr.index) ?? []));
}

function listIds(ids: string[]): string {
  const head = ids.slice(0, MAX_LISTED_NODES).map((i) => `"${i}"`).join(", ");
  return ids.length > MAX_LISTED_NODES ? `${head} and ${ids.length - MAX_LISTED_NODES} more` : head;
}

/** Turn failed pivots into issues, naming the nodes and DOFs of each mechanism mode. */
function mechanismIssues(factor: LinearFactor, nodeOf: Int32Array, ids: string[], size: number): SolverIssue[] {
  const out = solverSink();
  const seen = new Set<string>();
  const failures: PivotFailure[] = factor.failures;
  const MAX_MODES = 12;
  for (const f of failures.slice(0, MAX_MODES)) {
    const v = factor.nullVector(f);
    const nSys = v.length / 6;
    const motion = new Float64Array(nSys);
    const dofMax = new Float64Array(6);
    let maxMotion = 0;
    for (let s = 0; s < nSys; s++) {
      let m = 0;
      for (let d = 0; d < 6; d++) {
        const a = Math.abs(v[6 * s + d]!) / (d < 3 ? size : 1);
        if (!Number.isFinite(a)) continue;
        m = Math.max(m, a);
        dofMax[d] = Math.max(dofMax[d]!, a);
      }
      motion[s] = m;
      maxMotion = Math.max(maxMotion, m);
    }
    const thr = 1e-3 * maxMotion;
    const involved: number[] = [];
    for (let s = 0; s < nSys; s++) if (motion[s]! >= thr && motion[s]! > 0) involved.push(s);
    involved.sort((a, b) => motion[b]! - motion[a]!);
    const dofs = DOF_NAMES.filter((_, d) => dofMax[d]! >= thr && dofMax[d]! > 0);
    const nodeIds = involved.map((s) => ids[nodeOf[s]!]!);
    const key = [...nodeIds].sort().join("|") + "#" + dofs.join(",");
    if (seen.has(key)) continue;
    seen.add(key);
    const pivNode = ids[nodeOf[Math.floor(f.dof / 6)]!]!;
    const pivDof = DOF_NAMES[f.dof % 6]!;
    const onlyRot = dofs.every((d) => d.startsWith("r"));
    if (nodeIds.length <= 1) {
      out.error("NODE_UNSTABLE_DOF", `Node "${pivNode}" is unstable in ${dofs.length ? dofs.join(", ") : pivDof}: nothing restrains it there (zero pivot at ${pivDof}, ratio ${f.ratio.toExponential(2)}).`, solverExtras(onlyRot
          ? `Restrain the rotation at the node (support code with 'F' for ${dofs.join("/") || pivDof}) or make at least one member end at the node continuous in rotation.`
          : `Add a support or a member that restrains ${dofs.join("/") || pivDof} at node "${pivNode}".`, { nodes: [pivNode], dofs: dofs.length ? dofs : [pivDof] }));
    } else {
      out.error("STRUCT_MECHANISM", `The structure is a mechanism: ${nodeIds.length} node(s) can move without resistance in ${dofs.join(", ")} (${listIds(nodeIds)}); the stiffness matrix is singular at node "${pivNode}" ${pivDof} (pivot ratio ${f.ratio.toExponential(2)}).`, solverExtras(onlyRot
          ? `A rotation is unrestrained — e.g. a beam on pins with nothing stopping it twisting about its axis. Restrain ${dofs.join("/")} at one support (e.g. 'FFFFRR' also fixes torsion rx) or connect the members rigidly.`
          : `Add supports or bracing that stop ${dofs.join("/")} motion of these nodes, and check that end releases do not form a hinge mechanism (e.g. three hinges in line, or a frame pinned at every joint without bracing).`, { nodes: nodeIds.slice(0, MAX_LISTED_NODES), dofs }));
    }
  }
  if (failures.length > MAX_MODES) {
    out.error("STRUCT_MECHANISM", `${failures.length} zero pivots in total; only the first ${MAX_MODES} were analysed.`, solverExtras("Fix the mechanisms listed above and analyse again."));
  }
  return out.finish();
}
