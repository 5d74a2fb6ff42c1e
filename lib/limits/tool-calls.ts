/**
 * Tool calls per minute, per user and per OAuth client (all of that client's users together).
 * Checked in lib/mcp/http.ts after authentication, before the MCP handler runs, with the number
 * of `tools/call` requests the body holds (lib/mcp/envelope.ts: read from the body, every call of
 * a batch, never from the Mcp-Method header); a refusal is HTTP 429 with Retry-After and a
 * JSON-RPC error saying when to retry.
 * Limits: SPECTRAL_RATE_LIMIT_TOOL_CALLS_PER_USER (default 600) and
 * SPECTRAL_RATE_LIMIT_TOOL_CALLS_PER_CLIENT (default 6000); 0 turns one off.
 */
import "server-only";
import { env, type Env } from "@/lib/env";
import { consume, type RateVerdict } from "./rate-limit";

export const TOOL_CALL_WINDOW_MS = 60_000;

export function toolCallRules(subject: { userId?: string | null; clientId?: string | null }, e: Env = env()) {
  const rules = [];
  if (subject.userId) rules.push({ key: `mcp-user:${subject.userId}`, limit: e.SPECTRAL_RATE_LIMIT_TOOL_CALLS_PER_USER, windowMs: TOOL_CALL_WINDOW_MS, scope: "user" });
  if (subject.clientId) rules.push({ key: `mcp-client:${subject.clientId}`, limit: e.SPECTRAL_RATE_LIMIT_TOOL_CALLS_PER_CLIENT, windowMs: TOOL_CALL_WINDOW_MS, scope: "client" });
  return rules;
}

/** Counts `calls` tool calls for the user and client; the verdict says whether to serve them. */
export function checkToolCallRate(subject: { userId?: string | null; clientId?: string | null }, calls: number): Promise<RateVerdict> {
  return consume(toolCallRules(subject), calls);
}
