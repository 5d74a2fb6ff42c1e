import { describe, expect, it } from "vitest";
import { SignUpSchema, safeCallbackUrl } from "@/lib/auth/schemas";

const ORIGINS = ["http://localhost:3000", "https://auth.spectral.example"];

describe("safeCallbackUrl (same-origin only)", () => {
  it.each([
    ["/oauth/interaction/abc", "/oauth/interaction/abc"],
    ["/models?x=1#top", "/models?x=1#top"],
    ["http://localhost:3000/settings/connections", "http://localhost:3000/settings/connections"],
    ["https://auth.spectral.example/oauth/interaction/x", "https://auth.spectral.example/oauth/interaction/x"],
  ])("keeps %s", (raw, expected) => {
    expect(safeCallbackUrl(raw, ORIGINS)).toBe(expected);
  });

  it.each([
    "https://evil.example/",
    "//evil.example/x",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "data:text/html,x",
    "http://localhost:3001/",
    "https://user@auth.spectral.example/",
    "/ok\nSet-Cookie: x",
    "",
    "x".repeat(3000),
    42,
    undefined,
  ])("replaces %j with the fallback", (raw) => {
    expect(safeCallbackUrl(raw, ORIGINS, "/fallback")).toBe("/fallback");
  });
});

describe("SignUpSchema", () => {
  it("normalizes email and trims the name", () => {
    const r = SignUpSchema.parse({ name: "  Ada  ", email: " Ada@Example.COM ", password: "0123456789" });
    expect(r).toEqual({ name: "Ada", email: "ada@example.com", password: "0123456789" });
  });

  it.each([
    [{ name: "", email: "a@b.co", password: "0123456789" }, "name"],
    [{ name: "A", email: "not-an-email", password: "0123456789" }, "email"],
    [{ name: "A", email: "a@b.co", password: "short" }, "password"],
    [{ name: "A\u0000B", email: "a@b.co", password: "0123456789" }, "name"],
    [{ name: "A", email: "a@b.co", password: "x".repeat(201) }, "password"],
  ])("rejects %j (field %s)", (input, field) => {
    const r = SignUpSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path[0]).toBe(field);
  });
});
