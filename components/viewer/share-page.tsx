/**
 * GET /s/[token][?rev=N] — a read-only share link (server component). No account needed; a
 * malformed, unknown or revoked token is "not found". The token stays out of Referer headers
 * (the page sets Referrer-Policy: no-referrer) and out of search engines (noindex).
 */
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { resolveShareToken } from "@/lib/db/share-links";
import { loadViewer, parseRevision } from "@/lib/viewer/load";
import { LiveModelViewer } from "./live-viewer";
import { ExportMenu } from "./export-menu";

export interface SharePageProps {
  token: string;
  rev?: string | string[];
}

export async function SharePage({ token, rev }: SharePageProps) {
  const revision = parseRevision(rev);
  if (revision === null) notFound();
  const modelId = await resolveShareToken(token);
  if (!modelId) notFound();
  const data = await loadViewer(modelId, null, token, revision);
  if (!data) notFound();
  const base = `/s/${token}`;
  return (
    <main className="sv-page">
      <LiveModelViewer
        payload={data.payload}
        live={{ modelId, share: token, mode: revision === undefined ? "follow" : "notify", latestRevision: data.latestRevision, base }}
        mode="page"
        results={{ url: `/api/models/${encodeURIComponent(modelId)}/results?share=${encodeURIComponent(token)}`, modelId, canAnalyse: false }}
        toolbarExtra={<ExportMenu modelId={modelId} name={data.payload.name} revision={data.revision} latestRevision={data.latestRevision} shareToken={token} />}
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

/** Title with the model's name; the token stays out of Referer headers and search engines. */
export async function sharePageMetadata(token: string, rev?: string | string[]): Promise<Metadata> {
  const revision = parseRevision(rev);
  const modelId = revision === null ? null : await resolveShareToken(token);
  const data = modelId ? await loadViewer(modelId, null, token, revision ?? undefined) : null;
  return {
    title: data ? `${data.payload.name} (shared, read-only)` : "Shared model",
    referrer: "no-referrer",
    robots: { index: false, follow: false },
  };
}
