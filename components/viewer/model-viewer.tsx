"use client";
/**
 * The viewer as the Next.js pages use it: loaded on the client only (WebGL has no server
 * rendering), with a placeholder of the same size while the bundle loads.
 */
import dynamic from "next/dynamic";
import type { ViewerProps } from "./viewer";
import "./viewer.css";

const Viewer = dynamic(() => import("./viewer").then((m) => m.Viewer), {
  ssr: false,
  loading: () => <div className="sv-loading">Loading the 3D viewer…</div>,
});

export type ModelViewerProps = Omit<ViewerProps, "onDownload" | "onReady">;

export function ModelViewer(props: ModelViewerProps) {
  return <Viewer {...props} />;
}
