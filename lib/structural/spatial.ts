/**
 * A uniform-grid spatial hash for "is there a point within tolerance?" queries in O(1) per query.
 * Used for coincident-node detection (checks.ts) and for merging new nodes (elements.ts).
 *
 * Cells are `cell` wide; a query with tol ≤ cell looks at the 27 cells around the point. Cell
 * coordinates are hashed into one int32 key; collisions only make a bucket longer, they never
 * produce a wrong answer, because every candidate's real distance is checked.
 */
export class PointGrid {
  readonly xs: number[] = [];
  readonly ys: number[] = [];
  readonly zs: number[] = [];
  private readonly cells = new Map<number, number[]>();
  private readonly inv: number;
  private readonly visited: number[][] = [];

  constructor(readonly cell: number) {
    if (!(cell > 0) || !Number.isFinite(cell)) throw new RangeError(`PointGrid cell must be a positive number, got ${cell}`);
    this.inv = 1 / cell;
  }

  get size(): number {
    return this.xs.length;
  }

  private static key(ix: number, iy: number, iz: number): number {
    return Math.imul(ix | 0, 73856093) ^ Math.imul(iy | 0, 19349663) ^ Math.imul(iz | 0, 83492791);
  }

  /** Add a point; returns its index (0, 1, 2, … in insertion order). */
  add(x: number, y: number, z: number): number {
    const k = this.xs.length;
    this.xs.push(x);
    this.ys.push(y);
    this.zs.push(z);
    const key = PointGrid.key(Math.floor(x * this.inv), Math.floor(y * this.inv), Math.floor(z * this.inv));
    const bucket = this.cells.get(key);
    if (bucket) bucket.push(k);
    else this.cells.set(key, [k]);
    return k;
  }

  /** Calls `visit(index, distance)` for every stored point within `tol` (≤ cell) of (x, y, z). */
  forEachNear(x: number, y: number, z: number, tol: number, visit: (index: number, dist: number) => void): void {
    const ix = Math.floor(x * this.inv);
    const iy = Math.floor(y * this.inv);
    const iz = Math.floor(z * this.inv);
    const tol2 = tol * tol;
    const seen = this.visited;
    seen.length = 0;
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (let dz = -1; dz <= 1; dz++) {
          const bucket = this.cells.get(PointGrid.key(ix + dx, iy + dy, iz + dz));
          if (!bucket || seen.includes(bucket)) continue;
          seen.push(bucket);
          for (const k of bucket) {
            const ex = (this.xs[k] as number) - x;
            const ey = (this.ys[k] as number) - y;
            const ez = (this.zs[k] as number) - z;
            const d2 = ex * ex + ey * ey + ez * ez;
            if (d2 <= tol2) visit(k, Math.sqrt(d2));
          }
        }
  }

  /** Index of the nearest stored point within `tol`, or -1. (No callback: this is the hot path of node merging.) */
  nearest(x: number, y: number, z: number, tol: number): number {
    const ix = Math.floor(x * this.inv);
    const iy = Math.floor(y * this.inv);
    const iz = Math.floor(z * this.inv);
    let best = -1;
    let bestD2 = tol * tol;
    let lastBucket: number[] | undefined;
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (let dz = -1; dz <= 1; dz++) {
          const bucket = this.cells.get(PointGrid.key(ix + dx, iy + dy, iz + dz));
          // a bucket seen twice (hash collision) cannot change the minimum, so no de-duplication needed
          if (!bucket || bucket === lastBucket) continue;
          lastBucket = bucket;
          for (const k of bucket) {
            const ex = (this.xs[k] as number) - x;
            const ey = (this.ys[k] as number) - y;
            const ez = (this.zs[k] as number) - z;
            const d2 = ex * ex + ey * ey + ez * ez;
            if (d2 <= bestD2 && (best < 0 || d2 < bestD2 || k < best)) {
              bestD2 = d2;
              best = k;
            }
          }
        }
    return best;
  }
}
