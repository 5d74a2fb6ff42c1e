/**
 * The token and revocation endpoints against the real server: hostile list T1–T10, V1.
 * Every failure is a JSON OAuth error with an RFC code, never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server";
import {
  authorizeAndApprove,
  connect,
  exchangeCode,
  mcpStatus,
  patchRecord,
  pkce,
  refresh,
  registerClient,
  sha256,
  signedInAgent,
  tokenRequest,
  withServerDb,
} from "../support/oauth";

let server: RunningServer;
const REDIRECT = "https://client.example/cb";

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

/** A fresh code for a fresh client and user. */
async function freshCode(opts: { scope?: string } = {}) {
  const client = await registerClient(server, { redirect_uris: [REDIRECT] });
  const { agent, user } = await signedInAgent(server);
  const { verifier, challenge } = pkce();
  const params = await authorizeAndApprove(agent, server, { clientId: client.client_id, redirectUri: REDIRECT, challenge, scope: opts.scope });
  return { client, agent, user, verifier, code: params.get("code")! };
}

function revoke(clientId: string, token: string, hint?: string) {
  const body = new URLSearchParams({ client_id: clientId, token });
  if (hint) body.set("token_type_hint", hint);
  return fetch(`${server.url}/oauth/revoke`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
}

describe("authorization code grant", () => {
  it("issues opaque, short-lived, audience-bound Bearer tokens with no-store (T9)", async () => {
    const { client, verifier, code } = await freshCode();
    const t = await exchangeCode(server, { clientId: client.client_id, code, verifier, redirectUri: REDIRECT });
    expect(t.status).toBe(200);
    expect(t.headers.get("cache-control")).toBe("no-store");
    expect(t.body.token_type).toBe("Bearer");
    expect(t.body.expires_in).toBeGreaterThan(0);
    expect(t.body.expires_in).toBeLessThanOrEqual(15 * 60);
    expect(t.body.scope?.split(" ").sort()).toEqual(["mcp:models:read", "mcp:models:write"]);
    expect(t.body.access_token).toMatch(/^[\w-]{40,}$/);
    expect(t.body.access_token!.split(".")).toHaveLength(1); // opaque, not a JWT
    expect(t.body.refresh_token).toBeTruthy();
    expect((await mcpStatus(server, t.body.access_token!)).status).toBe(200);
    // Stored only as hashes (O1).
    const dump = await withServerDb(server, async (db) => JSON.stringify(await db.oAuthRecord.findMany()));
    for (const secret of [code, t.body.access_token!, t.body.refresh_token!]) {
      expect(dump).not.toContain(secret);
      expect(dump).toContain(sha256(secret));
    }
  });

  it("code reuse → invalid_grant, and the tokens issued from that code are revoked (T1)", async () => {
    const { client, verifier, code } = await freshCode();
    const first = await exchangeCode(server, { clientId: client.client_id, code, verifier, redirectUri: REDIRECT });
    expect(first.status).toBe(200);
    const second = await exchangeCode(server, { clientId: client.client_id, code, verifier, redirectUri: REDIRECT });
    expect(second.status).toBe(400);
    expect(second.body.error).toBe("invalid_grant");
    expect((await mcpStatus(server, first.body.access_token!)).status).toBe(401);
    const r = await refresh(server, { clientId: client.client_id, refreshToken: first.body.refresh_token! });
    expect(r.body.error).toBe("invalid_grant");
  });

  it("ten parallel redemptions of one code: exactly one succeeds, the rest are invalid_grant (T2)", async () => {
    const { client, verifier, code } = await freshCode();
    const results = await Promise.all(Array.from({ length: 10 }, () => exchangeCode(server, { clientId: client.client_id, code, verifier, redirectUri: REDIRECT })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const failures = results.filter((r) => r.status !== 200);
    expect(failures).toHaveLength(9);
    for (const f of failures) {
      expect(f.status).toBe(400);
      expect(f.body.error).toBe("invalid_grant");
    }
  });

  it("an expired code → invalid_grant (T3)", async () => {
    const { client, verifier, code } = await freshCode();
    await patchRecord(server, code, { exp: Math.floor(Date.now() / 1000) - 1 });
    const t = await exchangeCode(server, { clientId: client.client_id, code, verifier, redirectUri: REDIRECT });
    expect(t.status).toBe(400);
    expect(t.body.error).toBe("invalid_grant");
  });

  it.each([
    ["a wrong verifier", () => pkce().verifier, "invalid_grant"],
    // A syntactically invalid verifier is a malformed parameter (RFC 6749 §5.2 invalid_request).
    ["a too-short verifier", () => "abc", "invalid_request"],
    ["a verifier with bad characters", () => `${"a".repeat(42)}!`, "invalid_request"],
    ["no verifier", () => undefined, "invalid_grant"],
  ])("PKCE: %s → %s (T4)", async (_name, verifier, error) => {
    const { client, code } = await freshCode();
    const t = await exchangeCode(server, { clientId: client.client_id, code, verifier: verifier(), redirectUri: REDIRECT });
    expect(t.status).toBe(400);
    expect(t.body.error).toBe(error);
  });

  it.each([
    ["a different redirect_uri", "https://client.example/other", "invalid_grant"],
    ["no redirect_uri", undefined, "invalid_request"],
  ])("%s at the token endpoint → %s (T5)", async (_name, redirectUri, error) => {
    const { client, verifier, code } = await freshCode();
    const t = await tokenRequest(server, { grant_type: "authorization_code", client_id: client.client_id, code, code_verifier: verifier, redirect_uri: redirectUri, resource: `${server.url}/mcp` });
    expect(t.status).toBe(400);
    expect(t.body.error).toBe(error);
  });

  it("a code issued to client A redeemed by client B → invalid_grant (T6)", async () => {
    const { verifier, code } = await freshCode();
    const b = await registerClient(server, { redirect_uris: [REDIRECT] });
    const t = await exchangeCode(server, { clientId: b.client_id, code, verifier, redirectUri: REDIRECT });
    expect(t.status).toBe(400);
    expect(t.body.error).toBe("invalid_grant");
  });

  it.each([
    ["a foreign resource", "https://evil.example/mcp"],
    ["another path on our host", "SERVER/api"],
  ])("%s at the token endpoint → invalid_target (T7)", async (_name, resource) => {
    const { client, verifier, code } = await freshCode();
    const t = await exchangeCode(server, { clientId: client.client_id, code, verifier, redirectUri: REDIRECT, resource: resource.replace("SERVER", server.url) });
    expect(t.status).toBe(400);
    expect(t.body.error).toBe("invalid_target");
  });

  it.each(["password", "client_credentials", "urn:ietf:params:oauth:grant-type:device_code", "implicit", "made_up"])("grant_type=%s → unsupported_grant_type (T8)", async (grantType) => {
    const client = await registerClient(server, { redirect_uris: [REDIRECT] });
    const t = await tokenRequest(server, { grant_type: grantType, client_id: client.client_id, username: "a", password: "b" });
    expect(t.status).toBe(400);
    expect(t.body.error).toBe("unsupported_grant_type");
  });

  it("an unknown or deleted client → 401 invalid_client, which makes Claude re-register (T10)", async () => {
    const { client, verifier, code } = await freshCode();
    await withServerDb(server, (db) => db.oAuthRecord.deleteMany({ where: { kind: "Client", clientId: client.client_id } }));
    const t = await exchangeCode(server, { clientId: client.client_id, code, verifier, redirectUri: REDIRECT });
    expect(t.status).toBe(401);
    expect(t.body.error).toBe("invalid_client");
    const u = await exchangeCode(server, { clientId: "never-registered", code, verifier, redirectUri: REDIRECT });
    expect(u.status).toBe(401);
    expect(u.body.error).toBe("invalid_client");
  });

  it.each([
    ["an empty body", ""],
    ["JSON instead of a form", JSON.stringify({ grant_type: "authorization_code" })],
    ["an oversized body", `grant_type=authorization_code&code=${"x".repeat(70_000)}`],
  ])("%s → a JSON OAuth error, never a 500", async (_name, body) => {
    const res = await fetch(`${server.url}/oauth/token`, { method: "POST", headers: { "content-type": body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded" }, body });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect((await res.json()).error).toMatch(/^invalid_request|invalid_client|unsupported_grant_type$/);
  });
});

describe("revocation (V1)", () => {
  it("answers 200 for unknown tokens", async () => {
    const client = await registerClient(server, { redirect_uris: [REDIRECT] });
    expect((await revoke(client.client_id, "unknown-token-value-000000000000000")).status).toBe(200);
  });

  it("a client cannot revoke another client's token", async () => {
    const a = await connect(server, { redirectUri: REDIRECT });
    const b = await registerClient(server, { redirect_uris: [REDIRECT] });
    const res = await revoke(b.client_id, a.tokens.access_token!);
    expect(res.status).toBeLessThan(500);
    expect((await mcpStatus(server, a.tokens.access_token!)).status).toBe(200);
  });

  it("revoking an access token kills it at /mcp immediately", async () => {
    const a = await connect(server, { redirectUri: REDIRECT });
    expect((await revoke(a.client.client_id, a.tokens.access_token!, "access_token")).status).toBe(200);
    expect((await mcpStatus(server, a.tokens.access_token!)).status).toBe(401);
  });

  it("revoking a refresh token also kills the access tokens of its grant", async () => {
    const a = await connect(server, { redirectUri: REDIRECT });
    expect((await revoke(a.client.client_id, a.tokens.refresh_token!, "refresh_token")).status).toBe(200);
    expect((await mcpStatus(server, a.tokens.access_token!)).status).toBe(401);
    expect((await refresh(server, { clientId: a.client.client_id, refreshToken: a.tokens.refresh_token! })).body.error).toBe("invalid_grant");
  });
});
