/**
 * Every key the accounts and OAuth code needs, derived from ONE secret with HKDF (RFC 5869):
 *   - oidc-provider cookie signing keys,
 *   - the ES256 signing key published at /oauth/jwks (ID tokens),
 *   - next-auth's JWT/session secret,
 *   - the HMAC key of consent CSRF tokens.
 *
 * The secret is SPECTRAL_SECRET. When it is unset outside production, a random one is generated
 * once into data/secrets.json (mode 0600) so that restarts keep sessions and keys. A deployment
 * (production with any non-loopback origin) without SPECTRAL_SECRET is a configuration error,
 * never a silently generated key.
 *
 * Derivation is deterministic: the same secret gives the same keys on every instance, so several
 * instances behind a load balancer agree without sharing state. Rotating SPECTRAL_SECRET signs
 * everyone out and invalidates pending authorization requests (tokens are opaque and stay valid).
 */
import "server-only";
import { createECDH, createHash, hkdfSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { env } from "@/lib/env";

export interface EcPrivateJwk {
  kty: "EC";
  crv: "P-256";
  x: string;
  y: string;
  d: string;
  alg: "ES256";
  use: "sig";
  kid: string;
}

export interface SpectralKeys {
  /** Signing keys for oidc-provider's cookies (newest first). */
  cookieKeys: string[];
  /** The ES256 key of the authorization server's JWKS. */
  signingJwk: EcPrivateJwk;
  /** next-auth's `secret` (JWT encryption and CSRF). */
  nextAuthSecret: string;
  /** HMAC key for consent CSRF tokens. */
  csrfKey: Buffer;
}

const SALT = "spectral/keys/v1";
/** P-256 group order. */
const P256_N = BigInt("0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");

function derive(secret: string, label: string, length: number): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.from(SALT), Buffer.from(label), length));
}

/** A P-256 private key from HKDF output: 48 bytes reduced into [1, n-1] (bias < 2^-128). */
function deriveEcKey(secret: string): EcPrivateJwk {
  const wide = BigInt(`0x${derive(secret, "jwks/es256/1", 48).toString("hex")}`);
  const d = (wide % (P256_N - 1n)) + 1n;
  const dBytes = Buffer.from(d.toString(16).padStart(64, "0"), "hex");
  const ecdh = createECDH("prime256v1");
  ecdh.setPrivateKey(dBytes);
  const pub = ecdh.getPublicKey(); // 0x04 || X || Y
  const x = pub.subarray(1, 33).toString("base64url");
  const y = pub.subarray(33, 65).toString("base64url");
  const kid = createHash("sha256").update(`${x}.${y}`).digest("base64url").slice(0, 16);
  return { kty: "EC", crv: "P-256", x, y, d: dBytes.toString("base64url"), alg: "ES256", use: "sig", kid };
}

/** data/secrets.json next to the default SQLite file; created once with a random secret. */
function localSecret(): string {
  const file = join(process.cwd(), "data", "secrets.json");
  if (existsSync(file)) {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as { secret?: unknown };
    if (typeof parsed.secret === "string" && parsed.secret.length >= 32) return parsed.secret;
    throw new Error(`${file} is malformed: delete it to generate a new secret (everyone will be signed out).`);
  }
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  // "wx": never overwrite a file another process created in the meantime.
  try {
    writeFileSync(file, `${JSON.stringify({ secret, note: "Generated for local use. Set SPECTRAL_SECRET in production." }, null, 2)}\n`, {
      mode: 0o600,
      flag: "wx",
    });
  } catch {
    return localSecret();
  }
  return secret;
}

const LOOPBACK = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/**
 * The root secret, or a clear error when a deployment is missing it. A production build served on
 * loopback origins only (the README's quick start, `npm run quickstart`) is local use and gets the
 * generated secret; as soon as any public origin is configured, SPECTRAL_SECRET is required.
 */
export function rootSecret(): string {
  const e = env();
  if (e.SPECTRAL_SECRET) return e.SPECTRAL_SECRET;
  const localOnly = [e.appUrl, e.issuerUrl, e.mcpUrl].every((u) => LOOPBACK.test(new URL(u).origin));
  if (e.NODE_ENV === "production" && !localOnly) {
    throw new Error(
      "SPECTRAL_SECRET is required in production: set it to a random value of at least 32 characters " +
        "(for example `openssl rand -base64 48`). It signs sessions and derives the OAuth signing keys.",
    );
  }
  return localSecret();
}

let cached: { secret: string; keys: SpectralKeys } | undefined;

/** The derived keys of this process (computed on first use, never at import time). */
export function keys(): SpectralKeys {
  const secret = rootSecret();
  if (cached?.secret === secret) return cached.keys;
  const k: SpectralKeys = {
    cookieKeys: [derive(secret, "oidc/cookies/1", 32).toString("base64url")],
    signingJwk: deriveEcKey(secret),
    nextAuthSecret: derive(secret, "nextauth/1", 32).toString("base64url"),
    csrfKey: derive(secret, "consent/csrf/1", 32),
  };
  cached = { secret, keys: k };
  return k;
}
