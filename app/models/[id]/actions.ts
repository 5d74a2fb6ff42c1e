"use server";
// Server actions of the viewer page: make and revoke read-only share links (checks in lib/).
import { createShareForCurrentUser, revokeShareForCurrentUser } from "@/lib/web/share-links";
import { saveUnitSystemForCurrentUser } from "@/lib/web/units";

export async function createShareLinkAction(modelId: string) {
  return createShareForCurrentUser(modelId);
}

export async function revokeShareLinkAction(modelId: string, linkId: string) {
  return revokeShareForCurrentUser(modelId, linkId);
}

/** Saves the signed-in user's unit system (SI or US) from the viewer's Units control. */
export async function saveUnitSystemAction(system: unknown) {
  return saveUnitSystemForCurrentUser(system);
}
