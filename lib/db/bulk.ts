/**
 * Multi-row INSERT through the Prisma client. Prisma's createMany runs 27–39× slower than the
 * driver on bulk inserts (shared/reference/performance-anchors.md) while plain multi-row INSERT
 * statements sent through the same client run at driver speed, so bulk paths use this.
 */
import { randomBytes } from "node:crypto";
import type { DbProvider } from "./client";
import { openPgPool, openSqliteConnection } from "./driver";
import { REFRESH_STATS_PARAMS, REFRESH_STATS_SQL } from "./model-writes";
import { onShutdown } from "@/lib/observability/shutdown";

/** The subset of a (transaction) client this needs. */
export interface RawExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

const MAX_PARAMS = { sqlite: 30_000, postgres: 60_000 } as const;
const MAX_ROWS = 500;

/** Inserts `rows` (arrays of values in `columns` order) into `table`, in statements of ≤500 rows. */
export async function insertRows(
  tx: RawExecutor,
  provider: DbProvider,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
): Promise<void> {
  if (rows.length === 0) return;
  const perStatement = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS[provider] / columns.length)));
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `;
  for (let start = 0; start < rows.length; start += perStatement) {
    const batch = rows.slice(start, start + perStatement);
    const values: unknown[] = [];
    const tuples: string[] = [];
    let p = 0;
    for (const row of batch) {
      const marks: string[] = [];
      for (let c = 0; c < columns.length; c++) {
        values.push(row[c] ?? null);
        p++;
        marks.push(provider === "postgres" ? `$${p}` : "?");
      }
      tuples.push(`(${marks.join(", ")})`);
    }
    await tx.$executeRawUnsafe(head + tuples.join(", "), ...values);
  }
}

/** Deletes rows of `table` whose id is in `ids`, in chunks. */
export async function deleteByIds(tx: RawExecutor, provider: DbProvider, table: string, modelId: string, ids: readonly string[]): Promise<void> {
  const chunk = 5_000;
  for (let start = 0; start < ids.length; start += chunk) {
    const part = ids.slice(start, start + chunk);
    const marks = part.map((_, i) => (provider === "postgres" ? `$${i + 2}` : "?")).join(", ");
    const first = provider === "postgres" ? "$1" : "?";
    await tx.$executeRawUnsafe(`DELETE FROM "${table}" WHERE "modelId" = ${first} AND "id" IN (${marks})`, modelId, ...part);
  }
}

// ───────────────────────────── bulk writes on the driver ─────────────────────────────
//
// Large imports bypass Prisma altogether: even multi-row statements pay Prisma's per-statement
// and per-parameter cost (measured 2–2.5× the driver on 100k frames, bench/README.md). A new
// model with its elements and first revision is written in ONE driver transaction:
//   - SQLite: a second better-sqlite3 connection to the same file (WAL), prepared single-row
//     statements (the storage limit). The transaction runs synchronously from BEGIN IMMEDIATE to
//     COMMIT, so no other request of this process can interleave; the write lock is taken with
//     busy_timeout 0 and retried asynchronously, because a synchronous busy wait would block the
//     very thread (Prisma's connection) that holds the lock.
//   - PostgreSQL: a small separate pg pool (2 connections per instance); rows go in as
//     `INSERT … SELECT * FROM unnest($1::text[], $2::float8[], …)` in chunks of 5,000 rows
//     (one parameter per column, one plan per chunk).
// Either way the model is complete or absent: a crash before COMMIT leaves nothing.

type ColumnType = "text" | "float8" | "int4";

/** PostgreSQL column types of the element tables (prisma/models.prisma: String → text, Float → float8). */
const COLUMN_TYPES: Record<string, Record<string, ColumnType>> = {
  Node: { x: "float8", y: "float8", z: "float8", num: "int4" },
  Frame: { roll: "float8", orientX: "float8", orientY: "float8", orientZ: "float8", num: "int4" },
  Section: { A: "float8", Iy: "float8", Iz: "float8", J: "float8" },
  Material: { E: "float8", G: "float8", nu: "float8", density: "float8", fy: "float8" },
  LoadCase: { selfWeightFactor: "float8" },
  Model: { revision: "int4" },
  ModelRevision: { revision: "int4" },
};

export interface BulkRows {
  table: string;
  columns: readonly string[];
  /** The elements; each becomes a row through `toRow` only when it is written (no second copy of 100k rows in memory). */
  items: readonly unknown[];
  toRow: (item: unknown) => unknown[];
}

export interface NewModelRows {
  model: { id: string; ownerId: string; name: string; description: string; lengthUnit: string; forceUnit: string; verticalAxis: string; revision: number };
  /** Element rows, in dependency order. */
  elements: readonly BulkRows[];
  revision: { id: string; revision: number; actorId: string | null; clientId: string | null; source: string; summary: string; changes: string };
  /** Refuse when the owner already has this many models. */
  maxModelsPerUser?: number;
}

export type NewModelResult = { ok: true } | { ok: false; reason: "limit"; count: number };

const SQLITE_LOCK_WAIT_MS = 15_000;
const PG_CHUNK = 5_000;

interface SqliteHandle {
  transaction<F extends (...a: never[]) => unknown>(fn: F): F & { immediate: F };
  prepare(sql: string): { run(...args: unknown[]): unknown; get(...args: unknown[]): unknown };
  close(): void;
}
interface PgPoolLike {
  connect(): Promise<{ query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>; release(err?: Error | boolean): void }>;
  end(): Promise<void>;
}

const G = Symbol.for("spectral.bulkWriters");
type Writers = Map<string, { kind: "sqlite"; db: SqliteHandle; stmts: Map<string, ReturnType<SqliteHandle["prepare"]>> } | { kind: "postgres"; pool: PgPoolLike }>;
function writers(): Writers {
  const g = globalThis as { [G]?: Writers };
  g[G] ??= new Map();
  return g[G];
}

/** Closes the bulk connections (graceful shutdown, tests). */
export async function closeBulkWriters(): Promise<void> {
  const all = [...writers().values()];
  writers().clear();
  for (const w of all) {
    if (w.kind === "sqlite") w.db.close();
    else await w.pool.end().catch(() => undefined);
  }
}

/** SQLite stores Prisma DateTimes as ISO text with an explicit offset. */
function sqliteDate(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}

async function sqliteWriter(url: string) {
  const w = writers().get(url);
  if (w?.kind === "sqlite") return w;
  onShutdown("bulk-writers", closeBulkWriters, "close");
  const db = await openSqliteConnection<SqliteHandle>(url, ["synchronous = NORMAL", "foreign_keys = ON"]);
  const created = { kind: "sqlite" as const, db, stmts: new Map<string, ReturnType<SqliteHandle["prepare"]>>() };
  writers().set(url, created);
  return created;
}

async function pgWriter(url: string) {
  const w = writers().get(url);
  if (w?.kind === "postgres") return w;
  onShutdown("bulk-writers", closeBulkWriters, "close");
  const created = { kind: "postgres" as const, pool: await openPgPool<PgPoolLike>(url, 2) };
  writers().set(url, created);
  return created;
}

function insertSql(table: string, columns: readonly string[]): string {
  return `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
}

const MODEL_COLUMNS = ["id", "ownerId", "name", "description", "lengthUnit", "forceUnit", "verticalAxis", "revision", "createdAt", "updatedAt"] as const;
const REVISION_COLUMNS = ["id", "modelId", "revision", "actorId", "clientId", "source", "summary", "changes", "createdAt"] as const;

/** Writes a new model, its elements and its first revision in one driver transaction. */
export async function insertNewModel(url: string, provider: DbProvider, spec: NewModelRows): Promise<NewModelResult> {
  return provider === "postgres" ? insertNewModelPg(url, spec) : insertNewModelSqlite(url, spec);
}

async function insertNewModelSqlite(url: string, spec: NewModelRows): Promise<NewModelResult> {
  const w = await sqliteWriter(url);
  const stmt = (key: string, sql: () => string) => {
    let s = w.stmts.get(key);
    if (!s) w.stmts.set(key, (s = w.db.prepare(sql())));
    return s;
  };
  const run = w.db.transaction((): NewModelResult => {
    const now = sqliteDate(new Date());
    if (spec.maxModelsPerUser !== undefined) {
      const { n } = stmt("count", () => `SELECT count(*) AS n FROM "Model" WHERE "ownerId" = ?`).get(spec.model.ownerId) as { n: number };
      if (n >= spec.maxModelsPerUser) return { ok: false, reason: "limit", count: n };
    }
    const m = spec.model;
    stmt("Model", () => insertSql("Model", MODEL_COLUMNS)).run(m.id, m.ownerId, m.name, m.description, m.lengthUnit, m.forceUnit, m.verticalAxis, m.revision, now, now);
    for (const t of spec.elements) {
      if (!t.items.length) continue;
      const s = stmt(`${t.table}:${t.columns.join(",")}`, () => insertSql(t.table, t.columns));
      const width = t.columns.length;
      for (const item of t.items) {
        const row = t.toRow(item);
        // better-sqlite3 binds undefined as an error: the domain leaves optional values undefined.
        s.run(row.length !== width || row.includes(undefined) ? Array.from({ length: width }, (_, c) => row[c] ?? null) : row);
      }
    }
    // Counts and bounding box from the rows just written (model-writes.ts keeps them from here on).
    stmt("stats", () => REFRESH_STATS_SQL).run(...Array.from({ length: REFRESH_STATS_PARAMS }, () => m.id));
    const r = spec.revision;
    stmt("ModelRevision", () => insertSql("ModelRevision", REVISION_COLUMNS)).run(r.id, m.id, r.revision, r.actorId, r.clientId, r.source, r.summary, r.changes, now);
    return { ok: true };
  });
  const deadline = Date.now() + SQLITE_LOCK_WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return run.immediate();
    } catch (err) {
      const code = (err as { code?: string }).code ?? "";
      if (code.startsWith("SQLITE_BUSY") && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, Math.min(50, 2 + attempt * 2) + Math.random() * 5));
        continue;
      }
      throw err;
    }
  }
}

function unnestSql(table: string, columns: readonly string[]): string {
  const types = COLUMN_TYPES[table] ?? {};
  return `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) SELECT * FROM unnest(${columns.map((c, i) => `$${i + 1}::${types[c] ?? "text"}[]`).join(", ")})`;
}

async function insertNewModelPg(url: string, spec: NewModelRows): Promise<NewModelResult> {
  const w = await pgWriter(url);
  const client = await w.pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    try {
      const now = new Date().toISOString();
      const m = spec.model;
      if (spec.maxModelsPerUser !== undefined) {
        const { rows } = await client.query(`SELECT count(*)::int AS n FROM "Model" WHERE "ownerId" = $1`, [m.ownerId]);
        const n = Number(rows[0]?.n ?? 0);
        if (n >= spec.maxModelsPerUser) {
          await client.query("ROLLBACK");
          return { ok: false, reason: "limit", count: n };
        }
      }
      await client.query(
        `INSERT INTO "Model" (${MODEL_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
        [m.id, m.ownerId, m.name, m.description, m.lengthUnit, m.forceUnit, m.verticalAxis, m.revision, now],
      );
      for (const t of spec.elements) {
        if (!t.items.length) continue;
        const sql = unnestSql(t.table, t.columns);
        for (let start = 0; start < t.items.length; start += PG_CHUNK) {
          const part = t.items.slice(start, start + PG_CHUNK).map(t.toRow);
          await client.query(sql, t.columns.map((_, c) => part.map((row) => row[c] ?? null)));
        }
      }
      let p = 0;
      await client.query(REFRESH_STATS_SQL.replace(/\?/g, () => `$${++p}`), Array.from({ length: REFRESH_STATS_PARAMS }, () => m.id));
      const r = spec.revision;
      await client.query(
        `INSERT INTO "ModelRevision" (${REVISION_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [r.id, m.id, r.revision, r.actorId, r.clientId, r.source, r.summary, r.changes, now],
      );
      await client.query("COMMIT");
      return { ok: true };
    } catch (err) {
      await client.query("ROLLBACK").catch((e: Error) => (broken = e));
      throw err;
    }
  } finally {
    client.release(broken ?? false);
  }
}

// ───────────────────────────── ids for bulk plans ─────────────────────────────

const ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
let idPool: Buffer = Buffer.alloc(0);
let idPos = 0;
let idLastMs = 0;
let idSeq = 0;

/**
 * Ids in lib/db/ids.ts newId's format (time prefix, per-millisecond sequence so they sort in
 * creation order, 6 random base-36 characters), with the random bytes drawn from a pooled buffer:
 * newId's one crypto.randomBytes call per id was ≈19 % of a 100k-frame import's CPU (135k ids;
 * bench/README.md). Used for the elements of an import (all from this generator, so they sort in
 * the order they were planned). If newId pools its bytes the same way, use newId instead.
 */
export function bulkNewId(): string {
  const now = Date.now();
  if (now === idLastMs) idSeq++;
  else {
    idLastMs = now;
    idSeq = 0;
  }
  if (idPos + 6 > idPool.length) {
    idPool = randomBytes(6 * 8192);
    idPos = 0;
  }
  let rand = "";
  for (let i = 0; i < 6; i++) rand += ID_ALPHABET[idPool[idPos + i]! % 36]!;
  idPos += 6;
  return `c${now.toString(36).padStart(9, "0")}${idSeq.toString(36).padStart(5, "0")}${rand}`;
}
