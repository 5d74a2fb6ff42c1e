/**
 * Fixed-window rate limits on the RateLimit table (key = "<bucket>:<subject>").
 * Used for failed sign-ins (per email and per client address), sign-ups and dynamic client
 * registrations. A row counts events until `resetAt`; an expired row starts a new window.
 * Counting is best-effort under concurrency (a few extra attempts may pass in a race), which
 * is the usual trade-off for a fixed window. REDIS_URL (another issue) can replace this store.
 */
import "server-only";
import { db as processDb, type Db } from "./client";

export interface RateLimitState {
  /** Events counted in the current window (after this one, for `hit`). */
  count: number;
  /** True when the limit is exceeded. */
  limited: boolean;
  resetAt: Date;
}

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

/** Reads the current window without counting. */
export async function peekRateLimit(key: string, rule: RateLimitRule, client?: Db): Promise<RateLimitState> {
  const db = client ?? (await processDb());
  const now = new Date();
  const row = await db.rateLimit.findUnique({ where: { key } });
  if (!row || row.resetAt <= now) return { count: 0, limited: false, resetAt: new Date(now.getTime() + rule.windowMs) };
  return { count: row.count, limited: rule.limit > 0 && row.count >= rule.limit, resetAt: row.resetAt };
}

/** Counts one event; `limited` is true once the count exceeds the limit. */
export async function hitRateLimit(key: string, rule: RateLimitRule, client?: Db): Promise<RateLimitState> {
  const db = client ?? (await processDb());
  const now = new Date();
  const resetAt = new Date(now.getTime() + rule.windowMs);
  for (let attempt = 0; ; attempt++) {
    try {
      // Start a new window when the old one is over, else count within it.
      const expired = await db.rateLimit.updateMany({ where: { key, resetAt: { lte: now } }, data: { count: 1, resetAt } });
      if (expired.count === 1) return { count: 1, limited: rule.limit > 0 && 1 > rule.limit, resetAt };
      const row = await db.rateLimit.upsert({
        where: { key },
        create: { key, count: 1, resetAt },
        update: { count: { increment: 1 } },
      });
      return { count: row.count, limited: rule.limit > 0 && row.count > rule.limit, resetAt: row.resetAt };
    } catch (err) {
      // Two first hits raced on the insert: retry once as an increment.
      if ((err as { code?: string }).code === "P2002" && attempt === 0) continue;
      throw err;
    }
  }
}

/** Forgets a key (e.g. failed sign-ins of an email after a successful sign-in). */
export async function resetRateLimit(key: string, client?: Db): Promise<void> {
  const db = client ?? (await processDb());
  await db.rateLimit.deleteMany({ where: { key } });
}
