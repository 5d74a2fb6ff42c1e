/**
 * The reads behind live viewers (lib/web/live.ts): which revision models are at (one query for
 * every model a process is watching), the revisions after the one a viewer shows, and whether a
 * viewer may still see the model (the viewer page's rules: owner or member by user id, or a live
 * share token for that model).
 */
import "server-only";
import { database } from "./client";
import { readRows, type HotQuery } from "./hot-reads";
import { resolveShareToken } from "./share-links";
import type { StoredChange } from "./model-writes";

async function ready() {
  const d = database();
  await d.ready;
  return d;
}

export type LiveRole = "owner" | "editor" | "viewer" | "share";

/** Parameters: userId, modelId. One indexed read of the model row and the membership row. */
const ROLE: HotQuery = {
  name: "live_role",
  sql: `SELECT m."ownerId" AS "ownerId", (SELECT mm."role" FROM "ModelMember" mm WHERE mm."modelId" = m."id" AND mm."userId" = ?) AS "memberRole", m."revision" AS "revision" FROM "Model" m WHERE m."id" = ?`,
};

/** The viewer's access to a model and its latest revision, or null (no access or no model). */
export async function liveAccess(modelId: string, access: { userId: string | null; shareToken: string | null }): Promise<{ role: LiveRole; revision: number } | null> {
  const [row] = await readRows<{ ownerId: string; memberRole: string | null; revision: number | string }>(await ready(), ROLE, [access.userId ?? "", modelId]);
  if (!row) return null;
  const revision = Number(row.revision);
  if (access.userId && row.ownerId === access.userId) return { role: "owner", revision };
  if (access.userId && (row.memberRole === "editor" || row.memberRole === "viewer")) return { role: row.memberRole, revision };
  if (access.shareToken && (await resolveShareToken(access.shareToken)) === modelId) return { role: "share", revision };
  return null;
}

/** The latest revision of each model that still exists (the live poller's one query per tick). */
export async function latestRevisions(modelIds: readonly string[]): Promise<Map<string, number>> {
  if (modelIds.length === 0) return new Map();
  const { db } = await ready();
  const rows = await db.model.findMany({ where: { id: { in: [...modelIds] } }, select: { id: true, revision: true } });
  return new Map(rows.map((r) => [r.id, r.revision]));
}

export interface LiveRevision {
  revision: number;
  actorId: string | null;
  clientId: string | null;
  source: string;
  summary: string;
  counts: StoredChange["counts"];
  live: StoredChange["live"] | null;
  createdAt: Date;
}

/** Revisions after `after`, oldest first, at most `limit` (callers check access first). */
export async function revisionsAfter(modelId: string, after: number, limit: number): Promise<LiveRevision[]> {
  const { db } = await ready();
  const rows = await db.modelRevision.findMany({
    where: { modelId, revision: { gt: after } },
    orderBy: { revision: "asc" },
    take: limit,
    select: { revision: true, actorId: true, clientId: true, source: true, summary: true, changes: true, createdAt: true },
  });
  return rows.map(({ changes, ...r }) => {
    const c = JSON.parse(changes) as StoredChange;
    return { ...r, counts: c.counts, live: c.live ?? null };
  });
}
