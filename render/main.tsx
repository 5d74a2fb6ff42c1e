/**
 * The server-side screenshot renderer (generated/widget/render.html; never sent to a client):
 * the web viewer itself (components/viewer/viewer.tsx) in "render" mode, so PNGs look exactly like
 * the web app. lib/viewer/screenshot.ts loads it in headless Chromium with every request blocked
 * and calls `window.spectralRender(payload, { view })`, which resolves once the first frame is drawn.
 *
 * The in-chat widget (widget/) is a separate, much smaller bundle that does not include this viewer.
 */
import { createRoot, type Root } from "react-dom/client";
import { Viewer } from "@/components/viewer/viewer";
import type { DisplayOptions, ViewName, ViewerPayload } from "@/components/viewer/types";

declare global {
  interface Window {
    spectralRender?: (payload: ViewerPayload, opts?: { view?: ViewName; display?: Partial<DisplayOptions> }) => Promise<void>;
  }
}

const el = document.getElementById("root")!;
let root: Root | null = null;

window.spectralRender = (payload, opts = {}) =>
  new Promise<void>((resolve) => {
    root?.unmount();
    root = createRoot(el);
    root.render(<Viewer payload={payload} mode="render" initialView={opts.view ?? "iso"} display={opts.display} onReady={() => resolve()} />);
  });
