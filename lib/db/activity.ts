/**
 * The activity log: every MCP tool call per user (time, client, tool, model, outcome, duration,
 * a short summary of the arguments — never tokens or whole payloads). Old entries are pruned.
 */
import "server-only";
import { database } from "./client";
import { newId } from "./ids";

export interface ActivityEntry {
  userId: string;
  clientId: string | null;
  tool: string;
  modelId: string | null;
  outcome: string;
  durationMs: number;
  summary: string;
}

export async function recordActivity(e: ActivityEntry): Promise<void> {
  const d = database();
  await d.ready;
  await d.db.activityLog.create({ data: { id: newId(), ...e, summary: e.summary.slice(0, 500) } });
}

export async function listActivity(userId: string, opts: { clientId?: string; limit?: number } = {}) {
  const d = database();
  await d.ready;
  return d.db.activityLog.findMany({
    where: { userId, ...(opts.clientId ? { clientId: opts.clientId } : {}) },
    orderBy: { createdAt: "desc" },
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
