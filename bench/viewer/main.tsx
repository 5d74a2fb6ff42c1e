/**
 * Benchmark page (built into one HTML file by bench/viewer.bench.mjs): renders a payload with
 * (a) the real viewer (components/viewer, render mode) and (b) a naive baseline, one three.js
 * object per element (a Mesh per node with the same low-poly glyph, a Line per frame), on the
 * same canvas size, and reports time to first frame, mean frame time over an orbit, draw calls.
 */
import { createRoot } from "react-dom/client";
import * as THREE from "three";
import { Viewer, type ViewerApi } from "@/components/viewer/viewer";
import { buildModelBuffers } from "@/components/viewer/geometry";
import { fitDistance, VIEWS } from "@/components/viewer/views";
import type { ViewerPayload } from "@/components/viewer/types";

export interface BenchResult {
  firstFrameMs: number;
  frameMs: number[];
  calls: number;
  triangles: number;
  heapMB: number;
}

declare global {
  interface Window {
    benchViewer(p: ViewerPayload, frames: number): Promise<BenchResult>;
    benchNaive(p: ViewerPayload, frames: number): Promise<BenchResult>;
  }
}

const heap = () => ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 2 ** 20;
const STEP = (2 * Math.PI) / 60;

window.benchViewer = (payload, frames) =>
  new Promise((resolve) => {
    const t0 = performance.now();
    const root = createRoot(document.getElementById("root")!);
    const onReady = (api: ViewerApi) => {
      // first frame: mount + buffers + first render, finished on the GPU
      api.renderFrame(0);
      const firstFrameMs = performance.now() - t0;
      const frameMs: number[] = [];
      api.renderFrame(STEP); // warm-up
      for (let i = 0; i < frames; i++) frameMs.push(api.renderFrame(STEP));
      const info = api.info();
      resolve({ firstFrameMs, frameMs, calls: info.calls, triangles: info.triangles, heapMB: heap() });
    };
    root.render(<Viewer payload={payload} mode="render" display={{ labels: false, loads: false, grid: true }} onReady={onReady} />);
  });

window.benchNaive = async (payload, frames) => {
  const t0 = performance.now();
  const el = document.getElementById("root")!;
  const renderer = new THREE.WebGLRenderer({ antialias: true });
  renderer.setPixelRatio(1);
  renderer.setSize(el.clientWidth, el.clientHeight);
  renderer.setClearColor(0x10151b);
  el.appendChild(renderer.domElement);
  const scene = new THREE.Scene();
  scene.add(new THREE.AmbientLight(0xffffff, 0.9), new THREE.DirectionalLight(0xffffff, 1.6));
  // the same re-centred world coordinates and glyph size as the viewer, but one object per element
  const b = buildModelBuffers(payload);
  const glyph = new THREE.OctahedronGeometry(b.glyphSize * 0.5, 0);
  const nodeMat = new THREE.MeshLambertMaterial({ color: 0xe6edf3 });
  const lineMat = new THREE.LineBasicMaterial({ color: 0x9fb4c8 });
  for (let i = 0; i < b.nodeCount; i++) {
    const m = new THREE.Mesh(glyph, nodeMat);
    m.position.set(b.nodePositions[3 * i]!, b.nodePositions[3 * i + 1]!, b.nodePositions[3 * i + 2]!);
    scene.add(m);
  }
  for (let f = 0; f < b.frameCount; f++) {
    const g = new THREE.BufferGeometry();
    g.setAttribute("position", new THREE.BufferAttribute(b.framePositions.slice(6 * f, 6 * f + 6), 3));
    scene.add(new THREE.Line(g, lineMat));
  }
  const camera = new THREE.PerspectiveCamera(35, el.clientWidth / el.clientHeight, 0.01, 1e6);
  const d = fitDistance(b.boxMin, b.boxMax, VIEWS.iso, 35, camera.aspect, 1.1);
  camera.position.set(VIEWS.iso.eye[0] * d, VIEWS.iso.eye[1] * d, VIEWS.iso.eye[2] * d);
  camera.near = d / 2000;
  camera.far = d + b.radius * 50;
  camera.updateProjectionMatrix();
  camera.lookAt(0, 0, 0);
  const gl = renderer.getContext();
  const px = new Uint8Array(4);
  const up = new THREE.Vector3(0, 1, 0);
  const frame = (orbit: number) => {
    const t = performance.now();
    camera.position.applyAxisAngle(up, orbit);
    camera.lookAt(0, 0, 0);
    renderer.render(scene, camera);
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
    return performance.now() - t;
  };
  frame(0);
  const firstFrameMs = performance.now() - t0;
  frame(STEP);
  const frameMs: number[] = [];
  for (let i = 0; i < frames; i++) frameMs.push(frame(STEP));
  return { firstFrameMs, frameMs, calls: renderer.info.render.calls, triangles: renderer.info.render.triangles, heapMB: heap() };
};
