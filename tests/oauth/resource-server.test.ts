/**
 * Access-token verification for /mcp: hostile list S1, S2 and the verifyAccessToken contract.
 * Over HTTP against the real server's /mcp, and in-process against the same database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server";
import { connect, mcpStatus, patchRecord, pkce, authorizeAndApprove, exchangeCode, registerClient, signedInAgent, withServerDb } from "../support/oauth";
import { openDb, useDatabase } from "@/lib/db/client";

let server: RunningServer;
const REDIRECT = "https://client.example/cb";
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  server = await startServer();
  // The in-process verifier must see the server's configuration and database.
  for (const k of ["SPECTRAL_APP_URL", "SPECTRAL_SECRET", "NODE_ENV"]) saved[k] = process.env[k];
  process.env.SPECTRAL_APP_URL = server.url;
  process.env.SPECTRAL_SECRET = "test-secret-test-secret-test-secret-0123456789";
  useDatabase(openDb(server.databaseUrl));
});
afterAll(async () => {
  useDatabase(null);
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
  else process.env[k] = v;
  await server?.stop();
});

describe("/mcp accepts only live access tokens issued for it (S1, S2)", () => {
  it("refresh tokens, codes, ID tokens and garbage are refused", async () => {
    const client = await registerClient(server, { redirect_uris: [REDIRECT] });
    const { agent } = await signedInAgent(server);
    const { verifier, challenge } = pkce();
    const params = await authorizeAndApprove(agent, server, { clientId: client.client_id, redirectUri: REDIRECT, challenge, scope: "openid mcp:models:read" });
    const code = params.get("code")!;
    const t = await exchangeCode(server, { clientId: client.client_id, code, verifier, redirectUri: REDIRECT });
    expect(t.status).toBe(200);
    const idToken = (t.body as { id_token?: string }).id_token;
    for (const token of [t.body.refresh_token!, code, idToken, "", "Bearer", "a.b.c", `${t.body.access_token}x`].filter((x): x is string => x !== undefined)) {
      expect((await mcpStatus(server, token)).status, token.slice(0, 12)).toBe(401);
    }
    expect((await mcpStatus(server, t.body.access_token!)).status).toBe(200);
  });

  it("an expired access token → 401", async () => {
    const c = await connect(server, { redirectUri: REDIRECT });
    await patchRecord(server, c.tokens.access_token!, { exp: Math.floor(Date.now() / 1000) - 1 });
    expect((await mcpStatus(server, c.tokens.access_token!)).status).toBe(401);
  });

  it("a token for another audience → 401", async () => {
    const c = await connect(server, { redirectUri: REDIRECT });
    await patchRecord(server, c.tokens.access_token!, { aud: "https://other.example/mcp" });
    expect((await mcpStatus(server, c.tokens.access_token!)).status).toBe(401);
  });

  it("a token in the query string is not accepted", async () => {
    const c = await connect(server, { redirectUri: REDIRECT });
    const res = await fetch(`${server.url}/mcp?access_token=${c.tokens.access_token}`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } } }),
    });
    expect([400, 401]).toContain(res.status);
  });
});

describe("verifyAccessToken (in-process)", () => {
  it("returns mcp-handler's AuthInfo shape, per user and client, with write implying read", async () => {
    const { verifyAccessToken } = await import("@/lib/oauth/verify");
    const a = await connect(server, { redirectUri: REDIRECT });
    const b = await connect(server, { redirectUri: REDIRECT, scope: "mcp:models:write", client: a.client });
    const infoA = await verifyAccessToken(a.tokens.access_token!);
    const infoB = await verifyAccessToken(b.tokens.access_token!);
    expect(infoA).toEqual({
      token: a.tokens.access_token,
      clientId: a.client.client_id,
      scopes: ["mcp:models:read", "mcp:models:write"],
      expiresAt: expect.any(Number),
      extra: { userId: a.user.id, grantId: expect.any(String) },
    });
    expect(infoA!.expiresAt).toBeGreaterThan(Date.now() / 1000);
    expect(infoA!.expiresAt).toBeLessThanOrEqual(Date.now() / 1000 + 15 * 60);
    expect(infoB?.extra.userId).toBe(b.user.id);
    expect(infoB?.extra.userId).not.toBe(a.user.id);
    expect(infoB?.scopes).toEqual(["mcp:models:read", "mcp:models:write"]); // write implies read
    await expect(verifyAccessToken(a.tokens.refresh_token!)).resolves.toBeUndefined();
    await expect(verifyAccessToken("nope")).resolves.toBeUndefined();
  });

  it("follows the grant: narrowed or rejected scopes drop out, an expired or foreign grant refuses", async () => {
    const { verifyAccessToken } = await import("@/lib/oauth/verify");
    const { hashId } = await import("@/lib/db/oauth-adapter");
    const c = await connect(server, { redirectUri: REDIRECT });
    const at = c.tokens.access_token!;
    const mcpUrl = `${server.url}/mcp`;
    const patchGrant = (f: (g: Record<string, unknown>) => Record<string, unknown>) =>
      withServerDb(server, async (db) => {
        const token = await db.oAuthRecord.findUnique({ where: { id: hashId(at) } });
        const grant = await db.oAuthRecord.findFirst({ where: { id: token!.grantId!, kind: "Grant" } });
        await db.oAuthRecord.update({ where: { id: grant!.id }, data: { payload: JSON.stringify(f(JSON.parse(grant!.payload))) } });
      });
    expect((await verifyAccessToken(at))?.scopes).toEqual(["mcp:models:read", "mcp:models:write"]);
    // The user took write back (the grant now allows read only): the token keeps read.
    await patchGrant((g) => ({ ...g, resources: { [mcpUrl]: "mcp:models:read" } }));
    expect((await verifyAccessToken(at))?.scopes).toEqual(["mcp:models:read"]);
    // A scope the grant lists but also rejected is not granted.
    await patchGrant((g) => ({ ...g, resources: { [mcpUrl]: "mcp:models:read mcp:models:write" }, rejected: { resources: { [mcpUrl]: "mcp:models:write" } } }));
    expect((await verifyAccessToken(at))?.scopes).toEqual(["mcp:models:read"]);
    // Nothing for this resource any more, or only for another one: refused.
    await patchGrant((g) => ({ ...g, rejected: undefined, resources: { "https://other.example/mcp": "mcp:models:read" } }));
    expect(await verifyAccessToken(at)).toBeUndefined();
    await patchGrant((g) => ({ ...g, resources: { [mcpUrl]: "mcp:models:read mcp:models:write" } }));
    expect(await verifyAccessToken(at)).toBeDefined();
    // A grant of another user or client, or an expired grant: refused.
    await patchGrant((g) => ({ ...g, accountId: "someone-else" }));
    expect(await verifyAccessToken(at)).toBeUndefined();
    await patchGrant((g) => ({ ...g, accountId: c.user.id, clientId: "another-client" }));
    expect(await verifyAccessToken(at)).toBeUndefined();
    await patchGrant((g) => ({ ...g, clientId: c.client.client_id, exp: Math.floor(Date.now() / 1000) - 1 }));
    expect(await verifyAccessToken(at)).toBeUndefined();
    await patchGrant((g) => ({ ...g, exp: Math.floor(Date.now() / 1000) + 3600 }));
    expect(await verifyAccessToken(at)).toBeDefined();
  });

  it("refuses sender-constrained, non-opaque and not-yet-valid token records", async () => {
    const { verifyAccessToken } = await import("@/lib/oauth/verify");
    for (const patch of [{ jkt: "thumbprint" }, { "x5t#S256": "x" }, { format: "jwt" }, { nbf: Math.floor(Date.now() / 1000) + 600 }, { kind: "RefreshToken" }]) {
      const c = await connect(server, { redirectUri: REDIRECT });
      expect(await verifyAccessToken(c.tokens.access_token!)).toBeDefined();
      await patchRecord(server, c.tokens.access_token!, patch);
      expect(await verifyAccessToken(c.tokens.access_token!), JSON.stringify(patch)).toBeUndefined();
    }
  });

  it("records when a client last used the user's access", async () => {
    const { verifyAccessToken } = await import("@/lib/oauth/verify");
    const c = await connect(server, { redirectUri: REDIRECT });
    await verifyAccessToken(c.tokens.access_token!);
    await expect
      .poll(() => withServerDb(server, (db) => db.oAuthClientUse.findUnique({ where: { accountId_clientId: { accountId: c.user.id, clientId: c.client.client_id } } })))
      .not.toBeNull();
  });
});
