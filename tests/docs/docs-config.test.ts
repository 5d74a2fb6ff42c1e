/**
 * The ChatGPT guide shows the running configuration, not hand-typed URLs: its values equal the live
 * OAuth metadata documents of the same server, on the default single-origin setup and on a
 * production-like setup where the app, the issuer and the MCP endpoint have three different origins.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";
import { MCP_SCOPES } from "@/lib/oauth/scopes";
import { configValues, openPage, startForwarder, testIdValues, type Forwarder } from "./helpers";

interface Origins {
  app: string;
  issuer: string;
  mcp: string;
}

async function getJson(url: string): Promise<Record<string, unknown>> {
  const res = await fetch(url, { headers: { accept: "application/json" } });
  expect(res.status, url).toBe(200);
  expect(res.headers.get("content-type"), url).toMatch(/json/);
  return (await res.json()) as Record<string, unknown>;
}

/** Reads the guide and both metadata documents, and checks that they agree. */
async function checkGuide(browser: Browser, o: Origins): Promise<Record<string, string>> {
  const mcpOrigin = new URL(o.mcp).origin;
  const prm = await getJson(`${mcpOrigin}/.well-known/oauth-protected-resource${new URL(o.mcp).pathname}`);
  const issuer = String((prm.authorization_servers as string[])[0]);
  const as = await getJson(`${issuer}/.well-known/oauth-authorization-server`);

  const p = await openPage(browser, `${o.app}/docs/mcp/chatgpt`);
  try {
    expect(p.status).toBe(200);
    const page: Page = p.page;
    const v = await testIdValues(page, "value-");

    // The guide against the live documents.
    expect(v["value-mcp-url"]).toBe(prm.resource);
    expect(v["value-resource"]).toBe(prm.resource);
    expect(v["value-issuer"]).toBe(as.issuer);
    expect(v["value-issuer"]).toBe(issuer);
    expect(v["value-authorization-endpoint"]).toBe(as.authorization_endpoint);
    expect(v["value-token-endpoint"]).toBe(as.token_endpoint);
    expect(v["value-registration-endpoint"]).toBe(as.registration_endpoint);
    expect(v["value-scopes"]).toBe((as.scopes_supported as string[]).join(" "));
    expect(v["value-scopes"]).toBe((prm.scopes_supported as string[]).join(" "));

    // The documents against the configuration the server was started with.
    expect(prm.resource).toBe(o.mcp);
    expect(as.issuer).toBe(o.issuer);
    expect((as.scopes_supported as string[]).slice().sort()).toEqual([...MCP_SCOPES].sort());

    // The connector JSON block carries the same values.
    const connector = JSON.parse((await page.locator('[data-testid="connector-json"]').textContent()) ?? "") as Record<string, string>;
    expect(connector).toEqual({
      name: "Spectral",
      mcp_server_url: prm.resource,
      transport: "streaming_http",
      authentication: "oauth",
      scopes: v["value-scopes"],
    });

    // Every live value anywhere on the page matches the table (none typed by hand).
    const expected: Record<string, string> = {
      "mcp-url": o.mcp,
      resource: o.mcp,
      issuer: o.issuer,
      "read-scope": MCP_SCOPES[0]!,
      "write-scope": MCP_SCOPES[1]!,
      scopes: v["value-scopes"]!,
      "authorization-endpoint": String(as.authorization_endpoint),
      "token-endpoint": String(as.token_endpoint),
      "registration-endpoint": String(as.registration_endpoint),
      "prm-url": `${mcpOrigin}/.well-known/oauth-protected-resource${new URL(o.mcp).pathname}`,
      "as-metadata-url": `${o.issuer}/.well-known/oauth-authorization-server`,
    };
    const shown = await configValues(page);
    expect(shown.length).toBeGreaterThan(10);
    for (const [key, text] of shown) expect(text, `data-config="${key}"`).toBe(expected[key]);

    // No value of the public guide's production hosts leaks into a page served elsewhere.
    expect(await page.locator("main").textContent()).not.toMatch(/spectralco\.co/);
    expect(p.errors).toEqual([]);
    return v;
  } finally {
    await p.close();
  }
}

describe("ChatGPT guide values follow the configuration", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe("default: one origin", () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer();
    });
    afterAll(async () => {
      await server?.stop();
    });

    it("shows the issuer, endpoints, resource and scopes of the live metadata", async () => {
      const v = await checkGuide(browser, { app: server.url, issuer: server.url, mcp: `${server.url}/mcp` });
      expect(v["value-authorization-endpoint"]).toBe(`${server.url}/oauth/authorize`);
      expect(v["value-token-endpoint"]).toBe(`${server.url}/oauth/token`);
      expect(v["value-registration-endpoint"]).toBe(`${server.url}/oauth/register`);
    });
  });

  describe("production-like: app, issuer and MCP endpoint on three origins", () => {
    let server: RunningServer;
    const forwarders: Forwarder[] = [];
    let origins: Origins;
    beforeAll(async () => {
      // Three front doors to one app, as app., auth. and mcp. hosts are in production.
      const [app, auth, mcp] = await Promise.all([startForwarder(), startForwarder(), startForwarder()]);
      forwarders.push(app!, auth!, mcp!);
      origins = {
        app: `http://localhost:${app!.port}`,
        issuer: `http://127.0.0.1:${auth!.port}`,
        mcp: `http://127.0.0.1:${mcp!.port}/mcp`,
      };
      server = await startServer({
        env: { SPECTRAL_APP_URL: origins.app, SPECTRAL_ISSUER_URL: origins.issuer, SPECTRAL_MCP_URL: origins.mcp },
      });
      for (const f of forwarders) f.target(server.port);
    });
    afterAll(async () => {
      await server?.stop();
      await Promise.all(forwarders.map((f) => f.close()));
    });

    it("shows the configured issuer and MCP origins, which the live metadata confirms", async () => {
      const v = await checkGuide(browser, origins);
      expect(v["value-mcp-url"]).toBe(origins.mcp);
      expect(v["value-issuer"]).toBe(origins.issuer);
      expect(v["value-authorization-endpoint"]).toBe(`${origins.issuer}/oauth/authorize`);
      expect(v["value-token-endpoint"]).toBe(`${origins.issuer}/oauth/token`);
      expect(v["value-registration-endpoint"]).toBe(`${origins.issuer}/oauth/register`);
      // Nothing on the page points at the port the server process really listens on.
      expect(Object.values(v).join(" ")).not.toContain(`:${server.port}`);
    });

    it("the MCP endpoint answers at the documented URL as the docs say (405 on GET, 401 on POST)", async () => {
      const get = await fetch(origins.mcp);
      expect(get.status).toBe(405);
      expect(get.headers.get("allow")).toBe("POST");
      const post = await fetch(origins.mcp, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
        body: "{}",
      });
      expect(post.status).toBe(401);
      expect(post.headers.get("www-authenticate")).toContain(
        `resource_metadata="${new URL(origins.mcp).origin}/.well-known/oauth-protected-resource/mcp"`,
      );
    });
  });
});
