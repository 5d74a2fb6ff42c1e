/**
 * Share-link actions for the viewer page, as the signed-in user. Server actions are public
 * endpoints: arguments are re-validated here and the session and role are checked again.
 */
import "server-only";
import { safeText } from "@/lib/structural/text";
import { getCurrentUser } from "@/lib/auth/session";
import { createShareLink, listShareLinks, revokeShareLink } from "@/lib/db/share-links";
import { AppError } from "@/lib/structural/errors";
import { attempt } from "./action-result";
import type { ActionResult as ShareResult, ShareLinkRow } from "./types";

const Id = safeText(1, 100);

/** Makes a link for the current user (owner or editor). */
export async function createShareForCurrentUser(modelId: unknown): Promise<ShareResult<{ id: string; url: string; createdAt: string }>> {
  const id = Id.safeParse(modelId);
  if (!id.success) return { ok: false, error: "No such model." };
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: "Sign in again to share this model." };
  return attempt(async () => {
    const link = await createShareLink(user.id, id.data);
    return { id: link.id, url: link.url, createdAt: new Date().toISOString() };
  });
}

/** Revokes a link of a model the current user may share. */
export async function revokeShareForCurrentUser(modelId: unknown, linkId: unknown): Promise<ShareResult<null>> {
  const m = Id.safeParse(modelId), l = Id.safeParse(linkId);
  if (!m.success || !l.success) return { ok: false, error: "No such link." };
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: "Sign in again to manage links." };
  return (await revokeShareLink(user.id, l.data)) ? { ok: true, value: null } : { ok: false, error: "No such link." };
}

/** The model's links for the share dialog (empty when the user may not share). */
export async function shareLinksForDialog(userId: string, modelId: string): Promise<ShareLinkRow[]> {
  try {
    const links = await listShareLinks(userId, modelId);
    return links.map((l) => ({ id: l.id, createdAt: l.createdAt.toISOString(), revokedAt: l.revokedAt?.toISOString() ?? null }));
  } catch (e) {
    if (e instanceof AppError) return [];
    throw e;
  }
}
