"use client";
/**
 * "Export": download the model in every format through GET /api/models/:id/export (streamed; same
 * access rules as the viewer; a share link passes its token). Each entry shows the file name and
 * what the format carries and omits. When an older revision is on screen, the menu offers that
 * revision or the current one.
 */
import { useState } from "react";
import { EXPORT_FORMAT_INFO, EXPORT_FORMATS, fileBaseOf, type ExportFormat } from "@/lib/structural/export/format-info";
import "./export-menu.css";

export interface ExportMenuProps {
  modelId: string;
  name: string;
  /** The revision on screen, and the latest one. */
  revision: number;
  latestRevision: number;
  /** Share-link token when the page is a share link. */
  shareToken?: string;
}

export function exportHref(p: Pick<ExportMenuProps, "modelId" | "shareToken">, format: ExportFormat, revision: number | null): string {
  const q = new URLSearchParams({ format });
  if (revision !== null) q.set("rev", String(revision));
  if (p.shareToken) q.set("share", p.shareToken);
  return `/api/models/${encodeURIComponent(p.modelId)}/export?${q.toString()}`;
}

export function ExportMenu(p: ExportMenuProps) {
  const [open, setOpen] = useState(false);
  const older = p.revision !== p.latestRevision;
  const [which, setWhich] = useState<"viewed" | "current">("viewed");
  const rev = older && which === "viewed" ? p.revision : null;
  const base = fileBaseOf(p.name);
  return (
    <>
      <button type="button" className={`sv-btn${open ? " sv-on" : ""}`} onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-haspopup="dialog">
        Export
      </button>
      {open && (
        <div className="sv-share sv-export" role="dialog" aria-label="Export the model">
          <div className="sv-help-head">
            <strong>Export revision {rev ?? p.latestRevision}</strong>
            <button type="button" className="sv-btn sv-btn-icon" onClick={() => setOpen(false)} aria-label="Close">
              ×
            </button>
          </div>
          {older && (
            <div className="sv-export-rev" role="radiogroup" aria-label="Which revision">
              <label>
                <input type="radio" name="sv-export-rev" checked={which === "viewed"} onChange={() => setWhich("viewed")} /> This revision ({p.revision})
              </label>
              <label>
                <input type="radio" name="sv-export-rev" checked={which === "current"} onChange={() => setWhich("current")} /> Current ({p.latestRevision})
              </label>
            </div>
          )}
          <ul className="sv-export-list">
            {EXPORT_FORMATS.map((f) => {
              const info = EXPORT_FORMAT_INFO[f];
              const filename = `${base}${info.suffix}`;
              return (
                <li key={f}>
                  <a className="sv-export-link" href={exportHref(p, f, rev)} download={filename} data-format={f}>
                    <span className="sv-export-label">{info.label}</span>
                    <span className="sv-export-file">{filename}</span>
                  </a>
                  <p className="sv-muted sv-export-note">
                    {info.carries} <em>Not included:</em> {info.omits}
                  </p>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </>
  );
}
