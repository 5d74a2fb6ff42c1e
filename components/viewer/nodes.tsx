"use client";
/**
 * All nodes in ONE draw call: an InstancedMesh of a low-poly glyph (an octahedron, 8 triangles),
 * or, above `pointsAbove` nodes, a single Points buffer (software rasterisers spend most of their
 * time on node glyphs at that size; see shared/reference/performance-anchors.md).
 */
import { useEffect, useMemo, useRef } from "react";
import * as THREE from "three";
import { useThree } from "@react-three/fiber";
import type { ModelBuffers } from "./geometry";
import { COLORS } from "./palette";
import { diffHighlight, highlighted, type Highlight } from "./highlight";

export interface NodesProps {
  buffers: ModelBuffers;
  highlight: Highlight;
  /** Switch from glyphs to points above this many nodes. Default: 20,000. */
  pointsAbove?: number;
}

const _color = /* @__PURE__ */ new THREE.Color();

export function Nodes({ buffers, highlight, pointsAbove = 20_000 }: NodesProps) {
  const invalidate = useThree((s) => s.invalidate);
  const usePoints = buffers.nodeCount > pointsAbove;

  const object = useMemo(() => {
    const n = buffers.nodeCount;
    const base = new THREE.Color(COLORS.node);
    if (usePoints) {
      const g = new THREE.BufferGeometry();
      g.setAttribute("position", new THREE.BufferAttribute(buffers.nodePositions, 3));
      const colors = new Float32Array(n * 3);
      for (let i = 0; i < n; i++) base.toArray(colors, 3 * i);
      g.setAttribute("color", new THREE.BufferAttribute(colors, 3));
      const m = new THREE.PointsMaterial({ size: 3, sizeAttenuation: false, vertexColors: true });
      const pts = new THREE.Points(g, m);
      pts.frustumCulled = false;
      return pts;
    }
    const geom = new THREE.OctahedronGeometry(buffers.glyphSize * 0.5, 0);
    const mat = new THREE.MeshLambertMaterial({ color: 0xffffff });
    const mesh = new THREE.InstancedMesh(geom, mat, Math.max(n, 1));
    mesh.count = n;
    const arr = mesh.instanceMatrix.array as Float32Array;
    const p = buffers.nodePositions;
    for (let i = 0; i < n; i++) {
      const o = 16 * i;
      arr[o] = 1; arr[o + 1] = 0; arr[o + 2] = 0; arr[o + 3] = 0;
      arr[o + 4] = 0; arr[o + 5] = 1; arr[o + 6] = 0; arr[o + 7] = 0;
      arr[o + 8] = 0; arr[o + 9] = 0; arr[o + 10] = 1; arr[o + 11] = 0;
      arr[o + 12] = p[3 * i]!; arr[o + 13] = p[3 * i + 1]!; arr[o + 14] = p[3 * i + 2]!; arr[o + 15] = 1;
    }
    mesh.instanceMatrix.needsUpdate = true;
    const colors = new Float32Array(Math.max(n, 1) * 3);
    for (let i = 0; i < n; i++) base.toArray(colors, 3 * i);
    mesh.instanceColor = new THREE.InstancedBufferAttribute(colors, 3);
    mesh.frustumCulled = false;
    return mesh;
  }, [buffers, usePoints]);

  useEffect(
    () => () => {
      object.geometry.dispose();
      (object.material as THREE.Material).dispose();
    },
    [object],
  );

  // Highlight: repaint only what changed.
  const prev = useRef(new Map<number, number>());
  useEffect(() => {
    prev.current = new Map();
  }, [object]);
  useEffect(() => {
    const next = highlighted(highlight, "node");
    const attr = object instanceof THREE.Points ? (object.geometry.getAttribute("color") as THREE.BufferAttribute) : (object as THREE.InstancedMesh).instanceColor!;
    const changed = diffHighlight(prev.current, next, (i, c) => {
      if (i >= buffers.nodeCount) return;
      _color.setHex(c ?? COLORS.node);
      attr.setXYZ(i, _color.r, _color.g, _color.b);
    });
    prev.current = next;
    if (changed) {
      attr.needsUpdate = true;
      invalidate();
    }
  }, [highlight, object, buffers, invalidate]);

  return <primitive object={object} />;
}
