/**
 * Large new models are written on the database driver in one transaction (lib/db/bulk.ts
 * insertNewModel) instead of through Prisma: the result must be exactly what the Prisma path
 * writes (same rows, same revision record, readable timestamps), the per-user model limit must
 * hold, and a failure must leave nothing.
 */
import { expect, it } from "vitest";
import { BULK_CREATE_MIN_ROWS, createModel, emptyPatch, listModelsForUser, listRevisions, loadModel } from "@/lib/db/models";
import { newId } from "@/lib/db/ids";
import type { ModelPatch, StructuralModel } from "@/lib/structural";
import { describeOnEachDatabase } from "../support/db";
import { createUser } from "../support/fixtures";

function bigPatch(n: number, opts: { badFrame?: boolean } = {}): ModelPatch {
  const p = emptyPatch() as unknown as Record<string, Record<string, unknown[]>>;
  const sec = { id: newId(), name: "IPE300", A: 5.38e-3, Iy: 6.04e-6, Iz: 8.356e-5, J: 2.01e-7, shape: { type: "I", h: 0.3, b: 0.15, tw: 0.0071, tf: 0.0107 } };
  const mat = { id: newId(), name: "S355", E: 210e9, G: 80.77e9, nu: 0.3, density: 7850, fy: 355e6, kind: "steel" };
  const nodes = Array.from({ length: n + 1 }, (_, i) => ({ id: newId(), label: `N${i + 1}`, x: i * 0.1 + 1 / 3, y: Math.PI * i, z: i % 2 ? -1e-9 : 12.5 }));
  const frames = Array.from({ length: n }, (_, i) => ({
    id: newId(), label: `F${i + 1}`, i: nodes[i]!.id, j: nodes[i + 1]!.id, sectionId: i % 3 ? sec.id : null, materialId: mat.id,
    roll: i % 5 ? 0 : 30, orientation: i % 7 ? null : { x: 0, y: 1, z: 0 }, releaseI: "FFFFFF", releaseJ: i % 4 ? "FFFFFF" : "FFFFRR", role: i % 2 ? "beam" : "column",
  }));
  if (opts.badFrame) frames.push({ ...frames[0]!, id: frames[0]!.id }); // duplicate primary key → the insert fails
  const lc = { id: newId(), name: "Dead \"quoted\", {braced}", type: "dead", selfWeightFactor: 1 };
  Object.assign(p.add!, {
    sections: [sec], materials: [mat], nodes, frames,
    supports: [{ id: newId(), nodeId: nodes[0]!.id, code: "FFFFFF" }],
    loadCases: [lc],
    loads: [{ id: newId(), kind: "nodal", caseId: lc.id, nodeId: nodes[n]!.id, force: { x: 0, y: 0, z: -1000 }, moment: { x: 0, y: 0, z: 0 } }],
    combinations: [{ id: newId(), name: "ULS", kind: "ULS", factors: [{ caseId: lc.id, factor: 1.35 }] }],
  });
  return p as unknown as ModelPatch;
}

function sorted(m: StructuralModel) {
  const by = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
  return { nodes: by(m.nodes), frames: by(m.frames), supports: by(m.supports), sections: by(m.sections), materials: by(m.materials), loadCases: by(m.loadCases), loads: by(m.loads), combinations: by(m.combinations) };
}

function expected(p: ModelPatch) {
  const add = p.add as unknown as Record<string, { id: string }[]>;
  const by = (xs: { id: string }[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
  return Object.fromEntries(["nodes", "frames", "supports", "sections", "materials", "loadCases", "loads", "combinations"].map((k) => [k, by(add[k] ?? [])]));
}

describeOnEachDatabase("bulk model creation", (t) => {

  it("writes exactly the planned rows and the first revision", async () => {
    const u = await createUser(t.db);
    const p = bigPatch(BULK_CREATE_MIN_ROWS + 10);
    const before = Date.now();
    const { id, revision } = await createModel({ userId: u.id, clientId: "client-1", source: "mcp" }, { name: "Bulk", description: "d", displayUnits: { length: "mm", force: "kN" }, verticalAxis: "Y" }, p, { summary: "Imported" });
    expect(revision).toBe(1);
    const got = await loadModel(id, u.id);
    expect(got?.role).toBe("owner");
    expect(got!.model.meta).toMatchObject({ id, name: "Bulk", description: "d", displayUnits: { length: "mm", force: "kN" }, verticalAxis: "Y", revision: 1 });
    expect(sorted(got!.model)).toEqual(expected(p));
    const row = await t.db.model.findUniqueOrThrow({ where: { id } });
    expect(Math.abs(row.createdAt.getTime() - before)).toBeLessThan(60_000);
    expect(row.updatedAt.getTime()).toBe(row.createdAt.getTime());
    const hist = await listRevisions(id, u.id);
    expect(hist?.items).toHaveLength(1);
    expect(hist!.items[0]).toMatchObject({ revision: 1, summary: "Imported", source: "mcp", actorId: u.id, clientId: "client-1" });
    expect(hist!.items[0]!.counts.added).toMatchObject({ nodes: BULK_CREATE_MIN_ROWS + 11, frames: BULK_CREATE_MIN_ROWS + 10 });
    expect(Math.abs(hist!.items[0]!.createdAt.getTime() - before)).toBeLessThan(60_000);
    const list = await listModelsForUser(u.id);
    expect(list.items[0]).toMatchObject({ id, counts: { nodes: BULK_CREATE_MIN_ROWS + 11, frames: BULK_CREATE_MIN_ROWS + 10, supports: 1, loads: 1 } });
  });

  it("refuses past the per-user model limit and leaves nothing when an insert fails", async () => {
    const u = await createUser(t.db);
    await createModel({ userId: u.id, source: "mcp" }, { name: "one" }, bigPatch(BULK_CREATE_MIN_ROWS));
    await expect(createModel({ userId: u.id, source: "mcp" }, { name: "two" }, bigPatch(BULK_CREATE_MIN_ROWS), { maxModelsPerUser: 1 })).rejects.toMatchObject({ code: "limit" });
    await expect(createModel({ userId: u.id, source: "mcp" }, { name: "bad" }, bigPatch(BULK_CREATE_MIN_ROWS, { badFrame: true }))).rejects.toThrow();
    expect(await t.db.model.count({ where: { ownerId: u.id } })).toBe(1);
    const ids = (await t.db.model.findMany({ select: { id: true } })).map((m) => m.id);
    expect(await t.db.node.count({ where: { modelId: { notIn: ids } } })).toBe(0);
    expect(await t.db.modelRevision.count({ where: { modelId: { notIn: ids } } })).toBe(0);
  });
});
