"use client";
import { useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { signUpAction, type SignUpState } from "@/lib/auth/actions";
import { MESSAGES } from "@/lib/auth/messages";
import { PASSWORD_MIN } from "@/lib/auth/schemas";

export interface SignUpFormProps {
  /** Where to go once the account exists and the user is signed in (same-origin, checked by the page). */
  callbackUrl: string;
}

type Fields = Partial<Record<"name" | "email" | "password", string>>;

/** Creates an account (server action), then signs in with the same credentials. */
export function SignUpForm({ callbackUrl }: SignUpFormProps) {
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Fields>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const input = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
    setPending(true);
    setError(null);
    setFields({});
    try {
      const res: SignUpState = await signUpAction(input);
      if (!res.ok) {
        setError(res.message);
        setFields(res.fields ?? {});
        setPending(false);
        // Move to the first field the error names.
        const first = (["name", "email", "password"] as const).find((k) => res.fields?.[k]);
        if (first) (e.target as HTMLFormElement).querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
        return;
      }
      const signedIn = await signIn("credentials", { email: input.email, password: input.password, redirect: false, callbackUrl });
      window.location.assign(signedIn && !signedIn.error ? callbackUrl : `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      return;
    } catch {
      setError(MESSAGES.generic);
    }
    setPending(false);
  }

  return (
    <form className="stack" method="post" onSubmit={onSubmit} noValidate>
      <label>
        Name
        <input type="text" name="name" autoComplete="name" required maxLength={100} aria-invalid={!!fields.name} aria-describedby={fields.name ? "signup-name-error" : undefined} />
      </label>
      {fields.name && (
        <span className="field-error" id="signup-name-error">
          {fields.name}
        </span>
      )}
      <label>
        Email
        <input type="email" name="email" autoComplete="email" required maxLength={254} aria-invalid={!!fields.email} aria-describedby={fields.email ? "signup-email-error" : undefined} />
      </label>
      {fields.email && (
        <span className="field-error" id="signup-email-error">
          {fields.email}
        </span>
      )}
      <label>
        Password
        <input type="password" name="password" autoComplete="new-password" required minLength={PASSWORD_MIN} maxLength={200} aria-invalid={!!fields.password} aria-describedby="signup-password-help" />
      </label>
      <span className={fields.password ? "field-error" : "muted"} id="signup-password-help">
        {fields.password ?? `At least ${PASSWORD_MIN} characters.`}
      </span>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button className="btn primary" type="submit" disabled={pending}>
        Create account
      </button>
    </form>
  );
}
