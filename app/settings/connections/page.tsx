import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { connectionsPageData } from "@/lib/web/connections";
import { ConnectionsList } from "@/components/auth/connections-list";
import { ActivityLog } from "@/components/auth/activity-log";
import { revokeConnectionAction } from "./actions";

export const metadata: Metadata = { title: "Connected apps" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// GET /settings/connections – every app with access to the signed-in user's models, with Revoke.
export default async function ConnectionsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent("/settings/connections")}`);
  const [{ connections, activity: log }, sp] = await Promise.all([connectionsPageData(user.id), searchParams]);
  const activity = Object.fromEntries(
    connections.map((c) => [c.clientId, <ActivityLog key={c.clientId} rows={log.byClient.get(c.clientId) ?? []} modelNames={log.modelNames} />] as const),
  );
  return (
    <main className="container">
      <h1>Connected apps</h1>
      <p className="muted">
        These apps (ChatGPT, Claude and other MCP clients) can reach your Spectral models with the access you approved.
        Revoking an app stops its access at once; it has to ask you again to reconnect.
      </p>
      {sp.revoked && (
        <p className="notice" role="status">
          Access revoked.
        </p>
      )}
      {sp.error && (
        <p className="error" role="alert">
          {sp.error === "gone" ? "That app no longer had access." : "That request was not valid."}
        </p>
      )}
      {/* ACTIVITY SLOT: each client's recent tool calls (lib/db/activity.ts). */}
      <ConnectionsList connections={connections} revokeAction={revokeConnectionAction} activity={activity} />
    </main>
  );
}
