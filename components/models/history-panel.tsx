"use client";
/**
 * "History": the model's revisions (number, summary, who, when), each opening read-only at
 * ?rev=N; owners and editors can undo the latest change or restore any earlier revision
 * (server actions; the role is checked again on the server).
 */
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { HistoryItem } from "@/lib/web/history";
import type { CollaborationActions } from "./types";

export interface HistoryPanelProps {
  modelId: string;
  items: HistoryItem[];
  latestRevision: number;
  /** The revision on screen. */
  revision: number;
  canWrite: boolean;
  undo: CollaborationActions["undo"];
}

function when(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function HistoryPanel({ modelId, items, latestRevision, revision, canWrite, undo }: HistoryPanelProps) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const base = `/models/${encodeURIComponent(modelId)}`;
  const readOnly = revision < latestRevision;

  const act = (toRevision?: number) =>
    start(async () => {
      setError(null);
      const r = await undo({ modelId, ...(toRevision ? { toRevision } : {}) });
      if (!r.ok) return setError(r.error);
      if (readOnly) router.push(base);
      router.refresh();
    });

  return (
    <section className="sv-history" aria-labelledby="sv-history-h" data-testid="history-panel">
      <h2 id="sv-history-h" className="sv-section-h">History</h2>
      {canWrite && (
        <div className="sv-history-actions">
          {!readOnly && latestRevision > 1 && (
            <button type="button" disabled={pending} onClick={() => act()} data-testid="undo-last">
              Undo last change
            </button>
          )}
          {readOnly && (
            <button type="button" disabled={pending} onClick={() => act(revision)} data-testid="restore-current">
              Restore this revision
            </button>
          )}
        </div>
      )}
      {error && <p className="sv-error" role="alert">{error}</p>}
      <ol className="sv-history-list">
        {items.map((it) => (
          <li key={it.revision} data-revision={it.revision} aria-current={it.revision === revision ? "true" : undefined}>
            <a href={it.revision === latestRevision ? base : `${base}?rev=${it.revision}`} rel="nofollow">
              <strong>#{it.revision}</strong> {it.summary}
            </a>
            <span className="sv-muted sv-history-meta">
              {it.by} · <time dateTime={it.createdAt}>{when(it.createdAt)}</time>
            </span>
            {canWrite && it.revision < latestRevision && it.revision !== revision && (
              <button type="button" className="sv-linkish" disabled={pending} onClick={() => act(it.revision)} aria-label={`Restore revision ${it.revision}`}>
                Restore
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
