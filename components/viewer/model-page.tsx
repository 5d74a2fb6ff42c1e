/**
 * GET /models/[id][?rev=N] — the viewer page (server component).
 * Not signed in → sign-in (then back here). Signed in without access, unknown model or unknown
 * revision → "not found" (existence is never revealed). Owner and editors get the Share action.
 */
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { loadViewer, parseRevision } from "@/lib/viewer/load";
import { shareLinksForDialog } from "@/lib/viewer/share-actions";
import { LiveModelViewer } from "./live-viewer";
import { ShareDialog, type ShareDialogProps } from "./share-dialog";
import { ExportMenu } from "./export-menu";
import { analyseModelAction } from "@/app/models/[id]/analyse-action";
import { unitSystemFor } from "@/lib/web/units";
import type { PanelTab } from "./side-panel";

export interface ModelPageProps {
  modelId: string;
  rev?: string | string[];
  /** The page's server actions (app/models/[id]/actions.ts). */
  actions: Pick<ShareDialogProps, "create" | "revoke"> & { saveUnits(system: unknown): Promise<unknown> };
  /** More side-panel tabs (History and Sharing: components/models/model-panels.tsx). */
  tabs?: PanelTab[];
}

export async function ModelPage({ modelId, rev, actions, tabs }: ModelPageProps) {
  const here = `/models/${encodeURIComponent(modelId)}${typeof rev === "string" ? `?rev=${encodeURIComponent(rev)}` : ""}`;
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(here)}`);
  const revision = parseRevision(rev);
  if (revision === null) notFound();
  const data = await loadViewer(modelId, user.id, null, revision);
  if (!data) notFound();
  const canShare = data.role === "owner" || data.role === "editor";
  const [links, unitSystem] = await Promise.all([canShare ? shareLinksForDialog(user.id, modelId) : [], unitSystemFor(user.id)]);
  const base = `/models/${encodeURIComponent(modelId)}`;
  return (
    <main className="sv-page">
      <LiveModelViewer
        payload={data.payload}
        live={{ modelId, mode: revision === undefined ? "follow" : "notify", latestRevision: data.latestRevision, base, readonlyBanner: true }}
        mode="page"
        unitSystem={unitSystem}
        onUnitSystemChange={actions.saveUnits}
        panelTabs={tabs}
        results={{ url: `/api/models/${encodeURIComponent(modelId)}/results`, modelId, canAnalyse: canShare, analyse: analyseModelAction }}
        panelExtra={
          <>
            <p className="sv-role">
              Your access: <span className="sv-badge">{data.role}</span>
            </p>
          </>
        }
        toolbarExtra={
          <>
            <ExportMenu modelId={modelId} name={data.payload.name} revision={data.revision} latestRevision={data.latestRevision} />
            {canShare ? <ShareDialog modelId={modelId} initialLinks={links} create={actions.create} revoke={actions.revoke} /> : null}
          </>
        }
      />
    </main>
  );
}

/** The page title: the model's name when the visitor may see it (same cached load as the page). */
export async function modelPageMetadata(modelId: string, rev?: string | string[]): Promise<Metadata> {
  const user = await getCurrentUser();
  const revision = parseRevision(rev);
  const data = user && revision !== null ? await loadViewer(modelId, user.id, null, revision) : null;
  return { title: data ? `${data.payload.name} · rev ${data.revision}` : "Model viewer" };
}
