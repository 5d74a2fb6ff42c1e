/**
 * MCP tool-call throughput and latency on one production server (scripts/serve.mjs, SQLite):
 *   ceiling      POST /api/bench/mcp: the same Next.js + mcp-handler stack answering a no-op tool,
 *                no auth, no database, no rate limit (SPECTRAL_BENCH_ROUTES=1)
 *   get_model    POST /mcp with a real OAuth token: token check, rate-limit count, role + model read,
 *                activity log
 *   add_elements POST /mcp: the same plus one write transaction (one node per call; each
 *                connection writes to its own model, so there are no revision conflicts)
 * autocannon on loopback; variants alternate within each round; medians over the rounds.
 */
import autocannon from "autocannon";
import { benchServer, fmt, median, mintTokens, table } from "./support";
import { callTool, mcpRequest, structured } from "../tests/support/mcp-http";
import { buildingPayload } from "./lib/building.mjs";

interface Variant {
  name: string;
  path: string;
  token: string | null;
  body: (ctx: Record<string, unknown>) => string;
}

interface Measured {
  rps: number;
  p50: number;
  p97: number;
  p99: number;
  errors: number;
}

function run(url: string, v: Variant, connections: number, seconds: number): Promise<Measured> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/json, text/event-stream",
    "mcp-protocol-version": "2025-06-18",
  };
  if (v.token) headers.authorization = `Bearer ${v.token}`;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${url}${v.path}`,
        method: "POST",
        headers,
        connections,
        duration: seconds,
        requests: [{ setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => ({ ...req, body: v.body(context) }) }],
      } as never,
      (err: Error | null, r: { requests: { average: number }; latency: Record<string, number>; non2xx: number; errors: number; timeouts: number }) => {
        if (err) return reject(err);
        resolve({ rps: r.requests.average, p50: r.latency.p50!, p97: r.latency.p97_5!, p99: r.latency.p99!, errors: r.non2xx + r.errors + r.timeouts });
      },
    );
  });
}

export async function benchMcp(opts: { rounds: number; seconds: number; concurrency: number[] }): Promise<string> {
  const { server, drop } = await benchServer("sqlite", { env: { SPECTRAL_BENCH_ROUTES: "1" } });
  try {
    const [tok] = await mintTokens(server, 1);
    const url = `${server.url}/mcp`;
    const small = buildingPayload({ nx: 2, ny: 1, ns: 2, name: "Bench read model" }).payload;
    const readModel = structured<{ modelId: string }>(await callTool(url, tok!.token, "import_model", { payload: small })).modelId;
    const writeModels: string[] = [];
    for (let i = 0; i < Math.max(...opts.concurrency); i++) {
      writeModels.push(structured<{ modelId: string }>(await callTool(url, tok!.token, "create_model", { name: `Bench write ${i}` })).modelId);
    }
    let next = 0;
    let seq = 0;
    const rpc = (name: string, args: Record<string, unknown>) => JSON.stringify({ jsonrpc: "2.0", id: ++seq, method: "tools/call", params: { name, arguments: args } });
    const variants: Variant[] = [
      { name: "ceiling (no-op tool, no auth/db)", path: "/api/bench/mcp", token: null, body: () => rpc("noop", {}) },
      { name: "get_model", path: "/mcp", token: tok!.token, body: () => rpc("get_model", { modelId: readModel }) },
      {
        name: "add_elements (1 node)",
        path: "/mcp",
        token: tok!.token,
        body: (ctx) => {
          ctx.model ??= writeModels[next++ % writeModels.length];
          return rpc("add_elements", { modelId: ctx.model, nodes: [{ at: [Math.random() * 1000, Math.random() * 1000, Math.random() * 100] }] });
        },
      },
    ];
    // Sanity: every variant answers a successful tool result before it is measured.
    for (const v of variants) {
      const res = await fetch(`${server.url}${v.path}`, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...(v.token ? { authorization: `Bearer ${v.token}` } : {}) }, body: v.body({}) });
      const text = await res.text();
      if (res.status !== 200 || text.includes('"isError":true')) throw new Error(`${v.name} does not answer: ${res.status} ${text.slice(0, 300)}`);
    }
    // Where a read's time goes: sequential calls (one at a time), variants alternating per round.
    const steps: [string, () => Promise<unknown>][] = [
      ["ceiling: no-op tool (no auth, no database)", () => mcpRequest(`${server.url}/api/bench/mcp`, null, "tools/call", { name: "noop", arguments: {} })],
      ["/mcp ping: + token check (verifyAccessToken), request log", () => mcpRequest(url, tok!.token, "ping", {})],
      ["/mcp list_models: + rate limit, tool, activity log", () => callTool(url, tok!.token, "list_models", {})],
      ["/mcp get_model", () => callTool(url, tok!.token, "get_model", { modelId: readModel })],
      ["/mcp tools/list (schemas → JSON Schema per request)", () => mcpRequest(url, tok!.token, "tools/list", {})],
    ];
    const perCall = new Map<string, number[]>();
    for (let r = 0; r < opts.rounds; r++) {
      for (const [name, f] of steps) {
        const n = 60;
        const t0 = performance.now();
        for (let i = 0; i < n; i++) await f();
        (perCall.get(name) ?? perCall.set(name, []).get(name)!).push((performance.now() - t0) / n);
      }
    }
    const base = median(perCall.get(steps[0]![0])!);
    const costRows = steps.map(([name]) => {
      const ms = median(perCall.get(name)!);
      return [name, fmt(ms, 2), `+${fmt(ms - base, 2)}`];
    });
    const rows: (string | number)[][] = [];
    for (const c of opts.concurrency) {
      const results = new Map<string, Measured[]>();
      await run(server.url, variants[0]!, c, 1); // warm-up
      for (let r = 0; r < opts.rounds; r++) {
        for (const v of variants) {
          const m = await run(server.url, v, c, opts.seconds);
          (results.get(v.name) ?? results.set(v.name, []).get(v.name)!).push(m);
        }
      }
      const ceiling = median(results.get(variants[0]!.name)!.map((m) => m.rps));
      for (const v of variants) {
        const ms = results.get(v.name)!;
        const rps = median(ms.map((m) => m.rps));
        rows.push([v.name, c, fmt(rps), fmt(median(ms.map((m) => m.p50))), fmt(median(ms.map((m) => m.p97))), fmt(median(ms.map((m) => m.p99))), ms.reduce((a, m) => a + m.errors, 0), fmt(rps / ceiling, 2)]);
      }
    }
    return [
      `### MCP tool calls (SQLite, ${opts.rounds} rounds × ${opts.seconds} s per variant, medians)`,
      "",
      table(["variant", "connections", "req/s", "p50 ms", "p97.5 ms", "p99 ms", "errors", "× ceiling"], rows),
      "",
      `### Cost of one call, sequential (client-side ms per call, ${opts.rounds} rounds × 60 calls, medians)`,
      "",
      table(["request", "ms per call", "over the ceiling"], costRows),
    ].join("\n");
  } finally {
    await drop();
  }
}
