/**
 * The authorization endpoint against the real server: hostile list A1–A8, K6 and the sign-in
 * hand-off. "No redirect" means an HTML error page from us and no Location header.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server";
import {
  Agent,
  answerConsent,
  authorizeAndApprove,
  authorizeUrl,
  exchangeCode,
  follow,
  mcpStatus,
  pkce,
  registerClient,
  responseParams,
  signedInAgent,
  type RegisteredClient,
} from "../support/oauth";

let server: RunningServer;
let client: RegisteredClient; // redirect https://client.example/cb (a web client)
const REDIRECT = "https://client.example/cb";
const LOOPBACK = "http://127.0.0.1:9/callback";

beforeAll(async () => {
  server = await startServer();
  client = await registerClient(server, { client_name: "Web client", redirect_uris: [REDIRECT, LOOPBACK] });
});
afterAll(async () => {
  await server?.stop();
});

/** One GET to the authorization endpoint without following redirects. */
async function authorizeOnce(params: Parameters<typeof authorizeUrl>[1], agent = new Agent(server.url)) {
  const res = await agent.fetch(authorizeUrl(server, params));
  return { res, location: res.headers.get("location") };
}

function expectErrorPage(res: Response, location: string | null) {
  expect(res.status).toBe(400);
  expect(location).toBeNull();
  expect(res.headers.get("content-type")).toMatch(/text\/html/);
  expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
}

describe("no redirect to unverified URIs (A1, A2)", () => {
  it("unknown client_id → error page, no redirect", async () => {
    const { res, location } = await authorizeOnce({ clientId: "no-such-client", redirectUri: REDIRECT });
    expectErrorPage(res, location);
    expect(await res.text()).not.toContain("client.example");
  });

  it.each([
    "https://client.example/cb/",
    "https://CLIENT.example/cb",
    "https://client.example:8443/cb",
    "https://client.example/cb?next=https://evil.example",
    "https://client.example/%2e%2e/cb",
    "https://client.example/cb/../cb",
    "https://client.example@evil.example/cb",
    "https://evil.example/cb",
    "//evil.example/cb",
    "http://client.example/cb",
    "http://127.0.0.1:10/callback",
    "javascript:alert(1)",
  ])("redirect_uri %s → error page, no redirect", async (redirectUri) => {
    const { res, location } = await authorizeOnce({ clientId: client.client_id, redirectUri });
    expectErrorPage(res, location);
  });
});

describe("errors go back to the client with state and iss (A3–A7)", () => {
  async function errorFor(params: Partial<Parameters<typeof authorizeUrl>[1]>, state = "st-123") {
    const { res, location } = await authorizeOnce({ clientId: client.client_id, redirectUri: REDIRECT, state, ...params });
    expect(res.status).toBe(303);
    const url = new URL(location!);
    expect(`${url.origin}${url.pathname}`).toBe(REDIRECT);
    const p = responseParams(url);
    expect(p.get("state")).toBe(state);
    expect(p.get("iss")).toBe(server.url);
    expect(p.get("code")).toBeNull();
    return p;
  }

  it.each([
    ["missing code_challenge", { challenge: null }, "invalid_request"],
    ["plain PKCE", { challenge: "a".repeat(43), method: "plain" }, "invalid_request"],
    ["malformed challenge (too short)", { challenge: "abc" }, "invalid_request"],
    ["malformed challenge (bad characters)", { challenge: `${"a".repeat(42)}!` }, "invalid_request"],
    ["response_type=token", { extra: { response_type: "token" } }, "unsupported_response_type"],
    ["response_type=id_token", { extra: { response_type: "id_token" } }, "unsupported_response_type"],
    ["foreign resource", { resource: "https://evil.example/mcp" }, "invalid_target"],
    ["another path on our host", { resource: `${"http://localhost"}/api` }, "invalid_target"],
    ["two resources", { resource: ["RESOURCE", "https://evil.example/mcp"] }, "invalid_target"],
    ["resource with a fragment", { resource: "RESOURCE#frag" }, "invalid_target"],
    ["unknown scope", { scope: "mcp:models:admin" }, "invalid_scope"],
    ["unknown scope among known ones", { scope: "mcp:models:read profile" }, "invalid_scope"],
  ])("%s → %s", async (_name, params, error) => {
    const fixed = { ...params } as Partial<Parameters<typeof authorizeUrl>[1]>;
    if (fixed.resource) fixed.resource = [fixed.resource].flat().map((r) => r.replace("RESOURCE", `${server.url}/mcp`).replace("http://localhost/api", `${server.url}/api`));
    const p = await errorFor(fixed);
    expect(p.get("error")).toBe(error);
  });

  it("state is echoed byte-exact", async () => {
    const state = "a b&c=d/é~!*'();:@$,?%20";
    const p = await errorFor({ challenge: null }, state);
    expect(p.get("state")).toBe(state);
  });
});

describe("sign-in hand-off and prompt=none (K6)", () => {
  it("a signed-out user is sent to /signin with the interaction as callbackUrl", async () => {
    const step = await follow(new Agent(server.url), authorizeUrl(server, { clientId: client.client_id, redirectUri: REDIRECT }));
    expect(step.kind).toBe("signin");
    if (step.kind !== "signin") return;
    expect(step.location.searchParams.get("callbackUrl")).toMatch(/^\/oauth\/interaction\/[\w-]+$/);
  });

  it("prompt=none without a session → login_required (with state and iss)", async () => {
    const { res, location } = await authorizeOnce({ clientId: client.client_id, redirectUri: REDIRECT, state: "pn", extra: { prompt: "none" } });
    expect(res.status).toBe(303);
    const p = responseParams(new URL(location!));
    expect(p.get("error")).toBe("login_required");
    expect(p.get("state")).toBe("pn");
    expect(p.get("iss")).toBe(server.url);
  });

  it("prompt=none signed in but without consent for this client → consent_required", async () => {
    const { agent } = await signedInAgent(server);
    // An earlier authorization (another client) established the authorization server session.
    const other = await registerClient(server, { redirect_uris: [REDIRECT] });
    await authorizeAndApprove(agent, server, { clientId: other.client_id, redirectUri: REDIRECT });
    const step = await follow(agent, authorizeUrl(server, { clientId: client.client_id, redirectUri: REDIRECT, state: "pn2", extra: { prompt: "none" } }));
    expect(step.kind).toBe("redirect");
    if (step.kind !== "redirect") return;
    expect(step.location.searchParams.get("error")).toBe("consent_required");
    expect(step.location.searchParams.get("state")).toBe("pn2");
  });
});

describe("successful authorization (A5, A7, A8)", () => {
  it("without scope or resource: both scopes by default, token bound to the MCP resource", async () => {
    const { agent } = await signedInAgent(server);
    const { verifier, challenge } = pkce();
    const params = await authorizeAndApprove(agent, server, { clientId: client.client_id, redirectUri: REDIRECT, challenge, scope: null, resource: null, state: "ok-1" });
    expect(params.get("state")).toBe("ok-1");
    expect(params.get("iss")).toBe(server.url);
    const t = await exchangeCode(server, { clientId: client.client_id, code: params.get("code")!, verifier, redirectUri: REDIRECT, resource: null });
    expect(t.status).toBe(200);
    expect(t.body.scope?.split(" ").sort()).toEqual(["mcp:models:read", "mcp:models:write"]);
    expect((await mcpStatus(server, t.body.access_token!)).status).toBe(200);
  });

  it("the trailing-slash resource is canonicalized", async () => {
    const { agent } = await signedInAgent(server);
    const { verifier, challenge } = pkce();
    const params = await authorizeAndApprove(agent, server, { clientId: client.client_id, redirectUri: REDIRECT, challenge, resource: `${server.url}/mcp/` });
    const t = await exchangeCode(server, { clientId: client.client_id, code: params.get("code")!, verifier, redirectUri: REDIRECT, resource: `${server.url}/mcp/` });
    expect(t.status).toBe(200);
    expect((await mcpStatus(server, t.body.access_token!)).status).toBe(200);
  });

  it("tampering with parameters after the request started has no effect (stored server-side)", async () => {
    const { agent } = await signedInAgent(server);
    const step = await follow(agent, authorizeUrl(server, { clientId: client.client_id, redirectUri: REDIRECT, state: "orig" }));
    expect(step.kind).toBe("consent");
    if (step.kind !== "consent") return;
    const res = await agent.postForm(step.page.action, { csrf: step.page.csrf, decision: "allow" });
    expect(res.status).toBe(303);
    const resume = new URL(res.headers.get("location")!, server.url);
    resume.searchParams.set("redirect_uri", "https://evil.example/cb");
    resume.searchParams.set("state", "evil");
    resume.searchParams.set("scope", "mcp:models:admin");
    const final = await follow(agent, resume.toString());
    expect(final.kind).toBe("redirect");
    if (final.kind !== "redirect") return;
    expect(`${final.location.origin}${final.location.pathname}`).toBe(REDIRECT);
    expect(final.location.searchParams.get("state")).toBe("orig");
    expect(final.location.searchParams.get("code")).toBeTruthy();
  });

  it("consent given once is reused for the same web client and scopes", async () => {
    const { agent } = await signedInAgent(server);
    await authorizeAndApprove(agent, server, { clientId: client.client_id, redirectUri: REDIRECT, scope: "mcp:models:read" });
    const again = await follow(agent, authorizeUrl(server, { clientId: client.client_id, redirectUri: REDIRECT, scope: "mcp:models:read" }));
    expect(again.kind).toBe("redirect");
  });

  it("denying sends access_denied (answerConsent smoke)", async () => {
    const { agent } = await signedInAgent(server);
    const step = await follow(agent, authorizeUrl(server, { clientId: client.client_id, redirectUri: REDIRECT, state: "d" }));
    if (step.kind !== "consent") throw new Error(step.kind);
    const end = await answerConsent(agent, step.page, "deny");
    expect(end.kind).toBe("redirect");
  });
});
