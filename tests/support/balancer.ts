/**
 * A small HTTP front for browser tests of long-lived connections: round robin over one or more
 * app instances (the `x-instance: <index>` header pins a request to one, as in
 * tests/prod/two-instances.test.ts), and a switch that cuts the network the way a closed laptop lid
 * or a dropped Wi-Fi does: `cut()` destroys the open connections and refuses new requests until
 * `restore()` — all of them, or only those `match` picks (e.g. one browser's, by a header).
 */
import http from "node:http";
import net from "node:net";

export interface Balancer {
  url: string;
  targets: number[];
  /** Requests forwarded to each target port. */
  served: Map<number, number>;
  /** Drops the open connections whose requests `match` picks (default: all) and refuses such requests. */
  cut(match?: (req: http.IncomingMessage) => boolean): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startBalancer(targets: number[] = []): Promise<Balancer> {
  let next = 0;
  let down: ((req: http.IncomingMessage) => boolean) | null = null;
  const sockets = new Map<net.Socket, http.IncomingMessage | null>();
  const lb: Balancer = {
    url: "",
    targets,
    served: new Map(),
    cut(match = () => true) {
      down = match;
      for (const [s, req] of sockets) if (!req || match(req)) s.destroy();
    },
    restore() {
      down = null;
    },
    close: async () => undefined,
  };
  const server = http.createServer((req, res) => {
    if (down?.(req)) return void req.socket.destroy();
    sockets.set(req.socket, req);
    const pinned = req.headers["x-instance"];
    const port = lb.targets[pinned !== undefined ? Number(pinned) : next++ % lb.targets.length]!;
    lb.served.set(port, (lb.served.get(port) ?? 0) + 1);
    const up = http.request({ host: "127.0.0.1", port, method: req.method, path: req.url, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    // A client that goes away takes its upstream request with it (as a real proxy does).
    res.on("close", () => up.destroy());
    req.pipe(up);
  });
  server.on("connection", (s) => {
    sockets.set(s, null);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  lb.url = `http://localhost:${(server.address() as net.AddressInfo).port}`;
  lb.close = () =>
    new Promise((r) => {
      for (const s of sockets.keys()) s.destroy();
      server.close(() => r());
    });
  return lb;
}
