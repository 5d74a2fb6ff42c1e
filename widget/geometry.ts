/**
 * The widget's copy of a model's geometry, filled page by page from get_model_geometry
 * (format: lib/structural/geometry-pages.ts) into typed arrays the scene draws from directly.
 * Pure: no DOM, no three.js.
 */
import { labelAt, type GeometryPage, type LabelRuns } from "@/lib/structural/geometry-pages";

/** One get_model_geometry result (its structuredContent). */
export interface GeometryResult extends GeometryPage {
  modelId: string;
  name: string;
  revision: number;
  latestRevision: number;
  viewerUrl: string;
  verticalAxis: "Z" | "Y";
  lengthUnit: string;
  counts: { nodes: number; frames: number; supports: number; sections: number };
  bounds: { min: number[]; max: number[] };
}

function isNumArray(x: unknown): x is number[] {
  return Array.isArray(x) && x.every((v) => typeof v === "number" && Number.isFinite(v));
}

/** A light shape check of a tool result before it is trusted as a page. */
export function isGeometryResult(x: unknown): x is GeometryResult {
  const r = x as Partial<GeometryResult> | null;
  return (
    !!r &&
    typeof r === "object" &&
    typeof r.modelId === "string" &&
    typeof r.revision === "number" &&
    typeof r.cursor === "number" &&
    (r.nextCursor === null || typeof r.nextCursor === "number") &&
    !!r.counts &&
    !!r.nodes &&
    isNumArray(r.nodes.positions) &&
    !!r.frames &&
    isNumArray(r.frames.pairs) &&
    !!r.supports &&
    Array.isArray(r.supports.node) &&
    !!r.sections &&
    Array.isArray(r.sections.names)
  );
}

function appendRuns(into: LabelRuns, add: LabelRuns | undefined): void {
  if (!add) return;
  into.prefix.push(...add.prefix);
  into.first.push(...add.first);
  into.count.push(...add.count);
}

export class ModelGeometry {
  readonly modelId: string;
  readonly name: string;
  readonly revision: number;
  readonly latestRevision: number;
  readonly viewerUrl: string;
  readonly verticalAxis: "Z" | "Y";
  readonly lengthUnit: string;
  readonly simplified: boolean;
  readonly bounds: { min: [number, number, number]; max: [number, number, number] };
  readonly positions: Float32Array;
  readonly pairs: Int32Array;
  readonly frameSection: Int16Array;
  readonly supportNode: Int32Array;
  readonly supportCode: string[];
  readonly sectionNames: string[] = [];
  readonly nodeLabels: LabelRuns = { prefix: [], first: [], count: [] };
  readonly frameLabels: LabelRuns = { prefix: [], first: [], count: [] };
  pages = 0;
  /** Cursor of the next page to ask for, or null when complete. */
  nextCursor: number | null = 0;
  readonly total: number;

  constructor(first: GeometryResult) {
    this.modelId = first.modelId;
    this.name = first.name;
    this.revision = first.revision;
    this.latestRevision = first.latestRevision;
    this.viewerUrl = first.viewerUrl;
    this.verticalAxis = first.verticalAxis === "Y" ? "Y" : "Z";
    this.lengthUnit = first.lengthUnit;
    this.simplified = first.simplified;
    this.total = first.total;
    const v3 = (a: number[]): [number, number, number] => [a[0] ?? 0, a[1] ?? 0, a[2] ?? 0];
    this.bounds = { min: v3(first.bounds.min), max: v3(first.bounds.max) };
    this.positions = new Float32Array(3 * first.counts.nodes);
    this.pairs = new Int32Array(2 * first.counts.frames).fill(-1);
    this.frameSection = new Int16Array(first.counts.frames).fill(-1);
    this.supportNode = new Int32Array(first.counts.supports).fill(-1);
    this.supportCode = new Array<string>(first.counts.supports).fill("");
    this.add(first);
  }

  get nodeCount(): number {
    return this.positions.length / 3;
  }
  get frameCount(): number {
    return this.pairs.length / 2;
  }
  get supportCount(): number {
    return this.supportNode.length;
  }
  get complete(): boolean {
    return this.nextCursor === null;
  }

  /** Adds the page that starts at `nextCursor`; throws when it is another model, revision or place. */
  add(page: GeometryResult): void {
    if (page.modelId !== this.modelId || page.revision !== this.revision) throw new Error("A page of another model or revision arrived.");
    if (page.cursor !== this.nextCursor) throw new Error(`Expected the page at ${this.nextCursor}, got ${page.cursor}.`);
    const n = page.nodes, f = page.frames, s = page.supports;
    if (3 * n.start + n.positions.length > this.positions.length || 2 * f.start + f.pairs.length > this.pairs.length || s.start + s.node.length > this.supportNode.length) {
      throw new Error("A page does not fit the model's counts.");
    }
    this.positions.set(n.positions, 3 * n.start);
    this.pairs.set(f.pairs, 2 * f.start);
    if (f.section) this.frameSection.set(f.section, f.start);
    this.supportNode.set(s.node, s.start);
    s.code.forEach((c, k) => (this.supportCode[s.start + k] = c));
    this.sectionNames.push(...page.sections.names);
    appendRuns(this.nodeLabels, n.labels);
    appendRuns(this.frameLabels, f.labels);
    this.pages++;
    this.nextCursor = page.nextCursor;
  }

  nodeLabel(i: number): string {
    return (!this.simplified && labelAt(this.nodeLabels, i)) || `#${i + 1}`;
  }
  frameLabel(i: number): string {
    return (!this.simplified && labelAt(this.frameLabels, i)) || `#${i + 1}`;
  }
  frameSectionName(i: number): string | null {
    const s = this.frameSection[i] ?? -1;
    return s >= 0 ? (this.sectionNames[s] ?? null) : null;
  }
  supportOf(node: number): string | null {
    const k = this.supportNode.indexOf(node);
    return k >= 0 ? this.supportCode[k]! : null;
  }
}
