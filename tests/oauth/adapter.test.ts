/**
 * The oidc-provider adapter on real databases (SQLite, and PostgreSQL when reachable):
 * hashes only, atomic single-use consumption, grant-family revocation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { createDatabase, providers, type TestDatabase } from "../support/db";
import { createOAuthAdapter, hashId } from "@/lib/db/oauth-adapter";

class Conflict extends Error {}
const id = () => randomBytes(32).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);

for (const kind of await providers()) {
  describe(`OAuth adapter on ${kind}`, () => {
    let t: TestDatabase;
    let adapter: ReturnType<typeof createOAuthAdapter>;
    beforeAll(async () => {
      t = await createDatabase(kind);
      adapter = createOAuthAdapter({ getDb: async () => t.db, consumeConflict: (k) => new Conflict(`${k} already used`) });
    });
    afterAll(async () => {
      await t?.drop();
    });

    it("stores only SHA-256 hashes of ids, and find() restores the id", async () => {
      const token = id();
      const grantId = id();
      const at = adapter("AccessToken");
      await at.upsert(token, { jti: token, grantId, accountId: "u1", clientId: "c1", iat: now(), exp: now() + 600, kind: "AccessToken" }, 600);
      const rows = await t.db.oAuthRecord.findMany({ where: { kind: "AccessToken" } });
      expect(rows).toHaveLength(1);
      const row = rows[0]!;
      expect(row.id).toBe(hashId(token));
      expect(row.grantId).toBe(hashId(grantId));
      expect(JSON.stringify(row)).not.toContain(token);
      expect(row.accountId).toBe("u1");
      expect(row.clientId).toBe("c1");
      const found = await at.find(token);
      expect(found?.jti).toBe(token);
      expect(found?.grantId).toBe(grantId);
      // Another kind never sees it.
      await expect(adapter("RefreshToken").find(token)).resolves.toBeUndefined();
      await expect(at.find(id())).resolves.toBeUndefined();
    });

    it("drops the session cookie value from stored interactions", async () => {
      const uid = id();
      const cookie = id();
      await adapter("Interaction").upsert(uid, { jti: uid, kind: "Interaction", iat: now(), exp: now() + 600, session: { accountId: "u1", uid: "s", cookie } }, 600);
      const row = await t.db.oAuthRecord.findUnique({ where: { id: hashId(uid) } });
      expect(row?.payload).not.toContain(cookie);
      expect((await adapter("Interaction").find(uid))?.session).toEqual({ accountId: "u1", uid: "s" });
    });

    it("finds sessions by hashed uid", async () => {
      const sid = id();
      const uid = id();
      await adapter("Session").upsert(sid, { jti: sid, uid, accountId: "u9", kind: "Session", iat: now(), exp: now() + 600 }, 600);
      const row = await t.db.oAuthRecord.findUnique({ where: { id: hashId(sid) } });
      expect(row?.uid).toBe(hashId(uid));
      expect(JSON.stringify(row)).not.toContain(sid);
      expect((await adapter("Session").findByUid(uid))?.accountId).toBe("u9");
    });

    it("consume is atomic: ten concurrent consumers, exactly one wins", async () => {
      const code = id();
      const grantId = id();
      const codes = adapter("AuthorizationCode");
      await codes.upsert(code, { jti: code, grantId, kind: "AuthorizationCode", iat: now(), exp: now() + 60, accountId: "u1", clientId: "c1" }, 60);
      const results = await Promise.allSettled(Array.from({ length: 10 }, () => codes.consume(code)));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(rejected).toHaveLength(9);
      for (const r of rejected) expect(r.reason).toBeInstanceOf(Conflict);
    });

    it("a second consume revokes the whole grant family (grant, codes, tokens)", async () => {
      const grantId = id();
      const rt = id();
      const at = id();
      const code = id();
      await adapter("Grant").upsert(grantId, { jti: grantId, kind: "Grant", accountId: "u2", clientId: "c2", iat: now(), exp: now() + 3600 }, 3600);
      await adapter("RefreshToken").upsert(rt, { jti: rt, grantId, kind: "RefreshToken", accountId: "u2", clientId: "c2", iat: now(), exp: now() + 3600 }, 3600);
      await adapter("AccessToken").upsert(at, { jti: at, grantId, kind: "AccessToken", accountId: "u2", clientId: "c2", iat: now(), exp: now() + 600 }, 600);
      await adapter("AuthorizationCode").upsert(code, { jti: code, grantId, kind: "AuthorizationCode", accountId: "u2", clientId: "c2", iat: now(), exp: now() + 60 }, 60);
      const other = id();
      await adapter("AccessToken").upsert(other, { jti: other, grantId: id(), kind: "AccessToken", accountId: "u2", clientId: "c2", iat: now(), exp: now() + 600 }, 600);

      await adapter("RefreshToken").consume(rt);
      expect((await adapter("RefreshToken").find(rt))?.consumed).toBeTypeOf("number");
      // Re-saving a consumed token does not un-consume it.
      await adapter("RefreshToken").upsert(rt, { jti: rt, grantId, kind: "RefreshToken", accountId: "u2", clientId: "c2", iat: now(), exp: now() + 3600 }, 3600);
      expect((await adapter("RefreshToken").find(rt))?.consumed).toBeTypeOf("number");

      await expect(adapter("RefreshToken").consume(rt)).rejects.toBeInstanceOf(Conflict);
      expect(await t.db.oAuthRecord.count({ where: { grantId: hashId(grantId) } })).toBe(0);
      await expect(adapter("Grant").find(grantId)).resolves.toBeUndefined();
      await expect(adapter("AccessToken").find(at)).resolves.toBeUndefined();
      await expect(adapter("AuthorizationCode").find(code)).resolves.toBeUndefined();
      await expect(adapter("AccessToken").find(other)).resolves.toBeDefined();
    });

    it("revokeByGrantId removes that kind of that grant only; destroy removes one", async () => {
      const grantId = id();
      const a1 = id();
      const a2 = id();
      const r1 = id();
      for (const [k, v] of [["AccessToken", a1], ["AccessToken", a2], ["RefreshToken", r1]] as const) {
        await adapter(k).upsert(v, { jti: v, grantId, kind: k, iat: now(), exp: now() + 600 }, 600);
      }
      await adapter("AccessToken").revokeByGrantId(grantId);
      await expect(adapter("AccessToken").find(a1)).resolves.toBeUndefined();
      await expect(adapter("AccessToken").find(a2)).resolves.toBeUndefined();
      await expect(adapter("RefreshToken").find(r1)).resolves.toBeDefined();
      await adapter("RefreshToken").destroy(r1);
      await expect(adapter("RefreshToken").find(r1)).resolves.toBeUndefined();
    });
  });
}
