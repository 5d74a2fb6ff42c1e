/**
 * The access-log line of a request: method, path (never the query string: it can hold codes or
 * tokens), status, duration, request id, user and client ids when known. scripts/serve.mjs
 * writes it for every request; `withRequestLog` writes it for a route when the app runs without
 * that server (a bare `next start`), so /mcp is always logged and always echoes X-Request-Id.
 */
import { requestStore, currentRequest, requestIdFrom, type RequestContext } from "./context";
import { log } from "./logger";

export function accessLogFields(ctx: RequestContext, req: { method: string; path: string }, status: number, durationMs: number): Record<string, unknown> {
  return {
    requestId: ctx.requestId,
    method: req.method,
    path: req.path,
    status,
    durationMs: Math.round(durationMs * 10) / 10,
    ...(ctx.userId ? { userId: ctx.userId } : {}),
    ...(ctx.clientId ? { clientId: ctx.clientId } : {}),
    ...(ctx.tools?.length ? { tools: ctx.tools } : {}),
    ...(ctx.refused ? { refused: ctx.refused } : {}),
  };
}

function withRequestIdHeader(res: Response, id: string): Response {
  if (res.headers.get("x-request-id") === id) return res;
  try {
    res.headers.set("X-Request-Id", id);
    return res;
  } catch {
    // Immutable headers (e.g. a Response.redirect): copy.
    const headers = new Headers(res.headers);
    headers.set("X-Request-Id", id);
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  }
}

/** Runs a route handler inside a request context, logging it unless scripts/serve.mjs already does. */
export async function withRequestLog(req: Request, handler: () => Promise<Response>): Promise<Response> {
  const outer = currentRequest();
  if (outer) return withRequestIdHeader(await handler(), outer.requestId);
  const ctx: RequestContext = { requestId: requestIdFrom(req.headers), owner: "route" };
  const started = performance.now();
  const path = new URL(req.url).pathname;
  let status = 500;
  try {
    const res = await requestStore().run(ctx, handler);
    status = res.status;
    return withRequestIdHeader(res, ctx.requestId);
  } finally {
    log(status >= 500 ? "error" : "info", "request", accessLogFields(ctx, { method: req.method, path }, status, performance.now() - started));
  }
}
