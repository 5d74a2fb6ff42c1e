"use client";
/**
 * The Results section of the model panel: "Analyse" (owner and editors), the load case or
 * combination shown, the extremes, and the result layers: deflected shape (scale, animate),
 * moment / shear / axial diagram (scale), reactions, colour frames by |M| or |N| with a legend.
 * Results of another revision than the one on screen are not drawn: the panel says so.
 */
import { fmt, fmtQ, type EngUnits } from "./units";
import type { ViewerPayload } from "./types";
import type { DiagramKind, ResultColorBy, ResultsState } from "./use-results";

export interface ResultsPanelProps {
  payload: ViewerPayload;
  results: ResultsState;
  units: EngUnits;
  /** Absolute deflection scale now drawn (for the label). */
  deflectionScale: number;
  /** Opens the results table (displacements, reactions, end forces). */
  onOpenTable(): void;
}

export function ResultsPanel({ payload: p, results: r, units: u, deflectionScale, onOpenTable }: ResultsPanelProps) {
  const data = r.data;
  const loaded = data && !data.none ? data : null;
  const cur = r.current;
  const set = cur?.set ?? null;
  const d = r.display;
  const canAnalyse = !!r.source?.canAnalyse && !!r.source.analyse;
  return (
    <section className="sv-results" aria-label="Results" data-testid="results-panel">
      <div className="sv-results-head">
        <strong>{set ? `Results: ${set.name}` : "Results"}</strong>
        {canAnalyse && (
          <button type="button" className="sv-btn sv-btn-primary" onClick={() => void r.analyse()} disabled={r.analysing} data-testid="analyse">
            {r.analysing ? "Analysing…" : "Analyse"}
          </button>
        )}
      </div>
      {r.error && (
        <p className="sv-error" role="alert" data-testid="results-error">
          {r.error}
        </p>
      )}
      {!data && r.loading && <p className="sv-muted">Loading results…</p>}
      {data?.none && <p className="sv-muted" data-testid="results-none">Not analysed yet.{canAnalyse ? " Press Analyse." : ""}</p>}
      {loaded && loaded.status === "failed" && (
        <p className="sv-error" data-testid="results-failed">
          The last analysis (rev {loaded.revision}) failed{loaded.error ? `: ${loaded.error}` : "."}
        </p>
      )}
      {loaded && loaded.status === "succeeded" && loaded.revision !== p.revision && (
        <p className="sv-warn" role="status" data-testid="results-stale">
          {loaded.stale
            ? `The model changed since this analysis (rev ${loaded.revision}; now rev ${loaded.latestRevision}).${canAnalyse ? " Analyse again to see results." : ""}`
            : `These results are for revision ${loaded.revision}; you are viewing revision ${p.revision}.`}
        </p>
      )}
      {loaded && loaded.status === "succeeded" && loaded.revision === p.revision && !cur && !r.loading && (
        <p className="sv-muted" data-testid="results-no-case">
          {r.setId ? "The last analysis has no results for this load case." : "Choose a load case above to see its results."}
        </p>
      )}
      {cur && set && (
        <>
          <dl className="sv-counts" aria-label="Extremes">
            <dt>Max displacement</dt>
            <dd data-testid="results-max-displacement" data-value={cur.maxDisplacement?.value ?? 0}>
              {fmtQ(u, "disp", cur.maxDisplacement?.value ?? 0)}
            </dd>
            {cur.maxDisplacement && (
              <>
                <dt>at node</dt>
                <dd>{p.nodes.labels[cur.maxDisplacement.node]}</dd>
              </>
            )}
            {set.extremes.maxM && (
              <>
                <dt>Max |M|</dt>
                <dd data-testid="results-max-moment">
                  {fmtQ(u, "moment", Math.abs(set.extremes.maxM.value))} ({set.extremes.maxM.component}, {p.frames.labels[set.extremes.maxM.frame]})
                </dd>
              </>
            )}
            {set.extremes.maxV && (
              <>
                <dt>Max |V|</dt>
                <dd>{fmtQ(u, "force", Math.abs(set.extremes.maxV.value))}</dd>
              </>
            )}
            {set.extremes.maxN && (
              <>
                <dt>Max |N|</dt>
                <dd>{fmtQ(u, "force", Math.abs(set.extremes.maxN.value))}</dd>
              </>
            )}
          </dl>
          <fieldset className="sv-fieldset sv-fieldset-1">
            <legend>Draw</legend>
            <label className="sv-check">
              <input type="checkbox" checked={d.deflected} onChange={(e) => r.patchDisplay({ deflected: e.target.checked })} data-testid="results-deflected" />
              Deflected shape
            </label>
            {d.deflected && (
              <>
                <label className="sv-range">
                  <span>
                    Scale ×{fmt(deflectionScale, 3)}
                  </span>
                  <input
                    type="range"
                    min={0}
                    max={5}
                    step={0.05}
                    value={d.deflScale}
                    onChange={(e) => r.patchDisplay({ deflScale: Number(e.target.value) })}
                    aria-label="Deflection scale (× automatic)"
                    data-testid="results-deflection-scale"
                  />
                </label>
                <label className="sv-check">
                  <input type="checkbox" checked={d.animate} onChange={(e) => r.patchDisplay({ animate: e.target.checked })} data-testid="results-animate" />
                  Animate
                </label>
              </>
            )}
            <label className="sv-check">
              <input type="checkbox" checked={d.reactions} onChange={(e) => r.patchDisplay({ reactions: e.target.checked })} data-testid="results-reactions" />
              Reactions
            </label>
          </fieldset>
          <label className="sv-field">
            Diagram
            <select value={d.diagram} onChange={(e) => r.patchDisplay({ diagram: e.target.value as DiagramKind })} data-testid="results-diagram">
              <option value="none">None</option>
              <option value="Mz">Moment Mz (strong axis)</option>
              <option value="My">Moment My (weak axis)</option>
              <option value="Vy">Shear Vy (along strong axis)</option>
              <option value="Vz">Shear Vz (along weak axis)</option>
              <option value="N">Axial N</option>
            </select>
          </label>
          {d.diagram !== "none" && (
            <label className="sv-range">
              <span>Diagram scale ×{fmt(d.diagScale, 3)}</span>
              <input type="range" min={0.1} max={5} step={0.05} value={d.diagScale} onChange={(e) => r.patchDisplay({ diagScale: Number(e.target.value) })} aria-label="Diagram scale" />
            </label>
          )}
          <label className="sv-field">
            Colour frames by
            <select value={d.colorBy} onChange={(e) => r.patchDisplay({ colorBy: e.target.value as ResultColorBy })} data-testid="results-color">
              <option value="none">Model colours</option>
              <option value="M">|M| / max |M|</option>
              <option value="N">|N| / max |N|</option>
            </select>
          </label>
          <p className="sv-muted sv-small">The legend on the view gives the colours, units and sign convention of what is drawn.</p>
          <button type="button" className="sv-btn" onClick={onOpenTable} data-testid="open-results-table">
            Results table…
          </button>
          {!set.equilibrium.ok && <p className="sv-warn">Equilibrium check: residual {fmt(set.equilibrium.relativeResidual, 2)}.</p>}
        </>
      )}
    </section>
  );
}
