/**
 * Input schemas of the account endpoints (validated at the edge, before anything is written),
 * and the same-origin rule for post-sign-in redirects. Pure: usable on server and client.
 */
import { z } from "zod";
import { refuseControlCharacters } from "@/lib/structural/text";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

const email = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .max(254, "That email address is too long.")
  .pipe(z.email({ error: "Enter a valid email address." }));

export const SignUpSchema = z.object({
  name: refuseControlCharacters(
    z
      .string({ error: "Enter your name." })
      .trim()
      .min(1, "Enter your name.")
      .max(100, "Keep the name under 100 characters."),
  ),
  email,
  password: z
    .string({ error: "Choose a password." })
    .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters for the password.`)
    .max(PASSWORD_MAX, `Keep the password under ${PASSWORD_MAX} characters.`),
});
export type SignUpInput = z.infer<typeof SignUpSchema>;

export const SignInSchema = z.object({
  email,
  password: z.string().min(1).max(PASSWORD_MAX),
});
export type SignInInput = z.infer<typeof SignInSchema>;

/**
 * Where to go after signing in: a same-origin path ("/oauth/interaction/…", "/models"), or an
 * absolute URL on one of `origins` (this deployment's app and issuer origins). Anything else
 * (other hosts, protocol-relative "//evil", backslashes, control characters, javascript:) gives
 * `fallback`. Prevents open redirects and login CSRF through a crafted callbackUrl.
 */
export function safeCallbackUrl(raw: unknown, origins: readonly string[], fallback = "/"): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2048) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return fallback;
  if (raw.startsWith("/")) {
    if (raw.startsWith("//")) return fallback;
    try {
      const u = new URL(raw, "http://same-origin.invalid");
      if (u.origin !== "http://same-origin.invalid") return fallback;
      return `${u.pathname}${u.search}${u.hash}`;
    } catch {
      return fallback;
    }
  }
  try {
    const u = new URL(raw);
    if ((u.protocol === "https:" || u.protocol === "http:") && !u.username && !u.password && origins.includes(u.origin)) {
      return u.toString();
    }
  } catch {
    /* not a URL */
  }
  return fallback;
}
