/**
 * Read-only share links for the viewer.
 *
 * A link is `${appUrl}/s/<token>`: the token is 32 random bytes (256 bits) in base64url, shown
 * once when the link is made. Only its SHA-256 is stored (ShareLink.tokenHash), so a database
 * leak reveals no usable link; a link stops working the moment it is revoked (revokedAt set).
 * Only the model's owner and editors can make, list and revoke links; a user with no access gets
 * the same "not found" as for a model that does not exist (existence is never revealed).
 */
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/db/ids";
import { env } from "@/lib/env";
import { AppError } from "@/lib/structural/errors";

export interface ShareLinkInfo {
  id: string;
  modelId: string;
  createdAt: Date;
  createdBy: string;
  revokedAt: Date | null;
}

const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

/** SHA-256 (hex) of a token, as stored. */
export function hashShareToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The public URL of a share token. */
export function shareUrl(token: string, appUrl: string = env().appUrl): string {
  return `${appUrl}/s/${token}`;
}

/** Owner or editor may share; a viewer gets "forbidden"; no access at all gets "not found". */
async function requireSharer(userId: string, modelId: string): Promise<void> {
  const client = await db();
  const model = await client.model.findUnique({ where: { id: modelId }, select: { ownerId: true } });
  if (!model) throw new AppError("not_found", "No such model.");
  if (model.ownerId === userId) return;
  const member = await client.modelMember.findUnique({ where: { modelId_userId: { modelId, userId } }, select: { role: true } });
  if (!member) throw new AppError("not_found", "No such model.");
  if (member.role !== "owner" && member.role !== "editor") throw new AppError("forbidden", "Only the owner or an editor can share this model.");
}

/** Makes a read-only link. The token is returned once and cannot be recovered later. */
export async function createShareLink(userId: string, modelId: string): Promise<{ id: string; token: string; url: string }> {
  await requireSharer(userId, modelId);
  const token = randomBytes(32).toString("base64url");
  const id = newId();
  const client = await db();
  await client.shareLink.create({ data: { id, modelId, tokenHash: hashShareToken(token), createdBy: userId } });
  return { id, token, url: shareUrl(token) };
}

/** The model's links, newest first (active and revoked; no tokens: only hashes are stored). */
export async function listShareLinks(userId: string, modelId: string): Promise<ShareLinkInfo[]> {
  await requireSharer(userId, modelId);
  const client = await db();
  return client.shareLink.findMany({
    where: { modelId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, modelId: true, createdAt: true, createdBy: true, revokedAt: true },
  });
}

/** Revokes a link (idempotent). Returns false when the link does not exist or the user may not revoke it. */
export async function revokeShareLink(userId: string, linkId: string): Promise<boolean> {
  const client = await db();
  const link = await client.shareLink.findUnique({ where: { id: linkId }, select: { modelId: true, revokedAt: true } });
  if (!link) return false;
  try {
    await requireSharer(userId, link.modelId);
  } catch (e) {
    if (e instanceof AppError) return false;
    throw e;
  }
  if (!link.revokedAt) await client.shareLink.update({ where: { id: linkId }, data: { revokedAt: new Date() } });
  return true;
}

/** The model a token opens, or null (malformed, unknown or revoked). */
export async function resolveShareToken(token: string | null | undefined): Promise<string | null> {
  if (!token || !TOKEN_RE.test(token)) return null;
  const client = await db();
  const link = await client.shareLink.findUnique({ where: { tokenHash: hashShareToken(token) }, select: { modelId: true, revokedAt: true } });
  return link && !link.revokedAt ? link.modelId : null;
}
