/**
 * The one application error. Anything the app refuses to do for a caller (no access, a stale
 * revision, a limit, input that parses but cannot be used) is an `AppError` with a stable snake_case
 * `code` and a `message` that says what to do. It carries no surface: no HTTP status, no tool names.
 * Each surface translates it once:
 *   - MCP tool results: lib/mcp/register.ts (`code`, `message` and `details` in structuredContent);
 *   - server-action results: lib/web/action-result.ts (`{ ok: false, error }`);
 *   - HTTP JSON: lib/http/error-response.ts (status from the code).
 * Problems with a model's content are issues (lib/structural/issues.ts), carried in `details.issues`.
 * It lives in the bottom layer (it imports nothing) so that the domain refuses with the same error
 * (a generator's `invalid_parameters`) as every layer above it.
 */

/** Every code, with what it means. Codes are part of the API: add, never rename. */
export const APP_ERROR_CODES = {
  invalid: "the input parses but cannot be used as given",
  invalid_arguments: "the arguments do not match the schema",
  validation_failed: "the elements given have problems (listed in details.issues); nothing was written",
  invalid_parameters: "a generator's parameters cannot produce a structure",
  invalid_cursor: "a paging cursor is malformed or from another listing",
  invalid_json: "a JSON payload does not parse",
  invalid_revision: "no such revision of the model",
  not_found: "no such thing that the caller may see (existence is never revealed)",
  forbidden: "the caller may see it but not change it",
  insufficient_scope: "the access token lacks the scope the operation needs",
  revision_conflict: "the model changed while the request was prepared",
  conflict: "the change contradicts the current state (e.g. already a member)",
  limit: "an account or rate limit is reached",
  no_account: "no Spectral account has that email address",
  nothing_to_undo: "the model has no earlier revision to go back to",
  empty_model: "the operation needs elements the model does not have",
  model_not_ready: "the model is not ready for the operation (see the issues)",
  no_load_cases: "the model has no load cases",
  no_results: "no analysis results for the model or the set asked for",
  no_diagrams: "the results were stored without diagrams",
  unknown_set: "no result set with that id",
  too_large: "the answer would be too large for one call (the message says how to ask for less)",
  busy: "a shared resource is busy; retry in a few seconds",
  timeout: "the operation did not finish in time",
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_CODES;

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Structured context for the caller (issues, counts, the model id…); never secrets. */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** "Not found" for a model: the same answer whether it does not exist or the caller may not see it. */
export const modelNotFound = (id: string) => new AppError("not_found", `No model with id "${id}" that you can access.`, { modelId: id, kind: "model" });

/** A viewer tried to change a model. */
export const viewerOnly = (id: string) =>
  new AppError("forbidden", `You can view model "${id}" but not change it: the owner shared it with you as a viewer. Ask the owner for editor access.`, { modelId: id });
