/**
 * The HTTP front of POST /mcp, in the order a request meets it:
 *   1. method: only POST (GET/DELETE → 405 `Allow: POST`, before any auth check; the
 *      Streamable HTTP spec allows 405 when the server offers no GET stream);
 *   2. DNS-rebinding guard: `Host` must be one of our hosts and `Origin`, when present, one of
 *      our origins (or explicitly allowed), else 403 (MCP transports: servers MUST validate Origin;
 *      mcp-handler does not). X-Forwarded-Host stands for Host only when the request came
 *      through a trusted proxy (SPECTRAL_TRUSTED_PROXIES, lib/http/client-address.ts);
 *   3. body size limit with a JSON-RPC error that says what to do (413);
 *   4. exactly one Authorization header (400 otherwise: Node keeps the first silently, RFC 9110
 *      §5.3), then the bearer token (header only) → verifyAccessToken → 401 with a
 *      WWW-Authenticate challenge naming the protected-resource metadata and our scopes
 *      (RFC 6750 §3, RFC 9728 §5.1);
 *   5. the body, read for what it will run (lib/mcp/envelope.ts): JSON-RPC batches refused where
 *      the protocol revision has none, `Mcp-Method` that disagrees with the body refused (400,
 *      -32020 in 2026-07-28), and the `tools/call` requests counted (every one in a batch);
 *   6. tool calls per minute per user and per OAuth client, as counted in 5 (lib/limits; shared
 *      counters in Redis or the database): 429 with Retry-After and a JSON-RPC error saying when
 *      to retry;
 *   7. the MCP handler (mcp-handler 2 / SDK 2: both protocol eras, stateless), with the
 *      verified AuthInfo attached.
 * Every request gets a request id (X-Request-Id in, or generated; echoed in the response) and one
 * JSON access-log line with the user and client ids once authenticated (lib/observability).
 * We do not use mcp-handler's withMcpAuth: its challenge advertises required scopes that it
 * also enforces on every request, while ours gate per tool (read vs write).
 */
import { createMcpHandler } from "mcp-handler";
import type { AuthInfo } from "@modelcontextprotocol/server";
import { env, ownOrigins } from "@/lib/env";
import { verifyAccessToken } from "@/lib/oauth/verify";
import { SCOPES } from "@/lib/oauth/scopes";
import { resourceMetadataUrl } from "@/lib/oauth/resource-url";
import { annotateRequest, withRequestLog } from "@/lib/observability";
import { checkToolCallRate } from "@/lib/limits";
import { authorizationHeaderCount, requestHost } from "@/lib/http/client-address";
import { inspectEnvelope } from "./envelope";
import { registerSpectral, SERVER_INFO, SERVER_INSTRUCTIONS } from "./register";

export const MAX_BODY_BYTES = 32 * 1024 * 1024;

function challenge(error?: { code: string; description: string }): string {
  const parts = [`resource_metadata="${resourceMetadataUrl()}"`, `scope="${SCOPES.read} ${SCOPES.write}"`];
  if (error) parts.unshift(`error="${error.code}"`, `error_description="${error.description.replace(/"/g, "'")}"`);
  return `Bearer ${parts.join(", ")}`;
}

function jsonRpcError(status: number, code: number, message: string, headers: Record<string, string> = {}, id: string | number | null = null): Response {
  return Response.json({ jsonrpc: "2.0", id, error: { code, message } }, { status, headers });
}

let allowedCache: { hosts: Set<string>; origins: Set<string> } | undefined;
/** Hosts (host[:port]) and origins this server answers as (computed once: the configuration is fixed). Loopback names are interchangeable. */
function allowed(): { hosts: Set<string>; origins: Set<string> } {
  return (allowedCache ??= computeAllowed());
}

function computeAllowed(): { hosts: Set<string>; origins: Set<string> } {
  const origins = new Set([...ownOrigins(), ...env().SPECTRAL_ALLOWED_ORIGINS]);
  const hosts = new Set<string>();
  for (const o of ownOrigins()) {
    const u = new URL(o);
    hosts.add(u.host);
    if (["localhost", "127.0.0.1", "[::1]"].includes(u.hostname)) {
      for (const h of ["localhost", "127.0.0.1", "[::1]"]) {
        hosts.add(u.port ? `${h}:${u.port}` : h);
        origins.add(`${u.protocol}//${u.port ? `${h}:${u.port}` : h}`);
      }
    }
  }
  return { hosts, origins };
}

/** 403 for a Host or Origin that is not ours (DNS rebinding, cross-site browser requests). */
export function checkOrigin(req: Request): Response | null {
  const { hosts, origins } = allowed();
  const host = requestHost(req.headers);
  if (host && !hosts.has(host)) {
    return jsonRpcError(403, -32600, `Host "${host}" is not served here. Use the MCP URL ${env().mcpUrl}.`);
  }
  const origin = req.headers.get("origin");
  if (origin && origin !== "null" && !origins.has(origin.replace(/\/+$/, "").toLowerCase())) {
    return jsonRpcError(403, -32600, `Requests from origin ${origin} are not allowed. MCP clients call ${env().mcpUrl} from a server or a native app.`);
  }
  if (origin === "null") return jsonRpcError(403, -32600, "Requests from an opaque origin are not allowed.");
  return null;
}

/** Reads the body up to the limit; null when it is too large. */
async function readBody(req: Request): Promise<string | null> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) return null;
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Verifies the bearer token; a Response when the request must be refused. */
export async function authenticate(req: Request): Promise<AuthInfo | Response> {
  const header = req.headers.get("authorization");
  if (authorizationHeaderCount(req.headers) > 1) {
    return Response.json(
      { error: "invalid_request", error_description: "The request has more than one Authorization header. Send exactly one: Authorization: Bearer <token>." },
      { status: 400, headers: { "WWW-Authenticate": challenge({ code: "invalid_request", description: "more than one Authorization header" }) } },
    );
  }
  if (new URL(req.url).searchParams.has("access_token")) {
    // RFC 6750 §2.3 query tokens leak into logs: refuse them outright.
    return Response.json(
      { error: "invalid_request", error_description: "Send the access token in the Authorization header, not the URL." },
      { status: 400, headers: { "WWW-Authenticate": challenge({ code: "invalid_request", description: "token in query string" }) } },
    );
  }
  if (!header) {
    return Response.json(
      { error: "invalid_token", error_description: "Sign in: this MCP server needs an OAuth access token." },
      { status: 401, headers: { "WWW-Authenticate": challenge() } },
    );
  }
  const m = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(header);
  const info = m ? await verifyAccessToken(m[1]!) : undefined;
  if (!info) {
    return Response.json(
      { error: "invalid_token", error_description: "The access token is invalid, expired or revoked. Reconnect to get a new one." },
      { status: 401, headers: { "WWW-Authenticate": challenge({ code: "invalid_token", description: "The access token is invalid, expired or revoked" }) } },
    );
  }
  return {
    ...info,
    resource: new URL(env().mcpUrl),
    resourceMetadataUrl: resourceMetadataUrl(),
    extra: { ...info.extra, userAgent: req.headers.get("user-agent") ?? "" },
  } as AuthInfo;
}

let handler: ((req: Request) => Promise<Response>) | undefined;
function mcpHandler() {
  handler ??= createMcpHandler(registerSpectral, {
    serverInfo: SERVER_INFO,
    instructions: SERVER_INSTRUCTIONS,
    capabilities: { tools: {}, resources: {}, prompts: {}, logging: {} },
    maxSubscriptions: 0,
  });
  return handler;
}

export function methodNotAllowed(): Response {
  return new Response(JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32000, message: "Method not allowed: this MCP endpoint accepts POST (Streamable HTTP without a GET stream)." } }), {
    status: 405,
    headers: { Allow: "POST", "Content-Type": "application/json" },
  });
}

/** 429: too many tool calls; says which limit, and when to retry (Retry-After and in the message). */
function rateLimited(verdict: Awaited<ReturnType<typeof checkToolCallRate>>, id: string | number | null): Response {
  const rule = verdict.rule!;
  const retry = verdict.retryAfterSeconds ?? 60;
  const who = rule.scope === "client" ? "this app (all its users together)" : "your account";
  const message = `Rate limit reached: ${who} may make ${rule.limit} tool calls per ${Math.round(rule.windowMs / 1000)} s. Retry after ${retry} s (at ${new Date(verdict.resetAt ?? Date.now() + retry * 1000).toISOString()}).`;
  annotateRequest({ refused: `rate_limit:${rule.scope}` });
  return Response.json(
    { jsonrpc: "2.0", id, error: { code: -32029, message, data: { retryAfterSeconds: retry, limit: rule.limit, windowSeconds: Math.round(rule.windowMs / 1000), scope: rule.scope } } },
    { status: 429, headers: { "Retry-After": String(retry) } },
  );
}

/** POST /mcp. */
export function handleMcpPost(req: Request, opts: { authenticate?: typeof authenticate } = {}): Promise<Response> {
  return withRequestLog(req, () => serveMcpPost(req, opts));
}

async function serveMcpPost(req: Request, opts: { authenticate?: typeof authenticate }): Promise<Response> {
  const refused = checkOrigin(req);
  if (refused) return refused;
  const body = await readBody(req);
  if (body === null) {
    return jsonRpcError(413, -32600, `Request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB. Split the elements over several add_elements calls, or import fewer than 100,000 frames at a time.`);
  }
  const auth = await (opts.authenticate ?? authenticate)(req);
  if (auth instanceof Response) return auth;
  const userId = (auth.extra as { userId?: string } | undefined)?.userId;
  annotateRequest({ userId, clientId: auth.clientId });
  const envelope = inspectEnvelope(body, req.headers);
  if (!envelope.ok) {
    annotateRequest({ refused: envelope.code === -32020 ? "header_mismatch" : "invalid_request" });
    return jsonRpcError(envelope.status, envelope.code, envelope.message, {}, envelope.id);
  }
  if (envelope.toolCalls > 0) {
    const verdict = await checkToolCallRate({ userId, clientId: auth.clientId }, envelope.toolCalls);
    if (!verdict.allowed) return rateLimited(verdict, envelope.id);
  }
  const forwarded = new Request(req.url, { method: "POST", headers: req.headers, body });
  (forwarded as Request & { auth?: AuthInfo }).auth = auth;
  return mcpHandler()(forwarded);
}
