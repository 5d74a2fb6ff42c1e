/**
 * Standard views and zoom-to-fit, in world space (three.js Y-up, after `toWorld`).
 *
 * Engineering conventions (Z-up model): front looks along +Y at the XZ plane with X to the right,
 * side (right) looks along −X at the YZ plane with Y to the right, top looks down −Z with X right
 * and Y up, iso looks from (+X, −Y, +Z). After toWorld both Z-up and Y-up models map these to the
 * same world directions, listed below.
 */
import type { Vec3, ViewName } from "./types";

export interface ViewDirection {
  /** Unit vector from the target to the camera. */
  eye: Vec3;
  /** Camera up vector. */
  up: Vec3;
}

const S3 = 1 / Math.sqrt(3);
export const VIEWS: Record<ViewName, ViewDirection> = {
  iso: { eye: [S3, S3, S3], up: [0, 1, 0] },
  front: { eye: [0, 0, 1], up: [0, 1, 0] },
  side: { eye: [1, 0, 0], up: [0, 1, 0] },
  // Not exactly overhead: orbit controls keep camera.up = +Y, and a tiny offset towards +Z puts
  // world −Z (model +Y for a Z-up model) at the top of the screen.
  top: { eye: [0, 0.9999995, 0.001], up: [0, 1, 0] },
};

/**
 * Distance from the box centre at which a perspective camera looking along −eye sees the whole
 * box (all 8 corners inside the frustum), with a margin.
 * @param fovDeg vertical field of view; @param aspect width / height
 */
export function fitDistance(boxMin: Vec3, boxMax: Vec3, view: ViewDirection, fovDeg: number, aspect: number, margin = 1.08): number {
  const back = view.eye;
  const up0 = view.up;
  // right = up × back, up = back × right (orthonormal camera basis)
  const right: Vec3 = [up0[1] * back[2] - up0[2] * back[1], up0[2] * back[0] - up0[0] * back[2], up0[0] * back[1] - up0[1] * back[0]];
  const rl = Math.hypot(...right) || 1;
  right[0] /= rl; right[1] /= rl; right[2] /= rl;
  const up: Vec3 = [back[1] * right[2] - back[2] * right[1], back[2] * right[0] - back[0] * right[2], back[0] * right[1] - back[1] * right[0]];
  const ul = Math.hypot(...up) || 1;
  up[0] /= ul; up[1] /= ul; up[2] /= ul;
  const tanV = Math.tan((fovDeg * Math.PI) / 360);
  const tanH = tanV * Math.max(aspect, 1e-3);
  const c: Vec3 = [(boxMin[0] + boxMax[0]) / 2, (boxMin[1] + boxMax[1]) / 2, (boxMin[2] + boxMax[2]) / 2];
  let dist = 0;
  for (let k = 0; k < 8; k++) {
    const p: Vec3 = [k & 1 ? boxMax[0] : boxMin[0], k & 2 ? boxMax[1] : boxMin[1], k & 4 ? boxMax[2] : boxMin[2]];
    const d: Vec3 = [p[0] - c[0], p[1] - c[1], p[2] - c[2]];
    const r = Math.abs(d[0] * right[0] + d[1] * right[1] + d[2] * right[2]);
    const u = Math.abs(d[0] * up[0] + d[1] * up[1] + d[2] * up[2]);
    const depth = d[0] * back[0] + d[1] * back[1] + d[2] * back[2];
    dist = Math.max(dist, depth + r / tanH, depth + u / tanV);
  }
  return Math.max(dist * margin, 1e-3);
}
