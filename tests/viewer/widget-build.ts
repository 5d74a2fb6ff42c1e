/**
 * The widget bundle the viewer tests need (generated/widget/viewer.html). `npm run build` makes
 * it; when a test run starts from a plain `next build`, build it here (atomically: test files
 * run in parallel).
 */
import { existsSync, renameSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const WIDGET_FILE = join(ROOT, "generated", "widget", "viewer.html");

export async function ensureWidgetBuilt(): Promise<string> {
  if (existsSync(WIDGET_FILE)) return WIDGET_FILE;
  // @ts-expect-error: plain JavaScript build script
  const { buildSingleHtml } = (await import("../../scripts/build-widget.mjs")) as { buildSingleHtml: (src: string, out: string) => Promise<number> };
  const tmp = join(ROOT, "generated", "widget", `viewer.${process.pid}.${Date.now()}.html`);
  await buildSingleHtml(join(ROOT, "widget"), tmp);
  renameSync(tmp, WIDGET_FILE);
  return WIDGET_FILE;
}
