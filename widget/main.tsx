/**
 * Entry of the in-chat widget (ui://spectral/viewer.html) and of server-side screenshots.
 * Renders the SAME viewer as the web app (components/viewer/viewer.tsx), fed by the host bridge.
 *
 * Screenshot mode: lib/viewer/screenshot.ts loads this bundle in headless Chromium and calls
 * `window.spectralRender(payload, { view })`, which mounts the viewer in "render" mode and
 * resolves once the first frame is drawn.
 */
import { StrictMode, useEffect, useState } from "react";
import { config as zodConfig } from "zod";
import { createRoot, type Root } from "react-dom/client";
import { Viewer } from "@/components/viewer/viewer";
import type { DisplayOptions, ViewName, ViewerPayload } from "@/components/viewer/types";
import { connectHost, type HostBridge, type ToolData } from "./bridge";

// Hosts run the widget under a CSP without 'unsafe-eval': keep zod (used by the MCP Apps bridge)
// from probing `new Function`, which would log a CSP violation.
zodConfig({ jitless: true });

declare global {
  interface Window {
    spectralRender?: (payload: ViewerPayload, opts?: { view?: ViewName; display?: Partial<DisplayOptions> }) => Promise<void>;
  }
}

function WidgetApp() {
  const [data, setData] = useState<ToolData>({ payload: null, viewerUrl: null });
  const [bridge, setBridge] = useState<HostBridge | null>(null);
  const [fullscreen, setFullscreen] = useState(false);
  useEffect(() => {
    setBridge(
      connectHost(
        (d) => setData((prev) => ({ payload: d.payload ?? prev.payload, viewerUrl: d.viewerUrl ?? prev.viewerUrl })),
        (mode) => setFullscreen(mode === "fullscreen"),
      ),
    );
  }, []);
  useEffect(() => {
    document.documentElement.classList.toggle("sw-fullscreen", fullscreen);
  }, [fullscreen]);

  const link = data.viewerUrl ? (
    <a
      className="sv-btn sv-btn-primary"
      href={data.viewerUrl}
      target="_blank"
      rel="noopener noreferrer"
      onClick={(e) => {
        if (!bridge) return;
        e.preventDefault();
        bridge.openLink(data.viewerUrl!);
      }}
    >
      Open full viewer ↗
    </a>
  ) : null;

  if (!data.payload) {
    return (
      <div className="sw-wait" data-testid="widget-waiting">
        <span>Waiting for the model…</span>
        {link}
      </div>
    );
  }
  return <Viewer payload={data.payload} mode="widget" toolbarExtra={link} onDownload={bridge?.download} />;
}

const el = document.getElementById("root")!;
let root: Root | null = null;

window.spectralRender = (payload, opts = {}) =>
  new Promise<void>((resolve) => {
    document.documentElement.classList.add("sw-render");
    root?.unmount();
    root = createRoot(el);
    root.render(<Viewer payload={payload} mode="render" initialView={opts.view ?? "iso"} display={opts.display} onReady={() => resolve()} />);
  });

// Screenshots set this flag before the bundle runs, so no host bridge starts.
if (!(window as { __SPECTRAL_RENDER_ONLY__?: boolean }).__SPECTRAL_RENDER_ONLY__) {
  root = createRoot(el);
  root.render(
    <StrictMode>
      <WidgetApp />
    </StrictMode>,
  );
}
