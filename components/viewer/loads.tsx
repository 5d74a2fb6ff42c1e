"use client";
/**
 * Load arrows for one load case: all shafts in one LineSegments, all heads in one InstancedMesh
 * (2 draw calls whatever the number of loads). Nodal and frame point loads are one arrow ending at
 * the point of application; distributed loads are arrows at five stations with their tails joined.
 * Arrow length is proportional to magnitude, scaled per kind (forces vs forces per length);
 * trapezoidal and partial distributed loads follow their intensity and extent, and loads given
 * in local axes are turned into global directions with the frame's local axes.
 */
import { useEffect, useMemo } from "react";
import * as THREE from "three";
import { localAxes, toWorld, type ModelBuffers } from "./geometry";
import { COLORS } from "./palette";
import type { Vec3, ViewerPayload } from "./types";

export interface LoadsProps {
  payload: ViewerPayload;
  buffers: ModelBuffers;
  /** Index into payload.loadCases. */
  caseIndex: number;
}

export interface ArrowSet {
  /** Shaft segments, 6 floats each. */
  shafts: Float32Array;
  /** Arrow tips and unit directions and head sizes: 7 floats each (tip xyz, dir xyz, size). */
  heads: Float32Array;
  count: number;
}

/** Arrows (world space) for the loads of one case. */
export function loadArrows(p: ViewerPayload, b: ModelBuffers, caseIndex: number): ArrowSet {
  const loads = p.loads.filter((l) => l.caseIndex === caseIndex);
  const mag = (v: Vec3) => Math.hypot(v[0], v[1], v[2]);
  let maxPoint = 0, maxDist = 0;
  for (const l of loads) {
    if (l.kind === "frame_distributed") maxDist = Math.max(maxDist, mag(l.vector), mag(l.vectorEnd ?? l.vector));
    else maxPoint = Math.max(maxPoint, mag(l.vector));
  }
  const lMax = Math.max(0.18 * b.radius, 5 * b.glyphSize);
  const shafts: number[] = [];
  const heads: number[] = [];
  const pos = p.nodes.positions;
  const nodeAt = (n: number): Vec3 | null => (n >= 0 && n < b.nodeCount ? [b.nodePositions[3 * n]!, b.nodePositions[3 * n + 1]!, b.nodePositions[3 * n + 2]!] : null);
  const frameOk = (f: number) => f >= 0 && f < b.frameCount && b.framePairs[2 * f]! >= 0;
  const frameAt = (f: number, t: number): Vec3 => {
    const q = b.framePositions;
    const o = 6 * f;
    return [q[o]! + t * (q[o + 3]! - q[o]!), q[o + 1]! + t * (q[o + 4]! - q[o + 1]!), q[o + 2]! + t * (q[o + 5]! - q[o + 2]!)];
  };
  /** Model-space global vector of a load vector (local loads are turned into global with the frame's axes). */
  const globalOf = (v: Vec3, f: number, local: boolean): Vec3 => {
    if (!local) return v;
    const a = b.framePairs[2 * f]!, c = b.framePairs[2 * f + 1]!;
    const ax = localAxes([pos[3 * a]!, pos[3 * a + 1]!, pos[3 * a + 2]!], [pos[3 * c]!, pos[3 * c + 1]!, pos[3 * c + 2]!], p.frames.roll[f] ?? 0, b.vertical);
    if (!ax) return v;
    return [0, 1, 2].map((k) => v[0] * ax.x[k]! + v[1] * ax.y[k]! + v[2] * ax.z[k]!) as Vec3;
  };
  const arrow = (tip: Vec3, v: Vec3, len: number): Vec3 | null => {
    const m = mag(v);
    if (!(m > 0) || !(len > 0)) return null;
    const w = toWorld(v, b.vertical);
    const dir: Vec3 = [w[0] / m, w[1] / m, w[2] / m];
    const tail: Vec3 = [tip[0] - dir[0] * len, tip[1] - dir[1] * len, tip[2] - dir[2] * len];
    const head = Math.min(0.3 * len, 2.2 * b.glyphSize);
    shafts.push(...tail, tip[0] - dir[0] * head * 0.8, tip[1] - dir[1] * head * 0.8, tip[2] - dir[2] * head * 0.8);
    heads.push(...tip, ...dir, head);
    return tail;
  };
  for (const l of loads) {
    const local = l.axes === "local";
    if (l.kind === "nodal") {
      const tip = nodeAt(l.target);
      if (tip) arrow(tip, l.vector, lMax * Math.max(0.3, mag(l.vector) / maxPoint));
    } else if (l.kind === "frame_point") {
      if (!frameOk(l.target)) continue;
      const t = Math.min(1, Math.max(0, l.position ?? 0.5));
      arrow(frameAt(l.target, t), globalOf(l.vector, l.target, local), lMax * Math.max(0.3, mag(l.vector) / maxPoint));
    } else if (l.kind === "frame_distributed") {
      if (!frameOk(l.target)) continue;
      const t0 = Math.min(1, Math.max(0, l.start ?? 0)), t1 = Math.min(1, Math.max(t0, l.end ?? 1));
      const w1 = l.vector, w2 = l.vectorEnd ?? l.vector;
      let prev: Vec3 | null = null;
      for (let k = 0; k <= 4; k++) {
        const s = k / 4;
        const v: Vec3 = [w1[0] + s * (w2[0] - w1[0]), w1[1] + s * (w2[1] - w1[1]), w1[2] + s * (w2[2] - w1[2])];
        const tail = arrow(frameAt(l.target, t0 + s * (t1 - t0)), globalOf(v, l.target, local), 0.6 * lMax * (mag(v) / maxDist));
        if (prev && tail) shafts.push(...prev, ...tail);
        prev = tail;
      }
    }
  }
  return { shafts: new Float32Array(shafts), heads: new Float32Array(heads), count: heads.length / 7 };
}

const _m = /* @__PURE__ */ new THREE.Matrix4();
const _q = /* @__PURE__ */ new THREE.Quaternion();
const _v = /* @__PURE__ */ new THREE.Vector3();
const _d = /* @__PURE__ */ new THREE.Vector3();
const _s = /* @__PURE__ */ new THREE.Vector3();
const UP = /* @__PURE__ */ new THREE.Vector3(0, 1, 0);

export function Loads({ payload, buffers, caseIndex }: LoadsProps) {
  const objects = useMemo(() => {
    const a = loadArrows(payload, buffers, caseIndex);
    if (!a.count) return null;
    const g = new THREE.BufferGeometry();
    g.setAttribute("position", new THREE.BufferAttribute(a.shafts, 3));
    const lines = new THREE.LineSegments(g, new THREE.LineBasicMaterial({ color: COLORS.load }));
    lines.frustumCulled = false;
    const cone = new THREE.ConeGeometry(0.32, 1, 10, 1);
    cone.translate(0, -0.5, 0); // apex at the origin, pointing +Y
    const heads = new THREE.InstancedMesh(cone, new THREE.MeshLambertMaterial({ color: COLORS.load }), a.count);
    for (let i = 0; i < a.count; i++) {
      const h = a.heads;
      _v.set(h[7 * i]!, h[7 * i + 1]!, h[7 * i + 2]!);
      _d.set(h[7 * i + 3]!, h[7 * i + 4]!, h[7 * i + 5]!);
      _q.setFromUnitVectors(UP, _d);
      const s = h[7 * i + 6]!;
      _s.set(s, s, s);
      heads.setMatrixAt(i, _m.compose(_v, _q, _s));
    }
    heads.instanceMatrix.needsUpdate = true;
    heads.frustumCulled = false;
    return { lines, heads };
  }, [payload, buffers, caseIndex]);

  useEffect(
    () => () => {
      if (!objects) return;
      objects.lines.geometry.dispose();
      (objects.lines.material as THREE.Material).dispose();
      objects.heads.geometry.dispose();
      (objects.heads.material as THREE.Material).dispose();
    },
    [objects],
  );

  if (!objects) return null;
  return (
    <group>
      <primitive object={objects.lines} />
      <primitive object={objects.heads} />
    </group>
  );
}
