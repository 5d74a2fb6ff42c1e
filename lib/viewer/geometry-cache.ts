/**
 * Prepared geometry streams (lib/structural/geometry-pages.ts) kept per model REVISION, so the
 * widget's second and later pages of get_model_geometry do not read the whole model again.
 *
 * Correct with any number of server instances: a model's revision never changes once written
 * (every edit, including undo, makes a new revision), so an entry keyed by (modelId, revision) can
 * never be stale; access is checked on every call by the caller before it asks here. Bounded in
 * memory: at most MAX_CACHED_ITEMS geometry items in all (a 100k-frame model is about 135k items,
 * a few MB), least recently used out first.
 */
import "server-only";
import type { GeometryStream } from "@/lib/structural";

/** What get_model_geometry reports about the revision besides its pages. */
export interface GeometryHeader {
  name: string;
  verticalAxis: "Z" | "Y";
  lengthUnit: string;
  counts: { nodes: number; frames: number; supports: number; sections: number };
  bounds: { min: number[]; max: number[] };
}

export interface CachedGeometry {
  header: GeometryHeader;
  stream: GeometryStream;
}

export const MAX_CACHED_ITEMS = 600_000;

// Map iteration order is insertion order: re-inserting on use keeps the least recent first.
const entries = new Map<string, CachedGeometry>();
let items = 0;

const keyOf = (modelId: string, revision: number) => `${modelId}@${revision}`;

export function cachedGeometry(modelId: string, revision: number): CachedGeometry | undefined {
  const key = keyOf(modelId, revision);
  const hit = entries.get(key);
  if (hit) {
    entries.delete(key);
    entries.set(key, hit);
  }
  return hit;
}

export function rememberGeometry(modelId: string, revision: number, geometry: CachedGeometry): void {
  const key = keyOf(modelId, revision);
  if (geometry.stream.total > MAX_CACHED_ITEMS || entries.has(key)) return;
  entries.set(key, geometry);
  items += geometry.stream.total;
  for (const [k, v] of entries) {
    if (items <= MAX_CACHED_ITEMS) break;
    entries.delete(k);
    items -= v.stream.total;
  }
}
