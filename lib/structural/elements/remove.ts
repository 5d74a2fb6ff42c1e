/**
 * planRemoveElements(model, input, { cascade }): remove_elements. Steps over one RemoveContext:
 * resolve what the call names, then the in-use rules (nodes used by frames, sections/materials
 * assigned to frames, load cases with loads or combination factors), then the rows each removal owns.
 */
import type { Combination, Frame, LoadCase, ModelPatch, Node, RowUpdate, StructuralModel } from "../schema";
import { emptyPatch } from "../schema";
import type { ElementRef } from "../issues";
import { IssueSink, hasErrors } from "../issues";
import type { ElementsRemove } from "../elements-input";
import { ModelLookup } from "./lookup";
import { refStr, type PlanChangeResult } from "./shared";


export interface PlanRemoveOptions {
  /**
   * false (default): removing a node used by frames, a section/material assigned to frames, or a
   * load case with loads/combination factors is an error (…_IN_USE).
   * true: also remove those frames (and their loads), unassign the section/material, and remove the
   * case's loads and combination factors.
   * Either way a removed node takes its support and nodal loads with it, and a removed frame its loads.
   */
  cascade?: boolean;
}


/** Ids to remove, per kind. */
interface Removals {
  nodes: Set<string>;
  frames: Set<string>;
  supports: Set<string>;
  sections: Set<string>;
  materials: Set<string>;
  loadCases: Set<string>;
  loads: Set<string>;
  combinations: Set<string>;
}

interface RemoveContext {
  readonly existing: StructuralModel;
  readonly input: ElementsRemove;
  readonly cascade: boolean;
  readonly sink: IssueSink;
  readonly patch: ModelPatch;
  readonly look: ModelLookup;
  readonly rm: Removals;
}

type RemoveStep = (ctx: RemoveContext) => void;

const STEPS: readonly RemoveStep[] = [resolveNodesAndFrames, resolveSupports, resolveProperties, resolveLoadsAndCombinations, nodesInUse, propertiesInUse, loadCasesInUse, ownedLoads];

/** Plan removing elements (addressed by label, name or id). */
export function planRemoveElements(existing: StructuralModel, input: ElementsRemove, opts: PlanRemoveOptions = {}): PlanChangeResult {
  const ctx: RemoveContext = {
    existing,
    input,
    cascade: opts.cascade ?? false,
    sink: new IssueSink(),
    patch: emptyPatch(),
    look: new ModelLookup(existing),
    rm: { nodes: new Set(), frames: new Set(), supports: new Set(), sections: new Set(), materials: new Set(), loadCases: new Set(), loads: new Set(), combinations: new Set() },
  };
  for (const step of STEPS) step(ctx);
  const issues = ctx.sink.finish();
  writeRemovals(ctx, !hasErrors(issues));
  return { ok: !hasErrors(issues), patch: ctx.patch, issues };
}

function listNames(xs: readonly { label?: string; name?: string }[]): string {
  const names = xs.slice(0, 10).map((x) => `"${x.label ?? x.name}"`).join(", ");
  return xs.length > 10 ? `${names} and ${xs.length - 10} more` : names;
}

function resolveNodesAndFrames(ctx: RemoveContext): void {
  const { input, sink, look } = ctx;
  const { nodes: rmNodes, frames: rmFrames } = ctx.rm;
  input.nodes?.forEach((t, k) => {
    const n = look.node(refStr(t));
    if (!n) sink.error("UNKNOWN_NODE", `nodes[${k}] "${refStr(t)}" is not a node label or id in this model. Nothing was removed.`, { path: ["nodes", k] });
    else rmNodes.add(n.id);
  });
  input.frames?.forEach((t, k) => {
    const f = look.frame(refStr(t));
    if (!f) sink.error("UNKNOWN_FRAME", `frames[${k}] "${refStr(t)}" is not a frame label or id in this model. Nothing was removed.`, { path: ["frames", k] });
    else rmFrames.add(f.id);
  });
}

function resolveSupports(ctx: RemoveContext): void {
  const { input, sink, look, existing } = ctx;
  const rmSupports = ctx.rm.supports;
  const supportById = new Map(existing.supports.map((x) => [x.id, x]));
  input.supports?.forEach((t, k) => {
    const tok = refStr(t);
    const byId = supportById.get(tok);
    const n = byId ? undefined : look.node(tok);
    const sup = byId ?? (n ? look.supportByNode.get(n.id) : undefined);
    if (!sup) sink.error("UNKNOWN_SUPPORT", `supports[${k}] "${tok}" is neither a supported node's label/id nor a support id. Nothing was removed.`, { path: ["supports", k] });
    else rmSupports.add(sup.id);
  });
}

function resolveProperties(ctx: RemoveContext): void {
  const { input, sink, look } = ctx;
  const { sections: rmSections, materials: rmMaterials, loadCases: rmCases } = ctx.rm;
  input.sections?.forEach((t, k) => {
    const x = look.sectionById.get(t) ?? look.sectionByName.get(t.toLowerCase());
    if (!x) sink.error("UNKNOWN_SECTION", `sections[${k}] "${t}" is not a section name or id in this model.`, { path: ["sections", k] });
    else rmSections.add(x.id);
  });
  input.materials?.forEach((t, k) => {
    const x = look.materialById.get(t) ?? look.materialByName.get(t.toLowerCase());
    if (!x) sink.error("UNKNOWN_MATERIAL", `materials[${k}] "${t}" is not a material name or id in this model.`, { path: ["materials", k] });
    else rmMaterials.add(x.id);
  });
  input.loadCases?.forEach((t, k) => {
    const x = look.loadCase(t);
    if (!x) sink.error("UNKNOWN_LOAD_CASE", `loadCases[${k}] "${t}" is not a load case name or id in this model.`, { path: ["loadCases", k] });
    else rmCases.add(x.id);
  });
}

function resolveLoadsAndCombinations(ctx: RemoveContext): void {
  const { input, sink, look, existing } = ctx;
  const { loads: rmLoads, combinations: rmCombos } = ctx.rm;
  const loadIds = new Set(existing.loads.map((l) => l.id));
  input.loads?.forEach((t, k) => {
    if (!loadIds.has(t)) sink.error("UNKNOWN_LOAD", `loads[${k}] "${t}" is not a load id in this model.`, { path: ["loads", k] });
    else rmLoads.add(t);
  });
  input.combinations?.forEach((t, k) => {
    const x = look.combination(t);
    if (!x) sink.error("UNKNOWN_COMBINATION", `combinations[${k}] "${t}" is not a combination name or id in this model.`, { path: ["combinations", k] });
    else rmCombos.add(x.id);
  });
}

/** Nodes used by frames that stay: an error, or (cascade) those frames go too. A removed node takes its support. */
function nodesInUse(ctx: RemoveContext): void {
  const { sink, look, existing, cascade } = ctx;
  const { nodes: rmNodes, frames: rmFrames, supports: rmSupports } = ctx.rm;
  if (rmNodes.size === 0) return;
  const users = new Map<string, Frame[]>();
  for (const f of existing.frames) {
    if (rmFrames.has(f.id)) continue;
    for (const end of [f.i, f.j]) {
      if (!rmNodes.has(end)) continue;
      const list = users.get(end);
      if (list) {
        if (list[list.length - 1] !== f) list.push(f);
      } else users.set(end, [f]);
    }
  }
  for (const [nodeId, frames] of users) {
    if (cascade) for (const f of frames) rmFrames.add(f.id);
    else {
      const n = look.nodeById.get(nodeId) as Node;
      sink.error("NODE_IN_USE", `Node "${n.label}" is used by frame(s) ${listNames(frames)}. Remove those frames too, or call again with cascade: true to remove them with the node.`, { elements: [{ kind: "node", id: n.id, label: n.label }, ...frames.slice(0, 20).map((f): ElementRef => ({ kind: "frame", id: f.id, label: f.label }))] });
    }
  }
  for (const sp of existing.supports) if (rmNodes.has(sp.nodeId)) rmSupports.add(sp.id);
}

/** Sections / materials assigned to frames that stay: an error, or (cascade) those frames lose them. */
function propertiesInUse(ctx: RemoveContext): void {
  const { sink, look, existing, cascade, patch } = ctx;
  const { sections: rmSections, materials: rmMaterials, frames: rmFrames } = ctx.rm;
  for (const [set, key, code, kind] of [
    [rmSections, "sectionId", "SECTION_IN_USE", "section"],
    [rmMaterials, "materialId", "MATERIAL_IN_USE", "material"],
  ] as const) {
    if (set.size === 0) continue;
    const users = new Map<string, Frame[]>();
    for (const f of existing.frames) {
      const v = f[key];
      if (v === null || rmFrames.has(f.id) || !set.has(v)) continue;
      const list = users.get(v);
      if (list) list.push(f);
      else users.set(v, [f]);
    }
    for (const [id, frames] of users) {
      if (cascade) for (const f of frames) patch.update.frames.push({ id: f.id, [key]: null } as RowUpdate<Frame>);
      else {
        const row = kind === "section" ? look.sectionById.get(id) : look.materialById.get(id);
        sink.error(code, `The ${kind} "${row?.name ?? id}" is assigned to ${frames.length} frame(s) (${listNames(frames)}). Assign another ${kind} to them first, or call again with cascade: true to leave them without a ${kind}.`, { elements: [{ kind, id, ...(row ? { label: row.name } : {}) }] });
      }
    }
  }
}

/** Load cases with loads or combination factors: an error, or (cascade) those go too. */
function loadCasesInUse(ctx: RemoveContext): void {
  const { sink, look, existing, cascade, patch } = ctx;
  const { loadCases: rmCases, loads: rmLoads, combinations: rmCombos } = ctx.rm;
  if (rmCases.size === 0) return;
  const usedBy = new Map<string, { loads: number; combos: Combination[] }>();
  const get = (id: string) => {
    let u = usedBy.get(id);
    if (!u) usedBy.set(id, (u = { loads: 0, combos: [] }));
    return u;
  };
  for (const l of existing.loads) if (rmCases.has(l.caseId) && !rmLoads.has(l.id)) get(l.caseId).loads++;
  for (const c of existing.combinations) {
    if (rmCombos.has(c.id)) continue;
    for (const f of c.factors) if (rmCases.has(f.caseId)) get(f.caseId).combos.push(c);
  }
  for (const [id, u] of usedBy) {
    const lc = look.caseById.get(id) as LoadCase;
    if (!cascade) {
      sink.error("LOAD_CASE_IN_USE", `Load case "${lc.name}" has ${u.loads} load(s)${u.combos.length > 0 ? ` and appears in combination(s) ${listNames(u.combos)}` : ""}. Remove those first, or call again with cascade: true to remove its loads and combination factors.`, { elements: [{ kind: "loadCase", id, label: lc.name }] });
    }
  }
  if (cascade) {
    for (const l of existing.loads) if (rmCases.has(l.caseId)) rmLoads.add(l.id);
    for (const c of existing.combinations) {
      if (rmCombos.has(c.id) || !c.factors.some((f) => rmCases.has(f.caseId))) continue;
      patch.update.combinations.push({ id: c.id, factors: c.factors.filter((f) => !rmCases.has(f.caseId)) });
    }
  }
}

/** Owned rows: loads on removed frames / nodes. */
function ownedLoads(ctx: RemoveContext): void {
  const { existing } = ctx;
  const { nodes: rmNodes, frames: rmFrames, loads: rmLoads } = ctx.rm;
  if (rmFrames.size > 0 || rmNodes.size > 0) {
    for (const l of existing.loads) {
      if (l.kind === "nodal" ? rmNodes.has(l.nodeId) : rmFrames.has(l.frameId)) rmLoads.add(l.id);
    }
  }
}

/** The removals in model order when the plan has no error; otherwise nothing (no partial updates either). */
function writeRemovals(ctx: RemoveContext, ok: boolean): void {
  const { patch, existing, rm } = ctx;
  const ordered = <T extends { id: string }>(rows: readonly T[], set: Set<string>) => (set.size === 0 ? [] : rows.filter((r) => set.has(r.id)).map((r) => r.id));
  if (!ok) {
    patch.update.frames = [];
    patch.update.combinations = [];
    return;
  }
  patch.remove.nodes = ordered(existing.nodes, rm.nodes);
  patch.remove.frames = ordered(existing.frames, rm.frames);
  patch.remove.supports = ordered(existing.supports, rm.supports);
  patch.remove.sections = ordered(existing.sections, rm.sections);
  patch.remove.materials = ordered(existing.materials, rm.materials);
  patch.remove.loadCases = ordered(existing.loadCases, rm.loadCases);
  patch.remove.loads = ordered(existing.loads, rm.loads);
  patch.remove.combinations = ordered(existing.combinations, rm.combinations);
  // updates to rows that are being removed are pointless
  patch.update.frames = patch.update.frames.filter((u) => !rm.frames.has(u.id));
}
