import { describe, expect, it } from "vitest";
import { cimdLoopbackAllowed, clientIdUrlAllowed, redirectUriProblem, redirectUrisProblem } from "@/lib/oauth/policy";
import { SCOPES, expandScopes, hasScope } from "@/lib/oauth/scopes";

describe("redirect URI policy", () => {
  it.each([
    "https://chatgpt.com/connector_platform_oauth_redirect",
    "https://chatgpt.com/connector/oauth/abc123",
    "https://claude.ai/api/mcp/auth_callback",
    "https://claude.com/api/mcp/auth_callback",
    "http://127.0.0.1:6276/oauth/callback",
    "http://localhost:6274/oauth/callback",
    "http://[::1]:8080/cb",
    "https://app.example.com/cb?tenant=1",
  ])("accepts %s", (uri) => {
    expect(redirectUriProblem(uri)).toBeNull();
  });

  it.each([
    ["javascript:alert(1)", /https/],
    ["data:text/html,<script>", /https/],
    ["file:///etc/passwd", /https/],
    ["vbscript:x", /https/],
    ["myapp://callback", /https/],
    ["http://evil.example/cb", /loopback/],
    ["http://127.0.0.2.evil.example/cb", /loopback/],
    ["https://client.example/cb#frag", /fragment/],
    ["https://a@evil.example/cb", /userinfo/],
    ["https://a:b@evil.example/cb", /userinfo/],
    ["https://*.example.com/cb", /wildcard/],
    ["https://client.example/a/../cb", /dot segment/],
    ["https://client.example/a/%2e%2e/cb", /dot segment/],
    ["https://client.example\\@evil.example/cb", /backslash/],
    ["https://client.example/c b", /whitespace/],
    ["https://client.example/\u0007", /control/],
    [`https://client.example/${"a".repeat(2000)}`, /2000/],
    ["not a uri", /./],
    ["", /./],
  ])("refuses %j", (uri, reason) => {
    expect(redirectUriProblem(uri)).toMatch(reason);
  });

  it("caps the number of redirect URIs", () => {
    expect(redirectUrisProblem(Array.from({ length: 11 }, (_, i) => `https://c.example/${i}`))).toMatch(/at most 10/);
    expect(redirectUrisProblem([])).toMatch(/at least one/);
    expect(redirectUrisProblem("https://c.example/cb")).toMatch(/array/);
  });
});

describe("client ID metadata document URLs", () => {
  it.each([
    ["https://chatgpt.com/oauth/client.json", false, true],
    ["https://claude.ai/oauth/mcp-oauth-client-metadata", false, true],
    ["http://chatgpt.com/oauth/client.json", false, false],
    ["https://chatgpt.com/", false, false],
    ["https://chatgpt.com/oauth/client.json#x", false, false],
    ["https://u@chatgpt.com/oauth/client.json", false, false],
    ["https://chatgpt.com/a/../client.json", false, false],
    ["https://10.0.0.1/client.json", false, false],
    ["https://169.254.169.254/latest/meta-data", false, false],
    ["https://[::1]/client.json", false, false],
    ["https://127.0.0.1/client.json", false, false],
    ["https://localhost/client.json", false, false],
    ["https://intranet/client.json", false, false],
    ["http://127.0.0.1:4000/client.json", false, false],
    ["http://127.0.0.1:4000/client.json", true, true],
    ["https://localhost:4000/client.json", true, true],
    ["http://10.0.0.1/client.json", true, false],
  ])("%s (loopback allowed: %s) → %s", (url, loopback, ok) => {
    expect(clientIdUrlAllowed(url, loopback)).toBe(ok);
  });

  it("allows loopback documents only outside production, or with the flag and a loopback issuer", () => {
    expect(cimdLoopbackAllowed({ nodeEnv: "development", flag: undefined, issuerUrl: "https://auth.example.com" })).toBe(true);
    expect(cimdLoopbackAllowed({ nodeEnv: "test", flag: undefined, issuerUrl: "https://auth.example.com" })).toBe(true);
    expect(cimdLoopbackAllowed({ nodeEnv: "production", flag: undefined, issuerUrl: "http://localhost:3000" })).toBe(false);
    expect(cimdLoopbackAllowed({ nodeEnv: "production", flag: "1", issuerUrl: "http://127.0.0.1:3000" })).toBe(true);
    expect(() => cimdLoopbackAllowed({ nodeEnv: "production", flag: "1", issuerUrl: "https://auth.example.com" })).toThrow(/SPECTRAL_CIMD_ALLOW_LOOPBACK/);
  });
});

describe("scopes: write implies read", () => {
  it("expands and checks", () => {
    expect(expandScopes([SCOPES.write])).toEqual([SCOPES.read, SCOPES.write]);
    expect(expandScopes(["openid", SCOPES.read])).toEqual([SCOPES.read]);
    expect(hasScope([SCOPES.write], "read")).toBe(true);
    expect(hasScope([SCOPES.write], SCOPES.read)).toBe(true);
    expect(hasScope([SCOPES.read], "write")).toBe(false);
    expect(hasScope([], "read")).toBe(false);
  });
});
