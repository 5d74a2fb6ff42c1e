/**
 * Node-graph orderings and the symbolic analysis of the supernodal Cholesky factor.
 *
 * Everything works on the NODE graph (one vertex per structural node, 6 DOFs each): a 6-DOF node is
 * the natural block of a frame model, so orderings and the elimination tree are computed on a
 * graph 36× smaller than the scalar one.
 *
 *   rcmOrder  reverse Cuthill–McKee (George & Liu, "Computer Solution of Large Sparse Positive
 *             Definite Systems", 1981, ch. 4) — bandwidth/profile reduction, used by the skyline.
 *   ndOrder   geometric nested dissection: recursive median-plane bisection, the vertex separator
 *             (nodes on the plane plus endpoints of edges that cross it) numbered last.
 *   amdOrder  approximate minimum degree on the quotient graph (Amestoy, Davis & Duff, SIMAX 1996),
 *             with element absorption and approximate external degrees (no supervariables).
 *   symbolic  elimination tree (Liu 1986), postorder, column structures, fundamental supernodes,
 *             relaxed amalgamation, front sizes, factor size, flop count and update-stack peak.
 */

/** Symmetric node adjacency (no self loops, sorted neighbour lists) plus coordinates. */
export interface NodeGraph {
  n: number;
  ptr: Int32Array;
  adj: Int32Array;
  /** x, y, z per node (for geometric nested dissection). */
  xyz: Float64Array;
}

// ── Reverse Cuthill–McKee ─────────────────────────────────────────────────────────────────────

/** Returns perm (new → old). */
export function rcmOrder(g: NodeGraph): Int32Array {
  const { n, ptr, adj } = g;
  const perm = new Int32Array(n);
  const visited = new Uint8Array(n);
  const level = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const deg = (v: number): number => ptr[v + 1]! - ptr[v]!;
  let out = 0;
  const touched: number[] = [];

  // BFS from s restricted to the unvisited component; returns [count, lastLevel]; fills queue.
  const bfs = (s: number): [number, number] => {
    for (const v of touched) level[v] = -1;
    touched.length = 0;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    level[s] = 0;
    touched.push(s);
    while (head < tail) {
      const v = queue[head++]!;
      for (let k = ptr[v]!; k < ptr[v + 1]!; k++) {
        const w = adj[k]!;
        if (visited[w] || level[w]! >= 0) continue;
        level[w] = level[v]! + 1;
        touched.push(w);
        queue[tail++] = w;
      }
    }
    return [tail, level[queue[tail - 1]!]!];
  };

  for (let s0 = 0; s0 < n; s0++) {
    if (visited[s0]) continue;
    // pseudo-peripheral start: min degree in the component, then George–Liu iterations
    let [cnt, ecc] = bfs(s0);
    let start = s0;
    for (let t = 0; t < cnt; t++) {
      const v = queue[t]!;
      if (deg(v) < deg(start)) start = v;
    }
    [cnt, ecc] = bfs(start);
    for (let iter = 0; iter < 8; iter++) {
      // min-degree node of the last level
      let cand = -1;
      for (let t = cnt - 1; t >= 0; t--) {
        const v = queue[t]!;
        if (level[v] !== ecc) break;
        if (cand < 0 || deg(v) < deg(cand)) cand = v;
      }
      if (cand < 0) break;
      const [c2, e2] = bfs(cand);
      if (e2 > ecc) {
        start = cand;
        ecc = e2;
        cnt = c2;
      } else {
        bfs(start);
        break;
      }
    }
    // Cuthill–McKee from start, neighbours by increasing degree
    const first = out;
    perm[out++] = start;
    visited[start] = 1;
    const nb: number[] = [];
    for (let h = first; h < out; h++) {
      const v = perm[h]!;
      nb.length = 0;
      for (let k = ptr[v]!; k < ptr[v + 1]!; k++) {
        const w = adj[k]!;
        if (!visited[w]) {
          visited[w] = 1;
          nb.push(w);
        }
      }
      nb.sort((a, b) => deg(a) - deg(b) || a - b);
      for (const w of nb) perm[out++] = w;
    }
    // reverse this component
    for (let a = first, b = out - 1; a < b; a++, b--) {
      const t = perm[a]!;
      perm[a] = perm[b]!;
      perm[b] = t;
    }
  }
  return perm;
}

// ── Geometric nested dissection ───────────────────────────────────────────────────────────────

export function ndOrder(g: NodeGraph, leafSize = 8): Int32Array {
  const { n, ptr, adj, xyz } = g;
  const perm = new Int32Array(n);
  let out = 0;
  const side = new Int8Array(n); // per current split: -1 A, 0 plane, 1 B
  const stamp = new Int32Array(n).fill(-1);
  let curStamp = 0;
  const inExtra = new Int32Array(n).fill(-1);
  let extraStamp = 0;

  // explicit stack of tasks: [set, isSeparatorEmit]
  type Task = { set: Int32Array; emit: boolean };
  const stack: Task[] = [{ set: Int32Array.from({ length: n }, (_, i) => i), emit: false }];
  const vals = new Float64Array(n);
  while (stack.length) {
    const task = stack.pop()!;
    const set = task.set;
    if (task.emit || set.length <= leafSize) {
      for (let t = 0; t < set.length; t++) perm[out++] = set[t]!;
      continue;
    }
    let best: { A: Int32Array; B: Int32Array; S: Int32Array } | null = null;
    for (let ax = 0; ax < 3; ax++) {
      const m = set.length;
      const v = vals.subarray(0, m);
      for (let t = 0; t < m; t++) v[t] = xyz[set[t]! * 3 + ax]!;
      v.sort();
      const lo = v[0]!;
      const hi = v[m - 1]!;
      if (!(hi > lo)) continue;
      const med = v[m >> 1]!;
      const tol = 1e-9 * (hi - lo);
      curStamp++;
      for (let t = 0; t < m; t++) {
        const node = set[t]!;
        stamp[node] = curStamp;
        const c = xyz[node * 3 + ax]!;
        side[node] = Math.abs(c - med) <= tol ? 0 : c < med ? -1 : 1;
      }
      // A-nodes with an edge straight into B join the separator
      extraStamp++;
      let nS = 0;
      let nA = 0;
      let nB = 0;
      for (let t = 0; t < m; t++) {
        const node = set[t]!;
        const s = side[node]!;
        if (s === 0) {
          nS++;
          continue;
        }
        if (s === 1) {
          nB++;
          continue;
        }
        let cross = false;
        for (let k = ptr[node]!; k < ptr[node + 1]!; k++) {
          const w = adj[k]!;
          if (stamp[w] === curStamp && side[w] === 1) {
            cross = true;
            break;
          }
        }
        if (cross) {
          inExtra[node] = extraStamp;
          nS++;
        } else nA++;
      }
      if (nA === 0 || nB === 0) continue;
      if (best && nS >= best.S.length) continue;
      const A = new Int32Array(nA);
      const B = new Int32Array(nB);
      const S = new Int32Array(nS);
      let a = 0;
      let b = 0;
      let s = 0;
      for (let t = 0; t < m; t++) {
        const node = set[t]!;
        const sd = side[node]!;
        if (sd === 0 || (sd === -1 && inExtra[node] === extraStamp)) S[s++] = node;
        else if (sd === -1) A[a++] = node;
        else B[b++] = node;
      }
      best = { A, B, S };
    }
    if (!best) {
      for (let t = 0; t < set.length; t++) perm[out++] = set[t]!;
      continue;
    }
    // order: A, B, then S (stack is LIFO)
    stack.push({ set: best.S, emit: true });
    stack.push({ set: best.B, emit: false });
    stack.push({ set: best.A, emit: false });
  }
  return perm;
}

// ── Approximate minimum degree ────────────────────────────────────────────────────────────────

/**
 * AMD on the quotient graph: eliminated nodes become "elements" (cliques) that absorb the
 * elements adjacent to them; each variable's degree is the AMD approximation
 *   d_i = min(n − k, d_i + |L_p \ i|, |A_i| + |L_p \ i| + Σ_{e ∈ E_i, e ≠ p} |L_e \ L_p|),
 * kept in degree buckets (doubly linked lists). `fifo` chooses the tie-break among equal degrees
 * (first or last inserted) — results depend noticeably on it and on the input numbering, which is
 * why the solver tries a few variants and keeps the cheapest (see sparse.ts).
 */
export function amdOrder(g: NodeGraph, fifo = false): Int32Array {
  const { n, ptr, adj } = g;
  // variable adjacency A_i (variables only): compacted in place inside a copy of adj
  const Aval = adj.slice();
  const Acnt = new Int32Array(n);
  for (let i = 0; i < n; i++) Acnt[i] = ptr[i + 1]! - ptr[i]!;
  // element lists E_i: per-variable growable Int32Array buffers
  const Ebuf: Int32Array[] = new Array(n);
  const Ecnt = new Int32Array(n);
  for (let i = 0; i < n; i++) Ebuf[i] = new Int32Array(4);
  // element member lists L_e: slices of one growable pool
  let pool = new Int32Array(Math.max(16, 4 * adj.length));
  let poolTop = 0;
  const Lstart = new Int32Array(n);
  const Llen = new Int32Array(n);
  const elim = new Uint8Array(n);
  const absorbed = new Uint8Array(n);
  const deg = new Int32Array(n);
  const head = new Int32Array(n + 1).fill(-1);
  const tail = new Int32Array(n + 1).fill(-1);
  const next = new Int32Array(n).fill(-1);
  const prev = new Int32Array(n).fill(-1);
  const insert = (v: number, d: number): void => {
    deg[v] = d;
    if (fifo) {
      prev[v] = tail[d]!;
      next[v] = -1;
      if (tail[d]! >= 0) next[tail[d]!] = v;
      else head[d] = v;
      tail[d] = v;
    } else {
      next[v] = head[d]!;
      prev[v] = -1;
      if (head[d]! >= 0) prev[head[d]!] = v;
      else tail[d] = v;
      head[d] = v;
    }
  };
  const remove = (v: number): void => {
    const d = deg[v]!;
    const p = prev[v]!;
    const nx = next[v]!;
    if (p >= 0) next[p] = nx;
    else head[d] = nx;
    if (nx >= 0) prev[nx] = p;
    else tail[d] = p;
  };
  for (let i = 0; i < n; i++) insert(i, Acnt[i]!);
  let minDeg = 0;
  const w = new Int32Array(n).fill(-1);
  const mark = new Int32Array(n).fill(-1);
  const perm = new Int32Array(n);
  const Lp = new Int32Array(n);
  const touched = new Int32Array(n);
  let out = 0;
  let st = 0;
  while (out < n) {
    while (head[minDeg] === -1) minDeg++;
    const p = head[minDeg]!;
    remove(p);
    elim[p] = 1;
    perm[out++] = p;
    st++;
    // L_p = (A_p ∪ ⋃_{e ∈ E_p} L_e) \ {p}; the elements of E_p are absorbed
    let nLp = 0;
    mark[p] = st;
    const a0 = ptr[p]!;
    for (let t = 0; t < Acnt[p]!; t++) {
      const v = Aval[a0 + t]!;
      if (!elim[v] && mark[v] !== st) {
        mark[v] = st;
        Lp[nLp++] = v;
      }
    }
    const Ep = Ebuf[p]!;
    for (let t = 0; t < Ecnt[p]!; t++) {
      const e = Ep[t]!;
      if (absorbed[e]) continue;
      const ls = Lstart[e]!;
      const le = ls + Llen[e]!;
      for (let q = ls; q < le; q++) {
        const v = pool[q]!;
        if (!elim[v] && mark[v] !== st) {
          mark[v] = st;
          Lp[nLp++] = v;
        }
      }
      absorbed[e] = 1;
    }
    if (poolTop + nLp > pool.length) {
      const bigger = new Int32Array(Math.max(2 * pool.length, poolTop + nLp));
      bigger.set(pool.subarray(0, poolTop));
      pool = bigger;
    }
    pool.set(Lp.subarray(0, nLp), poolTop);
    Lstart[p] = poolTop;
    Llen[p] = nLp;
    poolTop += nLp;
    Acnt[p] = 0;
    Ecnt[p] = 0;
    // w(e) = |L_e \ L_p| for the elements adjacent to L_p
    let nt = 0;
    for (let t = 0; t < nLp; t++) {
      const i = Lp[t]!;
      const Ei = Ebuf[i]!;
      for (let q = 0; q < Ecnt[i]!; q++) {
        const e = Ei[q]!;
        if (absorbed[e] || e === p) continue;
        if (w[e]! < 0) {
          w[e] = Llen[e]!;
          touched[nt++] = e;
        }
        w[e]!--;
      }
    }
    const nLeft = n - out;
    for (let t = 0; t < nLp; t++) {
      const i = Lp[t]!;
      // prune A_i: drop eliminated variables and those now covered by element p
      const ai = ptr[i]!;
      let cnt = 0;
      for (let q = 0; q < Acnt[i]!; q++) {
        const v = Aval[ai + q]!;
        if (!elim[v] && mark[v] !== st) Aval[ai + cnt++] = v;
      }
      Acnt[i] = cnt;
      let Ei = Ebuf[i]!;
      let sumE = 0;
      let ec = 0;
      for (let q = 0; q < Ecnt[i]!; q++) {
        const e = Ei[q]!;
        if (absorbed[e] || e === p) continue;
        if (w[e] === 0) continue; // aggressive absorption: L_e ⊆ L_p
        Ei[ec++] = e;
        sumE += w[e]!;
      }
      if (ec === Ei.length) {
        const bigger = new Int32Array(2 * Ei.length);
        bigger.set(Ei);
        Ebuf[i] = Ei = bigger;
      }
      Ei[ec++] = p;
      Ecnt[i] = ec;
      const d = Math.min(nLeft - 1, deg[i]! + nLp - 1, cnt + nLp - 1 + sumE);
      remove(i);
      insert(i, d);
      if (d < minDeg) minDeg = d;
    }
    for (let t = 0; t < nt; t++) {
      const e = touched[t]!;
      if (w[e] === 0) absorbed[e] = 1;
      w[e] = -1;
    }
  }
  return perm;
}

/** The graph renumbered by perm (new → old): node k of the result is node perm[k] of g. */
export function relabel(g: NodeGraph, perm: Int32Array): NodeGraph {
  const n = g.n;
  const inv = new Int32Array(n);
  for (let k = 0; k < n; k++) inv[perm[k]!] = k;
  const ptr = new Int32Array(n + 1);
  const adj = new Int32Array(g.adj.length);
  const xyz = new Float64Array(3 * n);
  for (let k = 0; k < n; k++) {
    const o = perm[k]!;
    let t = ptr[k]!;
    for (let q = g.ptr[o]!; q < g.ptr[o + 1]!; q++) adj[t++] = inv[g.adj[q]!]!;
    adj.subarray(ptr[k]!, t).sort();
    ptr[k + 1] = t;
    xyz[3 * k] = g.xyz[3 * o]!;
    xyz[3 * k + 1] = g.xyz[3 * o + 1]!;
    xyz[3 * k + 2] = g.xyz[3 * o + 2]!;
  }
  return { n, ptr, adj, xyz };
}

/** AMD run on the graph renumbered by `base` (e.g. RCM), returned in g's numbering. */
export function amdOn(g: NodeGraph, base: Int32Array, fifo: boolean): Int32Array {
  const inner = amdOrder(relabel(g, base), fifo);
  const perm = new Int32Array(g.n);
  for (let k = 0; k < g.n; k++) perm[k] = base[inner[k]!]!;
  return perm;
}

/**
 * Multiply-adds of the Cholesky factor for an ordering, from node column counts (row-subtree
 * counting on the elimination tree, O(nnz(L)) node-level work) — a cheap way to rank orderings.
 */
export function choleskyFlops(g: NodeGraph, perm: Int32Array): number {
  const { n, ptr, adj } = g;
  const iperm = new Int32Array(n);
  for (let k = 0; k < n; k++) iperm[perm[k]!] = k;
  const parent = etree(g, perm, iperm);
  const count = new Int32Array(n);
  const mark = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    mark[i] = i;
    const o = perm[i]!;
    for (let q = ptr[o]!; q < ptr[o + 1]!; q++) {
      let k = iperm[adj[q]!]!;
      if (k >= i) continue;
      while (mark[k] !== i) {
        count[k]!++;
        mark[k] = i;
        k = parent[k]!;
      }
    }
  }
  let flops = 0;
  for (let j = 0; j < n; j++) {
    const c6 = 6 * count[j]!;
    for (let q = 0; q < 6; q++) {
      const below = c6 + 5 - q;
      flops += below + (below * (below + 1)) / 2;
    }
  }
  return flops;
}

// ── Symbolic analysis ─────────────────────────────────────────────────────────────────────────

export interface SupernodalSymbolic {
  /** Final ordering (new → old node) and its inverse, postordered. */
  perm: Int32Array;
  iperm: Int32Array;
  /** Supernodes: node columns [first[s], first[s+1]). */
  nsuper: number;
  first: Int32Array;
  /** Row structure (new node indices > last column, ascending) of supernode s: rows[rowPtr[s]..rowPtr[s+1]). */
  rowPtr: Int32Array;
  rows: Int32Array;
  /** Supernodal elimination tree (−1 = root). */
  sparent: Int32Array;
  /** Offset (in doubles) of each supernode's dense panel (m × ns, column-major) in L. */
  lptr: Int32Array;
  /** Total doubles of L, largest update matrix (nr × nr, doubles), update-stack peak (doubles, packed lower). */
  lsize: number;
  maxW: number;
  stackPeak: number;
  maxFront: number;
  /** Multiply-adds of the numeric factorization (DOF level, explicit zeros included). */
  flops: number;
}

export interface AmalgamationOptions {
  /** Always merge when the merged supernode has at most this many nodes. */
  always: number;
  /** [maxNodes, maxZeroFraction] pairs, tried in order. */
  rules: [number, number][];
}

export const DEFAULT_AMALGAMATION: AmalgamationOptions = {
  always: 4,
  rules: [
    [16, 0.3],
    [48, 0.1],
    [Infinity, 0.04],
  ],
};

/** Elimination tree of the permuted graph (parent in new numbering, −1 = root). */
function etree(g: NodeGraph, perm: Int32Array, iperm: Int32Array): Int32Array {
  const { n, ptr, adj } = g;
  const parent = new Int32Array(n).fill(-1);
  const anc = new Int32Array(n).fill(-1);
  for (let j = 0; j < n; j++) {
    const o = perm[j]!;
    for (let k = ptr[o]!; k < ptr[o + 1]!; k++) {
      let i = iperm[adj[k]!]!;
      if (i >= j) continue;
      // climb from i to the root of its current subtree, compressing the path to j
      while (i !== -1 && i !== j) {
        const next = anc[i]!;
        anc[i] = j;
        if (next === -1) parent[i] = j;
        i = next;
      }
    }
  }
  return parent;
}

/** Postorder of a forest given by parent[] (children visited in increasing index). */
function postorder(parent: Int32Array): Int32Array {
  const n = parent.length;
  const head = new Int32Array(n).fill(-1);
  const next = new Int32Array(n).fill(-1);
  // children lists in increasing order: insert in reverse
  for (let j = n - 1; j >= 0; j--) {
    const p = parent[j]!;
    if (p === -1) continue;
    next[j] = head[p]!;
    head[p] = j;
  }
  const post = new Int32Array(n);
  const stack = new Int32Array(n);
  let k = 0;
  for (let r = 0; r < n; r++) {
    if (parent[r] !== -1) continue;
    let top = 0;
    stack[0] = r;
    while (top >= 0) {
      const v = stack[top]!;
      const c = head[v]!;
      if (c === -1) {
        post[k++] = v;
        top--;
      } else {
        head[v] = next[c]!;
        stack[++top] = c;
      }
    }
  }
  return post;
}

export function symbolic(g: NodeGraph, permIn: Int32Array, amal: AmalgamationOptions = DEFAULT_AMALGAMATION): SupernodalSymbolic {
  const { n, ptr, adj } = g;
  // 1. etree + postorder → final permutation
  let iperm = new Int32Array(n);
  for (let k = 0; k < n; k++) iperm[permIn[k]!] = k;
  let parent = etree(g, permIn, iperm);
  const post = postorder(parent);
  const perm = new Int32Array(n);
  for (let k = 0; k < n; k++) perm[k] = permIn[post[k]!]!;
  iperm = new Int32Array(n);
  for (let k = 0; k < n; k++) iperm[perm[k]!] = k;
  parent = etree(g, perm, iperm);

  // 2. column structures (node level): struct(j) = adj⁺(j) ∪ ⋃_children struct(c) \ {j}
  const childHead = new Int32Array(n).fill(-1);
  const childNext = new Int32Array(n).fill(-1);
  for (let j = n - 1; j >= 0; j--) {
    const p = parent[j]!;
    if (p < 0) continue;
    childNext[j] = childHead[p]!;
    childHead[p] = j;
  }
  const struct: (Int32Array | null)[] = new Array(n).fill(null);
  const count = new Int32Array(n); // |struct(j)|
  const mark = new Int32Array(n).fill(-1);
  const buf: number[] = [];
  for (let j = 0; j < n; j++) {
    buf.length = 0;
    mark[j] = j;
    const o = perm[j]!;
    for (let k = ptr[o]!; k < ptr[o + 1]!; k++) {
      const i = iperm[adj[k]!]!;
      if (i > j && mark[i] !== j) {
        mark[i] = j;
        buf.push(i);
      }
    }
    for (let c = childHead[j]!; c !== -1; c = childNext[c]!) {
      const sc = struct[c]!;
      for (let t = 0; t < sc.length; t++) {
        const i = sc[t]!;
        if (mark[i] !== j) {
          mark[i] = j;
          buf.push(i);
        }
      }
    }
    const s = Int32Array.from(buf);
    s.sort();
    struct[j] = s;
    count[j] = s.length;
  }

  // 3. fundamental supernodes: j joins j−1's supernode when parent(j−1) = j and count(j−1) = count(j) + 1
  const fundFirst: number[] = [];
  for (let j = 0; j < n; j++) {
    if (j > 0 && parent[j - 1] === j && count[j - 1] === count[j]! + 1) continue;
    fundFirst.push(j);
  }
  fundFirst.push(n);

  // 4. relaxed amalgamation of a supernode with the next one when the next is its parent
  const colSuper = new Int32Array(n);
  const nf = fundFirst.length - 1;
  for (let s = 0; s < nf; s++) for (let j = fundFirst[s]!; j < fundFirst[s + 1]!; j++) colSuper[j] = s;
  const fsParent = new Int32Array(nf).fill(-1);
  for (let s = 0; s < nf; s++) {
    const last = fundFirst[s + 1]! - 1;
    const p = parent[last]!;
    fsParent[s] = p < 0 ? -1 : colSuper[p]!;
  }
  const trueEntries = (s: number): number => {
    let t = 0;
    for (let j = fundFirst[s]!; j < fundFirst[s + 1]!; j++) t += count[j]! + 1;
    return t;
  };
  const first: number[] = [];
  {
    let gFirst = fundFirst[0]!;
    let gCols = fundFirst[1]! - fundFirst[0]!;
    let gTrue = nf > 0 ? trueEntries(0) : 0;
    for (let s = 0; s < nf; s++) {
      const isLast = s === nf - 1;
      if (!isLast && fsParent[s] === s + 1) {
        const pCols = fundFirst[s + 2]! - fundFirst[s + 1]!;
        const pLast = fundFirst[s + 2]! - 1;
        const pRows = count[pLast]!;
        const pTrue = trueEntries(s + 1);
        const ncols = gCols + pCols;
        const entries = (ncols * (ncols + 1)) / 2 + ncols * pRows;
        const zeros = entries - (gTrue + pTrue);
        let ok = ncols <= amal.always;
        if (!ok) {
          for (const [maxN, z] of amal.rules) {
            if (ncols <= maxN) {
              ok = zeros <= z * entries;
              break;
            }
          }
        }
        if (ok) {
          gCols = ncols;
          gTrue += pTrue;
          continue;
        }
      }
      first.push(gFirst);
      if (!isLast) {
        gFirst = fundFirst[s + 1]!;
        gCols = fundFirst[s + 2]! - fundFirst[s + 1]!;
        gTrue = trueEntries(s + 1);
      }
    }
  }
  const nsuper = first.length;
  const firstArr = new Int32Array(nsuper + 1);
  for (let s = 0; s < nsuper; s++) firstArr[s] = first[s]!;
  firstArr[nsuper] = n;

  // 5. row structures, supernodal tree, sizes, flops, stack peak
  const rowPtr = new Int32Array(nsuper + 1);
  for (let s = 0; s < nsuper; s++) rowPtr[s + 1] = rowPtr[s]! + count[firstArr[s + 1]! - 1]!;
  const rows = new Int32Array(rowPtr[nsuper]!);
  const superOf = new Int32Array(n);
  for (let s = 0; s < nsuper; s++) {
    const last = firstArr[s + 1]! - 1;
    rows.set(struct[last]!, rowPtr[s]!);
    for (let j = firstArr[s]!; j <= last; j++) superOf[j] = s;
  }
  const sparent = new Int32Array(nsuper).fill(-1);
  for (let s = 0; s < nsuper; s++) {
    if (rowPtr[s + 1]! > rowPtr[s]!) sparent[s] = superOf[rows[rowPtr[s]!]!]!;
  }
  const lptr = new Int32Array(nsuper + 1);
  let lsize = 0;
  let flops = 0;
  let maxW = 0;
  let maxFront = 0;
  let stack = 0;
  let stackPeak = 0;
  const childCount = new Int32Array(nsuper);
  for (let s = 0; s < nsuper; s++) if (sparent[s]! >= 0) childCount[sparent[s]!]!++;
  const stackSizes: number[] = [];
  for (let s = 0; s < nsuper; s++) {
    const ns = 6 * (firstArr[s + 1]! - firstArr[s]!);
    const nr = 6 * (rowPtr[s + 1]! - rowPtr[s]!);
    const m = ns + nr;
    lsize += m * ns;
    if (lsize >= 2 ** 31) throw new Error(`Factor too large (${lsize} doubles)`);
    lptr[s + 1] = lsize;
    maxW = Math.max(maxW, nr * nr);
    maxFront = Math.max(maxFront, m);
    for (let c = 0; c < ns; c++) {
      const below = m - c - 1;
      flops += below + (below * (below + 1)) / 2;
    }
    // children updates are on top of the stack: pop them after assembling this front
    stackPeak = Math.max(stackPeak, stack);
    for (let t = 0; t < childCount[s]!; t++) stack -= stackSizes.pop()!;
    if (nr > 0 && sparent[s]! >= 0) {
      const u = (nr * (nr + 1)) / 2;
      stackSizes.push(u);
      stack += u;
      stackPeak = Math.max(stackPeak, stack);
    }
  }
  return {
    perm,
    iperm,
    nsuper,
    first: firstArr,
    rowPtr,
    rows,
    sparent,
    lptr,
    lsize,
    maxW,
    stackPeak,
    maxFront,
    flops,
  };
}
