/**
 * Client ID metadata documents (CIMD), served by this test over http on 127.0.0.1, with the app
 * running as in production plus SPECTRAL_CIMD_ALLOW_LOOPBACK=1 (the test-only flag):
 *   - end to end with the official MCP client using the document URL as its client_id;
 *   - hostile documents (hostile list C1, C2 where loopback allows): each refused with an error
 *     page and no redirect.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { startServer, type RunningServer } from "../support/server";
import { launchBrowser } from "../support/browser";
import { Agent, authorizeUrl, follow, signedInAgent, uniqueEmail } from "../support/oauth";
import { TestOAuthProvider, approveInBrowser, newClient, startAuthorization, transportFor } from "../support/mcp-client";

const CALLBACK = "http://127.0.0.1:47002/callback";

let server: RunningServer;
let browser: Browser;
let docs: http.Server;
let docsOrigin = "";
const hits = new Map<string, number>();

function doc(path: string, extra: Record<string, unknown> = {}) {
  return {
    client_id: `${docsOrigin}${path}`,
    client_name: "CIMD Test Client",
    redirect_uris: [CALLBACK],
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    token_endpoint_auth_method: "none",
    application_type: "native",
    ...extra,
  };
}

/** The test's metadata documents, good and hostile. */
function serveDocs(req: http.IncomingMessage, res: http.ServerResponse) {
  const path = new URL(req.url ?? "/", docsOrigin).pathname;
  hits.set(path, (hits.get(path) ?? 0) + 1);
  const json = (body: unknown, status = 200) => {
    res.writeHead(status, { "content-type": "application/json", "cache-control": "max-age=60" });
    res.end(JSON.stringify(body));
  };
  switch (path) {
    case "/client.json":
      return json(doc(path));
    case "/mismatch.json":
      return json(doc(path, { client_id: `${docsOrigin}/someone-else.json` }));
    case "/secret.json":
      return json(doc(path, { client_secret: "s3cret" }));
    case "/confidential.json":
      return json(doc(path, { token_endpoint_auth_method: "client_secret_basic" }));
    case "/javascript-redirect.json":
      return json(doc(path, { redirect_uris: ["javascript:alert(1)"] }));
    case "/huge.json":
      return json(doc(path, { padding: "x".repeat(6000) })); // an unknown field: only the size is wrong
    case "/not-json":
      res.writeHead(200, { "content-type": "text/html" });
      return res.end("<html>hello</html>");
    case "/missing.json":
      return json({ error: "not found" }, 404);
    case "/redirect.json":
      res.writeHead(302, { location: `${docsOrigin}/internal-target` });
      return res.end();
    case "/slow.json":
      setTimeout(() => json(doc(path)), 4000);
      return;
    default:
      return json({ error: "not found" }, 404);
  }
}

beforeAll(async () => {
  docs = http.createServer(serveDocs);
  await new Promise<void>((r) => docs.listen(0, "127.0.0.1", r));
  docsOrigin = `http://127.0.0.1:${(docs.address() as AddressInfo).port}`;
  [server, browser] = await Promise.all([startServer({ env: { SPECTRAL_CIMD_ALLOW_LOOPBACK: "1" } }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((r) => docs?.close(r));
});

describe("CIMD end to end with the official MCP client", () => {
  it("discovers, authorizes with the document URL as client_id, calls tools, refreshes", { timeout: 90_000 }, async () => {
    const meta = await (await fetch(`${server.url}/.well-known/oauth-authorization-server`)).json();
    expect(meta.client_id_metadata_document_supported).toBe(true);

    const clientId = `${docsOrigin}/client.json`;
    // The SDK only sends https clientMetadataUrl values; a loopback http document is a
    // pre-registered client_id for it, exactly what the SDK stores for CIMD clients.
    const provider = new TestOAuthProvider(CALLBACK, { preRegisteredClientId: clientId });
    const { transport, authorizationUrl } = await startAuthorization(server.url, provider);
    expect(authorizationUrl.searchParams.get("client_id")).toBe(clientId);

    const returned = await approveInBrowser(browser, authorizationUrl, CALLBACK, { name: "Cimd User", email: uniqueEmail("cimd"), password: "cimd password 123" }, {
      signUp: true,
      onConsent: async (page) => {
        const text = await page.locator("main").innerText();
        expect(text).toContain("CIMD Test Client");
        expect(text).toContain(new URL(docsOrigin).host); // the document's domain
        expect(text).not.toContain("self-registered");
        expect(text).toContain("loopback address"); // the redirect is a loopback address
      },
    });
    expect(returned.searchParams.get("iss")).toBe(server.url);
    await transport.finishAuth(returned.searchParams);

    const client = newClient();
    await client.connect(transportFor(server.url, provider));
    expect((await client.listTools()).tools.map((t) => t.name)).toContain("list_models");
    await client.close();

    const before = provider.store.tokens as { access_token: string; refresh_token: string };
    provider.store.tokens = { ...before, access_token: "revoked-token-000000000000000000000000" };
    const again = newClient();
    await again.connect(transportFor(server.url, provider));
    await again.listTools();
    await again.close();
    expect((provider.store.tokens as { refresh_token: string }).refresh_token).not.toBe(before.refresh_token);
    expect(hits.get("/client.json")).toBeGreaterThanOrEqual(1);
  });

  it("a redirect_uri not listed in the document → error page, no redirect", async () => {
    const { agent } = await signedInAgent(server);
    const res = await agent.fetch(authorizeUrl(server, { clientId: `${docsOrigin}/client.json`, redirectUri: "http://127.0.0.1:47999/elsewhere" }));
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
  });
});

describe("hostile client ID metadata documents (C1, C2)", () => {
  it.each([
    ["client_id in the document differs from its URL", "/mismatch.json"],
    ["the document carries a client_secret", "/secret.json"],
    ["the document asks for a shared-secret auth method", "/confidential.json"],
    ["the document lists a javascript: redirect", "/javascript-redirect.json"],
    ["the document is larger than 5 KiB", "/huge.json"],
    ["the document is not JSON", "/not-json"],
    ["the document URL answers 404", "/missing.json"],
    ["the document URL redirects (30x is not followed)", "/redirect.json"],
    ["the document is too slow (over 2.5 s)", "/slow.json"],
  ])("%s → refused with an error page, no redirect", { timeout: 20_000 }, async (_name, path) => {
    const res = await new Agent(server.url).fetch(authorizeUrl(server, { clientId: `${docsOrigin}${path}`, redirectUri: CALLBACK }));
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(await res.text()).not.toContain("callback");
    expect(hits.get("/internal-target") ?? 0).toBe(0);
  });

  it.each([
    ["a root URL", `/`],
    ["a URL with a fragment", "/client.json#x"],
    ["a URL with userinfo", "USERINFO"],
    ["a dot-segment URL", "/a/../client.json"],
  ])("%s as client_id is never fetched", async (_name, suffix) => {
    const before = [...hits.values()].reduce((a, b) => a + b, 0);
    const clientId = suffix === "USERINFO" ? docsOrigin.replace("http://", "http://user@") + "/client.json" : `${docsOrigin}${suffix}`;
    const res = await new Agent(server.url).fetch(authorizeUrl(server, { clientId, redirectUri: CALLBACK }));
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
    expect([...hits.values()].reduce((a, b) => a + b, 0)).toBe(before);
  });

  it("documents are cached (bounded by Cache-Control): a second authorization does not refetch", async () => {
    const { agent } = await signedInAgent(server);
    const url = `${docsOrigin}/client.json`;
    await follow(agent, authorizeUrl(server, { clientId: url, redirectUri: CALLBACK }));
    const n = hits.get("/client.json") ?? 0;
    await follow(agent, authorizeUrl(server, { clientId: url, redirectUri: CALLBACK }));
    expect(hits.get("/client.json")).toBe(n);
  });
});

describe("the SSRF guard oidc-provider applies to every CIMD fetch, on this runtime", () => {
  it("refuses connections to special-use addresses, including hostnames that resolve to them", async () => {
    const { applySSRFProtection } = (await import("oidc-provider/lib/helpers/fetch_request.js" as string)) as {
      applySSRFProtection: (d: unknown) => unknown;
    };
    void Response;
    const Agent = (
      (globalThis as Record<symbol, unknown>)[Symbol.for("undici.globalDispatcher.2")] ?? (globalThis as Record<symbol, unknown>)[Symbol.for("undici.globalDispatcher.1")]
    )?.constructor as new () => unknown;
    expect(Agent).toBeTypeOf("function");
    const dispatcher = applySSRFProtection(new Agent());
    const before = hits.get("/client.json") ?? 0;
    const port = new URL(docsOrigin).port;
    for (const host of ["127.0.0.1", "localhost", "[::ffff:127.0.0.1]"]) {
      await expect(fetch(`http://${host}:${port}/client.json`, { dispatcher } as RequestInit)).rejects.toThrow();
    }
    expect(hits.get("/client.json") ?? 0).toBe(before);
  });
});
