"use client";
/**
 * The viewer on the model page and share links, kept up to date while the model changes
 * (use-live-model.ts): the latest revision follows every change without a reload and keeps the
 * camera; a short notice says what changed ("rev 7: added 12 frames by ChatGPT"). A pinned older
 * revision (?rev=N) stays as it is and says that a newer revision exists, with a link to it.
 */
import { useEffect, useState } from "react";
import { ModelViewer, type ModelViewerProps } from "./model-viewer";
import { RevisionNav } from "./revision-nav";
import { useLiveModel, type LiveSource, type LiveState } from "./use-live-model";

export interface LiveModelViewerProps extends ModelViewerProps {
  live: LiveSource & {
    /** The latest revision's URL (revision r: `${base}?rev=r`). */
    base: string;
    /** Show the "Read-only: you are viewing revision N" banner on pinned revisions. */
    readonlyBanner?: boolean;
  };
}

const TOAST_MS = 6_000;
const STATE_TEXT: Record<LiveState, string> = {
  connecting: "Connecting for live updates…",
  live: "Live: changes appear as they are made",
  reconnecting: "Reconnecting…",
  offline: "Offline: will catch up when reconnected",
  gone: "No longer available",
};

export function LiveModelViewer({ live, payload: initial, panelExtra, ...rest }: LiveModelViewerProps) {
  const { payload, latest, state, notice } = useLiveModel(initial, live);
  const [toast, setToast] = useState<string | null>(null);
  useEffect(() => {
    if (!notice) return;
    setToast(notice.text);
    const t = setTimeout(() => setToast(null), TOAST_MS);
    return () => clearTimeout(t);
  }, [notice]);

  const pinned = live.mode === "notify";
  const shown = payload.revision;
  return (
    <>
      <ModelViewer
        {...rest}
        payload={payload}
        panelExtra={
          <>
            <RevisionNav revision={shown} latest={Math.max(latest, shown)} base={live.base} />
            {pinned && live.readonlyBanner && shown < latest && (
              <p className="sv-readonly" role="status" data-testid="readonly-banner">
                Read-only: you are viewing revision {shown}; the latest is {latest}. <a href={live.base}>Back to latest</a>
              </p>
            )}
            {pinned && latest > live.latestRevision && (
              <p className="sv-newer" role="status" data-testid="newer-revision">
                A newer revision exists: rev {latest}. <a href={live.base}>View the latest</a>
              </p>
            )}
            <span className="sv-live-state" data-testid="live-state" data-state={state}>
              {pinned && state === "live" ? "Watching for newer revisions" : STATE_TEXT[state]}
            </span>
            {panelExtra}
          </>
        }
      />
      {toast && (
        <div className="sv-live-toast" role="status" aria-live="polite" data-testid="live-toast">
          {toast}
        </div>
      )}
    </>
  );
}
