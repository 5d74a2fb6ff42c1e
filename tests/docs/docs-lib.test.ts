/**
 * Unit level: the docs helpers turn the live configuration, the tool registry and the MCP
 * endpoint's own error responses into what the pages show.
 */
import { describe, expect, it } from "vitest";
import { chatGptConnector, configValue, docsConfig, oauthMetadataRows } from "@/lib/docs/config";
import { ACCESS_TOKEN_SECONDS, AUTHORIZATION_CODE_SECONDS } from "@/lib/docs/facts";
import { liveErrors } from "@/lib/docs/live-errors";
import { ALL_DOCS_PAGES, DOCS_NAV } from "@/lib/docs/nav";
import { protocolVersions, serverSurface } from "@/lib/docs/surface";
import { ANNOTATION_KEYS, toolDocs, toolsByScope, writeTools } from "@/lib/docs/tools";
import { inspectorCommands } from "@/components/docs/pages/clients";
import { env } from "@/lib/env";
import { TOOLS } from "@/lib/mcp/tools";
import { SCOPES } from "@/lib/oauth/scopes";
import { connectClient } from "../support/mcp-inprocess";

const PROD = { appUrl: "https://app.spectralco.co", issuerUrl: "https://auth.spectralco.co", mcpUrl: "https://mcp.spectralco.co/mcp" };

describe("docsConfig", () => {
  it("derives every value of the public guide from the three configured origins", () => {
    const c = docsConfig(PROD);
    expect(Object.fromEntries(oauthMetadataRows(c).map((r) => [r.field, r.value]))).toEqual({
      "MCP server URL": "https://mcp.spectralco.co/mcp",
      "OAuth issuer": "https://auth.spectralco.co",
      "Authorization endpoint": "https://auth.spectralco.co/oauth/authorize",
      "Token endpoint": "https://auth.spectralco.co/oauth/token",
      "Dynamic client registration": "https://auth.spectralco.co/oauth/register",
      Resource: "https://mcp.spectralco.co/mcp",
      Scopes: "mcp:models:read mcp:models:write",
    });
    expect(chatGptConnector(c)).toEqual({
      name: "Spectral",
      mcp_server_url: "https://mcp.spectralco.co/mcp",
      transport: "streaming_http",
      authentication: "oauth",
      scopes: "mcp:models:read mcp:models:write",
    });
    expect(c.protectedResourceMetadataUrl).toBe("https://mcp.spectralco.co/.well-known/oauth-protected-resource/mcp");
    expect(c.authorizationServerMetadataUrl).toBe("https://auth.spectralco.co/.well-known/oauth-authorization-server");
    expect(c.connectionsUrl).toBe("https://app.spectralco.co/settings/connections");
    expect(c.mcpIsLocal).toBe(false);
    expect(configValue(c, "read-scope")).toBe(SCOPES.read);
  });

  it("defaults to the process configuration and flags a local MCP URL", () => {
    const c = docsConfig();
    expect(c.mcpUrl).toBe(env().mcpUrl);
    expect(c.issuerUrl).toBe(env().issuerUrl);
    expect(c.mcpIsLocal).toBe(true);
  });
});

describe("tool docs", () => {
  it("cover every registered tool in order, with scope and all four hints", () => {
    const docs = toolDocs();
    expect(docs.map((d) => d.name)).toEqual(TOOLS.map((t) => t.name));
    for (const [i, t] of TOOLS.entries()) {
      const d = docs[i]!;
      expect(d.scope).toBe(t.scope === "write" ? SCOPES.write : SCOPES.read);
      for (const k of ANNOTATION_KEYS) expect(typeof d.annotations[k], `${t.name}.${k}`).toBe("boolean");
      expect(d.annotations).toEqual({ ...t.annotations });
    }
    const { read, write } = toolsByScope();
    expect(read.length + write.length).toBe(TOOLS.length);
    expect(writeTools().every((t) => !t.annotations.readOnlyHint)).toBe(true);
  });

  it("show the same schemas and annotations tools/list serves", async () => {
    const client = await connectClient({ userId: "docs-test-user" });
    try {
      const { tools } = await client.listTools();
      const docs = toolDocs();
      expect(tools.map((t) => t.name)).toEqual(docs.map((d) => d.name));
      for (const t of tools) {
        const d = docs.find((x) => x.name === t.name)!;
        expect(t.title).toBe(d.title);
        expect(t.description).toBe(d.description);
        for (const k of ANNOTATION_KEYS) expect(t.annotations?.[k], `${t.name}.${k}`).toBe(d.annotations[k]);
        const strip = (s: unknown) => {
          const { $schema: _s, ...rest } = s as Record<string, unknown>;
          return rest;
        };
        expect(strip(d.inputSchema), `${t.name} input`).toEqual(strip(t.inputSchema));
        expect(strip(d.outputSchema), `${t.name} output`).toEqual(strip(t.outputSchema));
        const schemes = (t._meta as { securitySchemes?: { scopes?: string[] }[] } | undefined)?.securitySchemes;
        expect(schemes?.[0]?.scopes, t.name).toEqual([d.scope]);
      }
    } finally {
      await client.close();
    }
  });
});

describe("live error examples", () => {
  it("are the endpoint's real answers", async () => {
    const e = await liveErrors();
    expect(e.unauthenticated.status).toBe(401);
    expect(e.unauthenticated.headers["www-authenticate"]).toContain(`resource_metadata="${docsConfig().protectedResourceMetadataUrl}"`);
    expect(e.unauthenticated.headers["www-authenticate"]).toContain(`scope="${SCOPES.read} ${SCOPES.write}"`);
    expect(e.invalidToken.status).toBe(401);
    expect(e.invalidToken.headers["www-authenticate"]).toContain('error="invalid_token"');
    expect(e.queryToken.status).toBe(400);
    expect(e.getMethod.status).toBe(405);
    expect(e.getMethod.headers.allow).toBe("POST");
    expect(e.badOrigin.status).toBe(403);
    expect(e.badHost.status).toBe(403);
    expect(e.tooLarge.status).toBe(413);
    expect(e.insufficientScopeChallenge).toContain('error="insufficient_scope"');
    expect(JSON.parse(e.insufficientScopeToolResult)._meta["mcp/www_authenticate"][0]).toBe(e.insufficientScopeChallenge);
  });
});

describe("token lifetimes the authentication page states", () => {
  it("come from the authorization server and keep the documented bounds", () => {
    expect(ACCESS_TOKEN_SECONDS).toBeGreaterThan(0);
    expect(ACCESS_TOKEN_SECONDS).toBeLessThanOrEqual(15 * 60);
    expect(AUTHORIZATION_CODE_SECONDS).toBe(60);
  });
});

describe("navigation and commands", () => {
  it("lists every docs page once", () => {
    const hrefs = ALL_DOCS_PAGES.map((p) => p.href);
    expect(new Set(hrefs).size).toBe(hrefs.length);
    expect(hrefs).toEqual(
      expect.arrayContaining([
        "/docs/mcp/chatgpt",
        "/docs/mcp/overview",
        "/docs/mcp/authentication",
        "/docs/mcp/troubleshooting",
        "/docs/mcp/claude",
        "/docs/mcp/clients",
        "/docs/tools",
        "/docs/import-format",
      ]),
    );
    expect(DOCS_NAV.flatMap((s) => s.pages).find((p) => p.href === "/docs/mcp/chatgpt")?.title).toBe("Use ChatGPT with Spectral MCP");
  });

  it("builds the Inspector command lines from the MCP URL", () => {
    const cmds = inspectorCommands(PROD.mcpUrl, toolDocs());
    expect(cmds[0]!.command).toBe(
      `npx @modelcontextprotocol/inspector --cli ${PROD.mcpUrl} --transport http --header "Authorization: Bearer $TOKEN" --method tools/list`,
    );
    expect(cmds.some((c) => c.command.includes("--method tools/call --tool-name "))).toBe(true);
    for (const c of cmds) {
      const name = /--tool-name (\S+)/.exec(c.command)?.[1];
      if (name) expect(TOOLS.map((t) => t.name)).toContain(name);
    }
  });

  it("lists the prompts and resources the server registers", () => {
    const s = serverSurface();
    expect(s.prompts.length).toBeGreaterThan(0);
    expect(s.resources.map((r) => r.uri)).toEqual(expect.arrayContaining(["spectral://models/{modelId}"]));
    expect(s.resources.some((r) => r.uri.startsWith("ui://"))).toBe(true);
    expect(protocolVersions().legacy.length).toBeGreaterThan(0);
  });
});
