/**
 * Pure geometry for the viewer: model coordinates → three.js world, re-centring, local axes.
 *
 * - three.js is Y-up. A Z-up model (verticalAxis 'Z', the default in Spectral) is rotated −90°
 *   about X: (x, y, z) → (x, z, −y). A Y-up model is used as is. Every world-space vector the
 *   viewer draws (positions, load vectors, local axes) goes through `toWorld`.
 * - Coordinates are re-centred on the bounding-box centre in double precision before they are
 *   stored as Float32, so models far from the origin (site coordinates) do not jitter.
 * - Local axes follow the Spectral convention: x from node i to j; for non-vertical members y is
 *   the unit vector perpendicular to x in the vertical plane, pointing up; for vertical members
 *   (|x·up| > 0.999) y is global +X; z = x × y; then y and z are rotated by `roll` about x.
 */
import type { Vec3, ViewerPayload } from "./types";

export type VerticalAxis = ViewerPayload["verticalAxis"];

/** Model → world direction (no translation). */
export function toWorld(v: Vec3, vertical: VerticalAxis): Vec3 {
  return vertical === "Z" ? [v[0], v[2], -v[1]] : [v[0], v[1], v[2]];
}

/** World → model direction (inverse of toWorld). */
export function toModel(v: Vec3, vertical: VerticalAxis): Vec3 {
  return vertical === "Z" ? [v[0], -v[2], v[1]] : [v[0], v[1], v[2]];
}

function sub(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}
function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}
function norm(a: Vec3): number {
  return Math.hypot(a[0], a[1], a[2]);
}
function scale(a: Vec3, s: number): Vec3 {
  return [a[0] * s, a[1] * s, a[2] * s];
}

export interface LocalAxes {
  x: Vec3;
  y: Vec3;
  z: Vec3;
  length: number;
}

/**
 * Local axes of a frame from its end points (model coordinates), in model coordinates.
 * Returns null for a zero-length frame.
 */
export function localAxes(pi: Vec3, pj: Vec3, rollDeg: number, vertical: VerticalAxis): LocalAxes | null {
  const d = sub(pj, pi);
  const length = norm(d);
  if (!(length > 0)) return null;
  const x = scale(d, 1 / length);
  const up: Vec3 = vertical === "Z" ? [0, 0, 1] : [0, 1, 0];
  let y: Vec3;
  if (Math.abs(dot(x, up)) > 0.999) {
    y = [1, 0, 0];
  } else {
    const c = dot(up, x);
    const p: Vec3 = [up[0] - c * x[0], up[1] - c * x[1], up[2] - c * x[2]];
    y = scale(p, 1 / norm(p));
  }
  let z = cross(x, y);
  if (rollDeg) {
    const t = (rollDeg * Math.PI) / 180;
    const c = Math.cos(t);
    const s = Math.sin(t);
    const y2: Vec3 = [y[0] * c + z[0] * s, y[1] * c + z[1] * s, y[2] * c + z[2] * s];
    const z2: Vec3 = [z[0] * c - y[0] * s, z[1] * c - y[1] * s, z[2] * c - y[2] * s];
    y = y2;
    z = z2;
  }
  return { x, y, z, length };
}

/** Typed-array form of a payload, ready for GPU upload and picking. */
export interface ModelBuffers {
  vertical: VerticalAxis;
  /** Bounding-box centre in model coordinates (metres); world = toWorld(model − centre). */
  centre: Vec3;
  nodeCount: number;
  frameCount: number;
  /** Node positions, world, re-centred: 3 floats per node. */
  nodePositions: Float32Array;
  /** Frame end points, world, re-centred: 6 floats per frame (non-indexed, so colours are per frame). */
  framePositions: Float32Array;
  /** Frame node indices (i, j); frames with an out-of-range node get (−1, −1) and zero length. */
  framePairs: Int32Array;
  /** Frame lengths in metres. */
  frameLengths: Float64Array;
  /** World-space axis-aligned box of everything (re-centred). */
  boxMin: Vec3;
  boxMax: Vec3;
  /** Radius of the bounding sphere around the world origin (≥ a small floor so empty models frame). */
  radius: number;
  /** World Y of the ground (lowest point). */
  groundY: number;
  /** A world size for glyphs (nodes, supports, arrow heads) that fits the model's spacing. */
  glyphSize: number;
}

/** Builds the buffers; O(nodes + frames), no per-element objects. */
export function buildModelBuffers(p: ViewerPayload): ModelBuffers {
  const vertical = p.verticalAxis === "Y" ? "Y" : "Z";
  const pos = p.nodes.positions;
  const nodeCount = Math.floor(pos.length / 3);
  // Bounds from the positions themselves (the payload's bounds are only a hint).
  let minX = Infinity, minY = Infinity, minZ = Infinity, maxX = -Infinity, maxY = -Infinity, maxZ = -Infinity;
  for (let i = 0; i < nodeCount; i++) {
    const x = pos[3 * i]!, y = pos[3 * i + 1]!, z = pos[3 * i + 2]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
    if (z < minZ) minZ = z;
    if (z > maxZ) maxZ = z;
  }
  if (nodeCount === 0) {
    minX = minY = minZ = maxX = maxY = maxZ = 0;
  }
  const centre: Vec3 = [(minX + maxX) / 2, (minY + maxY) / 2, (minZ + maxZ) / 2];
  const nodePositions = new Float32Array(nodeCount * 3);
  for (let i = 0; i < nodeCount; i++) {
    const dx = pos[3 * i]! - centre[0], dy = pos[3 * i + 1]! - centre[1], dz = pos[3 * i + 2]! - centre[2];
    if (vertical === "Z") {
      nodePositions[3 * i] = dx;
      nodePositions[3 * i + 1] = dz;
      nodePositions[3 * i + 2] = -dy;
    } else {
      nodePositions[3 * i] = dx;
      nodePositions[3 * i + 1] = dy;
      nodePositions[3 * i + 2] = dz;
    }
  }
  const pairs = p.frames.pairs;
  const frameCount = Math.floor(pairs.length / 2);
  const framePositions = new Float32Array(frameCount * 6);
  const framePairs = new Int32Array(frameCount * 2);
  const frameLengths = new Float64Array(frameCount);
  for (let f = 0; f < frameCount; f++) {
    const a = pairs[2 * f]!, b = pairs[2 * f + 1]!;
    if (!(a >= 0 && a < nodeCount && b >= 0 && b < nodeCount)) {
      framePairs[2 * f] = -1;
      framePairs[2 * f + 1] = -1;
      continue;
    }
    framePairs[2 * f] = a;
    framePairs[2 * f + 1] = b;
    for (let k = 0; k < 3; k++) {
      framePositions[6 * f + k] = nodePositions[3 * a + k]!;
      framePositions[6 * f + 3 + k] = nodePositions[3 * b + k]!;
    }
    frameLengths[f] = Math.hypot(pos[3 * b]! - pos[3 * a]!, pos[3 * b + 1]! - pos[3 * a + 1]!, pos[3 * b + 2]! - pos[3 * a + 2]!);
  }
  const half = toWorld([(maxX - minX) / 2, (maxY - minY) / 2, (maxZ - minZ) / 2], vertical).map(Math.abs) as Vec3;
  const diag = 2 * Math.hypot(half[0], half[1], half[2]);
  const radius = Math.max(diag / 2, 0.5);
  // Median frame length from a bounded sample, so glyphs do not swallow short members.
  const sample: number[] = [];
  const step = Math.max(1, Math.floor(frameCount / 2000));
  for (let f = 0; f < frameCount; f += step) if (frameLengths[f]! > 0) sample.push(frameLengths[f]!);
  sample.sort((x, y) => x - y);
  const median = sample.length ? sample[Math.floor(sample.length / 2)]! : diag || 1;
  const glyphSize = Math.max(1e-3, Math.min(0.012 * Math.max(diag, 1), 0.12 * median));
  return {
    vertical,
    centre,
    nodeCount,
    frameCount,
    nodePositions,
    framePositions,
    framePairs,
    frameLengths,
    boxMin: [-half[0], -half[1], -half[2]],
    boxMax: [half[0], half[1], half[2]],
    radius,
    groundY: -half[1],
    glyphSize,
  };
}
