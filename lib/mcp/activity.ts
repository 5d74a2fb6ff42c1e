/** Records MCP tool calls in the activity log (queued and written in batches; a failure never fails the call). */
import { recordActivity, pruneActivity } from "@/lib/db/activity";
import { logger } from "@/lib/observability/logger";
import { env } from "@/lib/env";

const SECRET_KEYS = /token|secret|password|authorization|code_verifier/i;

/** A short, safe description of a tool's arguments: scalar fields, array lengths, no secrets. */
export function summarizeArguments(input: unknown): string {
  if (!input || typeof input !== "object") return "";
  const parts: string[] = [];
  for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
    if (SECRET_KEYS.test(k)) continue;
    if (Array.isArray(v)) parts.push(`${k}: ${v.length} item${v.length === 1 ? "" : "s"}`);
    else if (v && typeof v === "object") parts.push(`${k}: {${Object.keys(v).slice(0, 6).join(", ")}}`);
    else if (typeof v === "string") parts.push(`${k}: ${JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v)}`);
    else if (v !== undefined) parts.push(`${k}: ${String(v)}`);
  }
  return parts.join(", ").slice(0, 500);
}

let lastPrune = 0;
const PRUNE_EVERY_MS = 6 * 60 * 60 * 1000;

export async function recordToolCall(e: {
  userId: string; clientId: string | null; tool: string; modelId: string | null; outcome: string; durationMs: number; input: unknown;
}): Promise<void> {
  try {
    const { input, ...entry } = e;
    recordActivity({ ...entry, summary: summarizeArguments(input) });
    if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
      lastPrune = Date.now();
      await pruneActivity(env().SPECTRAL_ACTIVITY_RETENTION_DAYS);
    }
  } catch (err) {
    logger.warn("activity log write failed", { error: String(err) });
  }
}
