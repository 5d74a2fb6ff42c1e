/**
 * planUpdateElements(model, input, opts): update_elements. Changes to existing elements (coordinates,
 * labels, frame section/material/roll/releases/role/nodes, support codes, section and material
 * properties, load values, case and combination fields), as a list of steps over one UpdateContext;
 * the geometry check runs after the node and frame steps, on the model as it would be.
 */
import type { Combination, Frame, Load, LoadCase, Material, ModelPatch, Node, RowUpdate, Section, StructuralModel, Support } from "../schema";
import { emptyPatch } from "../schema";
import type { ElementKind, IssueCode, IssuePath } from "../issues";
import { IssueSink, hasErrors } from "../issues";
import { DEFAULT_COINCIDENT_TOLERANCE } from "../checks";
import { PointGrid } from "../spatial";
import type { UnitScale } from "../units";
import type { ElementsUpdate } from "../elements-input";
import { RELEASE_SHORTCUTS } from "../elements-input";
import { ModelLookup, PropertyResolver } from "./lookup";
import { fmtNum, inputScale, pushUpdate, refStr, resolveFactors, scaleShape, supportCode, vec, where, type PlanChangeResult, type PlanUpdateOptions } from "./shared";

/** One merge index per kind: several updates to one row become one. */
interface UpdateIndex {
  nodes: Map<string, RowUpdate<Node>>;
  frames: Map<string, RowUpdate<Frame>>;
  supports: Map<string, RowUpdate<Support>>;
  sections: Map<string, RowUpdate<Section>>;
  materials: Map<string, RowUpdate<Material>>;
  loadCases: Map<string, RowUpdate<LoadCase>>;
  loads: Map<string, ModelPatch["update"]["loads"][number]>;
  combinations: Map<string, RowUpdate<Combination>>;
}

interface UpdateContext {
  readonly existing: StructuralModel;
  readonly input: ElementsUpdate;
  readonly opts: PlanUpdateOptions;
  readonly sink: IssueSink;
  readonly patch: ModelPatch;
  readonly s: UnitScale;
  readonly look: ModelLookup;
  readonly props: PropertyResolver;
  /** zero-length and coincidence distance, m */
  readonly tol: number;
  readonly idx: UpdateIndex;
  /** node / frame labels that will exist after the update → row id, for uniqueness checks */
  readonly nodeLabels: Map<string, string>;
  readonly frameLabels: Map<string, string>;
  /** nodes as they will be after a move */
  readonly moved: Map<string, Node>;
  /** frames reconnected by this call: their ends after the change */
  readonly frameEnds: Map<string, { i: string; j: string; path: IssuePath }>;
}

type UpdateStep = (ctx: UpdateContext) => void;

const STEPS: readonly UpdateStep[] = [
  updateNodes,
  updateFrames,
  checkGeometry,
  updateSupports,
  updateSections,
  updateMaterials,
  updateLoadCases,
  updateLoads,
  updateCombinations,
];

/**
 * Plan changes to existing elements (coordinates, labels, frame section/material/roll/releases/role/
 * nodes, support codes, section and material properties, load values, case and combination fields).
 */
export function planUpdateElements(existing: StructuralModel, input: ElementsUpdate, opts: PlanUpdateOptions = {}): PlanChangeResult {
  const sink = new IssueSink();
  const patch = emptyPatch();
  const look = new ModelLookup(existing);
  const ctx: UpdateContext = {
    existing,
    input,
    opts,
    sink,
    patch,
    s: inputScale(input.units, existing.meta),
    look,
    props: new PropertyResolver(look, patch, sink, opts.newId),
    tol: opts.mergeTolerance ?? DEFAULT_COINCIDENT_TOLERANCE,
    idx: {
      nodes: new Map(), frames: new Map(), supports: new Map(), sections: new Map(),
      materials: new Map(), loadCases: new Map(), loads: new Map(), combinations: new Map(),
    },
    nodeLabels: renamed(look.nodeById, (n) => n.label),
    frameLabels: renamed(look.frameById, (f) => f.label),
    moved: new Map(),
    frameEnds: new Map(),
  };
  for (const step of STEPS) step(ctx);
  const issues = sink.finish();
  return { ok: !hasErrors(issues), patch, issues };
}

/** Names/labels as they are now → row id (then kept up to date as the call renames rows). */
function renamed<T extends { id: string }>(map: Map<string, T>, key: (t: T) => string): Map<string, string> {
  const m = new Map<string, string>();
  for (const v of map.values()) m.set(key(v), v.id);
  return m;
}

function unknown(ctx: UpdateContext, code: IssueCode, kind: ElementKind, token: string, path: IssuePath, known: string): void {
  ctx.sink.error(code, `${where(path)} refers to ${kind} "${token}", which does not exist. Use an existing ${kind} label, name or id.`, { path, hint: `Known: ${known}.` });
}

function finalNode(ctx: UpdateContext, id: string): Node | undefined {
  return ctx.moved.get(id) ?? ctx.look.nodeById.get(id);
}

function updateNodes(ctx: UpdateContext): void {
  const { input, sink, patch, s, look, idx, nodeLabels, moved } = ctx;
  input.nodes?.forEach((u, k) => {
    const path: IssuePath = ["nodes", k];
    const n = look.node(refStr(u.node));
    if (!n) return unknown(ctx, "UNKNOWN_NODE", "node", refStr(u.node), [...path, "node"], look.listLabels(look.nodeByLabel));
    const row: RowUpdate<Node> = { id: n.id };
    if (u.label !== undefined && u.label !== n.label) {
      const owner = nodeLabels.get(u.label);
      if (owner !== undefined && owner !== n.id) {
        sink.error("DUPLICATE_NODE", `${where(path)}.label "${u.label}" is already used by another node. Choose a different label.`, { path: [...path, "label"] });
        return;
      }
      nodeLabels.delete(n.label);
      nodeLabels.set(u.label, n.id);
      row.label = u.label;
    }
    const c = u.at ? { x: u.at[0], y: u.at[1], z: u.at[2] } : { x: u.x, y: u.y, z: u.z };
    if (c.x !== undefined) row.x = c.x * s.length;
    if (c.y !== undefined) row.y = c.y * s.length;
    if (c.z !== undefined) row.z = c.z * s.length;
    if (row.x !== undefined || row.y !== undefined || row.z !== undefined) {
      const base = moved.get(n.id) ?? n;
      moved.set(n.id, { ...base, x: row.x ?? base.x, y: row.y ?? base.y, z: row.z ?? base.z });
    }
    pushUpdate(patch.update.nodes, idx.nodes, row);
  });
}

function updateFrames(ctx: UpdateContext): void {
  const { input, patch, idx, frameEnds } = ctx;
  input.frames?.forEach((u, k) => {
    const row = frameUpdate(ctx, u, k);
    if (!row) return;
    pushUpdate(patch.update.frames, idx.frames, row.update);
    if (row.update.i !== undefined || row.update.j !== undefined) frameEnds.set(row.frame.id, { i: row.update.i ?? row.frame.i, j: row.update.j ?? row.frame.j, path: ["frames", k] });
  });
}

/** One frame row's update, or null when the row has an error (reported). */
function frameUpdate(ctx: UpdateContext, u: NonNullable<ElementsUpdate["frames"]>[number], k: number): { frame: Frame; update: RowUpdate<Frame> } | null {
  const { sink, look, props, frameLabels } = ctx;
  const path: IssuePath = ["frames", k];
  const f = look.frame(refStr(u.frame));
  if (!f) {
    unknown(ctx, "UNKNOWN_FRAME", "frame", refStr(u.frame), [...path, "frame"], look.listLabels(look.frameByLabel));
    return null;
  }
  const row: RowUpdate<Frame> = { id: f.id };
  let bad = false;
  if (u.label !== undefined && u.label !== f.label) {
    const owner = frameLabels.get(u.label);
    if (owner !== undefined && owner !== f.id) {
      sink.error("DUPLICATE_LABEL", `${where(path)}.label "${u.label}" is already used by another frame. Choose a different label.`, { path: [...path, "label"] });
      bad = true;
    } else {
      frameLabels.delete(f.label);
      frameLabels.set(u.label, f.id);
      row.label = u.label;
    }
  }
  for (const end of ["i", "j"] as const) {
    const t = u[end];
    if (t === undefined) continue;
    const n = look.node(refStr(t));
    if (!n) {
      unknown(ctx, "UNKNOWN_NODE", "node", refStr(t), [...path, end], look.listLabels(look.nodeByLabel));
      bad = true;
    } else row[end] = n.id;
  }
  if (u.section !== undefined) {
    const id = u.section === null ? null : props.section(u.section, "frames", k, "section");
    if (id === undefined) bad = true;
    else row.sectionId = id;
  }
  if (u.material !== undefined) {
    const id = u.material === null ? null : props.material(u.material, "frames", k, "material");
    if (id === undefined) bad = true;
    else row.materialId = id;
  }
  if (u.roll !== undefined) row.roll = u.roll;
  if (u.orientation !== undefined) row.orientation = u.orientation === null ? null : vec(u.orientation, 1);
  if (u.release !== undefined || u.releaseI !== undefined || u.releaseJ !== undefined) {
    const base: [string, string] = u.release !== undefined ? [...RELEASE_SHORTCUTS[u.release]] : [f.releaseI, f.releaseJ];
    row.releaseI = u.releaseI?.toUpperCase() ?? base[0];
    row.releaseJ = u.releaseJ?.toUpperCase() ?? base[1];
  }
  if (u.role !== undefined) row.role = u.role;
  if (bad) return null;
  return { frame: f, update: row };
}

/** Geometry after moves / reconnections: duplicate frames, zero length, coincident nodes. */
function checkGeometry(ctx: UpdateContext): void {
  if (ctx.moved.size === 0 && ctx.frameEnds.size === 0) return;
  checkFrameGeometry(ctx);
  if (ctx.moved.size > 0 && ctx.tol > 0) checkCoincidentNodes(ctx);
}

function checkFrameGeometry(ctx: UpdateContext): void {
  const { existing, sink, look, tol, moved, frameEnds } = ctx;
  const touched = new Set<string>(moved.keys());
  const finalEnds = (f: Frame) => frameEnds.get(f.id) ?? { i: f.i, j: f.j, path: undefined };
  // Frames on each node pair after the change: a reconnected frame on a pair that another frame
  // uses is a duplicate, whichever of the two comes first.
  const onPair = new Map<number, Frame[]>();
  for (const f of existing.frames) {
    const e = finalEnds(f);
    const key = look.pairKey(e.i, e.j);
    const list = onPair.get(key);
    if (list) list.push(f);
    else onPair.set(key, [f]);
  }
  for (const f of existing.frames) {
    const e = finalEnds(f);
    const changed = frameEnds.has(f.id) || touched.has(e.i) || touched.has(e.j);
    if (frameEnds.has(f.id)) {
      const other = onPair.get(look.pairKey(e.i, e.j))?.find((g) => g !== f);
      if (other) sink.error("DUPLICATE_FRAME", `Frame "${f.label}" would connect the same nodes as frame "${other.label}". Choose other nodes.`, { path: e.path, elements: [{ kind: "frame", id: other.id, label: other.label }] });
    }
    if (!changed) continue;
    const a = finalNode(ctx, e.i);
    const b = finalNode(ctx, e.j);
    if (!a || !b) continue;
    const L = Math.hypot(b.x - a.x, b.y - a.y, b.z - a.z);
    if (e.i === e.j || L <= tol) {
      sink.error("ZERO_LENGTH_FRAME", `After this change frame "${f.label}" would be ${fmtNum(L)} m long (nodes "${a.label}" and "${b.label}"). Move the nodes apart or connect other nodes.`, { path: e.path, elements: [{ kind: "frame", id: f.id, label: f.label }] });
    }
  }
}

function checkCoincidentNodes(ctx: UpdateContext): void {
  const { existing, sink, tol, moved } = ctx;
  const grid = new PointGrid(tol);
  const all: Node[] = [];
  for (const n of existing.nodes) {
    const m = finalNode(ctx, n.id) as Node;
    grid.add(m.x, m.y, m.z);
    all.push(m);
  }
  for (const m of moved.values()) {
    grid.forEachNear(m.x, m.y, m.z, tol, (k) => {
      const other = all[k] as Node;
      if (other.id === m.id) return;
      sink.warning("COINCIDENT_NODES", `Node "${m.label}" would coincide with node "${other.label}" after this move, so frames meeting there are not connected. Move it elsewhere, or reconnect its frames to "${other.label}" and remove it.`, { elements: [{ kind: "node", id: m.id, label: m.label }, { kind: "node", id: other.id, label: other.label }] });
    });
  }
}

function updateSupports(ctx: UpdateContext): void {
  const { input, sink, patch, look, existing, opts, idx } = ctx;
  input.supports?.forEach((u, k) => {
    const path: IssuePath = ["supports", k];
    const n = look.node(refStr(u.node));
    if (!n) return unknown(ctx, "UNKNOWN_NODE", "node", refStr(u.node), [...path, "node"], look.listLabels(look.nodeByLabel));
    const prev = look.supportByNode.get(n.id);
    if (u.type === "free" && u.code === undefined) {
      if (prev) patch.remove.supports.push(prev.id);
      return;
    }
    const code = supportCode(u.code, u.type === "free" ? undefined : u.type, existing) as string;
    if (prev) pushUpdate(patch.update.supports, idx.supports, { id: prev.id, code });
    else if (!opts.newId) sink.error("INVALID_INPUT", `${where(path)}: node "${n.label}" has no support to update. Add one with add_elements supports.`, { path });
    else patch.add.supports.push({ id: opts.newId(), nodeId: n.id, code });
  });
}

function updateSections(ctx: UpdateContext): void {
  const { input, sink, patch, look, s, idx } = ctx;
  const sectionNames = renamed(look.sectionById, (x) => x.name.toLowerCase());
  input.sections?.forEach((u, k) => {
    const path: IssuePath = ["sections", k];
    const sec = look.sectionById.get(u.section) ?? look.sectionByName.get(u.section.toLowerCase());
    if (!sec) return unknown(ctx, "UNKNOWN_SECTION", "section", u.section, [...path, "section"], look.listLabels(look.sectionByName));
    const row: RowUpdate<Section> = { id: sec.id };
    if (u.name !== undefined && u.name !== sec.name) {
      const owner = sectionNames.get(u.name.toLowerCase());
      if (owner !== undefined && owner !== sec.id) return sink.error("DUPLICATE_NAME", `${where(path)}.name "${u.name}" is already a section. Choose a different name.`, { path: [...path, "name"] });
      sectionNames.set(u.name.toLowerCase(), sec.id);
      row.name = u.name;
    }
    if (u.A !== undefined) row.A = u.A * s.area;
    if (u.Iy !== undefined) row.Iy = u.Iy * s.inertia;
    if (u.Iz !== undefined) row.Iz = u.Iz * s.inertia;
    if (u.J !== undefined) row.J = u.J * s.inertia;
    if (u.shape !== undefined) row.shape = u.shape === null ? null : scaleShape(u.shape, s.sectionLength);
    pushUpdate(patch.update.sections, idx.sections, row);
  });
}

function updateMaterials(ctx: UpdateContext): void {
  const { input, sink, patch, look, s, idx } = ctx;
  const materialNames = renamed(look.materialById, (x) => x.name.toLowerCase());
  input.materials?.forEach((u, k) => {
    const path: IssuePath = ["materials", k];
    const mat = look.materialById.get(u.material) ?? look.materialByName.get(u.material.toLowerCase());
    if (!mat) return unknown(ctx, "UNKNOWN_MATERIAL", "material", u.material, [...path, "material"], look.listLabels(look.materialByName));
    const row: RowUpdate<Material> = { id: mat.id };
    if (u.name !== undefined && u.name !== mat.name) {
      const owner = materialNames.get(u.name.toLowerCase());
      if (owner !== undefined && owner !== mat.id) return sink.error("DUPLICATE_NAME", `${where(path)}.name "${u.name}" is already a material. Choose a different name.`, { path: [...path, "name"] });
      materialNames.set(u.name.toLowerCase(), mat.id);
      row.name = u.name;
    }
    if (u.E !== undefined) row.E = u.E * s.stress;
    if (u.nu !== undefined) row.nu = u.nu;
    if (u.G !== undefined) row.G = u.G * s.stress;
    else if (u.E !== undefined || u.nu !== undefined) row.G = (row.E ?? mat.E) / (2 * (1 + (row.nu ?? mat.nu)));
    if (u.density !== undefined) row.density = u.density * s.density;
    if (u.fy !== undefined) row.fy = u.fy === null ? null : u.fy * s.stress;
    if (u.kind !== undefined) row.kind = u.kind;
    pushUpdate(patch.update.materials, idx.materials, row);
  });
}

function updateLoadCases(ctx: UpdateContext): void {
  const { input, sink, patch, look, idx } = ctx;
  const caseNames = renamed(look.caseById, (x) => x.name.toLowerCase());
  input.loadCases?.forEach((u, k) => {
    const path: IssuePath = ["loadCases", k];
    const c = look.loadCase(u.loadCase);
    if (!c) return unknown(ctx, "UNKNOWN_LOAD_CASE", "loadCase", u.loadCase, [...path, "loadCase"], look.listLabels(look.caseByName));
    const row: RowUpdate<LoadCase> = { id: c.id };
    if (u.name !== undefined && u.name !== c.name) {
      const owner = caseNames.get(u.name.toLowerCase());
      if (owner !== undefined && owner !== c.id) return sink.error("DUPLICATE_NAME", `${where(path)}.name "${u.name}" is already a load case. Choose a different name.`, { path: [...path, "name"] });
      caseNames.set(u.name.toLowerCase(), c.id);
      row.name = u.name;
    }
    if (u.type !== undefined) row.type = u.type;
    if (u.selfWeightFactor !== undefined) row.selfWeightFactor = u.selfWeightFactor;
    pushUpdate(patch.update.loadCases, idx.loadCases, row);
  });
}

function updateLoads(ctx: UpdateContext): void {
  const { input, existing, patch, idx } = ctx;
  if (!input.loads || input.loads.length === 0) return;
  const loadById = new Map<string, Load>(existing.loads.map((l) => [l.id, l]));
  input.loads.forEach((u, k) => {
    const row = loadUpdate(ctx, u, k, loadById);
    if (row) pushUpdate(patch.update.loads, idx.loads, row);
  });
}

const FORCE_FIELDS = ["fx", "fy", "fz", "mx", "my", "mz"] as const;

/** One load row's update, or null when the row has an error (reported). */
function loadUpdate(ctx: UpdateContext, u: NonNullable<ElementsUpdate["loads"]>[number], k: number, loadById: Map<string, Load>): ModelPatch["update"]["loads"][number] | null {
  const { sink, look, s } = ctx;
  const path: IssuePath = ["loads", k];
  const l = loadById.get(u.id);
  if (!l) {
    sink.error("UNKNOWN_LOAD", `${where(path)}.id "${u.id}" is not a load in this model. Use the load ids from get_model.`, { path: [...path, "id"] });
    return null;
  }
  const row: ModelPatch["update"]["loads"][number] = { id: l.id };
  if (u.case !== undefined) {
    const c = look.loadCase(u.case);
    if (!c) {
      unknown(ctx, "UNKNOWN_LOAD_CASE", "loadCase", u.case, [...path, "case"], look.listLabels(look.caseByName));
      return null;
    }
    row.caseId = c.id;
  }
  const wrongFor = (fields: string[]) => fields.filter((f) => (u as Record<string, unknown>)[f] !== undefined);
  let misplaced: string[] = [];
  if (l.kind === "frame_distributed") misplaced = wrongFor([...FORCE_FIELDS, "position"]);
  else if (l.kind === "nodal") misplaced = wrongFor(["position", "start", "end", "axes", "w", "w1", "w2", "projected"]);
  else misplaced = wrongFor(["start", "end", "w", "w1", "w2", "projected"]);
  if (misplaced.length > 0) {
    sink.error("INVALID_INPUT", `${where(path)}: a ${l.kind} load has no field(s) ${misplaced.join(", ")}. Remove them, or remove the load and add one of the right kind.`, { path });
    return null;
  }
  for (const f of FORCE_FIELDS) {
    const v = u[f];
    if (v !== undefined) row[f] = v * (f.startsWith("f") ? s.force : s.moment);
  }
  if (u.position !== undefined) row.position = u.position;
  if (u.axes !== undefined) row.axes = u.axes;
  if (u.projected !== undefined) row.projected = u.projected;
  if (u.w !== undefined) {
    row.w1 = vec(u.w, s.distributed);
    row.w2 = vec(u.w, s.distributed);
  }
  if (u.w1 !== undefined) row.w1 = vec(u.w1, s.distributed);
  if (u.w2 !== undefined) row.w2 = vec(u.w2, s.distributed);
  if (u.start !== undefined) row.start = u.start;
  if (u.end !== undefined) row.end = u.end;
  if (l.kind === "frame_distributed") {
    const start = row.start ?? l.start;
    const end = row.end ?? l.end;
    if (!(start < end)) {
      sink.error("INVALID_LOAD_POSITION", `${where(path)}: the load would run from ${start} to ${end}; start must be less than end.`, { path });
      return null;
    }
  }
  return row;
}

function updateCombinations(ctx: UpdateContext): void {
  const { input, sink, patch, look, idx } = ctx;
  const comboNames = renamed(look.comboById, (x) => x.name.toLowerCase());
  input.combinations?.forEach((u, k) => {
    const path: IssuePath = ["combinations", k];
    const c = look.combination(u.combination);
    if (!c) return unknown(ctx, "UNKNOWN_COMBINATION", "combination", u.combination, [...path, "combination"], look.listLabels(look.comboByName));
    const row: RowUpdate<Combination> = { id: c.id };
    if (u.name !== undefined && u.name !== c.name) {
      const owner = comboNames.get(u.name.toLowerCase());
      if (owner !== undefined && owner !== c.id) return sink.error("DUPLICATE_NAME", `${where(path)}.name "${u.name}" is already a combination. Choose a different name.`, { path: [...path, "name"] });
      comboNames.set(u.name.toLowerCase(), c.id);
      row.name = u.name;
    }
    if (u.kind !== undefined) row.kind = u.kind;
    if (u.factors !== undefined) {
      const resolveCase = (t: string, p: IssuePath) => {
        const lc = look.loadCase(t);
        if (!lc) unknown(ctx, "UNKNOWN_LOAD_CASE", "loadCase", t, p, look.listLabels(look.caseByName));
        return lc;
      };
      const factors = resolveFactors(u.factors, [...path, "factors"], resolveCase, sink);
      if (!factors) return;
      row.factors = factors;
    }
    pushUpdate(patch.update.combinations, idx.combinations, row);
  });
}
