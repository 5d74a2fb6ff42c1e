/**
 * Dynamic client registration (RFC 7591) against the real server: hostile list D1–D3.
 * Every refusal is a 400 with an RFC 7591 error code, never a 500, and writes nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDb } from "@/lib/db/client";
import { asClient, startServer, testAddress, type RunningServer } from "../support/server";

// The registration limit stays at its default (60 a minute per client address): each test
// registers from its own address, through the trusted-proxy setting of the test server.
let server: RunningServer;
let address = testAddress();
beforeEach(() => {
  address = testAddress();
});
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

async function register(body: unknown, init: { contentType?: string; raw?: string } = {}) {
  const res = await fetch(`${server.url}/oauth/register`, {
    method: "POST",
    headers: { "content-type": init.contentType ?? "application/json", ...asClient(address) },
    body: init.raw ?? JSON.stringify(body),
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: json, text, headers: res.headers };
}

async function clientCount(): Promise<number> {
  const { db } = openDb(server.databaseUrl);
  try {
    return await db.oAuthRecord.count({ where: { kind: "Client" } });
  } finally {
    await db.$disconnect();
  }
}

describe("accepted registrations", () => {
  it.each([
    ["ChatGPT (stable callback)", ["https://chatgpt.com/connector_platform_oauth_redirect"]],
    ["ChatGPT (per-connector callback)", ["https://chatgpt.com/connector/oauth/a1B2c3"]],
    ["Claude", ["https://claude.ai/api/mcp/auth_callback", "https://claude.com/api/mcp/auth_callback"]],
    ["MCP Inspector (web)", ["http://localhost:6274/oauth/callback"]],
    ["MCP Inspector (CLI)", ["http://127.0.0.1:6276/oauth/callback"]],
    ["IPv6 loopback", ["http://[::1]:33418/callback"]],
  ])("%s", async (_name, redirect_uris) => {
    const r = await register({ client_name: "App", redirect_uris, application_type: redirect_uris[0]!.startsWith("http:") ? "native" : "web" });
    expect(r.status).toBe(201);
    expect(r.body.client_id).toBeTypeOf("string");
    expect(r.body.redirect_uris).toEqual(redirect_uris);
    expect(r.body.token_endpoint_auth_method).toBe("none");
    expect(r.body).not.toHaveProperty("client_secret");
    expect(r.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("a request without scope (as ChatGPT sends it) is accepted; MCP scopes are accepted too", async () => {
    expect((await register({ redirect_uris: ["https://chatgpt.com/connector_platform_oauth_redirect"] })).status).toBe(201);
    expect((await register({ redirect_uris: ["https://claude.ai/api/mcp/auth_callback"], scope: "mcp:models:read mcp:models:write" })).status).toBe(201);
  });

  it("confidential registrations are turned into public ones (RFC 7591 §3.2.1): no secret is issued", async () => {
    for (const method of ["client_secret_basic", "client_secret_post", "private_key_jwt", "client_secret_jwt"]) {
      const r = await register({ redirect_uris: ["https://client.example/cb"], token_endpoint_auth_method: method });
      expect(r.status, method).toBe(201);
      expect(r.body.token_endpoint_auth_method).toBe("none");
      expect(r.body).not.toHaveProperty("client_secret");
    }
  });

  it("answers the CORS preflight", async () => {
    const res = await fetch(`${server.url}/oauth/register`, { method: "OPTIONS", headers: { origin: "http://localhost:6274", "access-control-request-method": "POST" } });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("refused registrations (D1, D2)", () => {
  it.each([
    "javascript:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "vbscript:msgbox",
    "myapp://callback",
    "http://evil.example/callback",
    "http://10.0.0.5/callback",
    "https://client.example/cb#fragment",
    "https://user@evil.example/cb",
    "https://*.client.example/cb",
    "https://client.example/a/%2e%2e/cb",
    "https://client.example\\@evil.example/",
    "https://client.example/\u0000",
    `https://client.example/${"x".repeat(2100)}`,
    "not a url",
  ])("redirect URI %j → invalid_redirect_uri", async (uri) => {
    const before = await clientCount();
    const r = await register({ client_name: "Bad", redirect_uris: [uri] });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe("invalid_redirect_uri");
    expect(await clientCount()).toBe(before);
  });

  it("more than 10 redirect URIs → invalid_redirect_uri", async () => {
    const r = await register({ redirect_uris: Array.from({ length: 11 }, (_, i) => `https://c.example/${i}`) });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe("invalid_redirect_uri");
  });

  it.each([
    [{ redirect_uris: ["https://c.example/cb"], grant_types: ["client_credentials"] }, "invalid_client_metadata"],
    [{ redirect_uris: ["https://c.example/cb"], grant_types: ["password"] }, "invalid_client_metadata"],
    [{ redirect_uris: ["https://c.example/cb"], grant_types: ["implicit"], response_types: ["token"] }, "invalid_client_metadata"],
    [{ redirect_uris: ["https://c.example/cb"], response_types: ["id_token"] }, "invalid_client_metadata"],
    [{ redirect_uris: ["https://c.example/cb"], scope: "mcp:models:admin" }, "invalid_client_metadata"],
    [{ redirect_uris: ["https://c.example/cb"], client_name: "x".repeat(101) }, "invalid_client_metadata"],
    [{ redirect_uris: ["https://c.example/cb"], client_name: 42 }, "invalid_client_metadata"],
    [{ redirect_uris: "https://c.example/cb" }, "invalid_redirect_uri"],
    [{ client_name: "no redirect" }, "invalid_redirect_uri"],
  ])("%j → %s", async (body, error) => {
    const r = await register(body);
    expect(r.status).toBe(400);
    expect(r.body.error).toBe(error);
  });

  it("an oversized body is refused before parsing", async () => {
    const r = await register({ redirect_uris: ["https://c.example/cb"], client_name: "ok", padding: "x".repeat(40_000) });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe("invalid_client_metadata");
  });

  it.each([
    ["malformed JSON", "{\"redirect_uris\": [", "application/json"],
    ["a JSON array", "[1,2,3]", "application/json"],
    ["a JSON string", "\"hello\"", "application/json"],
    ["a form body", "redirect_uris=https%3A%2F%2Fc.example%2Fcb", "application/x-www-form-urlencoded"],
    ["no body", "", "application/json"],
  ])("%s → a 400 OAuth error, never a 500", async (_name, raw, contentType) => {
    const r = await register(null, { raw, contentType });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/^(invalid_request|invalid_client_metadata|invalid_redirect_uri)$/);
  });
});

describe("registration rate limit (D3)", () => {
  it("refuses registrations beyond the per-minute limit from one address with 429 and Retry-After; other addresses go on", async () => {
    let limited: { status: number; body: Record<string, unknown>; headers: Headers } | undefined;
    let accepted = 0;
    for (let i = 0; i < 80 && !limited; i++) {
      const r = await register({ client_name: `Burst ${i}`, redirect_uris: ["https://c.example/cb"] });
      if (r.status === 429) limited = r;
      else {
        expect(r.status).toBe(201);
        accepted++;
      }
    }
    expect(limited).toBeDefined();
    // The default: 60 a minute, valid or not, from this test's own address.
    expect(accepted).toBe(60);
    expect(limited!.body.error).toBe("invalid_request");
    expect(limited!.body.error_description).toMatch(/\(60 per minute\); retry after \d+ s/);
    const retry = Number(limited!.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    const before = await clientCount();
    expect((await register({ redirect_uris: ["https://c.example/cb"] })).status).toBe(429);
    expect(await clientCount()).toBe(before);
    // Another client is not locked out by this one.
    address = testAddress();
    expect((await register({ redirect_uris: ["https://c.example/cb"] })).status).toBe(201);
  });
});
