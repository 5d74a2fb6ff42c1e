/**
 * Accounts, rate limits and connected apps on real databases (SQLite, and PostgreSQL when
 * reachable), through the same functions the app calls.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { createDatabase, providers, type TestDatabase } from "../support/db";
import { useDatabase } from "@/lib/db/client";
import { signInWithPassword, signUp, signInEmailLimit } from "@/lib/auth/accounts";
import { MESSAGES } from "@/lib/auth/messages";
import { findUserByEmail } from "@/lib/db/users";
import { hitRateLimit, peekRateLimit } from "@/lib/db/rate-limit";
import { createOAuthAdapter, hashId } from "@/lib/db/oauth-adapter";
import { listConnections, recordConsent, revokeConnection, touchClientUse } from "@/lib/db/connections";

const email = () => `u-${randomBytes(5).toString("hex")}@example.test`;
const addr = () => `198.51.100.${Math.floor(Math.random() * 250)}-${randomBytes(3).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

for (const kind of await providers()) {
  describe(`accounts on ${kind}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createDatabase(kind);
      useDatabase(t);
    });
    afterAll(async () => {
      useDatabase(null);
      await t?.drop();
    });

    it("sign-up stores a scrypt hash, not the password, with a normalized email", async () => {
      const e = email();
      const res = await signUp({ name: "Ada", email: e.toUpperCase(), password: "correct horse battery" }, addr());
      expect(res.ok).toBe(true);
      const row = await t.db.user.findUnique({ where: { email: e } });
      expect(row?.passwordHash).toMatch(/^scrypt\$/);
      expect(row?.passwordHash).not.toContain("correct horse");
      expect(JSON.stringify(row)).not.toContain("correct horse battery");
    });

    it("a duplicate email gets the generic message and changes nothing", async () => {
      const e = email();
      expect((await signUp({ name: "First", email: e, password: "first password!" }, addr())).ok).toBe(true);
      const before = await findUserByEmail(e);
      const dup = await signUp({ name: "Second", email: e, password: "second password!" }, addr());
      expect(dup).toEqual({ ok: false, message: MESSAGES.signUpFailed });
      const after = await findUserByEmail(e);
      expect(after).toEqual(before);
      expect(await t.db.user.count({ where: { email: e } })).toBe(1);
    });

    it("sign-in: right password ok; wrong password and unknown email are the same generic failure", async () => {
      const e = email();
      await signUp({ name: "Bob", email: e, password: "bobs password 1" }, addr());
      const ok = await signInWithPassword({ email: e, password: "bobs password 1" }, addr());
      expect(ok.ok && ok.user.email).toBe(e);
      const wrong = await signInWithPassword({ email: e, password: "bobs password 2" }, addr());
      const unknown = await signInWithPassword({ email: email(), password: "bobs password 1" }, addr());
      expect(wrong).toEqual({ ok: false, reason: "invalid" });
      expect(unknown).toEqual(wrong);
    });

    it(`rate-limits an email after ${signInEmailLimit().limit} failures, even with the right password`, async () => {
      const e = email();
      await signUp({ name: "Eve", email: e, password: "eves password 1" }, addr());
      for (let i = 0; i < signInEmailLimit().limit; i++) {
        expect(await signInWithPassword({ email: e, password: `nope ${i}` }, addr())).toEqual({ ok: false, reason: "invalid" });
      }
      expect(await signInWithPassword({ email: e, password: "eves password 1" }, addr())).toEqual({ ok: false, reason: "rate_limited" });
      // Unknown emails are limited the same way (no existence oracle).
      const ghost = email();
      for (let i = 0; i < signInEmailLimit().limit; i++) await signInWithPassword({ email: ghost, password: "x" }, addr());
      expect(await signInWithPassword({ email: ghost, password: "x" }, addr())).toEqual({ ok: false, reason: "rate_limited" });
    });

    it("a successful sign-in clears the email's failure count", async () => {
      const e = email();
      await signUp({ name: "Kim", email: e, password: "kims password 1" }, addr());
      for (let i = 0; i < signInEmailLimit().limit - 1; i++) await signInWithPassword({ email: e, password: "bad" }, addr());
      expect((await signInWithPassword({ email: e, password: "kims password 1" }, addr())).ok).toBe(true);
      expect((await peekRateLimit(`signin-email:${e}`, signInEmailLimit())).count).toBe(0);
    });

    it("fixed windows restart after they end", async () => {
      const key = `test:${randomBytes(4).toString("hex")}`;
      const rule = { limit: 2, windowMs: 60_000 };
      expect((await hitRateLimit(key, rule)).limited).toBe(false);
      expect((await hitRateLimit(key, rule)).limited).toBe(false);
      expect((await hitRateLimit(key, rule)).limited).toBe(true);
      await t.db.rateLimit.update({ where: { key }, data: { resetAt: new Date(Date.now() - 1000) } });
      expect(await hitRateLimit(key, rule)).toMatchObject({ count: 1, limited: false });
    });
  });

  describe(`connected apps data on ${kind}`, () => {
    let t: TestDatabase;
    const adapter = (k: string) => createOAuthAdapter({ getDb: async () => t.db, consumeConflict: () => new Error("conflict") })(k);
    beforeAll(async () => {
      t = await createDatabase(kind);
      useDatabase(t);
    });
    afterAll(async () => {
      useDatabase(null);
      await t?.drop();
    });

    async function grant(accountId: string, clientId: string, scope: string) {
      const g = randomBytes(16).toString("base64url");
      await adapter("Grant").upsert(g, { jti: g, kind: "Grant", accountId, clientId, resources: { "http://localhost/mcp": scope }, iat: now(), exp: now() + 3600 }, 3600);
      const at = randomBytes(32).toString("base64url");
      await adapter("AccessToken").upsert(at, { jti: at, kind: "AccessToken", grantId: g, accountId, clientId, iat: now(), exp: now() + 600 }, 600);
      const rt = randomBytes(32).toString("base64url");
      await adapter("RefreshToken").upsert(rt, { jti: rt, kind: "RefreshToken", grantId: g, accountId, clientId, iat: now(), exp: now() + 3600 }, 3600);
      return { g, at, rt };
    }

    it("lists each client once with the union of scopes, consent details and last use", async () => {
      await grant("alice", "client-a", "mcp:models:read");
      await grant("alice", "client-a", "mcp:models:write");
      await grant("alice", "https://chatgpt.com/oauth/client.json", "mcp:models:read");
      await grant("bob", "client-a", "mcp:models:read");
      await recordConsent("alice", "client-a", { clientName: "Claude", origin: { kind: "self-registered" }, redirectHost: "claude.ai", scopes: ["mcp:models:read"] });
      await touchClientUse("alice", "client-a");
      const list = await listConnections("alice");
      expect(list.map((c) => c.clientId).sort()).toEqual(["client-a", "https://chatgpt.com/oauth/client.json"]);
      const a = list.find((c) => c.clientId === "client-a")!;
      expect(a).toMatchObject({ clientName: "Claude", redirectHost: "claude.ai", scopes: ["mcp:models:read", "mcp:models:write"], grants: 2 });
      expect(a.lastUsedAt).toBeInstanceOf(Date);
      expect((await listConnections("bob")).map((c) => c.clientId)).toEqual(["client-a"]);
    });

    it("revokeConnection deletes every grant, code and token of that client for that user only", async () => {
      const mine1 = await grant("carol", "client-x", "mcp:models:read");
      const mine2 = await grant("carol", "client-x", "mcp:models:write");
      const otherClient = await grant("carol", "client-y", "mcp:models:read");
      const otherUser = await grant("dave", "client-x", "mcp:models:read");
      expect(await revokeConnection("carol", "client-x")).toBe(2);
      for (const f of [mine1, mine2]) {
        expect(await t.db.oAuthRecord.count({ where: { grantId: hashId(f.g) } })).toBe(0);
      }
      for (const f of [otherClient, otherUser]) {
        expect(await t.db.oAuthRecord.count({ where: { grantId: hashId(f.g) } })).toBe(3);
      }
      expect((await listConnections("carol")).map((c) => c.clientId)).toEqual(["client-y"]);
      expect(await revokeConnection("carol", "client-x")).toBe(0);
    });

    it("records last use at most once per interval", async () => {
      await touchClientUse("erin", "c", 60_000);
      const first = await t.db.oAuthClientUse.findUnique({ where: { accountId_clientId: { accountId: "erin", clientId: "c" } } });
      await touchClientUse("erin", "c", 60_000);
      const second = await t.db.oAuthClientUse.findUnique({ where: { accountId_clientId: { accountId: "erin", clientId: "c" } } });
      expect(second?.lastUsedAt.getTime()).toBe(first?.lastUsedAt.getTime());
      await touchClientUse("erin", "c", 0);
      const third = await t.db.oAuthClientUse.findUnique({ where: { accountId_clientId: { accountId: "erin", clientId: "c" } } });
      expect(third!.lastUsedAt.getTime()).toBeGreaterThanOrEqual(first!.lastUsedAt.getTime());
    });
  });
}
