/**
 * analyze(model, opts): linear static analysis of a 3D frame by the direct stiffness method.
 *
 * Synchronous, pure and deterministic: no globals, no I/O, nothing kept between calls (the
 * WebAssembly kernel, when used, is instantiated per call with its own memory) — safe to run in a
 * worker thread. The stiffness matrix is factorized once; every load case is one right-hand side;
 * combinations are linear superpositions of the case results.
 */
import { applyRestraints, assemble } from "./assembly";
import { axesVectors, localToGlobal12 } from "./element";
import { buildCaseLoads } from "./loads";
import { IssueList, prepare } from "./prepare";
import { caseResults, combine, frameStations, type ResultContext, type Stations } from "./results";
import { factorSkyline } from "./skyline";
import { factorSparse, type LinearFactor, type PivotFailure } from "./sparse";
import { DOF_NAMES, type AnalysisModel, type AnalysisOutput, type AnalysisStats, type AnalyzeOptions, type DofName, type FrameAxesInfo } from "./types";

const now = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());
const MAX_LISTED_NODES = 20;

export function analyze(model: AnalysisModel, opts: AnalyzeOptions = {}): AnalysisOutput {
  const T0 = now();
  const progress = (f: number, stage: string): void => {
    if (opts.onProgress) opts.onProgress(Math.min(1, Math.max(0, f)), stage);
  };
  progress(0, "validate");
  const { errors, warnings, prep } = prepare(model);
  if (!prep) return { ok: false, issues: errors, warnings };
  const T1 = now();
  const nNodes = model.nodes.length;
  const xyz = new Float64Array(3 * nNodes);
  model.nodes.forEach((n, i) => {
    xyz[3 * i] = n.x;
    xyz[3 * i + 1] = n.y;
    xyz[3 * i + 2] = n.z;
  });
  const ids = model.nodes.map((n) => n.id);
  const issues = new IssueList();
  const warn = new IssueList();
  for (const w of warnings) warn.list.push(w);

  // ── assembly and loads ──────────────────────────────────────────────────────────────────────
  progress(0.02, "assemble");
  const asm = assemble(prep, nNodes, xyz);
  const { B, nodeOf, connected } = asm;
  const caseLoads = buildCaseLoads(model, prep, xyz);
  const cases = model.loadCases ?? [];
  // total load vectors (nodal + equivalent member loads), 6 per model node
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
  const loadedDof = (n: number, d: number): string[] => {
    const hit: string[] = [];
    P.forEach((p, c) => {
      if (Math.abs(p[6 * n + d]!) > 1e-12 * loadScale[c]! && p[6 * n + d] !== 0) hit.push(cases[c]!.id);
    });
    return hit;
  };

  // unconnected nodes
  {
    const quiet: string[] = [];
    for (let n = 0; n < nNodes; n++) {
      if (connected[n]) continue;
      const loadedDofs: DofName[] = [];
      for (let d = 0; d < 6; d++) if (!prep.restraint[6 * n + d] && loadedDof(n, d).length) loadedDofs.push(DOF_NAMES[d]!);
      if (loadedDofs.length) {
        issues.add(
          "NODE_UNSTABLE_DOF",
          "error",
          `Node "${ids[n]}" is loaded in ${loadedDofs.join(", ")} but no frame connects to it, so nothing can resist the load.`,
          "Connect the node with a frame, move the load to a node of the structure, or delete the node.",
          { nodes: [ids[n]!], dofs: loadedDofs },
        );
      } else quiet.push(ids[n]!);
    }
    if (quiet.length) {
      warn.add(
        "NODE_UNCONNECTED",
        "warning",
        `${quiet.length} node(s) are not used by any frame and were left out of the analysis (displacements reported as 0): ${listIds(quiet)}.`,
        "Delete unused nodes or connect them with frames.",
        { nodes: quiet.slice(0, MAX_LISTED_NODES) },
      );
    }
  }

  // parts of the structure without any support
  {
    const parent = new Int32Array(nNodes);
    for (let n = 0; n < nNodes; n++) parent[n] = n;
    const find = (a: number): number => {
      while (parent[a] !== a) {
        parent[a] = parent[parent[a]!]!;
        a = parent[a]!;
      }
      return a;
    };
    for (const f of prep.frames) {
      const a = find(f.ni);
      const b = find(f.nj);
      if (a !== b) parent[a] = b;
    }
    const supported = new Uint8Array(nNodes);
    for (let n = 0; n < nNodes; n++) {
      if (!connected[n]) continue;
      for (let d = 0; d < 6; d++) if (prep.restraint[6 * n + d]) supported[find(n)] = 1;
    }
    const parts = new Map<number, string[]>();
    for (let n = 0; n < nNodes; n++) {
      if (!connected[n]) continue;
      const r = find(n);
      if (supported[r]) continue;
      const l = parts.get(r);
      if (l) l.push(ids[n]!);
      else parts.set(r, [ids[n]!]);
    }
    const nParts = new Set<number>();
    for (let n = 0; n < nNodes; n++) if (connected[n]) nParts.add(find(n));
    for (const nodesOfPart of parts.values()) {
      const whole = nParts.size === 1;
      issues.add(
        "STRUCT_NO_SUPPORT",
        "error",
        whole
          ? `The structure has no supports: all ${nodesOfPart.length} connected node(s) can move as a rigid body.`
          : `A part of the structure with ${nodesOfPart.length} node(s) (${listIds(nodesOfPart)}) has no support and can move as a rigid body.`,
        whole
          ? "Add supports, e.g. code 'FFFFFF' (fixed) at column bases or 'FFFRRR' (pinned) plus enough other restraints to stop all six rigid-body motions."
          : "Connect this part to the rest of the structure or give it its own supports.",
        { nodes: nodesOfPart.slice(0, MAX_LISTED_NODES), dofs: [...DOF_NAMES] },
      );
    }
  }

  // DOFs without any stiffness (e.g. every member end at a node released in rotation)
  {
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
        const hit = loadedDof(n, d);
        if (hit.length) {
          issues.add(
            "NODE_UNSTABLE_DOF",
            "error",
            `Node "${ids[n]}" has no stiffness in ${DOF_NAMES[d]} (every member end there is released in it) but load case(s) ${hit.map((c) => `"${c}"`).join(", ")} load it.`,
            `Restrain ${DOF_NAMES[d]} at the node (support), make one member end at the node continuous ('F' in its release code), or move the load.`,
            { nodes: [ids[n]!], dofs: [DOF_NAMES[d]!] },
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
      warn.add(
        "NODE_DOF_AUTO_RESTRAINED",
        "warning",
        `${names.length} node(s) have DOFs no member gives any stiffness to (${[...dofs].join(", ")}), e.g. pin-jointed truss joints; they carry no load and were restrained automatically: ${listIds(names)}.`,
        "Nothing to do for a truss. Otherwise check the member end releases at these nodes.",
        { nodes: names.slice(0, MAX_LISTED_NODES), dofs: DOF_NAMES.filter((d) => dofs.has(d)) },
      );
    }
  }
  if (issues.list.length) return { ok: false, issues: issues.finish(), warnings: warn.finish() };
  applyRestraints(B);
  const T2 = now();

  // ── factorization ───────────────────────────────────────────────────────────────────────────
  const solverName = opts.solver ?? "sparse";
  progress(0.05, "factor");
  const onFactorProgress = (f: number): void => progress(0.05 + 0.75 * f, "factor");
  let factor: LinearFactor | null;
  try {
    factor =
      solverName === "skyline"
        ? factorSkyline(B, { pivotTolerance: opts.pivotTolerance, onProgress: onFactorProgress })
        : factorSparse(B, { ordering: opts.ordering, kernel: opts.kernel, pivotTolerance: opts.pivotTolerance, onProgress: onFactorProgress });
  } catch (e) {
    issues.add("MODEL_TOO_LARGE", "error", `The solver could not run: ${(e as Error).message}`, "The factor does not fit in memory: reduce the model size (or split it).");
    return { ok: false, issues: issues.finish(), warnings: warn.finish() };
  }
  const T3 = now();
  let freeDofs = 0;
  for (let k = 0; k < B.fixed.length; k++) if (!B.fixed[k]) freeDofs++;
  const stats: AnalysisStats = {
    solver: solverName,
    kernel: factor.stats.kernel,
    ordering: factor.stats.ordering,
    nodes: nNodes,
    frames: prep.frames.length,
    dof: { total: 6 * nNodes, free: freeDofs, restrained: 6 * nNodes - freeDofs },
    factorEntries: factor.stats.factorEntries,
    factorFlops: factor.stats.flops,
    supernodes: factor.stats.supernodes,
    maxFront: factor.stats.maxFront,
    timings: { validate: T1 - T0, assemble: T2 - T1, order: factor.stats.orderMs, factor: factor.stats.factorMs, solve: 0, results: 0, total: 0 },
  };
  if (factor.failures.length) {
    const mech = mechanismIssues(factor, asm.nodeOf, ids, prep.size);
    stats.timings.total = now() - T0;
    return { ok: false, issues: mech, warnings: warn.finish(), stats };
  }

  // ── solve ───────────────────────────────────────────────────────────────────────────────────
  progress(0.8, "solve");
  const rhs = P.map((p) => {
    const b = new Float64Array(6 * B.n);
    for (let s = 0; s < B.n; s++) {
      const n = nodeOf[s]!;
      for (let d = 0; d < 6; d++) if (!B.fixed[6 * s + d]) b[6 * s + d] = p[6 * n + d]!;
    }
    return b;
  });
  const X = factor.solve(rhs);
  factor = null; // release the factor's memory before building results
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
        issues.add("STRUCT_MECHANISM", "error", "The solution is not finite: the stiffness matrix is numerically singular.", "Check for members with extreme property ratios and for unrestrained rigid-body motions.");
        stats.timings.total = now() - T0;
        return { ok: false, issues: issues.finish(), warnings: warn.finish(), stats };
      }
    }
  }
  const T4 = now();

  // ── results ─────────────────────────────────────────────────────────────────────────────────
  progress(0.85, "results");
  const wantDiagrams = opts.diagrams !== false;
  const nst = Math.max(2, Math.floor(opts.stations ?? 11));
  let stations: Stations[] | null = null;
  if (wantDiagrams) {
    const pts = new Map<number, number[]>();
    for (const cl of caseLoads)
      for (const [fi, fl] of cl.frames)
        for (const ld of fl.loads)
          if (ld.type === "point") {
            const l = pts.get(fi);
            if (l) l.push(ld.a);
            else pts.set(fi, [ld.a]);
          }
    stations = prep.frames.map((fr) => frameStations(fr.L, nst, pts.get(fr.index) ?? []));
  }
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
      warn.add(
        "EQUILIBRIUM_RESIDUAL",
        "warning",
        `${rs.kind === "case" ? "Load case" : "Combination"} "${rs.id}": applied loads and reactions do not balance (relative residual ${rs.equilibrium.relativeResidual.toExponential(2)}).`,
        "The model is probably ill-conditioned (extreme stiffness ratios); check units and near-mechanisms.",
      );
    }
  }
  const frameAxes: FrameAxesInfo[] = prep.frames.map((fr) => ({ frame: fr.id, length: fr.L, ...axesVectors(fr.R) }));
  const T5 = now();
  stats.timings.solve = T4 - T3;
  stats.timings.results = T5 - T4;
  stats.timings.total = T5 - T0;
  progress(1, "done");
  return { ok: true, warnings: warn.finish(), stats, frameAxes, cases: caseSets, combinations: combos };
}

function listIds(ids: string[]): string {
  const head = ids.slice(0, MAX_LISTED_NODES).map((i) => `"${i}"`).join(", ");
  return ids.length > MAX_LISTED_NODES ? `${head} and ${ids.length - MAX_LISTED_NODES} more` : head;
}

/** Turn failed pivots into issues, naming the nodes and DOFs of each mechanism mode. */
function mechanismIssues(factor: LinearFactor, nodeOf: Int32Array, ids: string[], size: number): import("./types").AnalysisIssue[] {
  const out = new IssueList();
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
      out.add(
        "NODE_UNSTABLE_DOF",
        "error",
        `Node "${pivNode}" is unstable in ${dofs.length ? dofs.join(", ") : pivDof}: nothing restrains it there (zero pivot at ${pivDof}, ratio ${f.ratio.toExponential(2)}).`,
        onlyRot
          ? `Restrain the rotation at the node (support code with 'F' for ${dofs.join("/") || pivDof}) or make at least one member end at the node continuous in rotation.`
          : `Add a support or a member that restrains ${dofs.join("/") || pivDof} at node "${pivNode}".`,
        { nodes: [pivNode], dofs: dofs.length ? dofs : [pivDof] },
      );
    } else {
      out.add(
        "STRUCT_MECHANISM",
        "error",
        `The structure is a mechanism: ${nodeIds.length} node(s) can move without resistance in ${dofs.join(", ")} (${listIds(nodeIds)}); the stiffness matrix is singular at node "${pivNode}" ${pivDof} (pivot ratio ${f.ratio.toExponential(2)}).`,
        onlyRot
          ? `A rotation is unrestrained — e.g. a beam on pins with nothing stopping it twisting about its axis. Restrain ${dofs.join("/")} at one support (e.g. 'FFFFRR' also fixes torsion rx) or connect the members rigidly.`
          : `Add supports or bracing that stop ${dofs.join("/")} motion of these nodes, and check that end releases do not form a hinge mechanism (e.g. three hinges in line, or a frame pinned at every joint without bracing).`,
        { nodes: nodeIds.slice(0, MAX_LISTED_NODES), dofs },
      );
    }
  }
  if (failures.length > MAX_MODES) {
    out.add(
      "STRUCT_MECHANISM",
      "error",
      `${failures.length} zero pivots in total; only the first ${MAX_MODES} were analysed.`,
      "Fix the mechanisms listed above and analyse again.",
    );
  }
  return out.finish();
}
