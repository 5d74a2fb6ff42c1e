"use client";
/**
 * The Spectral model viewer: the same component on the model page (/models/[id], /s/[token]),
 * inside the chat widget (widget/main.tsx) and in server-side screenshots (mode "render").
 * It imports nothing from Next.js, so the widget bundle builds it with plain Vite.
 *
 * State lives here (display options, selection, hover); the scene reads it, and the camera is
 * driven through the imperative ViewerApi (fit, views, capture).
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { Scene } from "./scene";
import { Toolbar } from "./toolbar";
import { SidePanel } from "./side-panel";
import { PropertiesPanel } from "./properties-panel";
import { HelpPopover } from "./help-popover";
import { AxesTriadSvg } from "./axes-triad";
import { useFrameColors, useModelBuffers } from "./use-model-buffers";
import { useResults, type ResultsSource } from "./use-results";
import { autoDeflectionScale, buildDeflected, useResultFrameColors } from "./use-results-buffers";
import { ResultsLayers } from "./results-layers";
import { ResultsPanel } from "./results-panel";
import { ResultsProperties } from "./results-properties";
import type { ViewerApi } from "./camera-rig";
import type { DisplayOptions, Pick, ViewName, ViewerPayload } from "./types";
import "./viewer.css";

export type { ViewerApi } from "./camera-rig";

export interface ViewerProps {
  payload: ViewerPayload;
  /** "page" (full UI), "widget" (compact, panel collapsed on narrow frames), "render" (canvas only, for screenshots). */
  mode?: "page" | "widget" | "render";
  /** Initial standard view. Default "iso". */
  initialView?: ViewName;
  /** Extra toolbar actions (Share on the page, "Open full viewer" in the widget). */
  toolbarExtra?: ReactNode;
  /** Extra panel content under the model title (revision navigation, role). */
  panelExtra?: ReactNode;
  /** Overrides the PNG download (hosts that download through their bridge). */
  onDownload?(dataUrl: string, filename: string): void;
  /** Called after the first frame is drawn, with the viewer API. */
  onReady?(api: ViewerApi): void;
  /** Initial display options. */
  display?: Partial<DisplayOptions>;
  /** Analysis results (model page, share links): where to fetch them and whether "Analyse" is offered. */
  results?: ResultsSource;
}

declare global {
  interface Window {
    /** The mounted viewer's API (tests, benchmarks and screenshots drive it). */
    __spectralViewer?: ViewerApi;
  }
}

function defaultDisplay(p: ViewerPayload, over?: Partial<DisplayOptions>): DisplayOptions {
  return {
    solid: false,
    nodes: true,
    labels: false,
    supports: true,
    loads: p.loads.length > 0,
    grid: true,
    colorBy: p.sections.length > 1 ? "section" : "none",
    loadCase: p.loadCases.length > 0 ? 0 : -1,
    ...over,
  };
}

function safeName(s: string) {
  return s.replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "model";
}

export function Viewer({ payload, mode = "page", initialView = "iso", toolbarExtra, panelExtra, onDownload, onReady, display: displayInit, results: resultsSource }: ViewerProps) {
  const { buffers, lookups } = useModelBuffers(payload);
  const [display, setDisplay] = useState<DisplayOptions>(() => defaultDisplay(payload, displayInit));
  const [selected, setSelected] = useState<Pick | null>(null);
  const [hovered, setHovered] = useState<Pick | null>(null);
  const [view, setView] = useState<ViewName>(initialView);
  // Elevations and plans are drawn in parallel projection, the iso view in perspective.
  const [parallel, setParallel] = useState(initialView !== "iso");
  const [help, setHelp] = useState(false);
  const [panel, setPanel] = useState(mode === "page");
  const [ready, setReady] = useState(false);
  const apiRef = useRef<ViewerApi | null>(null);
  const labelsRef = useRef<HTMLDivElement>(null);
  const triadRef = useRef<SVGSVGElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const { colors, legend } = useFrameColors(payload, display.colorBy);
  const highlight = useMemo(() => ({ selected, hovered }), [selected, hovered]);
  // Analysis results: drawn only over the revision they were computed for.
  const results = useResults(mode === "render" ? null : resultsSource, payload);
  const resultSet = results.current?.set ?? null;
  const resultColors = useResultFrameColors(resultSet, results.display.colorBy, buffers.frameCount);
  const deflected = useMemo(() => (resultSet ? buildDeflected(payload, buffers, resultSet) : null), [payload, buffers, resultSet]);
  const deflectionScale = deflected ? autoDeflectionScale(buffers, deflected.maxDisp) * results.display.deflScale : 0;

  // A new payload (another revision) keeps the display options but drops a stale selection.
  useEffect(() => {
    setSelected(null);
    setHovered(null);
    setDisplay((d) => ({ ...d, loadCase: d.loadCase < payload.loadCases.length ? d.loadCase : payload.loadCases.length ? 0 : -1 }));
  }, [payload]);

  // Wide widget frames show the panel.
  useEffect(() => {
    if (mode === "widget" && (rootRef.current?.clientWidth ?? 0) >= 760) setPanel(true);
  }, [mode]);

  const patch = useCallback((p: Partial<DisplayOptions>) => setDisplay((d) => ({ ...d, ...p })), []);
  const fit = useCallback(() => apiRef.current?.fit(), []);
  const goView = useCallback((v: ViewName) => {
    setView(v);
    setParallel(v !== "iso");
    apiRef.current?.fit(v);
  }, []);
  const download = useCallback(() => {
    const api = apiRef.current;
    if (!api) return;
    const url = api.capturePng();
    const name = `${safeName(payload.name)}-rev${payload.revision}-${api.view()}.png`;
    if (onDownload) return onDownload(url, name);
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }, [payload, onDownload]);

  // CAD keyboard habits. Ignored while typing in a form field.
  useEffect(() => {
    if (mode === "render") return;
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA" || t.isContentEditable)) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const k = e.key;
      if (k === "Escape") {
        if (help) setHelp(false);
        else setSelected(null);
      } else if (k === "f" || k === "F") fit();
      else if (k === "1") goView("iso");
      else if (k === "2") goView("front");
      else if (k === "3") goView("side");
      else if (k === "4") goView("top");
      else if (k === "s" || k === "S") setDisplay((d) => ({ ...d, solid: !d.solid }));
      else if (k === "l" || k === "L") setDisplay((d) => ({ ...d, labels: !d.labels }));
      else if (k === "n" || k === "N") setDisplay((d) => ({ ...d, nodes: !d.nodes }));
      else if (k === "g" || k === "G") setDisplay((d) => ({ ...d, grid: !d.grid }));
      else if (k === "p" || k === "P") setParallel((x) => !x);
      else if (k === "?" || k === "h" || k === "H") setHelp((h) => !h);
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [mode, help, fit, goView]);

  const onFirstFrame = useCallback(() => {
    setReady(true);
    const api = apiRef.current;
    if (api) {
      window.__spectralViewer = api;
      onReady?.(api);
    }
  }, [onReady]);

  const hoverInfo = hovered && (!selected || hovered.kind !== selected.kind || hovered.index !== selected.index) ? hovered : null;
  const still = mode === "render";
  const empty = buffers.nodeCount === 0;

  return (
    <div ref={rootRef} className={`sv-root sv-${mode}${panel && !still ? " sv-with-panel" : ""}`} data-ready={ready ? "true" : "false"} data-view={view}>
      {panel && !still && (
        <SidePanel
          payload={payload}
          display={display}
          legend={legend}
          onChange={patch}
          footer={
            results.source ? (
              <ResultsPanel payload={payload} results={results} deflectionScale={deflectionScale} legend={resultColors?.legend ?? null} colorMax={resultColors?.max ?? 0} />
            ) : null
          }
        >
          {panelExtra}
        </SidePanel>
      )}
      <div className="sv-stage">
        <Scene
          payload={payload}
          buffers={buffers}
          frameColors={resultColors?.colors ?? colors}
          display={display}
          highlight={highlight}
          initialView={initialView}
          parallel={parallel}
          apiRef={apiRef}
          labelsRef={labelsRef}
          triadRef={triadRef}
          onSelect={setSelected}
          onHover={setHovered}
          onFirstFrame={onFirstFrame}
          still={still}
        >
          {resultSet && <ResultsLayers payload={payload} buffers={buffers} set={resultSet} display={results.display} deflectionScale={deflectionScale} deflected={deflected} />}
        </Scene>
        <div ref={labelsRef} className="sv-labels" aria-hidden="true" />
        <AxesTriadSvg svgRef={triadRef} />
        {empty && <div className="sv-empty">This model has no nodes yet.</div>}
        {still ? (
          <div className="sv-caption">
            {payload.name} · rev {payload.revision} · {view}
          </div>
        ) : (
          <>
            <Toolbar
              view={view}
              display={display}
              parallel={parallel}
              onProjection={() => setParallel((x) => !x)}
              onFit={fit}
              onView={goView}
              onToggle={(k) => setDisplay((d) => ({ ...d, [k]: !d[k] }))}
              onDownload={download}
              onHelp={() => setHelp((h) => !h)}
              onTogglePanel={() => setPanel((x) => !x)}
              extra={toolbarExtra}
            />
            {help && <HelpPopover onClose={() => setHelp(false)} />}
            {selected && (
              <PropertiesPanel
                payload={payload}
                selected={selected}
                supportOf={lookups.supportOf}
                loadCase={display.loadCase}
                onSelect={setSelected}
                extra={resultSet ? <ResultsProperties payload={payload} set={resultSet} selected={selected} /> : null}
              />
            )}
            {hoverInfo && (
              <div className="sv-hover" role="status">
                {hoverInfo.kind === "node" ? "Node " : "Frame "}
                {(hoverInfo.kind === "node" ? payload.nodes.labels : payload.frames.labels)[hoverInfo.index]}
              </div>
            )}
          </>
        )}
      </div>
    </div>
  );
}

export default Viewer;
