"use server";
// Server actions of the viewer page: make and revoke read-only share links (checks in lib/).
import { createShareForCurrentUser, revokeShareForCurrentUser } from "@/lib/viewer/share-actions";

export async function createShareLinkAction(modelId: string) {
  return createShareForCurrentUser(modelId);
}

export async function revokeShareLinkAction(modelId: string, linkId: string) {
  return revokeShareForCurrentUser(modelId, linkId);
}
