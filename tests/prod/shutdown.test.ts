/**
 * Graceful shutdown of the production server (scripts/serve.mjs): on SIGTERM it stops accepting
 * connections, lets the requests in flight finish (here a large import that is still running),
 * runs its shutdown hooks, and exits 0; /api/health says 503 while it drains.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import { buildingPayload } from "@/bench/lib/building.mjs";
import { openDb } from "@/lib/db/client";
import { hasBuild, startProdServer, type ProdServer } from "../support/prod-server";
import { mintTokens, type MintedToken } from "../support/tokens";
import { callTool, structured } from "../support/mcp-http";

describe.skipIf(!hasBuild())("graceful shutdown", () => {
  let server: ProdServer;
  let token: MintedToken;
  beforeAll(async () => {
    server = await startProdServer();
    token = (await mintTokens(server, 1))[0]!;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("finishes the import in flight, refuses new connections, then exits 0", async () => {
    const { payload, frames } = buildingPayload({ nx: 20, ny: 20, ns: 20, name: "Drain" });
    // A keep-alive connection opened before the signal: /api/health on it reports 503 while draining.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const health = () =>
      new Promise<number>((resolve, reject) => {
        http.get(`${server.url}/api/health`, { agent }, (res) => { res.resume(); res.on("end", () => resolve(res.statusCode ?? 0)); }).on("error", reject);
      });
    expect(await health()).toBe(200);
    const started = Date.now();
    const inFlight = callTool(`${server.url}/mcp`, token.token, "import_model", { payload });
    await new Promise((r) => setTimeout(r, 300));
    server.child.kill("SIGTERM");
    // The signal is handled between two turns of the event loop (the import may be parsing).
    for (let i = 0; i < 300 && !server.logLines().some((l) => l.msg === "shutting down"); i++) await new Promise((r) => setTimeout(r, 20));
    const during = await health().catch(() => 0);
    // Either the health request reached the draining server (503) or its connection was already closed.
    expect([503, 0]).toContain(during);
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
    const res = await inFlight;
    const out = structured<{ modelId: string; counts: { frames: number } }>(res);
    expect(out.counts.frames).toBe(frames);
    expect(await server.exited()).toBe(0);
    agent.destroy();
    const lines = server.logLines();
    const stopped = lines.find((l) => l.msg === "stopped");
    expect(stopped).toMatchObject({ signal: "SIGTERM", drained: true });
    expect(lines.find((l) => l.msg === "shutting down")).toMatchObject({ signal: "SIGTERM" });
    expect(lines.some((l) => l.msg === "request" && l.path === "/mcp" && l.status === 200 && (l.tools as string[] | undefined)?.includes("import_model"))).toBe(true);
    expect(Date.now() - started).toBeLessThan(30_000);
    const { db } = openDb(server.databaseUrl);
    try {
      expect(await db.frame.count({ where: { modelId: out.modelId } })).toBe(frames);
    } finally {
      await db.$disconnect();
    }
  }, 120_000);
});
