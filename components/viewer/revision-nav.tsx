/** "Revision N of M" with links to the previous, next and latest revisions (no state: server or client). */

export interface RevisionNavProps {
  revision: number;
  latest: number;
  /** The latest revision's URL; revision r is `${base}?rev=r`. */
  base: string;
}

export function RevisionNav({ revision, latest, base }: RevisionNavProps) {
  const href = (r: number | undefined) => (r ? `${base}?rev=${r}` : base);
  return (
    <nav className="sv-revnav" aria-label="Revisions">
      <span data-testid="revision-of">
        Revision {revision} of {latest}
      </span>
      <span className="sv-revnav-links">
        {revision > 1 && (
          <a href={href(revision - 1)} rel="nofollow">
            ‹ {revision - 1}
          </a>
        )}
        {revision < latest && (
          <a href={href(revision + 1 === latest ? undefined : revision + 1)} rel="nofollow">
            {revision + 1} ›
          </a>
        )}
        {revision < latest && (
          <a href={href(undefined)} rel="nofollow">
            latest
          </a>
        )}
      </span>
    </nav>
  );
}
