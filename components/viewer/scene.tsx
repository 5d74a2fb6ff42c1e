"use client";
/**
 * The 3D scene: one <Canvas frameloop="demand"> (renders only when something changed) with one
 * component per layer — never one per element. Draw calls: frames 1, nodes 1, grid 1, supports
 * ≤ 3, loads 2, solid mode + 1 per section; constant in the number of elements.
 */
import { useRef, type MutableRefObject, type ReactNode, type RefObject } from "react";
import { Canvas, useFrame } from "@react-three/fiber";
import { CameraRig, PARALLEL_FOV, PERSPECTIVE_FOV, type ViewerApi } from "./camera-rig";
import { Frames } from "./frames";
import { Nodes } from "./nodes";
import { SolidFrames } from "./solid-frames";
import { Supports } from "./supports";
import { Loads } from "./loads";
import { GroundGrid } from "./ground-grid";
import { Labels } from "./labels";
import { AxesTriad } from "./axes-triad";
import { Selection } from "./selection";
import type { ModelBuffers } from "./geometry";
import type { Highlight } from "./highlight";
import { COLORS } from "./palette";
import type { DisplayOptions, Pick, ViewName, ViewerPayload } from "./types";

export interface SceneProps {
  payload: ViewerPayload;
  buffers: ModelBuffers;
  frameColors: Uint32Array;
  display: DisplayOptions;
  highlight: Highlight;
  initialView: ViewName;
  /** Parallel (true) or perspective projection. */
  parallel: boolean;
  apiRef: MutableRefObject<ViewerApi | null>;
  labelsRef: RefObject<HTMLDivElement | null>;
  triadRef: RefObject<SVGSVGElement | null>;
  onSelect(p: Pick | null): void;
  onHover(p: Pick | null): void;
  /** Called once, after the first frame has been drawn. */
  onFirstFrame?(): void;
  /** Render mode: no interaction, device pixel ratio 1, drawing buffer kept for capture. */
  still?: boolean;
  /** Extra layers inside the canvas (analysis results). */
  children?: ReactNode;
  /** Isolated frames: only these (and their nodes) are labelled. */
  labelMask?: Uint8Array | null;
}

/** Calls `cb` on the animation frame after the first rendered frame. */
function FirstFrame({ cb }: { cb?: () => void }) {
  const done = useRef(false);
  const cbRef = useRef(cb);
  cbRef.current = cb;
  useFrame(() => {
    if (done.current) return;
    done.current = true;
    requestAnimationFrame(() => cbRef.current?.());
  });
  return null;
}

export function Scene(p: SceneProps) {
  const { payload, buffers, display, highlight } = p;
  return (
    <Canvas
      frameloop="demand"
      dpr={p.still ? 1 : [1, 2]}
      gl={{ antialias: true, preserveDrawingBuffer: !!p.still, powerPreference: "high-performance" }}
      camera={{ fov: p.parallel ? PARALLEL_FOV : PERSPECTIVE_FOV, near: 0.01, far: 1e6, position: [10, 10, 10] }}
      onCreated={(s) => s.gl.setClearColor(COLORS.background)}
      className="sv-canvas"
    >
      <CameraRig buffers={buffers} modelKey={payload.modelId} initialView={p.initialView} parallel={p.parallel} apiRef={p.apiRef} interactive={!p.still} />
      {display.grid && <GroundGrid buffers={buffers} />}
      {display.solid && <SolidFrames payload={payload} buffers={buffers} colors={p.frameColors} highlight={highlight} />}
      <Frames buffers={buffers} colors={p.frameColors} highlight={highlight} faint={display.solid} />
      {display.nodes && <Nodes buffers={buffers} highlight={highlight} />}
      {display.supports && <Supports payload={payload} buffers={buffers} />}
      {display.loads && display.loadCase >= 0 && <Loads payload={payload} buffers={buffers} caseIndex={display.loadCase} />}
      {p.children}
      <Labels
        payload={payload}
        buffers={buffers}
        container={p.labelsRef}
        show={{ nodes: display.labels && display.nodes, frames: display.labels }}
        highlight={highlight}
        mask={p.labelMask ?? null}
      />
      <AxesTriad svg={p.triadRef} vertical={buffers.vertical} />
      {!p.still && <Selection buffers={buffers} pickable={{ nodes: display.nodes, frames: true }} onSelect={p.onSelect} onHover={p.onHover} />}
      <FirstFrame cb={p.onFirstFrame} />
    </Canvas>
  );
}
