/**
 * Runs oidc-provider (a Koa app for Node's req/res) inside Next.js route handlers, which speak
 * Web Request/Response. See shared notes "oidc-provider in Next" for why each step exists:
 *   - the body is buffered (with a size limit) and `content-length` set: Koa's body parsing
 *     ignores bodies without it;
 *   - the URL is rebuilt on the issuer origin and Host is set to the issuer host: the provider
 *     builds endpoint URLs from Host, so a spoofed Host must not reach it;
 *   - `req.socket` gets `{ encrypted, remoteAddress }` (fetch-to-node leaves it null and Koa reads
 *     it); the address is the client's under the trusted-proxy setting (lib/http/client-address.ts);
 *   - a request with more than one Authorization header is refused (400) before the provider runs;
 *   - cookies and redirects come back through `toFetchResponse(res)` untouched.
 * Request normalization before the provider sees it (MCP client compatibility):
 *   - authorization requests without `scope` get the default scopes (both MCP scopes);
 *   - `resource` equal to the MCP URL with a trailing slash is canonicalized (Claude Code sends it).
 */
import "server-only";
import { toFetchResponse, toReqRes } from "fetch-to-node";
import { env } from "@/lib/env";
import { authorizationHeaderCount, clientAddress } from "@/lib/http/client-address";
import { getCurrentUser } from "@/lib/auth/session";
import { consume, type RateRule } from "@/lib/limits";
import { DEFAULT_SCOPES } from "./scopes";
import { ROUTES, getProvider, type SpectralRequestInfo } from "./provider";
import { AppError } from "@/lib/structural/errors";

export const MAX_BODY_BYTES = 64 * 1024;
export const MAX_REGISTRATION_BODY_BYTES = 16 * 1024;

/**
 * Dynamic client registrations per minute per client address (RFC 7591 endpoints are
 * unauthenticated): SPECTRAL_RATE_LIMIT_REGISTRATIONS_PER_MINUTE, counted with the other limits
 * (Redis when REDIS_URL is set, else the database), so every instance counts together.
 */
export function registrationRule(address: string): RateRule {
  return { key: `register-addr:${address}`, limit: env().SPECTRAL_RATE_LIMIT_REGISTRATIONS_PER_MINUTE, windowMs: 60_000, scope: "address" };
}

const bodyTooLarge = (limit: number) => new AppError("too_large", `The request body is larger than ${limit} bytes.`, { limit });

/** True for the refusal readBody throws when a body is over its limit. */
export const isBodyTooLarge = (err: unknown): boolean => err instanceof AppError && err.code === "too_large";

/** Reads a request body up to `limit` bytes. */
export async function readBody(request: Request, limit: number): Promise<Buffer | undefined> {
  if (request.method === "GET" || request.method === "HEAD" || !request.body) return undefined;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw bodyTooLarge(limit);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw bodyTooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function canonicalResource(value: string, mcpUrl: string): string {
  return value === `${mcpUrl}/` ? mcpUrl : value;
}

/** Applies the default scope and resource canonicalization to authorization/token parameters. */
export function normalizeParams(params: URLSearchParams, opts: { authorization: boolean }): URLSearchParams {
  const mcpUrl = env().mcpUrl;
  const out = new URLSearchParams();
  for (const [k, v] of params) out.append(k, k === "resource" ? canonicalResource(v, mcpUrl) : v);
  if (opts.authorization && !(out.get("scope") ?? "").trim()) out.set("scope", DEFAULT_SCOPES.join(" "));
  return out;
}

export interface NodePair {
  req: ReturnType<typeof toReqRes>["req"];
  res: ReturnType<typeof toReqRes>["res"];
}

/**
 * Builds the Node req/res pair for the provider. `path` overrides the request path (aliases and
 * in-process calls); `info` is attached to the request for the provider's own middleware.
 */
export async function toNode(
  request: Request,
  opts: { path?: string; body?: Buffer; info?: SpectralRequestInfo; limit?: number } = {},
): Promise<NodePair> {
  const issuer = new URL(env().issuerUrl);
  const incoming = new URL(request.url);
  const path = opts.path ?? incoming.pathname;
  const url = new URL(path, issuer);
  let body = opts.body ?? (await readBody(request, opts.limit ?? MAX_BODY_BYTES));
  const headers = new Headers(request.headers);
  const contentType = headers.get("content-type") ?? "";
  const isAuthorization = url.pathname === ROUTES.authorization;

  if (isAuthorization || url.pathname === ROUTES.token) {
    if (request.method === "GET") {
      url.search = normalizeParams(incoming.searchParams, { authorization: isAuthorization }).toString();
    } else {
      url.search = incoming.search;
      if (body && contentType.startsWith("application/x-www-form-urlencoded")) {
        body = Buffer.from(normalizeParams(new URLSearchParams(body.toString("utf8")), { authorization: isAuthorization }).toString());
      }
    }
  } else {
    url.search = incoming.search;
  }

  headers.delete("transfer-encoding");
  headers.delete("content-length");
  if (body) headers.set("content-length", String(body.length));
  const { req, res } = toReqRes(new Request(url, { method: request.method, headers, body: body ? new Uint8Array(body) : undefined }));
  req.headers.host = issuer.host;
  if (body) req.headers["content-length"] = String(body.length);
  Object.defineProperty(req, "socket", {
    value: { encrypted: issuer.protocol === "https:", remoteAddress: clientAddress(request.headers) },
    configurable: true,
  });
  if (opts.info) (req as unknown as { spectral: SpectralRequestInfo }).spectral = opts.info;
  return { req, res };
}

const COMMON_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
};

/** Copies a response and adds headers (responses from toFetchResponse are not mutated in place). */
export function withHeaders(response: Response, extra: Record<string, string>): Response {
  const headers = new Headers(response.headers);
  for (const [k, v] of Object.entries(extra)) if (!headers.has(k)) headers.set(k, v);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

function jsonError(status: number, error: string, description: string, extra: Record<string, string> = {}): Response {
  return Response.json({ error, error_description: description }, { status, headers: { "Cache-Control": "no-store", ...COMMON_HEADERS, ...extra } });
}

/**
 * Serves a request with oidc-provider. `path` maps aliases (/authorize, /token, /register) and
 * in-process calls (discovery) onto the provider's routes.
 */
export async function handleOidc(request: Request, opts: { path?: string; info?: SpectralRequestInfo } = {}): Promise<Response> {
  const path = opts.path ?? new URL(request.url).pathname;
  const registration = path === ROUTES.registration;
  // Node keeps the first of several Authorization headers: refuse rather than pick one (RFC 9110 §5.3).
  if (authorizationHeaderCount(request.headers) > 1) {
    return jsonError(400, "invalid_request", "the request has more than one Authorization header; send exactly one", registration ? { "Access-Control-Allow-Origin": "*" } : {});
  }
  if (registration && request.method === "POST") {
    const rule = registrationRule(clientAddress(request.headers));
    const verdict = await consume([rule]);
    if (!verdict.allowed) {
      const retry = verdict.retryAfterSeconds ?? 60;
      return jsonError(429, "invalid_request", `too many client registrations from this address (${rule.limit} per minute); retry after ${retry} s`, {
        "Retry-After": String(retry),
        "Access-Control-Allow-Origin": "*",
      });
    }
  }
  // Authorization requests: tell the provider who is signed in to Spectral (see provider.ts).
  const info = opts.info ?? (path.startsWith(ROUTES.authorization) ? { userId: (await getCurrentUser())?.id ?? null } : undefined);
  let pair: NodePair;
  try {
    pair = await toNode(request, { path, info, limit: registration ? MAX_REGISTRATION_BODY_BYTES : MAX_BODY_BYTES });
  } catch (err) {
    if (isBodyTooLarge(err)) {
      return registration
        ? jsonError(400, "invalid_client_metadata", `registration request body is larger than ${MAX_REGISTRATION_BODY_BYTES} bytes`, { "Access-Control-Allow-Origin": "*" })
        : jsonError(413, "invalid_request", `request body is larger than ${MAX_BODY_BYTES} bytes`);
    }
    throw err;
  }
  let provider;
  try {
    provider = getProvider();
  } catch (err) {
    console.error("[oauth] configuration error:", err instanceof Error ? err.message : err);
    return jsonError(500, "server_error", "the authorization server is misconfigured; see the server log");
  }
  provider.callback()(pair.req, pair.res);
  const response = await toFetchResponse(pair.res);
  // RFC 7591 clients in browsers (e.g. the MCP Inspector) need CORS on registration too.
  return withHeaders(response, registration ? { ...COMMON_HEADERS, "Access-Control-Allow-Origin": "*" } : COMMON_HEADERS);
}

/** CORS preflight for the registration endpoint (oidc-provider answers it for token and revocation). */
export function registrationPreflight(): Response {
  return new Response(null, {
    status: 204,
    headers: {
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Allow-Methods": "POST",
      "Access-Control-Allow-Headers": "Content-Type, Authorization",
      "Access-Control-Max-Age": "600",
    },
  });
}
