/**
 * The bundles the viewer tests need: the in-chat widget (generated/widget/viewer.html) and the
 * screenshot renderer (generated/widget/render.html). `npm run build` makes them; when a test run
 * starts from a plain `next build`, build them here (atomically: test files run in parallel).
 */
import { existsSync, renameSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const WIDGET_FILE = join(ROOT, "generated", "widget", "viewer.html");
export const RENDERER_FILE = join(ROOT, "generated", "widget", "render.html");

async function ensureBuilt(src: string, out: string): Promise<string> {
  if (existsSync(out)) return out;
  // @ts-expect-error: plain JavaScript build script
  const { buildSingleHtml } = (await import("../../scripts/build-widget.mjs")) as { buildSingleHtml: (src: string, out: string) => Promise<number> };
  const tmp = `${out}.${process.pid}.${Date.now()}.html`;
  await buildSingleHtml(join(ROOT, src), tmp);
  renameSync(tmp, out);
  return out;
}

export function ensureWidgetBuilt(): Promise<string> {
  return ensureBuilt("widget", WIDGET_FILE);
}

export function ensureRendererBuilt(): Promise<string> {
  return ensureBuilt("render", RENDERER_FILE);
}
