/**
 * A loopback reverse proxy that adds `Authorization: Bearer <token>` to MCP requests.
 *
 * The MCP conformance CLI has no auth option (its server-mode client sends no headers), so the
 * conformance test puts this in front of the real app to keep auth ON. Everything else passes
 * through byte for byte: method, path, every request header as sent (Host and Origin included,
 * so the DNS-rebinding scenario reaches the app's own Host/Origin guard), status, every response
 * header (multiple Set-Cookie kept apart) and the body, streamed (SSE responses arrive event by
 * event). A client that already sends Authorization keeps its own.
 *
 * The proxy listens first; the app is then started with SPECTRAL_APP_URL = the proxy's URL (the
 * usual reverse-proxy deployment: the public origin is the proxy's), so no header needs rewriting.
 * The proxy forwards all paths (the browser's OAuth flow goes through it too) but only adds the
 * token on the MCP path.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface AuthProxy {
  /** `http://localhost:<port>`: what clients and the app's SPECTRAL_APP_URL use. */
  url: string;
  port: number;
  /** Where to forward (the app's port on 127.0.0.1). Requests before this is set get 503. */
  setTarget(port: number): void;
  /** The bearer token added to requests on `mcpPath` that carry no Authorization header. */
  setToken(token: string | null): void;
  /** Requests proxied so far, with the status the app answered (for assertions and debugging). */
  log: { method: string; path: string; host: string | undefined; status: number; injected: boolean }[];
  close(): Promise<void>;
}

export async function startAuthProxy(opts: { mcpPath?: string } = {}): Promise<AuthProxy> {
  const mcpPath = opts.mcpPath ?? "/mcp";
  let target: number | null = null;
  let token: string | null = null;
  const log: AuthProxy["log"] = [];

  const server = http.createServer((req, res) => {
    if (target === null) {
      res.writeHead(503, { "content-type": "text/plain" }).end("proxy target not set");
      return;
    }
    const path = req.url ?? "/";
    const pathname = path.split("?")[0]!;
    const raw = [...req.rawHeaders];
    const hasAuth = req.headers.authorization !== undefined;
    const injected = !hasAuth && token !== null && (pathname === mcpPath || pathname.startsWith(`${mcpPath}/`));
    if (injected) raw.push("Authorization", `Bearer ${token}`);
    const headers: [string, string][] = [];
    for (let i = 0; i < raw.length; i += 2) headers.push([raw[i]!, raw[i + 1]!]);

    const upstream = http.request({
      host: "127.0.0.1",
      port: target,
      method: req.method,
      path,
      headers: headers.flat(),
      setHost: false, // the client's Host header goes through unchanged (it is in `headers`)
    });
    upstream.on("response", (up) => {
      log.push({ method: req.method ?? "", path: pathname, host: req.headers.host, status: up.statusCode ?? 0, injected });
      res.writeHead(up.statusCode ?? 502, up.statusMessage, up.rawHeaders);
      res.flushHeaders();
      up.pipe(res);
      up.on("error", () => res.destroy());
    });
    upstream.on("error", (err) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" }).end(`proxy: ${err.message}`);
      else res.destroy();
    });
    // A client that goes away (e.g. cancels an SSE stream) cancels the upstream request too.
    res.on("close", () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    port,
    setTarget: (p) => void (target = p),
    setToken: (t) => void (token = t),
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
