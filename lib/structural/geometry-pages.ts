/**
 * Model geometry in pages bounded in bytes, for the in-chat viewer widget (the app-only MCP tool
 * get_model_geometry): flat numeric arrays, never one object per element.
 *
 * THE STREAM. A model's drawable geometry is one sequence of items, in this order:
 *   sections (name + shape type, for colouring), nodes (x, y, z + label), supports (node index +
 *   code), frames (i, j node indexes + section index + label).
 * A page is a contiguous slice of that sequence: `cursor` is the index of its first item and
 * `nextCursor` the index after its last (null at the end). Each page carries, per kind, `start`
 * (the index of its first element of that kind) and the arrays for the slice, so a reader appends
 * pages in order and indexes stay global (frame pairs index the model's whole node array).
 *
 * BYTES. Items are added while the JSON text of the page's arrays stays within `budget` bytes
 * (UTF-8), measured item by item as JSON.stringify would write it (numbers as String(n)). A single
 * item is at most a few hundred bytes (labels ≤ 64 characters), so a page never exceeds
 * budget + PAGE_SLACK.
 *
 * LABELS are run-length encoded: `{ prefix, first, count }` per run, label k of a run being
 * prefix + (first + k) ("N1", "N2", … "N5000" is one run). A label without a plain trailing number
 * is a run of one with first = -1.
 *
 * SIMPLIFIED VIEW. Above `simplifiedAbove` frames the stream leaves out labels, sections and the
 * per-frame section index (frames are drawn as plain lines), which roughly halves the bytes of a
 * large model; the page says `simplified: true` so the widget can say so.
 *
 * PURE: no I/O; the input is the viewer payload of lib/structural/geometry.ts.
 * The server keeps prepared streams per model revision (lib/viewer/geometry-cache.ts), so the
 * pages after the first do not read the model again.
 */
import type { ViewerPayload } from "./geometry";

/** Label runs: label k of run r is prefix[r] + (first[r] + k), or prefix[r] alone when first[r] is -1. */
export interface LabelRuns {
  prefix: string[];
  first: number[];
  count: number[];
}

export interface GeometryPage {
  simplified: boolean;
  cursor: number;
  nextCursor: number | null;
  /** Items in the whole stream (sections + nodes + supports + frames). */
  total: number;
  sections: { start: number; names: string[]; shapes: (string | null)[] };
  nodes: { start: number; positions: number[]; labels?: LabelRuns };
  supports: { start: number; node: number[]; code: string[] };
  frames: { start: number; pairs: number[]; section?: number[]; labels?: LabelRuns };
}

/** Default page budget: the arrays of one page in bytes of JSON (the whole response stays far under 1 MiB). */
export const GEOMETRY_PAGE_BUDGET = 450_000;
/** What a page may exceed its budget by: one item, split label runs and the page's fixed keys. */
export const PAGE_SLACK = 4_096;
/** Above this many frames the stream is the simplified view (see the file header). */
export const SIMPLIFIED_VIEW_ABOVE_FRAMES = 20_000;
/** Node positions are rounded to 0.1 mm: plenty to draw, fewer digits to send. */
const POSITION_STEP = 1e4;

/** UTF-8 byte length of a string. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const jsonBytes = (s: string): number => utf8Length(JSON.stringify(s));
const numBytes = (v: number): number => String(v).length;

/** Splits labels into runs of prefix + consecutive integers. */
export function labelRuns(labels: readonly string[]): LabelRuns {
  const runs: LabelRuns = { prefix: [], first: [], count: [] };
  let r = -1;
  for (const label of labels) {
    const m = /^(.*?)(0|[1-9]\d{0,14})$/.exec(label);
    const prefix = m ? m[1]! : label;
    const num = m ? Number(m[2]) : -1;
    if (r >= 0 && num >= 0 && runs.prefix[r] === prefix && runs.first[r]! >= 0 && runs.first[r]! + runs.count[r]! === num) {
      runs.count[r]!++;
      continue;
    }
    runs.prefix.push(prefix);
    runs.first.push(num);
    runs.count.push(1);
    r++;
  }
  return runs;
}

/** Label `index` (0-based, counted from the first run) of a run-length list; "" when out of range. */
export function labelAt(runs: LabelRuns, index: number): string {
  let k = index;
  for (let r = 0; r < runs.count.length; r++) {
    const c = runs.count[r]!;
    if (k < c) return runs.first[r]! < 0 ? runs.prefix[r]! : `${runs.prefix[r]}${runs.first[r]! + k}`;
    k -= c;
  }
  return "";
}

/** Runs covering labels [from, to) of `runs` (which cover labels from 0). */
function sliceRuns(runs: LabelRuns, from: number, to: number): LabelRuns {
  const out: LabelRuns = { prefix: [], first: [], count: [] };
  let at = 0;
  for (let r = 0; r < runs.count.length && at < to; r++) {
    const c = runs.count[r]!;
    const a = Math.max(from, at), b = Math.min(to, at + c);
    if (a < b) {
      out.prefix.push(runs.prefix[r]!);
      out.first.push(runs.first[r]! < 0 ? -1 : runs.first[r]! + (a - at));
      out.count.push(b - a);
    }
    at += c;
  }
  return out;
}

/** Per element: the bytes its run costs when the element starts one (0 inside a run). */
function runStartCosts(runs: LabelRuns, n: number): Uint32Array {
  const cost = new Uint32Array(n);
  let at = 0;
  for (let r = 0; r < runs.count.length; r++) {
    cost[at] = jsonBytes(runs.prefix[r]!) + numBytes(runs.first[r]!) + numBytes(runs.count[r]!) + 3;
    at += runs.count[r]!;
  }
  return cost;
}

interface Kind {
  length: number;
  cost(i: number): number;
}

/**
 * Everything a page is cut from, computed once per model revision. It keeps only the arrays the
 * pages need (not the payload's ids and labels), so a server may keep a few in memory.
 */
export interface GeometryStream {
  simplified: boolean;
  positions: number[];
  pairs: number[];
  frameSection: number[] | null;
  supportNode: number[];
  supportCode: string[];
  sectionNames: string[];
  sectionShapes: (string | null)[];
  nodeRuns: LabelRuns | null;
  frameRuns: LabelRuns | null;
  kinds: [sections: Kind, nodes: Kind, supports: Kind, frames: Kind];
  total: number;
}

/** Prepares a payload for paging (labels run-encoded, positions rounded, item costs). */
export function geometryStream(payload: ViewerPayload, opts: { simplifiedAbove?: number } = {}): GeometryStream {
  const simplified = payload.frames.pairs.length / 2 > (opts.simplifiedAbove ?? SIMPLIFIED_VIEW_ABOVE_FRAMES);
  const positions = payload.nodes.positions.map((v) => Math.round(v * POSITION_STEP) / POSITION_STEP);
  const nodeRuns = simplified ? null : labelRuns(payload.nodes.labels);
  const frameRuns = simplified ? null : labelRuns(payload.frames.labels);
  const nodeLabelCost = nodeRuns ? runStartCosts(nodeRuns, payload.nodes.labels.length) : null;
  const frameLabelCost = frameRuns ? runStartCosts(frameRuns, payload.frames.labels.length) : null;
  const pairs = payload.frames.pairs;
  const frameSection = simplified ? null : payload.frames.section;
  const sectionNames = simplified ? [] : payload.sections.map((x) => x.name);
  const sectionShapes = simplified ? [] : payload.sections.map((x) => x.shape?.type ?? null);
  const { node: supportNode, code: supportCode } = payload.supports;
  const kinds: GeometryStream["kinds"] = [
    { length: sectionNames.length, cost: (i) => jsonBytes(sectionNames[i]!) + (sectionShapes[i] ? jsonBytes(sectionShapes[i]!) : 4) + 2 },
    {
      length: positions.length / 3,
      cost: (i) => numBytes(positions[3 * i]!) + numBytes(positions[3 * i + 1]!) + numBytes(positions[3 * i + 2]!) + 3 + (nodeLabelCost ? nodeLabelCost[i]! : 0),
    },
    { length: supportNode.length, cost: (i) => numBytes(supportNode[i]!) + jsonBytes(supportCode[i]!) + 2 },
    {
      length: pairs.length / 2,
      cost: (i) => numBytes(pairs[2 * i]!) + numBytes(pairs[2 * i + 1]!) + 2 + (frameLabelCost && frameSection ? frameLabelCost[i]! + numBytes(frameSection[i]!) + 1 : 0),
    },
  ];
  return {
    simplified, positions, pairs, frameSection, supportNode, supportCode, sectionNames, sectionShapes, nodeRuns, frameRuns, kinds,
    total: kinds.reduce((sum, k) => sum + k.length, 0),
  };
}

/** The page of `stream` that starts at `cursor`, holding as many items as fit in `budget` bytes (at least one). */
export function geometryPage(stream: GeometryStream, cursor: number, budget = GEOMETRY_PAGE_BUDGET): GeometryPage {
  const { kinds, total } = stream;
  // ranges[k] = [from, to) within kind k
  const ranges: [number, number][] = [];
  let offset = 0, used = 0, item = cursor, full = false;
  for (const kind of kinds) {
    const from = Math.min(Math.max(item - offset, 0), kind.length);
    let to = from;
    while (!full && to < kind.length) {
      const c = kind.cost(to);
      if (used + c > budget && item > cursor) {
        full = true;
        break;
      }
      used += c;
      to++;
      item++;
    }
    ranges.push([from, to]);
    offset += kind.length;
  }
  const [[s0, s1], [n0, n1], [p0, p1], [f0, f1]] = ranges as [[number, number], [number, number], [number, number], [number, number]];
  return {
    simplified: stream.simplified,
    cursor,
    nextCursor: item < total ? item : null,
    total,
    sections: { start: s0, names: stream.sectionNames.slice(s0, s1), shapes: stream.sectionShapes.slice(s0, s1) },
    nodes: { start: n0, positions: stream.positions.slice(3 * n0, 3 * n1), ...(stream.nodeRuns ? { labels: sliceRuns(stream.nodeRuns, n0, n1) } : {}) },
    supports: { start: p0, node: stream.supportNode.slice(p0, p1), code: stream.supportCode.slice(p0, p1) },
    frames: {
      start: f0,
      pairs: stream.pairs.slice(2 * f0, 2 * f1),
      ...(stream.frameRuns && stream.frameSection ? { section: stream.frameSection.slice(f0, f1), labels: sliceRuns(stream.frameRuns, f0, f1) } : {}),
    },
  };
}
