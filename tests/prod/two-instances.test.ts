/**
 * Two production servers (`npm start` = scripts/serve.mjs) side by side on ONE PostgreSQL
 * database, behind a small round-robin load balancer that keeps the public Host, as in a
 * deployment: both instances are configured with the balancer's origin and the same secret.
 *   - the OAuth flow (sign-in, registration, consent, code exchange) works with its steps spread
 *     over both instances;
 *   - a write on one instance is read on the other at once;
 *   - tool-call rate limits are counted together (in the database, and in Redis when reachable);
 *   - a revoked connection is refused by both instances on the next request;
 *   - an analysis submitted on an instance that runs no job worker (SPECTRAL_JOB_WORKER=0) is
 *     run by the other one (pg-boss), and its results are read back through either.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisAvailable, TEST_REDIS_URL } from "../support/services";
import { hasBuild, startProdServer, type ProdServer } from "../support/prod-server";
import { mintTokens, type MintedToken } from "../support/tokens";
import { callTool, mcpRequest, structured } from "../support/mcp-http";
import { createPostgresDatabase, postgresAvailable, type TestDatabase } from "../support/db";
import { revokeConnection } from "@/lib/db/connections";
import { startBalancer, type Balancer } from "../support/balancer";



const stores = [["database", {}]] as [string, Record<string, string>][];
if (await redisAvailable()) stores.push(["redis", { REDIS_URL: TEST_REDIS_URL }]);
const pin = (i: number) => ({ "x-instance": String(i) });
const USER_LIMIT = 6;

const cantilever = {
  sections: [{ name: "Test", A: 0.01, Iy: 1e-5, Iz: 2e-5, J: 1e-5 }],
  materials: [{ name: "Steel", E: 210e9, G: 81e9, density: 7850 }],
  nodes: [{ ref: "root", label: "ROOT", x: 0, y: 0, z: 0 }, { ref: "tip", label: "TIP", x: 3, y: 0, z: 0 }],
  frames: [{ ref: "beam", label: "B1", i: "root", j: "tip", section: "Test", material: "Steel" }],
  supports: [{ node: "root", type: "fixed" }],
  loadCases: [{ name: "Tip load" }],
  loads: [{ kind: "nodal", case: "Tip load", node: "tip", fz: -10_000 }],
};

describe.skipIf(!hasBuild() || !(await postgresAvailable())).each(stores)("two instances on one PostgreSQL, rate limits in the %s", (_store, extraEnv) => {
  let pg: TestDatabase;
  let lb: Balancer;
  let servers: ProdServer[] = [];
  let tokens: MintedToken[];

  beforeAll(async () => {
    pg = await createPostgresDatabase();
    lb = await startBalancer();
    const env = {
      ...extraEnv,
      SPECTRAL_APP_URL: lb.url,
      SPECTRAL_RATE_LIMIT_TOOL_CALLS_PER_USER: String(USER_LIMIT),
      SPECTRAL_RATE_LIMIT_TOOL_CALLS_PER_CLIENT: "100000",
    };
    // Instance 1 submits analyses but runs none: the queue must hand them to instance 0.
    servers = await Promise.all([
      startProdServer({ databaseUrl: pg.url, env }),
      startProdServer({ databaseUrl: pg.url, env: { ...env, SPECTRAL_JOB_WORKER: "0" } }),
    ]);
    lb.targets = servers.map((s) => s.port);
    tokens = await mintTokens({ url: lb.url, databaseUrl: pg.url }, 4, 1);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await lb?.close();
    await pg?.drop();
  });

  it("runs the OAuth flow with its steps spread over both instances", () => {
    // mintTokens signed up, registered, consented and exchanged codes through the balancer.
    expect(tokens).toHaveLength(4);
    for (const s of servers) {
      const oauth = s.logLines().filter((l) => l.msg === "request" && typeof l.path === "string" && (l.path as string).startsWith("/oauth/"));
      expect(oauth.length, `OAuth requests served by :${s.port}`).toBeGreaterThan(0);
    }
  });

  it("reads on one instance what the other wrote, at once", async () => {
    const t = tokens[0]!;
    const url = `${lb.url}/mcp`;
    const { modelId } = structured<{ modelId: string }>(await callTool(url, t.token, "add_elements", { name: "Two instances", nodes: [{ x: 0, y: 0, z: 0 }] }, pin(0)));
    const seen = structured<{ revision: number; counts: { nodes: number } }>(await callTool(url, t.token, "get_model", { modelId }, pin(1)));
    expect(seen).toMatchObject({ revision: 1, counts: { nodes: 1 } });
    structured(await callTool(url, t.token, "add_elements", { modelId, nodes: [{ x: 5, y: 0, z: 0 }] }, pin(1)));
    expect(structured<{ revision: number; counts: { nodes: number } }>(await callTool(url, t.token, "get_model", { modelId }, pin(0)))).toMatchObject({ revision: 2, counts: { nodes: 2 } });
  });

  it("counts one user's tool calls together across the instances", async () => {
    const t = tokens[1]!;
    const url = `${lb.url}/mcp`;
    // Alternate instances; give each instance's background flush (50 ms) time to share its count.
    for (let i = 0; i < USER_LIMIT; i++) {
      const r = await callTool(url, t.token, "list_models", {}, pin(i % 2));
      expect(r.status, `call ${i + 1} on instance ${i % 2}`).toBe(200);
      await new Promise((r) => setTimeout(r, 150));
    }
    for (const i of [0, 1]) {
      const refused = await callTool(url, t.token, "list_models", {}, pin(i));
      expect(refused.status, `instance ${i}`).toBe(429);
      expect(refused.message?.error?.data).toMatchObject({ scope: "user", limit: USER_LIMIT });
    }
  });

  it("refuses a revoked connection's token on both instances on the next request", async () => {
    const t = tokens[2]!;
    const url = `${lb.url}/mcp`;
    for (const i of [0, 1]) expect((await mcpRequest(url, t.token, "tools/list", {}, pin(i))).status).toBe(200);
    expect(await revokeConnection(t.userId, t.clientId, pg.db)).toBeGreaterThan(0);
    for (const i of [0, 1]) expect((await mcpRequest(url, t.token, "tools/list", {}, pin(i))).status).toBe(401);
  });

  it("runs an analysis submitted on the instance without a worker on the other, results readable on both", async () => {
    const t = tokens[3]!;
    const url = `${lb.url}/mcp`;
    const { modelId } = structured<{ modelId: string }>(await callTool(url, t.token, "add_elements", { name: "Queued cantilever", ...cantilever }, pin(1)));
    const job = structured<{ status: string; jobId: string; results: { name: string; maxDisplacement: { node: string } }[] }>(
      await callTool(url, t.token, "analyze_model", { modelId, wait_seconds: 30 }, pin(1)),
    );
    expect(job.status).toBe("succeeded");
    expect(job.results.find((r) => r.name === "Tip load")?.maxDisplacement.node).toBe("TIP");
    for (const i of [0, 1]) {
      const r = structured<{ jobId: string; status: string }>(await callTool(url, t.token, "get_results", { modelId }, pin(i)));
      expect(r).toMatchObject({ jobId: job.jobId, status: "succeeded" });
    }
    // Only instance 0 started a job worker.
    expect(servers[0]!.logLines().some((l) => l.msg === "job worker started")).toBe(true);
    expect(servers[1]!.logLines().some((l) => l.msg === "job worker started")).toBe(false);
  });
});
