/**
 * Records facts only the Node HTTP server knows, as request headers the app can read, on every
 * request this process parses, for `next start` and `npm start` (scripts/serve.mjs) alike:
 *   - PEER_HEADER: the socket's peer address. Next.js route handlers and server actions see
 *     headers, not the socket, and Next fills X-Forwarded-For only when the client sent none;
 *   - AUTHORIZATION_COUNT_HEADER: how many Authorization lines the request had. Node keeps the
 *     first and drops the rest (RFC 9110 §5.3 forbids repeating a header that is not a list), so
 *     without the count a second token would be ignored silently.
 * Both are overwritten on every request, so a client cannot supply them.
 * Node publishes `http.server.request.start` (node:diagnostics_channel) right before the server's
 * "request" event, for every http.Server in the process; started once from instrumentation.ts.
 */
import "server-only";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { AUTHORIZATION_COUNT_HEADER, PEER_HEADER } from "./client-address";

const STARTED = Symbol.for("spectral.peerHeaders");

/** Adds the two headers to one request (exported for the custom server's own use and tests). */
export function recordPeer(request: IncomingMessage, socket: Socket | undefined): void {
  request.headers[PEER_HEADER] = socket?.remoteAddress ?? "";
  let count = 0;
  const raw = request.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.length === 13 && raw[i]!.toLowerCase() === "authorization") count++;
  request.headers[AUTHORIZATION_COUNT_HEADER] = String(count);
}

/** Starts recording (idempotent: one subscription per process). */
export function recordPeersOfEveryRequest(): void {
  const g = globalThis as { [STARTED]?: boolean };
  if (g[STARTED]) return;
  g[STARTED] = true;
  subscribe("http.server.request.start", (message) => {
    // A subscriber's exception would be rethrown on the next tick and end the process: never throw.
    try {
      const { request, socket } = message as { request: IncomingMessage; socket?: Socket };
      recordPeer(request, socket ?? request.socket);
    } catch {
      /* the request goes on without the headers: its client address is UNKNOWN_PEER */
    }
  });
}
