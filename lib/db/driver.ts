/**
 * Connections on the database drivers themselves, for the few paths that bypass Prisma
 * (lib/db/bulk.ts: large imports; lib/db/hot-reads.ts: the reads of every MCP request). One place
 * decides how such a connection is opened, so both paths behave the same.
 */
import "server-only";
import { sqliteFilePath } from "./client";

/**
 * A better-sqlite3 connection to the app's SQLite file, in WAL mode with busy_timeout 0: a driver
 * call is synchronous, so waiting for a lock inside it would block the event loop (and the
 * connection that holds the lock); callers retry or fall back asynchronously instead.
 * `pragmas` are applied after those two.
 */
export async function openSqliteConnection<T>(url: string, pragmas: readonly string[] = []): Promise<T> {
  const { default: Database } = (await import("better-sqlite3")) as unknown as {
    default: new (file: string, o?: object) => { pragma(p: string): unknown };
  };
  const db = new Database(sqliteFilePath(url), { fileMustExist: true });
  for (const p of ["journal_mode = WAL", "busy_timeout = 0", ...pragmas]) db.pragma(p);
  return db as T;
}

/** A pg pool of `max` connections that does not crash the process when the server drops an idle one (restart, DROP DATABASE). */
export async function openPgPool<T>(url: string, max: number): Promise<T> {
  const { default: pg } = (await import("pg")) as unknown as {
    default: { Pool: new (o: object) => { on(event: "error", fn: (err: Error) => void): unknown } };
  };
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000 });
  pool.on("error", () => undefined);
  return pool as T;
}

/**
 * One driver connection (or pool) per database URL for one module, opened on first use, kept on
 * globalThis (Next.js may load a module twice), forgotten when opening failed, closed together.
 */
export function connectionsPerUrl<T>(name: string, open: (url: string) => Promise<T>, close: (conn: T) => Promise<void> | void) {
  const key = Symbol.for(`spectral.${name}`);
  const all = (): Map<string, Promise<T>> => {
    const g = globalThis as { [k: symbol]: Map<string, Promise<T>> | undefined };
    return (g[key] ??= new Map());
  };
  return {
    get(url: string): Promise<T> {
      let p = all().get(url);
      if (!p) {
        p = open(url);
        all().set(url, p);
        p.catch(() => all().delete(url));
      }
      return p;
    },
    async closeAll(): Promise<void> {
      const opened = [...all().values()];
      all().clear();
      for (const p of opened) {
        const conn = await p.catch(() => undefined);
        if (conn !== undefined) await close(conn);
      }
    },
  };
}
