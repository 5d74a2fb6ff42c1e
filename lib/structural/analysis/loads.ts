/**
 * Loads per load case: direct nodal loads, member loads converted to LOCAL point/distributed loads
 * (global components rotated with R; `projected` scales each global component c by √(1 − ex_c²),
 * the ratio of the length projected perpendicular to that component over the true length),
 * self-weight ρ·A·g·factor along −vertical, fixed-end forces, and the applied resultant used by
 * the equilibrium check.
 */
import { condenseLoad, fixedEndForces, toGlobal3, toLocal3, type LocalLoad } from "./element";
import type { FrameData, Prepared } from "./prepare";
import type { AnalysisModel, Vec3 } from "./types";

/** √(x² + y² + z²) (Math.hypot is much slower in V8). */
const norm3 = (x: number, y: number, z: number): number => Math.sqrt(x * x + y * y + z * z);

export const GRAVITY = 9.80665;

export interface FrameCaseLoad {
  loads: LocalLoad[];
  /** Full (uncondensed) fixed-end forces, local. */
  F0: Float64Array;
  /** Condensed fixed-end forces, local (released entries zero). */
  F0c: Float64Array;
  /** Values at elimination of the released DOFs (for displacement recovery). */
  fc: Float64Array | null;
}

export interface AppliedResultant {
  force: Vec3;
  moment: Vec3;
  /** Sums of absolute values, the scales of the equilibrium check. */
  forceScale: number;
  momentScale: number;
}

export interface CaseLoads {
  /** Direct nodal loads, 6 per model node (global). */
  nodal: Float64Array;
  /** Member loads by frame index. */
  frames: Map<number, FrameCaseLoad>;
  applied: AppliedResultant;
}


function addResultant(r: AppliedResultant, p: Vec3, F: Vec3, M: Vec3, about: Vec3, lever: number): void {
  const dx = p[0] - about[0];
  const dy = p[1] - about[1];
  const dz = p[2] - about[2];
  r.force[0] += F[0];
  r.force[1] += F[1];
  r.force[2] += F[2];
  r.moment[0] += dy * F[2] - dz * F[1] + M[0];
  r.moment[1] += dz * F[0] - dx * F[2] + M[1];
  r.moment[2] += dx * F[1] - dy * F[0] + M[2];
  const fn = norm3(F[0], F[1], F[2]);
  r.forceScale += fn;
  r.momentScale += fn * (norm3(dx, dy, dz) + lever) + norm3(M[0], M[1], M[2]);
}

export function buildCaseLoads(model: AnalysisModel, prep: Prepared, nodeXYZ: Float64Array): CaseLoads[] {
  const nNodes = model.nodes.length;
  const cases = model.loadCases ?? [];
  const out: CaseLoads[] = cases.map(() => ({
    nodal: new Float64Array(6 * nNodes),
    frames: new Map<number, FrameCaseLoad>(),
    applied: { force: [0, 0, 0], moment: [0, 0, 0], forceScale: 0, momentScale: 0 },
  }));
  const pending: Map<number, LocalLoad[]>[] = cases.map(() => new Map());
  const push = (c: number, f: number, ld: LocalLoad): void => {
    const m = pending[c]!;
    const l = m.get(f);
    if (l) l.push(ld);
    else m.set(f, [ld]);
  };
  const num = (v: number | undefined): number => (typeof v === "number" ? v : 0);

  for (const ld of model.loads ?? []) {
    const c = prep.caseIndex.get(ld.case)!;
    if (ld.kind === "nodal") {
      const n = prep.nodeIndex.get(ld.node)!;
      const v = [num(ld.fx), num(ld.fy), num(ld.fz), num(ld.mx), num(ld.my), num(ld.mz)];
      const nodal = out[c]!.nodal;
      for (let d = 0; d < 6; d++) nodal[6 * n + d]! += v[d]!;
      continue;
    }
    const fr = prep.frames[prep.frameIndex.get(ld.frame)!]!;
    if (ld.kind === "frame_point") {
      let f: Vec3 = [num(ld.fx), num(ld.fy), num(ld.fz)];
      let m: Vec3 = [num(ld.mx), num(ld.my), num(ld.mz)];
      if (ld.axes === "global") {
        f = toLocal3(fr.R, f);
        m = toLocal3(fr.R, m);
      }
      push(c, fr.index, { type: "point", a: ld.position * fr.L, f, m });
    } else {
      let q1: Vec3 = [ld.w1[0], ld.w1[1], ld.w1[2]];
      let q2: Vec3 = [ld.w2[0], ld.w2[1], ld.w2[2]];
      if (ld.axes === "global") {
        if (ld.projected) {
          for (let k = 0; k < 3; k++) {
            const e = fr.R[k]!; // component k of local x
            const s = Math.sqrt(Math.max(0, 1 - e * e));
            q1[k]! *= s;
            q2[k]! *= s;
          }
        }
        q1 = toLocal3(fr.R, q1);
        q2 = toLocal3(fr.R, q2);
      }
      push(c, fr.index, { type: "dist", a: ld.start * fr.L, b: ld.end * fr.L, q1, q2 });
    }
  }
  // self-weight
  cases.forEach((lc, c) => {
    const factor = lc.selfWeight ? lc.selfWeight.factor : 0;
    if (!factor) return;
    const vert = model.verticalAxis === "Y" ? 1 : 2;
    for (const fr of prep.frames) {
      const w = fr.density * fr.props.A * GRAVITY * factor;
      if (w === 0) continue;
      const g: Vec3 = [0, 0, 0];
      g[vert] = -w;
      const q = toLocal3(fr.R, g);
      push(c, fr.index, { type: "dist", a: 0, b: fr.L, q1: q, q2: [q[0], q[1], q[2]] });
    }
  });

  // fixed-end forces, condensation, resultants
  const about = prep.center;
  cases.forEach((_, c) => {
    const cl = out[c]!;
    for (let n = 0; n < nNodes; n++) {
      const o = 6 * n;
      const F: Vec3 = [cl.nodal[o]!, cl.nodal[o + 1]!, cl.nodal[o + 2]!];
      const M: Vec3 = [cl.nodal[o + 3]!, cl.nodal[o + 4]!, cl.nodal[o + 5]!];
      if (F[0] || F[1] || F[2] || M[0] || M[1] || M[2]) addResultant(cl.applied, [nodeXYZ[3 * n]!, nodeXYZ[3 * n + 1]!, nodeXYZ[3 * n + 2]!], F, M, about, 0);
    }
    // fixed-end force vectors of all loaded members in one block (subarray views)
    const pool = new Float64Array(24 * pending[c]!.size);
    let at = 0;
    for (const [fi, loads] of pending[c]!) {
      const fr = prep.frames[fi]!;
      const F0 = fixedEndForces(fr.L, loads, pool.subarray(at, at + 12));
      const F0c = pool.subarray(at + 12, at + 24);
      F0c.set(F0);
      at += 24;
      const fc = fr.cond ? condenseLoad(fr.cond, F0c) : null;
      cl.frames.set(fi, { loads, F0, F0c, fc });
      addMemberResultant(cl.applied, fr, loads, nodeXYZ, about);
    }
  });
  return out;
}

function addMemberResultant(r: AppliedResultant, fr: FrameData, loads: LocalLoad[], xyz: Float64Array, about: Vec3): void {
  const R = fr.R;
  const pi: Vec3 = [xyz[3 * fr.ni]!, xyz[3 * fr.ni + 1]!, xyz[3 * fr.ni + 2]!];
  for (const ld of loads) {
    if (ld.type === "point") {
      const p: Vec3 = [pi[0] + ld.a * R[0]!, pi[1] + ld.a * R[1]!, pi[2] + ld.a * R[2]!];
      addResultant(r, p, toGlobal3(R, ld.f), toGlobal3(R, ld.m), about, 0);
    } else {
      // resultant F = ∫q and first moment Q = ∫ξ·q (local, ξ from node i), exact for linear q;
      // moment about `about` = (p_i − about) × F + e1 × Q
      const len = ld.b - ld.a;
      const F: Vec3 = [0, 0, 0];
      const Q: Vec3 = [0, 0, 0];
      for (let k = 0; k < 3; k++) {
        const q1 = ld.q1[k]!;
        const q2 = ld.q2[k]!;
        F[k] = ((q1 + q2) / 2) * len;
        // ∫_a^b ξ q dξ with q linear from q1 at a to q2 at b
        Q[k] = ld.a * F[k]! + ((q1 + 2 * q2) / 6) * len * len;
      }
      const Fg = toGlobal3(R, F);
      const Mg = toGlobal3(R, [0, -Q[2], Q[1]]);
      const dx = pi[0] - about[0];
      const dy = pi[1] - about[1];
      const dz = pi[2] - about[2];
      r.force[0] += Fg[0];
      r.force[1] += Fg[1];
      r.force[2] += Fg[2];
      r.moment[0] += dy * Fg[2] - dz * Fg[1] + Mg[0];
      r.moment[1] += dz * Fg[0] - dx * Fg[2] + Mg[1];
      r.moment[2] += dx * Fg[1] - dy * Fg[0] + Mg[2];
      const fabs = ((norm3(ld.q1[0], ld.q1[1], ld.q1[2]) + norm3(ld.q2[0], ld.q2[1], ld.q2[2])) / 2) * len;
      r.forceScale += fabs;
      r.momentScale += fabs * (norm3(dx, dy, dz) + ld.b);
    }
  }
}
