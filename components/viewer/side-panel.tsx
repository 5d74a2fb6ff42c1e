"use client";
/**
 * The model panel: name, revision, counts and display units; layer toggles, colour-by with its
 * legend, and the load case whose arrows are shown.
 */
import { useMemo, type ReactNode } from "react";
import { Legend } from "./legend";
import type { LegendRow } from "./palette";
import type { ColorBy, DisplayOptions, ViewerPayload } from "./types";

export interface SidePanelProps {
  payload: ViewerPayload;
  display: DisplayOptions;
  legend: LegendRow[];
  onChange(patch: Partial<DisplayOptions>): void;
  /** Extra content under the title (revision links, role badge). */
  children?: ReactNode;
  /** Content at the end of the panel (analysis results). */
  footer?: ReactNode;
}

function count(n: number) {
  return n.toLocaleString("en-US");
}

export function SidePanel({ payload, display, legend, onChange, children, footer }: SidePanelProps) {
  const p = payload;
  const perCase = useMemo(() => {
    const c = new Array<number>(p.loadCases.length).fill(0);
    for (const l of p.loads) if (l.caseIndex >= 0 && l.caseIndex < c.length) c[l.caseIndex]!++;
    return c;
  }, [p]);
  const frames = Math.floor(p.frames.pairs.length / 2);
  const nodes = Math.floor(p.nodes.positions.length / 3);
  const toggles: [keyof DisplayOptions, string][] = [
    ["nodes", "Nodes"],
    ["supports", "Supports"],
    ["loads", "Loads"],
    ["grid", "Grid"],
    ["labels", "Labels"],
    ["solid", "Solid sections"],
  ];
  return (
    <aside className="sv-panel" aria-label="Model">
      <h2 className="sv-title" title={p.name}>
        {p.name}
      </h2>
      <div className="sv-sub">
        <span className="sv-badge" data-testid="revision">
          rev {p.revision}
        </span>
        <span className="sv-badge">{p.verticalAxis}-up</span>
        <span className="sv-badge">
          {p.units.length}, {p.units.force}
        </span>
      </div>
      {children}
      <dl className="sv-counts" aria-label="Counts">
        <dt>Nodes</dt>
        <dd data-testid="count-nodes">{count(nodes)}</dd>
        <dt>Frames</dt>
        <dd data-testid="count-frames">{count(frames)}</dd>
        <dt>Supports</dt>
        <dd data-testid="count-supports">{count(p.supports.node.length)}</dd>
        <dt>Sections</dt>
        <dd>{count(p.sections.length)}</dd>
        <dt>Materials</dt>
        <dd>{count(p.materials.length)}</dd>
        <dt>Load cases</dt>
        <dd>{count(p.loadCases.length)}</dd>
        <dt>Loads</dt>
        <dd data-testid="count-loads">{count(p.loads.length)}</dd>
      </dl>
      <fieldset className="sv-fieldset">
        <legend>Show</legend>
        {toggles.map(([k, label]) => (
          <label key={k} className="sv-check">
            <input type="checkbox" checked={display[k] as boolean} onChange={(e) => onChange({ [k]: e.target.checked })} />
            {label}
          </label>
        ))}
      </fieldset>
      <label className="sv-field">
        Colour by
        <select value={display.colorBy} onChange={(e) => onChange({ colorBy: e.target.value as ColorBy })}>
          <option value="none">Nothing</option>
          <option value="section">Section</option>
          <option value="material">Material</option>
        </select>
      </label>
      <Legend title={display.colorBy === "section" ? "Sections" : "Materials"} rows={legend} />
      {p.loadCases.length > 0 && (
        <label className="sv-field">
          Load case
          <select value={display.loadCase} onChange={(e) => onChange({ loadCase: Number(e.target.value), loads: true })}>
            <option value={-1}>None</option>
            {p.loadCases.map((c, i) => (
              <option key={c.id} value={i}>
                {c.name} ({perCase[i] ?? 0})
              </option>
            ))}
          </select>
        </label>
      )}
      {footer}
    </aside>
  );
}
