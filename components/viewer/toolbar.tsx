"use client";
/** The toolbar over the canvas: fit, standard views, display mode, PNG download, help, extras. */
import type { ReactNode } from "react";
import type { DisplayOptions, ViewName } from "./types";

export interface ToolbarProps {
  view: ViewName;
  display: DisplayOptions;
  /** Parallel projection on. */
  parallel: boolean;
  onProjection(): void;
  onFit(): void;
  onView(v: ViewName): void;
  onToggle(key: "solid" | "labels"): void;
  onDownload(): void;
  onHelp(): void;
  onTogglePanel(): void;
  /** Extra actions (Share on the page, "Open full viewer" in the widget). */
  extra?: ReactNode;
}

const VIEWS: [ViewName, string, string][] = [
  ["iso", "Iso", "1"],
  ["front", "Front", "2"],
  ["side", "Side", "3"],
  ["top", "Top", "4"],
];

export function Toolbar(p: ToolbarProps) {
  return (
    <div className="sv-toolbar" role="toolbar" aria-label="Viewer tools">
      <button type="button" className="sv-btn sv-btn-icon" onClick={p.onTogglePanel} aria-label="Toggle the model panel" title="Model panel">
        ☰
      </button>
      <button type="button" className="sv-btn" onClick={p.onFit} title="Zoom to fit (F)">
        Fit
      </button>
      <div className="sv-group" role="group" aria-label="Standard views">
        {VIEWS.map(([v, label, key]) => (
          <button key={v} type="button" className={`sv-btn${p.view === v ? " sv-on" : ""}`} onClick={() => p.onView(v)} title={`${label} view (${key})`} aria-pressed={p.view === v}>
            {label}
          </button>
        ))}
      </div>
      <button type="button" className="sv-btn" onClick={p.onProjection} title="Perspective / parallel projection (P)" aria-label={p.parallel ? "Parallel projection (switch to perspective)" : "Perspective projection (switch to parallel)"}>
        {p.parallel ? "Parallel" : "Perspective"}
      </button>
      <div className="sv-group" role="group" aria-label="Display">
        <button type="button" className={`sv-btn${p.display.solid ? " sv-on" : ""}`} onClick={() => p.onToggle("solid")} title="Solid sections (S)" aria-pressed={p.display.solid}>
          Solid
        </button>
        <button type="button" className={`sv-btn${p.display.labels ? " sv-on" : ""}`} onClick={() => p.onToggle("labels")} title="Labels (L)" aria-pressed={p.display.labels}>
          Labels
        </button>
      </div>
      <button type="button" className="sv-btn" onClick={p.onDownload} title="Download the view as a PNG">
        Download PNG
      </button>
      {p.extra}
      <button type="button" className="sv-btn sv-btn-icon" onClick={p.onHelp} aria-label="Keyboard and mouse help" title="Help (?)">
        ?
      </button>
    </div>
  );
}
