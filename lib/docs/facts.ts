/**
 * Facts about the server that the docs state in prose, imported from the code that enforces them
 * (the authorization server's policy in lib/oauth/provider.ts, the MCP endpoint's limits in
 * lib/mcp/http.ts), so the pages follow any change.
 */
import { MAX_BODY_BYTES } from "@/lib/mcp/http";
import { ACCESS_TOKEN_TTL_S, CODE_TTL_S, REFRESH_ABSOLUTE_TTL_S, REFRESH_IDLE_TTL_S } from "@/lib/oauth/provider";

/** Access tokens live this long (the product promise is at most 15 minutes); clients refresh them silently. */
export const ACCESS_TOKEN_SECONDS = ACCESS_TOKEN_TTL_S;
export const ACCESS_TOKEN_MINUTES = Math.round(ACCESS_TOKEN_TTL_S / 60);
/** Authorization codes must be redeemed within this many seconds, once. */
export const AUTHORIZATION_CODE_SECONDS = CODE_TTL_S;
/** A refresh token unused for this many days expires; a chain of refreshes ends after the absolute limit. */
export const REFRESH_IDLE_DAYS = Math.round(REFRESH_IDLE_TTL_S / 86400);
export const REFRESH_ABSOLUTE_DAYS = Math.round(REFRESH_ABSOLUTE_TTL_S / 86400);

export const MAX_BODY_MIB = MAX_BODY_BYTES / 1024 / 1024;

/** ChatGPT's OAuth callbacks (the connector-specific one and the stable one). */
export const CHATGPT_REDIRECTS = [
  "https://chatgpt.com/connector/oauth/{callback_id}",
  "https://chatgpt.com/connector_platform_oauth_redirect",
] as const;

/** Claude's OAuth callbacks (claude.ai, Claude Desktop and Cowork). */
export const CLAUDE_REDIRECTS = ["https://claude.ai/api/mcp/auth_callback", "https://claude.com/api/mcp/auth_callback"] as const;

/** The MCP Inspector's OAuth callbacks (CLI and web UI). */
export const INSPECTOR_REDIRECTS = ["http://127.0.0.1:6276/oauth/callback", "http://localhost:6274/oauth/callback"] as const;
