/**
 * Sparse symmetric positive definite solver on 6×6 node blocks: supernodal multifrontal Cholesky.
 *
 * Pipeline
 *   1. fill-reducing ordering of the NODE graph (AMD or geometric nested dissection; 'auto' runs
 *      both and keeps the one with fewer multiply-adds — RCM is available for comparison);
 *   2. symbolic analysis (ordering.ts): elimination tree, postorder, supernodes with relaxed
 *      amalgamation; every supernode owns a dense column-major panel of m × ns doubles
 *      (ns = 6 × its nodes, m = ns + 6 × the nodes of its row structure);
 *   3. numeric factorization, supernode by supernode in postorder (multifrontal): assemble the
 *      original 6×6 blocks of its columns, extend-add the children's update matrices (kept packed
 *      on a stack), factor the ns pivot columns in blocks of NB (scalar panel factorization with
 *      the pivot check), and apply each block's symmetric rank-NB update to the rest of the front
 *      with the dense kernel (kernels.ts: WebAssembly SIMD or plain JS);
 *   4. forward/back substitution per right-hand side, supernode panels traversed in order.
 *
 * All dense storage (factor panels, update workspace, update stack) lives in one Float64Array
 * (the wasm memory when the SIMD kernel is used). A pivot that is not greater than
 * tol × its original diagonal marks a mechanism DOF: it is recorded, its column is replaced by a
 * unit column (the DOF is decoupled) and factorization continues, so every unstable DOF is found in
 * one pass; `nullVector` then returns the mechanism mode L⁻ᵀ eq of each failure.
 */
import { createWasmKernel, jsKernel, type DenseKernel } from "./kernels";
import { amdOn, choleskyFlops, ndOrder, rcmOrder, symbolic, type AmalgamationOptions, type NodeGraph, type SupernodalSymbolic } from "./ordering";
import type { KernelName, OrderingName } from "./types";

/** The assembled stiffness matrix over the system nodes, as 6×6 blocks. */
export interface BlockMatrix extends NodeGraph {
  /** 36 doubles per adjacency entry k: block K(row node, adj[k]), row-major. */
  off: Float64Array;
  /** 36 doubles per node: diagonal block, row-major. */
  diag: Float64Array;
  /** 6 flags per node: 1 = restrained (row/column are identity). */
  fixed: Uint8Array;
}

export interface PivotFailure {
  /** System DOF (6 × system node + local DOF). */
  dof: number;
  /** pivot / original diagonal. */
  ratio: number;
}

export interface FactorStats {
  kernel: "wasm-simd" | "js" | "scalar";
  ordering: string;
  factorEntries: number;
  flops: number;
  supernodes: number;
  maxFront: number;
  orderMs: number;
  factorMs: number;
}

export interface LinearFactor {
  /** System DOFs (6 per system node). */
  n: number;
  failures: PivotFailure[];
  /** Solve K x = b for each right-hand side (system DOF numbering). */
  solve(rhs: Float64Array[]): Float64Array[];
  /** Mechanism mode of a failed pivot (system DOF numbering). */
  nullVector(f: PivotFailure): Float64Array;
  stats: FactorStats;
}

export interface SparseOptions {
  ordering?: OrderingName;
  kernel?: KernelName;
  pivotTolerance?: number;
  /** Columns per panel block (multiple of 6). */
  blockSize?: number;
  /** Relaxed supernode amalgamation rules (ordering.ts DEFAULT_AMALGAMATION). */
  amalgamation?: AmalgamationOptions;
  onProgress?: (fraction: number) => void;
}

const now = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());

/**
 * Choose an ordering and run the symbolic analysis.
 *
 * 'auto' ranks candidates by the multiply-adds of their factor (cheap column counts) and keeps the
 * best: AMD on the input numbering and on an RCM renumbering, and — only when the factorization
 * is expensive enough to pay for more ordering work — AMD on the nested-dissection numbering, AMD
 * with the other tie-break, and geometric nested dissection. "Expensive enough": a typical 7 %
 * gain in factor time (≈ flops / 8·10⁹ s) must exceed three more AMD runs (≈ 12 µs per node
 * each), i.e. flops > 4·10⁶ per node.
 * AMD's result depends a lot on tie-breaking, i.e. on the numbering it starts from (±20 %
 * multiply-adds on building models), hence several starts.
 */
export function analyseOrdering(g: NodeGraph, ordering: OrderingName = "auto", amalgamation?: AmalgamationOptions): { sym: SupernodalSymbolic; name: string } {
  let rcm: Int32Array | null = null;
  let nd: Int32Array | null = null;
  const getRcm = (): Int32Array => (rcm ??= rcmOrder(g));
  const getNd = (): Int32Array => (nd ??= ndOrder(g));
  const identity = (): Int32Array => Int32Array.from({ length: g.n }, (_, i) => i);
  type Cand = [string, () => Int32Array];
  let first: Cand[];
  let more: Cand[] = [];
  if (ordering === "amd") first = [["amd", () => amdOn(g, getRcm(), false)]];
  else if (ordering === "nd") first = [["nd", getNd]];
  else if (ordering === "rcm") first = [["rcm", getRcm]];
  else {
    first = [
      ["amd (input numbering)", () => amdOn(g, identity(), false)],
      ["amd", () => amdOn(g, getRcm(), false)],
    ];
    more = [
      ["amd (nd numbering)", () => amdOn(g, getNd(), false)],
      ["amd (fifo)", () => amdOn(g, getRcm(), true)],
      ["nd", getNd],
    ];
  }
  const ranked = first.length + more.length > 1;
  let best: { perm: Int32Array; name: string; flops: number } | null = null;
  const tryAll = (list: Cand[]): void => {
    for (const [name, fn] of list) {
      const perm = fn();
      const flops = ranked ? choleskyFlops(g, perm) : 0;
      if (!best || flops < best.flops) best = { perm, name, flops };
    }
  };
  tryAll(first);
  if (more.length && best!.flops > 4e6 * g.n) tryAll(more);
  return { sym: symbolic(g, best!.perm, amalgamation), name: best!.name };
}

export function factorSparse(B: BlockMatrix, opts: SparseOptions = {}): LinearFactor {
  const t0 = now();
  const { sym, name } = analyseOrdering(B, opts.ordering ?? "auto", opts.amalgamation);
  const t1 = now();
  const tol = opts.pivotTolerance ?? 1e-11;
  const NB = Math.max(6, Math.floor((opts.blockSize ?? 48) / 6) * 6);
  let kernel: DenseKernel | null = null;
  const need = sym.lsize + sym.maxW + sym.stackPeak + 8;
  if (need >= 2 ** 31) throw new Error(`Factor too large (${need} doubles)`);
  let maxRows = 0;
  for (let s = 0; s < sym.nsuper; s++) maxRows = Math.max(maxRows, sym.rowPtr[s + 1]! - sym.rowPtr[s]!);
  const needInts = maxRows + 8;
  if (opts.kernel !== "js") {
    kernel = createWasmKernel();
    if (kernel && !kernel.ensure(need, needInts)) kernel = null;
    if (!kernel && opts.kernel === "wasm") throw new Error("WebAssembly SIMD kernel unavailable");
  }
  if (!kernel) {
    kernel = jsKernel();
    if (!kernel.ensure(need, needInts)) throw new Error(`Not enough memory for the factor (${need} doubles)`);
  }
  const failures = numeric(B, sym, kernel, tol, NB, opts.onProgress);
  const t2 = now();
  const M = kernel.mem;
  const n = 6 * B.n;
  const { perm, iperm } = sym;

  /** Gather right-hand sides into the factor's ordering, interleaved. */
  const toNew = (bs: Float64Array[]): Float64Array => {
    const k = bs.length;
    const x = new Float64Array(n * k);
    for (let j = 0; j < B.n; j++) {
      const o = perm[j]!;
      for (let r = 0; r < k; r++) {
        const b = bs[r]!;
        for (let a = 0; a < 6; a++) x[(6 * j + a) * k + r] = b[6 * o + a]!;
      }
    }
    return x;
  };
  const toOld = (x: Float64Array, k: number): Float64Array[] => {
    const out: Float64Array[] = [];
    for (let r = 0; r < k; r++) {
      const b = new Float64Array(n);
      for (let o = 0; o < B.n; o++) {
        const j = iperm[o]!;
        for (let a = 0; a < 6; a++) b[6 * o + a] = x[(6 * j + a) * k + r]!;
      }
      out.push(b);
    }
    return out;
  };

  const failuresOut: PivotFailure[] = failures.map((f) => ({ dof: 6 * perm[Math.floor(f.dof / 6)]! + (f.dof % 6), ratio: f.ratio }));

  return {
    n,
    failures: failuresOut,
    solve(rhs: Float64Array[]): Float64Array[] {
      if (!rhs.length) return [];
      const x = toNew(rhs);
      forward(M, sym, x, rhs.length);
      backward(M, sym, x, rhs.length);
      return toOld(x, rhs.length);
    },
    nullVector(f: PivotFailure): Float64Array {
      const x = new Float64Array(n);
      const node = Math.floor(f.dof / 6);
      x[6 * iperm[node]! + (f.dof % 6)] = 1;
      backward(M, sym, x, 1);
      return toOld(x, 1)[0]!;
    },
    stats: {
      kernel: kernel.name,
      ordering: name,
      factorEntries: sym.lsize,
      flops: sym.flops,
      supernodes: sym.nsuper,
      maxFront: sym.maxFront,
      orderMs: t1 - t0,
      factorMs: t2 - t1,
    },
  };
}

function numeric(
  B: BlockMatrix,
  sym: SupernodalSymbolic,
  kernel: DenseKernel,
  tol: number,
  NB: number,
  onProgress?: (fraction: number) => void,
): PivotFailure[] {
  const { nsuper, first, rowPtr, rows, sparent, lptr, perm, iperm } = sym;
  const { ptr, adj, off, diag } = B;
  const M = kernel.mem;
  const wOff = sym.lsize | 0;
  const stOff = (wOff + sym.maxW) | 0;
  const relPos = new Int32Array(B.n).fill(-1);
  const pos = kernel.ints;
  const diag0 = new Float64Array(6 * B.n);
  const failures: PivotFailure[] = [];
  const childCount = new Int32Array(nsuper);
  for (let s = 0; s < nsuper; s++) if (sparent[s]! >= 0) childCount[sparent[s]!]!++;
  const stackOff: number[] = [];
  const stackSuper: number[] = [];
  let sp = stOff;
  let flopsDone = 0;
  let lastReport = 0;

  for (let s = 0; s < nsuper; s++) {
    const f = first[s]!;
    const l = first[s + 1]!;
    const nsN = l - f;
    const rs = rowPtr[s]!;
    const nrN = rowPtr[s + 1]! - rs;
    const ns = 6 * nsN;
    const nr = 6 * nrN;
    const m = ns + nr;
    const Lp = lptr[s]!;

    for (let j = f; j < l; j++) relPos[j] = j - f;
    for (let t = 0; t < nrN; t++) relPos[rows[rs + t]!] = nsN + t;
    for (let q = 0; q < nr; q++) M.fill(0, wOff + q * nr + q, wOff + (q + 1) * nr);

    // 1. original 6×6 blocks of the supernode's columns (lower part)
    for (let j = f; j < l; j++) {
      const pc = j - f;
      const o = perm[j]!;
      const db = o * 36;
      for (let b = 0; b < 6; b++) {
        const base = Lp + (pc * 6 + b) * m + pc * 6;
        for (let a = b; a < 6; a++) M[base + a] = diag[db + a * 6 + b]!;
        diag0[6 * j + b] = diag[db + b * 7]!;
      }
      for (let k = ptr[o]!; k < ptr[o + 1]!; k++) {
        const i = iperm[adj[k]!]!;
        if (i <= j) continue;
        const pi = relPos[i]!;
        const blk = k * 36;
        // front(i·6+a, j·6+b) = K(i, j)[a][b] = K(j, i)[b][a]
        for (let b = 0; b < 6; b++) {
          const base = Lp + (pc * 6 + b) * m + pi * 6;
          const src = blk + b * 6;
          for (let a = 0; a < 6; a++) M[base + a] = off[src + a]!;
        }
      }
    }

    // 2. extend-add the children's update matrices (top of the stack), packed lower column-major
    for (let t = 0; t < childCount[s]!; t++) {
      const uoff = stackOff.pop()!;
      const cs = stackSuper.pop()!;
      const crs = rowPtr[cs]!;
      const nrcN = rowPtr[cs + 1]! - crs;
      for (let y = 0; y < nrcN; y++) pos[y] = relPos[rows[crs + y]!]! * 6;
      kernel.extendAdd(uoff, nrcN, 0, Lp, m, ns, wOff, nr);
      sp = uoff;
    }

    // 3. partial factorization of the front: ns pivot columns in blocks of NB
    // Two levels: 6 columns (one node) at a time in scalar code, their rank-6 update of the rest
    // of the NB-column block and the block's rank-NB update of the trailing front by the kernel.
    for (let k0 = 0; k0 < ns; k0 += NB) {
      const k1 = Math.min(ns, k0 + NB);
      for (let c0 = k0; c0 < k1; c0 += 6) {
        const c1 = c0 + 6;
        factorNodePanel(M, Lp, m, c0, 6 * f, diag0, tol, failures);
        if (c1 < k1) kernel.syrk(Lp + c0 * m + c1, m, 6, Lp + c1 * m + c1, m, k1 - c1, m - c1);
      }
      const kc = k1 - k0;
      if (k1 < ns) kernel.syrk(Lp + k0 * m + k1, m, kc, Lp + k1 * m + k1, m, ns - k1, m - k1);
      if (nr > 0) kernel.syrk(Lp + k0 * m + ns, m, kc, wOff, nr, nr, nr);
    }

    // 4. push this front's update matrix (lower triangle of W, packed column-major)
    if (nr > 0 && sparent[s]! >= 0) {
      const uoff = sp;
      for (let q = 0; q < nr; q++) {
        const src = wOff + q * nr + q;
        M.copyWithin(uoff + q * nr - (q * (q - 1)) / 2, src, src + nr - q);
      }
      sp += (nr * (nr + 1)) / 2;
      stackOff.push(uoff);
      stackSuper.push(s);
    }

    if (onProgress) {
      for (let c = 0; c < ns; c++) {
        const below = m - c - 1;
        flopsDone += below + (below * (below + 1)) / 2;
      }
      if (flopsDone - lastReport > 0.02 * sym.flops) {
        lastReport = flopsDone;
        onProgress(flopsDone / sym.flops);
      }
    }
  }
  return failures;
}

/**
 * Forward substitution L y = b for the right-hand sides stored interleaved (x[dof·nrhs + r]),
 * two at a time, so the factor is read once per pair of load cases.
 */
function forward(M: Float64Array, sym: SupernodalSymbolic, x: Float64Array, nrhs: number): void {
  for (let r0 = 0; r0 < nrhs; r0 += 2) {
    if (r0 + 1 < nrhs) forward2(M, sym, x, nrhs, r0);
    else forward1(M, sym, x, nrhs, r0);
  }
}

function backward(M: Float64Array, sym: SupernodalSymbolic, x: Float64Array, nrhs: number): void {
  for (let r0 = 0; r0 < nrhs; r0 += 2) {
    if (r0 + 1 < nrhs) backward2(M, sym, x, nrhs, r0);
    else backward1(M, sym, x, nrhs, r0);
  }
}

function forward1(M: Float64Array, sym: SupernodalSymbolic, x: Float64Array, k: number, r: number): void {
  const { nsuper, first, rowPtr, rows, lptr } = sym;
  for (let s = 0; s < nsuper; s++) {
    const f = first[s]!;
    const ns = 6 * (first[s + 1]! - f);
    const rs = rowPtr[s]!;
    const nrN = rowPtr[s + 1]! - rs;
    const m = ns + 6 * nrN;
    const Lp = lptr[s]!;
    const base = 6 * f;
    for (let c = 0; c < ns; c++) {
      const col = Lp + c * m;
      const xo = (base + c) * k + r;
      const v = x[xo]! / M[col + c]!;
      x[xo] = v;
      if (v === 0) continue;
      for (let i = c + 1; i < ns; i++) x[(base + i) * k + r]! -= M[col + i]! * v;
      let src = col + ns;
      for (let t = 0; t < nrN; t++, src += 6) {
        const o = 6 * rows[rs + t]! * k + r;
        x[o]! -= M[src]! * v;
        x[o + k]! -= M[src + 1]! * v;
        x[o + 2 * k]! -= M[src + 2]! * v;
        x[o + 3 * k]! -= M[src + 3]! * v;
        x[o + 4 * k]! -= M[src + 4]! * v;
        x[o + 5 * k]! -= M[src + 5]! * v;
      }
    }
  }
}

function forward2(M: Float64Array, sym: SupernodalSymbolic, x: Float64Array, k: number, r: number): void {
  const { nsuper, first, rowPtr, rows, lptr } = sym;
  for (let s = 0; s < nsuper; s++) {
    const f = first[s]!;
    const ns = 6 * (first[s + 1]! - f);
    const rs = rowPtr[s]!;
    const nrN = rowPtr[s + 1]! - rs;
    const m = ns + 6 * nrN;
    const Lp = lptr[s]!;
    const base = 6 * f;
    for (let c = 0; c < ns; c++) {
      const col = Lp + c * m;
      const xo = (base + c) * k + r;
      const dc = M[col + c]!;
      const v0 = x[xo]! / dc;
      const v1 = x[xo + 1]! / dc;
      x[xo] = v0;
      x[xo + 1] = v1;
      if (v0 === 0 && v1 === 0) continue;
      for (let i = c + 1; i < ns; i++) {
        const l = M[col + i]!;
        const o = (base + i) * k + r;
        x[o]! -= l * v0;
        x[o + 1]! -= l * v1;
      }
      let src = col + ns;
      for (let t = 0; t < nrN; t++) {
        let o = 6 * rows[rs + t]! * k + r;
        for (let a = 0; a < 6; a++, src++, o += k) {
          const l = M[src]!;
          x[o]! -= l * v0;
          x[o + 1]! -= l * v1;
        }
      }
    }
  }
}

function backward1(M: Float64Array, sym: SupernodalSymbolic, x: Float64Array, k: number, r: number): void {
  const { nsuper, first, rowPtr, rows, lptr } = sym;
  for (let s = nsuper - 1; s >= 0; s--) {
    const f = first[s]!;
    const ns = 6 * (first[s + 1]! - f);
    const rs = rowPtr[s]!;
    const nrN = rowPtr[s + 1]! - rs;
    const m = ns + 6 * nrN;
    const Lp = lptr[s]!;
    const base = 6 * f;
    for (let c = ns - 1; c >= 0; c--) {
      const col = Lp + c * m;
      const xo = (base + c) * k + r;
      let sum = x[xo]!;
      for (let i = c + 1; i < ns; i++) sum -= M[col + i]! * x[(base + i) * k + r]!;
      let src = col + ns;
      for (let t = 0; t < nrN; t++, src += 6) {
        const o = 6 * rows[rs + t]! * k + r;
        sum -=
          M[src]! * x[o]! +
          M[src + 1]! * x[o + k]! +
          M[src + 2]! * x[o + 2 * k]! +
          M[src + 3]! * x[o + 3 * k]! +
          M[src + 4]! * x[o + 4 * k]! +
          M[src + 5]! * x[o + 5 * k]!;
      }
      x[xo] = sum / M[col + c]!;
    }
  }
}

function backward2(M: Float64Array, sym: SupernodalSymbolic, x: Float64Array, k: number, r: number): void {
  const { nsuper, first, rowPtr, rows, lptr } = sym;
  for (let s = nsuper - 1; s >= 0; s--) {
    const f = first[s]!;
    const ns = 6 * (first[s + 1]! - f);
    const rs = rowPtr[s]!;
    const nrN = rowPtr[s + 1]! - rs;
    const m = ns + 6 * nrN;
    const Lp = lptr[s]!;
    const base = 6 * f;
    for (let c = ns - 1; c >= 0; c--) {
      const col = Lp + c * m;
      const xo = (base + c) * k + r;
      let s0 = x[xo]!;
      let s1 = x[xo + 1]!;
      for (let i = c + 1; i < ns; i++) {
        const l = M[col + i]!;
        const o = (base + i) * k + r;
        s0 -= l * x[o]!;
        s1 -= l * x[o + 1]!;
      }
      let src = col + ns;
      for (let t = 0; t < nrN; t++) {
        let o = 6 * rows[rs + t]! * k + r;
        for (let a = 0; a < 6; a++, src++, o += k) {
          const l = M[src]!;
          s0 -= l * x[o]!;
          s1 -= l * x[o + 1]!;
        }
      }
      const dc = M[col + c]!;
      x[xo] = s0 / dc;
      x[xo + 1] = s1 / dc;
    }
  }
}

/**
 * Factor the 6 pivot columns c0..c0+5 of a front (one node): Cholesky of the 6×6 diagonal block
 * with the pivot check, then every row below is solved against it in one pass
 * (L21 = A21 · L11⁻ᵀ, the 6 values of a row held in locals).
 */
function factorNodePanel(M: Float64Array, Lp: number, m: number, c0: number, dof0: number, diag0: Float64Array, tol: number, failures: PivotFailure[]): void {
  const col0 = Lp + c0 * m;
  // 6×6 diagonal block, right-looking, lower part only
  const inv = [0, 0, 0, 0, 0, 0];
  for (let c = 0; c < 6; c++) {
    const col = col0 + c * m;
    const d = M[col + c0 + c]!;
    const dof = dof0 + c0 + c;
    const ref = diag0[dof]!;
    if (!(d > tol * ref) || !(ref > 0)) {
      failures.push({ dof, ratio: ref > 0 ? d / ref : 0 });
      M[col + c0 + c] = 1;
      M.fill(0, col + c0 + c + 1, col + m);
      inv[c] = 0;
      continue;
    }
    const lc = Math.sqrt(d);
    M[col + c0 + c] = lc;
    const iv = 1 / lc;
    inv[c] = iv;
    for (let r = c + 1; r < 6; r++) M[col + c0 + r]! *= iv;
    for (let c2 = c + 1; c2 < 6; c2++) {
      const fct = M[col + c0 + c2]!;
      if (fct === 0) continue;
      const col2 = col0 + c2 * m;
      for (let r = c2; r < 6; r++) M[col2 + c0 + r]! -= fct * M[col + c0 + r]!;
    }
  }
  const a0 = col0, a1 = a0 + m, a2 = a1 + m, a3 = a2 + m, a4 = a3 + m, a5 = a4 + m;
  const r0 = c0;
  const l10 = M[a0 + r0 + 1]!, l20 = M[a0 + r0 + 2]!, l30 = M[a0 + r0 + 3]!, l40 = M[a0 + r0 + 4]!, l50 = M[a0 + r0 + 5]!;
  const l21 = M[a1 + r0 + 2]!, l31 = M[a1 + r0 + 3]!, l41 = M[a1 + r0 + 4]!, l51 = M[a1 + r0 + 5]!;
  const l32 = M[a2 + r0 + 3]!, l42 = M[a2 + r0 + 4]!, l52 = M[a2 + r0 + 5]!;
  const l43 = M[a3 + r0 + 4]!, l53 = M[a3 + r0 + 5]!;
  const l54 = M[a4 + r0 + 5]!;
  const i0 = inv[0]!, i1 = inv[1]!, i2 = inv[2]!, i3 = inv[3]!, i4 = inv[4]!, i5 = inv[5]!;
  for (let i = c0 + 6; i < m; i++) {
    const x0 = M[a0 + i]! * i0;
    const x1 = (M[a1 + i]! - l10 * x0) * i1;
    const x2 = (M[a2 + i]! - l20 * x0 - l21 * x1) * i2;
    const x3 = (M[a3 + i]! - l30 * x0 - l31 * x1 - l32 * x2) * i3;
    const x4 = (M[a4 + i]! - l40 * x0 - l41 * x1 - l42 * x2 - l43 * x3) * i4;
    const x5 = (M[a5 + i]! - l50 * x0 - l51 * x1 - l52 * x2 - l53 * x3 - l54 * x4) * i5;
    M[a0 + i] = x0;
    M[a1 + i] = x1;
    M[a2 + i] = x2;
    M[a3 + i] = x3;
    M[a4 + i] = x4;
    M[a5 + i] = x5;
  }
}
