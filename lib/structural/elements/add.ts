/**
 * planAddElements(model, input, { newId }): add_elements / create_model / import_model.
 *
 * Rules:
 *   - references resolve in this order: a `ref` from this call → a label (new or existing) → an id;
 *   - sections/materials resolve: id → name (case-insensitive) → catalogue name; a catalogue entry
 *     not yet in the model is copied in once (info CATALOGUE_ADDED);
 *   - labels auto-number N1…/F1… after the highest existing number; explicit labels must be unique;
 *   - a new node within `mergeTolerance` (default 1 mm) of an existing or earlier new node is merged
 *     into it (warning NODE_MERGED) and every reference to it points to the survivor;
 *   - zero-length frames, duplicate frames (same node pair either way), unknown references, duplicate
 *     names/labels/refs and out-of-range load positions are errors;
 *   - a support on a node that already has one replaces its code (warning SUPPORT_REPLACED).
 *
 * The work is a list of steps over one AddContext, in dependency order (properties and cases before
 * the frames and loads that name them, nodes before frames, frames before frame loads).
 */
import type { Combination, Frame, FrameRole, LoadCase, ModelPatch, Node, Section, StructuralModel, Support, Vec3 } from "../schema";
import { emptyPatch } from "../schema";
import type { IssuePath } from "../issues";
import { IssueSink, hasErrors } from "../issues";
import { findCatalogueMaterial, findCatalogueSection, materialFromCatalogue, sectionFromCatalogue, suggestCatalogueMaterials, suggestCatalogueSections } from "../catalogue";
import { DEFAULT_COINCIDENT_TOLERANCE } from "../checks";
import { PointGrid } from "../spatial";
import type { UnitScale } from "../units";
import type { ElementRefInput, ElementsInput, LoadInput, Vec3Input } from "../elements-input";
import { MAX_ELEMENTS_PER_CALL, MAX_FRAMES_PER_CALL, RELEASE_SHORTCUTS } from "../elements-input";
import { ModelLookup, PropertyResolver } from "./lookup";
import { Labeler, andMore, fmtNum, guessLoadCaseType, inputScale, materialFrom, maxLabelNumber, orientationProblem, refStr, resolveFactors, scaleShape, supportCode, vec, where, type PlanAddOptions, type PlanResult } from "./shared";

interface AddContext {
  readonly existing: StructuralModel;
  readonly input: ElementsInput;
  readonly opts: PlanAddOptions;
  readonly sink: IssueSink;
  readonly patch: ModelPatch;
  /** ref (nodes and frames of this call) → the id it resolved to */
  readonly refs: Record<string, string>;
  readonly newId: () => string;
  /** merge / zero-length distance, m */
  readonly tol: number;
  /** the call's units → SI */
  readonly s: UnitScale;
  readonly look: ModelLookup;
  readonly props: PropertyResolver;
  readonly nodeRefs: Map<string, Node>;
  readonly frameRefs: Map<string, Frame>;
  /** ref → where it was first used: k ≥ 0 is nodes[k], k < 0 is frames[-k-1] */
  readonly refSeen: Map<string, number>;
}

type AddStep = (ctx: AddContext) => void;

const STEPS: readonly AddStep[] = [addSections, addMaterials, addLoadCases, addNodes, addFrames, addSupports, addLoads, addCombinations];

/**
 * Plan adding elements to `existing`. Returns the patch, the ref → id map and every issue found.
 * Apply the patch only when `ok`.
 */
export function planAddElements(existing: StructuralModel, input: ElementsInput, opts: PlanAddOptions): PlanResult {
  const sink = new IssueSink();
  const patch = emptyPatch();
  const refs: Record<string, string> = {};
  if (!withinLimits(input, opts, sink)) return { ok: false, patch, refs, issues: sink.finish() };
  const look = new ModelLookup(existing);
  look.pairBase = existing.nodes.length + (input.nodes?.length ?? 0) + 1;
  const ctx: AddContext = {
    existing,
    input,
    opts,
    sink,
    patch,
    refs,
    newId: opts.newId,
    tol: opts.mergeTolerance ?? DEFAULT_COINCIDENT_TOLERANCE,
    s: inputScale(input.units, existing.meta),
    look,
    props: new PropertyResolver(look, patch, sink, opts.newId),
    nodeRefs: new Map(),
    frameRefs: new Map(),
    refSeen: new Map(),
  };
  for (const step of STEPS) step(ctx);
  const issues = sink.finish();
  return { ok: !hasErrors(issues), patch, refs, issues };
}

/** Row limits per call, checked before anything is indexed. */
function withinLimits(input: ElementsInput, opts: PlanAddOptions, sink: IssueSink): boolean {
  const counts = {
    nodes: input.nodes?.length ?? 0, frames: input.frames?.length ?? 0, supports: input.supports?.length ?? 0,
    sections: input.sections?.length ?? 0, materials: input.materials?.length ?? 0, loadCases: input.loadCases?.length ?? 0,
    loads: input.loads?.length ?? 0, combinations: input.combinations?.length ?? 0,
  };
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const maxElements = opts.maxElements ?? MAX_ELEMENTS_PER_CALL;
  const maxFrames = opts.maxFrames ?? MAX_FRAMES_PER_CALL;
  if (total <= maxElements && counts.frames <= maxFrames) return true;
  sink.error("TOO_MANY_ELEMENTS", `This call has ${total} rows (${counts.frames} frames); the limit is ${maxElements} rows and ${maxFrames} frames per call. Split it into several calls.`);
  return false;
}

// ── references ──────────────────────────────────────────────────────────────────────────────────

function claimRef(ctx: AddContext, ref: string, kind: "nodes" | "frames", k: number): boolean {
  const prev = ctx.refSeen.get(ref);
  if (prev !== undefined) {
    const prevWhere = prev >= 0 ? `nodes[${prev}]` : `frames[${-prev - 1}]`;
    ctx.sink.error("DUPLICATE_REF", `${kind}[${k}].ref "${ref}" is already used by ${prevWhere}. Refs must be unique within one call.`, { path: [kind, k, "ref"] });
    return false;
  }
  ctx.refSeen.set(ref, kind === "nodes" ? k : -k - 1);
  return true;
}

function resolveNode(ctx: AddContext, token: ElementRefInput, kind: string, k: number, field: string): Node | undefined {
  const { look, sink } = ctx;
  const t = refStr(token);
  const n = ctx.nodeRefs.get(t) ?? look.node(t);
  if (!n) {
    const path: IssuePath = [kind, k, field];
    sink.error("UNKNOWN_NODE", `${where(path)} refers to node "${t}", which is neither a node ref in this call nor an existing node label or id. Add it under nodes with ref "${t}", or use an existing label.`, { path, hint: `Existing node labels include: ${look.listLabels(look.nodeByLabel)}.` });
  }
  return n;
}

function resolveFrame(ctx: AddContext, token: ElementRefInput, kind: string, k: number, field: string): Frame | undefined {
  const { look, sink } = ctx;
  const t = refStr(token);
  const f = ctx.frameRefs.get(t) ?? look.frame(t);
  if (!f) {
    const path: IssuePath = [kind, k, field];
    sink.error("UNKNOWN_FRAME", `${where(path)} refers to frame "${t}", which is neither a frame ref in this call nor an existing frame label or id. Use the frame's label (e.g. "F3") or add the frame in this call with ref "${t}".`, { path, hint: `Existing frame labels include: ${look.listLabels(look.frameByLabel)}.` });
  }
  return f;
}

function resolveCase(ctx: AddContext, token: string, path: IssuePath): LoadCase | undefined {
  const { look, sink } = ctx;
  const c = look.loadCase(token);
  if (!c) {
    sink.groupedError(`case:${token}`, "UNKNOWN_LOAD_CASE", path, (n, first) => `${where(first)} refers to load case "${token}", which does not exist${andMore(n, "uses")}. Create it under loadCases (e.g. { name: "${token}", type: "${guessLoadCaseType(token)}" }) or use an existing case.`, `Load cases in the model: ${look.listLabels(look.caseByName)}.`);
  }
  return c;
}

// ── 1-3. sections, materials, load cases ────────────────────────────────────────────────────────

function addSections(ctx: AddContext): void {
  const { input, sink, patch, look, newId, s } = ctx;
  input.sections?.forEach((sec, k) => {
    const path: IssuePath = ["sections", k];
    if (sec.catalogue !== undefined) {
      const cat = findCatalogueSection(sec.catalogue);
      if (!cat) {
        sink.error("UNKNOWN_SECTION", `${where(path)}.catalogue "${sec.catalogue}" is not in the catalogue. Try ${suggestCatalogueSections(sec.catalogue, 4).map((x) => `"${x}"`).join(", ")}, or give A, Iy, Iz and J explicitly.`, { path: [...path, "catalogue"] });
        return;
      }
      const name = sec.name ?? cat.name;
      const prev = look.sectionByName.get(name.toLowerCase());
      if (prev) {
        if (sec.name !== undefined && (prev.A !== cat.A || prev.Iz !== cat.Iz)) {
          sink.error("DUPLICATE_NAME", `${where(path)}.name "${name}" is already the name of another section. Choose a different name.`, { path: [...path, "name"] });
        }
        return; // already present: reuse
      }
      const row = { ...sectionFromCatalogue(cat, newId()), name };
      patch.add.sections.push(row);
      look.addSection(row);
      return;
    }
    const name = sec.name as string;
    if (look.sectionByName.has(name.toLowerCase())) {
      sink.error("DUPLICATE_NAME", `${where(path)}.name "${name}" is already the name of a section in the model. Choose a different name, or update that section with update_elements.`, { path: [...path, "name"] });
      return;
    }
    const row: Section = {
      id: newId(),
      name,
      A: (sec.A as number) * s.area,
      Iy: (sec.Iy as number) * s.inertia,
      Iz: (sec.Iz as number) * s.inertia,
      J: (sec.J as number) * s.inertia,
      shape: sec.shape ? scaleShape(sec.shape, s.sectionLength) : null,
    };
    patch.add.sections.push(row);
    look.addSection(row);
  });
}

function addMaterials(ctx: AddContext): void {
  const { input, sink, patch, look, newId, s } = ctx;
  input.materials?.forEach((mat, k) => {
    const path: IssuePath = ["materials", k];
    if (mat.catalogue !== undefined) {
      const cat = findCatalogueMaterial(mat.catalogue);
      if (!cat) {
        sink.error("UNKNOWN_MATERIAL", `${where(path)}.catalogue "${mat.catalogue}" is not in the catalogue. Use one of ${suggestCatalogueMaterials().map((x) => `"${x}"`).join(", ")}, or give E (and nu, density) explicitly.`, { path: [...path, "catalogue"] });
        return;
      }
      const name = mat.name ?? cat.name;
      if (look.materialByName.has(name.toLowerCase())) return; // already present: reuse
      const row = { ...materialFromCatalogue(cat, newId()), name };
      patch.add.materials.push(row);
      look.addMaterial(row);
      return;
    }
    const name = mat.name as string;
    if (look.materialByName.has(name.toLowerCase())) {
      sink.error("DUPLICATE_NAME", `${where(path)}.name "${name}" is already the name of a material in the model. Choose a different name, or update that material.`, { path: [...path, "name"] });
      return;
    }
    const row = materialFrom(name, { ...mat, E: mat.E as number }, s, newId());
    patch.add.materials.push(row);
    look.addMaterial(row);
  });
}

function addLoadCases(ctx: AddContext): void {
  const { input, sink, patch, look, newId } = ctx;
  input.loadCases?.forEach((lc, k) => {
    const path: IssuePath = ["loadCases", k];
    if (look.caseByName.has(lc.name.toLowerCase())) {
      sink.error("DUPLICATE_NAME", `${where(path)}.name "${lc.name}" is already a load case. Choose a different name; loads can refer to the existing case directly.`, { path: [...path, "name"] });
      return;
    }
    const row: LoadCase = {
      id: newId(),
      name: lc.name,
      type: lc.type ?? guessLoadCaseType(lc.name),
      selfWeightFactor: lc.selfWeightFactor !== undefined ? lc.selfWeightFactor : lc.selfWeight === true ? 1 : null,
    };
    patch.add.loadCases.push(row);
    look.addCase(row);
  });
}

// ── 4. nodes (with merging) ─────────────────────────────────────────────────────────────────────

/** The spatial index new nodes merge against: existing nodes, then each new node as it is added. */
interface MergeGrid {
  grid: PointGrid;
  nodes: Node[];
  existingCount: number;
}

function addNodes(ctx: AddContext): void {
  const { input, opts, look, existing, tol } = ctx;
  if (!input.nodes || input.nodes.length === 0) return;
  const explicit: string[] = [];
  for (const n of input.nodes) if (n.label !== undefined) explicit.push(n.label);
  const labeler = new Labeler("N", Math.max(opts.labelFloor?.nodes ?? 0, maxLabelNumber(look.nodeByLabel.keys(), "N"), maxLabelNumber(explicit, "N")), (l) => look.nodeByLabel.has(l));
  let merge: MergeGrid | null = null;
  if (tol > 0) {
    merge = { grid: new PointGrid(tol), nodes: [], existingCount: existing.nodes.length };
    for (const n of existing.nodes) {
      merge.grid.add(n.x, n.y, n.z);
      merge.nodes.push(n);
    }
  }
  input.nodes.forEach((n, k) => addNode(ctx, n, k, labeler, merge));
}

function addNode(ctx: AddContext, n: NonNullable<ElementsInput["nodes"]>[number], k: number, labeler: Labeler, merge: MergeGrid | null): void {
  const { sink, patch, look, s, tol, refs, nodeRefs } = ctx;
  const x = (n.at ? n.at[0] : (n.x as number)) * s.length;
  const y = (n.at ? n.at[1] : (n.y as number)) * s.length;
  const z = (n.at ? n.at[2] : (n.z as number)) * s.length;
  if (n.ref !== undefined && !claimRef(ctx, n.ref, "nodes", k)) return;
  // merge?
  if (merge) {
    const hit = merge.grid.nearest(x, y, z, tol);
    if (hit >= 0) {
      const path: IssuePath = ["nodes", k];
      const target = merge.nodes[hit] as Node;
      const sameLabel = n.label === undefined || n.label === target.label;
      const what = hit < merge.existingCount ? "existing node" : "node";
      sink.warning("NODE_MERGED", `${where(path)} at (${fmtNum(x)}, ${fmtNum(y)}, ${fmtNum(z)}) m coincides with ${what} "${target.label}"; it was merged into it${sameLabel ? "" : ` and its label "${n.label}" was dropped`}. References to it now point to "${target.label}".`, { path, elements: [{ kind: "node", id: target.id, label: target.label }] });
      if (n.ref !== undefined) {
        nodeRefs.set(n.ref, target);
        refs[n.ref] = target.id;
      }
      return;
    }
  }
  let label = n.label;
  if (label !== undefined && look.nodeByLabel.has(label)) {
    const path: IssuePath = ["nodes", k];
    const other = look.nodeByLabel.get(label) as Node;
    sink.error("DUPLICATE_NODE", `${where(path)}.label "${label}" is already used by node at (${fmtNum(other.x)}, ${fmtNum(other.y)}, ${fmtNum(other.z)}) m. Choose another label, or omit it to auto-number; to use the existing node, refer to "${label}" from frames directly.`, { path: [...path, "label"], elements: [{ kind: "node", id: other.id, label }] });
    return;
  }
  label ??= labeler.next();
  const row: Node = { id: ctx.newId(), label, x, y, z };
  patch.add.nodes.push(row);
  look.addNewNode(row);
  if (merge) {
    merge.grid.add(x, y, z);
    merge.nodes.push(row);
  }
  if (n.ref !== undefined) {
    nodeRefs.set(n.ref, row);
    refs[n.ref] = row.id;
  }
}

// ── 5. frames ───────────────────────────────────────────────────────────────────────────────────

type FrameInput = NonNullable<ElementsInput["frames"]>[number];

/** What every frame row of one call shares. */
interface FrameRun {
  labeler: Labeler;
  /** node-pair key → the frame on it (existing, then new) */
  pairs: Map<number, Frame>;
  defaults: NonNullable<ElementsInput["defaults"]>;
  defaultRole: FrameRole;
  noSection: number[];
  noMaterial: number[];
}

function addFrames(ctx: AddContext): void {
  const { input, opts, look, existing, sink } = ctx;
  const frames = input.frames;
  if (!frames || frames.length === 0) return;
  const explicit: string[] = [];
  for (const f of frames) if (f.label !== undefined) explicit.push(f.label);
  const pairs = new Map<number, Frame>();
  for (const f of existing.frames) pairs.set(look.pairKey(f.i, f.j), f);
  const defaults = input.defaults ?? {};
  const run: FrameRun = {
    labeler: new Labeler("F", Math.max(opts.labelFloor?.frames ?? 0, maxLabelNumber(look.frameByLabel.keys(), "F"), maxLabelNumber(explicit, "F")), (l) => look.frameByLabel.has(l)),
    pairs,
    defaults,
    defaultRole: defaults.role ?? "other",
    noSection: [],
    noMaterial: [],
  };
  for (let k = 0; k < frames.length; k++) addFrame(ctx, frames[k] as FrameInput, k, run);
  // Allowed while drafting, but analysis needs both: say so once, with the fix.
  const { noSection, noMaterial } = run;
  const list = (ks: number[]) => ks.slice(0, 5).map((k) => `frames[${k}]`).join(", ") + (ks.length > 5 ? ` and ${ks.length - 5} more` : "");
  if (noSection.length > 0) {
    sink.warning("MISSING_SECTION", `${noSection.length} new frame(s) have no section (${list(noSection)}); analysis needs one. Give section per frame or defaults.section, e.g. "IPE300" or "W14x22".`, { path: ["frames", noSection[0] as number] });
  }
  if (noMaterial.length > 0) {
    sink.warning("MISSING_MATERIAL", `${noMaterial.length} new frame(s) have no material (${list(noMaterial)}); analysis needs one. Give material per frame or defaults.material, e.g. "S355" or "A992".`, { path: ["frames", noMaterial[0] as number] });
  }
}

/**
 * The node-pair key of a new frame from a to b, or null after reporting a zero-length or duplicate
 * frame (missing ends were reported by resolveNode).
 */
function framePairKey(ctx: AddContext, f: FrameInput, k: number, a: Node, b: Node, run: FrameRun): number | null {
  const { sink, look, tol } = ctx;
  const fp: IssuePath = ["frames", k];
  if (a === b) {
    sink.error("ZERO_LENGTH_FRAME", `frames[${k}] starts and ends at node "${a.label}"${refStr(f.i) !== refStr(f.j) ? ` ("${refStr(f.i)}" and "${refStr(f.j)}" were merged into the same node)` : ""}. Connect two different nodes.`, { path: fp });
    return null;
  }
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const dz = b.z - a.z;
  const L = Math.sqrt(dx * dx + dy * dy + dz * dz);
  if (L <= (tol > 0 ? tol : 0)) {
    sink.error("ZERO_LENGTH_FRAME", `frames[${k}] from "${a.label}" to "${b.label}" is ${fmtNum(L)} m long. Connect two nodes that are apart.`, { path: fp });
    return null;
  }
  const key = look.pairKeyOf(a, b);
  const prev = run.pairs.get(key);
  if (prev) {
    sink.error("DUPLICATE_FRAME", `frames[${k}] connects "${a.label}" and "${b.label}", which frame "${prev.label}" already connects. Remove the duplicate, or update "${prev.label}" instead.`, { path: fp, elements: [{ kind: "frame", id: prev.id, label: prev.label }] });
    return null;
  }
  return key;
}

function addFrame(ctx: AddContext, f: FrameInput, k: number, run: FrameRun): void {
  const { sink, patch, look, props, refs, frameRefs } = ctx;
  const { defaults } = run;
  let bad = false;
  if (f.ref !== undefined && !claimRef(ctx, f.ref, "frames", k)) bad = true;
  const a = resolveNode(ctx, f.i, "frames", k, "i");
  const b = resolveNode(ctx, f.j, "frames", k, "j");
  if (f.label !== undefined && look.frameByLabel.has(f.label)) {
    sink.error("DUPLICATE_LABEL", `frames[${k}].label "${f.label}" is already used by another frame. Choose another label or omit it to auto-number.`, { path: ["frames", k, "label"] });
    bad = true;
  }
  const key = a && b ? framePairKey(ctx, f, k, a, b, run) : null;
  if (key === null) bad = true;
  const secTok = f.section ?? defaults.section;
  const matTok = f.material ?? defaults.material;
  const sectionId = secTok === undefined ? null : f.section !== undefined ? props.section(secTok, "frames", k, "section") : props.section(secTok, "defaults", null, "section");
  const materialId = matTok === undefined ? null : f.material !== undefined ? props.material(matTok, "frames", k, "material") : props.material(matTok, "defaults", null, "material");
  if (sectionId === undefined || materialId === undefined) bad = true;
  let orientation: Vec3 | null = null;
  if (f.orientation !== undefined) {
    orientation = vec(f.orientation, 1);
    if (a && b) {
      const problem = orientationProblem(orientation, a, b);
      if (problem) {
        sink.error("INVALID_ORIENTATION", `frames[${k}].orientation ${problem}, so local y is undefined. Omit it to use the default (local y up), or give a vector across the member.`, { path: ["frames", k, "orientation"] });
        bad = true;
      }
    }
  }
  if (bad || !a || !b || key === null) return;
  const sc = f.release ?? defaults.release;
  const row: Frame = {
    id: ctx.newId(),
    label: f.label ?? run.labeler.next(),
    i: a.id,
    j: b.id,
    sectionId: sectionId ?? null,
    materialId: materialId ?? null,
    roll: f.roll ?? 0,
    orientation,
    releaseI: f.releaseI !== undefined ? f.releaseI.toUpperCase() : sc ? RELEASE_SHORTCUTS[sc][0] : "FFFFFF",
    releaseJ: f.releaseJ !== undefined ? f.releaseJ.toUpperCase() : sc ? RELEASE_SHORTCUTS[sc][1] : "FFFFFF",
    role: f.role ?? run.defaultRole,
  };
  patch.add.frames.push(row);
  look.addNewFrame(row);
  run.pairs.set(key, row);
  if (f.ref !== undefined) {
    frameRefs.set(f.ref, row);
    refs[f.ref] = row.id;
  }
  if (row.sectionId === null) run.noSection.push(k);
  if (row.materialId === null) run.noMaterial.push(k);
}

// ── 6-8. supports, loads, combinations ──────────────────────────────────────────────────────────

function addSupports(ctx: AddContext): void {
  const { input, sink, patch, look, existing, newId } = ctx;
  if (input.supports && input.supports.length > 0) {
    const seen = new Map<string, IssuePath>();
    input.supports.forEach((sp, k) => {
      const path: IssuePath = ["supports", k];
      const n = resolveNode(ctx, sp.node, "supports", k, "node");
      const code = supportCode(sp.code, sp.type, existing);
      if (!n || code === null) return;
      const prevPath = seen.get(n.id);
      if (prevPath) {
        sink.error("DUPLICATE_SUPPORT", `${where(path)} supports node "${n.label}", which ${where(prevPath)} already supports. Give one support per node with the combined code.`, { path });
        return;
      }
      seen.set(n.id, path);
      const prev = look.supportByNode.get(n.id);
      if (prev) {
        if (prev.code !== code) {
          patch.update.supports.push({ id: prev.id, code });
          sink.warning("SUPPORT_REPLACED", `Node "${n.label}" already had support ${prev.code}; it is now ${code}.`, { path, elements: [{ kind: "support", id: prev.id }] });
        }
        return;
      }
      const row: Support = { id: newId(), nodeId: n.id, code };
      patch.add.supports.push(row);
    });
  }
}

function addLoads(ctx: AddContext): void {
  ctx.input.loads?.forEach((l, k) => addLoad(ctx, l, k));
}

function addLoad(ctx: AddContext, l: LoadInput, k: number): void {
  const { patch, s, newId } = ctx;
  const path: IssuePath = ["loads", k];
  const c = resolveCase(ctx, l.case, [...path, "case"]);
  if (l.kind === "nodal") {
    const n = resolveNode(ctx, l.node, "loads", k, "node");
    if (!c || !n) return;
    patch.add.loads.push({
      id: newId(), kind: "nodal", caseId: c.id, nodeId: n.id,
      fx: (l.fx ?? 0) * s.force, fy: (l.fy ?? 0) * s.force, fz: (l.fz ?? 0) * s.force,
      mx: (l.mx ?? 0) * s.moment, my: (l.my ?? 0) * s.moment, mz: (l.mz ?? 0) * s.moment,
    });
    return;
  }
  const f = resolveFrame(ctx, l.frame, "loads", k, "frame");
  if (!c || !f) return;
  if (l.kind === "frame_point") addPointLoad(ctx, l, path, c, f);
  else addDistributedLoad(ctx, l, path, c, f);
}

function addPointLoad(ctx: AddContext, l: Extract<LoadInput, { kind: "frame_point" }>, path: IssuePath, c: LoadCase, f: Frame): void {
  const { sink, patch, look, s, newId } = ctx;
  const L = look.length(f);
  let position = l.position;
  if (position === undefined) {
    position = ((l.distance as number) * s.length) / L;
    if (!(position >= 0 && position <= 1 + 1e-9)) {
      sink.error("INVALID_LOAD_POSITION", `${where(path)}.distance ${fmtNum((l.distance as number) * s.length)} m is beyond frame "${f.label}" (${fmtNum(L)} m long). Give a distance from end i within the frame, or a position 0..1.`, { path: [...path, "distance"] });
      return;
    }
    position = Math.min(1, position);
  }
  patch.add.loads.push({
    id: newId(), kind: "frame_point", caseId: c.id, frameId: f.id, position, axes: l.axes ?? "global",
    fx: (l.fx ?? 0) * s.force, fy: (l.fy ?? 0) * s.force, fz: (l.fz ?? 0) * s.force,
    mx: (l.mx ?? 0) * s.moment, my: (l.my ?? 0) * s.moment, mz: (l.mz ?? 0) * s.moment,
  });
}

function addDistributedLoad(ctx: AddContext, l: Extract<LoadInput, { kind: "frame_distributed" }>, path: IssuePath, c: LoadCase, f: Frame): void {
  const { sink, patch, look, s, newId } = ctx;
  const L = look.length(f);
  const start = l.start ?? (l.startDistance !== undefined ? (l.startDistance * s.length) / L : 0);
  const end = l.end ?? (l.endDistance !== undefined ? (l.endDistance * s.length) / L : 1);
  if (!(start >= 0 && end <= 1 + 1e-9 && start < end)) {
    sink.error("INVALID_LOAD_POSITION", `${where(path)} runs from ${fmtNum(start)} to ${fmtNum(end)} of frame "${f.label}" (${fmtNum(L)} m); start and end must satisfy 0 ≤ start < end ≤ 1 (fractions of the length from end i).`, { path });
    return;
  }
  const w1 = vec((l.w1 ?? l.w) as Vec3Input, s.distributed);
  const w2 = l.w2 !== undefined ? vec(l.w2, s.distributed) : { ...w1 };
  patch.add.loads.push({
    id: newId(), kind: "frame_distributed", caseId: c.id, frameId: f.id, start, end: Math.min(1, end), axes: l.axes ?? "global", w1, w2, projected: l.projected ?? false,
  });
}

function addCombinations(ctx: AddContext): void {
  const { input, sink, patch, look, newId } = ctx;
  input.combinations?.forEach((cb, k) => {
    const path: IssuePath = ["combinations", k];
    if (look.comboByName.has(cb.name.toLowerCase())) {
      sink.error("DUPLICATE_NAME", `${where(path)}.name "${cb.name}" is already a combination. Choose a different name.`, { path: [...path, "name"] });
      return;
    }
    const factors = resolveFactors(cb.factors, [...path, "factors"], (t, p) => resolveCase(ctx, t, p), sink);
    if (!factors) return;
    const row: Combination = { id: newId(), name: cb.name, kind: cb.kind ?? "other", factors };
    patch.add.combinations.push(row);
    look.comboByName.set(row.name.toLowerCase(), row);
    look.comboById.set(row.id, row);
  });
}
