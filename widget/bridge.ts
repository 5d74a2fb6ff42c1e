/**
 * The widget's host bridge: which model to show, a way to call Spectral's tools, and a way to
 * open links, from whichever host runs the widget.
 *
 * - MCP Apps hosts (Claude, ChatGPT, any ext-apps host): JSON-RPC 2.0 over postMessage with the
 *   parent window (ext-apps specification 2026-01-26): the `ui/initialize` request and the
 *   `ui/notifications/initialized` notification, then `ui/notifications/tool-result` (the
 *   CallToolResult that opened the widget) and `ui/notifications/host-context-changed` from the
 *   host; `tools/call`, `ui/open-link` and `ui/notifications/size-changed` from the widget. Written
 *   here in a few lines instead of bundling the SDK's client (its schemas would triple the
 *   widget's size).
 * - ChatGPT's Apps SDK globals: `window.openai.toolOutput` (structuredContent), refreshed on the
 *   `openai:set_globals` event; `window.openai.callTool` and `openExternal`.
 *
 * Only `structuredContent.modelId`, `revision` and `viewerUrl` are read from the tool result:
 * the geometry itself comes from the app-only tool get_model_geometry, page by page.
 */

export interface ToolData {
  modelId: string | null;
  revision: number | null;
  viewerUrl: string | null;
}

export interface ToolCallOutcome {
  structuredContent?: unknown;
  isError?: boolean;
  content?: unknown;
}

interface OpenAiGlobals {
  toolOutput?: unknown;
  displayMode?: string;
  openExternal?: (o: { href: string }) => void;
  callTool?: (name: string, args: Record<string, unknown>) => Promise<unknown>;
}

declare global {
  interface Window {
    openai?: OpenAiGlobals;
  }
}

/** ext-apps protocol version this widget speaks. */
export const MCP_APPS_PROTOCOL_VERSION = "2026-01-26";

function obj(x: unknown): Record<string, unknown> | null {
  return x && typeof x === "object" && !Array.isArray(x) ? (x as Record<string, unknown>) : null;
}

/** Model id, revision and link from a tool result's structured content (any write tool or get_viewer). */
export function extractToolData(structuredContent: unknown): ToolData {
  const sc = obj(structuredContent);
  const modelId = sc?.modelId;
  const revision = sc?.revision;
  const url = sc?.viewerUrl;
  return {
    modelId: typeof modelId === "string" && modelId ? modelId : null,
    revision: typeof revision === "number" && Number.isInteger(revision) && revision > 0 ? revision : null,
    viewerUrl: typeof url === "string" && /^https?:\/\//.test(url) ? url : null,
  };
}

/** A ChatGPT callTool answer as a CallToolResult (it has been both the result and `{ result }`). */
export function normaliseCallToolResponse(res: unknown): ToolCallOutcome {
  const r = obj(res);
  if (r && ("structuredContent" in r || "isError" in r)) return r;
  const inner = r?.result;
  if (obj(inner)) return obj(inner)!;
  if (typeof inner === "string") {
    try {
      return normaliseCallToolResponse(JSON.parse(inner));
    } catch {
      return { isError: true, content: [{ type: "text", text: inner }] };
    }
  }
  return { isError: true };
}

export interface HostBridge {
  openLink(url: string): void;
  callTool(name: string, args: Record<string, unknown>): Promise<ToolCallOutcome>;
  /** Tells the host the widget's content size (MCP Apps hosts resize the frame). */
  sizeChanged(width: number, height: number): void;
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

/** JSON-RPC over postMessage with the parent window. */
class McpAppsPort {
  private nextId = 1;
  private pending = new Map<number, Pending>();
  hostCapabilities: Record<string, unknown> = {};
  connected = false;

  constructor(
    private readonly target: Window,
    private readonly onNotification: (method: string, params: unknown) => void,
  ) {
    window.addEventListener("message", (e) => {
      if (e.source === this.target) this.receive(e.data);
    });
  }

  private receive(data: unknown): void {
    const m = obj(data);
    if (!m || m.jsonrpc !== "2.0") return;
    const method = typeof m.method === "string" ? m.method : null;
    if (method && m.id !== undefined) {
      // A request from the host: teardown and ping need an empty answer; we offer nothing else.
      const known = method === "ui/resource-teardown" || method === "ping";
      this.post(known ? { jsonrpc: "2.0", id: m.id, result: {} } : { jsonrpc: "2.0", id: m.id, error: { code: -32601, message: `Method not found: ${method}` } });
      return;
    }
    if (method) {
      this.onNotification(method, m.params);
      return;
    }
    if (typeof m.id !== "number") return;
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    const err = obj(m.error);
    if (err) p.reject(new Error(typeof err.message === "string" ? err.message : "The host returned an error"));
    else p.resolve(m.result);
  }

  private post(msg: Record<string, unknown>): void {
    this.target.postMessage(msg, "*");
  }

  request(method: string, params: Record<string, unknown>): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.post({ jsonrpc: "2.0", id, method, params });
    });
  }

  notify(method: string, params?: Record<string, unknown>): void {
    this.post({ jsonrpc: "2.0", method, ...(params ? { params } : {}) });
  }

  async initialize(): Promise<Record<string, unknown>> {
    const res = obj(
      await this.request("ui/initialize", {
        appInfo: { name: "Spectral viewer", version: "2.0.0" },
        appCapabilities: {},
        protocolVersion: MCP_APPS_PROTOCOL_VERSION,
      }),
    );
    if (!res) throw new Error("ui/initialize returned no result");
    this.hostCapabilities = obj(res.hostCapabilities) ?? {};
    this.connected = true;
    this.notify("ui/notifications/initialized");
    return obj(res.hostContext) ?? {};
  }
}

/** Connects to the host; `onData` is called with every tool result that names a model. */
export function connectHost(onData: (d: ToolData) => void, onDisplayMode?: (mode: string) => void): HostBridge {
  const deliver = (structuredContent: unknown) => {
    const d = extractToolData(structuredContent);
    if (d.modelId || d.viewerUrl) onData(d);
  };

  // ChatGPT globals (present before our script runs, or set later).
  const readOpenAi = () => {
    const o = window.openai;
    if (!o) return;
    if (o.toolOutput) deliver(o.toolOutput);
    if (o.displayMode) onDisplayMode?.(o.displayMode);
  };
  readOpenAi();
  window.addEventListener("openai:set_globals", readOpenAi, { passive: true });

  // MCP Apps (only inside a frame: a top-level page has no host).
  let port: McpAppsPort | null = null;
  let ready: Promise<boolean> = Promise.resolve(false);
  if (window.parent && window.parent !== window) {
    port = new McpAppsPort(window.parent, (method, params) => {
      const p = obj(params);
      if (method === "ui/notifications/tool-result") deliver(p?.structuredContent);
      else if (method === "ui/notifications/host-context-changed" && typeof p?.displayMode === "string") onDisplayMode?.(p.displayMode);
    });
    const p = port;
    ready = p
      .initialize()
      .then((ctx) => {
        if (typeof ctx.displayMode === "string") onDisplayMode?.(ctx.displayMode);
        return true;
      })
      .catch(() => false); // not an MCP Apps host (e.g. ChatGPT globals only): the globals still work
  }

  return {
    openLink(url) {
      if (port?.connected && port.hostCapabilities.openLinks) {
        port.request("ui/open-link", { url }).catch(() => window.open(url, "_blank", "noopener,noreferrer"));
      } else if (window.openai?.openExternal) {
        window.openai.openExternal({ href: url });
      } else {
        window.open(url, "_blank", "noopener,noreferrer");
      }
    },
    async callTool(name, args) {
      // The standard bridge when it is (or may still become) connected; ChatGPT's global otherwise.
      const viaApps = port && (port.connected || !window.openai?.callTool) ? await ready : false;
      if (port && viaApps) return normaliseCallToolResponse(await port.request("tools/call", { name, arguments: args }));
      if (window.openai?.callTool) return normaliseCallToolResponse(await window.openai.callTool(name, args));
      throw new Error("This host does not let the viewer load the model.");
    },
    sizeChanged(width, height) {
      if (port?.connected) port.notify("ui/notifications/size-changed", { width, height });
    },
  };
}
