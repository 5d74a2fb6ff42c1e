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
 */
import "server-only";
import { hashPassword, verifyPassword } from "./password";
import type { SignInInput, SignUpInput } from "./schemas";
import { MESSAGES } from "./messages";
import { createUser, findUserByEmail, normalizeEmail } from "@/lib/db/users";
import { hitRateLimit, peekRateLimit, resetRateLimit, type RateLimitRule } from "@/lib/db/rate-limit";

export const SIGN_IN_EMAIL_LIMIT: RateLimitRule = { limit: 5, windowMs: 15 * 60_000 };
export const SIGN_IN_ADDRESS_LIMIT: RateLimitRule = { limit: 50, windowMs: 15 * 60_000 };
export const SIGN_UP_ADDRESS_LIMIT: RateLimitRule = { limit: 20, windowMs: 60 * 60_000 };


export type SignInResult = { ok: true; user: { id: string; name: string; email: string } } | { ok: false; reason: "invalid" | "rate_limited" };

/** The client address a request came from, for rate limits (rightmost X-Forwarded-For entry). */
export function clientAddress(headers: Headers | Record<string, string | string[] | undefined>): string {
  const get = (name: string) => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const v = headers[name];
    return Array.isArray(v) ? v.join(",") : v;
  };
  const xff = get("x-forwarded-for");
  const last = xff?.split(",").map((s) => s.trim()).filter(Boolean).pop();
  return (last ?? get("x-real-ip") ?? "unknown").slice(0, 64);
}

export async function signInWithPassword(input: SignInInput, address: string): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  const emailKey = `signin-email:${email}`;
  const addressKey = `signin-addr:${address}`;
  const [byEmail, byAddress] = await Promise.all([
    peekRateLimit(emailKey, SIGN_IN_EMAIL_LIMIT),
    peekRateLimit(addressKey, SIGN_IN_ADDRESS_LIMIT),
  ]);
  if (byEmail.limited || byAddress.limited) return { ok: false, reason: "rate_limited" };

  const user = await findUserByEmail(email);
  const ok = await verifyPassword(input.password, user?.passwordHash);
  if (!ok || !user) {
    await Promise.all([hitRateLimit(emailKey, SIGN_IN_EMAIL_LIMIT), hitRateLimit(addressKey, SIGN_IN_ADDRESS_LIMIT)]);
    return { ok: false, reason: "invalid" };
  }
  await resetRateLimit(emailKey);
  return { ok: true, user: { id: user.id, name: user.name, email: user.email } };
}

export type SignUpResult = { ok: true; user: { id: string; name: string; email: string } } | { ok: false; message: string };

export async function signUp(input: SignUpInput, address: string): Promise<SignUpResult> {
  const limit = await hitRateLimit(`signup-addr:${address}`, SIGN_UP_ADDRESS_LIMIT);
  if (limit.limited) return { ok: false, message: MESSAGES.signUpRateLimited };
  const passwordHash = await hashPassword(input.password);
  const user = await createUser({ name: input.name, email: input.email, passwordHash });
  if (!user) return { ok: false, message: MESSAGES.signUpFailed };
  return { ok: true, user: { id: user.id, name: user.name, email: user.email } };
}
