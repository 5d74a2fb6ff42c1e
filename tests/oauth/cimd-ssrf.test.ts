/**
 * CIMD without the test-only loopback allowance (production configuration): client IDs on
 * loopback, private, link-local or metadata addresses are never fetched (hostile list C2).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { startServer, type RunningServer } from "../support/server";
import { Agent, authorizeUrl } from "../support/oauth";

let server: RunningServer;
let docs: http.Server;
let port = 0;
let requests = 0;

beforeAll(async () => {
  docs = http.createServer((req, res) => {
    requests++;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ client_id: `http://127.0.0.1:${port}${req.url}`, redirect_uris: ["http://127.0.0.1:9/cb"], token_endpoint_auth_method: "none" }));
  });
  await new Promise<void>((r) => docs.listen(0, "127.0.0.1", r));
  port = (docs.address() as AddressInfo).port;
  server = await startServer(); // NODE_ENV=production, no SPECTRAL_CIMD_ALLOW_LOOPBACK
});
afterAll(async () => {
  await server?.stop();
  await new Promise((r) => docs?.close(r));
});

describe("SSRF: client ID URLs that must never be fetched", () => {
  it.each([
    "http://127.0.0.1:PORT/client.json",
    "https://127.0.0.1:PORT/client.json",
    "https://localhost:PORT/client.json",
    "https://[::1]:PORT/client.json",
    "https://[::ffff:127.0.0.1]:PORT/client.json",
    "https://169.254.169.254/latest/meta-data/client.json",
    "https://10.0.0.1/client.json",
    "https://192.168.1.1/client.json",
    "https://[fc00::1]/client.json",
    "https://vm:PORT/client.json",
    "http://example.com/client.json",
  ])("%s → error page, no fetch, no redirect", async (template) => {
    const clientId = template.replace("PORT", String(port));
    const before = requests;
    const res = await new Agent(server.url).fetch(authorizeUrl(server, { clientId, redirectUri: "http://127.0.0.1:9/cb" }));
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
    expect(requests).toBe(before);
  });
});
