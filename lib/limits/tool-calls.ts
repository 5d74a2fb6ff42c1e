/**
 * Tool calls per minute, per user and per OAuth client (all of that client's users together).
 * Checked in lib/mcp/http.ts after authentication, before the MCP handler runs; a refusal is
 * HTTP 429 with Retry-After and a JSON-RPC error saying when to retry.
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

const TOOLS_CALL = /"method"\s*:\s*"tools\/call"/;

/**
 * How many JSON-RPC `tools/call` requests a POST /mcp body holds (0 for initialize, tools/list,
 * notifications…). Uses the Mcp-Method header of the 2026-07-28 protocol when present; small
 * bodies are parsed; large ones (imports) are scanned instead of parsed a second time.
 */
export function countToolCalls(body: string, headers: Headers): number {
  const method = headers.get("mcp-method");
  if (method) return method === "tools/call" ? 1 : 0;
  if (body.length <= 64 * 1024) {
    try {
      const msg = JSON.parse(body) as unknown;
      const list = Array.isArray(msg) ? msg : [msg];
      return list.filter((m) => m && typeof m === "object" && (m as { method?: unknown }).method === "tools/call").length;
    } catch {
      return 0;
    }
  }
  // A large body: the method is near the start of a well-formed message; count at most one.
  return TOOLS_CALL.test(body.slice(0, 4096)) || TOOLS_CALL.test(body) ? 1 : 0;
}
