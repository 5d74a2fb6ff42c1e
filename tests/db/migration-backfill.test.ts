/**
 * The hand-written backfill of migration *_model_counts_spatial_keys must compute what the app
 * writes: the same spatial cell (lib/structural cellKey) and label number (labelNumber) for every
 * node and frame, and each model's counts and bounding box. The test writes rows through the app,
 * erases the derived columns, runs the migration's backfill statements and compares.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { cellKey, labelNumber } from "@/lib/structural";
import { createModel, emptyPatch, loadModelSummary } from "@/lib/db/models";
import { useDatabase } from "@/lib/db/client";
import { newId } from "@/lib/db/ids";
import { createDatabase, providers, type TestDatabase } from "../support/db";
import { createUser } from "../support/fixtures";

function backfill(provider: "sqlite" | "postgres"): string[] {
  const dir = join(process.cwd(), "prisma", provider, "migrations");
  const name = readdirSync(dir).find((d) => d.endsWith("_model_counts_spatial_keys"))!;
  const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
  const part = sql.slice(sql.indexOf("-- Backfill"));
  return part.split(";").map((s) => s.replace(/^\s*--.*$/gm, "").trim()).filter(Boolean);
}

describe.each(await providers())("migration backfill on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createDatabase(kind);
    useDatabase(t);
  });
  afterAll(async () => {
    useDatabase(null);
    await t?.drop();
  });

  it("computes the same cells, label numbers, counts and bounds as the app", async () => {
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
});
