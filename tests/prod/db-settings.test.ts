/**
 * Connection settings on live connections: SQLite runs in WAL mode with a busy timeout (the
 * app's Prisma connection and the bulk-import connection), and PostgreSQL's pool holds at most
 * DATABASE_POOL_SIZE connections per instance (checked in pg_stat_activity under load).
 */
import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPostgresDatabase, createSqliteDatabase, postgresAvailable, type TestDatabase } from "../support/db";

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const f of cleanup.reverse()) await f();
});

describe("SQLite connection settings", () => {
  it("the app's connection is in WAL mode with a 10 s busy timeout, foreign keys on", async () => {
    const t: TestDatabase = await createSqliteDatabase();
    cleanup.push(() => t.drop());
    const [mode] = await t.db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    const [busy] = await t.db.$queryRawUnsafe<{ timeout: number | bigint }[]>("PRAGMA busy_timeout");
    const [fk] = await t.db.$queryRawUnsafe<{ foreign_keys: number | bigint }[]>("PRAGMA foreign_keys");
    expect(mode?.journal_mode).toBe("wal");
    expect(Number(busy?.timeout)).toBe(10_000);
    expect(Number(fk?.foreign_keys)).toBe(1);
  });

  it("the process database (DATABASE_URL) gets the same settings through database()", async () => {
    const dir = mkdtempSync(join(tmpdir(), "spectral-settings-"));
    cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
    const { deployMigrations } = await import("@/lib/db/migrate.mjs");
    const url = `file:${join(dir, "app.db")}`;
    await deployMigrations(url);
    const { openDb, configure } = await import("@/lib/db/client");
    const opened = openDb(url);
    await configure(opened);
    cleanup.push(() => opened.db.$disconnect());
    const [mode] = await opened.db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    const [sync] = await opened.db.$queryRawUnsafe<{ synchronous: number | bigint }[]>("PRAGMA synchronous");
    expect(mode?.journal_mode).toBe("wal");
    expect(Number(sync?.synchronous)).toBe(1); // NORMAL
  });
});

describe.skipIf(!(await postgresAvailable()))("PostgreSQL pool size", () => {
  it("never opens more than DATABASE_POOL_SIZE connections per instance, and does use them", async () => {
    const t = await createPostgresDatabase();
    cleanup.push(() => t.drop());
    const dbName = new URL(t.url).pathname.slice(1);
    const { parseEnv } = await import("@/lib/env");
    const e = parseEnv({ DATABASE_URL: t.url, DATABASE_POOL_SIZE: "3" });
    expect(e.DATABASE_POOL_SIZE).toBe(3);
    const { openDb } = await import("@/lib/db/client");
    const opened = openDb(e.DATABASE_URL, { poolSize: e.DATABASE_POOL_SIZE });
    cleanup.push(() => opened.db.$disconnect());
    const admin = new pg.Client({ connectionString: t.url });
    await admin.connect();
    cleanup.push(() => admin.end());
    let peak = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const { rows } = await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND query LIKE '%pg_sleep%'", [dbName]);
        peak = Math.max(peak, rows[0].n as number);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await Promise.all(Array.from({ length: 9 }, () => opened.db.$queryRawUnsafe("SELECT 1 AS one FROM pg_sleep(0.25)")));
    sampling = false;
    await sampler;
    expect(peak).toBe(3);
  });
});
