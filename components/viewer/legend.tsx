"use client";
/** The colour legend for colour-by-section / colour-by-material (swatch, name, frame count). */
import { hex, type LegendRow } from "./palette";

export interface LegendProps {
  title: string;
  rows: LegendRow[];
}

export function Legend({ title, rows }: LegendProps) {
  if (!rows.length) return null;
  return (
    <div className="sv-legend" aria-label={`Legend: ${title}`}>
      <div className="sv-legend-title">{title}</div>
      <ul>
        {rows.map((r) => (
          <li key={r.label}>
            <span className="sv-swatch" style={{ background: hex(r.color) }} aria-hidden="true" />
            <span className="sv-legend-label">{r.label}</span>
            <span className="sv-legend-count">{r.count.toLocaleString("en-US")}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
