/**
 * Keys derived from SPECTRAL_SECRET (HKDF): deterministic, distinct per purpose and per secret,
 * a usable ES256 key; and a production server without SPECTRAL_SECRET refuses to run the
 * authorization server with a clear message.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import { startServer, type RunningServer } from "../support/server";

const SECRET = "unit-test-secret-unit-test-secret-0123456789";
let saved: string | undefined;

beforeAll(() => {
  saved = process.env.SPECTRAL_SECRET;
  process.env.SPECTRAL_SECRET = SECRET;
});
afterAll(() => {
  if (saved === undefined) delete process.env.SPECTRAL_SECRET;
  else process.env.SPECTRAL_SECRET = saved;
});

describe("derived keys", () => {
  it("are deterministic, distinct per purpose, and the JWK is a working ES256 key", async () => {
    const { keys } = await import("@/lib/auth/secrets");
    const a = keys();
    const b = keys();
    expect(a).toEqual(b);
    const distinct = new Set([a.cookieKeys[0], a.nextAuthSecret, a.csrfKey.toString("base64url"), a.signingJwk.d]);
    expect(distinct.size).toBe(4);
    for (const v of distinct) expect(v).not.toContain(SECRET);
    expect(a.signingJwk).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig" });
    const priv = createPrivateKey({ key: { ...a.signingJwk }, format: "jwk" });
    const { d: _d, ...pub } = a.signingJwk;
    const sig = sign("sha256", Buffer.from("hello"), { key: priv, dsaEncoding: "ieee-p1363" });
    expect(verify("sha256", Buffer.from("hello"), { key: createPublicKey({ key: pub, format: "jwk" }), dsaEncoding: "ieee-p1363" }, sig)).toBe(true);
  });
});

describe("a deployment (public origins) without SPECTRAL_SECRET", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { SPECTRAL_SECRET: "", SPECTRAL_ISSUER_URL: "https://auth.example.test" } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("refuses OAuth requests with a server_error and logs a clear configuration error", async () => {
    const res = await fetch(`${server.url}/.well-known/oauth-authorization-server`);
    expect(res.status).toBe(500);
    expect(res.headers.get("content-type")).toMatch(/json/);
    const reg = await fetch(`${server.url}/oauth/register`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(reg.status).toBe(500);
    expect((await reg.json()).error).toBe("server_error");
    await expect.poll(() => server.logs()).toContain("SPECTRAL_SECRET is required in production");
  });
});

describe("the local quick start (production build on localhost) without SPECTRAL_SECRET", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { SPECTRAL_SECRET: "" } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("uses the generated local secret, so sign-in and OAuth work out of the box", async () => {
    const res = await fetch(`${server.url}/.well-known/oauth-authorization-server`);
    expect(res.status).toBe(200);
    expect((await res.json()).issuer).toBe(server.url);
  });
});
