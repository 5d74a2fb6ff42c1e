import Link from "next/link";

/**
 * The app's 404: says what may have happened without revealing whether a model exists
 * (unknown, no access and revoked share links look the same), and offers a way back.
 */
export function NotFoundPanel() {
  return (
    <main className="container narrow-wide" data-testid="not-found">
      <p className="badge">404</p>
      <h1>Not found</h1>
      <p className="lead muted">
        This page does not exist, or it is a model you have no access to, or a share link that was revoked or mistyped.
      </p>
      <ul className="muted">
        <li>A model link works only for its owner and the people it is shared with: sign in with the account that has access.</li>
        <li>A revoked share link stays revoked: ask the model&apos;s owner for a new one.</li>
      </ul>
      <div className="actions">
        <Link className="btn primary" href="/models">
          My models
        </Link>
        <Link className="btn" href="/">
          Home
        </Link>
        <Link className="btn" href="/docs">
          Docs
        </Link>
      </div>
    </main>
  );
}
