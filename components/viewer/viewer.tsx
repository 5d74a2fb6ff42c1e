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
import { PANEL_DEFAULT, SidePanel, clampPanelWidth, type PanelTab } from "./side-panel";
import { ModelTab } from "./model-tab";
import { LoadsTab } from "./loads-tab";
import { CaseSelector, caseOptions } from "./case-selector";
import { ResultsTable } from "./results-table";
import { StageLegend } from "./stage-legend";
import { ValueLabels } from "./value-labels";
import { UNDEFORMED_GREY, legendBlocks } from "./viewer-legend";
import { composeSheet, readOverlays } from "./png-sheet";
import { ghostColors, isolationChoices, isolationMask, isolationView, type Isolation } from "./isolate";
import { ENG_UNITS, fmt, fmtQ, systemOfModel, toUnit, type UnitSystem } from "./units";
import { PropertiesPanel } from "./properties-panel";
import { HelpPopover } from "./help-popover";
import { AxesTriadSvg } from "./axes-triad";
import { useFrameColors, useModelBuffers } from "./use-model-buffers";
import { useResults, type ResultsSource } from "./use-results";
import { autoDeflectionScale, autoDiagramScale, buildDeflected, diagramMax, diagramPeaks, reactionLabels, useResultFrameColors } from "./use-results-buffers";
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
  /** Extra panel content under the model title (revision navigation, role, read-only notice). */
  panelExtra?: ReactNode;
  /** More panel tabs after Model, Loads and Results (History and Sharing on the model page). */
  panelTabs?: PanelTab[];
  /** The signed-in user's unit system (default: the one matching the model's units). */
  unitSystem?: UnitSystem;
  /** Saves a new unit system choice (the model page stores it on the user). */
  onUnitSystemChange?(s: UnitSystem): unknown;
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

/** Keys typed into these go to the field, not to the viewer's shortcuts. */
function isTextEntry(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable || t.tagName === "TEXTAREA") return true;
  if (t.tagName !== "INPUT") return false;
  return !["checkbox", "radio", "range", "button", "submit", "reset", "color"].includes((t as HTMLInputElement).type);
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

export function Viewer({ payload, mode = "page", initialView = "iso", toolbarExtra, panelExtra, panelTabs, unitSystem, onUnitSystemChange, onDownload, onReady, display: displayInit, results: resultsSource }: ViewerProps) {
  const { buffers, lookups } = useModelBuffers(payload);
  const [display, setDisplay] = useState<DisplayOptions>(() => defaultDisplay(payload, displayInit));
  const [caseId, setCaseId] = useState<string | null>(() => payload.loadCases[display.loadCase]?.id ?? null);
  const [selected, setSelected] = useState<Pick | null>(null);
  const [hovered, setHovered] = useState<Pick | null>(null);
  const [view, setView] = useState<ViewName>(initialView);
  // Elevations and plans are drawn in parallel projection, the iso view in perspective.
  const [parallel, setParallel] = useState(initialView !== "iso");
  const [help, setHelp] = useState(false);
  // Phones open on the model; the panel is one tap away (☰).
  const [panel, setPanel] = useState(() => mode === "page" && (typeof window === "undefined" || window.innerWidth >= 700));
  const [panelWidth, setPanelWidth] = useState(() => clampPanelWidth(PANEL_DEFAULT, typeof window === "undefined" ? 1280 : window.innerWidth));
  const [system, setSystem] = useState<UnitSystem>(() => unitSystem ?? systemOfModel(payload.units));
  const [isolation, setIsolation] = useState<Isolation>({ kind: "none" });
  const [tableOpen, setTableOpen] = useState(false);
  const [ready, setReady] = useState(false);
  const apiRef = useRef<ViewerApi | null>(null);
  const labelsRef = useRef<HTMLDivElement>(null);
  const triadRef = useRef<SVGSVGElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const units = ENG_UNITS[system];
  const { colors, legend } = useFrameColors(payload, display.colorBy);
  const highlight = useMemo(() => ({ selected, hovered }), [selected, hovered]);
  // Analysis results: drawn only over the revision they were computed for.
  const results = useResults(mode === "render" ? null : resultsSource, payload, caseId);
  const resultSet = results.current?.set ?? null;
  const rd = results.display;
  const resultColors = useResultFrameColors(resultSet, rd.colorBy, buffers.frameCount);
  const deflected = useMemo(() => (resultSet ? buildDeflected(payload, buffers, resultSet) : null), [payload, buffers, resultSet]);
  const deflectionScale = deflected ? autoDeflectionScale(buffers, deflected.maxDisp) * rd.deflScale : 0;
  const showDeflected = !!(resultSet && rd.deflected && deflected);

  // One load case for loads and results: its index among the payload's cases (−1: a combination or none).
  const options = useMemo(() => caseOptions(payload, results.data && !results.data.none ? results.data.sets : []), [payload, results.data]);
  const chosen = options.find((o) => o.id === caseId) ?? null;
  const sceneDisplay = useMemo(() => ({ ...display, loadCase: chosen?.kind === "case" ? chosen.index : -1 }), [display, chosen]);
  const chooseCase = useCallback((id: string | null) => {
    setCaseId(id);
    if (id) setDisplay((d) => ({ ...d, loads: true }));
  }, []);

  const choices = useMemo(() => isolationChoices(payload), [payload]);
  const mask = useMemo(() => isolationMask(payload, isolation, selected), [payload, isolation, selected]);
  const frameColors = useMemo(() => {
    const base = showDeflected ? new Uint32Array(buffers.frameCount).fill(UNDEFORMED_GREY) : (resultColors?.colors ?? colors);
    return ghostColors(base, mask);
  }, [showDeflected, buffers.frameCount, resultColors, colors, mask]);

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

  const isolationText = isolation.kind === "none" ? null
    : isolation.kind === "selection" ? (mask ? "the selection and its neighbours" : null)
    : `${isolation.kind === "storey" ? payload.verticalAxis : isolation.axis} = ${fmt(toUnit(units, "coord", isolation.value))} ${units.coord.unit}`;
  const blocks = useMemo(() => legendBlocks({
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

  // A new payload (another revision) keeps the display options; the selection follows its element
  // by id (a live update moves indices) and is dropped when the element is gone.
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
  const isolate = useCallback((i: Isolation) => {
    setIsolation(i);
    const v = isolationView(payload, i);
    if (v) goView(v);
  }, [payload, goView]);
  const chooseSystem = useCallback((s: UnitSystem) => {
    setSystem(s);
    void onUnitSystemChange?.(s);
  }, [onUnitSystemChange]);

  const download = useCallback(async () => {
    const api = apiRef.current;
    if (!api) return;
    const shot = api.capturePng();
    const canvas = rootRef.current?.querySelector("canvas");
    const css = screenScale(api, payload, buffers.frameLengths);
    const ratio = canvas && canvas.clientWidth > 0 ? canvas.width / canvas.clientWidth : 1;
    const lines = [`Revision ${payload.revision}`, `Load case: ${chosen ? chosen.name : "none"}`, `${api.view()} view`, `Units: ${system}`, new Date().toISOString().slice(0, 10)];
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
  }, [payload, onDownload, buffers.frameLengths, chosen, system, blocks, parallel, units]);

  // CAD keyboard habits. Ignored while typing in a text field; a checkbox, list or slider that was
  // just used keeps the shortcuts (the key is not passed on to it).
  useEffect(() => {
    if (mode === "render") return;
    const onKey = (e: KeyboardEvent) => {
      if (isTextEntry(e.target)) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const k = e.key;
      if (k === "Escape") {
        if (help) setHelp(false);
        else if (tableOpen) setTableOpen(false);
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
  }, [mode, help, tableOpen, fit, goView]);

  const onFirstFrame = useCallback(() => {
    setReady(true);
    const api = apiRef.current;
    if (api) {
      window.__spectralViewer = api;
      onReady?.(api);
    }
  }, [onReady]);

  // New buffers (a live update) give the camera rig a new API object: keep the global one current.
  useEffect(() => {
    if (ready && apiRef.current) window.__spectralViewer = apiRef.current;
  }, [ready, buffers]);

  const hoverInfo = hovered && (!selected || hovered.kind !== selected.kind || hovered.index !== selected.index) ? hovered : null;
  const still = mode === "render";
  const empty = buffers.nodeCount === 0;

  const tabs: PanelTab[] = [
    {
      id: "model",
      label: "Model",
      content: (
        <ModelTab
          payload={payload}
          display={display}
          legend={legend}
          onChange={patch}
          resultColouring={showDeflected ? "the deflected shape (undeformed in grey)" : resultColors && rd.colorBy !== "none" ? (rd.colorBy === "M" ? "|M|" : "|N|") : null}
          unitSystem={system}
          onUnitSystem={chooseSystem}
          isolation={isolation}
          choices={choices}
          canIsolateSelection={!!selected}
          onIsolate={isolate}
        />
      ),
    },
    { id: "loads", label: "Loads", content: <LoadsTab payload={payload} display={display} chosen={chosen} units={units} onChange={patch} /> },
    ...(results.source
      ? [{ id: "results", label: "Results", content: <ResultsPanel payload={payload} results={results} units={units} deflectionScale={deflectionScale} onOpenTable={() => setTableOpen(true)} /> }]
      : []),
    ...(panelTabs ?? []),
  ];

  return (
    <div
      ref={rootRef}
      className={`sv-root sv-${mode}${panel && !still ? " sv-with-panel" : ""}`}
      style={panel && !still ? { gridTemplateColumns: `${panelWidth}px minmax(0, 1fr)` } : undefined}
      data-ready={ready ? "true" : "false"}
      data-view={view}
      data-revision={payload.revision}
      data-nodes={buffers.nodeCount}
      data-frames={buffers.frameCount}
    >
      {panel && !still && (
        <SidePanel
          title={payload.name}
          width={panelWidth}
          onWidth={setPanelWidth}
          header={
            <>
              <div className="sv-sub">
                <span className="sv-badge" data-testid="revision">
                  rev {payload.revision}
                </span>
                <span className="sv-badge">{payload.verticalAxis}-up</span>
                <span className="sv-badge">{system === "SI" ? "mm, kN" : "in, kip"}</span>
              </div>
              {panelExtra}
            </>
          }
          pinned={<CaseSelector options={options} value={caseId} onChange={chooseCase} />}
          tabs={tabs}
        />
      )}
      <div className="sv-stage">
        <Scene
          payload={payload}
          buffers={buffers}
          frameColors={frameColors}
          display={sceneDisplay}
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
          labelMask={mask}
        >
          {resultSet && <ResultsLayers payload={payload} buffers={buffers} set={resultSet} display={rd} deflectionScale={deflectionScale} deflected={deflected} />}
          {valueLabels.length > 0 && <ValueLabels labels={valueLabels} container={labelsRef} />}
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
              onDownload={() => void download()}
              onHelp={() => setHelp((h) => !h)}
              onTogglePanel={() => setPanel((x) => !x)}
              extra={toolbarExtra}
            />
            <StageLegend blocks={blocks} />
            {help && <HelpPopover onClose={() => setHelp(false)} />}
            {tableOpen && resultSet && (
              <ResultsTable payload={payload} set={resultSet} units={units} mask={mask} fileStem={safeName(payload.name)} onClose={() => setTableOpen(false)} />
            )}
            {selected && (
              <PropertiesPanel
                payload={payload}
                selected={selected}
                supportOf={lookups.supportOf}
                loadCase={sceneDisplay.loadCase}
                onSelect={setSelected}
                units={units}
                extra={resultSet ? <ResultsProperties payload={payload} set={resultSet} selected={selected} units={units} /> : null}
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
