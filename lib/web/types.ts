/**
 * Plain data the web surface's loaders and server actions hand to components (types only: client
 * components may import this file).
 */

/** What a server action answers: the value, or a message that says what to do. */
export type ActionResult<T = null> = { ok: true; value: T } | { ok: false; error: string };

/** A share link as the Share dialog lists it (the token itself is shown once, at creation). */
export interface ShareLinkRow {
  id: string;
  createdAt: string;
  revokedAt: string | null;
}
