"use client";
/**
 * The viewer's behaviours, one hook each, so that `Viewer` (viewer.tsx) reads as state plus layout:
 *   - useResultsView: analysis results drawn over the model (colours, deflected shape, peak labels);
 *   - usePayloadFollow: a new payload (another revision, a live update) keeps the selection on its element;
 *   - useShortcuts: the CAD keyboard habits;
 *   - useSheetDownload: the PNG sheet (view, title block, legend, scale bar).
 */
import { useCallback, useEffect, useMemo, useRef, type Dispatch, type RefObject, type SetStateAction } from "react";
import type { ModelBuffers } from "./geometry";
import type { LegendBlock } from "./stage-legend";
import { composeSheet, readOverlays } from "./png-sheet";
import { fmt, fmtQ, toUnit, type EngUnits } from "./units";
import { useResults, type ResultsSource } from "./use-results";
import { autoDeflectionScale, autoDiagramScale, buildDeflected, diagramMax, diagramPeaks, reactionLabels, useResultFrameColors } from "./use-results-buffers";
import type { ViewerApi } from "./camera-rig";
import type { DisplayOptions, Pick as ElementPick, ViewName, ViewerPayload } from "./types";
import type { LegendRow } from "./palette";
import type { Isolation } from "./isolate";
import type { CaseOption } from "./case-selector";
import { legendBlocks } from "./viewer-legend";

/** Analysis results over the revision they were computed for (none in screenshots). */
export function useResultsView(opts: {
  source: ResultsSource | undefined;
  mode: "page" | "widget" | "render";
  payload: ViewerPayload;
  buffers: ModelBuffers;
  caseId: string | null;
  units: EngUnits;
  mask: Uint8Array | null;
}) {
  const { payload, buffers, units, mask } = opts;
  const results = useResults(opts.mode === "render" ? null : opts.source, payload, opts.caseId);
  const resultSet = results.current?.set ?? null;
  const rd = results.display;
  const resultColors = useResultFrameColors(resultSet, rd.colorBy, buffers.frameCount);
  const deflected = useMemo(() => (resultSet ? buildDeflected(payload, buffers, resultSet) : null), [payload, buffers, resultSet]);
  const deflectionScale = deflected ? autoDeflectionScale(buffers, deflected.maxDisp) * rd.deflScale : 0;
  const showDeflected = !!(resultSet && rd.deflected && deflected);
  const valueLabels = useMemo(() => {
    if (!resultSet) return [];
    const out = [];
    if (rd.diagram !== "none") {
      const scale = autoDiagramScale(buffers, diagramMax(resultSet, rd.diagram, buffers.frameCount)) * rd.diagScale;
      const q = rd.diagram.startsWith("M") ? "moment" : "force";
      out.push(...diagramPeaks(payload, buffers, resultSet, rd.diagram, scale, (v) => fmtQ(units, q, v, 3), mask));
    }
    if (rd.reactions) out.push(...reactionLabels(buffers, resultSet, (v) => fmtQ(units, "force", v, 3)));
    return out;
  }, [resultSet, rd.diagram, rd.diagScale, rd.reactions, payload, buffers, units, mask]);
  return { results, resultSet, rd, resultColors, deflected, deflectionScale, showDeflected, valueLabels };
}

/**
 * A new payload (another revision) keeps the display options; the selection follows its element
 * by id (a live update moves indices) and is dropped when the element is gone.
 */
export function usePayloadFollow(payload: ViewerPayload, setSelected: Dispatch<SetStateAction<ElementPick | null>>, setHovered: (p: ElementPick | null) => void, setCaseId: Dispatch<SetStateAction<string | null>>) {
  const shownPayload = useRef(payload);
  useEffect(() => {
    const prev = shownPayload.current;
    shownPayload.current = payload;
    setSelected((p) => {
      if (!p || prev === payload || prev.modelId !== payload.modelId) return prev === payload ? p : null;
      const [before, after] = p.kind === "node" ? [prev.nodes.ids, payload.nodes.ids] : [prev.frames.ids, payload.frames.ids];
      const id = before[p.index];
      const k = id === undefined ? -1 : after.indexOf(id);
      return k >= 0 ? { kind: p.kind, index: k } : null;
    });
    setHovered(null);
    setCaseId((id) => (id && payload.loadCases.some((c) => c.id === id) ? id : (payload.loadCases[0]?.id ?? null)));
  }, [payload, setSelected, setHovered, setCaseId]);
}

/** Keys typed into these go to the field, not to the viewer's shortcuts. */
function isTextEntry(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable || t.tagName === "TEXTAREA") return true;
  if (t.tagName !== "INPUT") return false;
  return !["checkbox", "radio", "range", "button", "submit", "reset", "color"].includes((t as HTMLInputElement).type);
}

const TOGGLES: Record<string, "solid" | "labels" | "nodes" | "grid"> = { s: "solid", l: "labels", n: "nodes", g: "grid" };
const VIEW_KEYS: Record<string, ViewName> = { "1": "iso", "2": "front", "3": "side", "4": "top" };

/**
 * CAD keyboard habits: F fit, 1–4 views, S/L/N/G toggles, P projection, ? help, Esc closes or
 * deselects. Ignored while typing in a text field; a checkbox, list or slider that was just used
 * keeps the shortcuts (the key is not passed on to it). Off in screenshots.
 */
export function useShortcuts(opts: {
  enabled: boolean;
  /** Esc: closes the topmost thing open, else clears the selection. */
  onEscape(): void;
  fit(): void;
  goView(v: ViewName): void;
  toggle(k: keyof DisplayOptions): void;
  toggleProjection(): void;
  toggleHelp(): void;
}) {
  const ref = useRef(opts);
  useEffect(() => {
    ref.current = opts;
  });
  useEffect(() => {
    if (!opts.enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (isTextEntry(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const o = ref.current;
      const k = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      if (k === "Escape") o.onEscape();
      else if (k === "f") o.fit();
      else if (VIEW_KEYS[k]) o.goView(VIEW_KEYS[k]);
      else if (TOGGLES[k]) o.toggle(TOGGLES[k]);
      else if (k === "p") o.toggleProjection();
      else if (k === "?" || k === "h") o.toggleHelp();
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [opts.enabled]);
}

export function safeName(s: string) {
  return s.replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "model";
}

/** Pixels per metre on screen in a parallel view (the frame most parallel to the screen gives the true scale). */
function screenScale(api: ViewerApi, p: ViewerPayload, lengths: Float64Array): number | null {
  let best = 0;
  const n = Math.min(Math.floor(p.frames.pairs.length / 2), 3000);
  for (let f = 0; f < n; f++) {
    const L = lengths[f] ?? 0;
    if (!(L > 0)) continue;
    const a = api.screenPosition({ kind: "node", index: p.frames.pairs[2 * f]! });
    const b = api.screenPosition({ kind: "node", index: p.frames.pairs[2 * f + 1]! });
    if (a && b) best = Math.max(best, Math.hypot(a.x - b.x, a.y - b.y) / L);
  }
  return best > 0 ? best : null;
}

/** The PNG download: the current view on a sheet with title block, legend and (parallel views) a scale bar. */
export function useSheetDownload(opts: {
  apiRef: RefObject<ViewerApi | null>;
  rootRef: RefObject<HTMLDivElement | null>;
  labelsRef: RefObject<HTMLDivElement | null>;
  payload: ViewerPayload;
  frameLengths: Float64Array;
  caseName: string | null;
  system: string;
  blocks: LegendBlock[];
  parallel: boolean;
  units: EngUnits;
  onDownload?(dataUrl: string, filename: string): void;
}) {
  const { apiRef, rootRef, labelsRef, payload, frameLengths, caseName, system, blocks, parallel, units, onDownload } = opts;
  return useCallback(async () => {
    const api = apiRef.current;
    if (!api) return;
    const shot = api.capturePng();
    const canvas = rootRef.current?.querySelector("canvas");
    const css = screenScale(api, payload, frameLengths);
    const ratio = canvas && canvas.clientWidth > 0 ? canvas.width / canvas.clientWidth : 1;
    const lines = [`Revision ${payload.revision}`, `Load case: ${caseName ?? "none"}`, `${api.view()} view`, `Units: ${system}`, new Date().toISOString().slice(0, 10)];
    let url = shot;
    try {
      url = await composeSheet(shot, {
        title: payload.name,
        lines,
        legend: blocks,
        pxPerMetre: parallel && css ? css * ratio : null,
        coordUnit: { per: units.coord.per, unit: units.coord.unit },
        overlays: readOverlays(labelsRef.current),
        ratio,
      });
    } catch {
      /* the plain view is still worth downloading */
    }
    const name = `${safeName(payload.name)}-rev${payload.revision}-${api.view()}.png`;
    if (onDownload) return onDownload(url, name);
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }, [apiRef, rootRef, labelsRef, payload, onDownload, frameLengths, caseName, system, blocks, parallel, units]);
}

/** The legend over the view (and on the PNG sheet), from what is drawn. */
export function useLegendBlocks(i: {
  payload: ViewerPayload;
  units: EngUnits;
  display: DisplayOptions;
  legend: LegendRow[];
  isolation: Isolation;
  mask: Uint8Array | null;
  chosen: CaseOption | null;
  view: Pick<ReturnType<typeof useResultsView>, "resultSet" | "rd" | "resultColors" | "deflected" | "deflectionScale" | "showDeflected">;
}): LegendBlock[] {
  const { payload, units, display, legend, isolation, mask, chosen } = i;
  const { resultSet, rd, resultColors, deflected, deflectionScale, showDeflected } = i.view;
  const isolationText = isolation.kind === "none" ? null
    : isolation.kind === "selection" ? (mask ? "the selection and its neighbours" : null)
    : `${isolation.kind === "storey" ? payload.verticalAxis : isolation.axis} = ${fmt(toUnit(units, "coord", isolation.value))} ${units.coord.unit}`;
  return useMemo(() => legendBlocks({
    units,
    colorBy: display.colorBy,
    modelLegend: legend,
    result: resultColors && rd.colorBy !== "none" ? { colorBy: rd.colorBy, legend: resultColors.legend, max: resultColors.max } : null,
    deflected: showDeflected && deflected ? { scale: deflectionScale, max: deflected.maxDisp } : null,
    diagram: resultSet && rd.diagram !== "none" ? rd.diagram : null,
    reactions: !!resultSet && rd.reactions,
    loads: display.loads && chosen?.kind === "case" && payload.loads.some((l) => l.caseIndex === chosen.index) ? { caseName: chosen.name } : null,
    isolation: isolationText,
  }), [units, display.colorBy, display.loads, legend, resultColors, rd.colorBy, rd.diagram, rd.reactions, showDeflected, deflected, deflectionScale, resultSet, chosen, payload, isolationText]);
}
