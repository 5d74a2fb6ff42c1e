/**
 * The Prisma client for this process: SQLite (better-sqlite3 driver adapter) by default,
 * PostgreSQL (pg driver adapter, pooled) when DATABASE_URL is a postgres URL.
 * lib/db is the only code that imports Prisma.
 */
import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "@/generated/sqlite/client.ts";
import { PrismaClient as PostgresClient } from "@/generated/postgres/client.ts";
import { env } from "@/lib/env";
import { mkdirSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";

/**
 * A `file:` SQLite URL as an absolute path (relative paths are relative to the project root, the
 * working directory of `npm start` and the tests), with its folder created. The same rule as
 * lib/db/migrate.mjs, which cannot be imported here: it is plain Node code the bundler must not see.
 */
export function sqliteFilePath(url: string): string {
  const raw = url.replace(/^file:/, "");
  if (raw === ":memory:") return raw;
  const path = isAbsolute(raw) ? raw : join(/* turbopackIgnore: true */ process.cwd(), raw);
  mkdirSync(dirname(path), { recursive: true });
  return path;
}

/** Both generated clients have the same model API; the SQLite type stands for both. */
export type Db = SqliteClient;
export type DbProvider = "sqlite" | "postgres";

export interface OpenedDb {
  db: Db;
  provider: DbProvider;
  url: string;
}

/** Opens a client for `url` (used by the process singleton and by tests on throwaway databases). */
/** "postgres" for postgres:// and postgresql:// URLs, else "sqlite". */
export function providerOf(url: string): DbProvider {
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

export function openDb(url: string, opts: { poolSize?: number } = {}): OpenedDb {
  if (providerOf(url) === "postgres") {
    const adapter = new PrismaPg({ connectionString: url, max: opts.poolSize ?? 10 });
    return { db: new PostgresClient({ adapter }) as unknown as Db, provider: "postgres", url };
  }
  const file = sqliteFilePath(url);
  // WAL lets readers run while a writer commits; busy_timeout makes concurrent writers wait instead of failing.
  const adapter = new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 10_000 });
  const db = new SqliteClient({ adapter });
  return { db, provider: "sqlite", url };
}

const globalForDb: typeof globalThis & { __spectralDb?: OpenedDb & { ready: Promise<void> } } = globalThis;

/** The process-wide database (created on first use, never at import time: `next build` imports this). */
export function database(): OpenedDb & { ready: Promise<void> } {
  if (!globalForDb.__spectralDb) {
    const e = env();
    const opened = openDb(e.DATABASE_URL, { poolSize: e.DATABASE_POOL_SIZE });
    globalForDb.__spectralDb = { ...opened, ready: configure(opened) };
  }
  return globalForDb.__spectralDb;
}

/** Connection settings that must hold for every SQLite connection we use. */
export async function configure(o: OpenedDb): Promise<void> {
  if (o.provider === "sqlite") {
    await o.db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await o.db.$queryRawUnsafe("PRAGMA busy_timeout = 10000");
    await o.db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
    await o.db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  }
}

/** Shorthand: the ready client. */
export async function db(): Promise<Db> {
  const d = database();
  await d.ready;
  return d.db;
}

/**
 * Points this process's data layer at another database (integration tests run the same code
 * against throwaway SQLite and PostgreSQL databases). Pass null to go back to DATABASE_URL.
 */
export function useDatabase(opened: OpenedDb | null): void {
  globalForDb.__spectralDb = opened ? { ...opened, ready: configure(opened) } : undefined;
}
