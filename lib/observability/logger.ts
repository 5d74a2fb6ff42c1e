/**
 * Structured logs: one JSON object per line on stdout (errors on stderr), with the time, level,
 * message and fields. The current request id is added automatically. Never pass tokens,
 * authorization codes, passwords or request bodies: log ids and counts only.
 * LOG_LEVEL: debug | info | warn | error | silent (default info; silent under vitest unless set).
 */
import { rawLogLevel } from "@/lib/env";
import { currentRequest } from "./context";

export type LogLevel = "debug" | "info" | "warn" | "error";
const ORDER: Record<LogLevel | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

function threshold(): number {
  const v = rawLogLevel();
  return v in ORDER ? ORDER[v as keyof typeof ORDER] : ORDER.info;
}

let cachedThreshold: number | undefined;

export function log(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
  cachedThreshold ??= threshold();
  if (ORDER[level] < cachedThreshold) return;
  const requestId = currentRequest()?.requestId;
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...(requestId && !("requestId" in fields) ? { requestId } : {}), ...fields });
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(line + "\n");
}

export const logger = {
  debug: (msg: string, fields?: Record<string, unknown>) => log("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => log("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => log("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => log("error", msg, fields),
};

/** Re-reads LOG_LEVEL (tests). */
export function resetLogLevel(): void {
  cachedThreshold = undefined;
}
