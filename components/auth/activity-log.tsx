/**
 * One client's recent MCP tool calls for the connected-apps page (lib/db/activity.ts):
 * time, tool, model, outcome and duration. Arguments are never shown here (only summarised in the log).
 */
export interface ActivityRow {
  id: string;
  createdAt: Date;
  tool: string;
  modelId: string | null;
  outcome: string;
  durationMs: number;
}

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

export function ActivityLog({ rows }: { rows: ActivityRow[] }) {
  if (!rows.length) return <p className="muted">No recent activity.</p>;
  return (
    <details data-testid="activity" open>
      <summary>Recent activity ({rows.length})</summary>
      <table className="data activity-log">
        <thead>
          <tr>
            <th>Time (UTC)</th>
            <th>Tool</th>
            <th>Model</th>
            <th>Outcome</th>
            <th>Duration</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="activity-row">
              <td>{when.format(r.createdAt)}</td>
              <td>
                <code>{r.tool}</code>
              </td>
              <td>{r.modelId ? <a href={`/models/${encodeURIComponent(r.modelId)}`}>{r.modelId}</a> : "—"}</td>
              <td>{r.outcome}</td>
              <td>{r.durationMs} ms</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
