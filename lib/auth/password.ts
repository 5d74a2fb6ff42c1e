/**
 * Password hashing with scrypt (node:crypto), salted, in a self-describing string:
 *
 *   scrypt$<log2 N>$<r>$<p>$<salt, base64url>$<key, base64url>
 *
 * Parameters: N = 2^15, r = 8, p = 1 (32 MiB, ~50–100 ms here), 16-byte random salt, 64-byte key.
 * That is the OWASP minimum for scrypt. The parameters are stored with each hash, so they can be
 * raised later and old hashes still verify (`needsRehash` tells when to upgrade on sign-in).
 * Comparison is constant-time (timingSafeEqual). Verifying against a malformed hash returns
 * false, never throws.
 */
import "server-only";
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

const LOG_N = 15;
const R = 8;
const P = 1;
const KEY_LEN = 64;
const SALT_LEN = 16;
const MAXMEM = 256 * 1024 * 1024;

function derive(password: string, salt: Buffer, opts: ScryptOptions, keyLen: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, keyLen, { ...opts, maxmem: MAXMEM }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LEN);
  const key = await derive(password, salt, { N: 2 ** LOG_N, r: R, p: P }, KEY_LEN);
  return ["scrypt", LOG_N, R, P, salt.toString("base64url"), key.toString("base64url")].join("$");
}

interface Parsed {
  logN: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parse(stored: string): Parsed | null {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [logN, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, "base64url");
  const key = Buffer.from(parts[5]!, "base64url");
  const sane = Number.isInteger(logN) && logN >= 10 && logN <= 20 && Number.isInteger(r) && r >= 1 && r <= 32 && Number.isInteger(p) && p >= 1 && p <= 16;
  if (!sane || salt.length < 8 || key.length < 32) return null;
  return { logN, r, p, salt, key };
}

export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const parsed = stored ? parse(stored) : null;
  if (!parsed) {
    await dummyVerify(password);
    return false;
  }
  const key = await derive(password, parsed.salt, { N: 2 ** parsed.logN, r: parsed.r, p: parsed.p }, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/** True when a stored hash uses weaker parameters than today's. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.logN < LOG_N || parsed.r < R || parsed.key.length < KEY_LEN;
}

let dummy: Promise<string> | undefined;
/**
 * Spends the same time as a real verification. Called when the email is unknown, so response
 * time does not tell whether an account exists.
 */
export async function dummyVerify(password: string): Promise<void> {
  dummy ??= hashPassword("spectral-dummy-password");
  const parsed = parse(await dummy)!;
  const key = await derive(password, parsed.salt, { N: 2 ** parsed.logN, r: parsed.r, p: parsed.p }, parsed.key.length);
  timingSafeEqual(key, parsed.key);
}
