import type { ReactNode } from "react";
import type { ConnectionRow as Connection } from "@/lib/web/connections";

export interface ConnectionsListProps {
  connections: Connection[];
  /** The server action that revokes one client (receives a form with `clientId`). */
  revokeAction: (formData: FormData) => Promise<void>;
  /**
   * ACTIVITY SLOT — per-client activity log, keyed by client id. Another issue (activity log)
   * fills this with recent tool calls of each client; nothing is shown while it is undefined.
   */
  activity?: Record<string, ReactNode>;
}

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function origin(c: Connection): ReactNode {
  if (c.origin.kind === "metadata-document") {
    return (
      <>
        <span className="badge">verified domain</span> {c.origin.domain}
      </>
    );
  }
  return <span className="badge">self-registered, unverified</span>;
}

/** The table of connected apps with a Revoke button each. */
export function ConnectionsList({ connections, revokeAction, activity }: ConnectionsListProps) {
  if (!connections.length) {
    return <p className="notice">No apps have access to your Spectral account.</p>;
  }
  return (
    <table className="data stack-on-phone">
      <thead>
        <tr>
          <th>App</th>
          <th>Access</th>
          <th>Approved</th>
          <th>Last used</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {connections.map((c) => (
          <tr key={c.clientId} data-testid="connection" data-client-id={c.clientId}>
            <td>
              <strong>{c.clientName}</strong>
              <div className="muted">{origin(c)}</div>
              <div className="muted">
                <code>{c.clientId}</code>
              </div>
              {c.redirectHost && <div className="muted">Returns to {c.redirectHost}</div>}
              {activity?.[c.clientId] && <div className="activity">{activity[c.clientId]}</div>}
            </td>
            <td data-label="Access">
              <ul>
                {c.access.map(({ scope, description }) => (
                  <li key={scope}>
                    {description} <code className="muted">{scope}</code>
                  </li>
                ))}
              </ul>
            </td>
            <td data-label="Approved">{when.format(c.approvedAt)} UTC</td>
            <td data-label="Last used">{c.lastUsedAt ? `${when.format(c.lastUsedAt)} UTC` : "Never"}</td>
            <td>
              <form action={revokeAction}>
                <input type="hidden" name="clientId" value={c.clientId} />
                <button type="submit" className="btn danger" aria-label={`Revoke ${c.clientName}`}>
                  Revoke
                </button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
