/** User-facing account messages, generic on purpose (they never say whether an email exists). */
export const MESSAGES = {
  invalid: "Wrong email or password.",
  rateLimited: "Too many sign-in attempts. Wait 15 minutes and try again.",
  signUpFailed: "We could not create an account with these details. If you already have an account, sign in instead.",
  signUpRateLimited: "Too many accounts were created from your network. Try again later.",
  generic: "Something went wrong. Try again.",
} as const;

/** The message for a next-auth `?error=` code. */
export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  if (code === "RateLimited") return MESSAGES.rateLimited;
  if (code === "CredentialsSignin") return MESSAGES.invalid;
  return MESSAGES.generic;
}
