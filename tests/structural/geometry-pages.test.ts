/**
 * Geometry pages for the in-chat widget (lib/structural/geometry-pages.ts) and the widget's
 * accumulator (widget/geometry.ts): pages put back together give the model's geometry exactly,
 * every page stays within its byte budget whatever the labels, and large models get the
 * simplified view.
 */
import { describe, expect, it } from "vitest";
import { PAGE_SLACK, geometryPage, geometryStream, labelAt, labelRuns, utf8Length, type GeometryPage, type ViewerPayload } from "@/lib/structural";
import { ModelGeometry, type GeometryResult } from "@/widget/geometry";
// @ts-expect-error: plain JavaScript module shared with the benchmark
import { building } from "../../bench/viewer/synthetic.mjs";

const model = (o: { nx: number; ny: number; ns: number }): ViewerPayload => building(o);

function allPages(payload: ViewerPayload, budget: number, opts: { simplifiedAbove?: number } = {}): GeometryPage[] {
  const stream = geometryStream(payload, opts);
  const pages: GeometryPage[] = [];
  let cursor: number | null = 0;
  while (cursor !== null) {
    const page = geometryPage(stream, cursor, budget);
    pages.push(page);
    cursor = page.nextCursor;
  }
  return pages;
}

/** A page as get_model_geometry returns it (the header fields the widget reads). */
const asResult = (p: ViewerPayload, page: GeometryPage): GeometryResult => ({
  modelId: p.modelId,
  name: p.name,
  revision: p.revision,
  latestRevision: p.revision,
  viewerUrl: "https://app.test/models/x",
  verticalAxis: p.verticalAxis,
  lengthUnit: "m",
  counts: { nodes: p.nodes.labels.length, frames: p.frames.labels.length, supports: p.supports.node.length, sections: p.sections.length },
  bounds: p.bounds,
  ...page,
});

describe("label runs", () => {
  it("encode consecutive numbered labels as one run and decode every label back", () => {
    const labels = ["N1", "N2", "N3", "N10", "N11", "beam-7", "Top", "N007", "N008", "0", "1", "ü2", "ü3"];
    const runs = labelRuns(labels);
    expect(runs.prefix.length).toBeLessThan(labels.length);
    expect(labels.map((_, i) => labelAt(runs, i))).toEqual(labels);
    expect(labelRuns(Array.from({ length: 5000 }, (_, i) => `F${i + 1}`))).toEqual({ prefix: ["F"], first: [1], count: [5000] });
    expect(labelAt(runs, labels.length)).toBe("");
  });
});

describe("geometry pages", () => {
  it("put back together give the model's positions, frames, sections, supports and labels", () => {
    const p = model({ nx: 6, ny: 5, ns: 7 });
    p.nodes.labels[3] = "Ridge ü";
    p.frames.labels[10] = "Brace-A";
    const pages = allPages(p, 800);
    expect(pages.length).toBeGreaterThan(10);
    const g = new ModelGeometry(asResult(p, pages[0]!));
    for (const page of pages.slice(1)) g.add(asResult(p, page));
    expect(g.complete).toBe(true);
    expect(g.pages).toBe(pages.length);
    expect(Array.from(g.positions)).toEqual(p.nodes.positions.map((v) => Math.fround(v)));
    expect(Array.from(g.pairs)).toEqual(p.frames.pairs);
    expect(Array.from(g.frameSection)).toEqual(p.frames.section);
    expect(Array.from(g.supportNode)).toEqual(p.supports.node);
    expect(g.supportCode).toEqual(p.supports.code);
    expect(g.sectionNames).toEqual(p.sections.map((s) => s.name));
    expect(p.nodes.labels.map((_, i) => g.nodeLabel(i))).toEqual(p.nodes.labels);
    expect(p.frames.labels.map((_, i) => g.frameLabel(i))).toEqual(p.frames.labels);
    expect(g.frameSectionName(0)).toBe("HEB300");
  });

  it("refuse a page out of order, of another revision, or larger than the counts", () => {
    const p = model({ nx: 2, ny: 2, ns: 2 });
    const pages = allPages(p, 300);
    const g = new ModelGeometry(asResult(p, pages[0]!));
    expect(() => g.add(asResult(p, pages[2]!))).toThrow(/Expected the page at/);
    expect(() => g.add({ ...asResult(p, pages[1]!), revision: 9 })).toThrow(/another model or revision/);
    const bad = asResult(p, pages[1]!);
    expect(() => g.add({ ...bad, nodes: { ...bad.nodes, start: 10_000 } })).toThrow(/does not fit/);
  });

  it("stay within the byte budget, even with long non-ASCII labels that do not form runs", () => {
    const p = model({ nx: 8, ny: 8, ns: 6 });
    p.nodes.labels = p.nodes.labels.map((_, i) => `Knoten-${"ü".repeat(40)}-${i}x`);
    p.frames.labels = p.frames.labels.map((_, i) => `Träger ${"€".repeat(40)} ${i}y`);
    const budget = 20_000;
    const pages = allPages(p, budget);
    for (const page of pages) {
      const bytes = utf8Length(JSON.stringify(page));
      expect(bytes).toBeLessThanOrEqual(budget + PAGE_SLACK);
    }
    // Nearly full pages: the budget is used, not wasted.
    const sizes = pages.slice(0, -1).map((pg) => utf8Length(JSON.stringify(pg)));
    expect(Math.min(...sizes)).toBeGreaterThan(budget * 0.8);
  });

  it("give the simplified view above the threshold: lines and supports only", () => {
    const p = model({ nx: 4, ny: 4, ns: 4 });
    const frames = p.frames.labels.length;
    const [page] = allPages(p, 1_000_000, { simplifiedAbove: frames - 1 });
    expect(page!.simplified).toBe(true);
    expect(page!.nextCursor).toBeNull();
    expect(page!.sections.names).toEqual([]);
    expect(page!.nodes.labels).toBeUndefined();
    expect(page!.frames.labels).toBeUndefined();
    expect(page!.frames.section).toBeUndefined();
    expect(page!.frames.pairs).toEqual(p.frames.pairs);
    expect(page!.supports.node).toEqual(p.supports.node);
    expect(allPages(p, 1_000_000, { simplifiedAbove: frames })[0]!.simplified).toBe(false);
    const g = new ModelGeometry(asResult(p, page!));
    expect(g.frameLabel(0)).toBe("#1");
  });

  it("round positions to 0.1 mm and always make progress", () => {
    const p = model({ nx: 1, ny: 1, ns: 1 });
    p.nodes.positions[0] = 1.23456789;
    const stream = geometryStream(p);
    const page = geometryPage(stream, 0, 1);
    expect(page.nextCursor).toBe(1);
    const all = geometryPage(stream, 0);
    expect(all.nodes.positions[0]).toBe(1.2346);
    expect(geometryPage(stream, stream.total).nextCursor).toBeNull();
  });
});
