/**
 * Raw HTTP for requests fetch() cannot make: a chosen Host header, a header sent twice, a chosen
 * local (source) address on the loopback network. Talks to loopback test servers only.
 */
import http from "node:http";

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: Record<string, unknown>;
}

export interface RawRequest {
  method?: string;
  /** A value sent as an array is sent as that many header lines. */
  headers?: Record<string, string | string[]>;
  body?: string;
  /** Source address, e.g. "127.0.0.7" (any 127/8 address works on Linux loopback). */
  localAddress?: string;
}

export function rawRequest(url: string, req: RawRequest = {}): Promise<RawResponse> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const r = http.request(
      { host: "127.0.0.1", port: u.port, path: `${u.pathname}${u.search}`, method: req.method ?? "GET", setHost: false, localAddress: req.localAddress, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: Record<string, unknown> = {};
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            const data = text.split("\n").filter((l) => l.startsWith("data:")).pop();
            if (data) json = JSON.parse(data.slice(5)) as Record<string, unknown>;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    r.on("error", reject);
    const headers = { host: u.host, ...req.headers };
    for (const [k, v] of Object.entries(headers)) r.setHeader(k, v);
    if (req.body !== undefined) r.setHeader("content-length", Buffer.byteLength(req.body));
    r.end(req.body);
  });
}
