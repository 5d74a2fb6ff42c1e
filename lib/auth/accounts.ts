/**
 * Account policy: sign-up and password sign-in, with rate limits and generic failures.
 *
 *   - Sign-in failures never say whether the email exists: unknown email and wrong password are
 *     the same `invalid` result, and an unknown email still costs one scrypt verification.
 *   - Failed sign-ins are limited per email (5 per 15 minutes, counted for unknown emails too)
 *     and per client address (50 per 15 minutes). While limited, even the right password is
 *     refused; a successful sign-in clears the email's counter.
 *   - Sign-ups are limited per client address (20 per hour). A taken email gets the same generic
 *     message as any other failure to create the account, after the same hashing work.
 *   - The limits are SPECTRAL_RATE_LIMIT_SIGN_IN_FAILURES_PER_EMAIL / _PER_ADDRESS and
 *     SPECTRAL_RATE_LIMIT_SIGN_UPS_PER_HOUR (0 turns one off); the client address follows the
 *     trusted-proxy setting (lib/http/client-address.ts).
 */
import "server-only";
import { hashPassword, verifyPassword } from "./password";
import type { SignInInput, SignUpInput } from "./schemas";
import { MESSAGES } from "./messages";
import { createUser, findUserByEmail, normalizeEmail } from "@/lib/db/users";
import { hitRateLimit, peekRateLimit, resetRateLimit, type RateLimitRule } from "@/lib/db/rate-limit";
import { env, type Env } from "@/lib/env";

/** Failed sign-ins per email per 15 minutes (SPECTRAL_RATE_LIMIT_SIGN_IN_FAILURES_PER_EMAIL, default 5). */
export function signInEmailLimit(e: Env = env()): RateLimitRule {
  return { limit: e.SPECTRAL_RATE_LIMIT_SIGN_IN_FAILURES_PER_EMAIL, windowMs: 15 * 60_000 };
}
/** Failed sign-ins per client address per 15 minutes (SPECTRAL_RATE_LIMIT_SIGN_IN_FAILURES_PER_ADDRESS, default 50). */
export function signInAddressLimit(e: Env = env()): RateLimitRule {
  return { limit: e.SPECTRAL_RATE_LIMIT_SIGN_IN_FAILURES_PER_ADDRESS, windowMs: 15 * 60_000 };
}
/** Sign-ups per client address per hour (SPECTRAL_RATE_LIMIT_SIGN_UPS_PER_HOUR, default 20). */
export function signUpAddressLimit(e: Env = env()): RateLimitRule {
  return { limit: e.SPECTRAL_RATE_LIMIT_SIGN_UPS_PER_HOUR, windowMs: 60 * 60_000 };
}

export type SignInResult = { ok: true; user: { id: string; name: string; email: string } } | { ok: false; reason: "invalid" | "rate_limited" };

export async function signInWithPassword(input: SignInInput, address: string): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  const emailKey = `signin-email:${email}`;
  const addressKey = `signin-addr:${address}`;
  const [byEmail, byAddress] = await Promise.all([
    peekRateLimit(emailKey, signInEmailLimit()),
    peekRateLimit(addressKey, signInAddressLimit()),
  ]);
  if (byEmail.limited || byAddress.limited) return { ok: false, reason: "rate_limited" };

  const user = await findUserByEmail(email);
  const ok = await verifyPassword(input.password, user?.passwordHash);
  if (!ok || !user) {
    await Promise.all([hitRateLimit(emailKey, signInEmailLimit()), hitRateLimit(addressKey, signInAddressLimit())]);
    return { ok: false, reason: "invalid" };
  }
  await resetRateLimit(emailKey);
  return { ok: true, user: { id: user.id, name: user.name, email: user.email } };
}

export type SignUpResult = { ok: true; user: { id: string; name: string; email: string } } | { ok: false; message: string };

export async function signUp(input: SignUpInput, address: string): Promise<SignUpResult> {
  const limit = await hitRateLimit(`signup-addr:${address}`, signUpAddressLimit());
  if (limit.limited) return { ok: false, message: MESSAGES.signUpRateLimited };
  const passwordHash = await hashPassword(input.password);
  const user = await createUser({ name: input.name, email: input.email, passwordHash });
  if (!user) return { ok: false, message: MESSAGES.signUpFailed };
  return { ok: true, user: { id: user.id, name: user.name, email: user.email } };
}
