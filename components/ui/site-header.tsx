import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";

export interface SiteHeaderProps {
  /** Who is signed in (null: a "Sign in" link instead of the name and "Sign out"). */
  user: { name: string } | null;
}

/** The bar at the top of every page: navigation, and who is signed in. */
export function SiteHeader({ user }: SiteHeaderProps) {
  return (
    <header className="site-header">
      <Link href="/" className="brand" aria-label="Spectral home">
        <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M3 20 L12 4 L21 20 Z M7.5 12 H16.5" fill="none" stroke="#4fb3ff" strokeWidth="2" strokeLinejoin="round" />
        </svg>
        Spectral
      </Link>
      <nav>
        <Link href="/models">My models</Link>
        <Link href="/docs/mcp/chatgpt">Docs</Link>
        <Link href="/settings/connections">Connected apps</Link>
      </nav>
      {user ? (
        <div className="actions" style={{ marginTop: 0, alignItems: "center" }}>
          <span className="muted" data-testid="signed-in-user">
            {user.name}
          </span>
          <SignOutButton />
        </div>
      ) : (
        <Link href="/signin" className="btn">
          Sign in
        </Link>
      )}
    </header>
  );
}
