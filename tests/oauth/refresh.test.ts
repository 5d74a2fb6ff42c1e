/**
 * Refresh tokens against the real server: hostile list R1–R7.
 * R6 (concurrent refresh with one token) is STRICT: reuse detection does not distinguish a
 * racing legitimate client from an attacker, so any second use of a refresh token, concurrent
 * or not, revokes the whole grant (RFC 9700 §4.14.2); the client must authorize again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server";
import { connect, mcpStatus, patchRecord, refresh, registerClient, withServerDb } from "../support/oauth";
import { revokeConnection } from "@/lib/db/connections";

let server: RunningServer;
const REDIRECT = "https://client.example/cb";

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const connectNew = (scope?: string) => connect(server, { redirectUri: REDIRECT, scope });

describe("refresh", () => {
  it("rotates: a new refresh token and a working access token (R1)", async () => {
    const c = await connectNew();
    const r = await refresh(server, { clientId: c.client.client_id, refreshToken: c.tokens.refresh_token! });
    expect(r.status).toBe(200);
    expect(r.headers.get("cache-control")).toBe("no-store");
    expect(r.body.refresh_token).toBeTruthy();
    expect(r.body.refresh_token).not.toBe(c.tokens.refresh_token);
    expect(r.body.access_token).not.toBe(c.tokens.access_token);
    expect((await mcpStatus(server, r.body.access_token!)).status).toBe(200);
    // The resource parameter may be omitted on refresh: the granted resource is used.
    const again = await refresh(server, { clientId: c.client.client_id, refreshToken: r.body.refresh_token!, resource: null });
    expect(again.status).toBe(200);
    expect((await mcpStatus(server, again.body.access_token!)).status).toBe(200);
  });

  it("reusing a rotated refresh token → invalid_grant and the whole family is revoked (R2)", async () => {
    const c = await connectNew();
    const r1 = await refresh(server, { clientId: c.client.client_id, refreshToken: c.tokens.refresh_token! });
    expect(r1.status).toBe(200);
    const reuse = await refresh(server, { clientId: c.client.client_id, refreshToken: c.tokens.refresh_token! });
    expect(reuse.status).toBe(400);
    expect(reuse.body.error).toBe("invalid_grant");
    expect((await mcpStatus(server, r1.body.access_token!)).status).toBe(401);
    expect((await mcpStatus(server, c.tokens.access_token!)).status).toBe(401);
    expect((await refresh(server, { clientId: c.client.client_id, refreshToken: r1.body.refresh_token! })).body.error).toBe("invalid_grant");
  });

  it("a refresh token of client A used by client B → invalid_grant (R3)", async () => {
    const c = await connectNew();
    const b = await registerClient(server, { redirect_uris: [REDIRECT] });
    const r = await refresh(server, { clientId: b.client_id, refreshToken: c.tokens.refresh_token! });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe("invalid_grant");
  });

  it("scope escalation on refresh → invalid_scope; narrowing is allowed (R4)", async () => {
    const readOnly = await connectNew("mcp:models:read");
    expect(readOnly.tokens.scope).toBe("mcp:models:read");
    const up = await refresh(server, { clientId: readOnly.client.client_id, refreshToken: readOnly.tokens.refresh_token!, scope: "mcp:models:read mcp:models:write" });
    expect(up.status).toBe(400);
    expect(up.body.error).toBe("invalid_scope");
    const unknown = await refresh(server, { clientId: readOnly.client.client_id, refreshToken: readOnly.tokens.refresh_token!, scope: "mcp:models:admin" });
    expect(unknown.body.error).toBe("invalid_scope");

    const both = await connectNew();
    const down = await refresh(server, { clientId: both.client.client_id, refreshToken: both.tokens.refresh_token!, scope: "mcp:models:read" });
    expect(down.status).toBe(200);
    expect(down.body.scope).toBe("mcp:models:read");
  });

  it("revoking the connection kills the access token at once and refresh fails (R5)", async () => {
    const c = await connectNew();
    expect((await mcpStatus(server, c.tokens.access_token!)).status).toBe(200);
    await withServerDb(server, (db) => revokeConnection(c.user.id, c.client.client_id, db));
    expect((await mcpStatus(server, c.tokens.access_token!)).status).toBe(401);
    expect((await refresh(server, { clientId: c.client.client_id, refreshToken: c.tokens.refresh_token! })).body.error).toBe("invalid_grant");
  });

  it("deleting the user kills access token and refresh (R5)", async () => {
    const c = await connectNew();
    await withServerDb(server, (db) => db.user.delete({ where: { id: c.user.id } }));
    expect((await mcpStatus(server, c.tokens.access_token!)).status).toBe(401);
    const r = await refresh(server, { clientId: c.client.client_id, refreshToken: c.tokens.refresh_token! });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe("invalid_grant");
  });

  it("concurrent refresh with the same token: at most one 200, then the family is revoked (R6, strict)", async () => {
    const c = await connectNew();
    const results = await Promise.all([0, 1].map(() => refresh(server, { clientId: c.client.client_id, refreshToken: c.tokens.refresh_token! })));
    const ok = results.filter((r) => r.status === 200);
    expect(ok.length).toBeLessThanOrEqual(1);
    for (const r of results.filter((x) => x.status !== 200)) expect(r.body.error).toBe("invalid_grant");
    for (const r of ok) {
      expect((await mcpStatus(server, r.body.access_token!)).status).toBe(401);
      expect((await refresh(server, { clientId: c.client.client_id, refreshToken: r.body.refresh_token! })).body.error).toBe("invalid_grant");
    }
  });

  it("an idle-expired refresh token → invalid_grant (R7)", async () => {
    const c = await connectNew();
    await patchRecord(server, c.tokens.refresh_token!, { exp: Math.floor(Date.now() / 1000) - 1 });
    const r = await refresh(server, { clientId: c.client.client_id, refreshToken: c.tokens.refresh_token! });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe("invalid_grant");
  });

  it("a refresh token past its 90-day absolute lifetime → invalid_grant (R7)", async () => {
    const c = await connectNew();
    await patchRecord(server, c.tokens.refresh_token!, { iiat: Math.floor(Date.now() / 1000) - 91 * 24 * 3600 });
    const r = await refresh(server, { clientId: c.client.client_id, refreshToken: c.tokens.refresh_token! });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe("invalid_grant");
  });
});
