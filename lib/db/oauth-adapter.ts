/**
 * oidc-provider's storage adapter on Prisma (one table, OAuthRecord, for every provider model).
 *
 * Rules this file enforces:
 *   - Only SHA-256 hashes of ids are stored. For opaque access tokens, refresh tokens,
 *     authorization codes, sessions and interactions the provider id IS the credential, so the
 *     raw value never reaches the database: `id`, `grantId`, `uid` and `userCode` columns hold
 *     hashes, and the payload is stored without its `jti` (and without the session cookie value
 *     an Interaction carries). `find(id)` puts the caller's id back into the payload.
 *   - `consume` is atomic: `UPDATE … WHERE id = ? AND consumedAt IS NULL`; zero rows means a
 *     second (possibly concurrent) use. Then the whole grant family is deleted (codes, access
 *     and refresh tokens and the Grant itself; RFC 9700 §2.2.2, §4.14 and RFC 6749 §4.1.2) and
 *     the caller gets `consumeConflict(...)`, an `invalid_grant` error from the provider, so
 *     ten parallel redemptions of one code yield exactly one success and no 500.
 *   - Records carry accountId/clientId columns so the connected-apps page can list and revoke
 *     a user's access per client without reading the provider.
 *
 * The model name oidc-provider passes ("AccessToken", "Grant", …) is stored in `kind`; every
 * query filters on it, so a token of one kind can never be read as another.
 */
import "server-only";
import { createHash } from "node:crypto";
import type { Adapter, AdapterPayload } from "oidc-provider";
import { database, type Db } from "./client";
import { readRows, type HotQuery } from "./hot-reads";

/** SHA-256 (hex) of a provider id: what the id, grantId, uid and userCode columns hold. */
export function hashId(id: string): string {
  return createHash("sha256").update(id, "utf8").digest("hex");
}

/** Kinds whose second use must revoke the grant (code reuse, refresh-token reuse). */
const FAMILY_REVOKING = new Set(["AuthorizationCode", "RefreshToken"]);

export interface OAuthAdapterOptions {
  /** The database to use (the process database by default; tests pass a throwaway one). */
  getDb: () => Promise<Db>;
  /** The error thrown when a single-use record was already consumed (an `invalid_grant`). */
  consumeConflict: (kind: string) => Error;
}

type Stored = Record<string, unknown>;

/** What is stored: the payload minus the credential-bearing fields. */
function sanitize(kind: string, payload: AdapterPayload): Stored {
  const copy: Stored = { ...payload };
  delete copy.jti;
  if (kind === "Interaction" && copy.session && typeof copy.session === "object") {
    const session = { ...(copy.session as Record<string, unknown>) };
    delete session.cookie; // the provider session id; nothing reads it back
    copy.session = session;
  }
  return copy;
}

function columns(kind: string, id: string, payload: AdapterPayload, expiresIn?: number) {
  const p = payload as AdapterPayload & { client_id?: string };
  const grantId = kind === "Grant" ? id : p.grantId;
  return {
    kind,
    payload: JSON.stringify(sanitize(kind, payload)),
    grantId: grantId ? hashId(grantId) : null,
    uid: kind === "Session" && p.uid ? hashId(p.uid) : null,
    userCode: p.userCode ? hashId(p.userCode) : null,
    accountId: typeof p.accountId === "string" ? p.accountId : null,
    clientId: kind === "Client" ? (p.client_id ?? null) : typeof p.clientId === "string" ? p.clientId : null,
    expiresAt: typeof expiresIn === "number" ? new Date(Date.now() + expiresIn * 1000) : null,
  };
}

function revive(row: { payload: string; consumedAt: Date | null }, jti?: string): AdapterPayload {
  const payload = JSON.parse(row.payload) as AdapterPayload;
  if (jti !== undefined) payload.jti = jti;
  if (row.consumedAt) payload.consumed = Math.floor(row.consumedAt.getTime() / 1000);
  return payload;
}

const SWEEP_EVERY_MS = 10 * 60_000;
let lastSweep = 0;

/** Deletes records expired for more than a day (the grace keeps reuse detection of just-expired tokens). */
export async function sweepExpiredOAuthRecords(db: Db, now = new Date()): Promise<number> {
  const res = await db.oAuthRecord.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 86_400_000) } } });
  return res.count;
}

/** Deletes every record of a grant family (by hashed grant id), the Grant included. */
async function deleteFamily(db: Db, grantIdHash: string): Promise<void> {
  await db.oAuthRecord.deleteMany({ where: { grantId: grantIdHash } });
}

/** The adapter factory oidc-provider calls once per model name. */
export function createOAuthAdapter(opts: OAuthAdapterOptions): (name: string) => Adapter {
  const { getDb, consumeConflict } = opts;

  return (kind: string): Adapter => ({
    async upsert(id, payload, expiresIn) {
      const db = await getDb();
      const data = columns(kind, id, payload, expiresIn);
      const key = hashId(id);
      // consumedAt is never reset by an upsert: a consumed code or refresh token stays consumed.
      await db.oAuthRecord.upsert({ where: { id: key }, create: { id: key, ...data }, update: data });
      if (Date.now() - lastSweep > SWEEP_EVERY_MS) {
        lastSweep = Date.now();
        void sweepExpiredOAuthRecords(db).catch(() => undefined);
      }
    },

    async find(id) {
      if (typeof id !== "string" || !id) return undefined;
      const db = await getDb();
      const row = await db.oAuthRecord.findFirst({ where: { id: hashId(id), kind } });
      return row ? revive(row, kind === "Client" ? undefined : id) : undefined;
    },

    async findByUid(uid) {
      const db = await getDb();
      const row = await db.oAuthRecord.findFirst({ where: { kind, uid: hashId(uid) } });
      // The session id (cookie value) is not stored, so it cannot be returned; callers of
      // findByUid only read accountId and authorizations.
      return row ? revive(row) : undefined;
    },

    async findByUserCode(userCode) {
      const db = await getDb();
      const row = await db.oAuthRecord.findFirst({ where: { kind, userCode: hashId(userCode) } });
      return row ? revive(row) : undefined;
    },

    async consume(id) {
      const db = await getDb();
      const key = hashId(id);
      const res = await db.oAuthRecord.updateMany({ where: { id: key, kind, consumedAt: null }, data: { consumedAt: new Date() } });
      if (res.count === 1) return;
      // Already consumed (or gone): a replay or a lost race. Fail closed and revoke the family.
      if (FAMILY_REVOKING.has(kind)) {
        const row = await db.oAuthRecord.findFirst({ where: { id: key, kind }, select: { grantId: true } });
        if (row?.grantId) await deleteFamily(db, row.grantId);
      }
      throw consumeConflict(kind);
    },

    async destroy(id) {
      const db = await getDb();
      await db.oAuthRecord.deleteMany({ where: { id: hashId(id), kind } });
    },

    async revokeByGrantId(grantId) {
      const db = await getDb();
      await db.oAuthRecord.deleteMany({ where: { kind, grantId: hashId(grantId) } });
    },
  });
}

/** An access token's stored payload with its grant's, as one read (see findAccessTokenWithGrant). */
export interface AccessTokenWithGrant {
  token: Record<string, unknown>;
  grant: Record<string, unknown>;
}

/**
 * The resource server's lookup: the access token (by the SHA-256 of its value), its Grant, and the
 * proof that its user still exists, in ONE statement — the per-request cost of /mcp's token check.
 * Returns null when any of the three is missing (revoked connection, deleted grant family, deleted
 * user). Expiry, audience and scopes are the caller's to check (lib/oauth/verify.ts).
 */
const ACCESS_TOKEN_WITH_GRANT: HotQuery = {
  name: "access_token_with_grant",
  sql: `SELECT t."payload" AS "tokenPayload", g."payload" AS "grantPayload"
     FROM "OAuthRecord" t
     JOIN "OAuthRecord" g ON g."id" = t."grantId" AND g."kind" = 'Grant'
     JOIN "User" u ON u."id" = t."accountId"
     WHERE t."id" = ? AND t."kind" = 'AccessToken'`,
};

export async function findAccessTokenWithGrant(token: string): Promise<AccessTokenWithGrant | null> {
  const d = database();
  await d.ready;
  const rows = await readRows<{ tokenPayload: string; grantPayload: string }>(d, ACCESS_TOKEN_WITH_GRANT, [hashId(token)]);
  const row = rows[0];
  if (!row) return null;
  return { token: JSON.parse(row.tokenPayload) as Record<string, unknown>, grant: JSON.parse(row.grantPayload) as Record<string, unknown> };
}
