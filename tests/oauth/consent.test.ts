/**
 * The consent step against the real server: hostile list K1–K5 (CSRF, headers, per-client and
 * per-scope consent, deny, what the page shows).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server";
import {
  Agent,
  answerConsent,
  authorizeAndApprove,
  authorizeUrl,
  follow,
  registerClient,
  signIn,
  signedInAgent,
  withServerDb,
  type ConsentPage,
} from "../support/oauth";

let server: RunningServer;
const REDIRECT = "https://client.example/cb";
const LOOPBACK = "http://127.0.0.1:43123/callback";

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

async function consentPageFor(opts: { redirectUri?: string; scope?: string; clientName?: string; state?: string } = {}) {
  const redirectUri = opts.redirectUri ?? REDIRECT;
  const client = await registerClient(server, { client_name: opts.clientName ?? "Consent client", redirect_uris: [redirectUri] });
  const { agent, user } = await signedInAgent(server);
  const step = await follow(agent, authorizeUrl(server, { clientId: client.client_id, redirectUri, scope: opts.scope, state: opts.state }));
  if (step.kind !== "consent") throw new Error(`expected the consent page, got ${step.kind}`);
  return { agent, user, client, page: step.page, redirectUri };
}

async function grantsOf(userId: string, clientId: string): Promise<number> {
  return withServerDb(server, (db) => db.oAuthRecord.count({ where: { kind: "Grant", accountId: userId, clientId } }));
}

describe("the consent page (K2, K5)", () => {
  it("shows the app, where it comes from, the redirect host, the resource and the scopes in plain words", async () => {
    const { page, client, user } = await consentPageFor({ clientName: "Claude" });
    const html = page.html;
    expect(html).toContain("Claude");
    expect(html).toContain(client.client_id);
    expect(html).toContain("self-registered, unverified");
    expect(html).toContain("client.example");
    expect(html).toContain(`${server.url}/mcp`);
    expect(html).toContain("See your models");
    expect(html).toContain("Create models, add, change and remove their elements, and undo changes");
    expect(html).toContain(user.email);
    expect(html).not.toContain("loopback address");
    expect(html).toMatch(/<button[^>]*>Allow<\/button>/);
    expect(html).toMatch(/<button[^>]*>Deny<\/button>/);
  });

  it("shows only the requested scopes", async () => {
    const { page } = await consentPageFor({ scope: "mcp:models:read" });
    expect(page.html).toContain("See your models");
    expect(page.html).not.toContain("Create models, add, change and remove their elements, and undo changes");
  });

  it("warns about loopback redirects", async () => {
    const { page } = await consentPageFor({ redirectUri: LOOPBACK });
    expect(page.html).toContain("127.0.0.1:43123");
    expect(page.html).toContain("loopback address");
  });

  it("escapes the client's name (XSS through self-registration)", async () => {
    const { page } = await consentPageFor({ clientName: `<script>alert("x")</script><img src=x onerror=alert(1)>` });
    expect(page.html).not.toContain("<script>alert");
    expect(page.html).not.toContain("<img src=x");
    expect(page.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  });

  it("is not frameable, not cached and sends no referrer", async () => {
    const { page } = await consentPageFor();
    const h = page.response.headers;
    expect(h.get("x-frame-options")).toBe("DENY");
    expect(h.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(h.get("cache-control")).toBe("no-store");
    expect(h.get("referrer-policy")).toBe("no-referrer");
  });
});

describe("answering (K1, K2, K4)", () => {
  it("Allow answers 303 with the security headers, then the code reaches the client with state and iss", async () => {
    const { agent, page } = await consentPageFor({ state: "st-allow" });
    const res = await agent.postForm(page.action, { csrf: page.csrf, decision: "allow" });
    expect(res.status).toBe(303);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    const end = await follow(agent, new URL(res.headers.get("location")!, server.url).toString());
    expect(end.kind).toBe("redirect");
    if (end.kind !== "redirect") return;
    expect(end.location.searchParams.get("code")).toBeTruthy();
    expect(end.location.searchParams.get("state")).toBe("st-allow");
    expect(end.location.searchParams.get("iss")).toBe(server.url);
  });

  it("Deny returns access_denied with state and iss, and stores no grant", async () => {
    const { agent, page, user, client } = await consentPageFor({ state: "st-deny" });
    const end = await answerConsent(agent, page, "deny");
    expect(end.kind).toBe("redirect");
    if (end.kind !== "redirect") return;
    expect(`${end.location.origin}${end.location.pathname}`).toBe(REDIRECT);
    expect(end.location.searchParams.get("error")).toBe("access_denied");
    expect(end.location.searchParams.get("state")).toBe("st-deny");
    expect(end.location.searchParams.get("iss")).toBe(server.url);
    expect(end.location.searchParams.get("code")).toBeNull();
    expect(await grantsOf(user.id, client.client_id)).toBe(0);
  });

  const refusals: [string, (p: ConsentPage, a: Agent) => Promise<Response>, number][] = [
    ["no CSRF token", (p, a) => a.postForm(p.action, { decision: "allow" }), 400],
    ["a wrong CSRF token", (p, a) => a.postForm(p.action, { csrf: "A".repeat(43), decision: "allow" }), 403],
    ["a CSRF token from another consent page", async () => new Response(null, { status: 0 }), 403],
    ["a foreign Origin", (p, a) => a.postForm(p.action, { csrf: p.csrf, decision: "allow" }, "https://evil.example"), 403],
    ["no Origin", (p, a) => a.postForm(p.action, { csrf: p.csrf, decision: "allow" }, null), 403],
    ["Origin null without Sec-Fetch-Site", (p, a) => a.postForm(p.action, { csrf: p.csrf, decision: "allow" }, "null"), 403],
    [
      "Origin null from a cross-site (sandboxed) frame",
      (p, a) =>
        a.fetch(p.action, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", origin: "null", "sec-fetch-site": "cross-site" },
          body: new URLSearchParams({ csrf: p.csrf, decision: "allow" }).toString(),
        }),
      403,
    ],
    [
      "a foreign Origin claiming same-origin fetch metadata",
      (p, a) =>
        a.fetch(p.action, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example", "sec-fetch-site": "same-origin" },
          body: new URLSearchParams({ csrf: p.csrf, decision: "allow" }).toString(),
        }),
      403,
    ],
    ["an unknown decision", (p, a) => a.postForm(p.action, { csrf: p.csrf, decision: "yes" }), 400],
    [
      "a JSON body",
      (p, a) => a.fetch(p.action, { method: "POST", headers: { "content-type": "application/json", origin: server.url }, body: JSON.stringify({ csrf: p.csrf, decision: "allow" }) }),
      415,
    ],
    [
      "the other user's browser (no interaction cookie)",
      async (p) => {
        const other = await signedInAgent(server);
        return other.agent.postForm(p.action, { csrf: p.csrf, decision: "allow" });
      },
      400,
    ],
  ];

  it.each(refusals)("refuses %s and stores nothing", async (name, send, status) => {
    const { agent, page, user, client } = await consentPageFor();
    let res: Response;
    if (name === "a CSRF token from another consent page") {
      const other = await consentPageFor();
      res = await agent.postForm(page.action, { csrf: other.page.csrf, decision: "allow" });
    } else {
      res = await send(page, agent);
    }
    expect(res.status).toBe(status);
    expect(res.headers.get("location")).toBeNull();
    expect(await grantsOf(user.id, client.client_id)).toBe(0);
    // The real answer still works afterwards (the refusal consumed nothing).
    const end = await answerConsent(agent, page, "allow");
    expect(end.kind).toBe("redirect");
  });

  it("refuses a replayed answer", async () => {
    const { agent, page } = await consentPageFor();
    const first = await agent.postForm(page.action, { csrf: page.csrf, decision: "allow" });
    expect(first.status).toBe(303);
    const replay = await agent.postForm(page.action, { csrf: page.csrf, decision: "allow" });
    expect(replay.status).toBe(409);
    // After the redirect chain completes the interaction is gone entirely.
    await follow(agent, new URL(first.headers.get("location")!, server.url).toString());
    const late = await agent.postForm(page.action, { csrf: page.csrf, decision: "allow" });
    expect(late.status).toBe(400);
  });

  it("refuses an answer after the user switched accounts", async () => {
    const { agent, page } = await consentPageFor();
    const { user: other } = await signedInAgent(server);
    const r = await signIn(agent, other.email, other.password);
    expect(r.error).toBeNull();
    const res = await agent.postForm(page.action, { csrf: page.csrf, decision: "allow" });
    expect(res.status).toBe(403);
  });
});

describe("consent is per client and per scope (K3)", () => {
  it("consent for client A is not reused for client B", async () => {
    const { agent } = await signedInAgent(server);
    const a = await registerClient(server, { client_name: "A", redirect_uris: [REDIRECT] });
    const b = await registerClient(server, { client_name: "B", redirect_uris: [REDIRECT] });
    await authorizeAndApprove(agent, server, { clientId: a.client_id, redirectUri: REDIRECT });
    expect((await follow(agent, authorizeUrl(server, { clientId: a.client_id, redirectUri: REDIRECT }))).kind).toBe("redirect");
    expect((await follow(agent, authorizeUrl(server, { clientId: b.client_id, redirectUri: REDIRECT }))).kind).toBe("consent");
  });

  it("consent for read does not cover write", async () => {
    const { agent } = await signedInAgent(server);
    const c = await registerClient(server, { redirect_uris: [REDIRECT] });
    await authorizeAndApprove(agent, server, { clientId: c.client_id, redirectUri: REDIRECT, scope: "mcp:models:read" });
    const step = await follow(agent, authorizeUrl(server, { clientId: c.client_id, redirectUri: REDIRECT, scope: "mcp:models:read mcp:models:write" }));
    expect(step.kind).toBe("consent");
    if (step.kind === "consent") expect(step.page.html).toContain("Create models, add, change and remove their elements, and undo changes");
  });

  it("native (loopback) clients are asked every time", async () => {
    const { agent } = await signedInAgent(server);
    const c = await registerClient(server, { redirect_uris: [LOOPBACK], application_type: "native" });
    await authorizeAndApprove(agent, server, { clientId: c.client_id, redirectUri: LOOPBACK });
    expect((await follow(agent, authorizeUrl(server, { clientId: c.client_id, redirectUri: LOOPBACK }))).kind).toBe("consent");
  });

  it("signing out ends the authorization server session too (no silent codes for the next user)", async () => {
    const { agent } = await signedInAgent(server);
    const c = await registerClient(server, { redirect_uris: [REDIRECT] });
    await authorizeAndApprove(agent, server, { clientId: c.client_id, redirectUri: REDIRECT });
    agent.jar.remove("next-auth.session-token");
    expect((await follow(agent, authorizeUrl(server, { clientId: c.client_id, redirectUri: REDIRECT }))).kind).toBe("signin");
    const { user: other } = await signedInAgent(server);
    await signIn(agent, other.email, other.password);
    expect((await follow(agent, authorizeUrl(server, { clientId: c.client_id, redirectUri: REDIRECT }))).kind).toBe("consent");
  });
});
