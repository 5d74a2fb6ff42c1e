"use client";
/**
 * "Share": make a read-only link (shown once: only its hash is stored), copy it, and revoke links.
 * The actions are server actions (app/models/[id]/actions.ts) that check the session and the
 * user's role again on the server.
 */
import { useState, useTransition } from "react";
import type { ActionResult as ShareResult, ShareLinkRow } from "@/lib/web/types";

export interface ShareDialogProps {
  modelId: string;
  initialLinks: ShareLinkRow[];
  create(modelId: string): Promise<ShareResult<{ id: string; url: string; createdAt: string }>>;
  revoke(modelId: string, linkId: string): Promise<ShareResult<null>>;
}

export function ShareDialog({ modelId, initialLinks, create, revoke }: ShareDialogProps) {
  const [open, setOpen] = useState(false);
  const [links, setLinks] = useState(initialLinks);
  const [fresh, setFresh] = useState<{ id: string; url: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [pending, start] = useTransition();
  const active = links.filter((l) => !l.revokedAt);

  const onCreate = () =>
    start(async () => {
      setError(null);
      const r = await create(modelId);
      if (!r.ok) return setError(r.error);
      setFresh({ id: r.value.id, url: r.value.url });
      setCopied(false);
      setLinks((ls) => [{ id: r.value.id, createdAt: r.value.createdAt, revokedAt: null }, ...ls]);
    });
  const onRevoke = (id: string) =>
    start(async () => {
      setError(null);
      const r = await revoke(modelId, id);
      if (!r.ok) return setError(r.error);
      setLinks((ls) => ls.map((l) => (l.id === id ? { ...l, revokedAt: new Date().toISOString() } : l)));
      if (fresh?.id === id) setFresh(null);
    });
  const onCopy = async () => {
    if (!fresh) return;
    try {
      await navigator.clipboard.writeText(fresh.url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <>
      <button type="button" className={`sv-btn${open ? " sv-on" : ""}`} onClick={() => setOpen((o) => !o)} aria-expanded={open}>
        Share
      </button>
      {open && (
        <div className="sv-share" role="dialog" aria-label="Share a read-only link">
          <div className="sv-help-head">
            <strong>Share read-only</strong>
            <button type="button" className="sv-btn sv-btn-icon" onClick={() => setOpen(false)} aria-label="Close">
              ×
            </button>
          </div>
          <p className="sv-muted">Anyone with the link can view this model, without an account, until you revoke it. Nobody can change the model through it.</p>
          {fresh ? (
            <div>
              <label className="sv-field">
                New link (copy it now: it is shown only once)
                <input type="text" readOnly value={fresh.url} aria-label="Share link" onFocus={(e) => e.currentTarget.select()} />
              </label>
              <button type="button" className="sv-btn" onClick={onCopy}>
                {copied ? "Copied" : "Copy link"}
              </button>
            </div>
          ) : (
            <button type="button" className="sv-btn sv-btn-primary" onClick={onCreate} disabled={pending}>
              Create link
            </button>
          )}
          {error && <p className="sv-error">{error}</p>}
          {active.length > 0 && (
            <ul aria-label="Active links">
              {active.map((l) => (
                <li key={l.id}>
                  <span>
                    Link created {new Date(l.createdAt).toISOString().slice(0, 16).replace("T", " ")} UTC{fresh?.id === l.id ? " (new)" : ""}
                  </span>
                  <button type="button" className="sv-btn" onClick={() => onRevoke(l.id)} disabled={pending}>
                    Revoke
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </>
  );
}
