/**
 * GET /models — "My models" (server component): the signed-in user's models, owned and shared
 * with them, newest change first, with their role, counts, revision and last update.
 */
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { listModelsForUser } from "@/lib/db/models";

export interface ModelsListProps {
  cursor?: string | string[];
}

function ago(d: Date, now: number): string {
  const s = Math.max(0, Math.round((now - d.getTime()) / 1000));
  if (s < 60) return "just now";
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  if (s < 30 * 86400) return `${Math.round(s / 86400)} d ago`;
  return d.toISOString().slice(0, 10);
}

export async function ModelsList({ cursor }: ModelsListProps) {
  const user = await getCurrentUser();
  const c = typeof cursor === "string" && /^[A-Za-z0-9_-]{1,40}$/.test(cursor) ? cursor : undefined;
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(c ? `/models?cursor=${c}` : "/models")}`);
  const { items, nextCursor } = await listModelsForUser(user.id, { cursor: c, limit: 50 });
  const now = Date.now();
  const n = (x: number) => x.toLocaleString("en-US");
  return (
    <main className="container">
      <h1>My models</h1>
      {items.length === 0 ? (
        <div className="notice">
          <p>
            No models yet. Connect ChatGPT, Claude or another MCP client (<Link href="/docs/mcp/chatgpt">how</Link>) and ask it to create one, for example
            &ldquo;create a 2-bay, 3-storey steel frame&rdquo;. Every tool answer links back here.
          </p>
        </div>
      ) : (
        <table className="data models-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Access</th>
              <th style={{ textAlign: "right" }}>Nodes</th>
              <th style={{ textAlign: "right" }}>Frames</th>
              <th style={{ textAlign: "right" }}>Supports</th>
              <th style={{ textAlign: "right" }}>Loads</th>
              <th style={{ textAlign: "right" }}>Revision</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <tr key={m.id} data-model-id={m.id}>
                <td>
                  <Link href={`/models/${m.id}`}>{m.name}</Link>
                  {m.description && <div className="muted">{m.description}</div>}
                </td>
                <td>
                  <span className="badge">{m.role}</span>
                </td>
                <td style={{ textAlign: "right" }}>{n(m.counts.nodes)}</td>
                <td style={{ textAlign: "right" }}>{n(m.counts.frames)}</td>
                <td style={{ textAlign: "right" }}>{n(m.counts.supports)}</td>
                <td style={{ textAlign: "right" }}>{n(m.counts.loads)}</td>
                <td style={{ textAlign: "right" }}>{m.revision}</td>
                <td title={m.updatedAt.toISOString()}>{ago(m.updatedAt, now)}</td>
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
