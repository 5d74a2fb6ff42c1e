/**
 * Planning element writes: pure functions from (existing model, parsed input) to a ModelPatch plus
 * ALL the issues found, so the LLM can fix everything in one retry. Nothing here writes anywhere;
 * the database layer applies `patch` when `ok` (see conventions.md, "Data flow: add_elements").
 *
 *   planAddElements(model, input, { newId })       add_elements / create_model / import_model
 *   planUpdateElements(model, input, { newId })    update_elements
 *   planRemoveElements(model, input, { cascade })  remove_elements
 *   applyPatch / invertPatch                       previews, undo (re-exported from ./patch)
 *
 * Rules of planAddElements:
 *   - references resolve in this order: a `ref` from this call → a label (new or existing) → an id;
 *   - sections/materials resolve: id → name (case-insensitive) → catalogue name; a catalogue entry
 *     not yet in the model is copied in once (info CATALOGUE_ADDED);
 *   - labels auto-number N1…/F1… after the highest existing number; explicit labels must be unique;
 *   - a new node within `mergeTolerance` (default 1 mm) of an existing or earlier new node is merged
 *     into it (warning NODE_MERGED) and every reference to it points to the survivor;
 *   - zero-length frames, duplicate frames (same node pair either way), unknown references, duplicate
 *     names/labels/refs and out-of-range load positions are errors;
 *   - a support on a node that already has one replaces its code (warning SUPPORT_REPLACED).
 */
import type {
  Combination,
  Frame,
  FrameRole,
  Load,
  LoadCase,
  LoadCaseType,
  Material,
  ModelPatch,
  Node,
  RowUpdate,
  Section,
  SectionShape,
  StructuralModel,
  Support,
  Vec3,
} from "./schema";
import { emptyPatch } from "./schema";
import type { ElementKind, ElementRef, Issue, IssueCode, IssuePath } from "./issues";
import { formatPath, hasErrors, makeIssue } from "./issues";
import {
  findCatalogueMaterial,
  findCatalogueSection,
  materialFromCatalogue,
  normalizeCatalogueName,
  sectionFromCatalogue,
  suggestCatalogueMaterials,
  suggestCatalogueSections,
} from "./catalogue";
import { DEFAULT_COINCIDENT_TOLERANCE } from "./checks";
import { PointGrid } from "./spatial";
import { labelNumber } from "./labels";
import type { UnitScale } from "./units";
import { unitScale } from "./units";
import type {
  CombinationInput,
  ElementRefInput,
  ElementsInput,
  ElementsRemove,
  ElementsUpdate,
  UnitsInput,
  Vec3Input,
} from "./elements-input";
import { MAX_ELEMENTS_PER_CALL, MAX_FRAMES_PER_CALL, RELEASE_SHORTCUTS, SUPPORT_TYPE_CODES } from "./elements-input";

export * from "./elements-input";
export { applyPatch, invertPatch, isEmptyPatch, summarizePatch, describeCounts } from "./patch";

// ── Shared helpers ──────────────────────────────────────────────────────────────────────────────

export interface PlanAddOptions {
  /** Returns a fresh unique id for each new row (cuid/uuid in production, a counter in tests). */
  newId: () => string;
  /** Merge distance for new nodes, metres (default 1e-3). 0 disables merging. */
  mergeTolerance?: number;
  /** Maximum rows of all kinds in one call (default MAX_ELEMENTS_PER_CALL). */
  maxElements?: number;
  /** Maximum frames in one call (default MAX_FRAMES_PER_CALL). */
  maxFrames?: number;
  /**
   * The highest automatic label numbers of the WHOLE model, when `existing` is a slice of it
   * (slice.ts): new labels are numbered after these. Omitted: taken from `existing` itself.
   */
  labelFloor?: { nodes: number; frames: number };
}

export interface PlanResult {
  /** True when there are no error-level issues: the patch may be applied. */
  ok: boolean;
  patch: ModelPatch;
  /** ref (nodes and frames of this call) → the id it resolved to (new, or existing when merged). */
  refs: Record<string, string>;
  issues: Issue[];
}

const refStr = (r: ElementRefInput): string => (typeof r === "number" ? String(r) : r);
const vec = (v: Vec3Input, s: number): Vec3 => (Array.isArray(v) ? { x: v[0] * s, y: v[1] * s, z: v[2] * s } : { x: v.x * s, y: v.y * s, z: v.z * s });
const fmtNum = (v: number): string => String(+v.toPrecision(6));

/** The scale from a call's `units` to SI ("display": the model's display units). */
export function inputScale(units: UnitsInput | undefined, meta: Pick<StructuralModel["meta"], "displayUnits">): UnitScale {
  if (units === undefined) return unitScale({});
  if (units === "display") return unitScale({ length: meta.displayUnits.length, force: meta.displayUnits.force });
  return unitScale(units);
}

function scaleShape(s: SectionShape, k: number): SectionShape {
  if (k === 1) return { ...s };
  const out: Record<string, unknown> = { type: s.type };
  for (const [key, v] of Object.entries(s)) if (key !== "type") out[key] = (v as number) * k;
  return out as SectionShape;
}

/** Guess a load-case type from its name ("Dead", "LL", "Wind X" …); `other` when unsure. */
export function guessLoadCaseType(name: string): LoadCaseType {
  const n = name.trim().toLowerCase();
  if (/\b(dead|self|permanent|sdl|superimposed)\b|^(dl|g|d)\d*$/.test(n)) return "dead";
  if (/\b(live|imposed|occupancy)\b|^(ll|q|l)\d*$/.test(n)) return "live";
  if (/\bwind\b|^w[xyz]?\d*$/.test(n)) return "wind";
  if (/\bsnow\b|^s\d*$/.test(n)) return "snow";
  if (/\b(seismic|earthquake|quake)\b|^(eq|e)[xyz]?\d*$/.test(n)) return "seismic";
  if (/\b(temp|temperature|thermal)\b|^t\d*$/.test(n)) return "temperature";
  return "other";
}

/** Highest N in labels of the form `${prefix}N` (labels.ts: 1–9 digits). */
function maxLabelNumber(labels: Iterable<string>, prefix: "N" | "F"): number {
  let max = 0;
  for (const l of labels) max = Math.max(max, labelNumber(prefix, l) ?? 0);
  return max;
}

class Labeler {
  private counter: number;
  constructor(
    private readonly prefix: string,
    start: number,
    private readonly taken: (label: string) => boolean,
  ) {
    this.counter = start;
  }
  next(): string {
    let l: string;
    do l = `${this.prefix}${++this.counter}`;
    while (this.taken(l));
    return l;
  }
}

/** Collects issues; groups "unknown name" errors per distinct name so a 100k-row typo is one issue. */
class IssueSink {
  readonly list: Issue[] = [];
  private readonly grouped = new Map<string, { code: IssueCode; message: (n: number, first: IssuePath) => string; hint?: string; paths: IssuePath[]; elements?: ElementRef[] }>();

  error(code: IssueCode, message: string, path?: IssuePath, extra: { hint?: string; elements?: ElementRef[] } = {}): void {
    this.list.push(makeIssue(code, "error", message, { ...extra, ...(path ? { path } : {}) }));
  }
  warn(code: IssueCode, message: string, path?: IssuePath, extra: { hint?: string; elements?: ElementRef[] } = {}): void {
    this.list.push(makeIssue(code, "warning", message, { ...extra, ...(path ? { path } : {}) }));
  }
  info(code: IssueCode, message: string, path?: IssuePath, extra: { hint?: string; elements?: ElementRef[] } = {}): void {
    this.list.push(makeIssue(code, "info", message, { ...extra, ...(path ? { path } : {}) }));
  }
  /** One error per key, listing how many paths hit it. */
  groupedError(key: string, code: IssueCode, path: IssuePath, message: (n: number, first: IssuePath) => string, hint?: string): void {
    const g = this.grouped.get(key);
    if (g) g.paths.push(path);
    else this.grouped.set(key, { code, message, paths: [path], ...(hint !== undefined ? { hint } : {}) });
  }
  flush(): Issue[] {
    for (const g of this.grouped.values()) {
      const first = g.paths[0] as IssuePath;
      this.list.push(makeIssue(g.code, "error", g.message(g.paths.length, first), { path: first, ...(g.hint !== undefined ? { hint: g.hint } : {}) }));
    }
    this.grouped.clear();
    return this.list;
  }
}

const where = (path: IssuePath): string => formatPath(path);
const andMore = (n: number, noun: string): string => (n > 1 ? ` (and ${n - 1} more ${noun})` : "");

/**
 * Look-up tables over the existing model plus the rows this call creates. Shared by the add and
 * update planners.
 */
class ModelLookup {
  readonly nodeById = new Map<string, Node>();
  readonly nodeByLabel = new Map<string, Node>();
  readonly frameById = new Map<string, Frame>();
  readonly frameByLabel = new Map<string, Frame>();
  readonly sectionById = new Map<string, Section>();
  readonly sectionByName = new Map<string, Section>();
  readonly sectionByKey = new Map<string, Section>();
  readonly materialById = new Map<string, Material>();
  readonly materialByName = new Map<string, Material>();
  readonly caseById = new Map<string, LoadCase>();
  readonly caseByName = new Map<string, LoadCase>();
  readonly comboById = new Map<string, Combination>();
  readonly comboByName = new Map<string, Combination>();
  readonly supportByNode = new Map<string, Support>();
  /** Dense index per node id (existing then new), for numeric pair keys. */
  readonly nodeSeq = new Map<string, number>();
  private readonly nodeSeqByObj = new Map<Node, number>();
  private seqCount = 0;
  /**
   * Pair keys are lo · pairBase + hi. With pairBase ≥ the number of nodes the key is unique, and for
   * up to ~46k nodes it stays a small integer (fast Map key). Callers that add nodes raise it first.
   */
  pairBase = 67108864;

  constructor(readonly model: StructuralModel) {
    for (const n of model.nodes) this.addNode(n);
    for (const f of model.frames) this.addFrame(f);
    for (const s of model.sections) this.addSection(s);
    for (const m of model.materials) this.addMaterial(m);
    for (const c of model.loadCases) this.addCase(c);
    for (const c of model.combinations) {
      this.comboById.set(c.id, c);
      this.comboByName.set(c.name.toLowerCase(), c);
    }
    for (const s of model.supports) if (!this.supportByNode.has(s.nodeId)) this.supportByNode.set(s.nodeId, s);
  }
  addNode(n: Node): void {
    if (!this.nodeSeq.has(n.id)) {
      this.nodeSeqByObj.set(n, this.seqCount);
      this.nodeSeq.set(n.id, this.seqCount++);
    }
    this.nodeById.set(n.id, n);
    if (!this.nodeByLabel.has(n.label)) this.nodeByLabel.set(n.label, n);
  }
  /**
   * A node created by this call. Its id is fresh (no string-keyed pair index needed: only existing
   * frames are keyed by id); it is indexed by object, id and label.
   */
  addNewNode(n: Node): void {
    this.nodeSeqByObj.set(n, this.seqCount++);
    this.nodeById.set(n.id, n);
    if (!this.nodeByLabel.has(n.label)) this.nodeByLabel.set(n.label, n);
  }
  addFrame(f: Frame): void {
    this.frameById.set(f.id, f);
    if (!this.frameByLabel.has(f.label)) this.frameByLabel.set(f.label, f);
  }
  addSection(s: Section): void {
    this.sectionById.set(s.id, s);
    const k = s.name.toLowerCase();
    if (!this.sectionByName.has(k)) this.sectionByName.set(k, s);
    const ck = normalizeCatalogueName(s.name);
    if (!this.sectionByKey.has(ck)) this.sectionByKey.set(ck, s);
  }
  addMaterial(m: Material): void {
    this.materialById.set(m.id, m);
    const k = m.name.toLowerCase();
    if (!this.materialByName.has(k)) this.materialByName.set(k, m);
  }
  addCase(c: LoadCase): void {
    this.caseById.set(c.id, c);
    const k = c.name.toLowerCase();
    if (!this.caseByName.has(k)) this.caseByName.set(k, c);
  }
  node(token: string): Node | undefined {
    return this.nodeByLabel.get(token) ?? this.nodeById.get(token);
  }
  frame(token: string): Frame | undefined {
    return this.frameByLabel.get(token) ?? this.frameById.get(token);
  }
  section(token: string): Section | undefined {
    return this.sectionById.get(token) ?? this.sectionByName.get(token.toLowerCase()) ?? this.sectionByKey.get(normalizeCatalogueName(token));
  }
  material(token: string): Material | undefined {
    const m = this.materialById.get(token) ?? this.materialByName.get(token.toLowerCase());
    if (m) return m;
    const cat = findCatalogueMaterial(token);
    return cat ? this.materialByName.get(cat.name.toLowerCase()) : undefined;
  }
  loadCase(token: string): LoadCase | undefined {
    return this.caseById.get(token) ?? this.caseByName.get(token.toLowerCase());
  }
  combination(token: string): Combination | undefined {
    return this.comboById.get(token) ?? this.comboByName.get(token.toLowerCase());
  }
  /** `pairKey` for node rows known to this lookup (identity map: no string hashing). */
  pairKeyOf(a: Node, b: Node): number {
    const x = this.nodeSeqByObj.get(a) ?? this.nodeSeq.get(a.id) ?? -1;
    const y = this.nodeSeqByObj.get(b) ?? this.nodeSeq.get(b.id) ?? -1;
    return x < y ? x * this.pairBase + y : y * this.pairBase + x;
  }
  /** A frame created by this call: only its label needs indexing (callers cannot know its id). */
  addNewFrame(f: Frame): void {
    if (!this.frameByLabel.has(f.label)) this.frameByLabel.set(f.label, f);
  }
  /** Order-independent numeric key of a node pair (up to 2^26 nodes). */
  pairKey(a: string, b: string): number {
    const x = this.nodeSeq.get(a) ?? -1;
    const y = this.nodeSeq.get(b) ?? -1;
    return x < y ? x * this.pairBase + y : y * this.pairBase + x;
  }
  length(f: Pick<Frame, "i" | "j">): number {
    const a = this.nodeById.get(f.i);
    const b = this.nodeById.get(f.j);
    if (!a || !b) return Number.NaN;
    return Math.hypot(b.x - a.x, b.y - a.y, b.z - a.z);
  }
  listLabels(map: Map<string, unknown>, n = 8): string {
    const keys = [...map.keys()].slice(0, n);
    return keys.length === 0 ? "none yet" : keys.join(", ") + (map.size > n ? ", …" : "");
  }
}

/** Resolve section/material names, copying catalogue entries into the patch on first use. */
class PropertyResolver {
  private readonly sectionCache = new Map<string, string>();
  private readonly materialCache = new Map<string, string>();
  constructor(
    private readonly look: ModelLookup,
    private readonly patch: ModelPatch,
    private readonly sink: IssueSink,
    private readonly newId: (() => string) | undefined,
  ) {}

  /** Section id for `token`; on failure the issue path is [kind, k, field] (or [kind, field] when k is null). */
  section(token: string, kind: string, k: number | null, field: string): string | undefined {
    const hit = this.sectionCache.get(token);
    if (hit !== undefined) return hit;
    const id = this.sectionUncached(token, k === null ? [kind, field] : [kind, k, field]);
    if (id !== undefined) this.sectionCache.set(token, id);
    return id;
  }

  private sectionUncached(token: string, path: IssuePath): string | undefined {
    const found = this.look.section(token);
    if (found) return found.id;
    const cat = findCatalogueSection(token);
    if (cat) {
      if (!this.newId) {
        this.sink.error("INVALID_INPUT", `${where(path)}: catalogue section "${cat.name}" is not in the model yet and this call cannot create rows. Add it first with add_elements sections: [{ catalogue: "${cat.name}" }].`, path);
        return undefined;
      }
      const s = sectionFromCatalogue(cat, this.newId());
      this.patch.add.sections.push(s);
      this.look.addSection(s);
      this.sink.info("CATALOGUE_ADDED", `Section "${cat.name}" was copied from the ${cat.standard} catalogue into the model.`, path, { elements: [{ kind: "section", id: s.id, label: s.name }] });
      return s.id;
    }
    this.sink.groupedError(
      `section:${token}`,
      "UNKNOWN_SECTION",
      path,
      (n, first) => `${where(first)} names section "${token}", which is not in the model or the catalogue${andMore(n, "uses")}. Define it in sections with A, Iy, Iz, J, or use a catalogue name such as ${suggestCatalogueSections(token, 4).map((s) => `"${s}"`).join(", ")}.`,
      `Sections in the model: ${this.look.listLabels(this.look.sectionByName)}.`,
    );
    return undefined;
  }

  material(token: string, kind: string, k: number | null, field: string): string | undefined {
    const hit = this.materialCache.get(token);
    if (hit !== undefined) return hit;
    const id = this.materialUncached(token, k === null ? [kind, field] : [kind, k, field]);
    if (id !== undefined) this.materialCache.set(token, id);
    return id;
  }

  private materialUncached(token: string, path: IssuePath): string | undefined {
    const found = this.look.material(token);
    if (found) return found.id;
    const cat = findCatalogueMaterial(token);
    if (cat) {
      if (!this.newId) {
        this.sink.error("INVALID_INPUT", `${where(path)}: catalogue material "${cat.name}" is not in the model yet and this call cannot create rows. Add it first with add_elements materials: [{ catalogue: "${cat.name}" }].`, path);
        return undefined;
      }
      const m = materialFromCatalogue(cat, this.newId());
      this.patch.add.materials.push(m);
      this.look.addMaterial(m);
      this.sink.info("CATALOGUE_ADDED", `Material "${cat.name}" was copied from the catalogue (${cat.standard}) into the model.`, path, { elements: [{ kind: "material", id: m.id, label: m.name }] });
      return m.id;
    }
    this.sink.groupedError(
      `material:${token}`,
      "UNKNOWN_MATERIAL",
      path,
      (n, first) => `${where(first)} names material "${token}", which is not in the model or the catalogue${andMore(n, "uses")}. Define it in materials with E (and nu, density), or use one of ${suggestCatalogueMaterials().map((s) => `"${s}"`).join(", ")}.`,
      `Materials in the model: ${this.look.listLabels(this.look.materialByName)}.`,
    );
    return undefined;
  }
}

function supportCode(code: string | undefined, type: string | undefined, model: StructuralModel): string | null {
  if (code !== undefined) return code.toUpperCase();
  if (type === undefined) return null;
  if (type === "roller") return model.meta.verticalAxis === "Y" ? SUPPORT_TYPE_CODES.roller_y : SUPPORT_TYPE_CODES.roller_z;
  return (SUPPORT_TYPE_CODES as Record<string, string>)[type] ?? null;
}


/** Non-null when `o` cannot define local y for a frame from a to b. */
function orientationProblem(o: Vec3, a: Node, b: Node): string | null {
  const on = Math.hypot(o.x, o.y, o.z);
  if (!(on > 0)) return "is the zero vector";
  const d = [b.x - a.x, b.y - a.y, b.z - a.z] as const;
  const L = Math.hypot(d[0], d[1], d[2]);
  if (!(L > 0)) return null;
  const c = Math.abs(d[0] * o.x + d[1] * o.y + d[2] * o.z) / (L * on);
  return c > 1 - 1e-9 ? "is parallel to the member" : null;
}

function materialFrom(name: string, m: { E: number; G?: number | undefined; nu?: number | undefined; density?: number | undefined; fy?: number | undefined; kind?: Material["kind"] | undefined }, s: UnitScale, id: string): Material {
  const E = m.E * s.stress;
  const kind = m.kind ?? "other";
  let nu = m.nu;
  let G = m.G !== undefined ? m.G * s.stress : undefined;
  if (nu === undefined) {
    if (G !== undefined) {
      const derived = E / (2 * G) - 1;
      nu = derived >= 0 && derived <= 0.5 ? derived : kind === "concrete" ? 0.2 : 0.3;
    } else nu = kind === "concrete" ? 0.2 : 0.3;
  }
  if (G === undefined) G = E / (2 * (1 + nu));
  return { id, name, E, G, nu, density: (m.density ?? 0) * s.density, fy: m.fy !== undefined ? m.fy * s.stress : null, kind };
}


// ── planAddElements ─────────────────────────────────────────────────────────────────────────────

/**
 * Plan adding elements to `existing`. Returns the patch, the ref → id map and every issue found.
 * Apply the patch only when `ok`.
 */
export function planAddElements(existing: StructuralModel, input: ElementsInput, opts: PlanAddOptions): PlanResult {
  const sink = new IssueSink();
  const patch = emptyPatch();
  const refs: Record<string, string> = {};
  const newId = opts.newId;
  const tol = opts.mergeTolerance ?? DEFAULT_COINCIDENT_TOLERANCE;

  // 0. limits
  const counts = {
    nodes: input.nodes?.length ?? 0, frames: input.frames?.length ?? 0, supports: input.supports?.length ?? 0,
    sections: input.sections?.length ?? 0, materials: input.materials?.length ?? 0, loadCases: input.loadCases?.length ?? 0,
    loads: input.loads?.length ?? 0, combinations: input.combinations?.length ?? 0,
  };
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const maxElements = opts.maxElements ?? MAX_ELEMENTS_PER_CALL;
  const maxFrames = opts.maxFrames ?? MAX_FRAMES_PER_CALL;
  if (total > maxElements || counts.frames > maxFrames) {
    sink.error("TOO_MANY_ELEMENTS", `This call has ${total} rows (${counts.frames} frames); the limit is ${maxElements} rows and ${maxFrames} frames per call. Split it into several calls.`);
    return { ok: false, patch, refs, issues: sink.flush() };
  }

  const s = inputScale(input.units, existing.meta);
  const look = new ModelLookup(existing);
  look.pairBase = existing.nodes.length + counts.nodes + 1;
  const props = new PropertyResolver(look, patch, sink, newId);
  const nodeRefs = new Map<string, Node>();
  const frameRefs = new Map<string, Frame>();
  // ref → where it was first used: k ≥ 0 is nodes[k], k < 0 is frames[-k-1]
  const refSeen = new Map<string, number>();
  const claimRef = (ref: string, kind: "nodes" | "frames", k: number): boolean => {
    const prev = refSeen.get(ref);
    if (prev !== undefined) {
      const prevWhere = prev >= 0 ? `nodes[${prev}]` : `frames[${-prev - 1}]`;
      sink.error("DUPLICATE_REF", `${kind}[${k}].ref "${ref}" is already used by ${prevWhere}. Refs must be unique within one call.`, [kind, k, "ref"]);
      return false;
    }
    refSeen.set(ref, kind === "nodes" ? k : -k - 1);
    return true;
  };

  // 1. sections
  input.sections?.forEach((sec, k) => {
    const path: IssuePath = ["sections", k];
    if (sec.catalogue !== undefined) {
      const cat = findCatalogueSection(sec.catalogue);
      if (!cat) {
        sink.error("UNKNOWN_SECTION", `${where(path)}.catalogue "${sec.catalogue}" is not in the catalogue. Try ${suggestCatalogueSections(sec.catalogue, 4).map((x) => `"${x}"`).join(", ")}, or give A, Iy, Iz and J explicitly.`, [...path, "catalogue"]);
        return;
      }
      const name = sec.name ?? cat.name;
      const prev = look.sectionByName.get(name.toLowerCase());
      if (prev) {
        if (sec.name !== undefined && (prev.A !== cat.A || prev.Iz !== cat.Iz)) {
          sink.error("DUPLICATE_NAME", `${where(path)}.name "${name}" is already the name of another section. Choose a different name.`, [...path, "name"]);
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
      sink.error("DUPLICATE_NAME", `${where(path)}.name "${name}" is already the name of a section in the model. Choose a different name, or update that section with update_elements.`, [...path, "name"]);
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

  // 2. materials
  input.materials?.forEach((mat, k) => {
    const path: IssuePath = ["materials", k];
    if (mat.catalogue !== undefined) {
      const cat = findCatalogueMaterial(mat.catalogue);
      if (!cat) {
        sink.error("UNKNOWN_MATERIAL", `${where(path)}.catalogue "${mat.catalogue}" is not in the catalogue. Use one of ${suggestCatalogueMaterials().map((x) => `"${x}"`).join(", ")}, or give E (and nu, density) explicitly.`, [...path, "catalogue"]);
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
      sink.error("DUPLICATE_NAME", `${where(path)}.name "${name}" is already the name of a material in the model. Choose a different name, or update that material.`, [...path, "name"]);
      return;
    }
    const row = materialFrom(name, { ...mat, E: mat.E as number }, s, newId());
    patch.add.materials.push(row);
    look.addMaterial(row);
  });

  // 3. load cases
  input.loadCases?.forEach((lc, k) => {
    const path: IssuePath = ["loadCases", k];
    if (look.caseByName.has(lc.name.toLowerCase())) {
      sink.error("DUPLICATE_NAME", `${where(path)}.name "${lc.name}" is already a load case. Choose a different name; loads can refer to the existing case directly.`, [...path, "name"]);
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

  // 4. nodes (with merging)
  if (input.nodes && input.nodes.length > 0) {
    const explicit: string[] = [];
    for (const n of input.nodes) if (n.label !== undefined) explicit.push(n.label);
    const labeler = new Labeler("N", Math.max(opts.labelFloor?.nodes ?? 0, maxLabelNumber(look.nodeByLabel.keys(), "N"), maxLabelNumber(explicit, "N")), (l) => look.nodeByLabel.has(l));
    const grid = tol > 0 ? new PointGrid(tol) : null;
    const gridNodes: Node[] = [];
    const existingCount = existing.nodes.length;
    if (grid) for (const n of existing.nodes) {
      grid.add(n.x, n.y, n.z);
      gridNodes.push(n);
    }
    input.nodes.forEach((n, k) => {
      const x = (n.at ? n.at[0] : (n.x as number)) * s.length;
      const y = (n.at ? n.at[1] : (n.y as number)) * s.length;
      const z = (n.at ? n.at[2] : (n.z as number)) * s.length;
      if (n.ref !== undefined && !claimRef(n.ref, "nodes", k)) return;
      // merge?
      if (grid) {
        const hit = grid.nearest(x, y, z, tol);
        if (hit >= 0) {
          const path: IssuePath = ["nodes", k];
          const target = gridNodes[hit] as Node;
          const sameLabel = n.label === undefined || n.label === target.label;
          const what = hit < existingCount ? "existing node" : "node";
          sink.warn(
            "NODE_MERGED",
            `${where(path)} at (${fmtNum(x)}, ${fmtNum(y)}, ${fmtNum(z)}) m coincides with ${what} "${target.label}"; it was merged into it${sameLabel ? "" : ` and its label "${n.label}" was dropped`}. References to it now point to "${target.label}".`,
            path,
            { elements: [{ kind: "node", id: target.id, label: target.label }] },
          );
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
        sink.error("DUPLICATE_NODE", `${where(path)}.label "${label}" is already used by node at (${fmtNum(other.x)}, ${fmtNum(other.y)}, ${fmtNum(other.z)}) m. Choose another label, or omit it to auto-number; to use the existing node, refer to "${label}" from frames directly.`, [...path, "label"], { elements: [{ kind: "node", id: other.id, label }] });
        return;
      }
      label ??= labeler.next();
      const row: Node = { id: newId(), label, x, y, z };
      patch.add.nodes.push(row);
      look.addNewNode(row);
      if (grid) {
        grid.add(x, y, z);
        gridNodes.push(row);
      }
      if (n.ref !== undefined) {
        nodeRefs.set(n.ref, row);
        refs[n.ref] = row.id;
      }
    });
  }

  const resolveNode = (token: ElementRefInput, kind: string, k: number, field: string): Node | undefined => {
    const t = refStr(token);
    const n = nodeRefs.get(t) ?? look.node(t);
    if (!n) {
      const path: IssuePath = [kind, k, field];
      sink.error("UNKNOWN_NODE", `${where(path)} refers to node "${t}", which is neither a node ref in this call nor an existing node label or id. Add it under nodes with ref "${t}", or use an existing label.`, path, { hint: `Existing node labels include: ${look.listLabels(look.nodeByLabel)}.` });
    }
    return n;
  };
  const resolveFrame = (token: ElementRefInput, kind: string, k: number, field: string): Frame | undefined => {
    const t = refStr(token);
    const f = frameRefs.get(t) ?? look.frame(t);
    if (!f) {
      const path: IssuePath = [kind, k, field];
      sink.error("UNKNOWN_FRAME", `${where(path)} refers to frame "${t}", which is neither a frame ref in this call nor an existing frame label or id. Use the frame's label (e.g. "F3") or add the frame in this call with ref "${t}".`, path, { hint: `Existing frame labels include: ${look.listLabels(look.frameByLabel)}.` });
    }
    return f;
  };
  const resolveCase = (token: string, path: IssuePath): LoadCase | undefined => {
    const c = look.loadCase(token);
    if (!c) {
      sink.groupedError(`case:${token}`, "UNKNOWN_LOAD_CASE", path, (n, first) => `${where(first)} refers to load case "${token}", which does not exist${andMore(n, "uses")}. Create it under loadCases (e.g. { name: "${token}", type: "${guessLoadCaseType(token)}" }) or use an existing case.`, `Load cases in the model: ${look.listLabels(look.caseByName)}.`);
    }
    return c;
  };

  // 5. frames
  if (input.frames && input.frames.length > 0) {
    const explicit: string[] = [];
    for (const f of input.frames) if (f.label !== undefined) explicit.push(f.label);
    const labeler = new Labeler("F", Math.max(opts.labelFloor?.frames ?? 0, maxLabelNumber(look.frameByLabel.keys(), "F"), maxLabelNumber(explicit, "F")), (l) => look.frameByLabel.has(l));
    const pairs = new Map<number, Frame>();
    for (const f of existing.frames) pairs.set(look.pairKey(f.i, f.j), f);
    const defaults = input.defaults ?? {};
    const zeroTol = tol > 0 ? tol : 0;
    const fp = (k: number): IssuePath => ["frames", k];
    const noSection: number[] = [];
    const noMaterial: number[] = [];
    const defaultRelease = defaults.release;
    const defaultRole: FrameRole = defaults.role ?? "other";
    const frames = input.frames;
    for (let k = 0; k < frames.length; k++) {
      const f = frames[k] as (typeof frames)[number];
      let bad = false;
      if (f.ref !== undefined && !claimRef(f.ref, "frames", k)) bad = true;
      const a = resolveNode(f.i, "frames", k, "i");
      const b = resolveNode(f.j, "frames", k, "j");
      if (f.label !== undefined && look.frameByLabel.has(f.label)) {
        sink.error("DUPLICATE_LABEL", `frames[${k}].label "${f.label}" is already used by another frame. Choose another label or omit it to auto-number.`, ["frames", k, "label"]);
        bad = true;
      }
      let key = -1;
      if (a && b) {
        if (a === b) {
          sink.error("ZERO_LENGTH_FRAME", `frames[${k}] starts and ends at node "${a.label}"${refStr(f.i) !== refStr(f.j) ? ` ("${refStr(f.i)}" and "${refStr(f.j)}" were merged into the same node)` : ""}. Connect two different nodes.`, fp(k));
          bad = true;
        } else {
          const dx = b.x - a.x;
          const dy = b.y - a.y;
          const dz = b.z - a.z;
          const L = Math.sqrt(dx * dx + dy * dy + dz * dz);
          if (L <= zeroTol) {
            sink.error("ZERO_LENGTH_FRAME", `frames[${k}] from "${a.label}" to "${b.label}" is ${fmtNum(L)} m long. Connect two nodes that are apart.`, fp(k));
            bad = true;
          } else {
            key = look.pairKeyOf(a, b);
            const prev = pairs.get(key);
            if (prev) {
              sink.error("DUPLICATE_FRAME", `frames[${k}] connects "${a.label}" and "${b.label}", which frame "${prev.label}" already connects. Remove the duplicate, or update "${prev.label}" instead.`, fp(k), { elements: [{ kind: "frame", id: prev.id, label: prev.label }] });
              bad = true;
            }
          }
        }
      } else bad = true;
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
            sink.error("INVALID_ORIENTATION", `frames[${k}].orientation ${problem}, so local y is undefined. Omit it to use the default (local y up), or give a vector across the member.`, ["frames", k, "orientation"]);
            bad = true;
          }
        }
      }
      if (bad || !a || !b) continue;
      const sc = f.release ?? defaultRelease;
      const row: Frame = {
        id: newId(),
        label: f.label ?? labeler.next(),
        i: a.id,
        j: b.id,
        sectionId: sectionId ?? null,
        materialId: materialId ?? null,
        roll: f.roll ?? 0,
        orientation,
        releaseI: f.releaseI !== undefined ? f.releaseI.toUpperCase() : sc ? RELEASE_SHORTCUTS[sc][0] : "FFFFFF",
        releaseJ: f.releaseJ !== undefined ? f.releaseJ.toUpperCase() : sc ? RELEASE_SHORTCUTS[sc][1] : "FFFFFF",
        role: f.role ?? defaultRole,
      };
      patch.add.frames.push(row);
      look.addNewFrame(row);
      pairs.set(key, row);
      if (f.ref !== undefined) {
        frameRefs.set(f.ref, row);
        refs[f.ref] = row.id;
      }
      if (row.sectionId === null) noSection.push(k);
      if (row.materialId === null) noMaterial.push(k);
    }
    // Allowed while drafting, but analysis needs both: say so once, with the fix.
    const list = (ks: number[]) => ks.slice(0, 5).map((k) => `frames[${k}]`).join(", ") + (ks.length > 5 ? ` and ${ks.length - 5} more` : "");
    if (noSection.length > 0) {
      sink.warn("MISSING_SECTION", `${noSection.length} new frame(s) have no section (${list(noSection)}); analysis needs one. Give section per frame or defaults.section, e.g. "IPE300" or "W14x22".`, ["frames", noSection[0] as number]);
    }
    if (noMaterial.length > 0) {
      sink.warn("MISSING_MATERIAL", `${noMaterial.length} new frame(s) have no material (${list(noMaterial)}); analysis needs one. Give material per frame or defaults.material, e.g. "S355" or "A992".`, ["frames", noMaterial[0] as number]);
    }
  }

  // 6. supports
  if (input.supports && input.supports.length > 0) {
    const seen = new Map<string, IssuePath>();
    input.supports.forEach((sp, k) => {
      const path: IssuePath = ["supports", k];
      const n = resolveNode(sp.node, "supports", k, "node");
      const code = supportCode(sp.code, sp.type, existing);
      if (!n || code === null) return;
      const prevPath = seen.get(n.id);
      if (prevPath) {
        sink.error("DUPLICATE_SUPPORT", `${where(path)} supports node "${n.label}", which ${where(prevPath)} already supports. Give one support per node with the combined code.`, path);
        return;
      }
      seen.set(n.id, path);
      const prev = look.supportByNode.get(n.id);
      if (prev) {
        if (prev.code !== code) {
          patch.update.supports.push({ id: prev.id, code });
          sink.warn("SUPPORT_REPLACED", `Node "${n.label}" already had support ${prev.code}; it is now ${code}.`, path, { elements: [{ kind: "support", id: prev.id }] });
        }
        return;
      }
      const row: Support = { id: newId(), nodeId: n.id, code };
      patch.add.supports.push(row);
    });
  }

  // 7. loads
  input.loads?.forEach((l, k) => {
    const path: IssuePath = ["loads", k];
    const c = resolveCase(l.case, [...path, "case"]);
    if (l.kind === "nodal") {
      const n = resolveNode(l.node, "loads", k, "node");
      if (!c || !n) return;
      patch.add.loads.push({
        id: newId(), kind: "nodal", caseId: c.id, nodeId: n.id,
        fx: (l.fx ?? 0) * s.force, fy: (l.fy ?? 0) * s.force, fz: (l.fz ?? 0) * s.force,
        mx: (l.mx ?? 0) * s.moment, my: (l.my ?? 0) * s.moment, mz: (l.mz ?? 0) * s.moment,
      });
      return;
    }
    const f = resolveFrame(l.frame, "loads", k, "frame");
    if (!c || !f) return;
    const L = look.length(f);
    if (l.kind === "frame_point") {
      let position = l.position;
      if (position === undefined) {
        position = ((l.distance as number) * s.length) / L;
        if (!(position >= 0 && position <= 1 + 1e-9)) {
          sink.error("INVALID_LOAD_POSITION", `${where(path)}.distance ${fmtNum((l.distance as number) * s.length)} m is beyond frame "${f.label}" (${fmtNum(L)} m long). Give a distance from end i within the frame, or a position 0..1.`, [...path, "distance"]);
          return;
        }
        position = Math.min(1, position);
      }
      patch.add.loads.push({
        id: newId(), kind: "frame_point", caseId: c.id, frameId: f.id, position, axes: l.axes ?? "global",
        fx: (l.fx ?? 0) * s.force, fy: (l.fy ?? 0) * s.force, fz: (l.fz ?? 0) * s.force,
        mx: (l.mx ?? 0) * s.moment, my: (l.my ?? 0) * s.moment, mz: (l.mz ?? 0) * s.moment,
      });
      return;
    }
    const start = l.start ?? (l.startDistance !== undefined ? (l.startDistance * s.length) / L : 0);
    const end = l.end ?? (l.endDistance !== undefined ? (l.endDistance * s.length) / L : 1);
    if (!(start >= 0 && end <= 1 + 1e-9 && start < end)) {
      sink.error("INVALID_LOAD_POSITION", `${where(path)} runs from ${fmtNum(start)} to ${fmtNum(end)} of frame "${f.label}" (${fmtNum(L)} m); start and end must satisfy 0 ≤ start < end ≤ 1 (fractions of the length from end i).`, path);
      return;
    }
    const w1 = vec((l.w1 ?? l.w) as Vec3Input, s.distributed);
    const w2 = l.w2 !== undefined ? vec(l.w2, s.distributed) : { ...w1 };
    patch.add.loads.push({
      id: newId(), kind: "frame_distributed", caseId: c.id, frameId: f.id, start, end: Math.min(1, end), axes: l.axes ?? "global", w1, w2, projected: l.projected ?? false,
    });
  });

  // 8. combinations
  input.combinations?.forEach((cb, k) => {
    const path: IssuePath = ["combinations", k];
    if (look.comboByName.has(cb.name.toLowerCase())) {
      sink.error("DUPLICATE_NAME", `${where(path)}.name "${cb.name}" is already a combination. Choose a different name.`, [...path, "name"]);
      return;
    }
    const factors = resolveFactors(cb.factors, [...path, "factors"], resolveCase, sink);
    if (!factors) return;
    const row: Combination = { id: newId(), name: cb.name, kind: cb.kind ?? "other", factors };
    patch.add.combinations.push(row);
    look.comboByName.set(row.name.toLowerCase(), row);
    look.comboById.set(row.id, row);
  });

  const issues = sink.flush();
  return { ok: !hasErrors(issues), patch, refs, issues };
}

function resolveFactors(
  factors: CombinationInput["factors"],
  path: IssuePath,
  resolveCase: (t: string, p: IssuePath) => LoadCase | undefined,
  sink: IssueSink,
): Combination["factors"] | null {
  const entries: [string, number, IssuePath][] = Array.isArray(factors)
    ? factors.map((f, k) => [f.case, f.factor, [...path, k, "case"]])
    : Object.entries(factors).map(([c, f]) => [c, f, [...path, c]]);
  const out: Combination["factors"] = [];
  const seen = new Set<string>();
  let ok = true;
  for (const [token, factor, p] of entries) {
    const c = resolveCase(token, p);
    if (!c) {
      ok = false;
      continue;
    }
    if (seen.has(c.id)) {
      sink.error("INVALID_INPUT", `${where(p)}: load case "${c.name}" appears twice in this combination. Give each case one factor.`, p);
      ok = false;
      continue;
    }
    seen.add(c.id);
    out.push({ caseId: c.id, factor });
  }
  return ok ? out : null;
}

// ── planUpdateElements ──────────────────────────────────────────────────────────────────────────

export interface PlanUpdateOptions {
  /** Needed only when the update creates rows (a catalogue section/material, a new support). */
  newId?: () => string;
  /** Distance (m) for the zero-length and coincident-node checks after moves (default 1e-3). */
  mergeTolerance?: number;
}

export interface PlanChangeResult {
  ok: boolean;
  patch: ModelPatch;
  issues: Issue[];
}

/** Merge several updates to one row into one (later fields win). */
function pushUpdate<T extends { id: string }>(list: T[], index: Map<string, T>, u: T): void {
  const prev = index.get(u.id);
  if (prev) Object.assign(prev, u);
  else {
    list.push(u);
    index.set(u.id, u);
  }
}

/**
 * Plan changes to existing elements (coordinates, labels, frame section/material/roll/releases/role/
 * nodes, support codes, section and material properties, load values, case and combination fields).
 */
export function planUpdateElements(existing: StructuralModel, input: ElementsUpdate, opts: PlanUpdateOptions = {}): PlanChangeResult {
  const sink = new IssueSink();
  const patch = emptyPatch();
  const s = inputScale(input.units, existing.meta);
  const look = new ModelLookup(existing);
  const props = new PropertyResolver(look, patch, sink, opts.newId);
  const tol = opts.mergeTolerance ?? DEFAULT_COINCIDENT_TOLERANCE;
  const idx = {
    nodes: new Map<string, RowUpdate<Node>>(), frames: new Map<string, RowUpdate<Frame>>(), supports: new Map<string, RowUpdate<Support>>(),
    sections: new Map<string, RowUpdate<Section>>(), materials: new Map<string, RowUpdate<Material>>(), loadCases: new Map<string, RowUpdate<LoadCase>>(),
    loads: new Map<string, ModelPatch["update"]["loads"][number]>(), combinations: new Map<string, RowUpdate<Combination>>(),
  };
  const unknown = (code: IssueCode, kind: ElementKind, token: string, path: IssuePath, known: string) =>
    sink.error(code, `${where(path)} refers to ${kind} "${token}", which does not exist. Use an existing ${kind} label, name or id.`, path, { hint: `Known: ${known}.` });

  // labels/names that will exist after the update, for uniqueness checks
  const renamed = <T extends { id: string }>(map: Map<string, T>, key: (t: T) => string) => {
    const m = new Map<string, string>();
    for (const v of map.values()) m.set(key(v), v.id);
    return m;
  };
  const nodeLabels = renamed(look.nodeById, (n) => n.label);
  const frameLabels = renamed(look.frameById, (f) => f.label);

  // nodes
  const moved = new Map<string, Node>();
  input.nodes?.forEach((u, k) => {
    const path: IssuePath = ["nodes", k];
    const n = look.node(refStr(u.node));
    if (!n) return unknown("UNKNOWN_NODE", "node", refStr(u.node), [...path, "node"], look.listLabels(look.nodeByLabel));
    const row: RowUpdate<Node> = { id: n.id };
    if (u.label !== undefined && u.label !== n.label) {
      const owner = nodeLabels.get(u.label);
      if (owner !== undefined && owner !== n.id) {
        sink.error("DUPLICATE_NODE", `${where(path)}.label "${u.label}" is already used by another node. Choose a different label.`, [...path, "label"]);
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
  const finalNode = (id: string): Node | undefined => moved.get(id) ?? look.nodeById.get(id);

  // frames
  const frameEnds = new Map<string, { i: string; j: string; path: IssuePath }>();
  input.frames?.forEach((u, k) => {
    const path: IssuePath = ["frames", k];
    const f = look.frame(refStr(u.frame));
    if (!f) return unknown("UNKNOWN_FRAME", "frame", refStr(u.frame), [...path, "frame"], look.listLabels(look.frameByLabel));
    const row: RowUpdate<Frame> = { id: f.id };
    let bad = false;
    if (u.label !== undefined && u.label !== f.label) {
      const owner = frameLabels.get(u.label);
      if (owner !== undefined && owner !== f.id) {
        sink.error("DUPLICATE_LABEL", `${where(path)}.label "${u.label}" is already used by another frame. Choose a different label.`, [...path, "label"]);
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
        unknown("UNKNOWN_NODE", "node", refStr(t), [...path, end], look.listLabels(look.nodeByLabel));
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
    if (bad) return;
    pushUpdate(patch.update.frames, idx.frames, row);
    if (row.i !== undefined || row.j !== undefined) frameEnds.set(f.id, { i: row.i ?? f.i, j: row.j ?? f.j, path });
  });

  // geometry after moves / reconnections: zero length, duplicates, orientation, coincidence
  if (moved.size > 0 || frameEnds.size > 0) {
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
        if (other) sink.error("DUPLICATE_FRAME", `Frame "${f.label}" would connect the same nodes as frame "${other.label}". Choose other nodes.`, e.path, { elements: [{ kind: "frame", id: other.id, label: other.label }] });
      }
      if (!changed) continue;
      const a = finalNode(e.i);
      const b = finalNode(e.j);
      if (!a || !b) continue;
      const L = Math.hypot(b.x - a.x, b.y - a.y, b.z - a.z);
      if (e.i === e.j || L <= tol) {
        sink.error("ZERO_LENGTH_FRAME", `After this change frame "${f.label}" would be ${fmtNum(L)} m long (nodes "${a.label}" and "${b.label}"). Move the nodes apart or connect other nodes.`, e.path, { elements: [{ kind: "frame", id: f.id, label: f.label }] });
      }
    }
    if (moved.size > 0 && tol > 0) {
      const grid = new PointGrid(tol);
      const all: Node[] = [];
      for (const n of existing.nodes) {
        const m = finalNode(n.id) as Node;
        grid.add(m.x, m.y, m.z);
        all.push(m);
      }
      for (const m of moved.values()) {
        grid.forEachNear(m.x, m.y, m.z, tol, (k) => {
          const other = all[k] as Node;
          if (other.id === m.id) return;
          sink.warn("COINCIDENT_NODES", `Node "${m.label}" would coincide with node "${other.label}" after this move, so frames meeting there are not connected. Move it elsewhere, or reconnect its frames to "${other.label}" and remove it.`, undefined, { elements: [{ kind: "node", id: m.id, label: m.label }, { kind: "node", id: other.id, label: other.label }] });
        });
      }
    }
  }

  // supports
  input.supports?.forEach((u, k) => {
    const path: IssuePath = ["supports", k];
    const n = look.node(refStr(u.node));
    if (!n) return unknown("UNKNOWN_NODE", "node", refStr(u.node), [...path, "node"], look.listLabels(look.nodeByLabel));
    const prev = look.supportByNode.get(n.id);
    if (u.type === "free" && u.code === undefined) {
      if (prev) patch.remove.supports.push(prev.id);
      return;
    }
    const code = supportCode(u.code, u.type === "free" ? undefined : u.type, existing) as string;
    if (prev) pushUpdate(patch.update.supports, idx.supports, { id: prev.id, code });
    else if (!opts.newId) sink.error("INVALID_INPUT", `${where(path)}: node "${n.label}" has no support to update. Add one with add_elements supports.`, path);
    else patch.add.supports.push({ id: opts.newId(), nodeId: n.id, code });
  });

  // sections
  const sectionNames = renamed(look.sectionById, (x) => x.name.toLowerCase());
  input.sections?.forEach((u, k) => {
    const path: IssuePath = ["sections", k];
    const sec = look.sectionById.get(u.section) ?? look.sectionByName.get(u.section.toLowerCase());
    if (!sec) return unknown("UNKNOWN_SECTION", "section", u.section, [...path, "section"], look.listLabels(look.sectionByName));
    const row: RowUpdate<Section> = { id: sec.id };
    if (u.name !== undefined && u.name !== sec.name) {
      const owner = sectionNames.get(u.name.toLowerCase());
      if (owner !== undefined && owner !== sec.id) return sink.error("DUPLICATE_NAME", `${where(path)}.name "${u.name}" is already a section. Choose a different name.`, [...path, "name"]);
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

  // materials
  const materialNames = renamed(look.materialById, (x) => x.name.toLowerCase());
  input.materials?.forEach((u, k) => {
    const path: IssuePath = ["materials", k];
    const mat = look.materialById.get(u.material) ?? look.materialByName.get(u.material.toLowerCase());
    if (!mat) return unknown("UNKNOWN_MATERIAL", "material", u.material, [...path, "material"], look.listLabels(look.materialByName));
    const row: RowUpdate<Material> = { id: mat.id };
    if (u.name !== undefined && u.name !== mat.name) {
      const owner = materialNames.get(u.name.toLowerCase());
      if (owner !== undefined && owner !== mat.id) return sink.error("DUPLICATE_NAME", `${where(path)}.name "${u.name}" is already a material. Choose a different name.`, [...path, "name"]);
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

  // load cases
  const caseNames = renamed(look.caseById, (x) => x.name.toLowerCase());
  input.loadCases?.forEach((u, k) => {
    const path: IssuePath = ["loadCases", k];
    const c = look.loadCase(u.loadCase);
    if (!c) return unknown("UNKNOWN_LOAD_CASE", "loadCase", u.loadCase, [...path, "loadCase"], look.listLabels(look.caseByName));
    const row: RowUpdate<LoadCase> = { id: c.id };
    if (u.name !== undefined && u.name !== c.name) {
      const owner = caseNames.get(u.name.toLowerCase());
      if (owner !== undefined && owner !== c.id) return sink.error("DUPLICATE_NAME", `${where(path)}.name "${u.name}" is already a load case. Choose a different name.`, [...path, "name"]);
      caseNames.set(u.name.toLowerCase(), c.id);
      row.name = u.name;
    }
    if (u.type !== undefined) row.type = u.type;
    if (u.selfWeightFactor !== undefined) row.selfWeightFactor = u.selfWeightFactor;
    pushUpdate(patch.update.loadCases, idx.loadCases, row);
  });

  // loads
  if (input.loads && input.loads.length > 0) {
    const loadById = new Map<string, Load>(existing.loads.map((l) => [l.id, l]));
    input.loads.forEach((u, k) => {
      const path: IssuePath = ["loads", k];
      const l = loadById.get(u.id);
      if (!l) return sink.error("UNKNOWN_LOAD", `${where(path)}.id "${u.id}" is not a load in this model. Use the load ids from get_model.`, [...path, "id"]);
      const row: ModelPatch["update"]["loads"][number] = { id: l.id };
      if (u.case !== undefined) {
        const c = look.loadCase(u.case);
        if (!c) return unknown("UNKNOWN_LOAD_CASE", "loadCase", u.case, [...path, "case"], look.listLabels(look.caseByName));
        row.caseId = c.id;
      }
      const wrongFor = (fields: string[]) => fields.filter((f) => (u as Record<string, unknown>)[f] !== undefined);
      const forceFields = ["fx", "fy", "fz", "mx", "my", "mz"] as const;
      let misplaced: string[] = [];
      if (l.kind === "frame_distributed") misplaced = wrongFor([...forceFields, "position"]);
      else if (l.kind === "nodal") misplaced = wrongFor(["position", "start", "end", "axes", "w", "w1", "w2", "projected"]);
      else misplaced = wrongFor(["start", "end", "w", "w1", "w2", "projected"]);
      if (misplaced.length > 0) return sink.error("INVALID_INPUT", `${where(path)}: a ${l.kind} load has no field(s) ${misplaced.join(", ")}. Remove them, or remove the load and add one of the right kind.`, path);
      for (const f of forceFields) {
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
        if (!(start < end)) return sink.error("INVALID_LOAD_POSITION", `${where(path)}: the load would run from ${start} to ${end}; start must be less than end.`, path);
      }
      pushUpdate(patch.update.loads, idx.loads, row);
    });
  }

  // combinations
  const comboNames = renamed(look.comboById, (x) => x.name.toLowerCase());
  input.combinations?.forEach((u, k) => {
    const path: IssuePath = ["combinations", k];
    const c = look.combination(u.combination);
    if (!c) return unknown("UNKNOWN_COMBINATION", "combination", u.combination, [...path, "combination"], look.listLabels(look.comboByName));
    const row: RowUpdate<Combination> = { id: c.id };
    if (u.name !== undefined && u.name !== c.name) {
      const owner = comboNames.get(u.name.toLowerCase());
      if (owner !== undefined && owner !== c.id) return sink.error("DUPLICATE_NAME", `${where(path)}.name "${u.name}" is already a combination. Choose a different name.`, [...path, "name"]);
      comboNames.set(u.name.toLowerCase(), c.id);
      row.name = u.name;
    }
    if (u.kind !== undefined) row.kind = u.kind;
    if (u.factors !== undefined) {
      const resolveCase = (t: string, p: IssuePath) => {
        const lc = look.loadCase(t);
        if (!lc) unknown("UNKNOWN_LOAD_CASE", "loadCase", t, p, look.listLabels(look.caseByName));
        return lc;
      };
      const factors = resolveFactors(u.factors, [...path, "factors"], resolveCase, sink);
      if (!factors) return;
      row.factors = factors;
    }
    pushUpdate(patch.update.combinations, idx.combinations, row);
  });

  const issues = sink.flush();
  return { ok: !hasErrors(issues), patch, issues };
}

// ── planRemoveElements ──────────────────────────────────────────────────────────────────────────

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

/** Plan removing elements (addressed by label, name or id). */
export function planRemoveElements(existing: StructuralModel, input: ElementsRemove, opts: PlanRemoveOptions = {}): PlanChangeResult {
  const sink = new IssueSink();
  const patch = emptyPatch();
  const cascade = opts.cascade ?? false;
  const look = new ModelLookup(existing);
  const listNames = (xs: readonly { label?: string; name?: string }[]) => {
    const names = xs.slice(0, 10).map((x) => `"${x.label ?? x.name}"`).join(", ");
    return xs.length > 10 ? `${names} and ${xs.length - 10} more` : names;
  };

  const rmNodes = new Set<string>();
  const rmFrames = new Set<string>();
  const rmSupports = new Set<string>();
  const rmSections = new Set<string>();
  const rmMaterials = new Set<string>();
  const rmCases = new Set<string>();
  const rmLoads = new Set<string>();
  const rmCombos = new Set<string>();

  input.nodes?.forEach((t, k) => {
    const n = look.node(refStr(t));
    if (!n) sink.error("UNKNOWN_NODE", `nodes[${k}] "${refStr(t)}" is not a node label or id in this model. Nothing was removed.`, ["nodes", k]);
    else rmNodes.add(n.id);
  });
  input.frames?.forEach((t, k) => {
    const f = look.frame(refStr(t));
    if (!f) sink.error("UNKNOWN_FRAME", `frames[${k}] "${refStr(t)}" is not a frame label or id in this model. Nothing was removed.`, ["frames", k]);
    else rmFrames.add(f.id);
  });
  const supportById = new Map(existing.supports.map((x) => [x.id, x]));
  input.supports?.forEach((t, k) => {
    const tok = refStr(t);
    const byId = supportById.get(tok);
    const n = byId ? undefined : look.node(tok);
    const sup = byId ?? (n ? look.supportByNode.get(n.id) : undefined);
    if (!sup) sink.error("UNKNOWN_SUPPORT", `supports[${k}] "${tok}" is neither a supported node's label/id nor a support id. Nothing was removed.`, ["supports", k]);
    else rmSupports.add(sup.id);
  });
  input.sections?.forEach((t, k) => {
    const x = look.sectionById.get(t) ?? look.sectionByName.get(t.toLowerCase());
    if (!x) sink.error("UNKNOWN_SECTION", `sections[${k}] "${t}" is not a section name or id in this model.`, ["sections", k]);
    else rmSections.add(x.id);
  });
  input.materials?.forEach((t, k) => {
    const x = look.materialById.get(t) ?? look.materialByName.get(t.toLowerCase());
    if (!x) sink.error("UNKNOWN_MATERIAL", `materials[${k}] "${t}" is not a material name or id in this model.`, ["materials", k]);
    else rmMaterials.add(x.id);
  });
  input.loadCases?.forEach((t, k) => {
    const x = look.loadCase(t);
    if (!x) sink.error("UNKNOWN_LOAD_CASE", `loadCases[${k}] "${t}" is not a load case name or id in this model.`, ["loadCases", k]);
    else rmCases.add(x.id);
  });
  const loadIds = new Set(existing.loads.map((l) => l.id));
  input.loads?.forEach((t, k) => {
    if (!loadIds.has(t)) sink.error("UNKNOWN_LOAD", `loads[${k}] "${t}" is not a load id in this model.`, ["loads", k]);
    else rmLoads.add(t);
  });
  input.combinations?.forEach((t, k) => {
    const x = look.combination(t);
    if (!x) sink.error("UNKNOWN_COMBINATION", `combinations[${k}] "${t}" is not a combination name or id in this model.`, ["combinations", k]);
    else rmCombos.add(x.id);
  });

  // nodes in use by frames
  if (rmNodes.size > 0) {
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
        sink.error("NODE_IN_USE", `Node "${n.label}" is used by frame(s) ${listNames(frames)}. Remove those frames too, or call again with cascade: true to remove them with the node.`, undefined, { elements: [{ kind: "node", id: n.id, label: n.label }, ...frames.slice(0, 20).map((f): ElementRef => ({ kind: "frame", id: f.id, label: f.label }))] });
      }
    }
    for (const sp of existing.supports) if (rmNodes.has(sp.nodeId)) rmSupports.add(sp.id);
  }

  // sections / materials in use
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
        sink.error(code, `The ${kind} "${row?.name ?? id}" is assigned to ${frames.length} frame(s) (${listNames(frames)}). Assign another ${kind} to them first, or call again with cascade: true to leave them without a ${kind}.`, undefined, { elements: [{ kind, id, ...(row ? { label: row.name } : {}) }] });
      }
    }
  }

  // load cases in use
  if (rmCases.size > 0) {
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
        sink.error("LOAD_CASE_IN_USE", `Load case "${lc.name}" has ${u.loads} load(s)${u.combos.length > 0 ? ` and appears in combination(s) ${listNames(u.combos)}` : ""}. Remove those first, or call again with cascade: true to remove its loads and combination factors.`, undefined, { elements: [{ kind: "loadCase", id, label: lc.name }] });
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

  // owned rows: loads on removed frames / nodes
  if (rmFrames.size > 0 || rmNodes.size > 0) {
    for (const l of existing.loads) {
      if (l.kind === "nodal" ? rmNodes.has(l.nodeId) : rmFrames.has(l.frameId)) rmLoads.add(l.id);
    }
  }

  const issues = sink.flush();
  const ordered = <T extends { id: string }>(rows: readonly T[], set: Set<string>) => (set.size === 0 ? [] : rows.filter((r) => set.has(r.id)).map((r) => r.id));
  if (!hasErrors(issues)) {
    patch.remove.nodes = ordered(existing.nodes, rmNodes);
    patch.remove.frames = ordered(existing.frames, rmFrames);
    patch.remove.supports = ordered(existing.supports, rmSupports);
    patch.remove.sections = ordered(existing.sections, rmSections);
    patch.remove.materials = ordered(existing.materials, rmMaterials);
    patch.remove.loadCases = ordered(existing.loadCases, rmCases);
    patch.remove.loads = ordered(existing.loads, rmLoads);
    patch.remove.combinations = ordered(existing.combinations, rmCombos);
    // updates to rows that are being removed are pointless
    patch.update.frames = patch.update.frames.filter((u) => !rmFrames.has(u.id));
  } else {
    patch.update.frames = [];
    patch.update.combinations = [];
  }
  return { ok: !hasErrors(issues), patch, issues };
}
