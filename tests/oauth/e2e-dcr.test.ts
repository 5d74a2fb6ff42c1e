/**
 * End to end with the official MCP client as a real third party, dynamic client registration:
 * 401 challenge → PRM → AS metadata → DCR → authorize → sign-up and consent in headless chromium
 * → code → token (PKCE + resource) → authenticated tools/list and list_models → refresh.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startServer, type RunningServer } from "../support/server";
import { launchBrowser } from "../support/browser";
import { mcpStatus, uniqueEmail, withServerDb } from "../support/oauth";
import { TestOAuthProvider, approveInBrowser, newClient, startAuthorization, transportFor } from "../support/mcp-client";

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("official MCP client, dynamic client registration", () => {
  it("connects through sign-up and consent, calls tools, refreshes", { timeout: 90_000 }, async () => {
    // 1. Unauthenticated /mcp → 401 with the challenge the client discovers from.
    const challenge = await mcpStatus(server, null);
    expect(challenge.status).toBe(401);
    expect(challenge.wwwAuthenticate).toContain("resource_metadata=");

    // 2. The client discovers, registers (DCR) and asks for authorization.
    const callback = "http://127.0.0.1:47001/callback";
    const provider = new TestOAuthProvider(callback, { clientName: "E2E DCR client" });
    const { transport, authorizationUrl } = await startAuthorization(server.url, provider);
    const clientId = (provider.store.client as { client_id: string }).client_id;
    expect(clientId).toBeTruthy();
    expect(authorizationUrl.origin + authorizationUrl.pathname).toBe(`${server.url}/oauth/authorize`);
    expect(authorizationUrl.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorizationUrl.searchParams.get("resource")).toBe(`${server.url}/mcp`);
    expect(authorizationUrl.searchParams.get("scope")).toBe("mcp:models:read mcp:models:write");

    // 3. The user signs up and approves in a real browser.
    const email = uniqueEmail("e2e");
    const returned = await approveInBrowser(browser, authorizationUrl, callback, { name: "E2E Person", email, password: "e2e password 123" }, {
      signUp: true,
      onConsent: async (page) => {
        const text = await page.locator("main").innerText();
        expect(text).toContain("E2E DCR client");
        expect(text).toContain("self-registered, unverified");
        expect(text).toContain("See your models");
        expect(text).toContain("Create models, add, change and remove their elements, and undo changes");
      },
    });
    expect(returned.searchParams.get("state")).toBe(provider.expectedState);
    expect(returned.searchParams.get("iss")).toBe(server.url);

    // 4. Code → tokens (the SDK validates iss and sends PKCE verifier + resource).
    await transport.finishAuth(returned.searchParams);
    const tokens = provider.store.tokens as { access_token: string; refresh_token: string; scope: string };
    expect(tokens.access_token).toBeTruthy();
    expect(tokens.refresh_token).toBeTruthy();

    // 5. Authenticated MCP requests.
    const client = newClient();
    await client.connect(transportFor(server.url, provider));
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain("list_models");
    const result = await client.callTool({ name: "list_models", arguments: {} });
    expect(result.isError).toBeFalsy();
    await client.close();

    // 6. Refresh: with a dead access token the client refreshes (rotation) and retries.
    const oldRefresh = tokens.refresh_token;
    provider.store.tokens = { ...tokens, access_token: "expired-or-revoked-token-0000000000000000" };
    const again = newClient();
    await again.connect(transportFor(server.url, provider));
    expect((await again.listTools()).tools.length).toBeGreaterThan(0);
    await again.close();
    const refreshed = provider.store.tokens as { access_token: string; refresh_token: string };
    expect(refreshed.refresh_token).not.toBe(oldRefresh);
    expect(refreshed.access_token).not.toBe(tokens.access_token);

    // The account exists with a hashed password, and the connection is recorded for the user.
    const row = await withServerDb(server, (db) => db.user.findUnique({ where: { email } }));
    expect(row?.passwordHash).toMatch(/^scrypt\$/);
    const grants = await withServerDb(server, (db) => db.oAuthRecord.count({ where: { kind: "Grant", accountId: row!.id, clientId } }));
    expect(grants).toBe(1);
  });
});
