/**
 * Model edits on the database driver, in one transaction that reads only what the edit touches.
 *
 *   1. lock:  SQLite BEGIN IMMEDIATE on this module's own connection (one edit at a time per
 *             process; BUSY from another connection or process is retried asynchronously, never
 *             waited for synchronously: that would block the event loop that must finish the
 *             other writer). PostgreSQL: BEGIN, then SELECT … FOR UPDATE on the model row, so
 *             writers to one model queue on the row while other models are untouched.
 *   2. read:  the model row with the caller's role (access check), then the rows the plan needs
 *             through `sqlRows` (lib/structural/slice.ts: a few indexed look-ups, not the model).
 *   3. plan:  the caller's pure planner on that slice. Planning inside the lock means there is no
 *             revision race to retry: the model cannot change between read and write.
 *   4. write: the patch (deletes, full-row updates merged from the slice, multi-row inserts), the
 *             model row (revision + 1, element counts by delta, bounding box from the x/y/z
 *             indexes when nodes changed, name and units), and the revision record with the
 *             patch that undoes it (for additions just the ids).
 *   5. commit, or roll back on any error: a failed edit leaves nothing.
 *
 * Whole-model edits (undo, validate's repairs, generators on a model) use the same transaction
 * with `readWhole`. New models go through models.ts createModel / bulk.ts insertNewModel.
 */
import "server-only";
import {
  invertPatch,
  type Frame,
  type Load,
  type ModelMeta,
  type ModelPatch,
  type ModelRows,
  type ModelSlice,
  type Node,
  type StructuralModel,
  type Support,
} from "@/lib/structural";
import { liveDeltaOf, type LiveDelta } from "@/lib/structural/live";
import { database, providerOf, type DbProvider } from "./client";
import { connectionsPerUrl, openPgPool, openSqliteConnection } from "./driver";
import { newId } from "./ids";
import { ELEMENT_KINDS, TABLES, fromRow, toRow, type ElementKind } from "./mappers";
import { onShutdown } from "@/lib/observability/shutdown";
import { modelNotFound, viewerOnly } from "@/lib/structural/errors";

// ───────────────────────────── the transaction ─────────────────────────────

/** One statement runner inside a transaction; SQL uses `?` placeholders on both databases. */
export interface Sql {
  readonly dialect: DbProvider;
  all<T = Record<string, unknown>>(sql: string, params: readonly unknown[]): Promise<T[]>;
  run(sql: string, params: readonly unknown[]): Promise<number>;
  /** `"col" IN (…values)` as one parameter (SQLite: json_each; PostgreSQL: = ANY(text[])). */
  inList(column: string): string;
  /**
   * `"modelId" = ?` for look-ups by primary key: on SQLite written so that it cannot use an index,
   * because without table statistics SQLite would otherwise scan the model's rows by a
   * (modelId, …) index instead of probing the primary key once per id.
   */
  sameModel: string;
  listParam(values: readonly string[]): unknown;
  now(): string;
}

interface SqliteStmt { all(...a: unknown[]): unknown[]; run(...a: unknown[]): { changes: number } }
interface SqliteConn { prepare(sql: string): SqliteStmt; close(): void; inTransaction: boolean }
interface PgClient { query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>; release(err?: Error | boolean): void }
interface PgPool { connect(): Promise<PgClient>; end(): Promise<void> }

type Writer =
  | { kind: "sqlite"; db: SqliteConn; stmts: Map<string, SqliteStmt>; queue: Promise<unknown> }
  | { kind: "postgres"; pool: PgPool };

/** PostgreSQL connections per instance for model edits (see README, Deployment). */
export const EDIT_POOL_SIZE = 3;
const SQLITE_LOCK_WAIT_MS = 15_000;

async function openWriter(url: string): Promise<Writer> {
  onShutdown("model-writers", closeModelWriters, "close");
  if (providerOf(url) === "postgres") return { kind: "postgres", pool: await openPgPool<PgPool>(url, EDIT_POOL_SIZE) };
  const db = await openSqliteConnection<SqliteConn>(url, ["synchronous = NORMAL", "foreign_keys = ON"]);
  return { kind: "sqlite", db, stmts: new Map(), queue: Promise.resolve() };
}

const writers = connectionsPerUrl<Writer>("modelWriters", openWriter, async (w) => {
  if (w.kind === "sqlite") w.db.close();
  else await w.pool.end().catch(() => undefined);
});

/** Closes the edit connections (graceful shutdown, tests). */
export function closeModelWriters(): Promise<void> {
  return writers.closeAll();
}

const isBusy = (err: unknown) => String((err as { code?: string }).code ?? "").startsWith("SQLITE_BUSY");

function sqliteSql(w: Extract<Writer, { kind: "sqlite" }>): Sql {
  const stmt = (sql: string) => {
    let s = w.stmts.get(sql);
    if (!s) w.stmts.set(sql, (s = w.db.prepare(sql)));
    return s;
  };
  return {
    dialect: "sqlite",
    all: <T>(sql: string, params: readonly unknown[]) => Promise.resolve(stmt(sql).all(...params) as T[]),
    run: (sql, params) => Promise.resolve(stmt(sql).run(...params).changes),
    inList: (column) => `"${column}" IN (SELECT value FROM json_each(?))`,
    sameModel: `+"modelId" = ?`,
    listParam: (values) => JSON.stringify(values),
    now: () => new Date().toISOString().replace("Z", "+00:00"),
  };
}

function pgSql(client: PgClient): Sql {
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    dialect: "postgres",
    all: async <T>(sql: string, params: readonly unknown[]) => (await client.query(numbered(sql), [...params])).rows as T[],
    run: async (sql, params) => (await client.query(numbered(sql), [...params])).rowCount ?? 0,
    inList: (column) => `"${column}" = ANY(?::text[])`,
    sameModel: `"modelId" = ?`,
    listParam: (values) => [...values],
    now: () => new Date().toISOString(),
  };
}

/**
 * Runs `body` in one write transaction on the driver. On SQLite, edits of this process run one
 * after another (they share one connection); a lock held elsewhere is waited for asynchronously.
 */
export async function inWriteTransaction<T>(body: (sql: Sql) => Promise<T>): Promise<T> {
  const d = database();
  await d.ready;
  const w = await writers.get(d.url);
  if (w.kind === "postgres") {
    const client = await w.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      try {
        const out = await body(pgSql(client));
        await client.query("COMMIT");
        return out;
      } catch (err) {
        await client.query("ROLLBACK").catch((e: Error) => (broken = e));
        throw err;
      }
    } finally {
      client.release(broken ?? false);
    }
  }
  const run = async (): Promise<T> => {
    const deadline = Date.now() + SQLITE_LOCK_WAIT_MS;
    for (let attempt = 0; ; attempt++) {
      try {
        w.db.prepare("BEGIN IMMEDIATE").run();
        break;
      } catch (err) {
        if (!isBusy(err) || Date.now() >= deadline) throw err;
        await new Promise((r) => setTimeout(r, Math.min(50, 2 + attempt * 2) + Math.random() * 5));
      }
    }
    try {
      const out = await body(sqliteSql(w));
      w.db.prepare("COMMIT").run();
      return out;
    } catch (err) {
      if (w.db.inTransaction) w.db.prepare("ROLLBACK").run();
      throw err;
    }
  };
  const next = w.queue.then(run, run);
  w.queue = next.catch(() => undefined);
  return next;
}

// ───────────────────────────── reading rows ─────────────────────────────

type Row = Record<string, unknown>;
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** Every row of one model's `table`, in id order (as a whole-model read returns them). */
async function readTable<T>(sql: Sql, table: string, modelId: string, map: (r: Row) => T): Promise<T[]> {
  return (await sql.all<Row>(`SELECT * FROM "${table}" WHERE "modelId" = ? ORDER BY "id"`, [modelId])).map(map);
}

/** ModelRows (lib/structural/slice.ts) on indexed queries of one model. */
export function sqlRows(sql: Sql, modelId: string): ModelRows {
  const select = async <T>(table: string, where: string, list: readonly string[], map: (r: Row) => T): Promise<T[]> => {
    if (list.length === 0) return [];
    const model = where === "id" ? sql.sameModel : `"modelId" = ?`;
    const rows = await sql.all<Row>(`SELECT * FROM "${table}" WHERE ${model} AND ${sql.inList(where)}`, [modelId, sql.listParam(list)]);
    return rows.map(map);
  };
  const either = async <T>(table: string, a: string, b: string, list: readonly string[], map: (r: Row) => T): Promise<T[]> => {
    if (list.length === 0) return [];
    const p = sql.listParam(list);
    const rows = await sql.all<Row>(
      `SELECT * FROM "${table}" WHERE ${a === "id" ? sql.sameModel : `"modelId" = ?`} AND ${sql.inList(a)} UNION ALL SELECT * FROM "${table}" WHERE ${b === "id" ? sql.sameModel : `"modelId" = ?`} AND ${sql.inList(b)}`,
      [modelId, p, modelId, p],
    );
    return rows.map(map);
  };
  const all = <T>(table: string, map: (r: Row) => T) => readTable(sql, table, modelId, map);
  return {
    async labelNumbers() {
      const [r] = await sql.all<Row>(
        `SELECT (SELECT MAX("num") FROM "Node" WHERE "modelId" = ?) AS "n", (SELECT MAX("num") FROM "Frame" WHERE "modelId" = ?) AS "f"`,
        [modelId, modelId],
      );
      return { nodes: num(r?.n), frames: num(r?.f) };
    },
    async properties() {
      return {
        sections: await all("Section", fromRow.sections),
        materials: await all("Material", fromRow.materials),
        loadCases: await all("LoadCase", fromRow.loadCases),
        combinations: await all("Combination", fromRow.combinations),
      };
    },
    nodesByToken: (t) => either("Node", "label", "id", t, fromRow.nodes),
    nodesByIds: (ids) => select("Node", "id", ids, fromRow.nodes),
    nodesInCells: (cells) => select("Node", "cell", cells, fromRow.nodes),
    async nodesInBox(lo, hi) {
      const rows = await sql.all<Row>(
        `SELECT * FROM "Node" WHERE "modelId" = ? AND "x" BETWEEN ? AND ? AND "y" BETWEEN ? AND ? AND "z" BETWEEN ? AND ?`,
        [modelId, lo[0], hi[0], lo[1], hi[1], lo[2], hi[2]],
      );
      return rows.map(fromRow.nodes);
    },
    framesByToken: (t) => either("Frame", "label", "id", t, fromRow.frames),
    framesByIds: (ids) => select("Frame", "id", ids, fromRow.frames),
    framesTouching: (ids) => either("Frame", "nodeI", "nodeJ", ids, fromRow.frames),
    async framesUsing(secs, mats) {
      if (secs.length === 0 && mats.length === 0) return [];
      // No index on a frame's section or material: removing a section in use reads the model's
      // frames once (rare, and what it may change is that many frames anyway).
      const rows = await sql.all<Row>(`SELECT * FROM "Frame" WHERE "modelId" = ? AND (${sql.inList("sectionId")} OR ${sql.inList("materialId")})`, [
        modelId,
        sql.listParam(secs),
        sql.listParam(mats),
      ]);
      return rows.map(fromRow.frames);
    },
    // No index on role either: a selection by role reads that model's frames with the role.
    framesWithRole: (roles) => select("Frame", "role", roles, fromRow.frames),
    supportsByIds: (ids) => select("Support", "id", ids, fromRow.supports),
    supportsOnNodes: (ids) => select("Support", "nodeId", ids, fromRow.supports),
    loadsByIds: (ids) => select("Load", "id", ids, fromRow.loads),
    loadsOnTargets: (ids) => select("Load", "targetId", ids, fromRow.loads),
    loadsInCases: (ids) => select("Load", "caseId", ids, fromRow.loads),
  };
}

/** The whole model as a slice (for edits that are whole-model by nature). */
export async function readWhole(sql: Sql, meta: ModelMeta): Promise<ModelSlice> {
  const rows = sqlRows(sql, meta.id);
  const all = <T>(table: string, map: (r: Row) => T) => readTable(sql, table, meta.id, map);
  const props = await rows.properties();
  return {
    model: {
      meta,
      nodes: await all<Node>("Node", fromRow.nodes),
      frames: await all<Frame>("Frame", fromRow.frames),
      supports: await all<Support>("Support", fromRow.supports),
      loads: await all<Load>("Load", fromRow.loads),
      ...props,
    },
    labelNumbers: await rows.labelNumbers(),
  };
}

// ───────────────────────────── the model row ─────────────────────────────

export type Role = "owner" | "editor" | "viewer";

export interface ModelCounts { nodes: number; frames: number; supports: number; sections: number; materials: number; loadCases: number; loads: number; combinations: number }
export type Bounds = { min: [number, number, number]; max: [number, number, number] } | null;

/** The model row as every reader needs it: header, caller's role, counts and bounds. */
export interface ModelHead {
  meta: ModelMeta;
  role: Role | null;
  counts: ModelCounts;
  bounds: Bounds;
}

/** Count column of each element kind on the Model row. */
export const COUNT_COLUMNS: Record<ElementKind, string> = {
  nodes: "nodeCount", frames: "frameCount", supports: "supportCount", sections: "sectionCount",
  materials: "materialCount", loadCases: "loadCaseCount", loads: "loadCount", combinations: "combinationCount",
};

/** Model columns plus the caller's membership role; parameters: userId, modelId. */
export const MODEL_HEAD_SQL = `SELECT m.*, (SELECT mm."role" FROM "ModelMember" mm WHERE mm."modelId" = m."id" AND mm."userId" = ?) AS "memberRole" FROM "Model" m WHERE m."id" = ?`;

/** The header of a Model row (Prisma's or the driver's: revision may come back as text or bigint). */
export function metaOf(row: Row): ModelMeta {
  return {
    id: row.id as string,
    ownerId: row.ownerId as string,
    name: row.name as string,
    description: row.description as string,
    displayUnits: { length: row.lengthUnit as ModelMeta["displayUnits"]["length"], force: row.forceUnit as ModelMeta["displayUnits"]["force"] },
    verticalAxis: row.verticalAxis as ModelMeta["verticalAxis"],
    revision: num(row.revision),
  };
}

/** A Model row (with "memberRole") as a ModelHead for `userId`. */
export function headOf(row: Row, userId: string | null): ModelHead {
  const role: Role | null = userId !== null && row.ownerId === userId ? "owner" : ((row.memberRole as Role | null | undefined) ?? null);
  const n = (k: ElementKind) => num(row[COUNT_COLUMNS[k]]);
  const counts: ModelCounts = {
    nodes: n("nodes"), frames: n("frames"), supports: n("supports"), sections: n("sections"),
    materials: n("materials"), loadCases: n("loadCases"), loads: n("loads"), combinations: n("combinations"),
  };
  const bounds: Bounds =
    row.minX === null || row.minX === undefined
      ? null
      : { min: [num(row.minX), num(row.minY), num(row.minZ)], max: [num(row.maxX), num(row.maxY), num(row.maxZ)] };
  return {
    meta: metaOf(row),
    role,
    counts,
    bounds,
  };
}

/**
 * Counts and bounding box recomputed from the element tables (after a bulk import, or for a new
 * model): parameters are the model id once per `?` (BOUNDS_SQL: 6, REFRESH_STATS_SQL: 14 + 1).
 */
const BOUNDS_SET = `"minX" = (SELECT MIN("x") FROM "Node" WHERE "modelId" = ?), "minY" = (SELECT MIN("y") FROM "Node" WHERE "modelId" = ?),
  "minZ" = (SELECT MIN("z") FROM "Node" WHERE "modelId" = ?), "maxX" = (SELECT MAX("x") FROM "Node" WHERE "modelId" = ?),
  "maxY" = (SELECT MAX("y") FROM "Node" WHERE "modelId" = ?), "maxZ" = (SELECT MAX("z") FROM "Node" WHERE "modelId" = ?)`;
export const REFRESH_STATS_SQL = `UPDATE "Model" SET ${ELEMENT_KINDS.map((k) => `"${COUNT_COLUMNS[k]}" = (SELECT COUNT(*) FROM "${TABLES[k].table}" WHERE "modelId" = ?)`).join(", ")}, ${BOUNDS_SET} WHERE "id" = ?`;
export const REFRESH_STATS_PARAMS = 15;

// ───────────────────────────── writing a patch ─────────────────────────────

/** Rows per multi-row INSERT (SQLite's 32,766-parameter limit at 14 columns is 2,340). */
const INSERT_ROWS = 250;

function insertSql(table: string, columns: readonly string[], rows: number): string {
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  return `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${Array.from({ length: rows }, () => tuple).join(", ")}`;
}

async function insertAll(sql: Sql, kind: ElementKind, modelId: string, items: readonly unknown[]): Promise<void> {
  const { table, columns } = TABLES[kind];
  const map = toRow[kind] as (m: string, el: unknown) => unknown[];
  for (let start = 0; start < items.length; start += INSERT_ROWS) {
    const part = items.slice(start, start + INSERT_ROWS);
    const values: unknown[] = [];
    for (const el of part) for (const v of map(modelId, el)) values.push(v ?? null);
    await sql.run(insertSql(table, columns, part.length), values);
  }
}

/** Applies `patch` to the model's rows. `before` must hold every row the patch updates. */
async function writeRows(sql: Sql, modelId: string, patch: ModelPatch, before: StructuralModel): Promise<void> {
  const removeOrder: ElementKind[] = ["loads", "combinations", "supports", "frames", "nodes", "loadCases", "sections", "materials"];
  for (const k of removeOrder) {
    const ids = patch.remove[k];
    if (ids.length) await sql.run(`DELETE FROM "${TABLES[k].table}" WHERE ${sql.sameModel} AND ${sql.inList("id")}`, [modelId, sql.listParam(ids)]);
  }
  for (const k of ELEMENT_KINDS) {
    const updates = patch.update[k] as readonly ({ id: string } & Row)[];
    if (!updates.length) continue;
    const { table, columns } = TABLES[k];
    const old = new Map((before[k] as readonly ({ id: string } & Row)[]).map((r) => [r.id, r]));
    const map = toRow[k] as (m: string, el: unknown) => unknown[];
    const set = columns.slice(2).map((c) => `"${c}" = ?`).join(", ");
    const stmt = `UPDATE "${table}" SET ${set} WHERE "id" = ? AND ${sql.sameModel}`;
    for (const u of updates) {
      const prev = old.get(u.id);
      if (!prev) throw new Error(`writeRows: ${k} "${u.id}" was not read before it was updated`);
      const merged: Row = { ...prev };
      for (const [f, v] of Object.entries(u)) if (v !== undefined) merged[f] = v;
      const values = map(modelId, merged).map((v) => v ?? null);
      await sql.run(stmt, [...values.slice(2), u.id, modelId]);
    }
  }
  for (const k of ELEMENT_KINDS) if (patch.add[k].length) await insertAll(sql, k, modelId, patch.add[k]);
}

/** What a revision stores: counts for the history list and the patch that undoes it. */
export interface StoredChange {
  counts: { added: Partial<Record<ElementKind, number>>; updated: Partial<Record<ElementKind, number>>; removed: Partial<Record<ElementKind, number>> };
  inverse: ModelPatch;
  meta?: { before: Partial<ModelMeta>; after: Partial<ModelMeta> };
  /**
   * The change in the viewer's terms, for open viewers to apply without reloading
   * (lib/structural/live.ts). Absent when it was too large, and on revisions written before it
   * existed or by bulk paths (imports): viewers reload then.
   */
  live?: LiveDelta;
}

export function countPatch(p: ModelPatch): StoredChange["counts"] {
  const c: StoredChange["counts"] = { added: {}, updated: {}, removed: {} };
  for (const k of ELEMENT_KINDS) {
    if (p.add[k].length) c.added[k] = p.add[k].length;
    if (p.update[k].length) c.updated[k] = p.update[k].length;
    if (p.remove[k].length) c.removed[k] = p.remove[k].length;
  }
  return c;
}

export type MetaChange = Partial<Pick<ModelMeta, "name" | "description" | "displayUnits" | "verticalAxis">>;

/** Who is acting: the signed-in user in the web app, or an OAuth client on the user's behalf. */
export interface Actor {
  userId: string;
  clientId?: string | null;
  source: "web" | "mcp" | "api";
}

/** The next revision's model row: revision, counts by delta, bounds when nodes moved, meta. */
async function writeModelRow(sql: Sql, head: ModelHead, patch: ModelPatch, meta: MetaChange | undefined, revision: number, nodesChanged: boolean): Promise<void> {
  const sets: string[] = [`"revision" = ?`, `"updatedAt" = ?`];
  const params: unknown[] = [revision, sql.now()];
  for (const k of ELEMENT_KINDS) {
    const delta = patch.add[k].length - patch.remove[k].length;
    if (delta !== 0) {
      sets.push(`"${COUNT_COLUMNS[k]}" = "${COUNT_COLUMNS[k]}" + ?`);
      params.push(delta);
    }
  }
  const set = (column: string, value: unknown) => {
    sets.push(`"${column}" = ?`);
    params.push(value);
  };
  if (meta?.name !== undefined) set("name", meta.name);
  if (meta?.description !== undefined) set("description", meta.description);
  if (meta?.displayUnits) {
    set("lengthUnit", meta.displayUnits.length);
    set("forceUnit", meta.displayUnits.force);
  }
  if (meta?.verticalAxis) set("verticalAxis", meta.verticalAxis);
  if (nodesChanged) {
    // Each MIN/MAX is one probe of its (modelId, x|y|z) index.
    sets.push(BOUNDS_SET);
    params.push(...Array.from({ length: 6 }, () => head.meta.id));
  }
  await sql.run(`UPDATE "Model" SET ${sets.join(", ")} WHERE "id" = ?`, [...params, head.meta.id]);
}

// ───────────────────────────── editModel ─────────────────────────────

/** The edit's plan: the patch and what to say about it, or the caller's own error. */
export type Planned<R, E> =
  | { patch: ModelPatch; summary: string; meta?: MetaChange; inverse?: ModelPatch; result: R }
  | { error: E };

export interface Edited<R> {
  ok: true;
  revision: number;
  result: R;
  /** The model row after the edit (counts, bounds, name, units). */
  head: ModelHead;
  /** The rows the plan was made on (a slice, or the whole model for readWhole edits). */
  before: StructuralModel;
}

/**
 * Reads what `read` asks for, plans with `plan` and writes the patch as the next revision, all in
 * one transaction. `plan` returning `{ error }` writes nothing and returns it.
 */
export async function editModel<R, E>(
  modelId: string,
  actor: Actor,
  read: (rows: ModelRows, meta: ModelMeta, sql: Sql) => Promise<ModelSlice>,
  plan: (slice: ModelSlice, role: Role) => Planned<R, E>,
): Promise<Edited<R> | { ok: false; error: E }> {
  return inWriteTransaction(async (sql) => {
    const lock = sql.dialect === "postgres" ? " FOR UPDATE OF m" : "";
    const [row] = await sql.all<Row>(MODEL_HEAD_SQL + lock, [actor.userId, modelId]);
    const head = row ? headOf(row, actor.userId) : null;
    if (!head?.role) throw modelNotFound(modelId);
    if (head.role === "viewer") throw viewerOnly(modelId);
    const slice = await read(sqlRows(sql, modelId), head.meta, sql);
    const planned = plan(slice, head.role);
    if ("error" in planned) return { ok: false as const, error: planned.error };
    const { patch } = planned;
    const revision = head.meta.revision + 1;
    await writeRows(sql, modelId, patch, slice.model);
    const nodesChanged = patch.add.nodes.length > 0 || patch.remove.nodes.length > 0 || patch.update.nodes.some((u) => u.x !== undefined || u.y !== undefined || u.z !== undefined);
    await writeModelRow(sql, head, patch, planned.meta, revision, nodesChanged);
    const change: StoredChange = { counts: countPatch(patch), inverse: planned.inverse ?? invertPatch(slice.model, patch) };
    if (planned.meta && Object.keys(planned.meta).length) {
      const before: Partial<ModelMeta> = {};
      for (const key of Object.keys(planned.meta) as (keyof MetaChange)[]) (before as Record<string, unknown>)[key] = head.meta[key];
      change.meta = { before, after: planned.meta };
    }
    const live = liveDeltaOf(slice.model, patch, planned.meta);
    if (live) change.live = live;
    await sql.run(
      `INSERT INTO "ModelRevision" ("id", "modelId", "revision", "actorId", "clientId", "source", "summary", "changes", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [newId(), modelId, revision, actor.userId, actor.clientId ?? null, actor.source, planned.summary, JSON.stringify(change), sql.now()],
    );
    const [after] = await sql.all<Row>(MODEL_HEAD_SQL, [actor.userId, modelId]);
    return { ok: true as const, revision, result: planned.result, head: headOf(after as Row, actor.userId), before: slice.model };
  });
}

/** The stored change of one revision, read inside a transaction. */
export async function revisionChange(sql: Sql, modelId: string, revision: number): Promise<StoredChange | null> {
  const [row] = await sql.all<{ changes: string }>(`SELECT "changes" FROM "ModelRevision" WHERE "modelId" = ? AND "revision" = ?`, [modelId, revision]);
  return row ? (JSON.parse(row.changes) as StoredChange) : null;
}

/**
 * The same read as an edit, without writing: for dry runs. Throws ModelError NOT_FOUND when the
 * user may not see the model.
 */
export async function peekModel(modelId: string, userId: string, read: (rows: ModelRows, meta: ModelMeta, sql: Sql) => Promise<ModelSlice>): Promise<{ slice: ModelSlice; head: ModelHead }> {
  return inWriteTransaction(async (sql) => {
    const [row] = await sql.all<Row>(MODEL_HEAD_SQL, [userId, modelId]);
    const head = row ? headOf(row, userId) : null;
    if (!head?.role) throw modelNotFound(modelId);
    return { slice: await read(sqlRows(sql, modelId), head.meta, sql), head };
  });
}
