/**
 * Idempotency keys for write tools: the first call with a key reserves it, the result is stored
 * when the call succeeds, and a retry with the same key gets that result back instead of
 * applying the change twice. A failed call releases its key so the caller can fix and retry.
 */
import "server-only";
import { database } from "./client";

const PENDING = "__pending__";
/** Keys are kept this long; older ones are deleted on the next reservation. */
const RETENTION_MS = 24 * 60 * 60 * 1000;

export type Reservation =
  | { state: "reserved" }
  | { state: "done"; tool: string; result: unknown }
  | { state: "in_progress"; tool: string };

export async function reserveIdempotencyKey(userId: string, key: string, tool: string): Promise<Reservation> {
  const d = database();
  await d.ready;
  const db = d.db;
  await db.idempotencyKey.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - RETENTION_MS) } } });
  try {
    await db.idempotencyKey.create({ data: { userId, key, tool, result: PENDING } });
    return { state: "reserved" };
  } catch {
    const row = await db.idempotencyKey.findUnique({ where: { userId_key: { userId, key } } });
    if (!row) return reserveIdempotencyKey(userId, key, tool);
    if (row.result === PENDING) return { state: "in_progress", tool: row.tool };
    return { state: "done", tool: row.tool, result: JSON.parse(row.result) };
  }
}

export async function completeIdempotencyKey(userId: string, key: string, result: unknown): Promise<void> {
  const d = database();
  await d.ready;
  await d.db.idempotencyKey.update({ where: { userId_key: { userId, key } }, data: { result: JSON.stringify(result) } });
}

export async function releaseIdempotencyKey(userId: string, key: string): Promise<void> {
  const d = database();
  await d.ready;
  await d.db.idempotencyKey.deleteMany({ where: { userId, key, result: PENDING } });
}
