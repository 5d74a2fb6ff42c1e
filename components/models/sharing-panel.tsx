"use client";
/**
 * "Sharing": who has access. The owner invites Spectral users by email as editors or viewers,
 * changes or removes them and can transfer ownership; everyone else sees the list and their role.
 */
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { CollaborationActions, MemberRole } from "./types";

export interface SharingMember {
  userId: string;
  name: string;
  email: string | null;
  role: "owner" | "editor" | "viewer";
}

export interface SharingPanelProps {
  modelId: string;
  currentUserId: string;
  isOwner: boolean;
  members: SharingMember[];
  actions: Omit<CollaborationActions, "undo">;
}

export function SharingPanel({ modelId, currentUserId, isOwner, members, actions }: SharingPanelProps) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<MemberRole>("viewer");
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const run = (fn: () => Promise<{ ok: true } | { ok: false; error: string }>, done?: string) =>
    start(async () => {
      setError(null);
      setNotice(null);
      const r = await fn();
      if (!r.ok) return setError(r.error);
      if (done) setNotice(done);
      router.refresh();
    });

  return (
    <section className="sv-sharing" aria-labelledby="sv-sharing-h" data-testid="sharing-panel">
      <h2 id="sv-sharing-h" className="sv-section-h">Sharing</h2>
      <ul className="sv-members">
        {members.map((m) => (
          <li key={m.userId} data-user={m.userId}>
            <span>
              {m.name}
              {m.userId === currentUserId ? " (you)" : ""}
              {m.email && <span className="sv-muted"> · {m.email}</span>}
            </span>
            {isOwner && m.role !== "owner" ? (
              <span className="sv-member-actions">
                <select
                  aria-label={`Role of ${m.name}`}
                  value={m.role}
                  disabled={pending}
                  onChange={(e) => run(() => actions.changeRole({ modelId, userId: m.userId, role: e.target.value as MemberRole }))}
                >
                  <option value="editor">editor</option>
                  <option value="viewer">viewer</option>
                </select>
                <button type="button" disabled={pending} onClick={() => run(() => actions.remove({ modelId, userId: m.userId }))} aria-label={`Remove ${m.name}`}>
                  Remove
                </button>
                <button
                  type="button"
                  disabled={pending}
                  aria-label={`Make ${m.name} the owner`}
                  onClick={() => {
                    if (window.confirm(`Make ${m.name} the owner? You will become an editor.`)) run(() => actions.transfer({ modelId, userId: m.userId }));
                  }}
                >
                  Make owner
                </button>
              </span>
            ) : (
              <span className="sv-badge">{m.role}</span>
            )}
          </li>
        ))}
      </ul>
      {isOwner && (
        <form
          className="sv-invite"
          onSubmit={(e) => {
            e.preventDefault();
            run(async () => {
              const r = await actions.invite({ modelId, email, role });
              if (r.ok) setEmail("");
              return r;
            }, "Invited.");
          }}
        >
          <label>
            Invite by email
            <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} placeholder="name@example.com" name="email" />
          </label>
          <select aria-label="Role" value={role} onChange={(e) => setRole(e.target.value as MemberRole)} name="role">
            <option value="viewer">viewer</option>
            <option value="editor">editor</option>
          </select>
          <button type="submit" disabled={pending}>Invite</button>
        </form>
      )}
      {notice && <p className="sv-muted" role="status">{notice}</p>}
      {error && <p className="sv-error" role="alert">{error}</p>}
    </section>
  );
}
