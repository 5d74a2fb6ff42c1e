/**
 * Test helpers for the OAuth suites: a cookie-keeping HTTP agent (a browser without JavaScript)
 * that signs in through next-auth and walks the real authorize → interaction → consent → code
 * redirects of a running server, plus PKCE, registration, token and /mcp helpers.
 * Everything talks HTTP to `startServer()` on loopback; nothing is mocked.
 */
import { createHash, randomBytes } from "node:crypto";
import { openDb } from "@/lib/db/client";
import { createUser } from "@/lib/db/users";
import { hashPassword } from "@/lib/auth/password";
import { asClient, startServer, type RunningServer, type StartOptions } from "./server";

// ───────────────────────────── server ─────────────────────────────

/**
 * The app under test for OAuth suites (startServer from tests/support; kept as a named helper
 * because other suites import it — tests/e2e/chatgpt-flow.test.ts).
 */
export function startAuthServer(opts: StartOptions = {}): Promise<RunningServer> {
  return startServer(opts);
}


// ───────────────────────────── cookies ─────────────────────────────

interface Cookie {
  name: string;
  value: string;
  path: string;
}

/** A minimal cookie jar for one host: honours Path, deletion (Max-Age=0 / past Expires). */
export class CookieJar {
  private cookies: Cookie[] = [];

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      let path = "/";
      let expired = value === "";
      for (const a of attrs) {
        const [k, v = ""] = a.trim().split("=");
        const key = k!.toLowerCase();
        if (key === "path") path = v || "/";
        if (key === "max-age" && Number(v) <= 0) expired = true;
        if (key === "expires" && Date.parse(v) < Date.now()) expired = true;
      }
      this.cookies = this.cookies.filter((c) => !(c.name === name && c.path === path));
      if (!expired) this.cookies.push({ name, value, path });
    }
  }

  header(url: string): string {
    const path = new URL(url).pathname;
    return this.cookies
      .filter((c) => path === c.path || path.startsWith(c.path.endsWith("/") ? c.path : `${c.path}/`) || c.path === "/")
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
  }

  has(name: string): boolean {
    return this.cookies.some((c) => c.name === name);
  }

  remove(name: string): void {
    this.cookies = this.cookies.filter((c) => c.name !== name);
  }
}

/** fetch with a cookie jar and manual redirects. */
export class Agent {
  readonly jar = new CookieJar();
  constructor(readonly base: string) {}

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const full = new URL(url, this.base).toString();
    const headers = new Headers(init.headers);
    const cookie = this.jar.header(full);
    if (cookie) headers.set("cookie", cookie);
    const res = await fetch(full, { ...init, headers, redirect: "manual" });
    this.jar.store(res);
    return res;
  }

  /** POSTs an urlencoded form (with this server's Origin unless `origin` is given; null sends none). */
  postForm(url: string, form: Record<string, string>, origin: string | null = new URL(this.base).origin): Promise<Response> {
    const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
    if (origin) headers.origin = origin;
    return this.fetch(url, { method: "POST", headers, body: new URLSearchParams(form).toString() });
  }
}

// ───────────────────────────── users ─────────────────────────────

export interface TestUser {
  id: string;
  name: string;
  email: string;
  password: string;
}

let seq = 0;
export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${Date.now().toString(36)}-${seq++}-${randomBytes(3).toString("hex")}@example.test`;
}

/** Creates a user directly in the server's database (the way sign-up stores it). */
export async function createTestUser(server: RunningServer, name = "Test User"): Promise<TestUser> {
  const password = `pw-${randomBytes(9).toString("base64url")}`;
  const email = uniqueEmail();
  const { db } = openDb(server.databaseUrl);
  try {
    const user = await createUser({ name, email, passwordHash: await hashPassword(password) }, db);
    if (!user) throw new Error("could not create test user");
    return { id: user.id, name, email, password };
  } finally {
    await db.$disconnect();
  }
}

/** Signs the agent in through next-auth's credentials endpoint; returns next-auth's answer. */
export async function signIn(agent: Agent, email: string, password: string): Promise<{ status: number; url: string | null; error: string | null }> {
  const csrfRes = await agent.fetch("/api/auth/csrf");
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await agent.postForm("/api/auth/callback/credentials", { csrfToken, email, password, json: "true", callbackUrl: "/" });
  const body = (await res.json().catch(() => ({}))) as { url?: string };
  const url = body.url ?? null;
  return { status: res.status, url, error: url ? new URL(url).searchParams.get("error") : null };
}

export async function signedInAgent(server: RunningServer, user?: TestUser): Promise<{ agent: Agent; user: TestUser }> {
  const u = user ?? (await createTestUser(server));
  const agent = new Agent(server.url);
  const r = await signIn(agent, u.email, u.password);
  if (r.error) throw new Error(`sign-in failed: ${r.error}`);
  return { agent, user: u };
}

// ───────────────────────────── OAuth ─────────────────────────────

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export function randomState(): string {
  return randomBytes(12).toString("base64url");
}

export interface RegisteredClient {
  client_id: string;
  redirect_uris: string[];
  [k: string]: unknown;
}

export async function registerClient(server: RunningServer, metadata: Record<string, unknown> = {}): Promise<RegisteredClient> {
  // Each registration from its own client address: the per-address registration limit stays on,
  // and is shared through Redis by every server of the run (behind a trusted loopback proxy).
  const res = await fetch(`${server.url}/oauth/register`, {
    method: "POST",
    headers: { "content-type": "application/json", ...asClient() },
    body: JSON.stringify({ client_name: "Test client", redirect_uris: ["http://127.0.0.1:9/callback"], ...metadata }),
  });
  const body = (await res.json()) as RegisteredClient & { error?: string; error_description?: string };
  if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

export interface AuthorizeParams {
  clientId: string;
  redirectUri: string;
  challenge?: string | null;
  method?: string;
  scope?: string | null;
  resource?: string | string[] | null;
  state?: string;
  extra?: Record<string, string>;
}

export function authorizeUrl(server: RunningServer, p: AuthorizeParams, path = "/oauth/authorize"): string {
  const u = new URL(path, server.url);
  u.searchParams.set("response_type", "code");
  u.searchParams.set("client_id", p.clientId);
  u.searchParams.set("redirect_uri", p.redirectUri);
  if (p.challenge !== null) {
    u.searchParams.set("code_challenge", p.challenge ?? pkce().challenge);
    u.searchParams.set("code_challenge_method", p.method ?? "S256");
  }
  if (p.scope !== null) u.searchParams.set("scope", p.scope ?? "mcp:models:read mcp:models:write");
  if (p.resource !== null) {
    for (const r of [p.resource ?? `${server.url}/mcp`].flat()) u.searchParams.append("resource", r);
  }
  u.searchParams.set("state", p.state ?? randomState());
  for (const [k, v] of Object.entries(p.extra ?? {})) u.searchParams.set(k, v);
  return u.toString();
}

export interface ConsentPage {
  url: string;
  html: string;
  csrf: string;
  action: string;
  response: Response;
}

export type FlowStep =
  | { kind: "redirect"; location: URL; response: Response }
  | { kind: "consent"; page: ConsentPage }
  | { kind: "signin"; location: URL }
  | { kind: "page"; status: number; html: string; response: Response };

/**
 * Follows the server's redirects from `url` until one of: a redirect off the server (to the
 * client: the authorization response), the consent page, the sign-in page, or any other page.
 */
export async function follow(agent: Agent, url: string, maxHops = 12): Promise<FlowStep> {
  let next = url;
  for (let hop = 0; hop < maxHops; hop++) {
    const res = await agent.fetch(next);
    if (res.status >= 300 && res.status < 400) {
      const location = new URL(res.headers.get("location")!, next);
      if (location.origin !== new URL(agent.base).origin) return { kind: "redirect", location, response: res };
      if (location.pathname === "/signin") return { kind: "signin", location };
      next = location.toString();
      continue;
    }
    const html = await res.text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    if (res.status === 200 && csrf && action) return { kind: "consent", page: { url: next, html, csrf, action: action.replace(/&amp;/g, "&"), response: res } };
    return { kind: "page", status: res.status, html, response: res };
  }
  throw new Error("too many redirects");
}

/** Answers a consent page and follows the redirects to the client. */
export async function answerConsent(agent: Agent, page: ConsentPage, decision: "allow" | "deny"): Promise<FlowStep> {
  const res = await agent.postForm(page.action, { csrf: page.csrf, decision });
  if (res.status !== 303) return { kind: "page", status: res.status, html: await res.text(), response: res };
  return follow(agent, new URL(res.headers.get("location")!, agent.base).toString());
}

/** Runs authorize → (consent: allow) → callback; returns the callback URL's parameters. */
export async function authorizeAndApprove(agent: Agent, server: RunningServer, p: AuthorizeParams): Promise<URLSearchParams> {
  let step = await follow(agent, authorizeUrl(server, p));
  if (step.kind === "consent") step = await answerConsent(agent, step.page, "allow");
  if (step.kind !== "redirect") throw new Error(`expected a redirect to the client, got ${step.kind}: ${"html" in step ? step.html.slice(0, 300) : ""}`);
  if (!step.location.toString().startsWith(p.redirectUri)) throw new Error(`redirected to ${step.location}`);
  return step.location.searchParams;
}

export interface TokenResponse {
  access_token?: string;
  refresh_token?: string;
  token_type?: string;
  expires_in?: number;
  scope?: string;
  error?: string;
  error_description?: string;
}

export async function tokenRequest(server: RunningServer, form: Record<string, string | undefined>, path = "/oauth/token"): Promise<{ status: number; body: TokenResponse; headers: Headers }> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) if (v !== undefined) body.set(k, v);
  const res = await fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
  return { status: res.status, body: (await res.json()) as TokenResponse, headers: res.headers };
}

export function exchangeCode(server: RunningServer, p: { clientId: string; code: string; verifier?: string; redirectUri?: string; resource?: string | null }) {
  return tokenRequest(server, {
    grant_type: "authorization_code",
    client_id: p.clientId,
    code: p.code,
    code_verifier: p.verifier,
    redirect_uri: p.redirectUri,
    resource: p.resource === null ? undefined : (p.resource ?? `${server.url}/mcp`),
  });
}

export function refresh(server: RunningServer, p: { clientId: string; refreshToken: string; scope?: string; resource?: string | null }) {
  return tokenRequest(server, {
    grant_type: "refresh_token",
    client_id: p.clientId,
    refresh_token: p.refreshToken,
    scope: p.scope,
    resource: p.resource === null ? undefined : (p.resource ?? `${server.url}/mcp`),
  });
}

/** A full connection: new client (DCR), consent by a signed-in user, code exchanged for tokens. */
export async function connect(
  server: RunningServer,
  opts: { agent?: Agent; user?: TestUser; scope?: string | null; client?: RegisteredClient; redirectUri?: string } = {},
): Promise<{ agent: Agent; user: TestUser; client: RegisteredClient; tokens: TokenResponse; redirectUri: string }> {
  const redirectUri = opts.redirectUri ?? "http://127.0.0.1:9/callback";
  const client = opts.client ?? (await registerClient(server, { redirect_uris: [redirectUri] }));
  const signed = opts.agent && opts.user ? { agent: opts.agent, user: opts.user } : await signedInAgent(server, opts.user);
  const { verifier, challenge } = pkce();
  const params = await authorizeAndApprove(signed.agent, server, { clientId: client.client_id, redirectUri, challenge, scope: opts.scope });
  const code = params.get("code");
  if (!code) throw new Error(`no code: ${params.toString()}`);
  const t = await exchangeCode(server, { clientId: client.client_id, code, verifier, redirectUri });
  if (t.status !== 200) throw new Error(`token exchange failed: ${JSON.stringify(t.body)}`);
  return { ...signed, client, tokens: t.body, redirectUri };
}

/**
 * Status of an authenticated MCP request (legacy `initialize`, which every MCP server answers):
 * 200 when the token is accepted, 401 when it is not.
 */
export async function mcpStatus(server: RunningServer, token: string | null): Promise<{ status: number; wwwAuthenticate: string | null }> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/json, text/event-stream",
  };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${server.url}/mcp`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "spectral-tests", version: "1" } },
    }),
  });
  await res.body?.cancel();
  return { status: res.status, wwwAuthenticate: res.headers.get("www-authenticate") };
}

/** SHA-256 hex, as the adapter stores ids. */
export function sha256(s: string): string {
  return createHash("sha256").update(s).digest("hex");
}

/** Runs `fn` with a client on the server's own database (for setting up expiry, checking rows). */
export async function withServerDb<T>(server: RunningServer, fn: (db: ReturnType<typeof openDb>["db"]) => Promise<T>): Promise<T> {
  const { db } = openDb(server.databaseUrl);
  try {
    return await fn(db);
  } finally {
    await db.$disconnect();
  }
}

/** Rewrites fields of a stored provider record's payload (found by the raw id it was issued as). */
export async function patchRecord(server: RunningServer, rawId: string, patch: Record<string, unknown>): Promise<void> {
  await withServerDb(server, async (db) => {
    const row = await db.oAuthRecord.findUnique({ where: { id: sha256(rawId) } });
    if (!row) throw new Error("record not found");
    await db.oAuthRecord.update({ where: { id: row.id }, data: { payload: JSON.stringify({ ...JSON.parse(row.payload), ...patch }) } });
  });
}

/** The location a redirect step points to, with parameters from the query or (for fragment modes) the hash. */
export function responseParams(location: URL): URLSearchParams {
  return location.search.length > 1 ? location.searchParams : new URLSearchParams(location.hash.slice(1));
}
