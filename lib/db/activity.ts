/**
 * The activity log: every MCP tool call per user (time, client, tool, model, outcome, duration,
 * a short summary of the arguments — never tokens or whole payloads). Old entries are pruned.
 */
import "server-only";
import { database } from "./client";
import { newId } from "./ids";
import { logger } from "@/lib/observability/logger";
import { onShutdown } from "@/lib/observability/shutdown";

export interface ActivityEntry {
  userId: string;
  clientId: string | null;
  tool: string;
  modelId: string | null;
  outcome: string;
  durationMs: number;
  summary: string;
}

/**
 * Entries are written in batches: a tool call only queues its entry, and one multi-row INSERT per
 * FLUSH_MS writes what queued up (a row per call cost a write — on SQLite the database's write
 * lock — on every read-only tool call). Each entry keeps the database it was recorded for and the
 * time of the call. `listActivity` flushes first, so this process reads its own entries; other
 * instances' entries appear within FLUSH_MS. `flushActivity` runs at shutdown.
 */
export const ACTIVITY_FLUSH_MS = 200;
const BATCH = 500;
/** Beyond this many queued entries (the database is away), the oldest are dropped. */
const MAX_QUEUED = 20_000;

interface Queued { db: ReturnType<typeof database>; row: ActivityEntry & { id: string; createdAt: Date } }
interface Queue { items: Queued[]; timer?: NodeJS.Timeout; flushing?: Promise<void>; dropped: number }
const Q = Symbol.for("spectral.activityQueue");

function queue(): Queue {
  const g = globalThis as { [Q]?: Queue };
  g[Q] ??= { items: [], dropped: 0 };
  return g[Q];
}

function warn(err: unknown): void {
  logger.warn("activity log write failed", { error: err instanceof Error ? err.message : String(err) });
}

/** Queues one entry (never throws, never waits for the database). */
export function recordActivity(e: ActivityEntry): void {
  const q = queue();
  // The first entry of a batch: whatever is buffered is written at shutdown.
  if (q.items.length === 0) onShutdown("activity-log", flushActivity, "flush");
  q.items.push({ db: database(), row: { id: newId(), ...e, summary: e.summary.slice(0, 500), createdAt: new Date() } });
  if (q.items.length > MAX_QUEUED) {
    q.dropped += q.items.length - MAX_QUEUED;
    q.items.splice(0, q.items.length - MAX_QUEUED);
  }
  if (q.items.length >= BATCH) void flushActivity().catch(warn);
  else q.timer ??= setTimeout(() => void flushActivity().catch(warn), ACTIVITY_FLUSH_MS).unref();
}

/** Writes every queued entry. Rejects (after writing what it could) when a batch fails. */
export async function flushActivity(): Promise<void> {
  const q = queue();
  if (q.timer) clearTimeout(q.timer);
  q.timer = undefined;
  while (q.flushing) await q.flushing;
  if (!q.items.length) return;
  const items = q.items.splice(0, q.items.length);
  const dropped = q.dropped;
  q.dropped = 0;
  q.flushing = (async () => {
    const failures: string[] = [];
    const byDb = new Map<Queued["db"], Queued["row"][]>();
    for (const it of items) {
      const rows = byDb.get(it.db);
      if (rows) rows.push(it.row);
      else byDb.set(it.db, [it.row]);
    }
    for (const [d, rows] of byDb) {
      await d.ready;
      for (let i = 0; i < rows.length; i += BATCH) {
        try {
          await d.db.activityLog.createMany({ data: rows.slice(i, i + BATCH) });
        } catch (err) {
          failures.push(err instanceof Error ? err.message : String(err));
        }
      }
    }
    if (dropped) failures.push(`${dropped} entries dropped while the queue was full`);
    if (failures.length) throw new Error(`activity log write failed: ${failures.join("; ")}`);
  })();
  try {
    await q.flushing;
  } finally {
    q.flushing = undefined;
  }
}

export async function listActivity(userId: string, opts: { clientId?: string; limit?: number } = {}) {
  await flushActivity().catch(() => undefined);
  const d = database();
  await d.ready;
  return d.db.activityLog.findMany({
    where: { userId, ...(opts.clientId ? { clientId: opts.clientId } : {}) },
    // Ids grow monotonically within a process: they order calls made in the same millisecond.
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(opts.limit ?? 20, 1), 200),
  });
}

/** Deletes entries older than `days` days; returns how many. */
export async function pruneActivity(days = 90): Promise<number> {
  const d = database();
  await d.ready;
  const res = await d.db.activityLog.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - days * 86_400_000) } } });
  return res.count;
}

/**
 * The latest `perClient` entries of each of the user's clients, and the names of the models they
 * name (only models the user can still open), in a constant number of queries whatever the number
 * of clients: the ids come from one windowed query (ROW_NUMBER per client, SQLite and PostgreSQL),
 * the rows and the model names from one query each.
 */
export async function listActivityByClient(userId: string, perClient = 10): Promise<{ byClient: Map<string, Awaited<ReturnType<typeof listActivity>>>; modelNames: Map<string, string> }> {
  await flushActivity().catch(() => undefined);
  const d = database();
  await d.ready;
  const n = Math.min(Math.max(Math.floor(perClient), 1), 100);
  const ids = await d.db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM (
      SELECT "id", ROW_NUMBER() OVER (PARTITION BY "clientId" ORDER BY "createdAt" DESC, "id" DESC) AS "rn"
      FROM "ActivityLog" WHERE "userId" = ${userId} AND "clientId" IS NOT NULL
    ) "t" WHERE "rn" <= ${n}`;
  const rows = ids.length
    ? await d.db.activityLog.findMany({ where: { id: { in: ids.map((r) => r.id) } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] })
    : [];
  const byClient = new Map<string, typeof rows>();
  for (const r of rows) {
    const list = byClient.get(r.clientId!) ?? [];
    list.push(r);
    byClient.set(r.clientId!, list);
  }
  const modelIds = [...new Set(rows.map((r) => r.modelId).filter((m): m is string => !!m))];
  const models = modelIds.length
    ? await d.db.model.findMany({ where: { id: { in: modelIds }, OR: [{ ownerId: userId }, { members: { some: { userId } } }] }, select: { id: true, name: true } })
    : [];
  return { byClient, modelNames: new Map(models.map((m) => [m.id, m.name])) };
}
