/**
 * Collaborators of a model: the owner invites other Spectral users (by email) as editors or
 * viewers, changes their role, removes them, and may transfer ownership (the old owner stays on
 * as an editor). Every change is owner-only and runs in one transaction that re-checks the role.
 * Access itself is decided in lib/db/models.ts (roleFor), so a removed collaborator loses access
 * on their very next request (viewer page, tool call) — nothing is cached.
 */
import "server-only";
import { z } from "zod";
import { safeText } from "@/lib/structural/text";
import { database, type Db } from "./client";
import { roleFor, type Role } from "./models";
import { normalizeEmail } from "./users";
import { AppError } from "@/lib/structural/errors";

export interface Collaborator {
  userId: string;
  name: string;
  /** Shown to the owner only (null for others). */
  email: string | null;
  role: Role;
  since: Date;
}

const Id = safeText(1, 100);
export const MemberRoleSchema = z.enum(["editor", "viewer"]);
export type MemberRole = z.infer<typeof MemberRoleSchema>;
const EmailSchema = z.string().trim().min(3).max(320).pipe(z.email({ message: "Enter a valid email address." }));

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

async function ready(): Promise<Db> {
  const d = database();
  await d.ready;
  return d.db;
}

const notFound = () => new AppError("not_found", "No model with that id that you can access.");

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new AppError("invalid", r.error.issues[0]?.message && what === "email" ? "Enter a valid email address." : `Invalid ${what}.`);
  return r.data;
}

/** Runs `fn` in a transaction after checking that `ownerId` owns the model. */
async function asOwner<T>(ownerId: string, modelId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await ready();
  return db.$transaction(async (tx) => {
    const role = await roleFor(tx, modelId, ownerId);
    if (!role) throw notFound();
    if (role !== "owner") throw new AppError("forbidden", "Only the model's owner can manage who has access to it.");
    return fn(tx as Tx);
  });
}

/**
 * The owner and collaborators of a model, owner first; for anyone with access (emails only for
 * the owner). Throws not_found for users without access.
 */
export async function listCollaborators(userId: unknown, modelId: unknown): Promise<Collaborator[]> {
  const uid = parse(Id, userId, "user"), mid = parse(Id, modelId, "model");
  const db = await ready();
  const role = await roleFor(db, mid, uid);
  if (!role) throw notFound();
  const model = await db.model.findUniqueOrThrow({
    where: { id: mid },
    select: {
      createdAt: true,
      owner: { select: { id: true, name: true, email: true } },
      members: { orderBy: { createdAt: "asc" }, select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } } },
    },
  });
  const showEmail = role === "owner";
  return [
    { userId: model.owner.id, name: model.owner.name, email: showEmail ? model.owner.email : null, role: "owner" as Role, since: model.createdAt },
    ...model.members.map((m) => ({ userId: m.user.id, name: m.user.name, email: showEmail ? m.user.email : null, role: m.role as Role, since: m.createdAt })),
  ];
}

/** Gives an existing Spectral user (by email) editor or viewer access. Owner only. */
export async function inviteCollaborator(ownerId: unknown, modelId: unknown, email: unknown, role: unknown): Promise<Collaborator> {
  const oid = parse(Id, ownerId, "user"), mid = parse(Id, modelId, "model");
  const mail = normalizeEmail(parse(EmailSchema, email, "email"));
  const r = parse(MemberRoleSchema, role, "role (editor or viewer)");
  return asOwner(oid, mid, async (tx) => {
    const user = await tx.user.findUnique({ where: { email: mail }, select: { id: true, name: true, email: true } });
    if (!user) throw new AppError("no_account", "No Spectral account uses that email; ask them to sign up first.");
    if (user.id === oid) throw new AppError("invalid", "You already own this model.");
    const existing = await tx.modelMember.findUnique({ where: { modelId_userId: { modelId: mid, userId: user.id } }, select: { role: true } });
    if (existing) throw new AppError("conflict", `${user.name} already has ${existing.role} access; change their role instead.`);
    const row = await tx.modelMember.create({ data: { modelId: mid, userId: user.id, role: r }, select: { createdAt: true } });
    return { userId: user.id, name: user.name, email: user.email, role: r, since: row.createdAt };
  });
}

/** Changes a collaborator's role (editor ⇄ viewer). Owner only. */
export async function changeCollaboratorRole(ownerId: unknown, modelId: unknown, userId: unknown, role: unknown): Promise<void> {
  const oid = parse(Id, ownerId, "user"), mid = parse(Id, modelId, "model"), uid = parse(Id, userId, "collaborator");
  const r = parse(MemberRoleSchema, role, "role (editor or viewer)");
  await asOwner(oid, mid, async (tx) => {
    const res = await tx.modelMember.updateMany({ where: { modelId: mid, userId: uid }, data: { role: r } });
    if (res.count !== 1) throw new AppError("not_found", "That person is not a collaborator on this model.");
  });
}

/** Removes a collaborator; their access ends with their next request. Owner only. */
export async function removeCollaborator(ownerId: unknown, modelId: unknown, userId: unknown): Promise<void> {
  const oid = parse(Id, ownerId, "user"), mid = parse(Id, modelId, "model"), uid = parse(Id, userId, "collaborator");
  await asOwner(oid, mid, async (tx) => {
    const res = await tx.modelMember.deleteMany({ where: { modelId: mid, userId: uid } });
    if (res.count !== 1) throw new AppError("not_found", "That person is not a collaborator on this model.");
  });
}

/**
 * Makes an existing collaborator the owner; the old owner becomes an editor. Owner only.
 * (The new owner must already be a collaborator: invite them first.)
 */
export async function transferOwnership(ownerId: unknown, modelId: unknown, newOwnerUserId: unknown): Promise<void> {
  const oid = parse(Id, ownerId, "user"), mid = parse(Id, modelId, "model"), nid = parse(Id, newOwnerUserId, "new owner");
  await asOwner(oid, mid, async (tx) => {
    if (nid === oid) throw new AppError("invalid", "You already own this model.");
    const member = await tx.modelMember.findUnique({ where: { modelId_userId: { modelId: mid, userId: nid } }, select: { role: true } });
    if (!member) throw new AppError("invalid", "Invite that person as a collaborator first, then transfer ownership to them.");
    const moved = await tx.model.updateMany({ where: { id: mid, ownerId: oid }, data: { ownerId: nid } });
    if (moved.count !== 1) throw new AppError("conflict", "The model's ownership changed meanwhile; reload and try again.");
    await tx.modelMember.delete({ where: { modelId_userId: { modelId: mid, userId: nid } } });
    await tx.modelMember.create({ data: { modelId: mid, userId: oid, role: "editor" } });
  });
}
