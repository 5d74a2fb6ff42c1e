"use client";
/** The Loads tab: the loads of the chosen case, in engineering units, and how the arrows are drawn. */
import { fmtQ, type EngUnits } from "./units";
import type { DisplayOptions, ViewerPayload } from "./types";
import type { CaseOption } from "./case-selector";

export interface LoadsTabProps {
  payload: ViewerPayload;
  display: DisplayOptions;
  chosen: CaseOption | null;
  units: EngUnits;
  onChange(patch: Partial<DisplayOptions>): void;
}

const MAX_ROWS = 200;

export function LoadsTab({ payload: p, display, chosen, units: u, onChange }: LoadsTabProps) {
  const loads = chosen && chosen.kind === "case" ? p.loads.filter((l) => l.caseIndex === chosen.index) : [];
  return (
    <>
      <label className="sv-check">
        <input type="checkbox" checked={display.loads} onChange={(e) => onChange({ loads: e.target.checked })} data-testid="show-loads" />
        Draw the loads of the chosen case
      </label>
      {!chosen && <p className="sv-muted">Choose a load case above.</p>}
      {chosen?.kind === "combination" && <p className="sv-muted">Loads are drawn per case; a combination shows its results only.</p>}
      {chosen?.kind === "case" && (
        <>
          <p className="sv-muted sv-small">
            Red arrows, length proportional to magnitude (point loads in {u.force.unit}, line loads in {u.line.unit}, each kind scaled on its own).
          </p>
          {loads.length === 0 ? (
            <p className="sv-muted">No loads in {chosen.name}.</p>
          ) : (
            <table className="sv-table" data-testid="loads-table">
              <thead>
                <tr>
                  <th>On</th>
                  <th>Kind</th>
                  <th>Value</th>
                </tr>
              </thead>
              <tbody>
                {loads.slice(0, MAX_ROWS).map((l, k) => {
                  const dist = l.kind === "frame_distributed";
                  const on = l.kind === "nodal" ? p.nodes.labels[l.target] : p.frames.labels[l.target];
                  const v = l.vector.map((c) => fmtQ(u, dist ? "line" : "force", c, 3).split(" ")[0]).join(", ");
                  return (
                    <tr key={k}>
                      <td>{on ?? "?"}</td>
                      <td>{l.kind.replace("frame_", "").replace("_", " ")}</td>
                      <td>
                        ({v}) {dist ? u.line.unit : u.force.unit}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {loads.length > MAX_ROWS && <p className="sv-muted">First {MAX_ROWS} of {loads.length} loads.</p>}
        </>
      )}
    </>
  );
}
