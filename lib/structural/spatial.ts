/**
 * A uniform-grid spatial hash for "is there a point within tolerance?" queries in O(1) per query.
 * Used for coincident-node detection (checks.ts) and for merging new nodes (elements/add.ts).
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

// ── Stored spatial keys ─────────────────────────────────────────────────────────────────────────
// The database keeps each node's 1 mm grid cell (Node.cell) so that "the nodes near this point"
// is one indexed lookup of a few cells instead of a scan. The SQL backfill in
// prisma/*/migrations/*_model_counts_spatial_keys computes the same key: keep them in step.

/** Cell size of the stored key, metres (the default merge and coincidence tolerance). */
export const CELL_SIZE = 1e-3;
/** Cell indices are clamped here so that every key is a plain safe integer (coordinates beyond ±1e12 m share edge cells). */
const CELL_INDEX_LIMIT = 1e15;

function cellIndex(v: number): number {
  const q = Math.floor(v / CELL_SIZE);
  return q > CELL_INDEX_LIMIT ? CELL_INDEX_LIMIT : q < -CELL_INDEX_LIMIT ? -CELL_INDEX_LIMIT : q;
}

/** The stored cell key of a point: "ix:iy:iz" (floor of each coordinate over CELL_SIZE). */
export function cellKey(x: number, y: number, z: number): string {
  return `${cellIndex(x)}:${cellIndex(y)}:${cellIndex(z)}`;
}

/** More cells than this around one point means a tolerance far above CELL_SIZE: callers read by range instead. */
export const MAX_CELLS_PER_POINT = 343;

/**
 * Every cell key that a point within `tol` of (x, y, z) can have (27 for tol ≤ CELL_SIZE), or
 * null when that would be more than MAX_CELLS_PER_POINT cells.
 */
export function cellsAround(x: number, y: number, z: number, tol: number): string[] | null {
  const lo = [cellIndex(x - tol), cellIndex(y - tol), cellIndex(z - tol)] as const;
  const hi = [cellIndex(x + tol), cellIndex(y + tol), cellIndex(z + tol)] as const;
  const n = (hi[0] - lo[0] + 1) * (hi[1] - lo[1] + 1) * (hi[2] - lo[2] + 1);
  if (n > MAX_CELLS_PER_POINT) return null;
  const out: string[] = [];
  for (let i = lo[0]; i <= hi[0]; i++) for (let j = lo[1]; j <= hi[1]; j++) for (let k = lo[2]; k <= hi[2]; k++) out.push(`${i}:${j}:${k}`);
  return out;
}
