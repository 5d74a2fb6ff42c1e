/**
 * Shared counters for rate limits, so that every app instance behind the load balancer counts
 * together: Redis when REDIS_URL is set, else the database's RateLimit table.
 *
 * Each counter is a fixed window. One round trip counts every counter given:
 *   - database: one multi-row `INSERT … ON CONFLICT ("key") DO UPDATE … RETURNING` (atomic per
 *     row on SQLite and PostgreSQL; an expired window restarts at this hit), keys sorted so that
 *     concurrent statements lock rows in the same order;
 *   - Redis: one pipeline per call of SET NX PX (opens the window at the first event) + INCRBY + PTTL.
 * Both start a window at its first event, so the two stores count the same way: a window aligned to
 * the clock would let a burst that straddles a boundary through twice, and made the limit depend on
 * when in the minute a client started.
 * Rows of subjects that went quiet are pruned now and then (database).
 */
import "server-only";
import { database } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { onShutdown } from "@/lib/observability/shutdown";

export interface Counter {
  /** "<bucket>:<subject>", e.g. "mcp-user:u_123". */
  key: string;
  windowMs: number;
  /** How many events to add. */
  by: number;
}

export interface CounterState {
  count: number;
  /** When the window ends (ms since the epoch). */
  resetAt: number;
}

export interface CounterStore {
  readonly kind: "database" | "redis";
  /** Adds each counter's `by` and returns the new states, in the order given. */
  incr(counters: readonly Counter[]): Promise<CounterState[]>;
}

// ───────────────────────────── database ─────────────────────────────

const PRUNE_EVERY_MS = 10 * 60_000;
let lastPrune = Date.now();

export const databaseStore: CounterStore = {
  kind: "database",
  async incr(counters) {
    const d = database();
    await d.ready;
    const now = Date.now();
    const sorted = [...counters].map((c, i) => ({ ...c, i })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const pg = d.provider === "postgres";
    let n = 0;
    const p = () => (pg ? `$${++n}` : "?");
    const values: unknown[] = [];
    const tuples = sorted.map((c) => {
      values.push(c.key, c.by, new Date(now + c.windowMs));
      return `(${p()}, ${p()}, ${p()})`;
    });
    const nowA = p();
    const nowB = p();
    values.push(new Date(now), new Date(now));
    const sql =
      `INSERT INTO "RateLimit" ("key", "count", "resetAt") VALUES ${tuples.join(", ")} ` +
      `ON CONFLICT ("key") DO UPDATE SET ` +
      `"count" = CASE WHEN "RateLimit"."resetAt" <= ${nowA} THEN excluded."count" ELSE "RateLimit"."count" + excluded."count" END, ` +
      `"resetAt" = CASE WHEN "RateLimit"."resetAt" <= ${nowB} THEN excluded."resetAt" ELSE "RateLimit"."resetAt" END ` +
      `RETURNING "key", "count", "resetAt"`;
    const rows = await d.db.$queryRawUnsafe<{ key: string; count: number | bigint; resetAt: Date | string }[]>(sql, ...values);
    const byKey = new Map(rows.map((r) => [r.key, { count: Number(r.count), resetAt: new Date(r.resetAt).getTime() }]));
    if (now - lastPrune > PRUNE_EVERY_MS) {
      lastPrune = now;
      // Windows that ended an hour ago belong to subjects that went quiet.
      void d.db.rateLimit.deleteMany({ where: { resetAt: { lt: new Date(now - 3_600_000) } } }).catch(() => undefined);
    }
    return counters.map((c) => byKey.get(c.key) ?? { count: c.by, resetAt: now + c.windowMs });
  },
};

// ───────────────────────────── Redis ─────────────────────────────

interface RedisLike {
  pipeline(): {
    set(k: string, v: string, px: "PX", ms: number, nx: "NX"): unknown;
    incrby(k: string, n: number): unknown;
    pttl(k: string): unknown;
    exec(): Promise<[Error | null, unknown][] | null>;
  };
  pexpire(k: string, ms: number): Promise<unknown>;
  ping(): Promise<string>;
  quit(): Promise<unknown>;
  status: string;
}

const G = Symbol.for("spectral.redis");
type Holder = { [G]?: Promise<RedisLike> };

/** The process's Redis connection (REDIS_URL), created on first use. */
export function redis(url?: string): Promise<RedisLike> {
  const g = globalThis as Holder;
  if (g[G]) return g[G];
  url ??= env().REDIS_URL;
  if (!url) throw new Error("REDIS_URL is not set");
  onShutdown("redis", closeRedis, "close");
  g[G] = (async () => {
    const { default: Redis } = (await import("ioredis")) as unknown as { default: new (url: string, o: object) => RedisLike & { on(e: string, f: (err: Error) => void): void } };
    const client = new Redis(url, {
      // Fail fast instead of queueing commands while Redis is away: the limiter then fails open.
      maxRetriesPerRequest: 1,
      enableOfflineQueue: true,
      connectTimeout: 2_000,
      commandTimeout: 2_000,
    });
    let lastError = 0;
    client.on("error", (err) => {
      if (Date.now() - lastError > 10_000) logger.warn("redis error", { error: err.message });
      lastError = Date.now();
    });
    return client;
  })();
  return g[G];
}

/** Closes the Redis connection when one was opened (graceful shutdown, tests). */
export async function closeRedis(): Promise<void> {
  const g = globalThis as Holder;
  const pending = g[G];
  g[G] = undefined;
  if (pending) await (await pending).quit().catch(() => undefined);
}

export const redisStore: CounterStore = {
  kind: "redis",
  async incr(counters) {
    const r = await redis();
    const pipe = r.pipeline();
    for (const c of counters) {
      const k = `spectral:rl:${c.key}`;
      // Opens the window when the key is absent (first event, or the last window expired).
      pipe.set(k, "0", "PX", c.windowMs, "NX");
      pipe.incrby(k, c.by);
      pipe.pttl(k);
    }
    const res = await pipe.exec();
    if (!res) throw new Error("redis pipeline aborted");
    const now = Date.now();
    return counters.map((c, i) => {
      const [incrErr, value] = res[i * 3 + 1]!;
      const [ttlErr, ttl] = res[i * 3 + 2]!;
      if (incrErr) throw incrErr;
      if (ttlErr) throw ttlErr;
      // PTTL is -1 only if something removed the expiry; never leave a counter that lives forever.
      const left = Number(ttl);
      if (left < 0) void r.pexpire(`spectral:rl:${c.key}`, c.windowMs).catch(() => undefined);
      return { count: Number(value), resetAt: now + (left > 0 ? left : c.windowMs) };
    });
  },
};

/** The store for this process: Redis when REDIS_URL is set, else the database. */
export function counterStore(e = env()): CounterStore {
  return e.REDIS_URL ? redisStore : databaseStore;
}
