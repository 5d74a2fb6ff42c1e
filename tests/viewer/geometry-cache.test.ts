/**
 * The per-revision geometry cache behind get_model_geometry (lib/viewer/geometry-cache.ts): hits
 * by (model, revision) only, least recently used out first, never more than MAX_CACHED_ITEMS.
 */
import { describe, expect, it } from "vitest";
import { MAX_CACHED_ITEMS, cachedGeometry, rememberGeometry, type CachedGeometry } from "@/lib/viewer/geometry-cache";
import { geometryStream } from "@/lib/structural";
// @ts-expect-error: plain JavaScript module shared with the benchmark
import { building } from "../../bench/viewer/synthetic.mjs";

/** A real stream, with `total` standing for its size. */
const streamOf = (total: number) => ({ ...geometryStream(building({ nx: 1, ny: 1, ns: 1 })), total });

const entry = (total: number): CachedGeometry => ({
  header: { name: "m", verticalAxis: "Z", lengthUnit: "m", counts: { nodes: 0, frames: 0, supports: 0, sections: 0 }, bounds: { min: [0, 0, 0], max: [0, 0, 0] } },
  stream: { ...streamOf(total) },
});

describe("geometry cache", () => {
  it("answers per model revision and evicts the least recently used beyond its item budget", () => {
    const third = Math.floor(MAX_CACHED_ITEMS / 3);
    const a = entry(third), b = entry(third), c = entry(third);
    rememberGeometry("cache-a", 1, a);
    rememberGeometry("cache-b", 1, b);
    rememberGeometry("cache-c", 1, c);
    expect(cachedGeometry("cache-a", 1)).toBe(a);
    expect(cachedGeometry("cache-a", 2)).toBeUndefined();
    // a was used last: adding d pushes out b, the least recently used.
    rememberGeometry("cache-d", 1, entry(third));
    expect(cachedGeometry("cache-b", 1)).toBeUndefined();
    expect(cachedGeometry("cache-a", 1)).toBe(a);
    expect(cachedGeometry("cache-c", 1)).toBe(c);
    // Larger than the whole budget: not kept at all.
    rememberGeometry("cache-huge", 1, entry(MAX_CACHED_ITEMS + 1));
    expect(cachedGeometry("cache-huge", 1)).toBeUndefined();
    expect(cachedGeometry("cache-a", 1)).toBe(a);
  });
});
