/**
 * Global assembly into 6×6 node blocks over the "system" nodes (nodes used by a frame with at
 * least one unrestrained DOF). Fully restrained nodes and nodes used by no frame are left out:
 * their displacements are zero and their reactions come from member end forces.
 */
import { localStiffness, toGlobal } from "./element";
import type { Prepared } from "./prepare";
import type { BlockMatrix } from "./sparse";

export interface Assembled {
  B: BlockMatrix;
  /** Model node → system node (−1 when not in the system). */
  sysOf: Int32Array;
  /** System node → model node. */
  nodeOf: Int32Array;
  /** Model node used by at least one frame. */
  connected: Uint8Array;
}

export function assemble(prep: Prepared, nNodes: number, xyz: Float64Array): Assembled {
  const { frames, restraint } = prep;
  const connected = new Uint8Array(nNodes);
  for (const f of frames) {
    connected[f.ni] = 1;
    connected[f.nj] = 1;
  }
  const sysOf = new Int32Array(nNodes).fill(-1);
  const nodeOfList: number[] = [];
  for (let n = 0; n < nNodes; n++) {
    if (!connected[n]) continue;
    let free = false;
    for (let d = 0; d < 6; d++) if (!restraint[6 * n + d]) free = true;
    if (!free) continue;
    sysOf[n] = nodeOfList.length;
    nodeOfList.push(n);
  }
  const ns = nodeOfList.length;
  const nodeOf = Int32Array.from(nodeOfList);

  // adjacency (CSR, symmetric, sorted, deduplicated)
  const deg = new Int32Array(ns + 1);
  for (const f of frames) {
    const a = sysOf[f.ni]!;
    const b = sysOf[f.nj]!;
    if (a < 0 || b < 0 || a === b) continue;
    deg[a]!++;
    deg[b]!++;
  }
  const tmpPtr = new Int32Array(ns + 1);
  for (let i = 0; i < ns; i++) tmpPtr[i + 1] = tmpPtr[i]! + deg[i]!;
  const tmp = new Int32Array(tmpPtr[ns]!);
  const fill = tmpPtr.slice(0, ns);
  for (const f of frames) {
    const a = sysOf[f.ni]!;
    const b = sysOf[f.nj]!;
    if (a < 0 || b < 0 || a === b) continue;
    tmp[fill[a]!++] = b;
    tmp[fill[b]!++] = a;
  }
  const ptr = new Int32Array(ns + 1);
  const adjList: number[] = [];
  for (let i = 0; i < ns; i++) {
    const row = tmp.subarray(tmpPtr[i]!, tmpPtr[i + 1]!).slice().sort();
    let last = -1;
    for (let t = 0; t < row.length; t++) {
      const v = row[t]!;
      if (v !== last) adjList.push(v);
      last = v;
    }
    ptr[i + 1] = adjList.length;
  }
  const adj = Int32Array.from(adjList);
  const find = (i: number, j: number): number => {
    let lo = ptr[i]!;
    let hi = ptr[i + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = adj[mid]!;
      if (v === j) return mid;
      if (v < j) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };

  const off = new Float64Array(36 * adj.length);
  const diag = new Float64Array(36 * ns);
  const k = new Float64Array(144);
  const kg = new Float64Array(144);
  const tmp9 = new Float64Array(9);
  const addBlock = (dst: Float64Array, at: number, r0: number, c0: number): void => {
    for (let a = 0; a < 6; a++) {
      const src = (r0 + a) * 12 + c0;
      const o = at + a * 6;
      for (let b = 0; b < 6; b++) dst[o + b]! += kg[src + b]!;
    }
  };
  for (const f of frames) {
    const a = sysOf[f.ni]!;
    const b = sysOf[f.nj]!;
    if (a < 0 && b < 0) continue;
    localStiffness(f.props, f.L, k);
    if (f.cond) {
      // re-apply the recorded condensation to a fresh copy of k
      for (let t = 0; t < f.cond.dofs.length; t++) {
        const c = f.cond.dofs[t]!;
        const p = f.cond.pivots[t]!;
        const row = f.cond.rows[t]!;
        if (p > 0) {
          for (let i = 0; i < 12; i++) {
            if (i === c) continue;
            const fct = row[i]! / p;
            if (fct === 0) continue;
            for (let j = 0; j < 12; j++) k[i * 12 + j]! -= fct * row[j]!;
          }
        }
        for (let j = 0; j < 12; j++) {
          k[c * 12 + j] = 0;
          k[j * 12 + c] = 0;
        }
      }
    }
    toGlobal(k, f.R, kg, tmp9);
    if (a >= 0) addBlock(diag, 36 * a, 0, 0);
    if (b >= 0) addBlock(diag, 36 * b, 6, 6);
    if (a >= 0 && b >= 0 && a !== b) {
      addBlock(off, 36 * find(a, b), 0, 6);
      addBlock(off, 36 * find(b, a), 6, 0);
    }
  }
  const sxyz = new Float64Array(3 * ns);
  for (let s = 0; s < ns; s++) {
    const n = nodeOf[s]!;
    sxyz[3 * s] = xyz[3 * n]!;
    sxyz[3 * s + 1] = xyz[3 * n + 1]!;
    sxyz[3 * s + 2] = xyz[3 * n + 2]!;
  }
  const fixed = new Uint8Array(6 * ns);
  for (let s = 0; s < ns; s++) for (let d = 0; d < 6; d++) fixed[6 * s + d] = restraint[6 * nodeOf[s]! + d]!;
  return { B: { n: ns, ptr, adj, xyz: sxyz, off, diag, fixed }, sysOf, nodeOf, connected };
}

/** Make every DOF flagged in B.fixed an identity row/column. */
export function applyRestraints(B: BlockMatrix): void {
  const { n, ptr, adj, off, diag, fixed } = B;
  for (let s = 0; s < n; s++) {
    for (let d = 0; d < 6; d++) {
      if (!fixed[6 * s + d]) continue;
      const db = 36 * s;
      for (let e = 0; e < 6; e++) {
        diag[db + d * 6 + e] = 0;
        diag[db + e * 6 + d] = 0;
      }
      diag[db + d * 7] = 1;
      for (let k = ptr[s]!; k < ptr[s + 1]!; k++) {
        // row d of block (s, adj[k]) and column d of block (adj[k], s)
        const blk = 36 * k;
        for (let e = 0; e < 6; e++) off[blk + d * 6 + e] = 0;
        const t = adj[k]!;
        // find (t, s)
        let lo = ptr[t]!;
        let hi = ptr[t + 1]! - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const v = adj[mid]!;
          if (v === s) {
            const b2 = 36 * mid;
            for (let e = 0; e < 6; e++) off[b2 + e * 6 + d] = 0;
            break;
          }
          if (v < s) lo = mid + 1;
          else hi = mid - 1;
        }
      }
    }
  }
}
