/**
 * Live viewer updates: a revision's change in the viewer's own terms, and applying it to a viewer
 * payload already on screen (pure; imports only types, so the browser bundle gets no zod).
 *
 *   1. At write time (lib/db/model-writes.ts), `liveDeltaOf(before, patch, meta)` turns the
 *      revision's ModelPatch into a LiveDelta: the rows the viewer draws, in id form (a frame
 *      names its nodes by id, a load its case and target), full rows for updates, and the rows as
 *      they were for the supports and loads it updates or removes (the payload knows those by
 *      content, not by id). Null when the change is too large to be worth sending
 *      (LIVE_DELTA_MAX_ROWS) or a row it needs is not in `before`: the viewer then reloads.
 *   2. In the browser, `applyLiveDelta(payload, delta, revision)` gives the payload of the next
 *      revision: removals, updates in place, additions — then nodes, frames, sections, materials
 *      and load cases in id order, as the database reads them (ORDER BY id), so indices match the
 *      payload a reload would give (analysis results are keyed by those indices). Supports and
 *      loads (no ids in the payload) keep patch order, which only changes how lists read. Null
 *      when the delta does not fit the payload (a support or load it names is not there).
 */
import type { DisplayUnits, Frame, Load, ModelMeta, ModelPatch, Node, StructuralModel, Support, VerticalAxis } from "./schema";
import type { ViewerPayload } from "./geometry";

/** Rows (added, updated and removed, all kinds) above which a revision is not sent as a delta. */
export const LIVE_DELTA_MAX_ROWS = 2_000;

export interface LiveNode { id: string; label: string; x: number; y: number; z: number }
export interface LiveFrame { id: string; label: string; i: string; j: string; sectionId: string | null; materialId: string | null; roll: number; releases: string }
export type LiveSection = ViewerPayload["sections"][number];
export type LiveMaterial = ViewerPayload["materials"][number];
export type LiveLoadCase = ViewerPayload["loadCases"][number];
export interface LiveSupport { nodeId: string; code: string }
/** A payload load with ids instead of indices. */
export type LiveLoad = Omit<ViewerPayload["loads"][number], "caseIndex" | "target"> & { caseId: string; targetId: string };

/** Rows with ids: removed by id, updated in place (whole row), added at the end. */
export interface KindDelta<T> { remove: string[]; update: T[]; add: T[] }
/** Rows the payload knows by content: removed and updated rows are given as they were. */
export interface ContentDelta<T> { remove: T[]; update: { before: T; after: T }[]; add: T[] }

export interface LiveDelta {
  meta?: { name?: string; verticalAxis?: VerticalAxis; units?: DisplayUnits };
  nodes: KindDelta<LiveNode>;
  frames: KindDelta<LiveFrame>;
  sections: KindDelta<LiveSection>;
  materials: KindDelta<LiveMaterial>;
  loadCases: KindDelta<LiveLoadCase>;
  supports: ContentDelta<LiveSupport>;
  loads: ContentDelta<LiveLoad>;
}

const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

// ───────────────────────────── rows in the viewer's terms ─────────────────────────────

const liveNode = (n: Node): LiveNode => ({ id: n.id, label: n.label, x: round6(n.x), y: round6(n.y), z: round6(n.z) });
const liveFrame = (f: Frame): LiveFrame => ({
  id: f.id, label: f.label, i: f.i, j: f.j, sectionId: f.sectionId, materialId: f.materialId, roll: f.roll,
  releases: f.releaseI === "FFFFFF" && f.releaseJ === "FFFFFF" ? "" : `${f.releaseI}/${f.releaseJ}`,
});
const liveSupport = (s: Support): LiveSupport => ({ nodeId: s.nodeId, code: s.code });

/** A load as the payload draws it (the same fields as toViewerPayload), by ids. */
export function liveLoad(l: Load): LiveLoad {
  if (l.kind === "frame_distributed") {
    const row: LiveLoad = { caseId: l.caseId, kind: l.kind, targetId: l.frameId, vector: [l.w1.x, l.w1.y, l.w1.z], start: l.start, end: l.end, vectorEnd: [l.w2.x, l.w2.y, l.w2.z] };
    if (l.axes === "local") row.axes = "local";
    return row;
  }
  const target = l.kind === "nodal" ? l.nodeId : l.frameId;
  const row: LiveLoad = { caseId: l.caseId, kind: l.kind, targetId: target, vector: [l.fx, l.fy, l.fz] };
  if (l.kind === "frame_point") row.position = l.position;
  if (l.mx !== 0 || l.my !== 0 || l.mz !== 0) row.moment = [l.mx, l.my, l.mz];
  if (l.kind === "frame_point" && l.axes === "local") row.axes = "local";
  return row;
}

// ───────────────────────────── 1. building a delta (server, at write time) ─────────────────────────────

function merged<T extends { id: string }>(before: ReadonlyMap<string, T>, update: { id: string }): T | null {
  const prev = before.get(update.id);
  if (!prev) return null;
  // Fields present in the update win; `undefined` means "unchanged" (as applyPatch reads it).
  return { ...prev, ...Object.fromEntries(Object.entries(update).filter(([, v]) => v !== undefined)) };
}

function byId<T extends { id: string }>(rows: readonly T[]): Map<string, T> {
  return new Map(rows.map((r) => [r.id, r]));
}

function idKind<T extends { id: string }, V>(rows: readonly T[], add: readonly T[], update: readonly { id: string }[], remove: readonly string[], view: (r: T) => V): KindDelta<V> | null {
  const before = update.length ? byId(rows) : new Map<string, T>();
  const updated: V[] = [];
  for (const u of update) {
    const row = merged(before, u);
    if (!row) return null;
    updated.push(view(row));
  }
  return { remove: [...remove], update: updated, add: add.map(view) };
}

function contentKind<T extends { id: string }, V>(rows: readonly T[], add: readonly T[], update: readonly { id: string }[], remove: readonly string[], view: (r: T) => V): ContentDelta<V> | null {
  const before = update.length || remove.length ? byId(rows) : new Map<string, T>();
  const out: ContentDelta<V> = { remove: [], update: [], add: add.map(view) };
  for (const id of remove) {
    const row = before.get(id);
    if (!row) return null;
    out.remove.push(view(row));
  }
  for (const u of update) {
    const prev = before.get(u.id);
    const row = merged(before, u);
    if (!prev || !row) return null;
    out.update.push({ before: view(prev), after: view(row) });
  }
  return out;
}

/** Rows a patch adds, updates and removes, all kinds together. */
export function patchRows(patch: ModelPatch): number {
  let n = 0;
  for (const k of Object.keys(patch.add) as (keyof ModelPatch["add"])[]) n += patch.add[k].length + patch.update[k].length + patch.remove[k].length;
  return n;
}

/**
 * The viewer's delta of `patch` applied to a model whose touched rows are in `before` (a slice or
 * the whole model). Null when it is too large or a row it needs is missing (the viewer reloads).
 */
export function liveDeltaOf(before: StructuralModel, patch: ModelPatch, meta?: Partial<Pick<ModelMeta, "name" | "verticalAxis" | "displayUnits">>): LiveDelta | null {
  if (patchRows(patch) > LIVE_DELTA_MAX_ROWS) return null;
  const { add: a, update: u, remove: r } = patch;
  const nodes = idKind(before.nodes, a.nodes, u.nodes, r.nodes, liveNode);
  const frames = idKind(before.frames, a.frames, u.frames, r.frames, liveFrame);
  const sections = idKind(before.sections, a.sections, u.sections, r.sections, (s): LiveSection => ({ id: s.id, name: s.name, shape: s.shape, A: s.A, Iy: s.Iy, Iz: s.Iz, J: s.J }));
  const materials = idKind(before.materials, a.materials, u.materials, r.materials, (m): LiveMaterial => ({ id: m.id, name: m.name, E: m.E, density: m.density }));
  const loadCases = idKind(before.loadCases, a.loadCases, u.loadCases, r.loadCases, (c): LiveLoadCase => ({ id: c.id, name: c.name }));
  const supports = contentKind(before.supports, a.supports, u.supports, r.supports, liveSupport);
  const loads = contentKind(before.loads, a.loads, u.loads, r.loads, liveLoad);
  if (!nodes || !frames || !sections || !materials || !loadCases || !supports || !loads) return null;
  const delta: LiveDelta = { nodes, frames, sections, materials, loadCases, supports, loads };
  if (meta && (meta.name !== undefined || meta.verticalAxis !== undefined || meta.displayUnits !== undefined)) {
    delta.meta = {
      ...(meta.name !== undefined ? { name: meta.name } : {}),
      ...(meta.verticalAxis !== undefined ? { verticalAxis: meta.verticalAxis } : {}),
      ...(meta.displayUnits !== undefined ? { units: { length: meta.displayUnits.length, force: meta.displayUnits.force } } : {}),
    };
  }
  return delta;
}

// ───────────────────────────── 2. applying a delta (browser) ─────────────────────────────

function applyIds<T extends { id: string }>(rows: readonly T[], d: KindDelta<T>): T[] {
  if (!d.remove.length && !d.update.length && !d.add.length) return [...rows];
  const removed = new Set(d.remove);
  const updated = new Map(d.update.map((r) => [r.id, r]));
  const out: T[] = [];
  for (const r of rows) if (!removed.has(r.id)) out.push(updated.get(r.id) ?? r);
  for (const r of d.add) out.push(r);
  return out;
}

/** Rows in id order (code-unit order, as the database's ORDER BY "id" on these ids); O(n) when already sorted. */
function inIdOrder<T extends { id: string }>(rows: T[]): T[] {
  for (let k = 1; k < rows.length; k++) if (rows[k - 1]!.id > rows[k]!.id) return [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rows;
}

/** Content rows: each removed or updated row must be found (the first equal one). */
function applyContent<T>(rows: readonly T[], d: ContentDelta<T>): T[] | null {
  if (!d.remove.length && !d.update.length && !d.add.length) return [...rows];
  const keys = rows.map((r) => JSON.stringify(r));
  const out: (T | null)[] = [...rows];
  const find = (row: T): number => {
    const key = JSON.stringify(row);
    for (let k = 0; k < keys.length; k++) if (out[k] !== null && keys[k] === key) return k;
    return -1;
  };
  for (const { before, after } of d.update) {
    const k = find(before);
    if (k < 0) return null;
    out[k] = after;
    keys[k] = JSON.stringify(after);
  }
  for (const row of d.remove) {
    const k = find(row);
    if (k < 0) return null;
    out[k] = null;
  }
  const kept = out.filter((r): r is T => r !== null);
  return [...kept, ...d.add];
}

/** The payload's rows in id form (what a delta names). */
function decode(p: ViewerPayload) {
  const nodeId = (k: number) => p.nodes.ids[k] ?? "";
  const nodes: LiveNode[] = p.nodes.ids.map((id, k) => ({ id, label: p.nodes.labels[k]!, x: p.nodes.positions[3 * k]!, y: p.nodes.positions[3 * k + 1]!, z: p.nodes.positions[3 * k + 2]! }));
  const frames: LiveFrame[] = p.frames.ids.map((id, k) => ({
    id, label: p.frames.labels[k]!, i: nodeId(p.frames.pairs[2 * k]!), j: nodeId(p.frames.pairs[2 * k + 1]!),
    sectionId: p.sections[p.frames.section[k]!]?.id ?? null, materialId: p.materials[p.frames.material[k]!]?.id ?? null,
    roll: p.frames.roll[k]!, releases: p.frames.releases[k]!,
  }));
  const supports: LiveSupport[] = p.supports.node.map((n, k) => ({ nodeId: nodeId(n), code: p.supports.code[k]! }));
  const loads: LiveLoad[] = p.loads.map(({ caseIndex, target, ...rest }) => ({
    caseId: p.loadCases[caseIndex]?.id ?? "",
    ...rest,
    targetId: (rest.kind === "nodal" ? p.nodes.ids[target] : p.frames.ids[target]) ?? "",
  }));
  return { nodes, frames, supports, loads };
}

/** A LiveLoad in the key order liveLoad writes (so content comparison by JSON matches). */
function canonicalLoad(l: LiveLoad): LiveLoad {
  const row: LiveLoad = { caseId: l.caseId, kind: l.kind, targetId: l.targetId, vector: l.vector };
  if (l.kind === "frame_distributed") {
    row.start = l.start;
    row.end = l.end;
    row.vectorEnd = l.vectorEnd;
  } else if (l.kind === "frame_point") row.position = l.position;
  if (l.moment) row.moment = l.moment;
  if (l.axes) row.axes = l.axes;
  return row;
}

interface Rows {
  nodes: LiveNode[]; frames: LiveFrame[]; sections: LiveSection[]; materials: LiveMaterial[]; loadCases: LiveLoadCase[]; supports: LiveSupport[]; loads: LiveLoad[];
}

/** Rows back into a payload, with the same rules as toViewerPayload (loads on missing targets are skipped). */
function encode(base: ViewerPayload, rows: Rows, revision: number, meta: LiveDelta["meta"]): ViewerPayload {
  const index = <T extends { id: string }>(list: readonly T[]) => new Map(list.map((r, k) => [r.id, k]));
  const nodeIndex = index(rows.nodes), frameIndex = index(rows.frames), sectionIndex = index(rows.sections), materialIndex = index(rows.materials), caseIndex = index(rows.loadCases);
  const positions: number[] = [];
  let min = [Infinity, Infinity, Infinity], max = [-Infinity, -Infinity, -Infinity];
  for (const n of rows.nodes) {
    const xyz = [n.x, n.y, n.z];
    positions.push(...xyz);
    min = min.map((v, a) => Math.min(v, xyz[a]!));
    max = max.map((v, a) => Math.max(v, xyz[a]!));
  }
  if (rows.nodes.length === 0) min = max = [0, 0, 0];
  const supports = { node: [] as number[], code: [] as string[] };
  for (const s of rows.supports) {
    const k = nodeIndex.get(s.nodeId);
    if (k === undefined) continue;
    supports.node.push(k);
    supports.code.push(s.code);
  }
  const loads: ViewerPayload["loads"] = [];
  for (const { caseId, targetId, ...rest } of rows.loads) {
    const ci = caseIndex.get(caseId);
    const t = rest.kind === "nodal" ? nodeIndex.get(targetId) : frameIndex.get(targetId);
    if (ci === undefined || t === undefined) continue;
    loads.push({ caseIndex: ci, target: t, ...rest });
  }
  const f = rows.frames;
  return {
    modelId: base.modelId,
    name: meta?.name ?? base.name,
    revision,
    verticalAxis: meta?.verticalAxis ?? base.verticalAxis,
    units: meta?.units ?? base.units,
    bounds: { min: [min[0]!, min[1]!, min[2]!], max: [max[0]!, max[1]!, max[2]!] },
    nodes: { labels: rows.nodes.map((n) => n.label), ids: rows.nodes.map((n) => n.id), positions },
    frames: {
      labels: f.map((r) => r.label),
      ids: f.map((r) => r.id),
      pairs: f.flatMap((r) => [nodeIndex.get(r.i) ?? -1, nodeIndex.get(r.j) ?? -1]),
      section: f.map((r) => (r.sectionId === null ? -1 : (sectionIndex.get(r.sectionId) ?? -1))),
      material: f.map((r) => (r.materialId === null ? -1 : (materialIndex.get(r.materialId) ?? -1))),
      roll: f.map((r) => r.roll),
      releases: f.map((r) => r.releases),
    },
    supports,
    sections: rows.sections,
    materials: rows.materials,
    loadCases: rows.loadCases,
    loads,
  };
}

/**
 * The payload of `revision`: `payload` (the revision before it) with `delta` applied. Null when
 * the delta names a support or load the payload does not have (the caller reloads instead).
 */
export function applyLiveDelta(payload: ViewerPayload, delta: LiveDelta, revision: number): ViewerPayload | null {
  const old = decode(payload);
  const supports = applyContent(old.supports, delta.supports);
  const canon = (d: ContentDelta<LiveLoad>): ContentDelta<LiveLoad> => ({
    remove: d.remove.map(canonicalLoad),
    update: d.update.map((u) => ({ before: canonicalLoad(u.before), after: canonicalLoad(u.after) })),
    add: d.add.map(canonicalLoad),
  });
  const loads = applyContent(old.loads.map(canonicalLoad), canon(delta.loads));
  if (!supports || !loads) return null;
  return encode(
    payload,
    {
      nodes: inIdOrder(applyIds(old.nodes, delta.nodes)),
      frames: inIdOrder(applyIds(old.frames, delta.frames)),
      sections: inIdOrder(applyIds(payload.sections, delta.sections)),
      materials: inIdOrder(applyIds(payload.materials, delta.materials)),
      loadCases: inIdOrder(applyIds(payload.loadCases, delta.loadCases)),
      supports,
      loads,
    },
    revision,
    delta.meta,
  );
}
