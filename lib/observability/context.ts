/**
 * The request context: a request id and, once known, who is calling (user and OAuth client ids).
 * It lives in an AsyncLocalStorage shared through a global symbol with scripts/serve.mjs, which
 * opens one context per HTTP request (for every route, OAuth endpoints included), writes the
 * access-log line when the response ends and echoes the id in `X-Request-Id`. Code deeper in the
 * app (lib/mcp/http.ts after authentication, tool calls) adds what it learns with
 * `annotateRequest`. Under a bare `next start` there is no outer context: `withRequestLog`
 * (lib/observability/access-log.ts) then opens one for the routes that use it (/mcp).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

export interface RequestContext {
  requestId: string;
  /** Set by the code that opened the context: "server" (scripts/serve.mjs) or "route". */
  owner: "server" | "route";
  userId?: string;
  clientId?: string;
  /** MCP tool names called in this request. */
  tools?: string[];
  /** Set when a limit refused the request (e.g. "rate_limit:user"). */
  refused?: string;
}

const KEY = Symbol.for("spectral.requestContext");
type Holder = { [KEY]?: AsyncLocalStorage<RequestContext> };

/** The process-wide store (the same object scripts/serve.mjs uses). */
export function requestStore(): AsyncLocalStorage<RequestContext> {
  const g = globalThis as Holder;
  g[KEY] ??= new AsyncLocalStorage<RequestContext>();
  return g[KEY];
}

export function currentRequest(): RequestContext | undefined {
  return requestStore().getStore();
}

/** Adds fields to the current request's log line (no-op outside a request). */
export function annotateRequest(fields: Partial<Pick<RequestContext, "userId" | "clientId" | "refused">> & { tool?: string }): void {
  const ctx = currentRequest();
  if (!ctx) return;
  const { tool, ...rest } = fields;
  Object.assign(ctx, rest);
  if (tool) (ctx.tools ??= []).push(tool);
}

const ID_SHAPE = /^[A-Za-z0-9._:\-]{1,128}$/;

/** The caller's X-Request-Id when it is a sane token, else a new UUID (never logs arbitrary header text). */
export function requestIdFrom(headers: Headers | Record<string, string | string[] | undefined>): string {
  const raw = headers instanceof Headers ? headers.get("x-request-id") : headers["x-request-id"];
  const v = Array.isArray(raw) ? raw[0] : raw;
  return v && ID_SHAPE.test(v) ? v : randomUUID();
}
