/**
 * Connected apps: which OAuth clients a user has given access to, and revoking them.
 *
 * The truth about access is the set of oidc-provider Grants (OAuthRecord kind "Grant") of the
 * user: a client with an unexpired grant can obtain tokens. Each grant family (the Grant, its
 * codes, access tokens and refresh tokens) shares one hashed grantId, so revoking a client is
 * one DELETE over those families, after which `verifyAccessToken` rejects its access tokens on
 * the very next request (tokens are opaque and looked up on every use).
 *
 * Two small companion records make the page readable:
 *   - kind "Consent" (one per user and client): what the consent page showed when the user
 *     approved (client name, where it came from, redirect host, scopes) and when;
 *   - OAuthClientUse: when the client last used its access (written by verifyAccessToken,
 *     at most once a minute per user and client).
 */
import "server-only";
import { db as processDb, type Db } from "./client";
import { hashId } from "./oauth-adapter";

/** How the client identified itself. */
export type ClientOrigin =
  | { kind: "metadata-document"; url: string; domain: string }
  | { kind: "self-registered" };

/** What the consent page showed the user, kept for the connected-apps page. */
export interface ConsentSnapshot {
  clientName: string;
  origin: ClientOrigin;
  redirectHost: string;
  scopes: string[];
}

export interface Connection {
  clientId: string;
  clientName: string;
  origin: ClientOrigin;
  redirectHost: string | null;
  /** Every scope the user granted this client (union over its grants). */
  scopes: string[];
  /** Last time the user approved this client. */
  approvedAt: Date;
  /** Last time the client used its access at /mcp, or null if never. */
  lastUsedAt: Date | null;
  /** Number of grant families (one per approval session); informational. */
  grants: number;
}

const CONSENT = "Consent";
const TOKEN_KINDS = ["Grant", "AccessToken", "RefreshToken", "AuthorizationCode"];

function consentKey(userId: string, clientId: string): string {
  return hashId(`consent\u0000${userId}\u0000${clientId}`);
}

/** Records (or refreshes) the user's approval of a client, with what the consent page showed. */
export async function recordConsent(userId: string, clientId: string, snapshot: ConsentSnapshot, client?: Db): Promise<void> {
  const db = client ?? (await processDb());
  const id = consentKey(userId, clientId);
  const data = {
    kind: CONSENT,
    payload: JSON.stringify({ ...snapshot, approvedAt: Date.now() }),
    accountId: userId,
    clientId,
  };
  await db.oAuthRecord.upsert({ where: { id }, create: { id, ...data }, update: data });
}

interface GrantPayload {
  clientId?: string;
  iat?: number;
  exp?: number;
  resources?: Record<string, string>;
}

/** Every client with live access for this user, most recently approved first. */
export async function listConnections(userId: string, client?: Db): Promise<Connection[]> {
  const db = client ?? (await processDb());
  const now = new Date();
  const [grants, consents, uses] = await Promise.all([
    db.oAuthRecord.findMany({
      where: { kind: "Grant", accountId: userId, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      select: { clientId: true, payload: true, createdAt: true },
    }),
    db.oAuthRecord.findMany({ where: { kind: CONSENT, accountId: userId }, select: { clientId: true, payload: true } }),
    db.oAuthClientUse.findMany({ where: { accountId: userId } }),
  ]);
  const consentBy = new Map<string, ConsentSnapshot & { approvedAt: number }>();
  for (const c of consents) if (c.clientId) consentBy.set(c.clientId, JSON.parse(c.payload));
  const usedBy = new Map(uses.map((u) => [u.clientId, u.lastUsedAt]));

  const byClient = new Map<string, Connection>();
  for (const g of grants) {
    const p = JSON.parse(g.payload) as GrantPayload;
    const clientId = g.clientId ?? p.clientId;
    if (!clientId) continue;
    const scopes = Object.values(p.resources ?? {}).flatMap((s) => s.split(" ")).filter(Boolean);
    const issued = new Date((p.iat ?? Math.floor(g.createdAt.getTime() / 1000)) * 1000);
    const existing = byClient.get(clientId);
    if (existing) {
      existing.scopes = [...new Set([...existing.scopes, ...scopes])];
      if (issued > existing.approvedAt) existing.approvedAt = issued;
      existing.grants += 1;
      continue;
    }
    const consent = consentBy.get(clientId);
    byClient.set(clientId, {
      clientId,
      clientName: consent?.clientName ?? clientId,
      origin: consent?.origin ?? { kind: "self-registered" },
      redirectHost: consent?.redirectHost ?? null,
      scopes: [...new Set(scopes)],
      approvedAt: issued,
      lastUsedAt: usedBy.get(clientId) ?? null,
      grants: 1,
    });
  }
  for (const c of byClient.values()) {
    const consent = consentBy.get(c.clientId);
    if (consent && consent.approvedAt > c.approvedAt.getTime()) c.approvedAt = new Date(consent.approvedAt);
    c.scopes.sort();
  }
  return [...byClient.values()].sort((a, b) => b.approvedAt.getTime() - a.approvedAt.getTime());
}

/**
 * Revokes every grant, code, access token and refresh token of `clientId` for `userId`, at once
 * (one transaction). Returns the number of grant families removed (0 when there was nothing).
 * Other users' access to the same client is untouched.
 */
export async function revokeConnection(userId: string, clientId: string, client?: Db): Promise<number> {
  const db = client ?? (await processDb());
  return db.$transaction(async (tx) => {
    const owned = await tx.oAuthRecord.findMany({
      where: { accountId: userId, clientId, kind: { in: TOKEN_KINDS } },
      select: { grantId: true },
    });
    const families = [...new Set(owned.map((r) => r.grantId).filter((g): g is string => !!g))];
    if (families.length) await tx.oAuthRecord.deleteMany({ where: { grantId: { in: families } } });
    // Anything of this user and client without a grant id (defensive: there should be none).
    await tx.oAuthRecord.deleteMany({ where: { accountId: userId, clientId, kind: { in: [...TOKEN_KINDS, CONSENT] } } });
    await tx.oAuthClientUse.deleteMany({ where: { accountId: userId, clientId } });
    return families.length;
  });
}

/** Records that a client used the user's access now, unless it did so within `minIntervalMs`. */
export async function touchClientUse(userId: string, clientId: string, minIntervalMs = 60_000, client?: Db): Promise<void> {
  const db = client ?? (await processDb());
  const now = new Date();
  const stale = new Date(now.getTime() - minIntervalMs);
  const updated = await db.oAuthClientUse.updateMany({
    where: { accountId: userId, clientId, lastUsedAt: { lt: stale } },
    data: { lastUsedAt: now },
  });
  if (updated.count) return;
  try {
    await db.oAuthClientUse.create({ data: { accountId: userId, clientId, lastUsedAt: now } });
  } catch (err) {
    if ((err as { code?: string }).code !== "P2002") throw err; // already recorded within the interval
  }
}
