/**
 * "My models" (props only; app/models/page.tsx loads the data): the user's models, owned and
 * shared with them, newest change first, with role, counts, revision, analysis status and last
 * update; rename (a revision, undoable) and delete (owner only, after a confirmation) per row.
 * With no models it shows how to connect an assistant.
 */
import Link from "next/link";
import type { AnalysisStatus, ModelRow } from "@/lib/web/models";
import { ConnectAssistant } from "@/components/web/connect-assistant";

export interface ModelsListProps {
  items: ModelRow[];
  nextCursor: string | null;
  now: number;
  notice?: string;
  error?: string;
  /** The rename the notice can undo (model and the revision the rename made). */
  undo?: { modelId: string; revision: string };
  connect: { mcpUrl: string; mcpIsLocal: boolean };
  actions: { rename(f: FormData): Promise<void>; undo(f: FormData): Promise<void>; remove(f: FormData): Promise<void> };
}

function ago(d: Date, now: number): string {
  const s = Math.max(0, Math.round((now - d.getTime()) / 1000));
  if (s < 60) return "just now";
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  if (s < 30 * 86400) return `${Math.round(s / 86400)} d ago`;
  return d.toISOString().slice(0, 10);
}

const STATUS: Record<AnalysisStatus, [string, string]> = {
  none: ["Not analysed", "muted"],
  queued: ["Queued", "muted"],
  running: ["Running", "muted"],
  succeeded: ["Analysed", "status-ok"],
  failed: ["Failed", "status-failed"],
  stale: ["Changed since analysis", "status-stale"],
};

function RowActions({ m, actions }: { m: ModelRow; actions: ModelsListProps["actions"] }) {
  if (m.role === "viewer") return null;
  return (
    <div className="row-actions">
      <details>
        <summary className="btn">Rename</summary>
        <form action={actions.rename}>
          <input type="hidden" name="modelId" value={m.id} />
          <input type="text" name="name" defaultValue={m.name} maxLength={200} required aria-label={`New name for ${m.name}`} />
          <button type="submit" className="btn">Save</button>
        </form>
      </details>
      {m.role === "owner" && (
        <details>
          <summary className="btn danger">Delete…</summary>
          <form action={actions.remove}>
            <input type="hidden" name="modelId" value={m.id} />
            <p className="muted">Deleting removes the model, its history and its share links: it cannot be undone.</p>
            <label>
              <input type="checkbox" name="confirm" value="yes" required /> Delete &ldquo;{m.name}&rdquo; for good
            </label>
            <button type="submit" className="btn danger">Delete</button>
          </form>
        </details>
      )}
    </div>
  );
}

export function ModelsList({ items, nextCursor, now, notice, error, undo, connect, actions }: ModelsListProps) {
  const n = (x: number) => x.toLocaleString("en-US");
  return (
    <main className="container">
      <h1>My models</h1>
      {notice && (
        <div className="notice" role="status" data-testid="models-notice">
          {notice}
          {undo && (
            <form action={actions.undo} style={{ display: "inline", marginLeft: 8 }}>
              <input type="hidden" name="modelId" value={undo.modelId} />
              <input type="hidden" name="revision" value={undo.revision} />
              <button type="submit" className="btn">Undo</button>
            </form>
          )}
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {items.length === 0 ? (
        <>
          <p className="notice">
            No models yet. Connect ChatGPT, Claude or another MCP client and ask it to create one, for example &ldquo;create a 2-bay, 3-storey steel frame&rdquo;.
            Every tool answer links back here.
          </p>
          <ConnectAssistant mcpUrl={connect.mcpUrl} mcpIsLocal={connect.mcpIsLocal} compact />
        </>
      ) : (
        <table className="data models-table stack-on-phone">
          <thead>
            <tr>
              <th>Name</th>
              <th>Access</th>
              <th style={{ textAlign: "right" }}>Nodes</th>
              <th style={{ textAlign: "right" }}>Frames</th>
              <th style={{ textAlign: "right" }}>Supports</th>
              <th style={{ textAlign: "right" }}>Loads</th>
              <th style={{ textAlign: "right" }}>Revision</th>
              <th>Analysis</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <tr key={m.id} data-model-id={m.id}>
                <td>
                  <Link href={`/models/${m.id}`}>{m.name}</Link>
                  {m.description && <div className="muted">{m.description}</div>}
                  <RowActions m={m} actions={actions} />
                </td>
                <td data-label="Access">
                  <span className="badge">{m.role}</span>
                </td>
                <td data-label="Nodes" style={{ textAlign: "right" }}>{n(m.counts.nodes)}</td>
                <td data-label="Frames" style={{ textAlign: "right" }}>{n(m.counts.frames)}</td>
                <td data-label="Supports" style={{ textAlign: "right" }}>{n(m.counts.supports)}</td>
                <td data-label="Loads" style={{ textAlign: "right" }}>{n(m.counts.loads)}</td>
                <td data-label="Revision" style={{ textAlign: "right" }}>{m.revision}</td>
                <td data-label="Analysis" data-testid="analysis-status" className={STATUS[m.analysis][1]}>
                  {STATUS[m.analysis][0]}
                </td>
                <td data-label="Updated" title={m.updatedAt.toISOString()}>{ago(m.updatedAt, now)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextCursor && (
        <p>
          <Link className="btn" href={`/models?cursor=${encodeURIComponent(nextCursor)}`}>
            More models
          </Link>
        </p>
      )}
    </main>
  );
}
