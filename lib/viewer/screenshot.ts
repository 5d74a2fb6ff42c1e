/**
 * Server-side PNG of a model, rendered by the same viewer code as the web page, in headless
 * Chromium (software WebGL).
 *
 * Design (no access can leak): the caller's access is checked here, with the viewer's rules
 * (`loadViewer`: owner/collaborator by user id, or a live share token). The renderer then gets
 * the already-authorised payload directly: it loads the self-contained renderer bundle
 * (generated/widget/render.html, the web viewer's code) into a blank page with every network request blocked, and calls
 * `window.spectralRender(payload, { view })`. No URL, cookie or token is ever handed to the
 * browser, so there is nothing to replay.
 *
 * Used by GET /api/models/[id]/screenshot and available to MCP tools (an image content block).
 */
import "server-only";
import { z } from "zod";
import type { Page } from "playwright-core";
import { getScreenshotRendererHtml } from "./widget";
import { loadViewer, type ViewerAccess } from "./load";
import { sharedBrowser, withRenderSlot } from "./browser";
import { VIEW_NAMES, type DisplayOptions, type ViewName } from "./types";
import { AppError } from "@/lib/structural/errors";

export const ScreenshotOptionsSchema = z.object({
  view: z.enum(VIEW_NAMES as [ViewName, ...ViewName[]]).default("iso"),
  width: z.coerce.number().int().min(64).max(2400).default(1200),
  height: z.coerce.number().int().min(64).max(2400).default(800),
  rev: z.coerce.number().int().min(1).optional(),
  solid: z.enum(["0", "1", "true", "false"]).optional(),
});

export interface RenderModelPngOptions {
  modelId: string;
  /** Revision to show (default: latest). */
  revision?: number;
  view: ViewName;
  width: number;
  height: number;
  /**
   * The app's base URL. Not needed by this renderer (it loads the self-contained bundle and makes
   * no requests); accepted so callers can pass it uniformly.
   */
  baseUrl?: string;
  /** Who asks: a signed-in user id and/or a share token (same rules as the viewer page). */
  access: ViewerAccess;
  /** Display overrides (e.g. `{ solid: true }`). */
  display?: Partial<DisplayOptions>;
  /** Whole-render timeout in ms (default 30 s). */
  timeoutMs?: number;
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let t: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (t = setTimeout(() => reject(new AppError("timeout", `${what} took longer than ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(t);
  }
}

/** A PNG (Buffer) of the model as the viewer draws it, at width × height CSS pixels. */
export async function renderModelPng(opts: RenderModelPngOptions): Promise<Buffer> {
  const width = Math.round(Math.min(2400, Math.max(64, opts.width)));
  const height = Math.round(Math.min(2400, Math.max(64, opts.height)));
  const data = await loadViewer(opts.modelId, opts.access.userId ?? null, opts.access.shareToken ?? null, opts.revision);
  if (!data) throw new AppError("not_found", "No such model.");
  const html = await getScreenshotRendererHtml();
  const timeoutMs = opts.timeoutMs ?? 30_000;
  return withRenderSlot(async () => {
    const browser = await sharedBrowser();
    const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, javaScriptEnabled: true });
    let page: Page | undefined;
    try {
      page = await context.newPage();
      // Nothing may leave the page: the bundle is self-contained.
      await page.route("**/*", (route) => route.abort());
      const p = page;
      return await withTimeout(
        (async () => {
          await p.setContent(html, { waitUntil: "load" });
          await p.evaluate(
            ([payload, view, display]) => {
              // Declared by the renderer bundle (render/main.tsx).
              if (!window.spectralRender) throw new Error("the screenshot renderer did not load");
              return window.spectralRender(payload, { view, display });
            },
            [data.payload, opts.view, opts.display ?? {}] as const,
          );
          return await p.screenshot({ type: "png", fullPage: false });
        })(),
        timeoutMs,
        "Rendering the model",
      );
    } finally {
      await context.close().catch(() => undefined);
    }
  });
}
