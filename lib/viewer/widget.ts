/**
 * The in-chat viewer widget as an MCP Apps resource (ui://spectral/viewer.html).
 *
 * The HTML is ONE self-contained document (plain DOM + three.js, widget/) built by
 * scripts/build-widget.mjs, the first step of `npm run build`. It reads the model id and revision
 * from the tool result the host passes it and asks for the geometry itself, page by page, through
 * the host (the app-only tool get_model_geometry). It makes no network requests of its own, so its
 * CSP allows nothing beyond inline scripts and styles.
 *
 * The same build writes the server-side screenshot renderer (render/, the web app's viewer), which
 * is never served to clients.
 *
 * lib/mcp registers the resource and links viewer tools to it (`_meta.ui.resourceUri`).
 * @see https://github.com/modelcontextprotocol/ext-apps (specification/2026-01-26/apps.mdx)
 */
import "server-only";
import { readFile } from "node:fs/promises";
import { join } from "node:path";

/** Version the URI on breaking changes: hosts cache resources by URI. */
export const VIEWER_WIDGET_URI = "ui://spectral/viewer.html";
/** MCP Apps HTML profile (`RESOURCE_MIME_TYPE` in @modelcontextprotocol/ext-apps). */
export const VIEWER_WIDGET_MIME = "text/html;profile=mcp-app";
/** Where scripts/build-widget.mjs writes the bundle (relative to the app's working directory). */
export const VIEWER_WIDGET_FILE = join("generated", "widget", "viewer.html");

/** Where scripts/build-widget.mjs writes the screenshot renderer (lib/viewer/screenshot.ts loads it). */
export const SCREENSHOT_RENDERER_FILE = join("generated", "widget", "render.html");

let widgetHtml: Promise<string> | undefined;
let rendererHtml: Promise<string> | undefined;

function missing(file: string) {
  return (e: unknown): never => {
    throw new Error(`${file} is not built: run \`node scripts/build-widget.mjs\` or \`npm run build\`. ${String(e)}`);
  };
}

// turbopackIgnore: build-time artefacts read at run time, not modules for the bundler to trace.

/** The built widget HTML (read once per process). Throws with the fix when the bundle is missing. */
export function getViewerWidgetHtml(): Promise<string> {
  widgetHtml ??= readFile(join(/* turbopackIgnore: true */ process.cwd(), "generated", "widget", "viewer.html"), "utf8").catch((e: unknown) => {
    widgetHtml = undefined;
    return missing(VIEWER_WIDGET_FILE)(e);
  });
  return widgetHtml;
}

/** The built screenshot renderer HTML (server-side only; read once per process). */
export function getScreenshotRendererHtml(): Promise<string> {
  rendererHtml ??= readFile(join(/* turbopackIgnore: true */ process.cwd(), "generated", "widget", "render.html"), "utf8").catch((e: unknown) => {
    rendererHtml = undefined;
    return missing(SCREENSHOT_RENDERER_FILE)(e);
  });
  return rendererHtml;
}

export interface WidgetResourceMeta {
  ui: {
    csp: { connectDomains: string[]; resourceDomains: string[]; frameDomains: string[]; baseUriDomains: string[] };
    domain?: string;
    prefersBorder: boolean;
  };
  "openai/widgetCSP": { connect_domains: string[]; resource_domains: string[]; frame_domains: string[]; redirect_domains: string[] };
  "openai/widgetDomain": string;
  "openai/widgetDescription": string;
  "openai/widgetPrefersBorder": boolean;
  [key: string]: unknown;
}

/**
 * The resource `_meta` for both the standard MCP Apps keys and ChatGPT's legacy keys.
 * - CSP: everything is inline and the widget fetches nothing, so every domain list is empty
 *   (hosts then apply `connect-src 'none'` with inline script/style only).
 * - `ui.domain` is left out: its format is host-specific and the widget needs no dedicated origin.
 * - `openai/widgetDomain` (required by ChatGPT's app review) is the app's origin, and the same
 *   origin is the only redirect domain, for the "Open full viewer" link.
 * @param appOrigin the web app's origin, e.g. https://app.spectralco.co
 */
export function widgetResourceMeta(appOrigin: string): WidgetResourceMeta {
  const origin = new URL(appOrigin).origin;
  return {
    ui: {
      csp: { connectDomains: [], resourceDomains: [], frameDomains: [], baseUriDomains: [] },
      prefersBorder: true,
    },
    "openai/widgetCSP": { connect_domains: [], resource_domains: [], frame_domains: [], redirect_domains: [origin] },
    "openai/widgetDomain": origin,
    "openai/widgetDescription":
      "Interactive 3D view of the Spectral structural model from this tool result: nodes, frames and supports; orbit, select and inspect, with a link to the full viewer.",
    "openai/widgetPrefersBorder": true,
  };
}
