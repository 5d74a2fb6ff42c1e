/**
 * Where a client finds the MCP resource's protected-resource metadata (RFC 9728 §3.1: the resource
 * URL with the well-known path inserted). Named in every WWW-Authenticate challenge (§5.1), by
 * the /mcp front (lib/mcp/http.ts) and by insufficient-scope tool errors (lib/mcp/register.ts).
 */
import { env } from "@/lib/env";

export function resourceMetadataUrl(mcpUrl = env().mcpUrl): string {
  const u = new URL(mcpUrl);
  return `${u.origin}/.well-known/oauth-protected-resource${u.pathname === "/" ? "" : u.pathname}`;
}
