/** Look-up tables over the model plus the rows a call creates, and the section/material resolver. */
import type { Combination, Frame, LoadCase, Material, ModelPatch, Node, Section, StructuralModel, Support } from "../schema";
import type { IssuePath, IssueSink } from "../issues";
import { findCatalogueMaterial, findCatalogueSection, materialFromCatalogue, normalizeCatalogueName, sectionFromCatalogue, suggestCatalogueMaterials, suggestCatalogueSections } from "../catalogue";
import { andMore, where } from "./shared";

/**
 * Look-up tables over the existing model plus the rows this call creates. Shared by the add and
 * update planners.
 */
export class ModelLookup {
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
export class PropertyResolver {
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
        this.sink.error("INVALID_INPUT", `${where(path)}: catalogue section "${cat.name}" is not in the model yet and this call cannot create rows. Add it first with add_elements sections: [{ catalogue: "${cat.name}" }].`, { path });
        return undefined;
      }
      const s = sectionFromCatalogue(cat, this.newId());
      this.patch.add.sections.push(s);
      this.look.addSection(s);
      this.sink.info("CATALOGUE_ADDED", `Section "${cat.name}" was copied from the ${cat.standard} catalogue into the model.`, { path, elements: [{ kind: "section", id: s.id, label: s.name }] });
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
        this.sink.error("INVALID_INPUT", `${where(path)}: catalogue material "${cat.name}" is not in the model yet and this call cannot create rows. Add it first with add_elements materials: [{ catalogue: "${cat.name}" }].`, { path });
        return undefined;
      }
      const m = materialFromCatalogue(cat, this.newId());
      this.patch.add.materials.push(m);
      this.look.addMaterial(m);
      this.sink.info("CATALOGUE_ADDED", `Material "${cat.name}" was copied from the catalogue (${cat.standard}) into the model.`, { path, elements: [{ kind: "material", id: m.id, label: m.name }] });
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

