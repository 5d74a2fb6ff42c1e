/**
 * Crash safety of imports: the server process is killed with SIGKILL while a large import_model
 * (≈50k frames) is being written, then started again on the same database. The model must be
 * either complete or absent (never partial: no orphan nodes or frames, no revision without its
 * model), and the server must serve again. The kill is timed on the database itself: on SQLite
 * when the write-ahead log starts growing (the import's transaction is writing), on PostgreSQL
 * when an INSERT of the import is running. A second import without a kill must then complete.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { statSync } from "node:fs";
import pg from "pg";
import { openDb } from "@/lib/db/client";
import { sqliteFilePath } from "@/lib/db/migrate.mjs";
import { buildingPayload } from "@/bench/lib/building.mjs";
import { createPostgresDatabase, postgresAvailable, type TestDatabase } from "../support/db";
import { hasBuild, startProdServer, type ProdServer } from "../support/prod-server";
import { mintTokens, type MintedToken } from "../support/tokens";
import { callTool, structured } from "../support/mcp-http";

const kinds: ("sqlite" | "postgres")[] = (await postgresAvailable()) ? ["sqlite", "postgres"] : ["sqlite"];
// 20×20 bays × 39 storeys: 17,640 nodes + 49,959 frames.
const SIZE = { nx: 20, ny: 20, ns: 39 };

async function counts(databaseUrl: string) {
  const { db } = openDb(databaseUrl);
  try {
    const models = await db.model.findMany({ select: { id: true, name: true } });
    const ids = models.map((m) => m.id);
    return {
      models,
      perModel: await Promise.all(ids.map(async (id) => ({ id, nodes: await db.node.count({ where: { modelId: id } }), frames: await db.frame.count({ where: { modelId: id } }), revisions: await db.modelRevision.count({ where: { modelId: id } }) }))),
      orphanNodes: await db.node.count({ where: { modelId: { notIn: ids } } }),
      orphanFrames: await db.frame.count({ where: { modelId: { notIn: ids } } }),
      orphanRevisions: await db.modelRevision.count({ where: { modelId: { notIn: ids } } }),
    };
  } finally {
    await db.$disconnect();
  }
}

/** Resolves once the import's write transaction is under way. */
async function writing(kind: "sqlite" | "postgres", databaseUrl: string, deadline: number): Promise<boolean> {
  if (kind === "sqlite") {
    const wal = `${sqliteFilePath(databaseUrl)}-wal`;
    const size = () => { try { return statSync(wal).size; } catch { return 0; } };
    const base = size();
    while (Date.now() < deadline) {
      if (size() > base + 2 * 1024 * 1024) return true;
      await new Promise((r) => setTimeout(r, 2));
    }
    return false;
  }
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    while (Date.now() < deadline) {
      const { rows } = await c.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND query LIKE 'INSERT INTO "Frame"%'`);
      if ((rows[0].n as number) > 0) return true;
      await new Promise((r) => setTimeout(r, 5));
    }
    return false;
  } finally {
    await c.end();
  }
}

describe.skipIf(!hasBuild()).each(kinds)("SIGKILL during a large import (%s)", (kind) => {
  let server: ProdServer;
  let pgDb: TestDatabase | undefined;
  let token: MintedToken;
  const { payload, nodes, frames } = buildingPayload({ ...SIZE, name: "Crash import" });
  beforeAll(async () => {
    if (kind === "postgres") pgDb = await createPostgresDatabase();
    server = await startProdServer({ databaseUrl: pgDb?.url });
    token = (await mintTokens(server, 1))[0]!;
  });
  afterAll(async () => {
    await server?.stop();
    await pgDb?.drop();
  });

  it("leaves the model complete or absent, never partial, and the server serves again", async () => {
    const url = `${server.url}/mcp`;
    const inFlight = callTool(url, token.token, "import_model", { payload }).catch((e: Error) => e);
    const hit = await writing(kind, server.databaseUrl, Date.now() + 60_000);
    expect(hit).toBe(true);
    server.child.kill("SIGKILL");
    expect(await server.exited()).toBe("SIGKILL");
    const res = await inFlight;
    // The client saw the connection drop (or, at worst, a complete answer).
    if (!(res instanceof Error)) expect(res.status).toBe(200);

    await server.restart();
    const after = await counts(server.databaseUrl);
    expect(after.orphanNodes).toBe(0);
    expect(after.orphanFrames).toBe(0);
    expect(after.orphanRevisions).toBe(0);
    for (const m of after.perModel) expect(m).toMatchObject({ nodes, frames, revisions: 1 });
    if (res instanceof Error) expect(after.models.length).toBeLessThanOrEqual(1);

    // The restarted server serves: health, a read, and a complete import.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    structured(await callTool(url, token.token, "list_models", {}));
    const done = structured<{ modelId: string; counts: { nodes: number; frames: number } }>(await callTool(url, token.token, "import_model", { payload }));
    expect(done.counts).toMatchObject({ nodes, frames });
    const final = await counts(server.databaseUrl);
    expect(final.perModel.find((m) => m.id === done.modelId)).toMatchObject({ nodes, frames, revisions: 1 });
  }, 180_000);
});
