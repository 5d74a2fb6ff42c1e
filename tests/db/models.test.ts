/**
 * The model data layer on SQLite and (when reachable) PostgreSQL: writes are revisions, a
 * failed write leaves nothing, concurrent writers are serialised and none is lost, the model row's
 * counts and bounds stay exact (also as the migration backfills them), access is by role, undo and
 * history reconstruct earlier revisions exactly, bulk writes are batched.
 */
import { expect, it } from "vitest";
import {
  createModel, deleteModel, editModel, getViewerModel, listModelsForUser, listRevisions, loadModel, loadModelSummary, writeModel, emptyPatch,
} from "@/lib/db/models";
import { newId } from "@/lib/db/ids";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { undoModel } from "@/lib/history/undo";
import {
  cellKey, labelNumber, ElementsInputSchema, ElementsRemoveSchema, ElementsUpdateSchema, planAddElements, planRemoveElements, planUpdateElements, sliceForAdd, sliceForRemove, sliceForUpdate,
} from "@/lib/structural";
import type { ModelPatch, StructuralModel } from "@/lib/structural";
import type { Actor } from "@/lib/db/models";
import { describeOnEachDatabase } from "../support/db";
import { createUser } from "../support/fixtures";
import { AppError } from "@/lib/structural/errors";

type Kind = "nodes" | "frames" | "supports" | "sections" | "materials" | "loadCases" | "loads" | "combinations";
function patch(parts: { add?: Partial<Record<Kind, unknown[]>>; update?: Partial<Record<Kind, unknown[]>>; remove?: Partial<Record<Kind, string[]>> }): ModelPatch {
  const p = emptyPatch() as unknown as Record<string, Record<string, unknown[]>>;
  for (const part of ["add", "update", "remove"] as const) Object.assign(p[part]!, parts[part] ?? {});
  return p as unknown as ModelPatch;
}

const node = (label: string, x: number, y = 0, z = 0) => ({ id: newId(), label, x, y, z });
const frame = (label: string, i: string, j: string, sectionId: string | null = null) => ({
  id: newId(), label, i, j, sectionId, materialId: null, roll: 0, orientation: null, releaseI: "FFFFFF", releaseJ: "FFFFFF", role: "beam",
});
const section = (name: string) => ({ id: newId(), name, A: 5.38e-3, Iy: 6.04e-6, Iz: 8.356e-5, J: 2.01e-7, shape: { type: "I", h: 0.3, b: 0.15, tw: 0.0071, tf: 0.0107 } });

/** Writes a planned patch as the next revision (the whole model is read, as for undo). */
function edit(id: string, actor: Actor, p: ModelPatch, inverse: ModelPatch, summary: string) {
  return writeModel(id, actor, () => ({ patch: p, inverse, summary, result: null }));
}

/** The hand-written backfill statements of migration *_model_counts_spatial_keys. */
function backfill(provider: "sqlite" | "postgres"): string[] {
  const dir = join(process.cwd(), "prisma", provider, "migrations");
  const name = readdirSync(dir).find((d) => d.endsWith("_model_counts_spatial_keys"))!;
  const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
  const part = sql.slice(sql.indexOf("-- Backfill"));
  return part.split(";").map((s) => s.replace(/^\s*--.*$/gm, "").trim()).filter(Boolean);
}

function sortModel(m: StructuralModel) {
  const by = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
  return { ...m, nodes: by(m.nodes), frames: by(m.frames), supports: by(m.supports), sections: by(m.sections), materials: by(m.materials), loadCases: by(m.loadCases), loads: by(m.loads), combinations: by(m.combinations) };
}

describeOnEachDatabase("model data layer", (t, kind) => {

  it("creates a model with elements as revision 1 and reads it back whole", async () => {
    const u = await createUser(t.db);
    const s = section("IPE300");
    const a = node("N1", 0), b = node("N2", 6), c = node("N3", 6, 0, 4);
    const f1 = frame("F1", a.id, b.id, s.id), f2 = frame("F2", b.id, c.id, s.id);
    const support = { id: newId(), nodeId: a.id, code: "FFFFFF" };
    const lc = { id: newId(), name: "Dead", type: "dead", selfWeightFactor: 1 };
    const load = { id: newId(), kind: "frame_distributed", caseId: lc.id, frameId: f1.id, start: 0, end: 1, axes: "global", w1: { x: 0, y: 0, z: -5000 }, w2: { x: 0, y: 0, z: -5000 }, projected: false };
    const combo = { id: newId(), name: "ULS", kind: "ULS", factors: [{ caseId: lc.id, factor: 1.35 }] };
    const { id, revision } = await createModel(
      { userId: u.id, source: "web" },
      { name: "Portal", description: "test", displayUnits: { length: "mm", force: "kN" }, verticalAxis: "Z" },
      patch({ add: { sections: [s], nodes: [a, b, c], frames: [f1, f2], supports: [support], loadCases: [lc], loads: [load], combinations: [combo] } }),
    );
    expect(revision).toBe(1);
    const got = await loadModel(id, u.id);
    expect(got?.role).toBe("owner");
    const m = got!.model;
    expect(m.meta).toMatchObject({ id, name: "Portal", description: "test", revision: 1, ownerId: u.id, displayUnits: { length: "mm", force: "kN" }, verticalAxis: "Z" });
    expect(sortModel(m)).toEqual(sortModel({ meta: m.meta, nodes: [a, b, c], frames: [f1, f2], supports: [support], sections: [s], materials: [], loadCases: [lc], loads: [load], combinations: [combo] } as never));
  });

  it("a failed write leaves no partial rows and does not bump the revision", async () => {
    const u = await createUser(t.db);
    const a = node("N1", 0);
    const { id } = await createModel({ userId: u.id, source: "web" }, { name: "Atomic" }, patch({ add: { nodes: [a] } }));
    // Second node collides with N1's label (unique per model): the INSERT fails after the revision bump and other inserts.
    const bad = patch({ add: { nodes: [node("N2", 1), node("N3", 2), node("N1", 3)], sections: [section("S")] } });
    await expect(edit(id, { userId: u.id, source: "web" }, bad, emptyPatch(), "bad")).rejects.toThrow();
    const after = await loadModel(id, u.id);
    expect(after!.model.meta.revision).toBe(1);
    expect(after!.model.nodes.map((n) => n.label)).toEqual(["N1"]);
    expect(after!.model.sections).toEqual([]);
    expect(await t.db.modelRevision.count({ where: { modelId: id } })).toBe(1);
  });

  it("serialises concurrent writers: each plans on the latest revision and none is lost", async () => {
    const u = await createUser(t.db);
    const { id } = await createModel({ userId: u.id, source: "web" }, { name: "Race" });
    await edit(id, { userId: u.id, source: "web" }, patch({ add: { nodes: [node("A", 0)] } }), emptyPatch(), "a");
    // Ten concurrent writers: every one lands, each planned on a different revision.
    const seen: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, k) =>
        writeModel(id, { userId: u.id, source: "mcp" }, (model) => {
          seen.push(model.meta.revision);
          const n = node(`P${k}`, 10 + k);
          return { patch: patch({ add: { nodes: [n] } }), inverse: patch({ remove: { nodes: [n.id] } }), summary: `add P${k}`, result: n.id };
        }),
      ),
    );
    expect(new Set(seen).size).toBe(10);
    expect(results.every((r) => r.ok)).toBe(true);
    const m = (await loadModel(id, u.id))!.model;
    expect(m.nodes).toHaveLength(11);
    expect(m.meta.revision).toBe(12);
    expect(new Set(results.map((r) => (r.ok ? r.revision : 0))).size).toBe(10);
  });

  it("summarises a model in one read: meta, the caller's role, every count and the node bounds", async () => {
    const owner = await createUser(t.db), editor = await createUser(t.db), stranger = await createUser(t.db);
    const s = section("IPE300");
    const a = node("N1", -2, 1.5, 0), b = node("N2", 6, 1.5, 0), c = node("N3", 6, -3, 4.25);
    const lc = { id: newId(), name: "Dead", type: "dead", selfWeightFactor: 1 };
    const { id } = await createModel(
      { userId: owner.id, source: "web" },
      { name: "Summary", description: "d", displayUnits: { length: "mm", force: "kN" }, verticalAxis: "Y" },
      patch({ add: { sections: [s], nodes: [a, b, c], frames: [frame("F1", a.id, b.id, s.id), frame("F2", b.id, c.id, s.id)], supports: [{ id: newId(), nodeId: a.id, code: "FFFRRR" }], loadCases: [lc] } }),
    );
    await t.db.modelMember.create({ data: { modelId: id, userId: editor.id, role: "editor" } });
    const mine = await loadModelSummary(id, owner.id);
    expect(mine).toEqual({
      meta: { id, ownerId: owner.id, name: "Summary", description: "d", displayUnits: { length: "mm", force: "kN" }, verticalAxis: "Y", revision: 1 },
      role: "owner",
      counts: { nodes: 3, frames: 2, supports: 1, sections: 1, materials: 0, loadCases: 1, loads: 0, combinations: 0 },
      bounds: { min: [-2, -3, 0], max: [6, 1.5, 4.25] },
    });
    expect((await loadModelSummary(id, editor.id))?.role).toBe("editor");
    expect(await loadModelSummary(id, stranger.id)).toBeNull();
    expect(await loadModelSummary(newId(), owner.id)).toBeNull();
    // An empty model has no bounds; another model's nodes are not counted.
    const empty = await createModel({ userId: owner.id, source: "web" }, { name: "Empty" });
    expect(await loadModelSummary(empty.id, owner.id)).toMatchObject({ counts: { nodes: 0, frames: 0 }, bounds: null, role: "owner" });
  });

  it("keeps the model row's counts and bounds exact through slice edits: add, move, remove with cascade", async () => {
    const u = await createUser(t.db);
    const actor = { userId: u.id, source: "mcp" } as const;
    const a = node("N1", 0), b = node("N2", 6), c = node("N3", 6, 0, 4);
    const { id } = await createModel(actor, { name: "Stats" }, patch({ add: { nodes: [a, b, c], frames: [frame("F1", a.id, b.id), frame("F2", b.id, c.id)] } }));
    const exact = async () => {
      const m = (await loadModel(id, u.id))!.model;
      const xs = m.nodes.map((n) => [n.x, n.y, n.z] as const);
      const lo = [0, 1, 2].map((k) => Math.min(...xs.map((p) => p[k]!)));
      const hi = [0, 1, 2].map((k) => Math.max(...xs.map((p) => p[k]!)));
      const s = (await loadModelSummary(id, u.id))!;
      expect(s.counts).toMatchObject({ nodes: m.nodes.length, frames: m.frames.length, supports: m.supports.length, loads: m.loads.length, loadCases: m.loadCases.length });
      expect(s.bounds).toEqual(m.nodes.length ? { min: lo, max: hi } : null);
      expect(s.meta.revision).toBe(m.meta.revision);
      return s;
    };
    await exact();
    const add = ElementsInputSchema.parse({ nodes: [{ ref: "p", at: [-3, 2, 9] }], frames: [{ i: "p", j: "N3" }], supports: [{ node: "p", type: "pinned" }], loadCases: [{ name: "Dead" }], loads: [{ kind: "nodal", case: "Dead", node: "p", fz: -1 }] });
    const r1 = await editModel(id, actor, (rows, meta) => sliceForAdd(rows, meta, add), (sl) => {
      const p = planAddElements(sl.model, add, { newId, labelFloor: sl.labelNumbers });
      return { patch: p.patch, summary: "add", result: p.refs };
    });
    expect(r1.ok && r1.result.p).toBeTruthy();
    expect((await exact()).counts.nodes).toBe(4);
    expect((await loadModel(id, u.id))!.model.nodes.map((n) => n.label).sort()).toEqual(["N1", "N2", "N3", "N4"]);
    const move = ElementsUpdateSchema.parse({ nodes: [{ node: "N2", x: 20 }] });
    await editModel(id, actor, (rows, meta) => sliceForUpdate(rows, meta, move), (sl) => ({ patch: planUpdateElements(sl.model, move).patch, summary: "move", result: null }));
    expect((await exact()).bounds?.max[0]).toBe(20);
    const rm = ElementsRemoveSchema.parse({ nodes: ["N4", "N2"] });
    const r3 = await editModel(id, actor, (rows, meta) => sliceForRemove(rows, meta, rm), (sl) => {
      const p = planRemoveElements(sl.model, rm, { cascade: true });
      return p.ok ? { patch: p.patch, summary: "rm", result: null } : { error: p.issues };
    });
    expect(r3.ok).toBe(true);
    const s = await exact();
    expect(s.counts).toMatchObject({ nodes: 2, frames: 0, supports: 0, loads: 0, loadCases: 1 });
    expect(s.bounds).toEqual({ min: [0, 0, 0], max: [6, 0, 4] });
  });

  it("undo of the latest change applies its stored inverse and restores each earlier state exactly", async () => {
    const u = await createUser(t.db);
    const actor = { userId: u.id, source: "mcp" } as const;
    const s = section("IPE300");
    const a = node("N1", 0), b = node("N2", 6), c = node("N3", 6, 0, 4);
    const { id } = await createModel(actor, { name: "Undo" }, patch({ add: { sections: [s], nodes: [a, b, c], frames: [frame("F1", a.id, b.id, s.id), frame("F2", b.id, c.id, s.id)], supports: [{ id: newId(), nodeId: a.id, code: "FFFFFF" }] } }));
    const states = [sortModel((await loadModel(id, u.id))!.model)];
    const add = ElementsInputSchema.parse({ nodes: [{ ref: "p", at: [9, 9, 9] }], frames: [{ i: "p", j: "N3", section: "IPE300" }], loadCases: [{ name: "Dead" }], loads: [{ kind: "nodal", case: "Dead", node: "p", fz: -5 }] });
    const move = ElementsUpdateSchema.parse({ nodes: [{ node: "N2", x: 7, label: "Mid" }], frames: [{ frame: "F1", section: "HEA200" }] });
    const rm = ElementsRemoveSchema.parse({ nodes: ["N3"] });
    await editModel(id, actor, (rows, meta) => sliceForAdd(rows, meta, add), (sl) => ({ patch: planAddElements(sl.model, add, { newId, labelFloor: sl.labelNumbers }).patch, summary: "add", result: null }));
    states.push(sortModel((await loadModel(id, u.id))!.model));
    await editModel(id, actor, (rows, meta) => sliceForUpdate(rows, meta, move), (sl) => ({ patch: planUpdateElements(sl.model, move, { newId }).patch, summary: "move", result: null }));
    states.push(sortModel((await loadModel(id, u.id))!.model));
    await editModel(id, actor, (rows, meta) => sliceForRemove(rows, meta, rm), (sl) => ({ patch: planRemoveElements(sl.model, rm, { cascade: true }).patch, summary: "rm", result: null }));
    const strip = (m: StructuralModel) => ({ ...m, meta: { ...m.meta, revision: 0 } });
    const now = async () => strip(sortModel((await loadModel(id, u.id))!.model));
    const afterRemove = await now();
    // Undo the removal: exactly the state after the move.
    const r1 = await undoModel(id, actor);
    expect(r1).toMatchObject({ revision: 5, restoredRevision: 3, removed: { nodes: 0 }, added: { nodes: 1 } });
    expect(await now()).toEqual(strip(states[2]!));
    // Undo the undo (redo): the removal again.
    await undoModel(id, actor);
    expect(await now()).toEqual(afterRemove);
    // Back to revision 2 (the state after the add; the whole-model path), then undo that revert.
    await undoModel(id, actor, 2);
    expect(await now()).toEqual(strip(states[1]!));
    await undoModel(id, actor);
    expect(await now()).toEqual(afterRemove);
    const summary = await loadModelSummary(id, u.id);
    const whole = (await loadModel(id, u.id))!.model;
    expect(summary!.counts.nodes).toBe(whole.nodes.length);
    expect(summary!.counts.frames).toBe(whole.frames.length);
  });

  it("the migration's SQL backfill computes the same cells, label numbers, counts and bounds as the app", async () => {
    const u = await createUser(t.db);
    const coords = [0, -0, 0.001, -0.001, 0.0009999, -0.0005, 1 / 3, -2.5e-3, 123456.789, -987654.3210001, 1e-12, 2e9, -3e12];
    const labels = ["N1", "N007", "N123456789", "N1234567890", "Na", "A1", "N-1", "N 2", "n3", "N٣", "N9", "N10", "N"];
    const nodes = coords.map((x, k) => ({ id: newId(), label: labels[k]!, x, y: coords[(k + 3) % coords.length]!, z: coords[(k + 7) % coords.length]! }));
    const frameLabels = ["F1", "F0012", "F999999999", "F1000000000", "Fx", "F", "B7"];
    const frames = frameLabels.map((label, k) => ({ id: newId(), label, i: nodes[k]!.id, j: nodes[k + 1]!.id, sectionId: null, materialId: null, roll: 0, orientation: null, releaseI: "FFFFFF", releaseJ: "FFFFFF", role: "beam" }));
    const p = emptyPatch();
    Object.assign(p.add, { nodes, frames });
    const { id } = await createModel({ userId: u.id, source: "web" }, { name: "Backfill" }, p);
    const before = await loadModelSummary(id, u.id);
    await t.db.$executeRawUnsafe(`UPDATE "Node" SET "cell" = NULL, "num" = NULL`);
    await t.db.$executeRawUnsafe(`UPDATE "Frame" SET "num" = NULL`);
    await t.db.$executeRawUnsafe(`UPDATE "Model" SET "nodeCount" = 0, "frameCount" = 0, "minX" = NULL, "maxZ" = NULL`);
    for (const stmt of backfill(kind)) await t.db.$executeRawUnsafe(stmt);
    const rows = await t.db.$queryRawUnsafe<{ label: string; x: number; y: number; z: number; cell: string; num: number | null }[]>(`SELECT "label", "x", "y", "z", "cell", "num" FROM "Node" WHERE "modelId" = '${id}'`);
    expect(rows).toHaveLength(nodes.length);
    for (const r of rows) {
      expect(r.cell, `${r.label} at ${r.x}, ${r.y}, ${r.z}`).toBe(cellKey(r.x, r.y, r.z));
      expect(r.num === null ? null : Number(r.num), r.label).toBe(labelNumber("N", r.label));
    }
    const fr = await t.db.$queryRawUnsafe<{ label: string; num: number | null }[]>(`SELECT "label", "num" FROM "Frame" WHERE "modelId" = '${id}'`);
    for (const r of fr) expect(r.num === null ? null : Number(r.num), r.label).toBe(labelNumber("F", r.label));
    expect(await loadModelSummary(id, u.id)).toEqual(before);
  });

  it("scopes access by role: strangers get nothing, viewers cannot write, editors can", async () => {
    const owner = await createUser(t.db), editor = await createUser(t.db), viewer = await createUser(t.db), stranger = await createUser(t.db);
    const { id } = await createModel({ userId: owner.id, source: "web" }, { name: "Shared" });
    await t.db.modelMember.createMany({ data: [{ modelId: id, userId: editor.id, role: "editor" }, { modelId: id, userId: viewer.id, role: "viewer" }] });
    expect(await loadModel(id, stranger.id)).toBeNull();
    expect(await getViewerModel(id, { userId: stranger.id })).toBeNull();
    expect((await loadModel(id, viewer.id))?.role).toBe("viewer");
    const add = () => patch({ add: { nodes: [node(`N${Math.random()}`.slice(0, 10), 0)] } });
    await expect(edit(id, { userId: viewer.id, source: "mcp" }, add(), emptyPatch(), "x")).rejects.toMatchObject({ code: "forbidden" });
    await expect(edit(id, { userId: stranger.id, source: "mcp" }, add(), emptyPatch(), "x")).rejects.toMatchObject({ code: "not_found" });
    await expect(edit(id, { userId: editor.id, source: "mcp" }, add(), emptyPatch(), "x")).resolves.toMatchObject({ ok: true, revision: 2 });
    const listed = await listModelsForUser(editor.id);
    expect(listed.items.find((m) => m.id === id)).toMatchObject({ role: "editor", counts: { nodes: 1 } });
    expect((await listModelsForUser(stranger.id)).items.find((m) => m.id === id)).toBeUndefined();
    // A removed collaborator loses access at once.
    await t.db.modelMember.delete({ where: { modelId_userId: { modelId: id, userId: editor.id } } });
    expect(await loadModel(id, editor.id)).toBeNull();
    await expect(deleteModel(id, viewer.id)).rejects.toBeInstanceOf(AppError);
  });

  it("rebuilds any earlier revision from the recorded inverses", async () => {
    const u = await createUser(t.db);
    const a = node("N1", 0), b = node("N2", 5);
    const { id } = await createModel({ userId: u.id, source: "web" }, { name: "History" }, patch({ add: { nodes: [a, b] } }));
    const f = frame("F1", a.id, b.id);
    await edit(id, { userId: u.id, source: "web" }, patch({ add: { frames: [f] } }), patch({ remove: { frames: [f.id] } }), "frame");
    await edit(id, { userId: u.id, source: "web" }, patch({ update: { nodes: [{ id: b.id, x: 7 }] } }), patch({ update: { nodes: [{ id: b.id, x: 5 }] } }), "move");
    await edit(id, { userId: u.id, source: "web" }, patch({ remove: { frames: [f.id] } }), patch({ add: { frames: [f] } }), "rm");
    const r2 = await getViewerModel(id, { userId: u.id }, 2);
    expect(r2!.revision).toBe(2);
    expect(r2!.latestRevision).toBe(4);
    expect(r2!.model.frames).toEqual([f]);
    expect(r2!.model.nodes.find((n) => n.id === b.id)!.x).toBe(5);
    const r3 = await getViewerModel(id, { userId: u.id }, 3);
    expect(r3!.model.nodes.find((n) => n.id === b.id)!.x).toBe(7);
    expect(r3!.model.frames).toHaveLength(1);
    const r1 = await getViewerModel(id, { userId: u.id }, 1);
    expect(r1!.model.frames).toHaveLength(0);
    expect(await getViewerModel(id, { userId: u.id }, 5)).toBeNull();
    const hist = await listRevisions(id, u.id);
    expect(hist!.items.map((r) => r.summary)).toEqual(["rm", "move", "frame", 'Created model "History"']);
    expect(hist!.items[0]!.counts.removed).toEqual({ frames: 1 });
  });

  it("writes 10,000 frames in batched statements within one transaction", async () => {
    const u = await createUser(t.db);
    const nodes = Array.from({ length: 10_001 }, (_, k) => node(`N${k + 1}`, k));
    const frames = Array.from({ length: 10_000 }, (_, k) => frame(`F${k + 1}`, nodes[k]!.id, nodes[k + 1]!.id));
    const { id } = await createModel({ userId: u.id, source: "mcp" }, { name: "Bulk" }, patch({ add: { nodes, frames } }));
    expect(await t.db.frame.count({ where: { modelId: id } })).toBe(10_000);
    expect(await t.db.node.count({ where: { modelId: id } })).toBe(10_001);
    const listed = await listModelsForUser(u.id);
    expect(listed.items[0]).toMatchObject({ id, counts: { nodes: 10_001, frames: 10_000 } });
  });
});
