/**
 * The server-action translator of the application error (lib/structural/errors.ts): an AppError becomes
 * `{ ok: false, error }` with a message the page shows as is; anything else is a bug and is thrown
 * (Next shows its error page and the log has the stack).
 */
import "server-only";
import { AppError } from "@/lib/structural/errors";
import type { ActionResult } from "./types";

/** Messages for the web where the shared one speaks of a retry the page does differently. */
const WEB_MESSAGES: Partial<Record<AppError["code"], string>> = {
  revision_conflict: "Someone changed the model at the same time; reload and try again.",
};

/** `e` as an action's failure, or rethrown when it is not an application error. */
export function actionFailure(e: unknown): { ok: false; error: string } {
  if (e instanceof AppError) return { ok: false, error: WEB_MESSAGES[e.code] ?? e.message };
  throw e;
}

/** Runs `fn` and answers its value, or its application error as the action's failure. */
export async function attempt<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    return actionFailure(e);
  }
}
