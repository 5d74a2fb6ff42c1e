/**
 * Entry of the in-chat widget (ui://spectral/viewer.html): plain DOM + three.js, no framework.
 *
 * 1. The host hands over the tool result (bridge.ts); its structuredContent names the model
 *    (`modelId`, `revision`) and the link to the full viewer (`viewerUrl`).
 * 2. Once the widget is on screen, it asks the app-only tool get_model_geometry for the
 *    geometry, page by page (pinned to the first page's revision), through the host.
 * 3. It draws the model (scene.ts): orbit, zoom, pan, click to select; a simplified view for very
 *    large models (the tool decides), or only the link for models too large to load here.
 * 4. Hosts may keep the widget open across turns while the model changes: it never shows an old
 *    revision without saying so. Whenever it learns the latest revision (each page answers it; a
 *    cheap empty page is asked for when the widget is shown again, on focus, and every
 *    STALE_CHECK_MS while visible) and it is newer, it says "Stale: revision N exists"; the
 *    "↻ Latest" control loads the latest revision.
 * The widget makes no network requests of its own (its CSP allows none).
 */
import { METRES_PER } from "@/lib/structural/units";
import { connectHost, type ToolCallOutcome, type ToolData } from "./bridge";
import { ModelGeometry, isGeometryResult, type GeometryResult } from "./geometry";
import { createModelView, type ModelView, type Picked } from "./scene";

/** Geometry items (sections + nodes + supports + frames) above which the widget only offers the link. */
export const MAX_WIDGET_ITEMS = 600_000;
/** How often a visible widget asks whether a newer revision exists. */
export const STALE_CHECK_MS = 30_000;

const $ = <T extends Element>(sel: string): T => {
  const el = document.querySelector<T>(sel);
  if (!el) throw new Error(`widget markup is missing ${sel}`);
  return el;
};
const ui = {
  root: $<HTMLElement>("#app"),
  title: $<HTMLElement>('[data-testid="model-name"]'),
  counts: $<HTMLElement>('[data-testid="counts"]'),
  link: $<HTMLAnchorElement>('[data-testid="open-viewer"]'),
  canvas: $<HTMLCanvasElement>(".sw-stage canvas"),
  status: $<HTMLElement>('[data-testid="widget-waiting"]'),
  note: $<HTMLElement>('[data-testid="simplified-note"]'),
  info: $<HTMLElement>('[data-testid="selection"]'),
  hint: $<HTMLElement>(".sw-hint"),
  stale: $<HTMLElement>('[data-testid="stale"]'),
  refresh: $<HTMLButtonElement>('[data-testid="refresh"]'),
};

const fmt = (n: number) => n.toLocaleString("en-US");

function setStatus(state: string, text: string | null): void {
  ui.root.dataset.state = state;
  ui.status.hidden = text === null;
  if (text !== null) ui.status.textContent = text;
}

/** The link out: the tool result's own viewerUrl when it has one, else the geometry's. */
function setLink(url: string | null, fallback = false): void {
  if (!url || (fallback && !ui.link.hidden)) return;
  ui.link.href = url;
  ui.link.hidden = false;
}

function textOf(res: ToolCallOutcome): string {
  const content = Array.isArray(res.content) ? res.content : [];
  const first = content.find((c): c is { type: "text"; text: string } => !!c && typeof c === "object" && c.type === "text" && typeof c.text === "string");
  return first?.text ?? "";
}

let view: ModelView | null = null;
let geometry: ModelGeometry | null = null;
let wanted = "";
let refreshes = 0;
/** The revision on screen and the latest one known (from any page the widget received). */
let shown: { modelId: string; revision: number; total: number; latest: number } | null = null;

function showStale(): void {
  const stale = !!shown && shown.latest > shown.revision;
  ui.stale.hidden = !stale;
  ui.stale.textContent = stale && shown ? `Stale: revision ${shown.latest} exists (showing ${shown.revision})` : "";
  ui.refresh.hidden = !shown;
  ui.root.dataset.latest = shown ? String(shown.latest) : "";
}

function learnLatest(modelId: string, latest: number): void {
  if (!shown || shown.modelId !== modelId || latest <= shown.latest) return;
  shown.latest = latest;
  showStale();
}

/** Asks for an empty page of the revision on screen: cheap, and it answers the latest revision. */
async function checkLatest(): Promise<void> {
  if (!shown || document.visibilityState !== "visible") return;
  const { modelId, revision, total } = shown;
  try {
    const page = await fetchPage(modelId, revision, total);
    learnLatest(modelId, page.latestRevision);
  } catch {
    /* the next check tries again */
  }
}

ui.refresh.addEventListener("click", () => {
  if (!shown) return;
  const key = `${shown.modelId}@latest#${++refreshes}`;
  wanted = key;
  void load(shown.modelId, null, key);
});
document.addEventListener("visibilitychange", () => void checkLatest());
window.addEventListener("focus", () => void checkLatest());
setInterval(() => void checkLatest(), STALE_CHECK_MS);

const bridge = connectHost(onData, (mode) => {
  document.documentElement.classList.toggle("sw-fullscreen", mode === "fullscreen");
});

ui.link.addEventListener("click", (e) => {
  e.preventDefault();
  bridge.openLink(ui.link.href);
});

/** Runs `fn` once the widget is on screen (hosts may create it before it scrolls into view). */
function whenShown(fn: () => void): void {
  if (typeof IntersectionObserver === "undefined") return fn();
  const io = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) {
      io.disconnect();
      fn();
    }
  });
  io.observe(ui.root);
}

function onData(d: ToolData): void {
  setLink(d.viewerUrl);
  if (!d.modelId) return;
  const key = `${d.modelId}@${d.revision ?? "latest"}`;
  if (d.revision) learnLatest(d.modelId, d.revision);
  if (key === wanted) return void checkLatest();
  wanted = key;
  whenShown(() => void load(d.modelId!, d.revision, key));
}

async function fetchPage(modelId: string, revision: number | null, cursor: number): Promise<GeometryResult> {
  const res = await bridge.callTool("get_model_geometry", { modelId, ...(revision ? { revision } : {}), cursor });
  if (res.isError || !isGeometryResult(res.structuredContent)) throw new Error(textOf(res) || "the answer was not model geometry");
  return res.structuredContent;
}

async function load(modelId: string, revision: number | null, key: string): Promise<void> {
  setStatus("loading", "Loading the model…");
  try {
    const first = await fetchPage(modelId, revision, 0);
    if (key !== wanted) return;
    learnLatest(modelId, first.latestRevision);
    setLink(first.viewerUrl, true);
    ui.title.textContent = first.name;
    ui.counts.textContent = `${fmt(first.counts.nodes)} nodes · ${fmt(first.counts.frames)} frames`;
    if (first.total > MAX_WIDGET_ITEMS) {
      setStatus("too-large", `This model is too large to show here (${fmt(first.counts.frames)} frames). Open the full viewer to see it.`);
      return;
    }
    const g = new ModelGeometry(first);
    while (g.nextCursor !== null) {
      setStatus("loading", `Loading the model… ${Math.floor((100 * g.nextCursor) / g.total)} %`);
      const page = await fetchPage(modelId, g.revision, g.nextCursor);
      if (key !== wanted) return;
      g.add(page);
    }
    show(g);
    shown = { modelId, revision: g.revision, total: g.total, latest: Math.max(g.latestRevision, shown?.modelId === modelId ? shown.latest : 0) };
    showStale();
  } catch (e) {
    if (key !== wanted) return;
    setStatus("error", `Could not load the model: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function show(g: ModelGeometry): void {
  view?.dispose();
  geometry = g;
  ui.info.hidden = true;
  ui.note.hidden = !g.simplified;
  if (g.simplified) {
    ui.note.textContent = `Simplified view of a large model (${fmt(g.frameCount)} frames): lines only, without labels or sections. Open the full viewer for details.`;
  }
  view = createModelView(ui.canvas, g);
  const { width, height } = ui.canvas.getBoundingClientRect();
  view.resize(width, height);
  Object.assign(ui.root.dataset, { nodes: String(g.nodeCount), frames: String(g.frameCount), supports: String(g.supportCount), pages: String(g.pages), simplified: String(g.simplified), revision: String(g.revision) });
  ui.hint.hidden = false;
  setStatus("ready", null);
}

function describe(g: ModelGeometry, p: Picked): string {
  // Shown in the model's display unit (positions arrive in metres).
  const [unit, perUnit] = Object.entries(METRES_PER).find(([u]) => u === g.lengthUnit) ?? ["m", 1];
  const show = (metres: number) => (metres / perUnit).toFixed(unit === "mm" ? 1 : 3);
  const len = (metres: number) => `${show(metres)} ${unit}`;
  const at = (i: number) => [g.positions[3 * i]!, g.positions[3 * i + 1]!, g.positions[3 * i + 2]!];
  if (p.kind === "node") {
    const support = g.supportOf(p.index);
    return `Node ${g.nodeLabel(p.index)} · (${at(p.index).map(show).join(", ")}) ${unit}${support ? ` · support ${support}` : ""}`;
  }
  const a = g.pairs[2 * p.index]!, b = g.pairs[2 * p.index + 1]!;
  const section = g.frameSectionName(p.index);
  const ends = a >= 0 && b >= 0 ? ` · ${g.nodeLabel(a)} → ${g.nodeLabel(b)} · ${len(Math.hypot(...at(b).map((v, k) => v - at(a)[k]!)))}` : "";
  return `Frame ${g.frameLabel(p.index)}${section ? ` · ${section}` : ""}${ends}`;
}

function select(p: Picked | null): void {
  if (!view || !geometry) return;
  view.select(p);
  ui.info.hidden = !p;
  ui.info.textContent = p ? describe(geometry, p) : "";
  ui.root.dataset.selected = p ? `${p.kind}:${p.index}` : "";
}

// A click (not a drag) selects what is under the pointer.
let down: { x: number; y: number } | null = null;
ui.canvas.addEventListener("pointerdown", (e) => (down = { x: e.clientX, y: e.clientY }));
ui.canvas.addEventListener("pointerup", (e) => {
  if (!down || !view || e.button !== 0) return;
  const moved = Math.hypot(e.clientX - down.x, e.clientY - down.y);
  down = null;
  if (moved > 4) return;
  const r = ui.canvas.getBoundingClientRect();
  select(view.pick(e.clientX - r.left, e.clientY - r.top));
});

new ResizeObserver(() => {
  const { width, height } = ui.canvas.getBoundingClientRect();
  view?.resize(width, height);
  const box = ui.root.getBoundingClientRect();
  bridge.sizeChanged(Math.round(box.width), Math.round(box.height));
}).observe(ui.root);

/** For tests: what the widget shows, and the view's camera and pixels. */
declare global {
  interface Window {
    __spectralWidget?: {
      state(): Record<string, string | undefined>;
      screenPoint(kind: Picked["kind"], index: number): { x: number; y: number } | null;
      cameraPosition(): [number, number, number] | null;
      drawCalls(): number;
      capturePng(): string | null;
    };
  }
}
window.__spectralWidget = {
  state: () => ({ ...ui.root.dataset, selection: ui.info.hidden ? undefined : (ui.info.textContent ?? undefined) }),
  screenPoint: (kind, index) => view?.screenPoint({ kind, index }) ?? null,
  cameraPosition: () => view?.cameraPosition() ?? null,
  drawCalls: () => view?.drawCalls() ?? 0,
  capturePng: () => view?.capturePng() ?? null,
};
