/**
 * 3D Euler–Bernoulli frame element: local axes, 12×12 local stiffness, end releases by static
 * condensation, transformation to global axes, and member loads → fixed-end forces.
 *
 * Local DOF order (12): ux uy uz rx ry rz at i, then the same at j.
 * Textbook formulas (e.g. Przemieniecki, "Theory of Matrix Structural Analysis", ch. 5;
 * McGuire/Gallagher/Ziemian, "Matrix Structural Analysis", ch. 4–5).
 */
import type { Vec3, VerticalAxis } from "./types";

/** A member is "vertical" when |x · vertical| exceeds this (shared with lib/structural/geometry.ts). */
export const VERTICAL_MEMBER_COSINE = 0.999;

export interface LocalAxes {
  /** Rows of the 3×3 rotation R (global → local): R = [ex; ey; ez], row-major. */
  R: Float64Array;
  length: number;
  /** True when `orientation` was given but unusable (zero or parallel to x). */
  orientationIgnored: boolean;
}

/**
 * Local axes (see types.ts header for the rule). Returns null for zero length. `out` (9 doubles)
 * receives R when given (avoids one small allocation per member).
 */
export function frameAxes(
  xi: number,
  yi: number,
  zi: number,
  xj: number,
  yj: number,
  zj: number,
  roll: number,
  orientation: { x: number; y: number; z: number } | null | undefined,
  verticalAxis: VerticalAxis,
  out?: Float64Array,
): LocalAxes | null {
  const dx = xj - xi;
  const dy = yj - yi;
  const dz = zj - zi;
  const L = Math.sqrt(dx * dx + dy * dy + dz * dz);
  if (!(L > 0) || !Number.isFinite(L)) return null;
  const x0 = dx / L;
  const x1 = dy / L;
  const x2 = dz / L;
  let y0 = 0;
  let y1 = 0;
  let y2 = 0;
  let have = false;
  let orientationIgnored = false;
  if (orientation) {
    const r0 = orientation.x;
    const r1 = orientation.y;
    const r2 = orientation.z;
    const rn = Math.sqrt(r0 * r0 + r1 * r1 + r2 * r2);
    if (rn > 0 && Number.isFinite(rn)) {
      const d = r0 * x0 + r1 * x1 + r2 * x2;
      const p0 = r0 - d * x0;
      const p1 = r1 - d * x1;
      const p2 = r2 - d * x2;
      const pn = Math.sqrt(p0 * p0 + p1 * p1 + p2 * p2);
      if (pn > 1e-9 * rn) {
        y0 = p0 / pn;
        y1 = p1 / pn;
        y2 = p2 / pn;
        have = true;
      }
    }
    if (!have) orientationIgnored = true;
  }
  if (!have) {
    const up0 = 0;
    const up1 = verticalAxis === "Y" ? 1 : 0;
    const up2 = verticalAxis === "Y" ? 0 : 1;
    const c = x0 * up0 + x1 * up1 + x2 * up2;
    let r0 = up0;
    let r1 = up1;
    let r2 = up2;
    if (Math.abs(c) > VERTICAL_MEMBER_COSINE) {
      r0 = 1;
      r1 = 0;
      r2 = 0;
    }
    const d = r0 * x0 + r1 * x1 + r2 * x2;
    const p0 = r0 - d * x0;
    const p1 = r1 - d * x1;
    const p2 = r2 - d * x2;
    const pn = Math.sqrt(p0 * p0 + p1 * p1 + p2 * p2);
    y0 = p0 / pn;
    y1 = p1 / pn;
    y2 = p2 / pn;
  }
  // z = x × y
  let z0 = x1 * y2 - x2 * y1;
  let z1 = x2 * y0 - x0 * y2;
  let z2 = x0 * y1 - x1 * y0;
  if (roll !== 0) {
    const t = (roll * Math.PI) / 180;
    const c = Math.cos(t);
    const s = Math.sin(t);
    const ny0 = y0 * c + z0 * s;
    const ny1 = y1 * c + z1 * s;
    const ny2 = y2 * c + z2 * s;
    const nz0 = -y0 * s + z0 * c;
    const nz1 = -y1 * s + z1 * c;
    const nz2 = -y2 * s + z2 * c;
    y0 = ny0;
    y1 = ny1;
    y2 = ny2;
    z0 = nz0;
    z1 = nz1;
    z2 = nz2;
  }
  const R = out ?? new Float64Array(9);
  R[0] = x0;
  R[1] = x1;
  R[2] = x2;
  R[3] = y0;
  R[4] = y1;
  R[5] = y2;
  R[6] = z0;
  R[7] = z1;
  R[8] = z2;
  return { R, length: L, orientationIgnored };
}

export function axesVectors(R: Float64Array): { x: Vec3; y: Vec3; z: Vec3 } {
  return {
    x: [R[0]!, R[1]!, R[2]!],
    y: [R[3]!, R[4]!, R[5]!],
    z: [R[6]!, R[7]!, R[8]!],
  };
}

export interface SectionProps {
  E: number;
  G: number;
  A: number;
  Iy: number;
  Iz: number;
  J: number;
}

function setSym(out: Float64Array, r: number, c: number, v: number): void {
  out[r * 12 + c] = v;
  out[c * 12 + r] = v;
}

/** Local 12×12 stiffness (row-major) of an Euler–Bernoulli member without releases. */
export function localStiffness(p: SectionProps, L: number, out: Float64Array = new Float64Array(144)): Float64Array {
  out.fill(0);
  const a = (p.E * p.A) / L;
  setSym(out, 0, 0, a);
  setSym(out, 6, 6, a);
  setSym(out, 0, 6, -a);
  const t = (p.G * p.J) / L;
  setSym(out, 3, 3, t);
  setSym(out, 9, 9, t);
  setSym(out, 3, 9, -t);
  const L2 = L * L;
  // bending in x–y plane (v, θz), Iz: DOFs 1, 5, 7, 11
  {
    const k = (p.E * p.Iz) / (L * L2);
    setSym(out, 1, 1, 12 * k);
    setSym(out, 1, 5, 6 * L * k);
    setSym(out, 1, 7, -12 * k);
    setSym(out, 1, 11, 6 * L * k);
    setSym(out, 5, 5, 4 * L2 * k);
    setSym(out, 5, 7, -6 * L * k);
    setSym(out, 5, 11, 2 * L2 * k);
    setSym(out, 7, 7, 12 * k);
    setSym(out, 7, 11, -6 * L * k);
    setSym(out, 11, 11, 4 * L2 * k);
  }
  // bending in x–z plane (w, θy = −dw/dx), Iy: DOFs 2, 4, 8, 10
  {
    const k = (p.E * p.Iy) / (L * L2);
    setSym(out, 2, 2, 12 * k);
    setSym(out, 2, 4, -6 * L * k);
    setSym(out, 2, 8, -12 * k);
    setSym(out, 2, 10, -6 * L * k);
    setSym(out, 4, 4, 4 * L2 * k);
    setSym(out, 4, 8, 6 * L * k);
    setSym(out, 4, 10, 2 * L2 * k);
    setSym(out, 8, 8, 12 * k);
    setSym(out, 8, 10, 6 * L * k);
    setSym(out, 10, 10, 4 * L2 * k);
  }
  return out;
}

/** out(12) = k(12×12) · u(12). */
export function mulK(k: Float64Array, u: ArrayLike<number>, out: Float64Array): Float64Array {
  for (let r = 0; r < 12; r++) {
    let s = 0;
    const o = r * 12;
    for (let c = 0; c < 12; c++) s += k[o + c]! * u[c]!;
    out[r] = s;
  }
  return out;
}

/** Released local DOF indices (0..11) from 6-char codes; null when nothing is released. */
export function releasedDofs(releases: { i: string; j: string } | null | undefined): number[] | null {
  if (!releases) return null;
  const out: number[] = [];
  for (let e = 0; e < 2; e++) {
    const code = (e === 0 ? releases.i : releases.j) ?? "FFFFFF";
    for (let d = 0; d < 6; d++) if ((code[d] ?? "F").toUpperCase() === "R") out.push(e * 6 + d);
  }
  return out.length ? out : null;
}

/**
 * Static condensation record: released DOFs are eliminated one by one (Gaussian elimination on the
 * symmetric 12×12). `rows[t]` is row `dofs[t]` of the matrix at the moment it was eliminated and
 * `pivots[t]` its pivot (0 when the DOF had no stiffness left, e.g. torsion released at both ends:
 * the member then carries nothing in that DOF).
 */
export interface Condensation {
  dofs: number[];
  pivots: number[];
  rows: Float64Array[];
  /** DOFs with a zero pivot (an internal mechanism of the member). */
  zeroPivotDofs: number[];
}

/** Condense k in place (released rows/columns become zero). */
export function condense(k: Float64Array, released: number[]): Condensation {
  const pivots: number[] = [];
  const rows: Float64Array[] = [];
  const zero: number[] = [];
  let scale = 0;
  for (let d = 0; d < 12; d++) scale = Math.max(scale, Math.abs(k[d * 13]!));
  for (const c of released) {
    const p = k[c * 13]!;
    const row = new Float64Array(12);
    for (let j = 0; j < 12; j++) row[j] = k[c * 12 + j]!;
    if (!(p > 1e-13 * scale)) {
      pivots.push(0);
      zero.push(c);
    } else {
      pivots.push(p);
      for (let i = 0; i < 12; i++) {
        if (i === c) continue;
        const f = row[i]! / p;
        if (f === 0) continue;
        const o = i * 12;
        for (let j = 0; j < 12; j++) k[o + j]! -= f * row[j]!;
      }
    }
    rows.push(row);
    for (let j = 0; j < 12; j++) {
      k[c * 12 + j] = 0;
      k[j * 12 + c] = 0;
    }
  }
  return { dofs: released.slice(), pivots, rows, zeroPivotDofs: zero };
}

/**
 * Apply the condensation to a fixed-end force vector F0 (in place); returns the values F0[c] had
 * when each DOF was eliminated (needed to recover the released displacements).
 */
export function condenseLoad(cond: Condensation, F0: Float64Array): Float64Array {
  const fc = new Float64Array(cond.dofs.length);
  for (let t = 0; t < cond.dofs.length; t++) {
    const c = cond.dofs[t]!;
    const p = cond.pivots[t]!;
    const f = F0[c]!;
    fc[t] = f;
    if (p > 0 && f !== 0) {
      const row = cond.rows[t]!;
      for (let i = 0; i < 12; i++) if (i !== c) F0[i]! -= (row[i]! / p) * f;
    }
    F0[c] = 0;
  }
  return fc;
}

/**
 * Recover released local displacements in u (in place): at a released DOF the member end force is
 * zero, so u_c = −(Σ_j row_j u_j + f_c) / pivot, in reverse elimination order.
 */
export function recoverReleased(cond: Condensation, u: Float64Array, fc: Float64Array | null): void {
  for (let t = cond.dofs.length - 1; t >= 0; t--) {
    const c = cond.dofs[t]!;
    const p = cond.pivots[t]!;
    if (!(p > 0)) {
      u[c] = 0;
      continue;
    }
    const row = cond.rows[t]!;
    let s = fc ? fc[t]! : 0;
    for (let j = 0; j < 12; j++) if (j !== c) s += row[j]! * u[j]!;
    u[c] = -s / p;
  }
}

/**
 * Global 12×12 stiffness Kg = Tᵀ k T with T = diag(R, R, R, R); written row-major into out.
 * Computed 3×3 block by block: Kg_IJ = Rᵀ k_IJ R.
 */
export function toGlobal(k: Float64Array, R: Float64Array, out: Float64Array = new Float64Array(144), tmp: Float64Array = new Float64Array(9)): Float64Array {
  for (let I = 0; I < 4; I++) {
    for (let J = 0; J < 4; J++) {
      // tmp = k_IJ R  (3×3)
      let nz = false;
      for (let a = 0; a < 3; a++) {
        const kr = (I * 3 + a) * 12 + J * 3;
        const k0 = k[kr]!;
        const k1 = k[kr + 1]!;
        const k2 = k[kr + 2]!;
        if (k0 !== 0 || k1 !== 0 || k2 !== 0) nz = true;
        for (let b = 0; b < 3; b++) tmp[a * 3 + b] = k0 * R[b]! + k1 * R[3 + b]! + k2 * R[6 + b]!;
      }
      for (let a = 0; a < 3; a++) {
        const o = (I * 3 + a) * 12 + J * 3;
        if (!nz) {
          out[o] = 0;
          out[o + 1] = 0;
          out[o + 2] = 0;
          continue;
        }
        const ra0 = R[a]!;
        const ra1 = R[3 + a]!;
        const ra2 = R[6 + a]!;
        for (let b = 0; b < 3; b++) out[o + b] = ra0 * tmp[b]! + ra1 * tmp[3 + b]! + ra2 * tmp[6 + b]!;
      }
    }
  }
  return out;
}

/** Local (12) → global (12): g = Tᵀ l. */
export function localToGlobal12(R: Float64Array, l: ArrayLike<number>, g: Float64Array): Float64Array {
  for (let b = 0; b < 4; b++) {
    const o = b * 3;
    const a0 = l[o]!;
    const a1 = l[o + 1]!;
    const a2 = l[o + 2]!;
    g[o] = R[0]! * a0 + R[3]! * a1 + R[6]! * a2;
    g[o + 1] = R[1]! * a0 + R[4]! * a1 + R[7]! * a2;
    g[o + 2] = R[2]! * a0 + R[5]! * a1 + R[8]! * a2;
  }
  return g;
}

/** Global (12) → local (12): l = T g. */
export function globalToLocal12(R: Float64Array, g: ArrayLike<number>, l: Float64Array): Float64Array {
  for (let b = 0; b < 4; b++) {
    const o = b * 3;
    const a0 = g[o]!;
    const a1 = g[o + 1]!;
    const a2 = g[o + 2]!;
    l[o] = R[0]! * a0 + R[1]! * a1 + R[2]! * a2;
    l[o + 1] = R[3]! * a0 + R[4]! * a1 + R[5]! * a2;
    l[o + 2] = R[6]! * a0 + R[7]! * a1 + R[8]! * a2;
  }
  return l;
}

/** Global vector → local components. */
export function toLocal3(R: Float64Array, v: ArrayLike<number>): Vec3 {
  return [
    R[0]! * v[0]! + R[1]! * v[1]! + R[2]! * v[2]!,
    R[3]! * v[0]! + R[4]! * v[1]! + R[5]! * v[2]!,
    R[6]! * v[0]! + R[7]! * v[1]! + R[8]! * v[2]!,
  ];
}

/** Local vector → global components. */
export function toGlobal3(R: Float64Array, v: ArrayLike<number>): Vec3 {
  return [
    R[0]! * v[0]! + R[3]! * v[1]! + R[6]! * v[2]!,
    R[1]! * v[0]! + R[4]! * v[1]! + R[7]! * v[2]!,
    R[2]! * v[0]! + R[5]! * v[1]! + R[8]! * v[2]!,
  ];
}

// ── Member loads in local axes ───────────────────────────────────────────────────────────────

/** A point load at distance `a` from node i (local components). */
export interface LocalPointLoad {
  type: "point";
  a: number;
  f: Vec3;
  m: Vec3;
}

/** A linearly varying distributed force from a to b (local components, N/m at a and at b). */
export interface LocalDistLoad {
  type: "dist";
  a: number;
  b: number;
  q1: Vec3;
  q2: Vec3;
}

export type LocalLoad = LocalPointLoad | LocalDistLoad;

const GAUSS_X = [-Math.sqrt(3 / 5), 0, Math.sqrt(3 / 5)];
const GAUSS_W = [5 / 9, 8 / 9, 5 / 9];

/**
 * Equivalent nodal loads f = ∫ Nᵀ q (consistent, Hermite cubic shape functions — exact fixed-end
 * forces for Euler–Bernoulli members) accumulated into f (12, local). Fixed-end forces are −f.
 */
function addPointEquivalent(L: number, a: number, P: ArrayLike<number>, M: ArrayLike<number>, f: Float64Array): void {
  const s = a / L;
  const s2 = s * s;
  const s3 = s2 * s;
  const N1 = 1 - 3 * s2 + 2 * s3;
  const N2 = L * (s - 2 * s2 + s3);
  const N3 = 3 * s2 - 2 * s3;
  const N4 = L * (s3 - s2);
  const d1 = (-6 * s + 6 * s2) / L;
  const d2 = 1 - 4 * s + 3 * s2;
  const d3 = (6 * s - 6 * s2) / L;
  const d4 = 3 * s2 - 2 * s;
  const px = P[0]!;
  const py = P[1]!;
  const pz = P[2]!;
  const mx = M[0]!;
  const my = M[1]!;
  const mz = M[2]!;
  f[0]! += px * (1 - s);
  f[6]! += px * s;
  f[3]! += mx * (1 - s);
  f[9]! += mx * s;
  // v, θz
  f[1]! += py * N1 + mz * d1;
  f[5]! += py * N2 + mz * d2;
  f[7]! += py * N3 + mz * d3;
  f[11]! += py * N4 + mz * d4;
  // w, θy = −w'
  f[2]! += pz * N1 - my * d1;
  f[4]! += -pz * N2 + my * d2;
  f[8]! += pz * N3 - my * d3;
  f[10]! += -pz * N4 + my * d4;
}

const ZERO3: Vec3 = [0, 0, 0];

/** Fixed-end forces F0 (12, local) of a list of local loads: F0 = −∫ Nᵀ q. */
export function fixedEndForces(L: number, loads: readonly LocalLoad[], F0: Float64Array = new Float64Array(12)): Float64Array {
  F0.fill(0);
  const q = [0, 0, 0];
  for (const ld of loads) {
    if (ld.type === "point") {
      addPointEquivalent(L, ld.a, ld.f, ld.m, F0);
    } else {
      const len = ld.b - ld.a;
      if (!(len > 0)) continue;
      for (let g = 0; g < 3; g++) {
        const t = 0.5 * (GAUSS_X[g]! + 1); // 0..1 within [a, b]
        const w = GAUSS_W[g]! * 0.5 * len;
        for (let c = 0; c < 3; c++) q[c] = (ld.q1[c]! + (ld.q2[c]! - ld.q1[c]!) * t) * w;
        addPointEquivalent(L, ld.a + t * len, q, ZERO3, F0);
      }
    }
  }
  for (let d = 0; d < 12; d++) F0[d] = -F0[d]!;
  return F0;
}
