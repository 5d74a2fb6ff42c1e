/**
 * The rate limiter's counting (lib/limits): exact on one instance, other instances' events
 * arrive with each background flush, refused events are not counted, a new window starts
 * afresh, a store outage lets requests through; and the database store's atomic upsert on
 * SQLite and PostgreSQL. (HTTP behaviour — 429, Retry-After, JSON-RPC error — is in
 * production.test.ts.)
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { inspectEnvelope } from "@/lib/mcp/envelope";
import { consume, flushRateLimits, resetRateLimitMemory, databaseStore, redisStore, redis, closeRedis, FLUSH_MS, type CounterStore } from "@/lib/limits";
import { describeOnEachDatabase } from "../support/db";
import { redisAvailable, TEST_REDIS_URL } from "../support/services";

function fakeStore(others = 0): CounterStore & { totals: Map<string, number>; fail: boolean } {
  const totals = new Map<string, number>();
  const store = {
    kind: "database" as const,
    totals,
    fail: false,
    async incr(counters: { key: string; windowMs: number; by: number }[]) {
      if (store.fail) throw new Error("down");
      return counters.map((c) => {
        const n = (totals.get(c.key) ?? others) + c.by;
        totals.set(c.key, n);
        return { count: n, resetAt: Date.now() + c.windowMs };
      });
    },
  };
  return store;
}

const rule = (limit: number, key = `k-${Math.random()}`) => ({ key, limit, windowMs: 60_000, scope: "user" });

describe("rate limiter", () => {
  afterEach(() => resetRateLimitMemory());

  it("is exact on one instance and does not count refusals", async () => {
    const store = fakeStore();
    resetRateLimitMemory(store);
    const r = rule(3);
    for (let i = 0; i < 3; i++) expect((await consume([r])).allowed).toBe(true);
    const no = await consume([r]);
    expect(no).toMatchObject({ allowed: false, count: 3, rule: r });
    expect(no.retryAfterSeconds).toBeGreaterThanOrEqual(59);
    await flushRateLimits();
    expect(store.totals.get(r.key)).toBe(3);
  });

  it("sees other instances' events after a flush", async () => {
    const store = fakeStore(8); // 8 events counted elsewhere in this window
    resetRateLimitMemory(store);
    const r = rule(10);
    expect((await consume([r])).allowed).toBe(true);
    await flushRateLimits(); // shared total is now 9
    expect((await consume([r])).allowed).toBe(true);
    expect((await consume([r])).allowed).toBe(false);
  });

  it("syncs a view older than one flush before deciding, so a quiet instance sees the others' events", async () => {
    const store = fakeStore();
    resetRateLimitMemory(store);
    const r = rule(3);
    expect((await consume([r])).allowed).toBe(true);
    await flushRateLimits();
    expect(store.totals.get(r.key)).toBe(1);
    // Another instance counts two more while this one is quiet.
    store.totals.set(r.key, 3);
    await new Promise((res) => setTimeout(res, FLUSH_MS + 20));
    expect(await consume([r])).toMatchObject({ allowed: false, count: 3 });
    // Within one flush interval the view is fresh: no round trip per call.
    const calls = store.totals.get(r.key);
    const fresh = rule(100);
    expect((await consume([fresh])).allowed).toBe(true);
    const before = [...store.totals.keys()].length;
    for (let i = 0; i < 10; i++) expect((await consume([fresh])).allowed).toBe(true);
    expect([...store.totals.keys()].length).toBe(before);
    expect(store.totals.get(fresh.key)).toBe(0); // synced once (by 0), the 11 calls are still pending
    expect(store.totals.get(r.key)).toBe(calls);
  });

  it("counts a batch of calls as their number, and one refused rule refuses all", async () => {
    resetRateLimitMemory(fakeStore());
    const user = rule(5);
    const client = rule(100);
    expect((await consume([user, client], 4)).allowed).toBe(true);
    const v = await consume([client, user], 2);
    expect(v).toMatchObject({ allowed: false, rule: user });
    expect((await consume([client], 96)).allowed).toBe(true);
  });

  it("lets requests through when the store is down", async () => {
    const store = fakeStore();
    store.fail = true;
    resetRateLimitMemory(store);
    const r = rule(2);
    expect((await consume([r])).allowed).toBe(true);
    await flushRateLimits();
    expect((await consume([r])).allowed).toBe(true);
    await flushRateLimits();
    expect((await consume([r])).allowed).toBe(true);
  });

  it("counts the tools/call requests of the body, every one in a batch, whatever the headers say", () => {
    const h = new Headers();
    const count = (body: string, headers = h) => {
      const e = inspectEnvelope(body, headers);
      return e.ok ? e.toolCalls : `refused ${e.code}`;
    };
    expect(count(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: {} }))).toBe(1);
    expect(count(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }))).toBe(0);
    expect(count(JSON.stringify([{ method: "tools/call" }, { method: "tools/call" }, { method: "ping" }]))).toBe(2);
    expect(count("{not json")).toBe(0);
    // Large bodies are counted exactly too (they used to count at most one).
    const padded = JSON.stringify([...Array(100)].map((_, i) => ({ jsonrpc: "2.0", id: i, method: "tools/call", params: { name: "list_models", pad: "x".repeat(1000) } })));
    expect(padded.length).toBeGreaterThan(64 * 1024);
    expect(count(padded)).toBe(100);
    // The header is never what is counted: a disagreeing one is refused.
    expect(count(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call" }), new Headers({ "mcp-method": "tools/list" }))).toBe("refused -32600");
    expect(count(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call" }), new Headers({ "mcp-method": "tools/call" }))).toBe(1);
  });
});

describeOnEachDatabase("database counter store", (t, kind) => {

  it("increments atomically under concurrency and restarts an expired window", async () => {
    const key = `mcp-user:${kind}-${Date.now()}`;
    const results = await Promise.all(Array.from({ length: 20 }, () => databaseStore.incr([{ key, windowMs: 60_000, by: 1 }, { key: `${key}:c`, windowMs: 60_000, by: 2 }])));
    const counts = results.map((r) => r[0]!.count).sort((a, b) => a - b);
    expect(counts).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(Math.max(...results.map((r) => r[1]!.count))).toBe(40);
    await t.db.rateLimit.update({ where: { key }, data: { resetAt: new Date(Date.now() - 1000) } });
    const [fresh] = await databaseStore.incr([{ key, windowMs: 60_000, by: 1 }]);
    expect(fresh!.count).toBe(1);
    expect(fresh!.resetAt).toBeGreaterThan(Date.now() + 50_000);
  });
});

describe.skipIf(!(await redisAvailable()))("Redis counter store", () => {
  beforeAll(async () => {
    await redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    await closeRedis();
  });

  it("increments atomically under concurrency, in one window that starts at the first event", async () => {
    const key = `mcp-user:redis-${Date.now()}-${Math.random()}`;
    const before = Date.now();
    const results = await Promise.all(Array.from({ length: 20 }, () => redisStore.incr([{ key, windowMs: 60_000, by: 1 }, { key: `${key}:c`, windowMs: 60_000, by: 2 }])));
    const counts = results.map((r) => r[0]!.count).sort((a, b) => a - b);
    expect(counts).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(Math.max(...results.map((r) => r[1]!.count))).toBe(40);
    // The window is a full minute from the first event, wherever in the clock's minute that fell.
    for (const r of results) {
      expect(r[0]!.resetAt).toBeGreaterThan(before + 59_000);
      expect(r[0]!.resetAt).toBeLessThanOrEqual(Date.now() + 60_000);
    }
  });

  it("restarts the count when the window has expired", async () => {
    const key = `mcp-user:redis-short-${Date.now()}-${Math.random()}`;
    const [a] = await redisStore.incr([{ key, windowMs: 300, by: 3 }]);
    expect(a!.count).toBe(3);
    expect(a!.resetAt - Date.now()).toBeLessThanOrEqual(300);
    await new Promise((r) => setTimeout(r, 400));
    const [b] = await redisStore.incr([{ key, windowMs: 300, by: 1 }]);
    expect(b!.count).toBe(1);
  });
});
