/**
 * Baseline solver: reverse Cuthill–McKee node ordering + scalar envelope (skyline) Cholesky.
 *
 * The classic profile method (Jennings 1966; George & Liu 1981, ch. 4): restrained DOFs are
 * dropped, equations are numbered node by node in RCM order, row r stores the envelope from its
 * first non-zero column to the diagonal, and the factor is computed row by row with scalar dot
 * products ("bordering"). It is kept as the reference the sparse solver is measured against and
 * for cross-checking results; it has the same pivot check and mechanism modes.
 */
import { rcmOrder } from "./ordering";
import type { BlockMatrix, LinearFactor, PivotFailure } from "./sparse";

const now = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());

export function factorSkyline(B: BlockMatrix, opts: { pivotTolerance?: number; onProgress?: (f: number) => void } = {}): LinearFactor {
  const t0 = now();
  const tol = opts.pivotTolerance ?? 1e-11;
  const { n: nn, ptr, adj, off, diag, fixed } = B;
  const perm = rcmOrder(B);
  // equation numbers
  const eqOf = new Int32Array(6 * nn).fill(-1);
  let neq = 0;
  const nodeFirstEq = new Int32Array(nn).fill(-1);
  for (let k = 0; k < nn; k++) {
    const o = perm[k]!;
    for (let a = 0; a < 6; a++) {
      if (fixed[6 * o + a]) continue;
      if (nodeFirstEq[o] === -1) nodeFirstEq[o] = neq;
      eqOf[6 * o + a] = neq++;
    }
  }
  const dofOfEq = new Int32Array(neq);
  for (let d = 0; d < 6 * nn; d++) if (eqOf[d]! >= 0) dofOfEq[eqOf[d]!] = d;
  // envelope: first column of each row
  const firstCol = new Int32Array(neq);
  for (let o = 0; o < nn; o++) {
    if (nodeFirstEq[o] === -1) continue;
    let mn = nodeFirstEq[o]!;
    for (let k = ptr[o]!; k < ptr[o + 1]!; k++) {
      const e = nodeFirstEq[adj[k]!]!;
      if (e >= 0 && e < mn) mn = e;
    }
    for (let a = 0; a < 6; a++) {
      const r = eqOf[6 * o + a]!;
      if (r >= 0) firstCol[r] = Math.min(mn, r);
    }
  }
  let size = 0;
  for (let r = 0; r < neq; r++) size += r - firstCol[r]! + 1;
  if (size >= 2 ** 31) throw new Error(`Envelope too large for the skyline solver (${size} entries)`);
  const rowStart = new Int32Array(neq + 1); // offset of (r, firstCol[r])
  for (let r = 0; r < neq; r++) rowStart[r + 1] = rowStart[r]! + (r - firstCol[r]! + 1);
  const L = new Float64Array(size);
  const at = (r: number, c: number): number => rowStart[r]! + (c - firstCol[r]!);
  // assemble lower triangle
  for (let o = 0; o < nn; o++) {
    for (let a = 0; a < 6; a++) {
      const r = eqOf[6 * o + a]!;
      if (r < 0) continue;
      for (let b = 0; b < 6; b++) {
        const c = eqOf[6 * o + b]!;
        if (c < 0 || c > r) continue;
        L[at(r, c)] = diag[o * 36 + a * 6 + b]!;
      }
      for (let k = ptr[o]!; k < ptr[o + 1]!; k++) {
        const w = adj[k]!;
        for (let b = 0; b < 6; b++) {
          const c = eqOf[6 * w + b]!;
          if (c < 0 || c > r) continue;
          L[at(r, c)] = off[k * 36 + a * 6 + b]!;
        }
      }
    }
  }
  const diag0 = new Float64Array(neq);
  for (let r = 0; r < neq; r++) diag0[r] = L[at(r, r)]!;
  let flops = 0;
  for (let r = 0; r < neq; r++) {
    const w = r - firstCol[r]!;
    flops += (w * (w + 1)) / 2 + w;
  }
  // factor row by row
  const failed = new Uint8Array(neq);
  const failures: PivotFailure[] = [];
  const t1 = now();
  let lastReport = 0;
  for (let r = 0; r < neq; r++) {
    const fr = firstCol[r]!;
    const rs = rowStart[r]! - fr; // L(r, c) = L[rs + c]
    for (let c = fr; c < r; c++) {
      if (failed[c]) {
        L[rs + c] = 0;
        continue;
      }
      const fc = firstCol[c]!;
      const cs = rowStart[c]! - fc;
      const k0 = fr > fc ? fr : fc;
      let s = L[rs + c]!;
      for (let k = k0; k < c; k++) s -= L[rs + k]! * L[cs + k]!;
      L[rs + c] = s / L[cs + c]!;
    }
    let d = L[rs + r]!;
    for (let k = fr; k < r; k++) {
      const v = L[rs + k]!;
      d -= v * v;
    }
    const ref = diag0[r]!;
    if (!(d > tol * ref) || !(ref > 0)) {
      failed[r] = 1;
      failures.push({ dof: dofOfEq[r]!, ratio: ref > 0 ? d / ref : 0 });
      L[rs + r] = 1;
    } else L[rs + r] = Math.sqrt(d);
    if (opts.onProgress && r - lastReport > neq / 50) {
      lastReport = r;
      const frac = r / neq;
      opts.onProgress(frac * frac);
    }
  }
  const t2 = now();

  const forwardBackward = (y: Float64Array, doForward: boolean): void => {
    if (doForward) {
      for (let r = 0; r < neq; r++) {
        const fr = firstCol[r]!;
        const rs = rowStart[r]! - fr;
        let s = y[r]!;
        for (let k = fr; k < r; k++) s -= L[rs + k]! * y[k]!;
        y[r] = s / L[rs + r]!;
      }
    }
    for (let r = neq - 1; r >= 0; r--) {
      const fr = firstCol[r]!;
      const rs = rowStart[r]! - fr;
      const xr = y[r]! / L[rs + r]!;
      y[r] = xr;
      if (xr === 0) continue;
      for (let k = fr; k < r; k++) y[k]! -= L[rs + k]! * xr;
    }
  };
  const n = 6 * nn;
  const scatter = (y: Float64Array): Float64Array => {
    const x = new Float64Array(n);
    for (let r = 0; r < neq; r++) x[dofOfEq[r]!] = y[r]!;
    return x;
  };
  return {
    n,
    failures,
    solve(rhs: Float64Array[]): Float64Array[] {
      return rhs.map((b) => {
        const y = new Float64Array(neq);
        for (let r = 0; r < neq; r++) y[r] = b[dofOfEq[r]!]!;
        forwardBackward(y, true);
        return scatter(y);
      });
    },
    nullVector(f: PivotFailure): Float64Array {
      const y = new Float64Array(neq);
      y[eqOf[f.dof]!] = 1;
      forwardBackward(y, false);
      return scatter(y);
    },
    stats: {
      kernel: "scalar",
      ordering: "rcm",
      factorEntries: size,
      flops,
      supernodes: 0,
      maxFront: 0,
      orderMs: t1 - t0,
      factorMs: t2 - t1,
    },
  };
}
