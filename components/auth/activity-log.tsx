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

/** `modelNames`: names of the models the user can still open (others show as "deleted or no access"). */
export function ActivityLog({ rows, modelNames }: { rows: ActivityRow[]; modelNames: Map<string, string> }) {
  if (!rows.length) return <p className="muted">No recent activity.</p>;
  return (
    <details data-testid="activity" open>
      <summary>Recent activity ({rows.length})</summary>
      <table className="data activity-log stack-on-phone">
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
              <td data-label="Tool">
                <code>{r.tool}</code>
              </td>
              <td data-testid="activity-model">
                {!r.modelId ? (
                  "—"
                ) : modelNames.has(r.modelId) ? (
                  <a href={`/models/${encodeURIComponent(r.modelId)}`} title={r.modelId}>
                    {modelNames.get(r.modelId)}
                  </a>
                ) : (
                  <span className="muted" title={r.modelId}>
                    deleted or no access
                  </span>
                )}
              </td>
              <td data-label="Outcome">{r.outcome}</td>
              <td data-label="Duration">{r.durationMs} ms</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
