/**
 * The viewer page (/models/[id][?rev=N]) for a signed-in member, from the data its loader gave
 * (lib/web/model-page.ts `loadModelPage`). Owners and editors get Share and Analyse; a past
 * revision shows the read-only banner.
 */
import type { ModelPageData } from "@/lib/web/model-page";
import type { AnalyseOutcome } from "@/lib/web/results";
import { ModelViewer } from "./model-viewer";
import { RevisionNav } from "./revision-nav";
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
      <ModelViewer
        payload={viewer.payload}
        mode="page"
        unitSystem={unitSystem}
        onUnitSystemChange={actions.saveUnits}
        panelTabs={tabs}
        results={{ url: `/api/models/${encodeURIComponent(modelId)}/results`, modelId, canAnalyse: canShare, analyse: actions.analyse }}
        panelExtra={
          <>
            <RevisionNav revision={viewer.revision} latest={viewer.latestRevision} href={(r) => (r ? `${base}?rev=${r}` : base)} />
            {viewer.revision < viewer.latestRevision && (
              <p className="sv-readonly" role="status" data-testid="readonly-banner">
                Read-only: you are viewing revision {viewer.revision}; the latest is {viewer.latestRevision}. <a href={base}>Back to latest</a>
              </p>
            )}
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
