/**
 * Many MCP clients adding elements to ONE model at the same time, through real HTTP and real
 * tokens: every acknowledged addition is in the model, nothing unacknowledged is, and the
 * revision count equals 1 + the acknowledged calls (conflicts are retried, or reported to the
 * caller as REVISION_CONFLICT with nothing written). SQLite, and PostgreSQL when reachable.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "@/lib/db/client";
import { createPostgresDatabase, postgresAvailable, type TestDatabase } from "../support/db";
import { hasBuild, startProdServer, type ProdServer } from "../support/prod-server";
import { mintTokens, type MintedToken } from "../support/tokens";
import { callTool, structured } from "../support/mcp-http";

const kinds: ("sqlite" | "postgres")[] = (await postgresAvailable()) ? ["sqlite", "postgres"] : ["sqlite"];
const WRITERS = 24;

describe.skipIf(!hasBuild()).each(kinds)("concurrent add_elements on one model (%s)", (kind) => {
  let server: ProdServer;
  let pgDb: TestDatabase | undefined;
  let token: MintedToken;
  beforeAll(async () => {
    if (kind === "postgres") pgDb = await createPostgresDatabase();
    server = await startProdServer({ databaseUrl: pgDb?.url, env: { SPECTRAL_RATE_LIMIT_TOOL_CALLS_PER_USER: "100000", DATABASE_POOL_SIZE: "5" } });
    token = (await mintTokens(server, 1))[0]!;
  });
  afterAll(async () => {
    await server?.stop();
    await pgDb?.drop();
  });

  it("loses no acknowledged update and counts one revision per acknowledged call", async () => {
    const url = `${server.url}/mcp`;
    const created = structured<{ modelId: string; revision: number }>(await callTool(url, token.token, "create_model", { name: "Contended" }));
    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, k) =>
        callTool(url, token.token, "add_elements", { modelId: created.modelId, nodes: [{ ref: `w${k}`, label: `W${k}`, at: [k, 0, 0] }] }),
      ),
    );
    const acked: number[] = [];
    const refused: number[] = [];
    results.forEach((r, k) => {
      expect(r.status).toBe(200);
      const res = r.message?.result as { isError?: boolean; structuredContent?: { error?: { code?: string } } };
      if (!res.isError) acked.push(k);
      else {
        // The only acceptable failure: a conflict reported to the caller, nothing written.
        expect(res.structuredContent?.error?.code).toBe("revision_conflict");
        refused.push(k);
      }
    });
    expect(acked.length).toBeGreaterThan(0);
    const { db } = openDb(server.databaseUrl);
    try {
      const labels = new Set((await db.node.findMany({ where: { modelId: created.modelId }, select: { label: true } })).map((n) => n.label));
      for (const k of acked) expect(labels.has(`W${k}`)).toBe(true);
      for (const k of refused) expect(labels.has(`W${k}`)).toBe(false);
      expect(labels.size).toBe(acked.length);
      const model = await db.model.findUniqueOrThrow({ where: { id: created.modelId } });
      expect(model.revision).toBe(1 + acked.length);
      const revs = await db.modelRevision.findMany({ where: { modelId: created.modelId }, orderBy: { revision: "asc" }, select: { revision: true } });
      expect(revs.map((r) => r.revision)).toEqual(Array.from({ length: 1 + acked.length }, (_, i) => i + 1));
    } finally {
      await db.$disconnect();
    }
  }, 120_000);
});
