/**
 * Results: member end forces, reactions, diagrams (internal forces and deflections along each
 * member), summaries and the equilibrium check; combinations by linear superposition.
 *
 * Internal forces at a section x (positive-face convention, see types.ts) follow from statics of
 * the part [0, x]:  S(x) = −(F_i + loads on [0, x]),
 *                   M(x) = −(M_i + (−x·e1) × F_i + Σ (a − x)·e1 × P + M_P + ∫ (ξ − x)·e1 × q dξ).
 * Deflections are integrated from the exact curvature Mz/EIz, −My/EIy and strain N/EA (3-point
 * Gauss per smooth piece, exact for the cubic moments of trapezoidal loads) between the member-end
 * displacements, so midspan deflections of loaded members are exact, not Hermite-interpolated.
 */
import { globalToLocal12, localStiffness, localToGlobal12, mulK, recoverReleased, type LocalLoad } from "./element";
import type { CaseLoads, AppliedResultant } from "./loads";
import type { FrameData, Prepared } from "./prepare";
import type {
  AnalysisModel,
  EndForces,
  EquilibriumCheck,
  ExtremeForce,
  MemberDiagram,
  MemberEndForces,
  NodeDisplacement,
  NodeReaction,
  ResultSet,
  ResultSummary,
  Vec3,
} from "./types";

/** √(x² + y² + z²) (Math.hypot is much slower in V8). */
const norm3 = (x: number, y: number, z: number): number => Math.sqrt(x * x + y * y + z * z);

const GX = [-Math.sqrt(3 / 5), 0, Math.sqrt(3 / 5)];
const GW = [5 / 9, 8 / 9, 5 / 9];

/** Station positions of a frame; `right` = evaluate including loads applied exactly at x. */
export interface Stations {
  x: number[];
  right: boolean[];
}

export function frameStations(L: number, n: number, pointPositions: number[]): Stations {
  const base: number[] = [];
  for (let k = 0; k < n; k++) base.push((k / (n - 1)) * L);
  base[n - 1] = L;
  const tol = 1e-9 * L;
  const pts = [...new Set(pointPositions.filter((a) => a > tol && a < L - tol).map((a) => a))].sort((a, b) => a - b);
  const x: number[] = [];
  const right: boolean[] = [];
  let p = 0;
  for (let k = 0; k < base.length; k++) {
    const xb = base[k]!;
    while (p < pts.length && pts[p]! < xb - tol) {
      x.push(pts[p]!, pts[p]!);
      right.push(false, true);
      p++;
    }
    if (p < pts.length && Math.abs(pts[p]! - xb) <= tol) {
      x.push(pts[p]!, pts[p]!);
      right.push(false, true);
      p++;
      continue;
    }
    x.push(xb);
    right.push(k === 0); // at x = 0 include loads applied at the very end (interior value)
  }
  return { x, right };
}

/** Internal forces [N, Vy, Vz, T, My, Mz] at x. */
export function sectionForces(x: number, includeAt: boolean, F: ArrayLike<number>, loads: readonly LocalLoad[] | undefined, out: Float64Array): Float64Array {
  let Sx = F[0]!;
  let Sy = F[1]!;
  let Sz = F[2]!;
  let Mx = F[3]!;
  let My = F[4]! + x * F[2]!;
  let Mz = F[5]! - x * F[1]!;
  if (loads) {
    for (const ld of loads) {
      if (ld.type === "point") {
        if (ld.a < x || (includeAt && ld.a === x)) {
          const d = ld.a - x;
          Sx += ld.f[0];
          Sy += ld.f[1];
          Sz += ld.f[2];
          Mx += ld.m[0];
          My += -d * ld.f[2] + ld.m[1];
          Mz += d * ld.f[1] + ld.m[2];
        }
      } else if (x > ld.a) {
        const c = x < ld.b ? x : ld.b;
        const s = c - ld.a;
        const len = ld.b - ld.a;
        const d = ld.a - x;
        for (let k = 0; k < 3; k++) {
          const q1 = ld.q1[k]!;
          const kk = (ld.q2[k]! - q1) / len;
          const I0 = q1 * s + (kk * s * s) / 2;
          if (k === 0) Sx += I0;
          else if (k === 1) {
            Sy += I0;
            Mz += d * I0 + (q1 * s * s) / 2 + (kk * s * s * s) / 3;
          } else {
            Sz += I0;
            My -= d * I0 + (q1 * s * s) / 2 + (kk * s * s * s) / 3;
          }
        }
      }
    }
  }
  out[0] = 0 - Sx;
  out[1] = 0 - Sy;
  out[2] = 0 - Sz;
  out[3] = 0 - Mx;
  out[4] = 0 - My;
  out[5] = 0 - Mz;
  return out;
}

/** −0 → 0 (cleaner JSON and equality checks). */
const nz = (v: number): number => (v === 0 ? 0 : v);

const endForcesOf = (F: Float64Array, j: boolean): EndForces =>
  j
    ? { N: nz(F[6]!), Vy: nz(F[7]!), Vz: nz(F[8]!), T: nz(F[9]!), My: nz(F[10]!), Mz: nz(F[11]!) }
    : { N: nz(-F[0]!), Vy: nz(-F[1]!), Vz: nz(-F[2]!), T: nz(-F[3]!), My: nz(-F[4]!), Mz: nz(-F[5]!) };

export interface CaseSolution {
  /** 6 per model node, global. */
  U: Float64Array;
}

export interface ResultContext {
  model: AnalysisModel;
  prep: Prepared;
  xyz: Float64Array;
  stations: Stations[] | null;
  /** Member lengths by frame index. */
  lengths: number[];
}

/** Post-process one load case. */
export function caseResults(ctx: ResultContext, id: string, name: string, U: Float64Array, cl: CaseLoads): ResultSet {
  const { model, prep, stations } = ctx;
  const nNodes = model.nodes.length;
  const ug = new Float64Array(12);
  const ul = new Float64Array(12);
  const k = new Float64Array(144);
  const F = new Float64Array(12);
  const Fg = new Float64Array(12);
  const nodeSum = new Float64Array(6 * nNodes);
  const memberForces: MemberEndForces[] = new Array(prep.frames.length);
  const diagrams: MemberDiagram[] = stations ? new Array(prep.frames.length) : [];
  const sf = new Float64Array(6);
  const ws: Workspace = { buf: new Float64Array(256) };
  for (const fr of prep.frames) {
    for (let d = 0; d < 6; d++) {
      ug[d] = U[6 * fr.ni + d]!;
      ug[6 + d] = U[6 * fr.nj + d]!;
    }
    globalToLocal12(fr.R, ug, ul);
    const fl = cl.frames.get(fr.index);
    if (fr.cond) recoverReleased(fr.cond, ul, fl ? fl.fc : null);
    localStiffness(fr.props, fr.L, k);
    mulK(k, ul, F);
    if (fl) for (let d = 0; d < 12; d++) F[d]! += fl.F0[d]!;
    if (fr.released) for (const d of fr.released) F[d] = 0;
    localToGlobal12(fr.R, F, Fg);
    for (let d = 0; d < 6; d++) {
      nodeSum[6 * fr.ni + d]! += Fg[d]!;
      nodeSum[6 * fr.nj + d]! += Fg[6 + d]!;
    }
    memberForces[fr.index] = { frame: fr.id, i: endForcesOf(F, false), j: endForcesOf(F, true) };
    if (stations) diagrams[fr.index] = frameDiagram(fr, stations[fr.index]!, F, ul, fl ? fl.loads : undefined, sf, ws);
  }
  const displacements: NodeDisplacement[] = model.nodes.map((n, i) => ({
    node: n.id,
    ux: U[6 * i]!,
    uy: U[6 * i + 1]!,
    uz: U[6 * i + 2]!,
    rx: U[6 * i + 3]!,
    ry: U[6 * i + 4]!,
    rz: U[6 * i + 5]!,
  }));
  const reactions: NodeReaction[] = prep.supportNodes.map((n) => {
    const r = [0, 0, 0, 0, 0, 0];
    for (let d = 0; d < 6; d++) if (prep.restraint[6 * n + d]) r[d] = nodeSum[6 * n + d]! - cl.nodal[6 * n + d]!;
    return { node: model.nodes[n]!.id, fx: r[0]!, fy: r[1]!, fz: r[2]!, mx: r[3]!, my: r[4]!, mz: r[5]! };
  });
  const rs: ResultSet = {
    id,
    name,
    kind: "case",
    displacements,
    reactions,
    memberForces,
    diagrams,
    summary: emptySummary(),
    equilibrium: equilibrium(ctx, reactions, cl.applied),
  };
  rs.summary = summarize(rs, ctx.lengths);
  return rs;
}

/** Integration workspace reused across the members of one call (grown on demand). */
interface Workspace {
  buf: Float64Array;
}

function frameDiagram(fr: FrameData, st: Stations, F: Float64Array, ul: Float64Array, loads: LocalLoad[] | undefined, sf: Float64Array, ws: Workspace): MemberDiagram {
  const ns = st.x.length;
  const N = new Array<number>(ns);
  const Vy = new Array<number>(ns);
  const Vz = new Array<number>(ns);
  const T = new Array<number>(ns);
  const My = new Array<number>(ns);
  const Mz = new Array<number>(ns);
  for (let s = 0; s < ns; s++) {
    const xs = st.x[s]!;
    sectionForces(xs, st.right[s]!, F, loads, sf);
    N[s] = sf[0]!;
    Vy[s] = sf[1]!;
    Vz[s] = sf[2]!;
    T[s] = sf[3]!;
    My[s] = sf[4]!;
    Mz[s] = sf[5]!;
  }
  // Fast path (exact): no member loads, or only full-length uniform ones — Hermite interpolation of
  // the member-end displacements plus the fixed-end particular solutions
  //   v_p = q·x²(L−x)²/(24EI),  u_p = q·x(L−x)/(2EA).
  {
    const L0 = fr.L;
    let uniform = true;
    let qx = 0;
    let qy = 0;
    let qz = 0;
    if (loads) {
      for (const ld of loads) {
        if (ld.type !== "dist" || ld.a !== 0 || ld.b !== L0 || ld.q1[0] !== ld.q2[0] || ld.q1[1] !== ld.q2[1] || ld.q1[2] !== ld.q2[2]) {
          uniform = false;
          break;
        }
        qx += ld.q1[0];
        qy += ld.q1[1];
        qz += ld.q1[2];
      }
    }
    if (uniform) {
      const { E, A, Iy, Iz } = fr.props;
      const ux = new Array<number>(ns);
      const uy = new Array<number>(ns);
      const uz = new Array<number>(ns);
      for (let s = 0; s < ns; s++) {
        const x = st.x[s]!;
        const r = x / L0;
        const r2 = r * r;
        const r3 = r2 * r;
        const N1 = 1 - 3 * r2 + 2 * r3;
        const N2 = L0 * (r - 2 * r2 + r3);
        const N3 = 3 * r2 - 2 * r3;
        const N4 = L0 * (r3 - r2);
        const bub = (x * x * (L0 - x) * (L0 - x)) / 24;
        ux[s] = (1 - r) * ul[0]! + r * ul[6]! + (qx * x * (L0 - x)) / (2 * E * A);
        uy[s] = N1 * ul[1]! + N2 * ul[5]! + N3 * ul[7]! + N4 * ul[11]! + (qy * bub) / (E * Iz);
        uz[s] = N1 * ul[2]! - N2 * ul[4]! + N3 * ul[8]! - N4 * ul[10]! + (qz * bub) / (E * Iy);
      }
      return { frame: fr.id, length: L0, x: st.x.slice(), N, Vy, Vz, T, My, Mz, ux, uy, uz };
    }
  }
  // cumulative integrals over pieces split at the stations and at load breakpoints
  const L = fr.L;
  const xs: number[] = [];
  for (let s = 0; s < ns; s++) if (s === 0 || st.x[s] !== st.x[s - 1]) xs.push(st.x[s]!);
  if (loads) {
    let extra = false;
    for (const ld of loads) {
      const cands = ld.type === "point" ? [ld.a] : [ld.a, ld.b];
      for (const c of cands) if (c > 0 && c < L && !xs.includes(c)) {
        xs.push(c);
        extra = true;
      }
    }
    if (extra) xs.sort((p, q) => p - q);
  }
  const { E, A, Iy, Iz } = fr.props;
  const nx = xs.length;
  if (ws.buf.length < 5 * nx) ws.buf = new Float64Array(10 * nx);
  const K0v = ws.buf.subarray(0, nx);
  const K1v = ws.buf.subarray(nx, 2 * nx);
  const K0w = ws.buf.subarray(2 * nx, 3 * nx);
  const K1w = ws.buf.subarray(3 * nx, 4 * nx);
  const Au = ws.buf.subarray(4 * nx, 5 * nx);
  K0v[0] = K1v[0] = K0w[0] = K1w[0] = Au[0] = 0;
  const EIz = E * Iz;
  const EIy = E * Iy;
  const EA = E * A;
  for (let p = 0; p + 1 < nx; p++) {
    const a = xs[p]!;
    const h = xs[p + 1]! - a;
    let k0v = 0, k1v = 0, k0w = 0, k1w = 0, au = 0;
    for (let g = 0; g < 3; g++) {
      const xi = a + 0.5 * (GX[g]! + 1) * h;
      const w = GW[g]! * 0.5 * h;
      sectionForces(xi, false, F, loads, sf);
      const kv = sf[5]! / EIz;
      const kw = -sf[4]! / EIy;
      k0v += w * kv;
      k1v += w * xi * kv;
      k0w += w * kw;
      k1w += w * xi * kw;
      au += (w * sf[0]!) / EA;
    }
    K0v[p + 1] = K0v[p]! + k0v;
    K1v[p + 1] = K1v[p]! + k1v;
    K0w[p + 1] = K0w[p]! + k0w;
    K1w[p + 1] = K1w[p]! + k1w;
    Au[p + 1] = Au[p]! + au;
  }
  const e = nx - 1;
  const IvL = L * K0v[e]! - K1v[e]!;
  const IwL = L * K0w[e]! - K1w[e]!;
  const ux = new Array<number>(ns);
  const uy = new Array<number>(ns);
  const uz = new Array<number>(ns);
  let q = 0;
  for (let s = 0; s < ns; s++) {
    const x = st.x[s]!;
    while (xs[q] !== x) q++;
    const r = x / L;
    ux[s] = ul[0]! + Au[q]!;
    uy[s] = ul[1]! + (ul[7]! - ul[1]!) * r + (x * K0v[q]! - K1v[q]!) - r * IvL;
    uz[s] = ul[2]! + (ul[8]! - ul[2]!) * r + (x * K0w[q]! - K1w[q]!) - r * IwL;
  }
  return { frame: fr.id, length: L, x: st.x.slice(), N, Vy, Vz, T, My, Mz, ux, uy, uz };
}

function emptySummary(): ResultSummary {
  return { maxDisplacement: null, maxRotation: null, maxN: null, maxV: null, maxM: null, maxT: null };
}

export function summarize(rs: ResultSet, lengths: readonly number[]): ResultSummary {
  const s = emptySummary();
  let bestT = -1;
  let bestTi = -1;
  let bestR = -1;
  let bestRi = -1;
  let bestRd: "rx" | "ry" | "rz" = "rx";
  rs.displacements.forEach((d, i) => {
    const t = norm3(d.ux, d.uy, d.uz);
    if (t > bestT) {
      bestT = t;
      bestTi = i;
    }
    const ax = Math.abs(d.rx);
    const ay = Math.abs(d.ry);
    const az = Math.abs(d.rz);
    if (ax > bestR) {
      bestR = ax;
      bestRi = i;
      bestRd = "rx";
    }
    if (ay > bestR) {
      bestR = ay;
      bestRi = i;
      bestRd = "ry";
    }
    if (az > bestR) {
      bestR = az;
      bestRi = i;
      bestRd = "rz";
    }
  });
  if (bestTi >= 0) {
    const d = rs.displacements[bestTi]!;
    s.maxDisplacement = { value: bestT, node: d.node, ux: d.ux, uy: d.uy, uz: d.uz };
    s.maxRotation = { value: bestR, node: rs.displacements[bestRi]!.node, dof: bestRd };
  }
  // extremes tracked as (|value|, frame index, position, component, signed value)
  type Ext = { abs: number; f: number; x: number; c: ExtremeForce["component"]; v: number };
  const mk = (): Ext => ({ abs: -1, f: -1, x: 0, c: "N", v: 0 });
  const eN = mk();
  const eV = mk();
  const eM = mk();
  const eT = mk();
  const upd = (e: Ext, v: number, f: number, x: number, c: ExtremeForce["component"]): void => {
    const a = v < 0 ? -v : v;
    if (a > e.abs) {
      e.abs = a;
      e.f = f;
      e.x = x;
      e.c = c;
      e.v = v;
    }
  };
  rs.diagrams.forEach((dg, f) => {
    const n = dg.x.length;
    for (let k = 0; k < n; k++) {
      const x = dg.x[k]!;
      upd(eN, dg.N[k]!, f, x, "N");
      upd(eV, dg.Vy[k]!, f, x, "Vy");
      upd(eV, dg.Vz[k]!, f, x, "Vz");
      upd(eM, dg.My[k]!, f, x, "My");
      upd(eM, dg.Mz[k]!, f, x, "Mz");
      upd(eT, dg.T[k]!, f, x, "T");
    }
  });
  rs.memberForces.forEach((mf, f) => {
    const L = lengths[f] ?? 0;
    for (const [e, x] of [
      [mf.i, 0],
      [mf.j, L],
    ] as const) {
      upd(eN, e.N, f, x, "N");
      upd(eV, e.Vy, f, x, "Vy");
      upd(eV, e.Vz, f, x, "Vz");
      upd(eM, e.My, f, x, "My");
      upd(eM, e.Mz, f, x, "Mz");
      upd(eT, e.T, f, x, "T");
    }
  });
  const out = (e: Ext): ExtremeForce | null => (e.f < 0 ? null : { value: e.v, frame: rs.memberForces[e.f]!.frame, x: e.x, component: e.c });
  s.maxN = out(eN);
  s.maxV = out(eV);
  s.maxM = out(eM);
  s.maxT = out(eT);
  return s;
}

export function equilibrium(ctx: ResultContext, reactions: NodeReaction[], applied: AppliedResultant): EquilibriumCheck {
  const about = ctx.prep.center;
  const rf: Vec3 = [0, 0, 0];
  const rm: Vec3 = [0, 0, 0];
  let rScale = 0;
  for (const r of reactions) {
    const n = ctx.prep.nodeIndex.get(r.node)!;
    const dx = ctx.xyz[3 * n]! - about[0];
    const dy = ctx.xyz[3 * n + 1]! - about[1];
    const dz = ctx.xyz[3 * n + 2]! - about[2];
    rf[0] += r.fx;
    rf[1] += r.fy;
    rf[2] += r.fz;
    rm[0] += dy * r.fz - dz * r.fy + r.mx;
    rm[1] += dz * r.fx - dx * r.fz + r.my;
    rm[2] += dx * r.fy - dy * r.fx + r.mz;
    rScale += norm3(r.fx, r.fy, r.fz);
  }
  const resF: Vec3 = [applied.force[0] + rf[0], applied.force[1] + rf[1], applied.force[2] + rf[2]];
  const resM: Vec3 = [applied.moment[0] + rm[0], applied.moment[1] + rm[1], applied.moment[2] + rm[2]];
  const fScale = Math.max(applied.forceScale, rScale, 1e-30);
  const mScale = Math.max(applied.momentScale, fScale * ctx.prep.size, 1e-30);
  const rel = Math.max(norm3(resF[0], resF[1], resF[2]) / fScale, norm3(resM[0], resM[1], resM[2]) / mScale);
  return {
    about: [about[0], about[1], about[2]],
    appliedForce: [...applied.force],
    appliedMoment: [...applied.moment],
    reactionForce: rf,
    reactionMoment: rm,
    residualForce: resF,
    residualMoment: resM,
    relativeResidual: rel,
    ok: rel < 1e-6,
  };
}

/** Linear combination of case results (same stations). */
export function combine(ctx: ResultContext, id: string, name: string, parts: { rs: ResultSet; factor: number; applied: AppliedResultant }[]): ResultSet {
  const { model, prep } = ctx;
  const displacements: NodeDisplacement[] = model.nodes.map((n, i) => {
    const d: NodeDisplacement = { node: n.id, ux: 0, uy: 0, uz: 0, rx: 0, ry: 0, rz: 0 };
    for (const p of parts) {
      const src = p.rs.displacements[i]!;
      const f = p.factor;
      d.ux += f * src.ux;
      d.uy += f * src.uy;
      d.uz += f * src.uz;
      d.rx += f * src.rx;
      d.ry += f * src.ry;
      d.rz += f * src.rz;
    }
    return d;
  });
  const reactions: NodeReaction[] = prep.supportNodes.map((n, i) => {
    const r: NodeReaction = { node: model.nodes[n]!.id, fx: 0, fy: 0, fz: 0, mx: 0, my: 0, mz: 0 };
    for (const p of parts) {
      const src = p.rs.reactions[i]!;
      const f = p.factor;
      r.fx += f * src.fx;
      r.fy += f * src.fy;
      r.fz += f * src.fz;
      r.mx += f * src.mx;
      r.my += f * src.my;
      r.mz += f * src.mz;
    }
    return r;
  });
  const addEnd = (dst: EndForces, src: EndForces, f: number): void => {
    dst.N += f * src.N;
    dst.Vy += f * src.Vy;
    dst.Vz += f * src.Vz;
    dst.T += f * src.T;
    dst.My += f * src.My;
    dst.Mz += f * src.Mz;
  };
  const memberForces: MemberEndForces[] = prep.frames.map((fr) => {
    const idx = fr.index;
    const ei: EndForces = { N: 0, Vy: 0, Vz: 0, T: 0, My: 0, Mz: 0 };
    const ej: EndForces = { N: 0, Vy: 0, Vz: 0, T: 0, My: 0, Mz: 0 };
    for (const p of parts) {
      const src = p.rs.memberForces[idx]!;
      const f = p.factor;
      addEnd(ei, src.i, f);
      addEnd(ej, src.j, f);
    }
    return { frame: fr.id, i: ei, j: ej };
  });
  const acc = (a: number[], b: number[], f: number, n: number): void => {
    for (let k = 0; k < n; k++) a[k]! += f * b[k]!;
  };
  const zeros = (n: number): number[] => new Array<number>(n).fill(0);
  const diagrams: MemberDiagram[] = ctx.stations
    ? prep.frames.map((fr) => {
        const idx = fr.index;
        const st = ctx.stations![idx]!;
        const ns = st.x.length;
        const dg: MemberDiagram = {
          frame: fr.id,
          length: fr.L,
          x: st.x.slice(),
          N: zeros(ns),
          Vy: zeros(ns),
          Vz: zeros(ns),
          T: zeros(ns),
          My: zeros(ns),
          Mz: zeros(ns),
          ux: zeros(ns),
          uy: zeros(ns),
          uz: zeros(ns),
        };
        for (const p of parts) {
          const src = p.rs.diagrams[idx]!;
          const f = p.factor;
          acc(dg.N, src.N, f, ns);
          acc(dg.Vy, src.Vy, f, ns);
          acc(dg.Vz, src.Vz, f, ns);
          acc(dg.T, src.T, f, ns);
          acc(dg.My, src.My, f, ns);
          acc(dg.Mz, src.Mz, f, ns);
          acc(dg.ux, src.ux, f, ns);
          acc(dg.uy, src.uy, f, ns);
          acc(dg.uz, src.uz, f, ns);
        }
        return dg;
      })
    : [];
  const applied: AppliedResultant = { force: [0, 0, 0], moment: [0, 0, 0], forceScale: 0, momentScale: 0 };
  for (const p of parts) {
    for (let k = 0; k < 3; k++) {
      applied.force[k]! += p.factor * p.applied.force[k]!;
      applied.moment[k]! += p.factor * p.applied.moment[k]!;
    }
    applied.forceScale += Math.abs(p.factor) * p.applied.forceScale;
    applied.momentScale += Math.abs(p.factor) * p.applied.momentScale;
  }
  const rs: ResultSet = {
    id,
    name,
    kind: "combination",
    displacements,
    reactions,
    memberForces,
    diagrams,
    summary: emptySummary(),
    equilibrium: equilibrium(ctx, reactions, applied),
  };
  rs.summary = summarize(rs, ctx.lengths);
  return rs;
}
