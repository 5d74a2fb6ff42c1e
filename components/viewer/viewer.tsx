"use client";
/**
 * The Spectral model viewer: the same component on the model page (/models/[id], /s/[token]),
 * inside the chat widget (widget/main.tsx) and in server-side screenshots (mode "render").
 * It imports nothing from Next.js, so the widget bundle builds it with plain Vite.
 *
 * State lives here (display options, selection, hover); the scene reads it, and the camera is
 * driven through the imperative ViewerApi (fit, views, capture).
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ComponentProps, type ReactNode } from "react";
import { Scene } from "./scene";
import { Toolbar } from "./toolbar";
import { PANEL_DEFAULT, SidePanel, clampPanelWidth, type PanelTab } from "./side-panel";
import { ModelTab } from "./model-tab";
import { LoadsTab } from "./loads-tab";
import { CaseSelector, caseOptions } from "./case-selector";
import { ResultsTable } from "./results-table";
import { StageLegend } from "./stage-legend";
import { ValueLabels } from "./value-labels";
import { UNDEFORMED_GREY } from "./viewer-legend";
import { ghostColors, isolationChoices, isolationMask, isolationView, type Isolation } from "./isolate";
import { ENG_UNITS, systemOfModel, type EngUnits, type UnitSystem } from "./units";
import { PropertiesPanel } from "./properties-panel";
import { HelpPopover } from "./help-popover";
import { AxesTriadSvg } from "./axes-triad";
import { useFrameColors, useModelBuffers } from "./use-model-buffers";
import type { ResultsSource, ViewerResultSet } from "./use-results";
import type { LegendBlock } from "./stage-legend";
import { safeName, useLegendBlocks, usePayloadFollow, useResultsView, useSheetDownload, useShortcuts } from "./viewer-hooks";
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
  const choices = useMemo(() => isolationChoices(payload), [payload]);
  const mask = useMemo(() => isolationMask(payload, isolation, selected), [payload, isolation, selected]);
  const { results, resultSet, rd, resultColors, deflected, deflectionScale, showDeflected, valueLabels } = useResultsView({ source: resultsSource, mode, payload, buffers, caseId, units, mask });

  // One load case for loads and results: its index among the payload's cases (−1: a combination or none).
  const options = useMemo(() => caseOptions(payload, results.data && !results.data.none ? results.data.sets : []), [payload, results.data]);
  const chosen = options.find((o) => o.id === caseId) ?? null;
  const sceneDisplay = useMemo(() => ({ ...display, loadCase: chosen?.kind === "case" ? chosen.index : -1 }), [display, chosen]);
  const chooseCase = useCallback((id: string | null) => {
    setCaseId(id);
    if (id) setDisplay((d) => ({ ...d, loads: true }));
  }, []);
  const frameColors = useMemo(() => {
    const base = showDeflected ? new Uint32Array(buffers.frameCount).fill(UNDEFORMED_GREY) : (resultColors?.colors ?? colors);
    return ghostColors(base, mask);
  }, [showDeflected, buffers.frameCount, resultColors, colors, mask]);

  const blocks = useLegendBlocks({ payload, units, display, legend, isolation, mask, chosen, view: { resultSet, rd, resultColors, deflected, deflectionScale, showDeflected } });

  usePayloadFollow(payload, setSelected, setHovered, setCaseId);

  // Wide widget frames show the panel.
  useEffect(() => {
    if (mode === "widget" && (rootRef.current?.clientWidth ?? 0) >= 760) setPanel(true);
  }, [mode]);

  const patch = useCallback((p: Partial<DisplayOptions>) => setDisplay((d) => ({ ...d, ...p })), []);
  const toggle = useCallback((k: keyof DisplayOptions) => setDisplay((d) => ({ ...d, [k]: !d[k] })), []);
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
  const download = useSheetDownload({ apiRef, rootRef, labelsRef, payload, frameLengths: buffers.frameLengths, caseName: chosen?.name ?? null, system, blocks, parallel, units, onDownload });
  useShortcuts({
    enabled: mode !== "render",
    onEscape: () => (help ? setHelp(false) : tableOpen ? setTableOpen(false) : setSelected(null)),
    fit,
    goView,
    toggle,
    toggleProjection: () => setParallel((x) => !x),
    toggleHelp: () => setHelp((h) => !h),
  });

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

  const still = mode === "render";
  const empty = buffers.nodeCount === 0;

  const tabs = viewerTabs({
    model: { payload, display, legend, onChange: patch, resultColouring: resultColouring(showDeflected, resultColors ? rd.colorBy : "none"), unitSystem: system, onUnitSystem: chooseSystem, isolation, choices, canIsolateSelection: !!selected, onIsolate: isolate },
    loads: { payload, display, chosen, units, onChange: patch },
    results: results.source ? { payload, results, units, deflectionScale, onOpenTable: () => setTableOpen(true) } : null,
    more: panelTabs,
  });

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
          <StageControls
            payload={payload}
            units={units}
            toolbar={{ view, display, parallel, extra: toolbarExtra }}
            blocks={blocks}
            help={help}
            resultSet={resultSet}
            tableOpen={tableOpen}
            mask={mask}
            selected={selected}
            hovered={hovered}
            supportOf={lookups.supportOf}
            loadCase={sceneDisplay.loadCase}
            on={{
              projection: () => setParallel((x) => !x),
              fit,
              view: goView,
              toggle,
              download: () => void download(),
              help: (open) => setHelp(open ?? ((h) => !h)),
              panel: () => setPanel((x) => !x),
              closeTable: () => setTableOpen(false),
              select: setSelected,
            }}
          />
        )}
      </div>
    </div>
  );
}

export default Viewer;

interface StageControlsProps {
  payload: ViewerPayload;
  units: EngUnits;
  toolbar: { view: ViewName; display: DisplayOptions; parallel: boolean; extra?: ReactNode };
  blocks: LegendBlock[];
  help: boolean;
  resultSet: ViewerResultSet | null;
  tableOpen: boolean;
  mask: Uint8Array | null;
  selected: Pick | null;
  hovered: Pick | null;
  supportOf: Map<number, string>;
  loadCase: number;
  on: {
    projection(): void;
    fit(): void;
    view(v: ViewName): void;
    toggle(k: keyof DisplayOptions): void;
    download(): void;
    /** Opens or closes help (no argument: toggles). */
    help(open?: boolean): void;
    panel(): void;
    closeTable(): void;
    select(p: Pick | null): void;
  };
}

/** What sits over the 3D view outside screenshots: toolbar, legend, help, results table, properties, hover tip. */
function StageControls({ payload, units, toolbar, blocks, help, resultSet, tableOpen, mask, selected, hovered, supportOf, loadCase, on }: StageControlsProps) {
  const hoverInfo = hovered && (!selected || hovered.kind !== selected.kind || hovered.index !== selected.index) ? hovered : null;
  return (
    <>
      <Toolbar
        view={toolbar.view}
        display={toolbar.display}
        parallel={toolbar.parallel}
        onProjection={on.projection}
        onFit={on.fit}
        onView={on.view}
        onToggle={on.toggle}
        onDownload={on.download}
        onHelp={() => on.help()}
        onTogglePanel={on.panel}
        extra={toolbar.extra}
      />
      <StageLegend blocks={blocks} />
      {help && <HelpPopover onClose={() => on.help(false)} />}
      {tableOpen && resultSet && (
        <ResultsTable payload={payload} set={resultSet} units={units} mask={mask} fileStem={safeName(payload.name)} onClose={on.closeTable} />
      )}
      {selected && (
        <PropertiesPanel
          payload={payload}
          selected={selected}
          supportOf={supportOf}
          loadCase={loadCase}
          onSelect={on.select}
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
  );
}

/** What colours the frames when a result does, in the Model tab's words. */
function resultColouring(showDeflected: boolean, colorBy: "none" | "M" | "N"): string | null {
  if (showDeflected) return "the deflected shape (undeformed in grey)";
  return colorBy === "none" ? null : colorBy === "M" ? "|M|" : "|N|";
}

/** The side panel's tabs: Model, Loads, Results (when results can be had), then the page's own. */
function viewerTabs(t: {
  model: ComponentProps<typeof ModelTab>;
  loads: ComponentProps<typeof LoadsTab>;
  results: ComponentProps<typeof ResultsPanel> | null;
  more?: PanelTab[];
}): PanelTab[] {
  return [
    { id: "model", label: "Model", content: <ModelTab {...t.model} /> },
    { id: "loads", label: "Loads", content: <LoadsTab {...t.loads} /> },
    ...(t.results ? [{ id: "results", label: "Results", content: <ResultsPanel {...t.results} /> }] : []),
    ...(t.more ?? []),
  ];
}
