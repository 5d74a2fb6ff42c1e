/**
 * Dense kernel of the supernodal Cholesky: the symmetric rank-k update of a trapezoid
 *
 *   for t in [0, ncol), r in [t, nrow):   C[t·ldC + r] −= Σ_{p<kc} A[p·ldA + r] · A[p·ldA + t]
 *
 * on column-major panels (A: the kc just-factored columns of a front, rows from the current
 * column on; C: the trailing part). Entries with r < t inside a diagonal tile may be overwritten
 * with junk: they lie in the unused upper triangle. ncol and nrow must be even (they are: every
 * dimension is a multiple of 6, the DOFs of a node).
 *
 * Two implementations with identical semantics:
 *   - `jsKernel`: plain TypeScript on a Float64Array, 4×4 register tiles (≈2.4 G multiply-adds/s
 *     on the 2-vCPU EPYC the project benchmarks on; V8 has no FMA and no SIMD for JS).
 *   - `createWasmKernel`: the same loop nest emitted as a WebAssembly module with 128-bit SIMD
 *     (f64x2) by the tiny assembler below, compiled at run time from these bytes — no binary blob,
 *     no npm package, no build step. ≈6–7 G multiply-adds/s on the same machine. Returns null when
 *     WebAssembly/SIMD is unavailable (the caller falls back to JS).
 *
 * A second operation, `extendAdd`, adds a child's packed update matrix into its parent's front
 * through a position map (the multifrontal "extend-add").
 *
 * Addresses are given in doubles (and ints for the position map); the wasm wrapper scales them to
 * bytes. The wasm memory is exposed as a Float64Array (`mem`) followed by an Int32Array (`ints`):
 * the solver keeps all its dense storage there.
 */

export interface DenseKernel {
  readonly name: "wasm-simd" | "js";
  /** Storage of all dense data (may be replaced after `ensure`, so always read it from here). */
  mem: Float64Array;
  /** Integer workspace (position maps). */
  ints: Int32Array;
  /** Make room for nDoubles doubles and nInts ints (zero on first allocation). False if impossible. */
  ensure(nDoubles: number, nInts: number): boolean;
  syrk(a: number, ldA: number, kc: number, c: number, ldC: number, ncol: number, nrow: number): void;
  /**
   * Extend-add of a child's update matrix U (nrc × nrc, packed lower column-major at `u`, nrc = 6·nrcN)
   * into the parent's front: row/column block x of U goes to front block ints[pos + x] (position × 6,
   * ascending). Front columns < ns live in the panel at `lp` (column-major, leading dimension m);
   * the others in the update workspace at `w` (leading dimension nr, rows and columns shifted by ns).
   */
  extendAdd(u: number, nrcN: number, pos: number, lp: number, m: number, ns: number, w: number, nr: number): void;
}

function extendAddJs(M: Float64Array, P: Int32Array, u: number, nrcN: number, pos: number, lp: number, m: number, ns: number, w: number, nr: number): void {
  const nrc = 6 * nrcN;
  for (let x = 0; x < nrcN; x++) {
    const px6 = P[pos + x]!;
    for (let b = 0; b < 6; b++) {
      const q = x * 6 + b;
      const colStart = u + q * nrc - (q * (q - 1)) / 2 - q; // + row index
      const tc = px6 + b;
      const tb = tc < ns ? lp + tc * m : w + (tc - ns) * nr - ns;
      {
        const src = colStart + x * 6;
        const dst = tb + px6;
        for (let a = b; a < 6; a++) M[dst + a]! += M[src + a]!;
      }
      let src = colStart + x * 6 + 6;
      for (let y = x + 1; y < nrcN; y++, src += 6) {
        const dst = tb + P[pos + y]!;
        M[dst]! += M[src]!;
        M[dst + 1]! += M[src + 1]!;
        M[dst + 2]! += M[src + 2]!;
        M[dst + 3]! += M[src + 3]!;
        M[dst + 4]! += M[src + 4]!;
        M[dst + 5]! += M[src + 5]!;
      }
    }
  }
}

// ── JS kernel ─────────────────────────────────────────────────────────────────────────────────

function syrkJs(M: Float64Array, a: number, ldA: number, kc: number, c: number, ldC: number, ncol: number, nrow: number): void {
  let t = 0;
  for (; t + 4 <= ncol; t += 4) {
    const b = a + t;
    const c0 = c + t * ldC;
    const c1 = c0 + ldC;
    const c2 = c1 + ldC;
    const c3 = c2 + ldC;
    let r = t;
    for (; r + 4 <= nrow; r += 4) {
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      let pa = a + r;
      let pb = b;
      for (let p = 0; p < kc; p++, pa += ldA, pb += ldA) {
        const x0 = M[pa]!, x1 = M[pa + 1]!, x2 = M[pa + 2]!, x3 = M[pa + 3]!;
        let y = M[pb]!;
        s00 += x0 * y; s10 += x1 * y; s20 += x2 * y; s30 += x3 * y;
        y = M[pb + 1]!;
        s01 += x0 * y; s11 += x1 * y; s21 += x2 * y; s31 += x3 * y;
        y = M[pb + 2]!;
        s02 += x0 * y; s12 += x1 * y; s22 += x2 * y; s32 += x3 * y;
        y = M[pb + 3]!;
        s03 += x0 * y; s13 += x1 * y; s23 += x2 * y; s33 += x3 * y;
      }
      M[c0 + r]! -= s00; M[c0 + r + 1]! -= s10; M[c0 + r + 2]! -= s20; M[c0 + r + 3]! -= s30;
      M[c1 + r]! -= s01; M[c1 + r + 1]! -= s11; M[c1 + r + 2]! -= s21; M[c1 + r + 3]! -= s31;
      M[c2 + r]! -= s02; M[c2 + r + 1]! -= s12; M[c2 + r + 2]! -= s22; M[c2 + r + 3]! -= s32;
      M[c3 + r]! -= s03; M[c3 + r + 1]! -= s13; M[c3 + r + 2]! -= s23; M[c3 + r + 3]! -= s33;
    }
    if (r < nrow) {
      // 2-row remainder
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let pa = a + r;
      let pb = b;
      for (let p = 0; p < kc; p++, pa += ldA, pb += ldA) {
        const x0 = M[pa]!, x1 = M[pa + 1]!;
        let y = M[pb]!;
        s00 += x0 * y; s10 += x1 * y;
        y = M[pb + 1]!;
        s01 += x0 * y; s11 += x1 * y;
        y = M[pb + 2]!;
        s02 += x0 * y; s12 += x1 * y;
        y = M[pb + 3]!;
        s03 += x0 * y; s13 += x1 * y;
      }
      M[c0 + r]! -= s00; M[c0 + r + 1]! -= s10;
      M[c1 + r]! -= s01; M[c1 + r + 1]! -= s11;
      M[c2 + r]! -= s02; M[c2 + r + 1]! -= s12;
      M[c3 + r]! -= s03; M[c3 + r + 1]! -= s13;
    }
  }
  if (t < ncol) {
    // 2-column remainder
    const b = a + t;
    const c0 = c + t * ldC;
    const c1 = c0 + ldC;
    let r = t;
    for (; r + 4 <= nrow; r += 4) {
      let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
      let pa = a + r;
      let pb = b;
      for (let p = 0; p < kc; p++, pa += ldA, pb += ldA) {
        const x0 = M[pa]!, x1 = M[pa + 1]!, x2 = M[pa + 2]!, x3 = M[pa + 3]!;
        let y = M[pb]!;
        s00 += x0 * y; s10 += x1 * y; s20 += x2 * y; s30 += x3 * y;
        y = M[pb + 1]!;
        s01 += x0 * y; s11 += x1 * y; s21 += x2 * y; s31 += x3 * y;
      }
      M[c0 + r]! -= s00; M[c0 + r + 1]! -= s10; M[c0 + r + 2]! -= s20; M[c0 + r + 3]! -= s30;
      M[c1 + r]! -= s01; M[c1 + r + 1]! -= s11; M[c1 + r + 2]! -= s21; M[c1 + r + 3]! -= s31;
    }
    if (r < nrow) {
      let s00 = 0, s01 = 0, s10 = 0, s11 = 0;
      let pa = a + r;
      let pb = b;
      for (let p = 0; p < kc; p++, pa += ldA, pb += ldA) {
        const x0 = M[pa]!, x1 = M[pa + 1]!;
        let y = M[pb]!;
        s00 += x0 * y; s10 += x1 * y;
        y = M[pb + 1]!;
        s01 += x0 * y; s11 += x1 * y;
      }
      M[c0 + r]! -= s00; M[c0 + r + 1]! -= s10;
      M[c1 + r]! -= s01; M[c1 + r + 1]! -= s11;
    }
  }
}

export function jsKernel(): DenseKernel {
  const k: DenseKernel = {
    name: "js",
    mem: new Float64Array(0),
    ints: new Int32Array(0),
    ensure(nDoubles: number, nInts: number): boolean {
      try {
        if (nDoubles > k.mem.length) {
          const next = new Float64Array(nDoubles);
          next.set(k.mem);
          k.mem = next;
        }
        if (nInts > k.ints.length) {
          const next = new Int32Array(nInts);
          next.set(k.ints);
          k.ints = next;
        }
        return true;
      } catch {
        return false;
      }
    },
    syrk(a, ldA, kc, c, ldC, ncol, nrow) {
      syrkJs(k.mem, a, ldA, kc, c, ldC, ncol, nrow);
    },
    extendAdd(u, nrcN, pos, lp, m, ns, w, nr) {
      extendAddJs(k.mem, k.ints, u, nrcN, pos, lp, m, ns, w, nr);
    },
  };
  return k;
}

// ── A tiny WebAssembly assembler ──────────────────────────────────────────────────────────────

const uleb = (v: number): number[] => {
  const o: number[] = [];
  let n = v >>> 0;
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    o.push(b);
  } while (n);
  return o;
};
const sleb = (v: number): number[] => {
  const o: number[] = [];
  let n = v | 0;
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) {
      o.push(b);
      return o;
    }
    o.push(b | 0x80);
  }
};
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, bytes: number[]): number[] => [id, ...uleb(bytes.length), ...bytes];
const str = (s: string): number[] => vec([...s].map((ch) => [ch.charCodeAt(0)]));

const T_I32 = 0x7f;
const T_V128 = 0x7b;
const op = {
  get: (i: number) => [0x20, ...uleb(i)],
  set: (i: number) => [0x21, ...uleb(i)],
  i32: (v: number) => [0x41, ...sleb(v)],
  add: [0x6a],
  sub: [0x6b],
  mul: [0x6c],
  ges: [0x4e],
  lts: [0x48],
  shl: [0x74],
  shrs: [0x75],
  i32load: (off: number) => [0x28, 2, ...uleb(off)],
  f64load: (off: number) => [0x2b, 3, ...uleb(off)],
  f64store: (off: number) => [0x39, 3, ...uleb(off)],
  f64add: [0xa0],
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  if: [0x04, 0x40],
  else: [0x05],
  end: [0x0b],
  br: (d: number) => [0x0c, ...uleb(d)],
  brIf: (d: number) => [0x0d, ...uleb(d)],
  // memarg: align log2 = 3 (8 bytes; data is only 8-byte aligned), offset
  vload: (off: number) => [0xfd, ...uleb(0x00), 3, ...uleb(off)],
  vsplat: (off: number) => [0xfd, ...uleb(0x0a), 3, ...uleb(off)],
  vstore: (off: number) => [0xfd, ...uleb(0x0b), 3, ...uleb(off)],
  vzero: [0xfd, ...uleb(0x0c), ...new Array<number>(16).fill(0)],
  f64x2add: [0xfd, ...uleb(0xf0)],
  f64x2sub: [0xfd, ...uleb(0xf1)],
  f64x2mul: [0xfd, ...uleb(0xf2)],
};

/**
 * syrk(a, ldA, kc, c, ldC, ncol, nrow) with byte addresses/strides.
 * Locals: 0 a, 1 ldA, 2 kc, 3 c, 4 ldC, 5 ncol, 6 nrow | i32: 7 t, 8 r, 9 p, 10 pa, 11 pb, 12 pc |
 * v128: 13..20 accumulators, 21..22 row vectors, 23 splat.
 */
function syrkBody(): number[] {
  const A = 0, LDA = 1, KC = 2, C = 3, LDC = 4, NCOL = 5, NROW = 6;
  const T = 7, R = 8, P = 9, PA = 10, PB = 11, PC = 12, ACC = 13, X = 21, Y = 23;
  const b: number[] = [];
  const e = (...parts: number[][]): void => {
    for (const x of parts) b.push(...x);
  };
  // one rt×ct tile at (r, t): rt ∈ {4, 2} rows (rt/2 vectors), ct ∈ {4, 2} columns (splats)
  const tile = (rt: number, ct: number): void => {
    const nv = rt / 2;
    for (let q = 0; q < nv * ct; q++) e(op.vzero, op.set(ACC + q));
    // pa = a + r*8 ; pb = a + t*8 ; p = 0
    e(op.get(A), op.get(R), op.i32(3), [0x74] /* shl */, op.add, op.set(PA));
    e(op.get(A), op.get(T), op.i32(3), [0x74], op.add, op.set(PB));
    e(op.i32(0), op.set(P));
    e(op.loop);
    for (let v = 0; v < nv; v++) e(op.get(PA), op.vload(16 * v), op.set(X + v));
    for (let c = 0; c < ct; c++) {
      e(op.get(PB), op.vsplat(8 * c), op.set(Y));
      for (let v = 0; v < nv; v++) {
        const acc = ACC + c * nv + v;
        e(op.get(acc), op.get(X + v), op.get(Y), op.f64x2mul, op.f64x2add, op.set(acc));
      }
    }
    e(op.get(PA), op.get(LDA), op.add, op.set(PA));
    e(op.get(PB), op.get(LDA), op.add, op.set(PB));
    e(op.get(P), op.i32(1), op.add, op.set(P));
    e(op.get(P), op.get(KC), op.lts, op.brIf(0));
    e(op.end);
    // pc = c + t*ldC + r*8
    e(op.get(C), op.get(T), op.get(LDC), op.mul, op.add, op.get(R), op.i32(3), [0x74], op.add, op.set(PC));
    for (let c = 0; c < ct; c++) {
      for (let v = 0; v < nv; v++) {
        e(op.get(PC), op.get(PC), op.vload(16 * v), op.get(ACC + c * nv + v), op.f64x2sub, op.vstore(16 * v));
      }
      if (c < ct - 1) e(op.get(PC), op.get(LDC), op.add, op.set(PC));
    }
  };
  const rowsLoop = (ct: number): void => {
    e(op.get(T), op.set(R));
    e(op.block, op.loop);
    e(op.get(R), op.get(NROW), op.ges, op.brIf(1));
    e(op.get(NROW), op.get(R), op.sub, op.i32(4), op.ges, op.if);
    tile(4, ct);
    e(op.get(R), op.i32(4), op.add, op.set(R));
    e(op.else);
    tile(2, ct);
    e(op.get(R), op.i32(2), op.add, op.set(R));
    e(op.end);
    e(op.br(0), op.end, op.end);
  };
  e(op.i32(0), op.set(T));
  e(op.block, op.loop);
  e(op.get(T), op.get(NCOL), op.ges, op.brIf(1));
  e(op.get(NCOL), op.get(T), op.sub, op.i32(4), op.ges, op.if);
  rowsLoop(4);
  e(op.get(T), op.i32(4), op.add, op.set(T));
  e(op.else);
  rowsLoop(2);
  e(op.get(T), op.i32(2), op.add, op.set(T));
  e(op.end);
  e(op.br(0), op.end, op.end);
  e(op.end);
  const locals = vec([
    [...uleb(6), T_I32],
    [...uleb(11), T_V128],
  ]);
  return [...locals, ...b];
}

/**
 * extadd(u, nrcN, pos, lp, m, ns, w, nr) — byte addresses u, pos, lp, w; counts otherwise.
 * Locals: 0 u, 1 nrcN, 2 pos, 3 lp, 4 m, 5 ns, 6 w, 7 nr | i32: 8 x, 9 b, 10 px6, 11 q, 12 col,
 * 13 tc, 14 tb, 15 a, 16 y, 17 src, 18 dst, 19 nrc.
 */
function extendAddBody(): number[] {
  const U = 0, NRCN = 1, POS = 2, LP = 3, M = 4, NS = 5, W = 6, NR = 7;
  const X = 8, B = 9, PX6 = 10, Q = 11, COL = 12, TC = 13, TB = 14, A = 15, Y = 16, SRC = 17, DST = 18, NRC = 19;
  const b: number[] = [];
  const e = (...parts: number[][]): void => {
    for (const x of parts) b.push(...x);
  };
  const mul8 = (): void => e(op.i32(3), op.shl);
  e(op.get(NRCN), op.i32(6), op.mul, op.set(NRC));
  e(op.i32(0), op.set(X));
  e(op.block, op.loop);
  e(op.get(X), op.get(NRCN), op.ges, op.brIf(1));
  // px6 = ints[pos + x]
  e(op.get(POS), op.get(X), op.i32(2), op.shl, op.add, op.i32load(0), op.set(PX6));
  e(op.i32(0), op.set(B));
  e(op.block, op.loop);
  e(op.get(B), op.i32(6), op.ges, op.brIf(1));
  // q = 6x + b ; col = u + 8·(q·nrc − q(q−1)/2 − q)
  e(op.get(X), op.i32(6), op.mul, op.get(B), op.add, op.set(Q));
  e(op.get(Q), op.get(NRC), op.mul, op.get(Q), op.get(Q), op.i32(1), op.sub, op.mul, op.i32(1), op.shrs, op.sub, op.get(Q), op.sub);
  mul8();
  e(op.get(U), op.add, op.set(COL));
  // tc = px6 + b ; tb = tc < ns ? lp + 8·tc·m : w + 8·((tc − ns)·nr − ns)
  e(op.get(PX6), op.get(B), op.add, op.set(TC));
  e(op.get(TC), op.get(NS), op.lts, op.if);
  e(op.get(TC), op.get(M), op.mul);
  mul8();
  e(op.get(LP), op.add, op.set(TB));
  e(op.else);
  e(op.get(TC), op.get(NS), op.sub, op.get(NR), op.mul, op.get(NS), op.sub);
  mul8();
  e(op.get(W), op.add, op.set(TB));
  e(op.end);
  // diagonal block: a = b..5 : M[tb + 8(px6 + a)] += M[col + 8(6x + a)]
  e(op.get(B), op.set(A));
  e(op.loop);
  e(op.get(TB), op.get(PX6), op.get(A), op.add, op.i32(3), op.shl, op.add, op.set(DST));
  e(op.get(COL), op.get(X), op.i32(6), op.mul, op.get(A), op.add, op.i32(3), op.shl, op.add, op.set(SRC));
  e(op.get(DST), op.get(DST), op.f64load(0), op.get(SRC), op.f64load(0), op.f64add, op.f64store(0));
  e(op.get(A), op.i32(1), op.add, op.set(A));
  e(op.get(A), op.i32(6), op.lts, op.brIf(0));
  e(op.end);
  // off-diagonal blocks y > x: 6 contiguous doubles each, as three f64x2 adds
  e(op.get(X), op.i32(1), op.add, op.set(Y));
  e(op.get(COL), op.get(Y), op.i32(48), op.mul, op.add, op.set(SRC));
  e(op.block, op.loop);
  e(op.get(Y), op.get(NRCN), op.ges, op.brIf(1));
  e(op.get(TB), op.get(POS), op.get(Y), op.i32(2), op.shl, op.add, op.i32load(0), op.i32(3), op.shl, op.add, op.set(DST));
  for (let h = 0; h < 3; h++) e(op.get(DST), op.get(DST), op.vload(16 * h), op.get(SRC), op.vload(16 * h), op.f64x2add, op.vstore(16 * h));
  e(op.get(SRC), op.i32(48), op.add, op.set(SRC));
  e(op.get(Y), op.i32(1), op.add, op.set(Y));
  e(op.br(0), op.end, op.end);
  e(op.get(B), op.i32(1), op.add, op.set(B));
  e(op.br(0), op.end, op.end);
  e(op.get(X), op.i32(1), op.add, op.set(X));
  e(op.br(0), op.end, op.end);
  e(op.end);
  return [...vec([[...uleb(12), T_I32]]), ...b];
}

function buildModule(): Uint8Array<ArrayBuffer> {
  const syrk = syrkBody();
  const ext = extendAddBody();
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(
      1,
      vec([
        [0x60, ...vec(new Array<number[]>(7).fill([T_I32])), ...vec([])],
        [0x60, ...vec(new Array<number[]>(8).fill([T_I32])), ...vec([])],
      ]),
    ),
    ...section(3, vec([uleb(0), uleb(1)])),
    ...section(5, vec([[0x00, ...uleb(1)]])),
    ...section(7, vec([[...str("syrk"), 0x00, 0], [...str("extadd"), 0x00, 1], [...str("mem"), 0x02, 0]])),
    ...section(10, vec([[...uleb(syrk.length), ...syrk], [...uleb(ext.length), ...ext]])),
  ];
  return new Uint8Array(bytes);
}

type WasmExports = {
  syrk: (a: number, ldA: number, kc: number, c: number, ldC: number, ncol: number, nrow: number) => void;
  extadd: (u: number, nrcN: number, pos: number, lp: number, m: number, ns: number, w: number, nr: number) => void;
  mem: WebAssembly.Memory;
};

/** The module built by buildModule() exports these three; checked rather than assumed. */
function isWasmExports(e: WebAssembly.Exports): e is WasmExports {
  return typeof e.syrk === "function" && typeof e.extadd === "function" && e.mem instanceof WebAssembly.Memory;
}

/** Addressable bytes of the 32-bit wasm memory (4 GiB, less a margin). */
const WASM_MAX_BYTES = 2 ** 32 - 2 ** 20;

/** A fresh instance (own memory) per call, so nothing is shared between analyses. */
export function createWasmKernel(): DenseKernel | null {
  const WA = (globalThis as { WebAssembly?: typeof WebAssembly }).WebAssembly;
  if (!WA || typeof WA.Module !== "function") return null;
  let ex: WasmExports;
  try {
    const bytes = buildModule();
    if (!WA.validate(bytes)) return null;
    const inst = new WA.Instance(new WA.Module(bytes), {});
    if (!isWasmExports(inst.exports)) return null;
    ex = inst.exports;
  } catch {
    return null;
  }
  let nD = 0;
  const k: DenseKernel = {
    name: "wasm-simd",
    mem: new Float64Array(ex.mem.buffer),
    ints: new Int32Array(0),
    ensure(nDoubles: number, nInts: number): boolean {
      const needBytes = nDoubles * 8 + nInts * 4;
      if (needBytes > WASM_MAX_BYTES) return false;
      const have = ex.mem.buffer.byteLength;
      if (needBytes > have) {
        try {
          ex.mem.grow(Math.ceil((needBytes - have) / 65536));
        } catch {
          return false;
        }
      }
      nD = nDoubles;
      k.mem = new Float64Array(ex.mem.buffer, 0, nDoubles);
      k.ints = new Int32Array(ex.mem.buffer, nDoubles * 8, nInts);
      return true;
    },
    syrk(a, ldA, kc, c, ldC, ncol, nrow) {
      ex.syrk(a * 8, ldA * 8, kc, c * 8, ldC * 8, ncol, nrow);
    },
    extendAdd(u, nrcN, pos, lp, m, ns, w, nr) {
      ex.extadd(u * 8, nrcN, nD * 8 + pos * 4, lp * 8, m, ns, w * 8, nr);
    },
  };
  // self-test against the JS kernel on small problems (guards against a miscompiled module)
  try {
    const n = 10;
    const kc = 3;
    const nd = 1200;
    if (!k.ensure(nd, 8)) return null;
    const ref = jsKernel();
    ref.ensure(nd, 8);
    for (let i = 0; i < n * kc; i++) ref.mem[i] = Math.sin(i + 1);
    for (let i = 0; i < n * n; i++) ref.mem[n * n + i] = Math.cos(i);
    ref.ints.set([0, 6, 18, 24]);
    k.mem.set(ref.mem);
    k.ints.set(ref.ints);
    ref.syrk(0, n, kc, n * n, n, 6, n);
    k.syrk(0, n, kc, n * n, n, 6, n);
    // child update of 2 nodes (12×12 packed = 78 doubles at 0) into a front of 4 nodes (m = 24, ns = 12)
    ref.extendAdd(0, 2, 1, 300, 24, 12, 700, 12);
    k.extendAdd(0, 2, 1, 300, 24, 12, 700, 12);
    for (let i = 0; i < nd; i++) if (Math.abs(ref.mem[i]! - k.mem[i]!) > 1e-12) return null;
    k.mem.fill(0);
    k.ints.fill(0);
  } catch {
    return null;
  }
  return k;
}
