/**
 * Planning a write from the rows it touches, not the whole model.
 *
 * The planners (elements/) work on a StructuralModel. Given the WHOLE model they see everything;
 * given a SLICE — the rows a call can reach — they produce the same patch and the same issues,
 * because every rule they apply looks only at:
 *   - the elements the call names (by label, name or id) and the rows those depend on
 *     (a frame's end nodes, a node's support, a removed element's loads and frames);
 *   - the nodes near each new or moved node (the 1 mm merge and coincidence rules), found by
 *     stored grid cell (spatial.ts cellKey);
 *   - the frames on the same node pair as a new or reconnected frame (found from their end nodes);
 *   - the names that must stay unique: sections, materials, load cases and combinations, which are
 *     read whole (they are small tables whatever the model size: a few dozen rows);
 *   - the highest automatic label numbers (labels.ts), one indexed MAX each.
 *
 * `ModelRows` is that set of look-ups. lib/db implements it with a few batched, indexed queries
 * inside the write transaction; `memoryRows` implements it over a whole model, for the domain's
 * own tests (which check that planning on a slice equals planning on the whole model).
 *
 * Each `slice…` function reads in as few rounds as the dependencies allow (two or three), then
 * returns the slice as a StructuralModel whose rows are sorted by id, like a whole-model read.
 */
import type { Frame, Load, ModelMeta, ModelPatch, Node, StructuralModel, Support } from "./schema";
import type { ElementRefInput, ElementsInput, ElementsRemove, ElementsUpdate } from "./elements-input";
import { cellKey, cellsAround } from "./spatial";
import { inputScale } from "./elements";
import { labelNumber } from "./labels";
import { DEFAULT_COINCIDENT_TOLERANCE } from "./checks";

/** Property tables: read whole. */
export type ModelProperties = Pick<StructuralModel, "sections" | "materials" | "loadCases" | "combinations">;

/** The look-ups a planner needs; every method answers for one model. Empty inputs may return []. */
export interface ModelRows {
  /** Highest N of node labels "N<digits>" and frame labels "F<digits>" (0 when there are none). */
  labelNumbers(): Promise<{ nodes: number; frames: number }>;
  properties(): Promise<ModelProperties>;
  /** Nodes whose label or id is one of `tokens`. */
  nodesByToken(tokens: readonly string[]): Promise<Node[]>;
  nodesByIds(ids: readonly string[]): Promise<Node[]>;
  /** Nodes whose stored cell (cellKey) is one of `cells`. */
  nodesInCells(cells: readonly string[]): Promise<Node[]>;
  /** Nodes inside an axis-aligned box (for tolerances far above the cell size). */
  nodesInBox(min: readonly [number, number, number], max: readonly [number, number, number]): Promise<Node[]>;
  framesByToken(tokens: readonly string[]): Promise<Frame[]>;
  framesByIds(ids: readonly string[]): Promise<Frame[]>;
  /** Frames with either end in `nodeIds`. */
  framesTouching(nodeIds: readonly string[]): Promise<Frame[]>;
  /** Frames whose section is in `sectionIds` or whose material is in `materialIds`. */
  framesUsing(sectionIds: readonly string[], materialIds: readonly string[]): Promise<Frame[]>;
  /** Frames whose role is one of `roles` (selections such as "all beams", selection.ts). */
  framesWithRole(roles: readonly string[]): Promise<Frame[]>;
  supportsByIds(ids: readonly string[]): Promise<Support[]>;
  supportsOnNodes(nodeIds: readonly string[]): Promise<Support[]>;
  loadsByIds(ids: readonly string[]): Promise<Load[]>;
  /** Loads on any of these nodes or frames. */
  loadsOnTargets(targetIds: readonly string[]): Promise<Load[]>;
  loadsInCases(caseIds: readonly string[]): Promise<Load[]>;
}

/** A slice: the rows a call can reach, plus the label numbers of the whole model. */
export interface ModelSlice {
  model: StructuralModel;
  labelNumbers: { nodes: number; frames: number };
}

const str = (r: ElementRefInput): string => (typeof r === "number" ? String(r) : r);

/** Rows gathered so far, by id (later reads of the same row are ignored). */
class Gathered {
  readonly nodes = new Map<string, Node>();
  readonly frames = new Map<string, Frame>();
  readonly supports = new Map<string, Support>();
  readonly loads = new Map<string, Load>();
  props: ModelProperties = { sections: [], materials: [], loadCases: [], combinations: [] };
  labelNumbers = { nodes: 0, frames: 0 };

  add<T extends { id: string }>(into: Map<string, T>, rows: readonly T[]): void {
    for (const r of rows) if (!into.has(r.id)) into.set(r.id, r);
  }
  /** End nodes of gathered frames that are not gathered yet. */
  missingEnds(frames: Iterable<Frame> = this.frames.values()): string[] {
    const out = new Set<string>();
    for (const f of frames) for (const e of [f.i, f.j]) if (!this.nodes.has(e)) out.add(e);
    return [...out];
  }
  toSlice(meta: ModelMeta): ModelSlice {
    const sorted = <T extends { id: string }>(m: Map<string, T>): T[] => [...m.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return {
      model: {
        meta,
        nodes: sorted(this.nodes),
        frames: sorted(this.frames),
        supports: sorted(this.supports),
        sections: this.props.sections,
        materials: this.props.materials,
        loadCases: this.props.loadCases,
        loads: sorted(this.loads),
        combinations: this.props.combinations,
      },
      labelNumbers: this.labelNumbers,
    };
  }
}

/** Resolves a token the way the planners do: a label first, then an id (first row wins). */
function byToken<T extends { id: string; label: string }>(rows: readonly T[]): (token: string) => T | undefined {
  const byLabel = new Map<string, T>();
  const byId = new Map<string, T>();
  for (const r of rows) {
    if (!byLabel.has(r.label)) byLabel.set(r.label, r);
    byId.set(r.id, r);
  }
  return (token) => byLabel.get(token) ?? byId.get(token);
}

/** Nodes within `tol` of any of `points`: by stored cells, or by box for very large tolerances. */
async function nodesNear(rows: ModelRows, points: readonly [number, number, number][], tol: number): Promise<Node[]> {
  if (points.length === 0 || !(tol > 0)) return [];
  const cells = new Set<string>();
  const boxes: Promise<Node[]>[] = [];
  for (const [x, y, z] of points) {
    const around = cellsAround(x, y, z, tol);
    if (around) for (const c of around) cells.add(c);
    else boxes.push(rows.nodesInBox([x - tol, y - tol, z - tol], [x + tol, y + tol, z + tol]));
  }
  const found = await Promise.all([cells.size ? rows.nodesInCells([...cells]) : Promise.resolve([]), ...boxes]);
  return found.flat();
}

/** The slice planAddElements needs for `input`. */
export async function sliceForAdd(rows: ModelRows, meta: ModelMeta, input: ElementsInput, opts: { mergeTolerance?: number } = {}): Promise<ModelSlice> {
  const g = new Gathered();
  const tol = opts.mergeTolerance ?? DEFAULT_COINCIDENT_TOLERANCE;
  const s = inputScale(input.units, meta);
  const nodeTokens = new Set<string>();
  for (const n of input.nodes ?? []) if (n.label !== undefined) nodeTokens.add(n.label);
  for (const f of input.frames ?? []) {
    nodeTokens.add(str(f.i));
    nodeTokens.add(str(f.j));
  }
  for (const sp of input.supports ?? []) nodeTokens.add(str(sp.node));
  const frameTokens = new Set<string>();
  for (const f of input.frames ?? []) if (f.label !== undefined) frameTokens.add(f.label);
  for (const l of input.loads ?? []) {
    if (l.kind === "nodal") nodeTokens.add(str(l.node));
    else frameTokens.add(str(l.frame));
  }
  const points = (input.nodes ?? []).map((n): [number, number, number] =>
    n.at ? [n.at[0] * s.length, n.at[1] * s.length, n.at[2] * s.length] : [(n.x as number) * s.length, (n.y as number) * s.length, (n.z as number) * s.length],
  );
  // Round 1: everything named, the nodes near each new node, the property tables, label numbers.
  const [props, labels, named, near, frames] = await Promise.all([
    rows.properties(),
    rows.labelNumbers(),
    rows.nodesByToken([...nodeTokens]),
    nodesNear(rows, points, tol),
    rows.framesByToken([...frameTokens]),
  ]);
  g.props = props;
  g.labelNumbers = labels;
  g.add(g.nodes, named);
  g.add(g.nodes, near);
  g.add(g.frames, frames);
  // Round 2: frames already joining two of these nodes (duplicates of new frames), supports on
  // them, and the end nodes of frames that loads name (for distances along the frame).
  const reachable = [...g.nodes.keys()];
  const [touching, supports, ends] = await Promise.all([
    input.frames?.length ? rows.framesTouching(reachable) : Promise.resolve([]),
    input.supports?.length ? rows.supportsOnNodes(reachable) : Promise.resolve([]),
    rows.nodesByIds(g.missingEnds()),
  ]);
  const inSet = new Set(reachable);
  g.add(g.frames, touching.filter((f) => inSet.has(f.i) && inSet.has(f.j)));
  g.add(g.supports, supports);
  g.add(g.nodes, ends);
  return g.toSlice(meta);
}

/** The slice planUpdateElements needs for `input`. */
export async function sliceForUpdate(rows: ModelRows, meta: ModelMeta, input: ElementsUpdate, opts: { mergeTolerance?: number } = {}): Promise<ModelSlice> {
  const g = new Gathered();
  const tol = opts.mergeTolerance ?? DEFAULT_COINCIDENT_TOLERANCE;
  const s = inputScale(input.units, meta);
  const nodeTokens = new Set<string>();
  for (const u of input.nodes ?? []) {
    nodeTokens.add(str(u.node));
    if (u.label !== undefined) nodeTokens.add(u.label);
  }
  for (const u of input.frames ?? []) {
    if (u.i !== undefined) nodeTokens.add(str(u.i));
    if (u.j !== undefined) nodeTokens.add(str(u.j));
  }
  for (const u of input.supports ?? []) nodeTokens.add(str(u.node));
  const frameTokens = new Set<string>();
  for (const u of input.frames ?? []) {
    frameTokens.add(str(u.frame));
    if (u.label !== undefined) frameTokens.add(u.label);
  }
  // Round 1: what the call names.
  const [props, named, frames, loads] = await Promise.all([
    rows.properties(),
    rows.nodesByToken([...nodeTokens]),
    rows.framesByToken([...frameTokens]),
    rows.loadsByIds((input.loads ?? []).map((l) => l.id)),
  ]);
  g.props = props;
  g.add(g.nodes, named);
  g.add(g.frames, frames);
  g.add(g.loads, loads);
  // Where moved nodes end up (a partial move keeps the other coordinates), and which nodes the
  // moved nodes and reconnected frames touch.
  const node = byToken(named);
  const frame = byToken(frames);
  const finals: [number, number, number][] = [];
  const touched = new Set<string>();
  for (const u of input.nodes ?? []) {
    const n = node(str(u.node));
    const c = u.at ? { x: u.at[0], y: u.at[1], z: u.at[2] } : { x: u.x, y: u.y, z: u.z };
    if (!n || (c.x === undefined && c.y === undefined && c.z === undefined)) continue;
    finals.push([c.x !== undefined ? c.x * s.length : n.x, c.y !== undefined ? c.y * s.length : n.y, c.z !== undefined ? c.z * s.length : n.z]);
    touched.add(n.id);
  }
  for (const u of input.frames ?? []) {
    if (u.i === undefined && u.j === undefined) continue;
    const f = frame(str(u.frame));
    if (f) touched.add(f.i).add(f.j);
    for (const t of [u.i, u.j]) {
      const n = t === undefined ? undefined : node(str(t));
      if (n) touched.add(n.id);
    }
  }
  // Round 2: nodes near the moved nodes' new places, frames on the touched nodes, supports.
  const [near, touching, supports] = await Promise.all([
    nodesNear(rows, finals, tol),
    rows.framesTouching([...touched]),
    input.supports?.length ? rows.supportsOnNodes(named.map((n) => n.id)) : Promise.resolve([]),
  ]);
  g.add(g.nodes, near);
  g.add(g.frames, touching);
  g.add(g.supports, supports);
  // Round 3: the far ends of those frames (lengths after the move).
  g.add(g.nodes, await rows.nodesByIds(g.missingEnds()));
  return g.toSlice(meta);
}

/** The slice planRemoveElements needs for `input`. */
export async function sliceForRemove(rows: ModelRows, meta: ModelMeta, input: ElementsRemove): Promise<ModelSlice> {
  const g = new Gathered();
  const nodeTokens = [...(input.nodes ?? []), ...(input.supports ?? [])].map(str);
  // Round 1: what the call names.
  const [props, nodes, frames, supports, loads] = await Promise.all([
    rows.properties(),
    rows.nodesByToken(nodeTokens),
    rows.framesByToken((input.frames ?? []).map(str)),
    rows.supportsByIds((input.supports ?? []).map(str)),
    rows.loadsByIds(input.loads ?? []),
  ]);
  g.props = props;
  g.add(g.nodes, nodes);
  g.add(g.frames, frames);
  g.add(g.supports, supports);
  g.add(g.loads, loads);
  const matching = <T extends { id: string; name: string }>(list: readonly T[], tokens: readonly string[] | undefined) => {
    const want = new Set((tokens ?? []).map((t) => t.toLowerCase()));
    const ids = new Set(tokens ?? []);
    return list.filter((x) => ids.has(x.id) || want.has(x.name.toLowerCase())).map((x) => x.id);
  };
  const sections = matching(props.sections, input.sections);
  const materials = matching(props.materials, input.materials);
  const cases = matching(props.loadCases, input.loadCases);
  const nodeIds = nodes.map((n) => n.id);
  // Round 2: frames on removed nodes or using removed sections/materials, supports on removed
  // nodes, loads of removed cases.
  const [touching, using, nodeSupports, caseLoads] = await Promise.all([
    rows.framesTouching(nodeIds),
    sections.length || materials.length ? rows.framesUsing(sections, materials) : Promise.resolve([]),
    rows.supportsOnNodes(nodeIds),
    rows.loadsInCases(cases),
  ]);
  g.add(g.frames, touching);
  g.add(g.frames, using);
  g.add(g.supports, nodeSupports);
  g.add(g.loads, caseLoads);
  // Round 3: loads on every node and frame that may go.
  const targets = [...nodeIds, ...frames.map((f) => f.id), ...touching.map((f) => f.id)];
  g.add(g.loads, await rows.loadsOnTargets(targets));
  return g.toSlice(meta);
}

/** The slice a stored patch needs to be applied and inverted (undo): the rows it updates or removes. */
export async function sliceForPatch(rows: ModelRows, meta: ModelMeta, patch: ModelPatch): Promise<ModelSlice> {
  const g = new Gathered();
  const ids = (k: keyof ModelPatch["remove"]) => [...patch.remove[k], ...patch.update[k].map((u) => u.id)];
  const [props, labels, nodes, frames, supports, loads] = await Promise.all([
    rows.properties(),
    rows.labelNumbers(),
    rows.nodesByIds(ids("nodes")),
    rows.framesByIds(ids("frames")),
    rows.supportsByIds(ids("supports")),
    rows.loadsByIds(ids("loads")),
  ]);
  g.props = props;
  g.labelNumbers = labels;
  g.add(g.nodes, nodes);
  g.add(g.frames, frames);
  g.add(g.supports, supports);
  g.add(g.loads, loads);
  return g.toSlice(meta);
}

/** ModelRows over a whole model in memory (the domain's tests; also a reference for lib/db). */
export function memoryRows(model: StructuralModel): ModelRows {
  const has = (list: readonly string[]) => {
    const s = new Set(list);
    return (v: string | null | undefined) => v !== null && v !== undefined && s.has(v);
  };
  const maxNum = (prefix: "N" | "F", labels: Iterable<string>) => {
    let m = 0;
    for (const l of labels) m = Math.max(m, labelNumber(prefix, l) ?? 0);
    return m;
  };
  const idIn = (ids: readonly string[]) => {
    const on = has(ids);
    return (r: { id: string }) => on(r.id);
  };
  const labelOrId = (tokens: readonly string[]) => {
    const on = has(tokens);
    return (r: { id: string; label: string }) => on(r.label) || on(r.id);
  };
  const target = (l: Load) => (l.kind === "nodal" ? l.nodeId : l.frameId);
  const ok = <T>(v: T) => Promise.resolve(v);
  return {
    labelNumbers: () => ok({ nodes: maxNum("N", model.nodes.map((n) => n.label)), frames: maxNum("F", model.frames.map((f) => f.label)) }),
    properties: () => ok({ sections: [...model.sections], materials: [...model.materials], loadCases: [...model.loadCases], combinations: [...model.combinations] }),
    nodesByToken: (t) => ok(model.nodes.filter(labelOrId(t))),
    nodesByIds: (ids) => ok(model.nodes.filter(idIn(ids))),
    nodesInCells: (cells) => {
      const inCells = has(cells);
      return ok(model.nodes.filter((n) => inCells(cellKey(n.x, n.y, n.z))));
    },
    nodesInBox: (lo, hi) => ok(model.nodes.filter((n) => n.x >= lo[0] && n.x <= hi[0] && n.y >= lo[1] && n.y <= hi[1] && n.z >= lo[2] && n.z <= hi[2])),
    framesByToken: (t) => ok(model.frames.filter(labelOrId(t))),
    framesByIds: (ids) => ok(model.frames.filter(idIn(ids))),
    framesTouching: (ids) => {
      const on = has(ids);
      return ok(model.frames.filter((f) => on(f.i) || on(f.j)));
    },
    framesUsing: (secs, mats) => {
      const [s, m] = [has(secs), has(mats)];
      return ok(model.frames.filter((f) => s(f.sectionId) || m(f.materialId)));
    },
    framesWithRole: (roles) => {
      const on = has(roles);
      return ok(model.frames.filter((f) => on(f.role)));
    },
    supportsByIds: (ids) => ok(model.supports.filter(idIn(ids))),
    supportsOnNodes: (ids) => {
      const on = has(ids);
      return ok(model.supports.filter((s) => on(s.nodeId)));
    },
    loadsByIds: (ids) => ok(model.loads.filter(idIn(ids))),
    loadsOnTargets: (ids) => {
      const on = has(ids);
      return ok(model.loads.filter((l) => on(target(l))));
    },
    loadsInCases: (ids) => {
      const on = has(ids);
      return ok(model.loads.filter((l) => on(l.caseId)));
    },
  };
}

