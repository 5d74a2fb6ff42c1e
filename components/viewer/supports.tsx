"use client";
/**
 * Support symbols as instanced glyphs, one InstancedMesh per kind present (at most 3 draw calls):
 * fixed (all six DOF restrained) → a base plate; pinned (translations restrained, a rotation free)
 * → a pyramid with its apex at the node; roller (the vertical translation restrained, a horizontal
 * one free) → a smaller pyramid on a roller. Glyphs point along world −Y (below the node).
 */
import { useEffect, useMemo } from "react";
import * as THREE from "three";
import { mergeGeometries } from "three/examples/jsm/utils/BufferGeometryUtils.js";
import type { ModelBuffers } from "./geometry";
import { COLORS } from "./palette";
import type { ViewerPayload } from "./types";

export type SupportKind = "fixed" | "pinned" | "roller";

/** Kind of a 6-character code (ux uy uz rx ry rz; F restrained, R free, S/K springs count as restrained). */
export function supportKind(code: string, vertical: "Z" | "Y"): SupportKind | null {
  const c = (code || "").toUpperCase().padEnd(6, "R");
  const held = (i: number) => c[i] !== "R";
  if ([0, 1, 2, 3, 4, 5].every(held)) return "fixed";
  if (held(0) && held(1) && held(2)) return "pinned";
  const v = vertical === "Z" ? 2 : 1;
  if (held(v)) return "roller";
  if ([0, 1, 2].some(held)) return "roller";
  return null;
}

function glyph(kind: SupportKind, s: number): THREE.BufferGeometry {
  if (kind === "fixed") {
    const g = new THREE.BoxGeometry(2.6 * s, 0.45 * s, 2.6 * s);
    g.translate(0, -0.225 * s - 0.05 * s, 0); // a base plate just under the node
    return g;
  }
  const h = kind === "pinned" ? 1.8 * s : 1.3 * s;
  const cone = new THREE.ConeGeometry(1.1 * s, h, 4, 1);
  cone.rotateY(Math.PI / 4);
  cone.translate(0, -h / 2, 0); // apex (three's cone points +Y) at the node, base below
  if (kind === "pinned") return cone.toNonIndexed();
  const roller = new THREE.CylinderGeometry(0.35 * s, 0.35 * s, 2.2 * s, 10, 1);
  roller.rotateX(Math.PI / 2);
  roller.translate(0, -h - 0.35 * s, 0);
  return mergeGeometries([cone.toNonIndexed(), roller.toNonIndexed()])!;
}

export interface SupportsProps {
  payload: ViewerPayload;
  buffers: ModelBuffers;
}

export function Supports({ payload, buffers }: SupportsProps) {
  const meshes = useMemo(() => {
    const byKind = new Map<SupportKind, number[]>();
    const { node, code } = payload.supports;
    for (let k = 0; k < node.length; k++) {
      const n = node[k]!;
      if (!(n >= 0 && n < buffers.nodeCount)) continue;
      const kind = supportKind(code[k] ?? "", buffers.vertical);
      if (!kind) continue;
      let list = byKind.get(kind);
      if (!list) byKind.set(kind, (list = []));
      list.push(n);
    }
    const material = new THREE.MeshLambertMaterial({ color: COLORS.support });
    const s = buffers.glyphSize * 1.2;
    const out: THREE.InstancedMesh[] = [];
    for (const [kind, nodes] of byKind) {
      const mesh = new THREE.InstancedMesh(glyph(kind, s), material, nodes.length);
      const arr = mesh.instanceMatrix.array as Float32Array;
      nodes.forEach((n, i) => {
        const o = 16 * i;
        arr.set([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0], o);
        arr[o + 12] = buffers.nodePositions[3 * n]!;
        arr[o + 13] = buffers.nodePositions[3 * n + 1]!;
        arr[o + 14] = buffers.nodePositions[3 * n + 2]!;
        arr[o + 15] = 1;
      });
      mesh.instanceMatrix.needsUpdate = true;
      mesh.frustumCulled = false;
      mesh.name = `supports-${kind}`;
      out.push(mesh);
    }
    return { out, material };
  }, [payload, buffers]);

  useEffect(
    () => () => {
      for (const m of meshes.out) m.geometry.dispose();
      meshes.material.dispose();
    },
    [meshes],
  );

  return (
    <group>
      {meshes.out.map((m) => (
        <primitive key={m.name} object={m} />
      ))}
    </group>
  );
}
