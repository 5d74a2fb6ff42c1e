"use client";
/**
 * The legend over the view: what is drawn and how to read it — frame colours (sections, materials
 * or a result ratio with its maximum), the deflected shape and its scale, the diagram with its
 * units and sign convention, reactions, loads and isolation. The PNG download draws the same rows.
 */
import { hex, type LegendRow } from "./palette";

export interface LegendBlock {
  title: string;
  rows: { color?: number; text: string }[];
}

/** Open by default on wide screens, folded on phones (it would cover the model). */
export function StageLegend({ blocks }: { blocks: LegendBlock[] }) {
  if (!blocks.length) return null;
  return (
    <details className="sv-stage-legend" aria-label="Legend of the view" data-testid="stage-legend" open={typeof window === "undefined" || window.innerWidth >= 700}>
      <summary>Legend</summary>
      {blocks.map((b) => (
        <div key={b.title} className="sv-stage-legend-block">
          <div className="sv-legend-title">{b.title}</div>
          <ul>
            {b.rows.map((r, k) => (
              <li key={k}>
                {r.color !== undefined ? <span className="sv-swatch" style={{ background: hex(r.color) }} aria-hidden="true" /> : <span />}
                <span>{r.text}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </details>
  );
}

export function legendRows(rows: LegendRow[], max = 8): LegendBlock["rows"] {
  const out: LegendBlock["rows"] = rows.slice(0, max).map((r) => ({ color: r.color, text: `${r.label} (${r.count})` }));
  if (rows.length > max) out.push({ text: `… ${rows.length - max} more` });
  return out;
}
