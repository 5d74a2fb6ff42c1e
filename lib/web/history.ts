/**
 * The history panel's data: a model's revisions with "who" resolved for the reader — "you",
 * a collaborator's name, or the OAuth client's name (from the acting user's connected apps;
 * the client id when that connection is gone) on someone's behalf.
 */
import "server-only";
import { listRevisions } from "@/lib/db/models";
import { listConnections } from "@/lib/db/connections";
import { findUserById } from "@/lib/db/users";

export interface HistoryItem {
  revision: number;
  summary: string;
  by: string;
  createdAt: string;
  source: string;
}

export interface HistoryData {
  latestRevision: number;
  items: HistoryItem[];
}

function shortId(id: string): string {
  return id.length > 40 ? `${id.slice(0, 37)}…` : id;
}

/** Null when the user may not see the model. */
export async function historyForPanel(userId: string, modelId: string, limit = 50): Promise<HistoryData | null> {
  const res = await listRevisions(modelId, userId, { limit });
  if (!res) return null;
  const actorIds = [...new Set(res.items.map((r) => r.actorId).filter((a): a is string => !!a))];
  const names = new Map<string, string>();
  const clientNames = new Map<string, string>(); // `${actorId}\u0000${clientId}` → name
  await Promise.all(
    actorIds.map(async (a) => {
      if (a !== userId) {
        const u = await findUserById(a);
        names.set(a, u?.name ?? "a former collaborator");
      }
      if (res.items.some((r) => r.actorId === a && r.clientId)) {
        for (const c of await listConnections(a)) clientNames.set(`${a}\u0000${c.clientId}`, c.clientName);
      }
    }),
  );
  const person = (a: string | null) => (!a ? "someone" : a === userId ? "you" : names.get(a) ?? "a collaborator");
  return {
    latestRevision: res.latestRevision,
    items: res.items.map((r) => {
      let by = person(r.actorId);
      if (r.clientId) {
        const name = clientNames.get(`${r.actorId}\u0000${r.clientId}`);
        const client = name && name !== r.clientId ? `${name} (OAuth client ${shortId(r.clientId)})` : `OAuth client ${shortId(r.clientId)}`;
        by = `${client} for ${by}`;
      }
      return { revision: r.revision, summary: r.summary, by, createdAt: r.createdAt.toISOString(), source: r.source };
    }),
  };
}
