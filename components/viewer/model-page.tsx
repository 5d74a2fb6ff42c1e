/**
 * The viewer page (/models/[id][?rev=N]) for a signed-in member, from the data its loader gave
 * (lib/web/model-page.ts `loadModelPage`). Owners and editors get Share and Analyse. The latest
 * revision follows changes live (live-viewer.tsx); a pinned past revision (?rev=N) shows the
 * read-only banner and, live, that a newer revision exists.
 */
import type { ModelPageData } from "@/lib/web/model-page";
import type { AnalyseOutcome } from "@/lib/web/results";
import { LiveModelViewer } from "./live-viewer";
import { ShareDialog, type ShareDialogProps } from "./share-dialog";
import { ExportMenu } from "./export-menu";
import type { PanelTab } from "./side-panel";

export interface ModelPageProps {
  data: ModelPageData;
  /** The page's server actions (app/models/[id]/actions.ts, analyse-action.ts). */
  actions: Pick<ShareDialogProps, "create" | "revoke"> & {
    saveUnits(system: unknown): Promise<unknown>;
    analyse(modelId: string): Promise<AnalyseOutcome>;
  };
  /** More side-panel tabs (History and Sharing: components/models/model-panels.tsx). */
  tabs?: PanelTab[];
}

export function ModelPage({ data, actions, tabs }: ModelPageProps) {
  const { modelId, viewer, canShare, links, unitSystem } = data;
  const base = `/models/${encodeURIComponent(modelId)}`;
  return (
    <main className="sv-page">
      <LiveModelViewer
        payload={viewer.payload}
        live={{ modelId, mode: data.pinned ? "notify" : "follow", latestRevision: viewer.latestRevision, base, readonlyBanner: true }}
        mode="page"
        unitSystem={unitSystem}
        onUnitSystemChange={actions.saveUnits}
        panelTabs={tabs}
        results={{ url: `/api/models/${encodeURIComponent(modelId)}/results`, modelId, canAnalyse: canShare, analyse: actions.analyse }}
        panelExtra={
          <>
            <p className="sv-role">
              Your access: <span className="sv-badge">{viewer.role}</span>
            </p>
          </>
        }
        toolbarExtra={
          <>
            <ExportMenu modelId={modelId} name={viewer.payload.name} revision={viewer.revision} latestRevision={viewer.latestRevision} />
            {canShare ? <ShareDialog modelId={modelId} initialLinks={links} create={actions.create} revoke={actions.revoke} /> : null}
          </>
        }
      />
    </main>
  );
}
