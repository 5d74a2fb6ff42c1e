/**
 * A real MCP client (@modelcontextprotocol/client) talking to Spectral's /mcp handler in-process:
 * the same HTTP pipeline (Origin check, body limit, JSON-RPC, tools) with the access-token check
 * replaced by a fixed identity, so tool behaviour can be tested per user and scope without an
 * OAuth round trip (the OAuth path itself is covered end to end in tests/oauth and tests/e2e).
 */
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import type { AuthInfo } from "@modelcontextprotocol/server";
import { handleMcpPost, methodNotAllowed } from "@/lib/mcp/http";
import { resourceMetadataUrl } from "@/lib/oauth/resource-url";
import { SCOPES } from "@/lib/oauth/scopes";
import { env } from "@/lib/env";

export interface InProcessOptions {
  userId: string;
  scopes?: string[];
  clientId?: string;
  userAgent?: string;
  era?: "legacy" | "modern";
}

export function inProcessFetch(opts: InProcessOptions) {
  const info: AuthInfo = {
    token: "in-process",
    clientId: opts.clientId ?? "test-client",
    scopes: opts.scopes ?? [SCOPES.read, SCOPES.write],
    expiresAt: Math.floor(Date.now() / 1000) + 3600,
    resource: new URL(env().mcpUrl),
    resourceMetadataUrl: resourceMetadataUrl(),
    extra: { userId: opts.userId, grantId: "test-grant", userAgent: opts.userAgent ?? "vitest" },
  } as AuthInfo;
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const req = input instanceof Request ? input : new Request(input, init);
    if (req.method !== "POST") return methodNotAllowed();
    return handleMcpPost(req, { authenticate: async () => info });
  };
}

export async function connectClient(opts: InProcessOptions): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(env().mcpUrl), { fetch: inProcessFetch(opts) });
  const client = new Client(
    { name: "spectral-tests", version: "1.0.0" },
    { versionNegotiation: { mode: opts.era === "modern" ? { pin: "2026-07-28" } : "legacy" } },
  );
  await client.connect(transport);
  return client;
}

/** structuredContent of a successful tool call (fails the test with the text on an error result). */
export function ok<T = Record<string, unknown>>(res: unknown): T {
  const r = res as { isError?: boolean; content?: { type: string; text?: string }[]; structuredContent?: unknown };
  if (r.isError) throw new Error(`tool failed: ${r.content?.map((c) => c.text).join("\n")}`);
  return r.structuredContent as T;
}

export function textOf(res: unknown): string {
  return ((res as { content?: { type: string; text?: string }[] }).content ?? []).map((c) => c.text ?? "").join("\n");
}
