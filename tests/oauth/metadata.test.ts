/**
 * Discovery (RFC 8414, OIDC discovery, RFC 9728) and the /mcp challenge, against the real server.
 * Hostile list M1–M3, O3, and the endpoint aliases.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import { startServer, type RunningServer } from "../support/server";
import { mcpStatus, registerClient } from "../support/oauth";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

async function json(path: string, init?: RequestInit) {
  const res = await fetch(`${server.url}${path}`, init);
  const text = await res.text();
  return { res, text, body: JSON.parse(text) as Record<string, unknown> };
}

describe("authorization server metadata (M1)", () => {
  it("is correct, absolute, on the issuer origin, and advertises nothing we do not do", async () => {
    const { res, text, body } = await json("/.well-known/oauth-authorization-server");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(body.issuer).toBe(server.url);
    for (const k of ["authorization_endpoint", "token_endpoint", "registration_endpoint", "revocation_endpoint"]) {
      expect(typeof body[k]).toBe("string");
      expect(new URL(body[k] as string).origin).toBe(server.url);
    }
    expect(body.authorization_endpoint).toBe(`${server.url}/oauth/authorize`);
    expect(body.token_endpoint).toBe(`${server.url}/oauth/token`);
    expect(body.registration_endpoint).toBe(`${server.url}/oauth/register`);
    expect(body.revocation_endpoint).toBe(`${server.url}/oauth/revoke`);
    expect(body.code_challenge_methods_supported).toEqual(["S256"]);
    expect(body.response_types_supported).toEqual(["code"]);
    expect(new Set(body.grant_types_supported as string[])).toEqual(new Set(["authorization_code", "refresh_token"]));
    expect(body.token_endpoint_auth_methods_supported).toEqual(["none"]);
    expect(body.authorization_response_iss_parameter_supported).toBe(true);
    expect(body.client_id_metadata_document_supported).toBe(true);
    expect(body.scopes_supported).toEqual(["mcp:models:read", "mcp:models:write"]);
    expect(text).not.toMatch(/"plain"|"password"|"token"|"implicit"|"client_credentials"|"openid"|"offline_access"|client_secret/);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("OIDC discovery has the same issuer and endpoints and does not advertise openid/offline_access", async () => {
    const { body } = await json("/.well-known/openid-configuration");
    expect(body.issuer).toBe(server.url);
    expect(body.authorization_endpoint).toBe(`${server.url}/oauth/authorize`);
    expect(body.code_challenge_methods_supported).toEqual(["S256"]);
    expect(body.scopes_supported).toEqual(["mcp:models:read", "mcp:models:write"]);
  });

  it("ignores a spoofed Host header (no host injection into endpoint URLs)", async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const req = http.request(
        { host: "127.0.0.1", port: server.port, path: "/.well-known/oauth-authorization-server", headers: { host: "evil.example" } },
        (res) => {
          let data = "";
          res.on("data", (d) => (data += d));
          res.on("end", () => resolve(data));
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(text).not.toContain("evil.example");
    expect(JSON.parse(text).token_endpoint).toBe(`${server.url}/oauth/token`);
  });

  it("answers CORS preflights for discovery", async () => {
    const res = await fetch(`${server.url}/.well-known/oauth-authorization-server`, { method: "OPTIONS", headers: { origin: "http://localhost:6274", "access-control-request-method": "GET" } });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("protected resource metadata (M2)", () => {
  it.each(["/.well-known/oauth-protected-resource/mcp", "/.well-known/oauth-protected-resource"])("%s is JSON, public and names the MCP resource", async (path) => {
    const res = await fetch(`${server.url}${path}`, { headers: { accept: "text/html" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("set-cookie")).toBeNull();
    const body = await res.json();
    expect(body).toMatchObject({
      resource: `${server.url}/mcp`,
      authorization_servers: [server.url],
      scopes_supported: ["mcp:models:read", "mcp:models:write"],
      bearer_methods_supported: ["header"],
      resource_name: "Spectral",
    });
  });
});

describe("the MCP endpoint challenge (M3)", () => {
  it("401 without a token, with resource_metadata and scope", async () => {
    const r = await mcpStatus(server, null);
    expect(r.status).toBe(401);
    expect(r.wwwAuthenticate).toMatch(/^Bearer /);
    expect(r.wwwAuthenticate).toContain(`resource_metadata="${server.url}/.well-known/oauth-protected-resource/mcp"`);
    expect(r.wwwAuthenticate).toMatch(/scope="[^"]*mcp:models:read/);
  });

  it("401 invalid_token for a made-up token", async () => {
    const r = await mcpStatus(server, "x".repeat(43));
    expect(r.status).toBe(401);
    expect(r.wwwAuthenticate).toContain('error="invalid_token"');
  });
});

describe("endpoint aliases", () => {
  it("/register registers like /oauth/register", async () => {
    const res = await fetch(`${server.url}/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_name: "Alias", redirect_uris: ["https://claude.ai/api/mcp/auth_callback"] }),
    });
    expect(res.status).toBe(201);
    expect((await res.json()).client_id).toBeTypeOf("string");
  });

  it("/token answers like /oauth/token", async () => {
    const client = await registerClient(server);
    const form = new URLSearchParams({ grant_type: "authorization_code", code: "nope", client_id: client.client_id, redirect_uri: client.redirect_uris[0]!, code_verifier: "a".repeat(43) });
    const a = await fetch(`${server.url}/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form });
    const b = await fetch(`${server.url}/oauth/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form });
    expect(a.status).toBe(400);
    expect(await a.json()).toEqual(await b.json());
  });

  it("/authorize behaves like /oauth/authorize (same redirect into the sign-in interaction)", async () => {
    const client = await registerClient(server);
    const q = new URLSearchParams({ response_type: "code", client_id: client.client_id, redirect_uri: client.redirect_uris[0]!, code_challenge: "a".repeat(43), code_challenge_method: "S256", state: "s1" });
    const res = await fetch(`${server.url}/authorize?${q}`, { redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/^\/oauth\/interaction\/[\w-]+$/);
  });
});
