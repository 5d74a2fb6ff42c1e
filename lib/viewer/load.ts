/**
 * Loading a model for the viewer, with the access rules every viewer entry point shares
 * (the model page, share links, the screenshot route and the MCP screenshot tool):
 * the owner and collaborators by user id, anyone with a live share token read-only; nobody else
 * (a model they may not see is indistinguishable from one that does not exist).
 */
import "server-only";
import { cache } from "react";
import { getViewerModel, type AccessRole } from "@/lib/db/models";
import { toViewerPayload } from "@/lib/structural";
import type { ViewerPayload } from "@/lib/viewer/types";

export interface ViewerAccess {
  userId?: string | null;
  shareToken?: string | null;
}

export interface LoadedViewer {
  payload: ViewerPayload;
  role: AccessRole;
  revision: number;
  latestRevision: number;
}

/** `?rev=N` → N, undefined when absent, null when malformed (callers answer "not found"). */
export function parseRevision(raw: string | string[] | undefined | null): number | undefined | null {
  if (raw === undefined || raw === null || raw === "") return undefined;
  const s = Array.isArray(raw) ? raw[0] : raw;
  if (!s || !/^[1-9]\d{0,8}$/.test(s)) return null;
  return Number(s);
}

/** The payload of a model the caller may see, at `revision` (default latest), or null. Memoised per request. */
export const loadViewer = cache(async (modelId: string, userId: string | null, shareToken: string | null, revision?: number): Promise<LoadedViewer | null> => {
  if (!modelId || modelId.length > 100) return null;
  const r = await getViewerModel(modelId, { userId, shareToken }, revision);
  if (!r) return null;
  return { payload: toViewerPayload(r.model, { revision: r.revision }) as ViewerPayload, role: r.role, revision: r.revision, latestRevision: r.latestRevision };
});
