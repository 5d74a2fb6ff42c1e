/**
 * Throwaway databases for integration tests: a fresh SQLite file, and a fresh PostgreSQL
 * database when one is reachable (SPECTRAL_TEST_PG_URL, else 127.0.0.1:5432/test).
 * Each call makes its own database, so tests never share data.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import net from "node:net";
import pg from "pg";
import { deployMigrations } from "@/lib/db/migrate.mjs";
import { afterAll, beforeAll, describe } from "vitest";
import { openDb, configure, useDatabase, type Db, type DbProvider, type OpenedDb } from "@/lib/db/client";

export const PG_BASE_URL = process.env.SPECTRAL_TEST_PG_URL || "postgresql://postgres@127.0.0.1:5432/test";

let pgReachable: Promise<boolean> | undefined;
/** True when the PostgreSQL server answers (checked once per process). */
export function postgresAvailable(): Promise<boolean> {
  pgReachable ??= new Promise((resolve) => {
    const u = new URL(PG_BASE_URL);
    const sock = net.connect({ host: u.hostname, port: Number(u.port || 5432) });
    sock.setTimeout(1500);
    sock.once("connect", () => { sock.destroy(); resolve(true); });
    sock.once("error", () => resolve(false));
    sock.once("timeout", () => { sock.destroy(); resolve(false); });
  });
  return pgReachable;
}

export interface TestDatabase extends OpenedDb {
  name: "sqlite" | "postgres";
  drop(): Promise<void>;
}

/** A new, migrated, empty SQLite database file. */
export async function createSqliteDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), "spectral-test-"));
  const url = `file:${join(dir, "test.db")}`;
  await deployMigrations(url);
  const opened = openDb(url);
  await configure(opened);
  return {
    ...opened,
    name: "sqlite",
    async drop() {
      await opened.db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new, migrated, empty PostgreSQL database (CREATE DATABASE on the test server). */
export async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = `spectral_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_BASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(PG_BASE_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  await deployMigrations(url);
  const opened = openDb(url, { poolSize: 5 });
  return {
    ...opened,
    name: "postgres",
    async drop() {
      await opened.db.$disconnect();
      const a = new pg.Client({ connectionString: PG_BASE_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** The providers to run a data-layer suite on: always SQLite, PostgreSQL when reachable. */
export async function providers(): Promise<("sqlite" | "postgres")[]> {
  return (await postgresAvailable()) ? ["sqlite", "postgres"] : ["sqlite"];
}

export function createDatabase(kind: "sqlite" | "postgres"): Promise<TestDatabase> {
  return kind === "postgres" ? createPostgresDatabase() : createSqliteDatabase();
}

/** Where each data-layer suite runs: SQLite always, PostgreSQL when it answers (probed once). */
const PROVIDERS = await providers();

/** The database a suite runs on; its fields are readable from the suite's `beforeAll` on. */
export interface DatabaseUnderTest {
  readonly name: "sqlite" | "postgres";
  readonly db: Db;
  readonly provider: DbProvider;
  readonly url: string;
}

/**
 * `describe(title on sqlite|postgres)` once per provider, each on a fresh, migrated database that
 * the app's lib/db uses for the suite (useDatabase) and that is dropped after it. The suite's own
 * `beforeAll` runs after the database is ready and its `afterAll` before it is dropped.
 */
export function describeOnEachDatabase(title: string, suite: (t: DatabaseUnderTest, kind: "sqlite" | "postgres") => void): void {
  describe.each(PROVIDERS)(`${title} on %s`, (kind) => {
    let current: TestDatabase | undefined;
    const ready = (): TestDatabase => {
      if (!current) throw new Error("the test database is not ready yet: use it from beforeAll or a test");
      return current;
    };
    const t: DatabaseUnderTest = {
      name: kind,
      get db() { return ready().db; },
      get provider() { return ready().provider; },
      get url() { return ready().url; },
    };
    beforeAll(async () => {
      current = await createDatabase(kind);
      useDatabase(current);
      await configure(current);
    });
    afterAll(async () => {
      useDatabase(null);
      await current?.drop();
    });
    suite(t, kind);
  });
}
