/**
 * /settings/connections: the apps with access to the signed-in user's models, each with its recent
 * tool calls (one query for every connection's activity, model names included), and the Revoke
 * action. Server actions are public endpoints: the input is validated with zod and the revocation
 * is scoped to the signed-in user, so a forged clientId can only revoke the caller's own access.
 */
import "server-only";
import { z } from "zod";
import { safeText } from "@/lib/structural/text";
import { getCurrentUser } from "@/lib/auth/session";
import { listConnections, revokeConnection, type Connection } from "@/lib/db/connections";
import { listActivityByClient } from "@/lib/db/activity";
import { SCOPE_DESCRIPTIONS, isMcpScope } from "@/lib/oauth/scopes";

export type ActivityRows = Awaited<ReturnType<typeof listActivityByClient>>;

/** A connected app with what each granted scope lets it do, in words. */
export interface ConnectionRow extends Connection {
  access: { scope: string; description: string }[];
}

export interface ConnectionsPageData {
  connections: ConnectionRow[];
  activity: ActivityRows;
}

/** The page's data for `userId` (three queries whatever the number of connections). */
export async function connectionsPageData(userId: string): Promise<ConnectionsPageData> {
  const [connections, activity] = await Promise.all([listConnections(userId), listActivityByClient(userId, 10)]);
  const rows = connections.map((c) => ({ ...c, access: c.scopes.map((scope) => ({ scope, description: isMcpScope(scope) ? SCOPE_DESCRIPTIONS[scope] : scope })) }));
  return { connections: rows, activity };
}

const RevokeInput = z.object({ clientId: safeText(1, 2048) });

/** Revokes every token and grant of one client for the signed-in user, at once. */
export async function revokeConnectionForCurrentUser(formData: FormData): Promise<"signed_out" | "invalid" | "revoked" | "gone"> {
  const user = await getCurrentUser();
  if (!user) return "signed_out";
  const parsed = RevokeInput.safeParse({ clientId: formData.get("clientId") });
  if (!parsed.success) return "invalid";
  return (await revokeConnection(user.id, parsed.data.clientId)) ? "revoked" : "gone";
}
