/**
 * Loaders of the viewer pages: everything /models/[id] and /s/[token] show, as plain data, with the
 * access rules of lib/viewer/load.ts. The route files (app/models/[id]/page.tsx, app/s/[token]/page.tsx)
 * turn the outcome into a redirect, a 404 or the page; components only render what they are given.
 *   - not signed in → sign in, then back to the same address;
 *   - malformed ?rev, unknown model, unknown revision or no access → not found (existence is never revealed);
 *   - owners and editors also get their share links; members get the History and Sharing tabs.
 */
import "server-only";
import { getCurrentUser } from "@/lib/auth/session";
import { listCollaborators, type Collaborator } from "@/lib/db/collaborators";
import { AppError } from "@/lib/structural/errors";
import { resolveShareToken } from "@/lib/db/share-links";
import { loadViewer, parseRevision, type LoadedViewer } from "@/lib/viewer/load";
import type { UnitSystem } from "@/lib/viewer/types";
import { historyForPanel, type HistoryData } from "./history";
import { shareLinksForDialog } from "./share-links";
import type { ShareLinkRow } from "./types";
import { unitSystemFor } from "./units";

/** What the History and Sharing tabs show to a member of the model. */
export interface ModelPanelsData {
  currentUserId: string;
  role: Collaborator["role"];
  history: HistoryData;
  members: Collaborator[];
}

export interface ModelPageData {
  modelId: string;
  viewer: LoadedViewer;
  /** A revision was asked for (?rev=N): the page stays on it (live updates only say a newer one exists). */
  pinned: boolean;
  /** Owners and editors may share, analyse and undo. */
  canShare: boolean;
  links: ShareLinkRow[];
  unitSystem: UnitSystem | undefined;
  panels: ModelPanelsData | null;
}

export type PageOutcome<T> = { kind: "ok"; data: T } | { kind: "sign_in"; href: string } | { kind: "not_found" };

const modelHref = (modelId: string, rev?: string | string[]) =>
  `/models/${encodeURIComponent(modelId)}${typeof rev === "string" ? `?rev=${encodeURIComponent(rev)}` : ""}`;

/** The History and Sharing tabs' data for a member of the model, or null (no access). */
export async function loadModelPanels(userId: string, modelId: string): Promise<ModelPanelsData | null> {
  if (!modelId || modelId.length > 100) return null;
  // Both check access in lib/db (no access: null / AppError); the whole model is not read again here.
  const [history, members] = await Promise.all([
    historyForPanel(userId, modelId),
    listCollaborators(userId, modelId).catch((e: unknown) => {
      if (e instanceof AppError) return null;
      throw e;
    }),
  ]);
  const role = members?.find((m) => m.userId === userId)?.role;
  return history && members && role ? { currentUserId: userId, role, history, members } : null;
}

/** GET /models/[id][?rev=N] for the signed-in user. */
export async function loadModelPage(modelId: string, rev?: string | string[]): Promise<PageOutcome<ModelPageData>> {
  const user = await getCurrentUser();
  if (!user) return { kind: "sign_in", href: `/signin?callbackUrl=${encodeURIComponent(modelHref(modelId, rev))}` };
  const revision = parseRevision(rev);
  if (revision === null) return { kind: "not_found" };
  const viewer = await loadViewer(modelId, user.id, null, revision);
  if (!viewer) return { kind: "not_found" };
  const canShare = viewer.role === "owner" || viewer.role === "editor";
  const [links, unitSystem, panels] = await Promise.all([
    canShare ? shareLinksForDialog(user.id, modelId) : [],
    unitSystemFor(user.id),
    loadModelPanels(user.id, modelId),
  ]);
  return { kind: "ok", data: { modelId, viewer, pinned: revision !== undefined, canShare, links, unitSystem, panels } };
}

/** The viewer page's title: the model's name when the visitor may see it (same cached load as the page). */
export async function modelPageTitle(modelId: string, rev?: string | string[]): Promise<string> {
  const user = await getCurrentUser();
  const revision = parseRevision(rev);
  const data = user && revision !== null ? await loadViewer(modelId, user.id, null, revision) : null;
  return data ? `${data.payload.name} · rev ${data.revision}` : "Model viewer";
}

export interface SharePageData {
  modelId: string;
  token: string;
  viewer: LoadedViewer;
  /** A revision was asked for (?rev=N): the page stays on it. */
  pinned: boolean;
}

/** GET /s/[token][?rev=N]: a read-only share link; a malformed, unknown or revoked token is not found. */
export async function loadSharePage(token: string, rev?: string | string[]): Promise<PageOutcome<SharePageData>> {
  const revision = parseRevision(rev);
  if (revision === null) return { kind: "not_found" };
  const modelId = await resolveShareToken(token);
  if (!modelId) return { kind: "not_found" };
  const viewer = await loadViewer(modelId, null, token, revision);
  return viewer ? { kind: "ok", data: { modelId, token, viewer, pinned: revision !== undefined } } : { kind: "not_found" };
}

/** The share page's title: the model's name when the token is live. */
export async function sharePageTitle(token: string, rev?: string | string[]): Promise<string> {
  const revision = parseRevision(rev);
  const modelId = revision === null ? null : await resolveShareToken(token);
  const data = modelId ? await loadViewer(modelId, null, token, revision ?? undefined) : null;
  return data ? `${data.payload.name} (shared, read-only)` : "Shared model";
}
