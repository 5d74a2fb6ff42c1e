/**
 * The reads every MCP request makes — the access-token check and get_model's summary — on the
 * database driver itself instead of through Prisma.
 *
 * A Prisma query costs ≈0.4 ms of CPU here whatever it does (query plan interpretation, the
 * driver adapter, a fresh `prepare` per statement: bench/README.md), which is about a third of
 * what the whole Next.js + MCP stack spends on a call. The driver runs the same statement,
 * prepared once, in tens of microseconds. Only these few fixed, parameterised statements go this
 * way; everything else uses Prisma.
 *   - SQLite: one more better-sqlite3 connection to the same file (WAL: readers never wait for
 *     the writer). Statements are prepared once per connection. busy_timeout is 0 so a read can
 *     never block the event loop; in the rare case SQLite answers BUSY, the caller's Prisma
 *     fallback runs instead.
 *   - PostgreSQL: a separate pool of HOT_POOL_SIZE connections, named (server-side prepared)
 *     statements.
 * Connections are per database URL (tests point the process at throwaway databases) and closed
 * at shutdown with closeHotReads().
 */
import "server-only";
import { providerOf, type Db, type DbProvider } from "./client";
import { connectionsPerUrl, openPgPool, openSqliteConnection } from "./driver";
import { onShutdown } from "@/lib/observability/shutdown";

export const HOT_POOL_SIZE = 2;

interface SqliteStmt { all(...args: unknown[]): unknown[] }
interface SqliteConn { prepare(sql: string): SqliteStmt; close(): void }
interface PgPool {
  query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
}

type Handle = { kind: "sqlite"; db: SqliteConn; stmts: Map<string, SqliteStmt> } | { kind: "postgres"; pool: PgPool };
async function open(url: string, provider: DbProvider): Promise<Handle> {
  onShutdown("hot-reads", closeHotReads, "close");
  if (provider === "postgres") return { kind: "postgres", pool: await openPgPool<PgPool>(url, HOT_POOL_SIZE) };
  return { kind: "sqlite", db: await openSqliteConnection<SqliteConn>(url), stmts: new Map() };
}

const connections = connectionsPerUrl<Handle>(
  "hotReads",
  (url) => open(url, providerOf(url)),
  async (h) => {
    if (h.kind === "sqlite") h.db.close();
    else await h.pool.end().catch(() => undefined);
  },
);

/** A named, parameterised read. `sql` uses `?` placeholders; PostgreSQL gets them numbered. */
export interface HotQuery {
  name: string;
  sql: string;
}

function pgText(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * Runs `q` with `params` (in the order of the `?` placeholders). Returns undefined when the
 * driver could not answer right now (SQLite BUSY): the caller then reads through Prisma.
 */
export async function hotRead<T>(url: string, _provider: DbProvider, q: HotQuery, params: unknown[]): Promise<T[] | undefined> {
  const h = await connections.get(url);
  if (h.kind === "postgres") return (await h.pool.query({ name: `spectral_${q.name}`, text: pgText(q.sql), values: params })).rows as T[];
  let stmt = h.stmts.get(q.name);
  if (!stmt) h.stmts.set(q.name, (stmt = h.db.prepare(q.sql)));
  try {
    return stmt.all(...params) as T[];
  } catch (err) {
    if (String((err as { code?: string }).code ?? "").startsWith("SQLITE_BUSY")) return undefined;
    throw err;
  }
}

/** Closes every hot-read connection (graceful shutdown, tests). */
export function closeHotReads(): Promise<void> {
  return connections.closeAll();
}

/** `hotRead`, or the same statement through Prisma when the driver could not answer. */
export async function readRows<T>(d: { db: Db; provider: DbProvider; url: string }, q: HotQuery, params: unknown[]): Promise<T[]> {
  const rows = await hotRead<T>(d.url, d.provider, q, params);
  return rows ?? d.db.$queryRawUnsafe<T[]>(d.provider === "postgres" ? pgText(q.sql) : q.sql, ...params);
}
