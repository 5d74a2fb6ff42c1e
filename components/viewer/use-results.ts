"use client";
/**
 * Analysis results in the viewer: fetches GET /api/models/[id]/results (the chosen load case or
 * combination), runs the page's "Analyse" server action, and holds the result display options
 * (deflected shape, diagrams, reactions, colour by |M| or |N|). The viewer draws results only over
 * the revision they were computed for; otherwise the panel says the model changed since.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { AnalyseOutcome, ViewerResults } from "@/lib/web/results";
import type { ViewerPayload } from "./types";

export type { AnalyseOutcome, ViewerResults, ViewerResultSet } from "@/lib/web/results";

/** Where the viewer gets results from (the model page and share links; absent in the widget). */
export interface ResultsSource {
  /** GET endpoint, e.g. `/api/models/ID/results` or `…?share=TOKEN`; `set` is added. */
  url: string;
  modelId: string;
  /** Owner and editors may run the analysis. */
  canAnalyse: boolean;
  /** The "Analyse" server action. */
  analyse?: (modelId: string) => Promise<AnalyseOutcome>;
}

export type DiagramKind = "none" | "Mz" | "My" | "Vy" | "Vz" | "N";
export type ResultColorBy = "none" | "M" | "N";

export interface ResultsDisplay {
  deflected: boolean;
  /** Multiplier of the automatic scale (max displacement drawn as ~5 % of the model size). */
  deflScale: number;
  animate: boolean;
  diagram: DiagramKind;
  /** Multiplier of the automatic diagram scale. */
  diagScale: number;
  reactions: boolean;
  colorBy: ResultColorBy;
}

export const DEFAULT_RESULTS_DISPLAY: ResultsDisplay = { deflected: false, deflScale: 1, animate: false, diagram: "none", diagScale: 1, reactions: false, colorBy: "none" };

type Loaded = Exclude<ViewerResults, { none: true }>;

export interface ResultsState {
  source: ResultsSource | null;
  loading: boolean;
  analysing: boolean;
  /** Last fetch or analysis error, for the panel. */
  error: string | null;
  /** null before the first answer; { none: true } when never analysed. */
  data: ViewerResults | null;
  /** The results of the chosen load case, when they belong to the revision on screen and the job succeeded. */
  current: Loaded | null;
  /** The chosen load case or combination (the viewer's one load-case selector). */
  setId: string | null;
  analyse(): Promise<void>;
  reload(): void;
  display: ResultsDisplay;
  patchDisplay(p: Partial<ResultsDisplay>): void;
}

/** `setId`: the load case or combination chosen in the viewer (null: none, no results drawn). */
export function useResults(source: ResultsSource | null | undefined, payload: ViewerPayload, setId: string | null): ResultsState {
  const src = source ?? null;
  const [data, setData] = useState<ViewerResults | null>(null);
  const [loading, setLoading] = useState(false);
  const [analysing, setAnalysing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [display, setDisplay] = useState<ResultsDisplay>(DEFAULT_RESULTS_DISPLAY);
  const seq = useRef(0);

  useEffect(() => {
    if (!src) return;
    const n = ++seq.current;
    const ctl = new AbortController();
    const url = new URL(src.url, window.location.href);
    if (setId) url.searchParams.set("set", setId);
    setLoading(true);
    fetch(url.toString(), { signal: ctl.signal, credentials: "same-origin", cache: "no-store" })
      .then(async (r) => {
        if (!r.ok) throw new Error(r.status === 404 ? "No results available." : `Could not load the results (HTTP ${r.status}).`);
        return (await r.json()) as ViewerResults;
      })
      .then((d) => {
        if (n !== seq.current) return;
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => {
        if (n !== seq.current || ctl.signal.aborted) return;
        setError(e instanceof Error ? e.message : String(e));
      })
      .finally(() => {
        if (n === seq.current) setLoading(false);
      });
    return () => ctl.abort();
  }, [src?.url, setId, tick]); // eslint-disable-line react-hooks/exhaustive-deps

  const analyse = useCallback(async () => {
    if (!src?.analyse) return;
    setAnalysing(true);
    setError(null);
    try {
      const r = await src.analyse(src.modelId);
      if (!r.ok) setError(r.error);
      else if (r.status === "failed") setError(r.error ?? "The analysis failed.");
      else if (r.status !== "succeeded") setError("The analysis is still running; its results appear here when you reload.");
      setTick((t) => t + 1);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setAnalysing(false);
    }
  }, [src]);

  const loaded = data && !data.none ? data : null;
  // The server answers its first set for an id it does not know: only the chosen one is shown.
  const current = loaded && loaded.status === "succeeded" && loaded.set && setId !== null && loaded.set.id === setId && loaded.revision === payload.revision ? loaded : null;
  const patchDisplay = useCallback((p: Partial<ResultsDisplay>) => setDisplay((d) => ({ ...d, ...p })), []);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { source: src, loading, analysing, error, data, current, setId, analyse, reload, display, patchDisplay };
}
