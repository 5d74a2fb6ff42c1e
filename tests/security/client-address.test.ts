/**
 * Client addresses for per-address limits on the real server (issue 13, item 4, and the
 * configurable sign-up / sign-in limits): the socket's peer unless SPECTRAL_TRUSTED_PROXIES says
 * which X-Forwarded-For hops to believe. Plus the parsing rules, as pure functions.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv, parseTrustedProxies, type TrustedProxies } from "@/lib/env";
import { clientAddress, requestHost, PEER_HEADER, UNKNOWN_PEER } from "@/lib/http/client-address";
import { startServer, testAddress, asClient, type RunningServer } from "../support/server";
import { rawRequest } from "../support/raw-http";
import { Agent, createTestUser, signIn, uniqueEmail } from "../support/oauth";
import { startProdServer, type ProdServer } from "../support/prod-server";

const trust = (v: string) => parseTrustedProxies(v) as TrustedProxies;

describe("SPECTRAL_TRUSTED_PROXIES and the client address (pure)", () => {
  it("accepts none, a hop count, or addresses/CIDRs, and names what is wrong otherwise", () => {
    expect(parseTrustedProxies("0")).toEqual({ kind: "none" });
    expect(parseTrustedProxies("2")).toEqual({ kind: "hops", hops: 2 });
    expect(parseTrustedProxies("10.0.0.0/8, ::1")).toMatchObject({ kind: "networks", networks: [{ address: "10.0.0.0", prefix: 8 }, { address: "::1", prefix: 128 }] });
    for (const bad of ["11", "10.0.0.0/33", "proxy.internal", "10.0.0.1/8/1", "-1"]) expect(parseTrustedProxies(bad)).toMatch(/SPECTRAL_TRUSTED_PROXIES/);
    expect(() => parseEnv({ SPECTRAL_TRUSTED_PROXIES: "everyone" })).toThrow(/SPECTRAL_TRUSTED_PROXIES/);
  });

  it("uses the socket's peer unless told to trust proxies, and walks X-Forwarded-For from the right", () => {
    const h = (peer: string, xff?: string) => new Headers({ [PEER_HEADER]: peer, ...(xff ? { "x-forwarded-for": xff } : {}) });
    // No trust: whatever the client writes is ignored.
    expect(clientAddress(h("203.0.113.9", "1.1.1.1"), trust("0"))).toBe("203.0.113.9");
    expect(clientAddress(h("::ffff:203.0.113.9"), trust("0"))).toBe("203.0.113.9");
    // One proxy: the entry it appended (right-most), not the client's own claim on the left.
    expect(clientAddress(h("10.0.0.5", "6.6.6.6, 198.51.100.7"), trust("1"))).toBe("198.51.100.7");
    expect(clientAddress(h("10.0.0.5", "6.6.6.6, 198.51.100.7, 10.0.0.4"), trust("2"))).toBe("198.51.100.7");
    // Networks: skip our proxies, stop at the first other address.
    expect(clientAddress(h("10.0.0.5", "6.6.6.6, 198.51.100.7, 10.0.0.4"), trust("10.0.0.0/8"))).toBe("198.51.100.7");
    // A peer outside the list is the client, whatever it forwards.
    expect(clientAddress(h("198.51.100.7", "6.6.6.6"), trust("10.0.0.0/8"))).toBe("198.51.100.7");
    // Garbage in the chain stops the walk at the last readable address.
    expect(clientAddress(h("10.0.0.5", "not-an-ip"), trust("1"))).toBe("10.0.0.5");
    // No peer recorded (an in-process call): never a forwarded value.
    expect(clientAddress(new Headers({ "x-forwarded-for": "1.2.3.4" }), trust("1"))).toBe(UNKNOWN_PEER);
  });

  it("believes X-Forwarded-Host only from a trusted proxy", () => {
    const headers = new Headers({ [PEER_HEADER]: "10.0.0.5", host: "10.0.0.9:3000", "x-forwarded-host": "mcp.example.com" });
    expect(requestHost(headers, trust("0"))).toBe("10.0.0.9:3000");
    expect(requestHost(headers, trust("1"))).toBe("mcp.example.com");
    expect(requestHost(headers, trust("192.168.0.0/16"))).toBe("10.0.0.9:3000");
  });
});

function register(url: string, headers: Record<string, string> = {}, localAddress?: string) {
  return rawRequest(`${url}/oauth/register`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ client_name: "Limit probe", redirect_uris: ["https://c.example/cb"] }),
    localAddress,
  });
}

describe("without a trusted proxy (the default)", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { SPECTRAL_TRUSTED_PROXIES: "0", SPECTRAL_RATE_LIMIT_REGISTRATIONS_PER_MINUTE: "3", SPECTRAL_RATE_LIMIT_SIGN_IN_FAILURES_PER_ADDRESS: "3" } });
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("a client cannot reset its limit by changing X-Forwarded-For", async () => {
    for (let i = 0; i < 3; i++) expect((await register(server.url, { "x-forwarded-for": testAddress() }, "127.0.0.2")).status).toBe(201);
    const refused = await register(server.url, { "x-forwarded-for": testAddress() }, "127.0.0.2");
    expect(refused.status).toBe(429);
  });

  it("clients without the header do not share one key: each socket address has its own budget", async () => {
    for (let i = 0; i < 3; i++) expect((await register(server.url, {}, "127.0.0.3")).status).toBe(201);
    expect((await register(server.url, {}, "127.0.0.3")).status).toBe(429);
    expect((await register(server.url, {}, "127.0.0.4")).status).toBe(201);
  });
});

describe("behind a trusted proxy: each test user has its own address", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { SPECTRAL_RATE_LIMIT_REGISTRATIONS_PER_MINUTE: "3", SPECTRAL_RATE_LIMIT_SIGN_IN_FAILURES_PER_ADDRESS: "3", SPECTRAL_RATE_LIMIT_SIGN_IN_FAILURES_PER_EMAIL: "100" } });
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("registrations count per forwarded client address", async () => {
    const a = asClient();
    for (let i = 0; i < 3; i++) expect((await register(server.url, a)).status).toBe(201);
    expect((await register(server.url, a)).status).toBe(429);
    // A client-written entry on the left does not change who the proxy says the client is.
    expect((await register(server.url, { "x-forwarded-for": `${testAddress()}, ${a["x-forwarded-for"]}` })).status).toBe(429);
    expect((await register(server.url, asClient())).status).toBe(201);
  });

  it("failed sign-ins per address follow SPECTRAL_RATE_LIMIT_SIGN_IN_FAILURES_PER_ADDRESS, even for the right password", async () => {
    const user = await createTestUser(server);
    const address = asClient();
    const agent = new Agent(server.url);
    const withAddress = (a: Agent) => {
      const original = a.fetch.bind(a);
      a.fetch = (url, init = {}) => original(url, { ...init, headers: { ...Object.fromEntries(new Headers(init.headers)), ...address } });
      return a;
    };
    withAddress(agent);
    for (let i = 0; i < 3; i++) expect((await signIn(agent, uniqueEmail("nobody"), "wrong password 1")).error).toBe("CredentialsSignin");
    expect((await signIn(agent, user.email, user.password)).error).toBe("RateLimited");
    // The same user from another address signs in.
    const other = new Agent(server.url);
    const o = other.fetch.bind(other);
    other.fetch = (url, init = {}) => o(url, { ...init, headers: { ...Object.fromEntries(new Headers(init.headers)), ...asClient() } });
    expect((await signIn(other, user.email, user.password)).error).toBeNull();
  });
});

describe("npm start (scripts/serve.mjs) keys on the socket address too", () => {
  let server: ProdServer;
  beforeAll(async () => {
    server = await startProdServer({ env: { SPECTRAL_TRUSTED_PROXIES: "0", SPECTRAL_RATE_LIMIT_REGISTRATIONS_PER_MINUTE: "2" } });
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("a changed X-Forwarded-For does not reset the limit, and another socket address has its own", async () => {
    for (let i = 0; i < 2; i++) expect((await register(server.url, { "x-forwarded-for": testAddress() }, "127.0.0.5")).status).toBe(201);
    expect((await register(server.url, { "x-forwarded-for": testAddress() }, "127.0.0.5")).status).toBe(429);
    // A client cannot claim to be the peer either.
    expect((await register(server.url, { "x-spectral-peer-address": "127.0.0.9" }, "127.0.0.5")).status).toBe(429);
    expect((await register(server.url, {}, "127.0.0.6")).status).toBe(201);
  });
});
