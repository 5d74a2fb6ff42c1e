"use client";
/**
 * The one load-case selector of the viewer: it picks the case (or, once analysed, the combination)
 * whose loads are drawn AND whose results are shown, so the two never disagree.
 */
import type { ViewerPayload } from "./types";

export interface CaseOption {
  id: string;
  name: string;
  kind: "case" | "combination";
  /** Index into payload.loadCases (cases only). */
  index: number;
  loads: number;
}

/** Load cases of the payload, then the analysed combinations. */
export function caseOptions(p: ViewerPayload, sets: { id: string; name: string; kind: "case" | "combination" }[]): CaseOption[] {
  const per = new Array<number>(p.loadCases.length).fill(0);
  for (const l of p.loads) if (l.caseIndex >= 0 && l.caseIndex < per.length) per[l.caseIndex]!++;
  const out: CaseOption[] = p.loadCases.map((c, i) => ({ id: c.id, name: c.name, kind: "case", index: i, loads: per[i] ?? 0 }));
  for (const s of sets) if (s.kind === "combination") out.push({ id: s.id, name: s.name, kind: "combination", index: -1, loads: 0 });
  return out;
}

export interface CaseSelectorProps {
  options: CaseOption[];
  value: string | null;
  onChange(id: string | null): void;
}

export function CaseSelector({ options, value, onChange }: CaseSelectorProps) {
  if (!options.length) return null;
  return (
    <label className="sv-field sv-case">
      Load case (loads and results)
      <select value={value ?? ""} onChange={(e) => onChange(e.target.value || null)} data-testid="load-case">
        <option value="">None</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.kind === "combination" ? `Combination: ${o.name}` : `${o.name} (${o.loads} load${o.loads === 1 ? "" : "s"})`}
          </option>
        ))}
      </select>
    </label>
  );
}
