"use client";
/**
 * Camera and controls: orbit (left drag), pan (right or middle drag, or shift + left), zoom to the
 * cursor (wheel), zoom-to-fit and the standard views; a key light that follows the camera.
 * Registers the imperative viewer API (fit, views, PNG capture, render stats) for the DOM UI.
 */
import { useEffect, useMemo, useRef, type MutableRefObject } from "react";
import * as THREE from "three";
import { useFrame, useThree } from "@react-three/fiber";
import { OrbitControls } from "three/examples/jsm/controls/OrbitControls.js";
import { toWorld, type ModelBuffers } from "./geometry";
import { fitDistance, VIEWS } from "./views";
import type { Pick, ViewName } from "./types";

export interface ViewerApi {
  /** Zoom to fit the whole model, in `view` or keeping the current direction. */
  fit(view?: ViewName): void;
  /** The current standard view (the last one chosen). */
  view(): ViewName;
  /** Renders a frame now and returns it as a PNG data URL. */
  capturePng(): string;
  /** Draw calls, triangles, lines and points of the last frame. */
  info(): { calls: number; triangles: number; lines: number; points: number };
  /** Where a node or frame (its midpoint) is on screen, in CSS pixels from the canvas' top-left. */
  screenPosition(p: Pick): { x: number; y: number } | null;
  /**
   * Orbits the camera by `orbitRad` about the vertical axis, renders one frame now and waits for
   * the GPU to finish it (a 1-pixel read-back); returns the milliseconds taken (benchmarks).
   */
  renderFrame(orbitRad?: number): number;
}

/** Vertical field of view of the perspective projection, and of the (near-)parallel one. */
export const PERSPECTIVE_FOV = 35;
export const PARALLEL_FOV = 1.5;

export interface CameraRigProps {
  buffers: ModelBuffers;
  /**
   * Which model the buffers draw (its id). New buffers of the same model (a live update to the
   * next revision) keep the camera; another model, or the first buffers, are zoomed to fit.
   */
  modelKey?: string;
  initialView: ViewName;
  /**
   * Parallel projection (elevations and plans as engineers draw them), emulated by a very narrow
   * field of view from far away, so picking, labels and controls work unchanged.
   */
  parallel: boolean;
  apiRef: MutableRefObject<ViewerApi | null>;
  /** Allow user interaction (false in render mode). Default true. */
  interactive?: boolean;
}

const _v = /* @__PURE__ */ new THREE.Vector3();
const _up = /* @__PURE__ */ new THREE.Vector3(0, 1, 0);
const _px = /* @__PURE__ */ new Uint8Array(4);

export function CameraRig({ buffers, modelKey = "", initialView, parallel, apiRef, interactive = true }: CameraRigProps) {
  const camera = useThree((s) => s.camera) as THREE.PerspectiveCamera;
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  const invalidate = useThree((s) => s.invalidate);
  const advance = useThree((s) => s.advance);
  const size = useThree((s) => s.size);
  const light = useRef<THREE.DirectionalLight>(null);
  const viewRef = useRef<ViewName>(initialView);
  const sizeRef = useRef(size);
  sizeRef.current = size;

  const controls = useMemo(() => {
    const c = new OrbitControls(camera);
    c.enableDamping = false;
    c.screenSpacePanning = true;
    c.zoomToCursor = true;
    c.mouseButtons = { LEFT: THREE.MOUSE.ROTATE, MIDDLE: THREE.MOUSE.PAN, RIGHT: THREE.MOUSE.PAN };
    c.touches = { ONE: THREE.TOUCH.ROTATE, TWO: THREE.TOUCH.DOLLY_PAN };
    return c;
  }, [camera, gl]);

  // Listeners are attached in an effect (and detached in its cleanup) so a remount reconnects them.
  useEffect(() => {
    controls.enabled = interactive;
    if (interactive) controls.connect(gl.domElement);
    const onChange = () => invalidate();
    controls.addEventListener("change", onChange);
    return () => {
      controls.removeEventListener("change", onChange);
      controls.disconnect();
    };
  }, [controls, gl, invalidate, interactive]);

  useEffect(() => {
    const fit = (view?: ViewName) => {
      if (view) viewRef.current = view;
      const s = sizeRef.current;
      const aspect = s.width / Math.max(1, s.height);
      let dir = VIEWS[viewRef.current];
      if (!view) {
        // Keep the current direction: fit along the current eye vector.
        _v.copy(camera.position).sub(controls.target);
        if (_v.lengthSq() > 0) {
          _v.normalize();
          dir = { eye: [_v.x, _v.y, _v.z], up: [0, 1, 0] };
        }
      }
      // Pad the node box so support glyphs, load arrows and labels at the edges stay in view.
      const pad = buffers.glyphSize * 4 + buffers.radius * 0.04;
      const lo = buffers.boxMin.map((v) => v - pad) as [number, number, number];
      const hi = buffers.boxMax.map((v) => v + pad) as [number, number, number];
      const d = fitDistance(lo, hi, dir, camera.fov, aspect, 1.1);
      controls.target.set(0, 0, 0);
      camera.up.set(0, 1, 0);
      camera.position.set(dir.eye[0] * d, dir.eye[1] * d, dir.eye[2] * d);
      camera.near = Math.max(d / 2000, buffers.radius / 5000);
      camera.far = d + buffers.radius * 50;
      camera.updateProjectionMatrix();
      camera.lookAt(0, 0, 0);
      controls.maxDistance = d * 20;
      controls.update();
      invalidate();
    };
    apiRef.current = {
      fit,
      view: () => viewRef.current,
      capturePng() {
        gl.render(scene, camera);
        return gl.domElement.toDataURL("image/png");
      },
      info() {
        const r = gl.info.render;
        return { calls: r.calls, triangles: r.triangles, lines: r.lines, points: r.points };
      },
      renderFrame(orbitRad = 0) {
        const t0 = performance.now();
        if (orbitRad) {
          _v.copy(camera.position).sub(controls.target).applyAxisAngle(_up, orbitRad);
          camera.position.copy(controls.target).add(_v);
          camera.lookAt(controls.target);
        }
        advance(performance.now()); // the full frame: useFrame subscribers (labels, triad, light) + render
        const ctx = gl.getContext();
        ctx.readPixels(0, 0, 1, 1, ctx.RGBA, ctx.UNSIGNED_BYTE, _px);
        return performance.now() - t0;
      },
      screenPosition(p) {
        let w: THREE.Vector3;
        const np = buffers.nodePositions;
        if (p.kind === "node") {
          if (p.index < 0 || p.index >= buffers.nodeCount) return null;
          w = _v.set(np[3 * p.index]!, np[3 * p.index + 1]!, np[3 * p.index + 2]!);
        } else {
          if (p.index < 0 || p.index >= buffers.frameCount) return null;
          const q = buffers.framePositions, o = 6 * p.index;
          w = _v.set((q[o]! + q[o + 3]!) / 2, (q[o + 1]! + q[o + 4]!) / 2, (q[o + 2]! + q[o + 5]!) / 2);
        }
        camera.updateMatrixWorld();
        w.project(camera);
        const s = sizeRef.current;
        return { x: ((w.x + 1) / 2) * s.width, y: ((1 - w.y) / 2) * s.height };
      },
    };
    return () => {
      apiRef.current = null;
    };
  }, [apiRef, buffers, camera, controls, gl, scene, invalidate, advance]);

  // Switching projection keeps the view direction and the apparent size at the target.
  useEffect(() => {
    const fov = parallel ? PARALLEL_FOV : PERSPECTIVE_FOV;
    if (camera.fov === fov) return;
    _v.copy(camera.position).sub(controls.target);
    const d = _v.length() * (Math.tan((camera.fov * Math.PI) / 360) / Math.tan((fov * Math.PI) / 360));
    camera.fov = fov;
    camera.position.copy(controls.target).add(_v.setLength(d));
    camera.near = Math.max(d / 2000, buffers.radius / 5000);
    camera.far = d + buffers.radius * 50;
    camera.updateProjectionMatrix();
    controls.maxDistance = Math.max(controls.maxDistance, d * 20);
    controls.update();
    invalidate();
  }, [parallel, camera, controls, buffers, invalidate]);

  // Zoom to fit on load and when another model is shown. A new revision of the same model (live
  // updates) keeps the camera where the user put it: the buffers are re-centred on the new
  // bounding box, so the camera and its target follow the centre's shift and the model stays put.
  const shown = useRef<{ key: string; centre: [number, number, number] } | null>(null);
  useEffect(() => {
    const prev = shown.current;
    shown.current = { key: modelKey, centre: buffers.centre };
    if (!prev || prev.key !== modelKey) {
      apiRef.current?.fit(initialView);
      return;
    }
    const c = buffers.centre;
    const shift = toWorld([prev.centre[0] - c[0], prev.centre[1] - c[1], prev.centre[2] - c[2]], buffers.vertical);
    _v.set(shift[0], shift[1], shift[2]);
    camera.position.add(_v);
    controls.target.add(_v);
    const d = camera.position.distanceTo(controls.target);
    camera.far = Math.max(camera.far, d + buffers.radius * 50);
    camera.updateProjectionMatrix();
    controls.maxDistance = Math.max(controls.maxDistance, d * 20, buffers.radius * 40);
    controls.update();
    invalidate();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [buffers]);

  // Keep the framing when the canvas is resized (panel toggles, window resize).
  useEffect(() => {
    camera.updateProjectionMatrix();
    invalidate();
  }, [size, camera, invalidate]);

  useFrame(() => {
    light.current?.position.copy(camera.position);
  });

  return (
    <>
      <ambientLight intensity={0.9} />
      <hemisphereLight args={[0xdde8f5, 0x20262e, 0.6]} />
      <directionalLight ref={light} intensity={1.6} />
    </>
  );
}
