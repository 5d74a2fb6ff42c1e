/**
 * A read-only share link (/s/[token][?rev=N]) from the data its loader gave (lib/web/model-page.ts
 * `loadSharePage`). No account needed; the route keeps the token out of Referer headers and search
 * engines.
 */
import type { SharePageData } from "@/lib/web/model-page";
import { LiveModelViewer } from "./live-viewer";
import { ExportMenu } from "./export-menu";

export interface SharePageProps {
  data: SharePageData;
}

export function SharePage({ data }: SharePageProps) {
  const { modelId, token, viewer } = data;
  const base = `/s/${token}`;
  return (
    <main className="sv-page">
      <LiveModelViewer
        payload={viewer.payload}
        live={{ modelId, share: token, mode: data.pinned ? "notify" : "follow", latestRevision: viewer.latestRevision, base }}
        mode="page"
        results={{ url: `/api/models/${encodeURIComponent(modelId)}/results?share=${encodeURIComponent(token)}`, modelId, canAnalyse: false }}
        toolbarExtra={<ExportMenu modelId={modelId} name={viewer.payload.name} revision={viewer.revision} latestRevision={viewer.latestRevision} shareToken={token} />}
        panelExtra={
          <>
            <p className="sv-role">
              <span className="sv-badge">Shared link · read-only</span>
            </p>
          </>
        }
      />
    </main>
  );
}
