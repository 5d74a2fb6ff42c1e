/**
 * Hostile requests to POST /mcp on the real server (issue 13, items 2, 3, 6 and 7):
 *   - tool-call rate limits count what the server runs: every call of a JSON-RPC batch, bodies of
 *     any size, never the Mcp-Method header; a header that disagrees with the body is refused;
 *     batches are refused where the protocol revision has none (2025-06-18 and later, 2026-07-28)
 *     and counted call by call where it defines them (2025-03-26 / no version header);
 *   - a request with two Authorization headers is refused, not served with the first;
 *   - X-Forwarded-Host is believed only from a trusted proxy;
 *   - control characters in names and labels are refused with an error naming the field, through
 *     every way in (tool inputs, import payloads, generators), while RTL text and emoji work.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server";
import { rawRequest } from "../support/raw-http";
import { mintTokens, type MintedToken } from "../support/tokens";
import { callTool, structured } from "../support/mcp-http";

const USER_LIMIT = 5;
let server: RunningServer;
let untrusting: RunningServer;
let tokens: MintedToken[];
let next = 0;
/** A fresh user's token: each test starts with an empty per-user budget. */
const freshToken = () => tokens[next++]!.token;

beforeAll(async () => {
  [server, untrusting] = await Promise.all([
    startServer({ env: { SPECTRAL_RATE_LIMIT_TOOL_CALLS_PER_USER: String(USER_LIMIT), SPECTRAL_RATE_LIMIT_TOOL_CALLS_PER_CLIENT: "100000" } }),
    startServer({ env: { SPECTRAL_TRUSTED_PROXIES: "0" } }),
  ]);
  tokens = await mintTokens(server, 20);
}, 120_000);
afterAll(async () => {
  await Promise.all([server?.stop(), untrusting?.stop()]);
});

const MODERN = "2026-07-28";
let seq = 0;

function legacyCall(name = "list_models", args: Record<string, unknown> = {}, pad = 0) {
  return { jsonrpc: "2.0", id: ++seq, method: "tools/call", params: { name, arguments: args, ...(pad ? { _pad: "x".repeat(pad) } : {}) } };
}

function modernCall(name = "list_models", args: Record<string, unknown> = {}) {
  return {
    jsonrpc: "2.0",
    id: ++seq,
    method: "tools/call",
    params: { name, arguments: args, _meta: { "io.modelcontextprotocol/protocolVersion": MODERN, "io.modelcontextprotocol/clientCapabilities": {} } },
  };
}

function post(token: string, body: unknown, headers: Record<string, string | string[]> = {}) {
  return rawRequest(`${server.url}/mcp`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", authorization: `Bearer ${token}`, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Tool calls the user can still make now: calls list_models until refused (at most the limit + 1). */
async function remainingBudget(token: string): Promise<number> {
  for (let n = 0; n <= USER_LIMIT; n++) {
    const r = await post(token, legacyCall(), { "mcp-protocol-version": "2025-06-18" });
    if (r.status === 429) return n;
    expect(r.status).toBe(200);
  }
  return USER_LIMIT + 1;
}

describe("tool-call rate limits count what runs (item 3)", () => {
  it("both eras serve a plain tools/call (the requests below are well formed)", async () => {
    const token = freshToken();
    const legacy = await post(token, legacyCall(), { "mcp-protocol-version": "2025-06-18" });
    expect(legacy.status).toBe(200);
    expect((legacy.json.result as { isError?: boolean }).isError).toBeFalsy();
    const modern = await post(token, modernCall(), { "mcp-protocol-version": MODERN, "mcp-method": "tools/call", "mcp-name": "list_models" });
    expect(modern.status).toBe(200);
    expect((modern.json.result as { isError?: boolean }).isError).toBeFalsy();
  });

  it("legacy era without a version (2025-03-26 rules): a padded batch over 64 KiB costs one call per message, and is refused whole over the limit", async () => {
    const token = freshToken();
    const batch = [...Array(USER_LIMIT * 2)].map(() => legacyCall("list_models", {}, 10_000));
    expect(JSON.stringify(batch).length).toBeGreaterThan(64 * 1024);
    const r = await post(token, batch);
    expect(r.status).toBe(429);
    expect((r.json.error as { code: number }).code).toBe(-32029);
    // Nothing ran and nothing was counted: the whole budget is still there.
    expect(await remainingBudget(token)).toBe(USER_LIMIT);
  });

  it("legacy era without a version: a batch within the limit runs and costs every call in it", async () => {
    const token = freshToken();
    const r = await post(token, [legacyCall(), legacyCall(), legacyCall()]);
    expect(r.status).toBe(200);
    expect(await remainingBudget(token)).toBe(USER_LIMIT - 3);
  });

  it("legacy era on 2025-06-18 (batching removed): a batch is refused with 400 and runs nothing", async () => {
    const token = freshToken();
    const r = await post(token, [legacyCall("create_model", { name: "Batched" })], { "mcp-protocol-version": "2025-06-18" });
    expect(r.status).toBe(400);
    expect((r.json.error as { code: number; message: string }).code).toBe(-32600);
    expect((r.json.error as { message: string }).message).toMatch(/batches are not accepted/);
    const list = structured<{ models: unknown[] }>(await callTool(`${server.url}/mcp`, token, "list_models", {}));
    expect(list.models).toHaveLength(0);
  });

  it("2026-07-28 era: a batch is refused with 400", async () => {
    const token = freshToken();
    const r = await post(token, [modernCall(), modernCall()], { "mcp-protocol-version": MODERN, "mcp-method": "tools/call" });
    expect(r.status).toBe(400);
    expect(await remainingBudget(token)).toBe(USER_LIMIT);
  });

  it("legacy era: an Mcp-Method header that disagrees with the body is refused (it used to make the call free)", async () => {
    const token = freshToken();
    const r = await post(token, legacyCall("create_model", { name: "Free call" }), { "mcp-protocol-version": "2025-06-18", "mcp-method": "tools/list" });
    expect(r.status).toBe(400);
    expect((r.json.error as { message: string }).message).toMatch(/Mcp-Method header \("tools\/list"\) does not match the body's method \("tools\/call"\)/);
    const list = structured<{ models: unknown[] }>(await callTool(`${server.url}/mcp`, token, "list_models", {}));
    expect(list.models).toHaveLength(0);
  });

  it("2026-07-28 era: a disagreeing Mcp-Method is HTTP 400 with -32020, and costs nothing", async () => {
    const token = freshToken();
    const r = await post(token, modernCall(), { "mcp-protocol-version": MODERN, "mcp-method": "tools/list", "mcp-name": "list_models" });
    expect(r.status).toBe(400);
    expect((r.json.error as { code: number }).code).toBe(-32020);
    expect(await remainingBudget(token)).toBe(USER_LIMIT);
  });
});

describe("duplicate Authorization headers (item 7)", () => {
  it("/mcp refuses two Authorization headers instead of serving the first", async () => {
    const token = freshToken();
    const r = await post(token, legacyCall(), { "mcp-protocol-version": "2025-06-18", authorization: [`Bearer ${token}`, "Bearer someone-elses-token"] });
    expect(r.status).toBe(400);
    expect(r.json.error).toBe("invalid_request");
    expect(String(r.json.error_description)).toMatch(/more than one Authorization header/);
    // One header is still served.
    expect((await post(token, legacyCall(), { "mcp-protocol-version": "2025-06-18" })).status).toBe(200);
  });

  it.each(["/oauth/token", "/token", "/oauth/revoke", "/oauth/register"])("%s refuses two Authorization headers", async (path) => {
    const r = await rawRequest(`${server.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: ["Basic YTpi", "Basic Yzpk"] },
      body: "grant_type=authorization_code&code=x&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcallback&code_verifier=y&token=z",
    });
    expect(r.status).toBe(400);
    expect(r.json.error).toBe("invalid_request");
    expect(String(r.json.error_description)).toMatch(/more than one Authorization header/);
  });
});

describe("Host check and X-Forwarded-Host (item 6)", () => {
  it("without a trusted proxy, X-Forwarded-Host naming our host does not let an unknown Host in", async () => {
    const u = new URL(untrusting.url);
    const r = await rawRequest(`${untrusting.url}/mcp`, {
      method: "POST",
      headers: { host: "rebound.attacker.example", "x-forwarded-host": u.host, "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify(legacyCall()),
    });
    expect(r.status).toBe(403);
    expect((r.json.error as { message: string }).message).toMatch(/Host "rebound.attacker.example" is not served here/);
    // Our own Host still reaches authentication.
    const ok = await rawRequest(`${untrusting.url}/mcp`, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream" }, body: JSON.stringify(legacyCall()) });
    expect(ok.status).toBe(401);
  });

  it("from a trusted proxy, X-Forwarded-Host is the host that is checked", async () => {
    const u = new URL(server.url);
    const proxied = await rawRequest(`${server.url}/mcp`, {
      method: "POST",
      headers: { host: "10.1.2.3:8080", "x-forwarded-host": u.host, "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify(legacyCall()),
    });
    expect(proxied.status).toBe(401);
    const foreign = await rawRequest(`${server.url}/mcp`, {
      method: "POST",
      headers: { host: u.host, "x-forwarded-host": "rebound.attacker.example", "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify(legacyCall()),
    });
    expect(foreign.status).toBe(403);
  });
});

describe("control characters in user text (item 2)", () => {
  const toolError = (r: Awaited<ReturnType<typeof callTool>>) => {
    const result = r.message?.result as { isError?: boolean; content?: { text?: string }[] } | undefined;
    return { isError: result?.isError === true || r.message?.error !== undefined, text: `${r.message?.error?.message ?? ""} ${result?.content?.map((c) => c.text).join(" ") ?? ""}` };
  };

  it.each([
    ["NUL", "Tower\u0000A"],
    ["escape", "Tower\u001b[31mA"],
    ["line feed", "Tower\nA"],
    ["C1 control", "Tower\u0085A"],
    ["line separator", "Tower\u2028A"],
  ])("create_model refuses a name with a %s, naming the field, and writes nothing", async (_what, name) => {
    const token = freshToken();
    const r = toolError(await callTool(`${server.url}/mcp`, token, "create_model", { name }));
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/name/);
    expect(r.text).toMatch(/control character U\+00[0-9A-F]{2}|control character U\+2028/);
    const list = structured<{ models: unknown[] }>(await callTool(`${server.url}/mcp`, token, "list_models", {}));
    expect(list.models).toHaveLength(0);
  });

  it("add_elements refuses a label with a control character; generate_structure a model name; import_model a label in the payload", async () => {
    const token = freshToken();
    const url = `${server.url}/mcp`;
    const model = structured<{ modelId: string }>(await callTool(url, token, "create_model", { name: "Labels" }));
    const add = toolError(await callTool(url, token, "add_elements", { modelId: model.modelId, nodes: [{ ref: "a", label: "N\u00001", at: [0, 0, 0] }] }));
    expect(add.isError).toBe(true);
    expect(add.text).toMatch(/label/);
    expect(add.text).toMatch(/U\+0000/);

    const gen = toolError(await callTool(url, token, "generate_structure", { name: "Truss\u0007", structure: { type: "truss" } }));
    expect(gen.isError).toBe(true);
    expect(gen.text).toMatch(/U\+0007/);

    const imp = toolError(
      await callTool(url, token, "import_model", {
        payload: { name: "Imported", nodes: [{ id: 1, x: 0, y: 0, z: 0 }, { id: 2, x: 5, y: 0, z: 0, label: "evil\u0000label" }], frames: [{ id: 1, start: 1, end: 2, section: "IPE300" }] },
      }),
    );
    expect(imp.isError).toBe(true);
    expect(imp.text).toMatch(/nodes\[1\]\.label|nodes.1.label/);
    expect(imp.text).toMatch(/U\+0000/);
  });

  it.each([["client_name", "Helpful App\u2028Approve everything"], ["client_name", "App\u0085"], ["software_id", "spectral-probe\u0000"], ["contacts", ["ops\u0000@example.com"]]])(
    "dynamic client registration refuses %s with a control character",
    async (field, value) => {
      const r = await rawRequest(`${server.url}/oauth/register`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ client_name: "App", redirect_uris: ["https://c.example/cb"], [field]: value }),
      });
      expect(r.status).toBe(400);
      expect(r.json.error).toBe("invalid_client_metadata");
      expect(String(r.json.error_description)).toMatch(new RegExp(`${field}.*control character`));
    },
  );

  it("keeps ordinary Unicode: accents, CJK, right-to-left text with its marks, and emoji round-trip", async () => {
    const token = freshToken();
    const url = `${server.url}/mcp`;
    const name = "Bâtiment 東京 \u200fمبنى الاختبار\u200e 🏗️ 👷‍♀️";
    const created = structured<{ modelId: string; name: string }>(await callTool(url, token, "create_model", { name, description: "שלום – ok" }));
    expect(created.name).toBe(name);
    const added = await callTool(url, token, "add_elements", { modelId: created.modelId, nodes: [{ ref: "a", label: "עמוד-1 🧱", at: [0, 0, 0] }, { ref: "b", label: "N٢", at: [3, 0, 0] }], frames: [{ i: "a", j: "b", section: "IPE300", label: "梁 1" }] });
    structured(added);
    const got = structured<{ name: string }>(await callTool(url, token, "get_model", { modelId: created.modelId, include_elements: true }));
    expect(got.name).toBe(name);
    expect(JSON.stringify(got)).toContain("עמוד-1 🧱");
    expect(JSON.stringify(got)).toContain("梁 1");
  });
});
