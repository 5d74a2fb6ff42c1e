/**
 * Connectivity shared by the model checks (checks.ts: DISCONNECTED_PARTS, UNSUPPORTED_PART) and the
 * solver's stability checks (analysis/analyze.ts: STRUCT_NO_SUPPORT): disjoint sets over node
 * positions, joined by frames. Imports nothing (the analysis worker bundles it).
 */

/** Union-find over 0..n-1 with path halving; `union(a, b)` makes b's root the root of a's set. */
export class UnionFind {
  private readonly parent: Int32Array;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let k = 0; k < n; k++) this.parent[k] = k;
  }

  find(a: number): number {
    const parent = this.parent;
    while (parent[a] !== a) {
      const p = parent[a] as number;
      parent[a] = parent[p] as number;
      a = p;
    }
    return a;
  }

  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[ra] = rb;
  }
}

