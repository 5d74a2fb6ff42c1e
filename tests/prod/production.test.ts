/**
 * The production server (`npm start` = scripts/serve.mjs) on SQLite:
 *   - /api/health answers 200 JSON {status, db, redis, version} (503 is covered in shutdown.test.ts);
 *   - every /mcp and OAuth request is one JSON log line with method, path, status, duration and the
 *     request id (taken from X-Request-Id or generated, echoed in the response), with the user and
 *     client ids once known, and never a token, code or body;
 *   - tool calls per minute per user and per client: 429 with Retry-After and a JSON-RPC error
 *     saying when to retry, counted in the database (and in Redis when REDIS_URL is set).
 * Tokens come from the real OAuth flow (tests/support/tokens.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisAvailable, TEST_REDIS_URL } from "../support/services";
import { hasBuild, startProdServer, type ProdServer } from "../support/prod-server";
import { mintTokens, type MintedToken } from "../support/tokens";
import { callTool, mcpRequest, structured } from "../support/mcp-http";


const stores = [["database", {}]] as [string, Record<string, string>][];
if (await redisAvailable()) stores.push(["redis", { REDIS_URL: TEST_REDIS_URL }]);

describe.skipIf(!hasBuild()).each(stores)("production server, rate limits in the %s", (store, extraEnv) => {
  let server: ProdServer;
  let tokens: MintedToken[];
  beforeAll(async () => {
    server = await startProdServer({ env: { ...extraEnv, SPECTRAL_RATE_LIMIT_TOOL_CALLS_PER_USER: "5", SPECTRAL_RATE_LIMIT_TOOL_CALLS_PER_CLIENT: "8" } });
    tokens = await mintTokens(server, 2, 1);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("answers /api/health with the database (and Redis) status and the version", async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: "ok", db: "ok", redis: store === "redis" ? "ok" : "not_configured", provider: "sqlite" });
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("logs one JSON line per request with the request id, user and client, and echoes the id", async () => {
    const [t] = tokens;
    const given = `test-${Date.now()}`;
    const r = await callTool(`${server.url}/mcp`, t!.token, "list_models", {}, { "x-request-id": given });
    expect(r.status).toBe(200);
    expect(r.headers.get("x-request-id")).toBe(given);
    const generated = await fetch(`${server.url}/mcp`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(generated.status).toBe(401);
    const genId = generated.headers.get("x-request-id");
    expect(genId).toMatch(/^[0-9a-f-]{36}$/);
    // A header that is not a sane token is replaced, not logged.
    const evil = await fetch(`${server.url}/mcp`, { method: "POST", headers: { "x-request-id": "a b\"<script>" }, body: "{}" });
    expect(evil.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((r) => setTimeout(r, 200));
    const lines = server.logLines().filter((l) => l.msg === "request");
    const mine = lines.find((l) => l.requestId === given);
    expect(mine).toMatchObject({ level: "info", method: "POST", path: "/mcp", status: 200, userId: t!.userId, clientId: t!.clientId, tools: ["list_models"] });
    expect(typeof mine!.durationMs).toBe("number");
    expect(lines.find((l) => l.requestId === genId)).toMatchObject({ path: "/mcp", status: 401 });
    // The OAuth endpoints the token minting used are logged too.
    expect(lines.some((l) => l.path === "/oauth/token" && l.method === "POST")).toBe(true);
    expect(lines.some((l) => l.path === "/oauth/register" && l.status === 201)).toBe(true);
    // Never a token, code or body.
    const all = server.logs();
    for (const t2 of tokens) expect(all).not.toContain(t2.token);
    expect(all).not.toMatch(/code=|code_verifier|"authorization"|Bearer /i);
  });

  it("limits tool calls per user (429, Retry-After, JSON-RPC error) and per client", async () => {
    const [a, b] = tokens;
    const url = `${server.url}/mcp`;
    // tools/list is not a tool call: never counted.
    for (let i = 0; i < 6; i++) expect((await mcpRequest(url, a!.token, "tools/list", {})).status).toBe(200);
    // User a already made 1 call above (list_models); 4 more reach the limit of 5.
    for (let i = 0; i < 4; i++) structured(await callTool(url, a!.token, "list_models", {}));
    const refused = await callTool(url, a!.token, "list_models", {});
    expect(refused.status).toBe(429);
    const retry = Number(refused.headers.get("retry-after"));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(refused.message?.error?.code).toBe(-32029);
    expect(refused.message?.error?.message).toMatch(/5 tool calls per 60 s\. Retry after \d+ s/);
    expect(refused.message?.error?.data).toMatchObject({ scope: "user", limit: 5, retryAfterSeconds: retry });
    expect(refused.message?.id).not.toBeNull();
    // User b (same client) still has calls left until the client's limit of 8 (a's 5; refusals do not count).
    for (let i = 0; i < 3; i++) structured(await callTool(url, b!.token, "list_models", {}));
    const clientRefused = await callTool(url, b!.token, "list_models", {});
    expect(clientRefused.status).toBe(429);
    expect(clientRefused.message?.error?.data).toMatchObject({ scope: "client", limit: 8 });
    await new Promise((r) => setTimeout(r, 100));
    expect(server.logLines().some((l) => l.msg === "request" && l.status === 429 && l.refused === "rate_limit:user" && l.userId === a!.userId)).toBe(true);
  });
});
