/**
 * Structural models in the database: who may see or change them, reading them whole, and
 * writing changes as revisions. Every write runs in one transaction that checks the model's
 * revision, applies the patch with batched INSERTs, bumps the revision and records the change
 * with its inverse (so history can be listed and undone). A write that fails leaves nothing.
 */
import "server-only";
import {
  applyPatch,
  emptyPatch as emptyModelPatch,
  type ModelPatch,
  type ModelSlice,
  type ModelRows,
  type StructuralModel,
  type ModelMeta,
} from "@/lib/structural";
import { database, type Db, type DbProvider } from "./client";
import { insertRows, insertNewModel, type RawExecutor } from "./bulk";
import { readRows, type HotQuery } from "./hot-reads";
import { newId } from "./ids";
import { ELEMENT_KINDS, TABLES, fromRow, toRow, type ElementKind } from "./mappers";
import { AppError, modelNotFound } from "@/lib/structural/errors";
import {
  countPatch,
  editModel,
  peekModel,
  headOf,
  metaOf,
  MODEL_HEAD_SQL,
  readWhole,
  revisionChange,
  type MetaChange,
  type Actor,
  type Bounds,
  type Edited,
  type ModelCounts,
  type Planned,
  type StoredChange,
} from "./model-writes";

export { editModel, peekModel, revisionChange, type MetaChange, type Actor, type StoredChange, type ModelCounts, type Bounds, type Planned, type Edited };

export type Role = "owner" | "editor" | "viewer";
export type AccessRole = Role | "share";

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
export async function roleFor(tx: Pick<Db, "model" | "modelMember">, modelId: string, userId: string): Promise<Role | null> {
  const m = await tx.model.findUnique({ where: { id: modelId }, select: { ownerId: true } });
  if (!m) return null;
  if (m.ownerId === userId) return "owner";
  const member = await tx.modelMember.findUnique({ where: { modelId_userId: { modelId, userId } }, select: { role: true } });
  return (member?.role as Role | undefined) ?? null;
}


// ───────────────────────────── reading ─────────────────────────────

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
    const { inverse, meta } = JSON.parse(r.changes) as StoredChange;
    model = applyPatch(model, inverse);
    // Name, description, units and axis changes are undone too (they are not in the element patch).
    if (meta?.before) model = { ...model, meta: { ...model.meta, ...meta.before } };
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
  counts: ModelCounts;
  bounds: Bounds;
}

/**
 * A model's header, element counts and bounding box: one read of the model row, which every write
 * keeps up to date (lib/db/model-writes.ts), so it costs the same at any model size.
 */
export async function loadModelSummary(modelId: string, userId: string): Promise<ModelSummary | null> {
  const rows = await readRows<Record<string, unknown>>(await ready(), MODEL_HEAD, [userId, modelId]);
  const head = rows[0] ? headOf(rows[0], userId) : null;
  if (!head?.role) return null;
  return { meta: head.meta, role: head.role, counts: head.counts, bounds: head.bounds };
}

// Read on the driver (lib/db/hot-reads.ts). Parameters: userId, modelId.
const MODEL_HEAD: HotQuery = { name: "model_head", sql: MODEL_HEAD_SQL };

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
    select: {
      id: true, name: true, description: true, revision: true, updatedAt: true, createdAt: true, ownerId: true,
      nodeCount: true, frameCount: true, supportCount: true, loadCount: true,
      members: { where: { userId }, select: { role: true } },
    },
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      name: r.name,
      description: r.description,
      revision: r.revision,
      updatedAt: r.updatedAt,
      createdAt: r.createdAt,
      role: r.ownerId === userId ? "owner" : ((r.members[0]?.role as Role | undefined) ?? "viewer"),
      counts: { nodes: r.nodeCount, frames: r.frameCount, supports: r.supportCount, loads: r.loadCount },
    })),
    nextCursor: rows.length > limit ? Buffer.from(String(offset + limit)).toString("base64url") : null,
  };
}

// ───────────────────────────── writing ─────────────────────────────

/** Inserts the rows a patch adds (a new model's first revision: nothing to update or remove yet). */
async function insertAdded(tx: RawExecutor, provider: DbProvider, modelId: string, patch: ModelPatch): Promise<void> {
  for (const k of ELEMENT_KINDS) {
    const els = patch.add[k];
    if (!els.length) continue;
    const map = toRow[k] as (m: string, el: unknown) => unknown[];
    await insertRows(tx, provider, TABLES[k].table, TABLES[k].columns, els.map((el) => map(modelId, el)));
  }
}

/** The count and bounding-box columns of a new model made of `patch`'s additions. */
function statsOf(patch: ModelPatch | null) {
  const add = patch?.add;
  let min: [number, number, number] | null = null;
  let max: [number, number, number] = [0, 0, 0];
  for (const n of add?.nodes ?? []) {
    if (!min) {
      min = [n.x, n.y, n.z];
      max = [n.x, n.y, n.z];
      continue;
    }
    min = [Math.min(min[0], n.x), Math.min(min[1], n.y), Math.min(min[2], n.z)];
    max = [Math.max(max[0], n.x), Math.max(max[1], n.y), Math.max(max[2], n.z)];
  }
  return {
    nodeCount: add?.nodes.length ?? 0, frameCount: add?.frames.length ?? 0, supportCount: add?.supports.length ?? 0,
    sectionCount: add?.sections.length ?? 0, materialCount: add?.materials.length ?? 0, loadCaseCount: add?.loadCases.length ?? 0,
    loadCount: add?.loads.length ?? 0, combinationCount: add?.combinations.length ?? 0,
    minX: min?.[0] ?? null, minY: min?.[1] ?? null, minZ: min?.[2] ?? null,
    maxX: min ? max[0] : null, maxY: min ? max[1] : null, maxZ: min ? max[2] : null,
  };
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

function limitError(n: number, max: number): AppError {
  return new AppError("limit", `You have ${n} models, the most one account may own (${max}). Delete a model you no longer need, then try again.`);
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
    ...statsOf(patch),
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
    if (patch) await insertAdded(tx as Tx & RawExecutor, provider, id, patch);
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
  return emptyModelPatch();
}

/** The undo of a patch that only adds: remove what it added (ids, not copies). */
function inverseOfAdditions(p: ModelPatch): ModelPatch {
  const inv = emptyPatch();
  for (const k of ELEMENT_KINDS) inv.remove[k] = p.add[k].map((e) => e.id);
  return inv;
}

/**
 * An edit planned on the WHOLE model (undo, repairs, generators on a model), as the next revision
 * in one transaction (lib/db/model-writes.ts editModel with readWhole). Edits that touch a few
 * elements use editModel with a slice instead. Throws ModelError NOT_FOUND (no access) or
 * FORBIDDEN (viewer); `plan` returning `{ error }` writes nothing.
 */
export async function writeModel<R, E = unknown>(
  modelId: string,
  actor: Actor,
  plan: (model: StructuralModel, role: Role) => Planned<R, E>,
): Promise<{ ok: true; revision: number; result: R; model: StructuralModel; head: Edited<R>["head"] } | { ok: false; error: E }> {
  const res = await editModel(modelId, actor, (_rows: ModelRows, meta: ModelMeta, sql) => readWhole(sql, meta), (slice: ModelSlice, role) => plan(slice.model, role));
  if (!res.ok) return res;
  return { ok: true, revision: res.revision, result: res.result, model: res.before, head: res.head };
}

/** Deletes a model and everything in it (owner only). */
export async function deleteModel(modelId: string, userId: string): Promise<void> {
  const { db } = await ready();
  await db.$transaction(async (tx) => {
    const role = await roleFor(tx, modelId, userId);
    if (!role) throw modelNotFound(modelId);
    if (role !== "owner") throw new AppError("forbidden", "Only the model's owner can delete it.", { modelId });
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
