/**
 * Structural models in the database: who may see or change them, reading them whole, and
 * writing changes as revisions. Every write runs in one transaction that checks the model's
 * revision, applies the patch with batched INSERTs, bumps the revision and records the change
 * with its inverse (so history can be listed and undone). A write that fails leaves nothing.
 */
import "server-only";
import {
  applyPatch,
  type ModelPatch,
  type StructuralModel,
  type ModelMeta,
} from "@/lib/structural";
import { database, type Db, type DbProvider } from "./client";
import { insertRows, deleteByIds, insertNewModel, type RawExecutor } from "./bulk";
import { readRows, type HotQuery } from "./hot-reads";
import { newId } from "./ids";
import { ELEMENT_KINDS, TABLES, fromRow, toRow, toUpdateData, type ElementKind } from "./mappers";

export type Role = "owner" | "editor" | "viewer";
export type AccessRole = Role | "share";

/** Who is acting: the signed-in user in the web app, or an OAuth client on the user's behalf. */
export interface Actor {
  userId: string;
  clientId?: string | null;
  source: "web" | "mcp" | "api";
}

export type ModelErrorCode = "NOT_FOUND" | "FORBIDDEN" | "REVISION_CONFLICT" | "LIMIT" | "INVALID";

/** A failure the caller can explain to the user; `message` says what to do. */
export class ModelError extends Error {
  constructor(
    readonly code: ModelErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ModelError";
  }
}

const notFound = (id: string) =>
  new ModelError("NOT_FOUND", `No model with id "${id}" that you can access. Call list_models to see your models.`);

type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

async function ready(): Promise<{ db: Db; provider: DbProvider; url: string }> {
  const d = database();
  await d.ready;
  return { db: d.db, provider: d.provider, url: d.url };
}

/** The transaction options for model writes: bulk imports of 100k frames take seconds, not the 5 s default. */
const TX = { maxWait: 15_000, timeout: 120_000 } as const;

// ───────────────────────────── access ─────────────────────────────

/** The user's role on a model, or null when the user may not see it (or it does not exist). */
export async function roleFor(tx: Tx, modelId: string, userId: string): Promise<Role | null> {
  const m = await tx.model.findUnique({ where: { id: modelId }, select: { ownerId: true } });
  if (!m) return null;
  if (m.ownerId === userId) return "owner";
  const member = await tx.modelMember.findUnique({ where: { modelId_userId: { modelId, userId } }, select: { role: true } });
  return (member?.role as Role | undefined) ?? null;
}

function canWrite(role: Role | null): boolean {
  return role === "owner" || role === "editor";
}

// ───────────────────────────── reading ─────────────────────────────

function metaOf(row: {
  id: string; ownerId: string; name: string; description: string; lengthUnit: string; forceUnit: string; verticalAxis: string; revision: number;
}): ModelMeta {
  return {
    id: row.id,
    ownerId: row.ownerId,
    name: row.name,
    description: row.description,
    displayUnits: { length: row.lengthUnit as ModelMeta["displayUnits"]["length"], force: row.forceUnit as ModelMeta["displayUnits"]["force"] },
    verticalAxis: row.verticalAxis as ModelMeta["verticalAxis"],
    revision: row.revision,
  };
}

/** Reads a whole model (no access check: callers check first). */
async function readModel(tx: Tx, modelId: string): Promise<StructuralModel | null> {
  const row = await tx.model.findUnique({ where: { id: modelId } });
  if (!row) return null;
  const where = { where: { modelId } } as const;
  const [nodes, frames, supports, sections, materials, loadCases, loads, combinations] = await Promise.all([
    tx.node.findMany({ ...where, orderBy: { id: "asc" } }),
    tx.frame.findMany({ ...where, orderBy: { id: "asc" } }),
    tx.support.findMany({ ...where, orderBy: { id: "asc" } }),
    tx.section.findMany({ ...where, orderBy: { id: "asc" } }),
    tx.material.findMany({ ...where, orderBy: { id: "asc" } }),
    tx.loadCase.findMany({ ...where, orderBy: { id: "asc" } }),
    tx.load.findMany({ ...where, orderBy: { id: "asc" } }),
    tx.combination.findMany({ ...where, orderBy: { id: "asc" } }),
  ]);
  return {
    meta: metaOf(row),
    nodes: nodes.map(fromRow.nodes),
    frames: frames.map(fromRow.frames),
    supports: supports.map(fromRow.supports),
    sections: sections.map(fromRow.sections),
    materials: materials.map(fromRow.materials),
    loadCases: loadCases.map(fromRow.loadCases),
    loads: loads.map(fromRow.loads),
    combinations: combinations.map(fromRow.combinations),
  };
}

/** Rebuilds the model as it was at `revision` by undoing later revisions' changes on a copy. */
async function atRevision(tx: Tx, current: StructuralModel, revision: number): Promise<StructuralModel> {
  if (revision >= current.meta.revision) return current;
  const later = await tx.modelRevision.findMany({
    where: { modelId: current.meta.id, revision: { gt: revision } },
    orderBy: { revision: "desc" },
    select: { revision: true, changes: true },
  });
  let model = current;
  for (const r of later) {
    const { inverse } = JSON.parse(r.changes) as StoredChange;
    model = applyPatch(model, inverse);
  }
  return { ...model, meta: { ...model.meta, revision } };
}

/**
 * A model the user may read, whole, with the user's role; null when it does not exist or the
 * user has no access (the two are indistinguishable on purpose).
 */
export async function loadModel(
  modelId: string,
  userId: string,
  opts: { revision?: number } = {},
): Promise<{ model: StructuralModel; role: Role } | null> {
  const { db } = await ready();
  const role = await roleFor(db, modelId, userId);
  if (!role) return null;
  const model = await readModel(db, modelId);
  if (!model) return null;
  if (opts.revision !== undefined) {
    if (opts.revision < 1 || opts.revision > model.meta.revision) return null;
    return { model: await atRevision(db, model, opts.revision), role };
  }
  return { model, role };
}

/**
 * A model at a given revision with no access check: for background work (analysis jobs) that
 * was authorised when it was submitted. Null when the model or revision no longer exists.
 */
export async function loadModelForJob(modelId: string, revision: number): Promise<StructuralModel | null> {
  const { db } = await ready();
  const current = await readModel(db, modelId);
  if (!current || revision > current.meta.revision) return null;
  return atRevision(db, current, revision);
}

/** The model for the viewer: by signed-in user or by share token; an earlier revision on request. */
export async function getViewerModel(
  modelId: string,
  access: { userId?: string | null; shareToken?: string | null },
  revision?: number,
): Promise<{ model: StructuralModel; role: AccessRole; revision: number; latestRevision: number } | null> {
  const { db } = await ready();
  let role: AccessRole | null = access.userId ? await roleFor(db, modelId, access.userId) : null;
  if (!role && access.shareToken) {
    const { resolveShareToken } = await import("./share-links");
    if ((await resolveShareToken(access.shareToken)) === modelId) role = "share";
  }
  if (!role) return null;
  const current = await readModel(db, modelId);
  if (!current) return null;
  const latestRevision = current.meta.revision;
  if (revision !== undefined && (!Number.isInteger(revision) || revision < 1 || revision > latestRevision)) return null;
  const model = revision !== undefined ? await atRevision(db, current, revision) : current;
  return { model, role, revision: model.meta.revision, latestRevision };
}

export interface ModelSummary {
  meta: ModelMeta;
  role: Role;
  counts: { nodes: number; frames: number; supports: number; sections: number; materials: number; loadCases: number; loads: number; combinations: number };
  bounds: { min: [number, number, number]; max: [number, number, number] } | null;
}

/**
 * A model's header, element counts and bounding box without reading its elements (what
 * get_model answers when elements are not asked for): a handful of indexed queries instead of
 * one per element table plus every row.
 */
export async function loadModelSummary(modelId: string, userId: string): Promise<ModelSummary | null> {
  const rows = await readRows<SummaryRow>(await ready(), MODEL_SUMMARY, [userId, modelId, modelId]);
  const row = rows[0];
  if (!row) return null;
  const role: Role | null = row.ownerId === userId ? "owner" : ((row.memberRole as Role | null) ?? null);
  if (!role) return null;
  const n = (v: Num) => Number(v ?? 0);
  const counts = {
    nodes: n(row.nodes), frames: n(row.frames), supports: n(row.supports), sections: n(row.sections), materials: n(row.materials),
    loadCases: n(row.loadCases), loads: n(row.loads), combinations: n(row.combinations),
  };
  const bounds = counts.nodes
    ? { min: [n(row.minX), n(row.minY), n(row.minZ)] as [number, number, number], max: [n(row.maxX), n(row.maxY), n(row.maxZ)] as [number, number, number] }
    : null;
  return { meta: metaOf({ ...row, revision: n(row.revision) }), role, counts, bounds };
}

// One statement: the model row, the caller's membership, every count and the node bounds, read on
// the driver (lib/db/hot-reads.ts). As ten Prisma queries this was most of get_model's cost.
// Parameters: userId, modelId, modelId.
const count = (table: string) => `(SELECT COUNT(*) FROM "${table}" WHERE "modelId" = m."id")`;
const MODEL_SUMMARY: HotQuery = {
  name: "model_summary",
  sql: `SELECT m."id", m."ownerId", m."name", m."description", m."lengthUnit", m."forceUnit", m."verticalAxis", m."revision",
       (SELECT mm."role" FROM "ModelMember" mm WHERE mm."modelId" = m."id" AND mm."userId" = ?) AS "memberRole",
       ${count("Node")} AS "nodes", ${count("Frame")} AS "frames", ${count("Support")} AS "supports",
       ${count("Section")} AS "sections", ${count("Material")} AS "materials", ${count("LoadCase")} AS "loadCases",
       ${count("Load")} AS "loads", ${count("Combination")} AS "combinations",
       b."minX", b."minY", b."minZ", b."maxX", b."maxY", b."maxZ"
     FROM "Model" m,
       (SELECT MIN(n."x") AS "minX", MIN(n."y") AS "minY", MIN(n."z") AS "minZ", MAX(n."x") AS "maxX", MAX(n."y") AS "maxY", MAX(n."z") AS "maxZ"
        FROM "Node" n WHERE n."modelId" = ?) b
     WHERE m."id" = ?`,
};

type Num = number | bigint | string | null;
interface SummaryRow {
  id: string; ownerId: string; name: string; description: string; lengthUnit: string; forceUnit: string; verticalAxis: string; revision: Num;
  memberRole: string | null;
  nodes: Num; frames: Num; supports: Num; sections: Num; materials: Num; loadCases: Num; loads: Num; combinations: Num;
  minX: Num; minY: Num; minZ: Num; maxX: Num; maxY: Num; maxZ: Num;
}

export interface ModelListItem {
  id: string;
  name: string;
  description: string;
  revision: number;
  updatedAt: Date;
  createdAt: Date;
  role: Role;
  counts: { nodes: number; frames: number; supports: number; loads: number };
}

/** The user's models (owned and shared with them), most recently updated first, paged. */
export async function listModelsForUser(
  userId: string,
  opts: { cursor?: string | null; limit?: number } = {},
): Promise<{ items: ModelListItem[]; nextCursor: string | null }> {
  const { db } = await ready();
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const offset = opts.cursor ? Number.parseInt(Buffer.from(opts.cursor, "base64url").toString(), 10) || 0 : 0;
  const where = { OR: [{ ownerId: userId }, { members: { some: { userId } } }] };
  const rows = await db.model.findMany({
    where,
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    skip: offset,
    take: limit + 1,
    select: { id: true, name: true, description: true, revision: true, updatedAt: true, createdAt: true, ownerId: true, members: { where: { userId }, select: { role: true } } },
  });
  const page = rows.slice(0, limit);
  const ids = page.map((r) => r.id);
  const count = async (table: "node" | "frame" | "support" | "load") => {
    const g = await (db[table] as unknown as { groupBy: (a: unknown) => Promise<{ modelId: string; _count: { _all: number } }[]> }).groupBy({
      by: ["modelId"],
      where: { modelId: { in: ids } },
      _count: { _all: true },
    });
    return new Map(g.map((x) => [x.modelId, x._count._all]));
  };
  const [nodes, frames, supports, loads] = ids.length
    ? await Promise.all([count("node"), count("frame"), count("support"), count("load")])
    : [new Map(), new Map(), new Map(), new Map()];
  return {
    items: page.map((r) => ({
      id: r.id,
      name: r.name,
      description: r.description,
      revision: r.revision,
      updatedAt: r.updatedAt,
      createdAt: r.createdAt,
      role: r.ownerId === userId ? "owner" : ((r.members[0]?.role as Role | undefined) ?? "viewer"),
      counts: { nodes: nodes.get(r.id) ?? 0, frames: frames.get(r.id) ?? 0, supports: supports.get(r.id) ?? 0, loads: loads.get(r.id) ?? 0 },
    })),
    nextCursor: rows.length > limit ? Buffer.from(String(offset + limit)).toString("base64url") : null,
  };
}

// ───────────────────────────── writing ─────────────────────────────

/** What a revision stores: counts for the history list and the patch that undoes it. */
export interface StoredChange {
  counts: { added: Partial<Record<ElementKind, number>>; updated: Partial<Record<ElementKind, number>>; removed: Partial<Record<ElementKind, number>> };
  inverse: ModelPatch;
  meta?: { before: Partial<ModelMeta>; after: Partial<ModelMeta> };
}

function countPatch(p: ModelPatch): StoredChange["counts"] {
  const c: StoredChange["counts"] = { added: {}, updated: {}, removed: {} };
  for (const k of ELEMENT_KINDS) {
    const a = (p.add as Partial<Record<ElementKind, unknown[]>> | undefined)?.[k]?.length ?? 0;
    const u = (p.update as Partial<Record<ElementKind, unknown[]>> | undefined)?.[k]?.length ?? 0;
    const r = (p.remove as Partial<Record<ElementKind, unknown[]>> | undefined)?.[k]?.length ?? 0;
    if (a) c.added[k] = a;
    if (u) c.updated[k] = u;
    if (r) c.removed[k] = r;
  }
  return c;
}

/** Applies a patch's rows inside a transaction: removals (dependants first), updates, additions (dependencies first). */
async function writePatch(tx: Tx & RawExecutor, provider: DbProvider, modelId: string, patch: ModelPatch): Promise<void> {
  const removeOrder: ElementKind[] = ["loads", "combinations", "supports", "frames", "nodes", "loadCases", "sections", "materials"];
  const remove = (patch.remove ?? {}) as Partial<Record<ElementKind, string[]>>;
  for (const k of removeOrder) {
    const ids = remove[k];
    if (ids?.length) await deleteByIds(tx, provider, TABLES[k].table, modelId, ids);
  }
  const update = (patch.update ?? {}) as Partial<Record<ElementKind, Record<string, unknown>[]>>;
  for (const k of ELEMENT_KINDS) {
    for (const change of update[k] ?? []) {
      const id = change.id as string;
      if (k === "loads") {
        // A load's values live in one JSON column: rewrite the row from the merged load.
        const row = await tx.load.findFirst({ where: { id, modelId } });
        if (!row) throw new ModelError("INVALID", `Load "${id}" does not exist in this model.`);
        const merged = { ...fromRow.loads(row as unknown as Record<string, unknown>), ...change } as never;
        const [, , caseId, kind, targetId, data] = toRow.loads(modelId, merged);
        await tx.load.update({ where: { id }, data: { caseId: caseId as string, kind: kind as string, targetId: targetId as string, data: data as string } });
        continue;
      }
      const data = toUpdateData(k, change);
      if (Object.keys(data).length === 0) continue;
      const delegate = tx[TABLES[k].table.charAt(0).toLowerCase() + TABLES[k].table.slice(1) as "node"] as unknown as {
        updateMany: (a: unknown) => Promise<{ count: number }>;
      };
      const res = await delegate.updateMany({ where: { id, modelId }, data });
      if (res.count !== 1) throw new ModelError("INVALID", `${k.slice(0, -1)} "${id}" does not exist in this model.`);
    }
  }
  const add = (patch.add ?? {}) as Partial<Record<ElementKind, unknown[]>>;
  for (const k of ELEMENT_KINDS) {
    const els = add[k];
    if (!els?.length) continue;
    const map = toRow[k] as (m: string, el: unknown) => unknown[];
    await insertRows(tx, provider, TABLES[k].table, TABLES[k].columns, els.map((el) => map(modelId, el)));
  }
}

export interface CreateModelInput {
  name: string;
  description?: string;
  displayUnits?: ModelMeta["displayUnits"];
  verticalAxis?: ModelMeta["verticalAxis"];
}

/** From this many element rows on, a new model is written on the driver (lib/db/bulk.ts insertNewModel). */
export const BULK_CREATE_MIN_ROWS = 2_000;

function patchRows(p: ModelPatch | null): number {
  const add = (p?.add ?? {}) as Partial<Record<ElementKind, unknown[]>>;
  let n = 0;
  for (const k of ELEMENT_KINDS) n += add[k]?.length ?? 0;
  return n;
}

function limitError(n: number, max: number): ModelError {
  return new ModelError("LIMIT", `You have ${n} models, the most one account may own (${max}). Delete a model you no longer need, then try again.`);
}

/** Creates a model owned by the actor, optionally with initial elements, as revision 1. */
export async function createModel(
  actor: Actor,
  input: CreateModelInput,
  patch: ModelPatch | null = null,
  opts: { summary?: string; maxModelsPerUser?: number } = {},
): Promise<{ id: string; revision: number }> {
  const { db, provider, url } = await ready();
  const id = newId();
  const modelRow = {
    id,
    ownerId: actor.userId,
    name: input.name,
    description: input.description ?? "",
    lengthUnit: input.displayUnits?.length ?? "m",
    forceUnit: input.displayUnits?.force ?? "kN",
    verticalAxis: input.verticalAxis ?? "Z",
    revision: 1,
  };
  if (patch && patchRows(patch) >= BULK_CREATE_MIN_ROWS) {
    // Large imports: one driver transaction, same rows as below (see lib/db/bulk.ts).
    const add = (patch.add ?? {}) as Partial<Record<ElementKind, unknown[]>>;
    const change: StoredChange = { counts: countPatch(patch), inverse: inverseOfAdditions(patch) };
    const res = await insertNewModel(url, provider, {
      model: modelRow,
      elements: ELEMENT_KINDS.filter((k) => add[k]?.length).map((k) => {
        const map = toRow[k] as (m: string, el: unknown) => unknown[];
        return { table: TABLES[k].table, columns: TABLES[k].columns, items: add[k]!, toRow: (el: unknown) => map(id, el) };
      }),
      revision: {
        id: newId(),
        revision: 1,
        actorId: actor.userId,
        clientId: actor.clientId ?? null,
        source: actor.source,
        summary: opts.summary ?? `Created model "${input.name}"`,
        changes: JSON.stringify(change),
      },
      maxModelsPerUser: opts.maxModelsPerUser,
    });
    if (!res.ok) throw limitError(res.count, opts.maxModelsPerUser!);
    return { id, revision: 1 };
  }
  await db.$transaction(async (tx) => {
    if (opts.maxModelsPerUser !== undefined) {
      const n = await tx.model.count({ where: { ownerId: actor.userId } });
      if (n >= opts.maxModelsPerUser) throw limitError(n, opts.maxModelsPerUser);
    }
    await tx.model.create({
      data: modelRow,
    });
    const p: ModelPatch = patch ?? emptyPatch();
    if (patch) await writePatch(tx as Tx & RawExecutor, provider, id, patch);
    const change: StoredChange = { counts: countPatch(p), inverse: inverseOfAdditions(p) };
    await tx.modelRevision.create({
      data: {
        id: newId(),
        modelId: id,
        revision: 1,
        actorId: actor.userId,
        clientId: actor.clientId ?? null,
        source: actor.source,
        summary: opts.summary ?? `Created model "${input.name}"`,
        changes: JSON.stringify(change),
      },
    });
  }, TX);
  return { id, revision: 1 };
}

export function emptyPatch(): ModelPatch {
  const none = () => ({ nodes: [], frames: [], supports: [], sections: [], materials: [], loadCases: [], loads: [], combinations: [] });
  return { add: none(), update: none(), remove: none() } as unknown as ModelPatch;
}

/** The undo of a patch that only adds: remove what it added. */
function inverseOfAdditions(p: ModelPatch): ModelPatch {
  const inv = emptyPatch() as unknown as { remove: Record<ElementKind, string[]> };
  const add = (p.add ?? {}) as Partial<Record<ElementKind, { id: string }[]>>;
  for (const k of ELEMENT_KINDS) inv.remove[k] = (add[k] ?? []).map((e) => e.id);
  return inv as unknown as ModelPatch;
}

export interface ApplyOptions {
  /** The revision the patch was planned against; a different current revision is a conflict. */
  expectedRevision: number;
  /** The patch that undoes this one (from lib/structural invertPatch against the planned-on model). */
  inverse: ModelPatch;
  summary: string;
  /** Model-level changes (name, description, units, vertical axis). */
  meta?: Partial<Pick<ModelMeta, "name" | "description" | "displayUnits" | "verticalAxis">>;
}

/**
 * Applies a planned patch as the next revision. Throws ModelError NOT_FOUND (no access),
 * FORBIDDEN (viewer), REVISION_CONFLICT (someone else wrote first: re-read and re-plan).
 */
export async function applyModelPatch(modelId: string, actor: Actor, patch: ModelPatch, opts: ApplyOptions): Promise<{ revision: number }> {
  const { db, provider } = await ready();
  return db.$transaction(async (tx) => {
    const role = await roleFor(tx, modelId, actor.userId);
    if (!role) throw notFound(modelId);
    if (!canWrite(role)) {
      throw new ModelError("FORBIDDEN", `You can view model "${modelId}" but not change it: the owner shared it with you as a viewer. Ask the owner for editor access.`);
    }
    const next = opts.expectedRevision + 1;
    const metaData: Record<string, unknown> = { revision: next };
    let metaChange: StoredChange["meta"];
    if (opts.meta && Object.keys(opts.meta).length) {
      const before = await tx.model.findUniqueOrThrow({ where: { id: modelId } });
      const b = metaOf(before);
      metaChange = { before: {}, after: {} };
      for (const key of ["name", "description", "displayUnits", "verticalAxis"] as const) {
        if (opts.meta[key] !== undefined) {
          (metaChange.before as Record<string, unknown>)[key] = b[key];
          (metaChange.after as Record<string, unknown>)[key] = opts.meta[key];
        }
      }
      if (opts.meta.name !== undefined) metaData.name = opts.meta.name;
      if (opts.meta.description !== undefined) metaData.description = opts.meta.description;
      if (opts.meta.displayUnits) { metaData.lengthUnit = opts.meta.displayUnits.length; metaData.forceUnit = opts.meta.displayUnits.force; }
      if (opts.meta.verticalAxis) metaData.verticalAxis = opts.meta.verticalAxis;
    }
    const bumped = await tx.model.updateMany({ where: { id: modelId, revision: opts.expectedRevision }, data: metaData });
    if (bumped.count !== 1) {
      const cur = await tx.model.findUnique({ where: { id: modelId }, select: { revision: true } });
      throw new ModelError("REVISION_CONFLICT", `Model "${modelId}" changed while this change was being prepared (now at revision ${cur?.revision}). Read it again and retry.`, {
        currentRevision: cur?.revision,
      });
    }
    await writePatch(tx as Tx & RawExecutor, provider, modelId, patch);
    const change: StoredChange = { counts: countPatch(patch), inverse: opts.inverse, ...(metaChange ? { meta: metaChange } : {}) };
    await tx.modelRevision.create({
      data: {
        id: newId(),
        modelId,
        revision: next,
        actorId: actor.userId,
        clientId: actor.clientId ?? null,
        source: actor.source,
        summary: opts.summary,
        changes: JSON.stringify(change),
      },
    });
    return { revision: next };
  }, TX);
}

/**
 * Read → plan → write with optimistic concurrency: when another writer got in first, the
 * model is read again and the change planned again (up to `attempts` times).
 */
export async function writeModel<R, E = unknown>(
  modelId: string,
  actor: Actor,
  plan: (model: StructuralModel, role: Role) => { patch: ModelPatch; inverse: ModelPatch; summary: string; meta?: ApplyOptions["meta"]; result: R } | { error: E },
  attempts = 12,
): Promise<{ ok: true; revision: number; result: R; model: StructuralModel } | { ok: false; error: E }> {
  for (let attempt = 1; ; attempt++) {
    const loaded = await loadModel(modelId, actor.userId);
    if (!loaded) throw notFound(modelId);
    if (!canWrite(loaded.role)) {
      throw new ModelError("FORBIDDEN", `You can view model "${modelId}" but not change it: the owner shared it with you as a viewer. Ask the owner for editor access.`);
    }
    const planned = plan(loaded.model, loaded.role);
    if ("error" in planned) return { ok: false, error: planned.error };
    try {
      const { revision } = await applyModelPatch(modelId, actor, planned.patch, {
        expectedRevision: loaded.model.meta.revision,
        inverse: planned.inverse,
        summary: planned.summary,
        meta: planned.meta,
      });
      return { ok: true, revision, result: planned.result, model: loaded.model };
    } catch (err) {
      if (err instanceof ModelError && err.code === "REVISION_CONFLICT" && attempt < attempts) {
        // Back off a little (jittered) so that many writers to one model do not retry in lockstep.
        await new Promise((r) => setTimeout(r, Math.random() * 15 * attempt));
        continue;
      }
      throw err;
    }
  }
}

/** Deletes a model and everything in it (owner only). */
export async function deleteModel(modelId: string, userId: string): Promise<void> {
  const { db } = await ready();
  await db.$transaction(async (tx) => {
    const role = await roleFor(tx, modelId, userId);
    if (!role) throw notFound(modelId);
    if (role !== "owner") throw new ModelError("FORBIDDEN", "Only the model's owner can delete it.");
    await tx.model.delete({ where: { id: modelId } });
  });
}

export interface RevisionListItem {
  revision: number;
  summary: string;
  source: string;
  actorId: string | null;
  clientId: string | null;
  createdAt: Date;
  counts: StoredChange["counts"];
}

/** A model's history, newest first. */
export async function listRevisions(
  modelId: string,
  userId: string,
  opts: { before?: number; limit?: number } = {},
): Promise<{ items: RevisionListItem[]; latestRevision: number } | null> {
  const { db } = await ready();
  const role = await roleFor(db, modelId, userId);
  if (!role) return null;
  const m = await db.model.findUniqueOrThrow({ where: { id: modelId }, select: { revision: true } });
  const rows = await db.modelRevision.findMany({
    where: { modelId, ...(opts.before ? { revision: { lt: opts.before } } : {}) },
    orderBy: { revision: "desc" },
    take: Math.min(Math.max(opts.limit ?? 50, 1), 200),
  });
  return {
    latestRevision: m.revision,
    items: rows.map((r) => ({
      revision: r.revision,
      summary: r.summary,
      source: r.source,
      actorId: r.actorId,
      clientId: r.clientId,
      createdAt: r.createdAt,
      counts: (JSON.parse(r.changes) as StoredChange).counts,
    })),
  };
}

/** The stored change of one revision (for undo). */
export async function getRevisionChange(modelId: string, revision: number): Promise<StoredChange | null> {
  const { db } = await ready();
  const r = await db.modelRevision.findUnique({ where: { modelId_revision: { modelId, revision } }, select: { changes: true } });
  return r ? (JSON.parse(r.changes) as StoredChange) : null;
}
