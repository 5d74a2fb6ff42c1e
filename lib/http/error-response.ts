/**
 * The HTTP JSON translator of the application error (lib/structural/errors.ts): `{ error: code, message }`
 * with the status the code calls for. Route helpers (lib/web/*-route.ts, export and results
 * downloads) answer refusals with it.
 */
import type { AppError, AppErrorCode } from "@/lib/structural/errors";

const STATUS: Record<AppErrorCode, number> = {
  invalid: 400,
  invalid_arguments: 400,
  validation_failed: 400,
  invalid_parameters: 400,
  invalid_cursor: 400,
  invalid_json: 400,
  invalid_revision: 404,
  not_found: 404,
  forbidden: 403,
  insufficient_scope: 403,
  revision_conflict: 409,
  conflict: 409,
  limit: 429,
  no_account: 404,
  nothing_to_undo: 409,
  empty_model: 409,
  model_not_ready: 409,
  no_load_cases: 409,
  no_results: 404,
  no_diagrams: 404,
  unknown_set: 404,
  too_large: 413,
  busy: 503,
  timeout: 503,
};

/** A JSON error body and status; `busy` and `timeout` also say when to retry. */
export function errorResponse(e: AppError, headers: Record<string, string> = {}): Response {
  const retry: Record<string, string> = e.code === "busy" || e.code === "timeout" ? { "Retry-After": "5" } : {};
  return Response.json({ error: e.code, message: e.message }, { status: STATUS[e.code], headers: { "Cache-Control": "no-store", ...retry, ...headers } });
}
