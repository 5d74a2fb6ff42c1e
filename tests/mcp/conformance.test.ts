/**
 * The official MCP conformance suite (@modelcontextprotocol/conformance, `server` mode) against the
 * production build, with auth ON.
 *
 *   suite CLI (Node 22) ──▶ auth proxy (adds Authorization: Bearer <real token>) ──▶ next start
 *
 * - The app runs with SPECTRAL_CONFORMANCE_FIXTURES=1, which registers the suite's fixture tools,
 *   resources and prompts (testing/mcp-conformance-fixtures.ts) next to Spectral's own.
 * - The token is a real one from the app's authorization server: a new user, DCR, authorization code
 *   with PKCE S256 and resource = <app>/mcp, consent, code exchange (tests/oauth/helpers.ts `connect`).
 * - The suite has no auth option, so a loopback proxy adds the token (tests/mcp/support/auth-proxy.ts).
 *   The proxy forwards Host and Origin untouched; the app's public URL (SPECTRAL_APP_URL) is the
 *   proxy's, as behind any reverse proxy, so the DNS-rebinding scenario exercises the app's own
 *   Host/Origin guard: `Host: evil.example.com` must get 4xx, `Host: localhost:<port>` 2xx.
 * - The CLI's exit code is the gate: 0 means every scenario passed or is listed, with its reason, in
 *   tests/mcp/conformance-baseline.yml; a new failure or a listed scenario that now passes fails.
 *
 * Run: `npx next build && npx vitest run tests/mcp/conformance.test.ts`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { ensureNode22 } from "../../scripts/tools.mjs";
import { startServer, type RunningServer } from "../support/server";
import { connect } from "../oauth/helpers";
import { startAuthProxy, type AuthProxy } from "./support/auth-proxy";
import { CONFORMANCE_VERSION, ROOT, formatResults, readBaseline, runConformance, type CliRun } from "./support/conformance-cli";

const BASELINE = join(ROOT, "tests/mcp/conformance-baseline.yml");
const node22 = ensureNode22();

describe.skipIf(!node22)(`MCP conformance suite ${CONFORMANCE_VERSION} against /mcp (production build, auth on)`, () => {
  let proxy: AuthProxy;
  let server: RunningServer;
  let accessToken: string;
  let outDir: string;
  const baseline = readBaseline(BASELINE);

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), "spectral-conformance-"));
    proxy = await startAuthProxy();
    server = await startServer({ env: { SPECTRAL_CONFORMANCE_FIXTURES: "1", SPECTRAL_APP_URL: proxy.url } });
    proxy.setTarget(server.port);
    // The OAuth suite's helper: a new user, DCR, authorize (PKCE S256, resource = <proxy>/mcp) and
    // consent through the app's real authorization server, code exchanged for tokens. It talks to
    // the app's public URL, i.e. through the proxy (which adds nothing outside /mcp).
    const { tokens } = await connect({ ...server, url: proxy.url });
    if (!tokens.access_token) throw new Error(`no access token: ${JSON.stringify(tokens)}`);
    accessToken = tokens.access_token;
    proxy.setToken(accessToken);
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    await proxy?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  const mcpUrl = () => `${proxy.url}/mcp`;
  const initialize = (headers: Record<string, string> = {}) =>
    fetch(mcpUrl(), {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "initialize",
        params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "auth-check", version: "1" } },
      }),
    });

  it("keeps auth on: /mcp refuses requests without a valid token; the real token works", async () => {
    proxy.setToken(null);
    try {
      const none = await initialize();
      expect(none.status).toBe(401);
      expect(none.headers.get("www-authenticate")).toMatch(/^Bearer .*resource_metadata="[^"]+\/\.well-known\/oauth-protected-resource\/mcp"/);
      const forged = await initialize({ authorization: "Bearer not-a-real-token" });
      expect(forged.status).toBe(401);
      const real = await initialize({ authorization: `Bearer ${accessToken}` });
      expect(real.status).toBe(200);
      await real.body?.cancel();
    } finally {
      proxy.setToken(accessToken);
    }
  });

  const runSuite = async (suite: "active" | "pending"): Promise<CliRun> => {
    const dir = join(outDir, suite);
    const run = await runConformance(node22!, ["server", "--url", mcpUrl(), "--suite", suite, "--expected-failures", BASELINE], dir);
    console.log(`\n${formatResults(`conformance ${CONFORMANCE_VERSION} --suite ${suite}`, run.results, baseline)}\n`);
    if (run.exitCode !== 0) {
      console.log(run.stdout.split("=== SUMMARY ===")[1] ?? run.stdout.slice(-4000));
      console.log(run.stderr.slice(-4000));
      console.log(server.logs().slice(-4000));
    }
    return run;
  };

  /** "Running active suite (30 scenarios) against …" */
  const announced = (run: CliRun) => Number(/Running \w+ suite \((\d+) scenarios\)/.exec(run.stdout)?.[1] ?? NaN);

  it("passes the active suite: every failure is a baseline entry with its reason, dns-rebinding passes", async () => {
    const logStart = proxy.log.length;
    const run = await runSuite("active");
    // Every scenario the CLI announced left a result (30 in 0.1.16): a run that silently tested nothing fails here.
    expect(run.results).toHaveLength(announced(run));
    expect(run.results.length).toBeGreaterThanOrEqual(30);
    const failing = run.results.filter((r) => !r.ok).map((r) => r.scenario);
    expect(failing.filter((s) => !baseline.includes(s))).toEqual([]);
    expect(run.exitCode).toBe(0);

    const rebinding = run.results.find((r) => r.scenario === "dns-rebinding-protection");
    expect(rebinding?.ok).toBe(true);
    expect(rebinding?.checks.map((c) => [c.id, c.status])).toEqual([
      ["localhost-host-rebinding-rejected", "SUCCESS"],
      ["localhost-host-valid-accepted", "SUCCESS"],
    ]);
    // The rebinding request reached the app (the proxy forwards any Host) and the app refused it itself.
    expect(proxy.log.slice(logStart).filter((l) => l.host === "evil.example.com").map((l) => l.status)).toEqual([403]);
    // Every suite request went through the proxy with the real token (auth stayed on).
    const mcpRequests = proxy.log.slice(logStart).filter((l) => l.path === "/mcp");
    expect(mcpRequests.length).toBeGreaterThan(30);
    expect(mcpRequests.every((l) => l.injected)).toBe(true);
    expect(mcpRequests.some((l) => l.status === 401)).toBe(false);
  }, 300_000);

  it("passes the pending suite the same way (json-schema-2020-12, server-sse-polling)", async () => {
    const run = await runSuite("pending");
    expect(run.results).toHaveLength(announced(run));
    expect(run.results.map((r) => r.scenario)).toEqual(expect.arrayContaining(["json-schema-2020-12", "server-sse-polling"]));
    expect(run.exitCode).toBe(0);
  }, 120_000);

  // 0.1.16 has no scenarios for protocol 2026-07-28 (they live in @modelcontextprotocol/conformance
  // 0.2.x, which is not installed). This smoke test drives the same fixtures over 2026-07-28 with the
  // SDK's own client, including the multi-round-trip sampling/elicitation the 2025 era cannot do statelessly.
  it("serves the fixtures on protocol 2026-07-28 too (smoke: discover, progress, MRTR sampling and elicitation, completion)", async () => {
    const client = new Client(
      { name: "conformance-2026-smoke", version: "1.0.0" },
      { capabilities: { sampling: {}, elicitation: { form: {} } }, versionNegotiation: { mode: { pin: "2026-07-28" } } },
    );
    let sampled = 0;
    let elicited = 0;
    client.setRequestHandler("sampling/createMessage", async () => {
      sampled++;
      return { role: "assistant", content: { type: "text", text: "sampled by the client" }, model: "test-model", stopReason: "endTurn" };
    });
    client.setRequestHandler("elicitation/create", async () => {
      elicited++;
      return { action: "accept", content: { username: "testuser", email: "test@example.com" } };
    });
    await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl())));
    try {
      const tools = (await client.listTools()).tools.map((t) => t.name);
      expect(tools).toEqual(expect.arrayContaining(["test_simple_text", "test_sampling", "test_elicitation", "json_schema_2020_12_tool"]));

      const simple = await client.callTool({ name: "test_simple_text", arguments: {} });
      expect(simple.content).toEqual([{ type: "text", text: "This is a simple text response for testing." }]);

      const progress: unknown[] = [];
      await client.callTool({ name: "test_tool_with_progress", arguments: {} }, { onprogress: (p) => void progress.push(p) });
      expect(progress).toHaveLength(3);

      const sampling = await client.callTool({ name: "test_sampling", arguments: { prompt: "Say hi" } });
      expect(sampled).toBe(1);
      expect(sampling.content).toEqual([{ type: "text", text: "LLM response: sampled by the client" }]);

      const elicitation = await client.callTool({ name: "test_elicitation", arguments: { message: "Who are you?" } });
      expect(elicited).toBe(1);
      expect(JSON.stringify(elicitation.content)).toContain("action=accept");

      const read = await client.readResource({ uri: "test://template/42/data" });
      expect(read.contents[0]).toMatchObject({ uri: "test://template/42/data", mimeType: "application/json" });

      const completion = await client.complete({ ref: { type: "ref/prompt", name: "test_prompt_with_arguments" }, argument: { name: "arg1", value: "pa" } });
      expect(completion.completion.values).toEqual(["paris", "park", "party"]);
    } finally {
      await client.close();
    }
  }, 60_000);
});
