"use client";
import { useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { MESSAGES, signInErrorMessage } from "@/lib/auth/messages";

export interface SignInFormProps {
  /** Where to go after signing in (already checked to be same-origin by the page). */
  callbackUrl: string;
  /** An error to show on load (from next-auth's ?error=). */
  initialError?: string | null;
  /** Pre-filled email (e.g. right after sign-up). */
  email?: string;
}

/** Email + password sign-in through next-auth's credentials provider. */
export function SignInForm({ callbackUrl, initialError, email }: SignInFormProps) {
  const [error, setError] = useState<string | null>(initialError ?? null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    try {
      const res = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
        callbackUrl,
      });
      if (res && !res.error && res.ok) {
        window.location.assign(callbackUrl);
        return;
      }
      setError(signInErrorMessage(res?.error ?? "CredentialsSignin"));
    } catch {
      setError(MESSAGES.generic);
    }
    setPending(false);
  }

  return (
    <form className="stack" method="post" onSubmit={onSubmit}>
      <label>
        Email
        <input type="email" name="email" autoComplete="email" required defaultValue={email} maxLength={254} />
      </label>
      <label>
        Password
        <input type="password" name="password" autoComplete="current-password" required maxLength={200} />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button className="btn primary" type="submit" disabled={pending}>
        Sign in
      </button>
      <a href="/signin/reset" className="muted">
        Forgot your password?
      </a>
    </form>
  );
}
