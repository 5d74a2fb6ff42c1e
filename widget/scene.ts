/**
 * The widget's 3D view: frames as ONE line layer (coloured by section), nodes as ONE point
 * layer, supports as ONE layer of triangle glyphs, and the selection on top (drawn by gl.ts),
 * seen through three.js's PerspectiveCamera and moved by three's OrbitControls (orbit, zoom,
 * pan). Renders on demand (after a change), not in a loop.
 *
 * Coordinates are drawn relative to the model's centre, so Float32 keeps sub-millimetre detail
 * far from the origin.
 *
 * Picking is done in screen space: the click is compared with the projected nodes (within
 * NODE_PICK_PX) and then with the projected frame segments (within FRAME_PICK_PX).
 */
import { Matrix4, PerspectiveCamera, Vector3 } from "three";
import { OrbitControls } from "three/examples/jsm/controls/OrbitControls.js";
import { createGlScene } from "./gl";
import type { ModelGeometry } from "./geometry";

export type Picked = { kind: "node" | "frame"; index: number };

const NODE_PICK_PX = 7;
const FRAME_PICK_PX = 5;
const BACKGROUND = 0x10151b;
const NODE_COLOUR = 0xd7dee6;
const SUPPORT_COLOUR = 0x3fb950;
const HIGHLIGHT = 0xffc940;
/** Frame colours by section index (no section: grey). */
const PALETTE = [0x58a6ff, 0xf0883e, 0xbc8cff, 0x3fb9a0, 0xff7b72, 0xd29922, 0x79c0ff, 0xa5d6ff];
const NO_SECTION = 0x8b949e;

export interface ModelView {
  render(): void;
  /** Sets the canvas's CSS size (the drawing buffer follows the device pixel ratio). */
  resize(width: number, height: number): void;
  /** What is under the CSS pixel (x, y) of the canvas, if anything. */
  pick(x: number, y: number): Picked | null;
  select(p: Picked | null): void;
  /** CSS pixel of a node or of a frame's midpoint (for tests and labels). */
  screenPoint(p: Picked): { x: number; y: number } | null;
  cameraPosition(): [number, number, number];
  /** Draw calls of the last frame. */
  drawCalls(): number;
  capturePng(): string;
  dispose(): void;
}

/** 0xRRGGBB as 0..1 channels, written to the canvas as they are (no colour management). */
const rgb = (hex: number): [number, number, number] => [((hex >> 16) & 255) / 255, ((hex >> 8) & 255) / 255, (hex & 255) / 255];

function frameColours(g: ModelGeometry): Float32Array {
  const colours = new Float32Array(g.frameCount * 6);
  const table = PALETTE.map(rgb);
  const none = rgb(NO_SECTION);
  for (let i = 0; i < g.frameCount; i++) {
    const s = g.frameSection[i]!;
    const c = s >= 0 ? table[s % table.length]! : none;
    colours.set(c, 6 * i);
    colours.set(c, 6 * i + 3);
  }
  return colours;
}

/** Node positions relative to `centre`. */
function centred(g: ModelGeometry, centre: Vector3): Float32Array {
  const out = new Float32Array(g.positions.length);
  for (let i = 0; i < out.length; i += 3) {
    out[i] = g.positions[i]! - centre.x;
    out[i + 1] = g.positions[i + 1]! - centre.y;
    out[i + 2] = g.positions[i + 2]! - centre.z;
  }
  return out;
}

/** Frame ends as a flat line list (frames with a missing end collapse to a point). */
function frameVertices(g: ModelGeometry, nodes: Float32Array, only?: number): Float32Array {
  const list = only === undefined ? null : [only];
  const n = list ? 1 : g.frameCount;
  const out = new Float32Array(n * 6);
  for (let k = 0; k < n; k++) {
    const i = list ? list[0]! : k;
    const a = g.pairs[2 * i]!, b = g.pairs[2 * i + 1]!;
    if (a < 0 || b < 0) continue;
    out.set(nodes.subarray(3 * a, 3 * a + 3), 6 * k);
    out.set(nodes.subarray(3 * b, 3 * b + 3), 6 * k + 3);
  }
  return out;
}

function supportVertices(g: ModelGeometry, nodes: Float32Array): Float32Array {
  const out: number[] = [];
  for (let k = 0; k < g.supportCount; k++) {
    const n = g.supportNode[k]!;
    if (n >= 0) out.push(nodes[3 * n]!, nodes[3 * n + 1]!, nodes[3 * n + 2]!);
  }
  return new Float32Array(out);
}

export function createModelView(canvas: HTMLCanvasElement, g: ModelGeometry): ModelView {
  const glScene = createGlScene(canvas, rgb(BACKGROUND));
  const [x0, y0, z0] = g.bounds.min, [x1, y1, z1] = g.bounds.max;
  const centre = new Vector3((x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2);
  const radius = Math.max(0.5, Math.hypot(x1 - x0, y1 - y0, z1 - z0) / 2);
  const nodes = centred(g, centre);

  const frameLayer = glScene.layer("lines");
  frameLayer.set(frameVertices(g, nodes), frameColours(g));
  const nodeLayer = glScene.layer("points");
  nodeLayer.colour = rgb(NODE_COLOUR);
  nodeLayer.size = g.simplified ? 2 : 5;
  nodeLayer.set(nodes);
  const supportLayer = glScene.layer("points");
  Object.assign(supportLayer, { colour: rgb(SUPPORT_COLOUR), size: g.simplified ? 7 : 12, shape: 1 });
  supportLayer.set(supportVertices(g, nodes));
  const highlightLine = glScene.layer("lines");
  const highlightPoint = glScene.layer("points");
  highlightLine.colour = highlightPoint.colour = rgb(HIGHLIGHT);
  highlightPoint.size = 9;
  highlightLine.depthTest = highlightPoint.depthTest = false;
  highlightLine.visible = highlightPoint.visible = false;

  // The camera looks at the origin (the model's centre) from an isometric direction.
  const camera = new PerspectiveCamera(40, 1, radius / 1000, radius * 100);
  if (g.verticalAxis === "Y") camera.up.set(0, 1, 0);
  else camera.up.set(0, 0, 1);
  const iso = g.verticalAxis === "Y" ? new Vector3(1, 0.8, 1.2) : new Vector3(1, -1.2, 0.8);
  camera.position.copy(iso.normalize()).multiplyScalar((radius / Math.sin((camera.fov * Math.PI) / 360)) * 1.05);
  camera.lookAt(0, 0, 0);
  const controls = new OrbitControls(camera, canvas);
  controls.screenSpacePanning = true;
  controls.update();

  let width = 1, height = 1, pixelRatio = 1, frame = 0, calls = 0;
  const viewProjection = new Matrix4();
  const render = () => {
    frame = 0;
    camera.updateMatrixWorld();
    viewProjection.multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse);
    calls = glScene.draw(viewProjection.elements, canvas.width, canvas.height);
  };
  controls.addEventListener("change", () => {
    if (!frame) frame = requestAnimationFrame(render);
  });

  const v = new Vector3();
  const project = (i: number) => v.set(nodes[3 * i]!, nodes[3 * i + 1]!, nodes[3 * i + 2]!).project(camera);
  const toScreen = (p: Vector3) => ({ x: ((p.x + 1) / 2) * width, y: ((1 - p.y) / 2) * height });

  return {
    render,
    resize(w, h) {
      width = Math.max(1, w);
      height = Math.max(1, h);
      pixelRatio = Math.min(2, window.devicePixelRatio || 1);
      canvas.width = Math.round(width * pixelRatio);
      canvas.height = Math.round(height * pixelRatio);
      camera.aspect = width / height;
      camera.updateProjectionMatrix();
      render();
    },
    pick(x, y) {
      camera.updateMatrixWorld();
      const n = g.nodeCount;
      const sx = new Float32Array(n), sy = new Float32Array(n);
      const visible = new Uint8Array(n);
      let best = -1, bestD = NODE_PICK_PX * NODE_PICK_PX;
      for (let i = 0; i < n; i++) {
        project(i);
        if (v.z < -1 || v.z > 1) continue;
        visible[i] = 1;
        sx[i] = ((v.x + 1) / 2) * width;
        sy[i] = ((1 - v.y) / 2) * height;
        const d = (sx[i]! - x) ** 2 + (sy[i]! - y) ** 2;
        if (d < bestD) {
          bestD = d;
          best = i;
        }
      }
      if (best >= 0) return { kind: "node", index: best };
      bestD = FRAME_PICK_PX * FRAME_PICK_PX;
      for (let i = 0; i < g.frameCount; i++) {
        const a = g.pairs[2 * i]!, b = g.pairs[2 * i + 1]!;
        if (a < 0 || b < 0 || !visible[a] || !visible[b]) continue;
        const dx = sx[b]! - sx[a]!, dy = sy[b]! - sy[a]!;
        const len2 = dx * dx + dy * dy;
        const t = len2 > 0 ? Math.min(1, Math.max(0, ((x - sx[a]!) * dx + (y - sy[a]!) * dy) / len2)) : 0;
        const d = (sx[a]! + t * dx - x) ** 2 + (sy[a]! + t * dy - y) ** 2;
        if (d < bestD) {
          bestD = d;
          best = i;
        }
      }
      return best >= 0 ? { kind: "frame", index: best } : null;
    },
    select(p) {
      highlightLine.visible = highlightPoint.visible = false;
      if (p?.kind === "node" && p.index < g.nodeCount) {
        highlightPoint.set(nodes.slice(3 * p.index, 3 * p.index + 3));
        highlightPoint.visible = true;
      } else if (p?.kind === "frame" && p.index < g.frameCount) {
        const ends = frameVertices(g, nodes, p.index);
        highlightLine.set(ends);
        highlightPoint.set(ends);
        highlightLine.visible = highlightPoint.visible = true;
      }
      render();
    },
    screenPoint(p) {
      camera.updateMatrixWorld();
      if (p.kind === "node") return p.index < g.nodeCount ? toScreen(project(p.index)) : null;
      const a = g.pairs[2 * p.index], b = g.pairs[2 * p.index + 1];
      if (a === undefined || b === undefined || a < 0 || b < 0) return null;
      const m = new Vector3(nodes[3 * a]! + nodes[3 * b]!, nodes[3 * a + 1]! + nodes[3 * b + 1]!, nodes[3 * a + 2]! + nodes[3 * b + 2]!).multiplyScalar(0.5);
      return toScreen(m.project(camera));
    },
    cameraPosition: () => [camera.position.x + centre.x, camera.position.y + centre.y, camera.position.z + centre.z],
    drawCalls: () => calls,
    capturePng() {
      render();
      return canvas.toDataURL("image/png");
    },
    dispose() {
      controls.dispose();
      glScene.dispose();
    },
  };
}
