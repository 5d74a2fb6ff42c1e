/**
 * Rate limits on shared fixed-window counters (lib/limits/store.ts), counted without a database
 * round trip on the request path while traffic is steady.
 *
 *   consume(rules, cost) decides from this instance's view of each counter: the shared count as of
 *   the last sync + what this instance counted since. Accepted events are added to the shared
 *   counters in the background, in one round trip for all keys every FLUSH_MS (50 ms), and each
 *   flush brings back the shared totals (every instance's events). A view older than FLUSH_MS
 *   (this instance has been quiet for that key) is synced BEFORE deciding, in the same round
 *   trip, so an instance never decides on what it knew a minute ago. So:
 *   - on one instance the limit is exact;
 *   - across instances a decision misses at most the other instances' events of the last
 *     FLUSH_MS + one round trip: only concurrent bursts can pass the limit, by that much;
 *   - under steady traffic a request costs no database write (a per-call write on SQLite would
 *     also take the database's write lock on every read-only tool call).
 * Refused events are not counted. When the store cannot be reached the requests are let through
 * (fail open) and a warning is logged, and for 10 s no request waits for a sync: limits protect
 * capacity, they must not take the service down with Redis or a slow database.
 * `flushRateLimits()` runs at shutdown.
 */
import "server-only";
import { logger } from "@/lib/observability/logger";
import { counterStore, type CounterStore } from "./store";
import { onShutdown } from "@/lib/observability/shutdown";

export interface RateRule {
  /** Shared counter key, "<bucket>:<subject>". */
  key: string;
  /** Events allowed per window; 0 or less disables the rule. */
  limit: number;
  windowMs: number;
  /** What is limited, for messages: "user", "client", … */
  scope: string;
}

export interface RateVerdict {
  allowed: boolean;
  /** The first rule over its limit (when refused). */
  rule?: RateRule;
  count?: number;
  /** Seconds until the refusing window ends (≥ 1). */
  retryAfterSeconds?: number;
  resetAt?: number;
}

export const FLUSH_MS = 50;

interface Local {
  /** The shared count as of the last flush (all instances). */
  shared: number;
  /** Counted here, not yet sent. */
  pending: number;
  /** Sent, answer not back yet. */
  inflight: number;
  resetAt: number;
  windowMs: number;
  /** When the shared count was last read (0: never). */
  syncedAt: number;
  /** Read the shared count at the next flush even with nothing to add. */
  wantSync: boolean;
}

const local = new Map<string, Local>();
let timer: NodeJS.Timeout | undefined;
let flushing: Promise<void> | undefined;
let lastFailure = 0;
let storeOverride: CounterStore | undefined;

function state(rule: RateRule, now: number): Local {
  let s = local.get(rule.key);
  if (!s || now >= s.resetAt) {
    // A new window, from this event (the shared store's window, Redis or database, starts the same way;
    // the next flush brings back its true end).
    s = { shared: 0, pending: 0, inflight: 0, resetAt: now + rule.windowMs, windowMs: rule.windowMs, syncedAt: 0, wantSync: false };
    local.set(rule.key, s);
  }
  return s;
}

/** Counts `cost` events against each active rule, or refuses without counting. */
export async function consume(rules: readonly RateRule[], cost = 1): Promise<RateVerdict> {
  const active = rules.filter((r) => r.limit > 0);
  if (!active.length || cost <= 0) return { allowed: true };
  let now = Date.now();
  let states = active.map((r) => state(r, now));
  const stale = states.filter((s) => now - s.syncedAt > FLUSH_MS && s.inflight === 0);
  if (stale.length && now - lastFailure > 10_000) {
    for (const s of stale) s.wantSync = true;
    await flushRateLimits();
    now = Date.now();
    states = active.map((r) => state(r, now));
  }
  for (let i = 0; i < active.length; i++) {
    const r = active[i]!;
    const s = states[i]!;
    const count = s.shared + s.pending + s.inflight;
    if (count + cost > r.limit) {
      return { allowed: false, rule: r, count, resetAt: s.resetAt, retryAfterSeconds: Math.max(1, Math.ceil((s.resetAt - now) / 1000)) };
    }
  }
  for (const s of states) s.pending += cost;
  scheduleFlush();
  return { allowed: true };
}

/** A flush FLUSH_MS from now, unless one is due; what is pending is flushed at shutdown too. */
function scheduleFlush(): void {
  if (timer) return;
  onShutdown("rate-limits", flushRateLimits, "flush");
  timer = setTimeout(() => void flushRateLimits(), FLUSH_MS).unref();
}

/** Sends the pending counts to the shared store and takes back the shared totals. */
export async function flushRateLimits(): Promise<void> {
  timer = undefined;
  if (flushing) await flushing;
  const now = Date.now();
  const batch: { key: string; s: Local; by: number }[] = [];
  for (const [key, s] of local) {
    if (s.pending > 0 || s.wantSync) {
      batch.push({ key, s, by: s.pending });
      s.inflight += s.pending;
      s.pending = 0;
      s.wantSync = false;
    } else if (now >= s.resetAt + 60_000) local.delete(key);
  }
  if (!batch.length) return;
  flushing = (async () => {
    try {
      const store = storeOverride ?? counterStore();
      const res = await store.incr(batch.map((b) => ({ key: b.key, windowMs: b.s.windowMs, by: b.by })));
      batch.forEach((b, i) => {
        b.s.inflight -= b.by;
        b.s.shared = res[i]!.count;
        b.s.resetAt = res[i]!.resetAt;
        b.s.syncedAt = Date.now();
      });
    } catch (err) {
      for (const b of batch) b.s.inflight -= b.by;
      if (Date.now() - lastFailure > 10_000) logger.warn("rate limit store unavailable; allowing requests", { error: err instanceof Error ? err.message : String(err) });
      lastFailure = Date.now();
    } finally {
      flushing = undefined;
    }
  })();
  await flushing;
  if ([...local.values()].some((s) => s.pending > 0)) scheduleFlush();
}

/** Forgets this instance's view of the counters (tests); `store` replaces the shared store. */
export function resetRateLimitMemory(store?: CounterStore): void {
  local.clear();
  storeOverride = store;
}
