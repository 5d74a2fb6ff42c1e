import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, verifyPassword } from "@/lib/auth/password";

describe("password hashing (scrypt)", () => {
  it("stores a salted scrypt hash, never the password", async () => {
    const a = await hashPassword("correct horse battery staple");
    const b = await hashPassword("correct horse battery staple");
    expect(a).not.toContain("correct horse");
    expect(a).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{86}$/);
    expect(a).not.toBe(b); // random salt
    expect(needsRehash(a)).toBe(false);
  });

  it("verifies the right password and refuses a wrong one", async () => {
    const h = await hashPassword("s3cret-password");
    await expect(verifyPassword("s3cret-password", h)).resolves.toBe(true);
    await expect(verifyPassword("s3cret-passwore", h)).resolves.toBe(false);
    await expect(verifyPassword("", h)).resolves.toBe(false);
  });

  it.each([null, undefined, "", "plain-text-password", "scrypt$1$1$1$x$y", "bcrypt$2a$10$abc"])("returns false (never throws) for stored value %j", async (stored) => {
    await expect(verifyPassword("anything", stored as string | null)).resolves.toBe(false);
  });

  it("flags weaker parameters for rehashing", () => {
    expect(needsRehash("scrypt$14$8$1$AAAAAAAAAAAAAAAAAAAAAA$" + "A".repeat(86))).toBe(true);
  });
});
