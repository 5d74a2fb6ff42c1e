import Link from "next/link";

/**
 * A forgotten password. This deployment sends no email (there is no mail service in its
 * configuration), so it cannot send reset links; the page says so instead of pretending.
 */
export function PasswordResetHelp() {
  return (
    <main className="container narrow" data-testid="password-reset">
      <h1>Forgot your password?</h1>
      <>
          <p className="notice">
            This Spectral deployment has no email service configured, so it cannot send you a reset link, and nobody can see your password (only a one-way hash is stored).
          </p>
          <ul>
            <li>Ask the person who runs this deployment to reset your account.</li>
            <li>Or create a new account with another email address; models can be shared with it from the old account.</li>
            <li>Apps you connected keep working until their access expires; you can revoke them once you are signed in again.</li>
          </ul>
      </>
      <p className="actions">
        <Link className="btn primary" href="/signin">
          Back to sign in
        </Link>
        <Link className="btn" href="/signup">
          Create an account
        </Link>
      </p>
    </main>
  );
}
