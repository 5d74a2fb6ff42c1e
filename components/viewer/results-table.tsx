"use client";
/**
 * The results table over the view: displacements, reactions or member end forces of the chosen
 * load case, in engineering units, sortable by any column (click its header), downloadable as CSV.
 */
import { useMemo, useState } from "react";
import { END_FORCE_NAMES } from "./results-properties";
import { fmt, toUnit, type EngUnits, type QuantityKind } from "./units";
import type { ViewerPayload } from "./types";
import type { ViewerResultSet } from "./use-results";

export type ResultsTableKind = "displacements" | "reactions" | "endForces";

interface Column {
  label: string;
  q?: QuantityKind;
  /** A factor for unit-less columns (rotations in mrad). */
  unitLabel?: string;
}

export interface TableData {
  columns: Column[];
  /** First cell is the label (node or frame); the rest are display-unit numbers. */
  rows: (string | number)[][];
}

/** The table as numbers in display units (pure; the CSV and the screen read the same). */
export function resultsTable(p: ViewerPayload, set: ViewerResultSet, kind: ResultsTableKind, u: EngUnits, mask: Uint8Array | null): TableData {
  if (kind === "displacements") {
    const columns: Column[] = [{ label: "Node" }, { label: "ux", q: "disp" }, { label: "uy", q: "disp" }, { label: "uz", q: "disp" }, { label: "|u|", q: "disp" }, { label: "rx", unitLabel: "mrad" }, { label: "ry", unitLabel: "mrad" }, { label: "rz", unitLabel: "mrad" }];
    const rows: (string | number)[][] = [];
    const n = p.nodes.labels.length;
    for (let i = 0; i < n; i++) {
      const d = [0, 1, 2].map((c) => set.displacements[3 * i + c] ?? 0);
      const r = [0, 1, 2].map((c) => (set.rotations[3 * i + c] ?? 0) * 1000);
      rows.push([p.nodes.labels[i] ?? String(i), ...d.map((v) => toUnit(u, "disp", v)), toUnit(u, "disp", Math.hypot(d[0]!, d[1]!, d[2]!)), ...r]);
    }
    return { columns, rows };
  }
  if (kind === "reactions") {
    const columns: Column[] = [{ label: "Node" }, { label: "Rx", q: "force" }, { label: "Ry", q: "force" }, { label: "Rz", q: "force" }, { label: "|R|", q: "force" }, { label: "Mx", q: "moment" }, { label: "My", q: "moment" }, { label: "Mz", q: "moment" }];
    const rows = set.reactions.map((r) => [
      p.nodes.labels[r.node] ?? String(r.node),
      ...r.f.map((v) => toUnit(u, "force", v)),
      toUnit(u, "force", Math.hypot(...r.f)),
      ...r.m.map((v) => toUnit(u, "moment", v)),
    ]);
    return { columns, rows };
  }
  const columns: Column[] = [{ label: "Frame" }, { label: "End" }];
  for (const name of END_FORCE_NAMES) columns.push({ label: name, q: name === "T" || name.startsWith("M") ? "moment" : "force" });
  const rows: (string | number)[][] = [];
  const frames = Math.floor(p.frames.pairs.length / 2);
  for (let f = 0; f < frames; f++) {
    if (mask && !mask[f]) continue;
    for (const [end, o] of [["i", 0], ["j", 6]] as const) {
      const vals = END_FORCE_NAMES.map((_, c) => toUnit(u, c >= 3 ? "moment" : "force", set.endForces[12 * f + o + c] ?? 0));
      rows.push([p.frames.labels[f] ?? String(f), end, ...vals]);
    }
  }
  return { columns, rows };
}

export function columnHeader(c: Column, u: EngUnits): string {
  const unit = c.q ? u[c.q].unit : c.unitLabel;
  return unit ? `${c.label} (${unit})` : c.label;
}

function csvCell(v: string | number): string {
  if (typeof v === "number") return Number.isFinite(v) ? String(Number(v.toPrecision(8))) : "";
  // Spreadsheet formula injection: a leading = + - @ is made text.
  const s = /^[=+\-@]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(t: TableData, u: EngUnits): string {
  return [t.columns.map((c) => csvCell(columnHeader(c, u))).join(","), ...t.rows.map((r) => r.map(csvCell).join(","))].join("\r\n") + "\r\n";
}

export interface ResultsTableProps {
  payload: ViewerPayload;
  set: ViewerResultSet;
  units: EngUnits;
  /** Isolated frames (the end-forces table lists only these). */
  mask: Uint8Array | null;
  fileStem: string;
  onClose(): void;
}

const LIMIT = 500;

export function ResultsTable({ payload, set, units, mask, fileStem, onClose }: ResultsTableProps) {
  const [kind, setKind] = useState<ResultsTableKind>("endForces");
  const [sort, setSort] = useState<{ col: number; desc: boolean } | null>(null);
  const table = useMemo(() => resultsTable(payload, set, kind, units, mask), [payload, set, kind, units, mask]);
  const rows = useMemo(() => {
    if (!sort) return table.rows;
    const k = sort.col;
    const sign = sort.desc ? -1 : 1;
    return [...table.rows].sort((a, b) => {
      const x = a[k]!, y = b[k]!;
      if (typeof x === "number" && typeof y === "number") return sign * (x - y);
      return sign * String(x).localeCompare(String(y), "en", { numeric: true });
    });
  }, [table, sort]);
  const download = () => {
    const blob = new Blob([toCsv({ columns: table.columns, rows }, units)], { type: "text/csv;charset=utf-8" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = `${fileStem}-${set.name.replace(/[^\w.-]+/g, "-")}-${kind}.csv`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  const clickHead = (col: number) => setSort((s) => (s && s.col === col ? { col, desc: !s.desc } : { col, desc: col > 0 }));
  return (
    <section className="sv-rtable" aria-label="Results table" data-testid="results-table">
      <div className="sv-rtable-head">
        <strong>{set.name}</strong>
        <select value={kind} onChange={(e) => { setKind(e.target.value as ResultsTableKind); setSort(null); }} aria-label="Table" data-testid="results-table-kind">
          <option value="endForces">Member end forces (local axes)</option>
          <option value="displacements">Node displacements</option>
          <option value="reactions">Support reactions</option>
        </select>
        <button type="button" className="sv-btn" onClick={download} data-testid="results-csv">
          CSV
        </button>
        <button type="button" className="sv-btn sv-btn-icon" onClick={onClose} aria-label="Close the results table">
          ×
        </button>
      </div>
      <div className="sv-rtable-scroll">
        <table className="sv-table">
          <thead>
            <tr>
              {table.columns.map((c, k) => (
                <th key={k} aria-sort={sort?.col === k ? (sort.desc ? "descending" : "ascending") : "none"}>
                  <button type="button" className="sv-link" onClick={() => clickHead(k)} data-testid={`sort-${k}`}>
                    {columnHeader(c, units)}
                    {sort?.col === k ? (sort.desc ? " ▼" : " ▲") : ""}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, LIMIT).map((r, k) => (
              <tr key={k}>
                {r.map((v, c) => (
                  <td key={c}>{typeof v === "number" ? fmt(v) : v}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > LIMIT && <p className="sv-muted">First {LIMIT} of {rows.length} rows on screen; the CSV has them all.</p>}
    </section>
  );
}
