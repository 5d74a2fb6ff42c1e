/**
 * The widget's host bridge: gets the viewer payload from whichever host runs the widget.
 *
 * - MCP Apps hosts (Claude, ChatGPT, any ext-apps host): the standard view-side `App` from
 *   @modelcontextprotocol/ext-apps over postMessage JSON-RPC (`ui/initialize` handshake, then
 *   `ui/notifications/tool-result` carrying the CallToolResult).
 * - ChatGPT's Apps SDK globals: `window.openai.toolOutput` (structuredContent) and
 *   `window.openai.toolResponseMetadata` (_meta), refreshed on the `openai:set_globals` event.
 *
 * The payload is read from `_meta["spectral/viewer"]` (the full ViewerPayload, widget-only) or
 * `structuredContent.viewer`; the link out is `structuredContent.viewerUrl`.
 */
import { App, PostMessageTransport } from "@modelcontextprotocol/ext-apps";
import type { ViewerPayload } from "@/components/viewer/types";

export interface ToolData {
  payload: ViewerPayload | null;
  viewerUrl: string | null;
}

interface OpenAiGlobals {
  toolOutput?: unknown;
  toolResponseMetadata?: unknown;
  displayMode?: string;
  openExternal?: (o: { href: string }) => void;
}

declare global {
  interface Window {
    openai?: OpenAiGlobals;
  }
}

function obj(x: unknown): Record<string, unknown> | null {
  return x && typeof x === "object" && !Array.isArray(x) ? (x as Record<string, unknown>) : null;
}

/** A light structural check (the server validated the payload; this guards against other tools' results). */
export function isViewerPayload(x: unknown): x is ViewerPayload {
  const p = obj(x);
  const nodes = obj(p?.nodes), frames = obj(p?.frames);
  return !!p && !!nodes && !!frames && Array.isArray(nodes.positions) && Array.isArray(frames.pairs) && typeof p.name === "string" && !!obj(p.units);
}

/** Payload and link from a tool result (or from ChatGPT's toolOutput + toolResponseMetadata). */
export function extractToolData(result: { structuredContent?: unknown; _meta?: unknown } | null | undefined): ToolData {
  const sc = obj(result?.structuredContent);
  const meta = obj(result?._meta);
  const candidates = [meta?.["spectral/viewer"], sc?.viewer, sc];
  const payload = (candidates.find(isViewerPayload) as ViewerPayload | undefined) ?? null;
  const url = sc?.viewerUrl ?? obj(sc?.viewer)?.viewerUrl ?? meta?.["spectral/viewerUrl"];
  return { payload, viewerUrl: typeof url === "string" && /^https?:\/\//.test(url) ? url : null };
}

export interface HostBridge {
  openLink(url: string): void;
  /** Present when the host downloads files for the view (sandboxed frames often cannot). */
  download?: (dataUrl: string, filename: string) => void;
}

/** Connects to the host; `onData` is called with every tool result that carries a viewer payload. */
export function connectHost(onData: (d: ToolData) => void, onDisplayMode?: (mode: string) => void): HostBridge {
  let app: App | null = null;
  let connected = false;
  const deliver = (d: ToolData) => {
    if (d.payload || d.viewerUrl) onData(d);
  };

  // ChatGPT globals (present before our script runs, or set later).
  const readOpenAi = () => {
    const o = window.openai;
    if (!o) return;
    if (o.toolOutput || o.toolResponseMetadata) deliver(extractToolData({ structuredContent: o.toolOutput, _meta: o.toolResponseMetadata }));
    if (o.displayMode) onDisplayMode?.(o.displayMode);
  };
  readOpenAi();
  window.addEventListener("openai:set_globals", readOpenAi as EventListener, { passive: true });

  // MCP Apps bridge (only inside a frame: a top-level page has no host).
  if (window.parent && window.parent !== window) {
    app = new App({ name: "Spectral viewer", version: "1.0.0" }, {}, { autoResize: true });
    app.ontoolresult = (params) => deliver(extractToolData(params as { structuredContent?: unknown; _meta?: unknown }));
    app.onhostcontextchanged = (ctx) => {
      if (ctx.displayMode) onDisplayMode?.(ctx.displayMode);
    };
    app
      .connect(new PostMessageTransport(window.parent, window.parent))
      .then(() => {
        connected = true;
        const mode = app?.getHostContext()?.displayMode;
        if (mode) onDisplayMode?.(mode);
      })
      .catch(() => {
        /* not an MCP Apps host (e.g. ChatGPT globals only): the globals path above still works */
      });
  }

  return {
    openLink(url: string) {
      if (app && connected && app.getHostCapabilities()?.openLinks) {
        app.openLink({ url }).catch(() => window.open(url, "_blank", "noopener,noreferrer"));
      } else if (window.openai?.openExternal) {
        window.openai.openExternal({ href: url });
      } else {
        window.open(url, "_blank", "noopener,noreferrer");
      }
    },
    get download() {
      if (!(app && connected && app.getHostCapabilities()?.downloadFile)) return undefined;
      return (dataUrl: string, filename: string) => {
        const blob = dataUrl.slice(dataUrl.indexOf(",") + 1);
        void app!.downloadFile({ contents: [{ type: "resource", resource: { uri: `file:///${filename}`, mimeType: "image/png", blob } }] });
      };
    },
  };
}
