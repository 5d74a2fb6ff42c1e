"use client";
/**
 * "Solid" mode: frames extruded with their section shape. ONE InstancedMesh per distinct section
 * shape (geometry = unit-length profile extrusion, instance matrix = translate(i) · [x·L, y, z] local
 * axes with roll), so draw calls grow with the number of sections, never with the number of frames.
 * Frames without a section shape stay as centrelines (drawn by <Frames>).
 */
import { useEffect, useMemo, useRef } from "react";
import * as THREE from "three";
import { useThree } from "@react-three/fiber";
import { localAxes, toWorld, type ModelBuffers } from "./geometry";
import { profileGeometry } from "./profiles";
import { diffHighlight, highlighted, type Highlight } from "./highlight";
import type { SectionShape, ViewerPayload, Vec3 } from "./types";

export interface SolidFramesProps {
  payload: ViewerPayload;
  buffers: ModelBuffers;
  colors: Uint32Array;
  highlight: Highlight;
}

interface Group {
  mesh: THREE.InstancedMesh;
  /** frame index → instance index */
  slot: Map<number, number>;
}

const _c = /* @__PURE__ */ new THREE.Color();

export function SolidFrames({ payload, buffers, colors, highlight }: SolidFramesProps) {
  const invalidate = useThree((s) => s.invalidate);

  const groups = useMemo(() => {
    // Frames grouped by distinct section shape (sections with identical dimensions share a mesh).
    const keyOf = payload.sections.map((s) => (s.shape ? JSON.stringify(s.shape) : null));
    const byShape = new Map<string, { shape: SectionShape; frames: number[] }>();
    const sec = payload.frames.section;
    for (let f = 0; f < buffers.frameCount; f++) {
      const s = sec[f] ?? -1;
      const key = s >= 0 ? keyOf[s] : null;
      if (!key || buffers.framePairs[2 * f]! < 0 || !(buffers.frameLengths[f]! > 0)) continue;
      let group = byShape.get(key);
      if (!group) byShape.set(key, (group = { shape: payload.sections[s]!.shape!, frames: [] }));
      group.frames.push(f);
    }
    const material = new THREE.MeshStandardMaterial({ color: 0xffffff, metalness: 0.1, roughness: 0.65, side: THREE.DoubleSide });
    const out: Group[] = [];
    const pos = payload.nodes.positions;
    const np = buffers.nodePositions;
    for (const { shape, frames } of byShape.values()) {
      const geom = profileGeometry(shape);
      if (!geom) continue;
      const mesh = new THREE.InstancedMesh(geom, material, frames.length);
      const arr = mesh.instanceMatrix.array as Float32Array;
      const slot = new Map<number, number>();
      frames.forEach((f, k) => {
        const a = buffers.framePairs[2 * f]!, b = buffers.framePairs[2 * f + 1]!;
        const pi: Vec3 = [pos[3 * a]!, pos[3 * a + 1]!, pos[3 * a + 2]!];
        const pj: Vec3 = [pos[3 * b]!, pos[3 * b + 1]!, pos[3 * b + 2]!];
        const ax = localAxes(pi, pj, payload.frames.roll[f] ?? 0, buffers.vertical);
        if (!ax) return;
        const x = toWorld(ax.x, buffers.vertical), y = toWorld(ax.y, buffers.vertical), z = toWorld(ax.z, buffers.vertical);
        const o = 16 * k;
        arr[o] = x[0] * ax.length; arr[o + 1] = x[1] * ax.length; arr[o + 2] = x[2] * ax.length; arr[o + 3] = 0;
        arr[o + 4] = y[0]; arr[o + 5] = y[1]; arr[o + 6] = y[2]; arr[o + 7] = 0;
        arr[o + 8] = z[0]; arr[o + 9] = z[1]; arr[o + 10] = z[2]; arr[o + 11] = 0;
        arr[o + 12] = np[3 * a]!; arr[o + 13] = np[3 * a + 1]!; arr[o + 14] = np[3 * a + 2]!; arr[o + 15] = 1;
        slot.set(f, k);
      });
      mesh.instanceMatrix.needsUpdate = true;
      mesh.instanceColor = new THREE.InstancedBufferAttribute(new Float32Array(frames.length * 3), 3);
      mesh.frustumCulled = false;
      out.push({ mesh, slot });
    }
    return { out, material };
  }, [payload, buffers]);

  useEffect(
    () => () => {
      for (const g of groups.out) g.mesh.geometry.dispose();
      groups.material.dispose();
    },
    [groups],
  );

  const prev = useRef(new Map<number, number>());
  const paint = (f: number, c: number) => {
    for (const g of groups.out) {
      const k = g.slot.get(f);
      if (k === undefined) continue;
      _c.setHex(c);
      g.mesh.instanceColor!.setXYZ(k, _c.r, _c.g, _c.b);
      g.mesh.instanceColor!.needsUpdate = true;
      return;
    }
  };
  useEffect(() => {
    for (const g of groups.out) {
      for (const [f, k] of g.slot) {
        _c.setHex(colors[f] ?? 0x9fb4c8);
        g.mesh.instanceColor!.setXYZ(k, _c.r, _c.g, _c.b);
      }
      g.mesh.instanceColor!.needsUpdate = true;
    }
    prev.current = new Map();
    invalidate();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [groups, colors, invalidate]);
  useEffect(() => {
    const next = highlighted(highlight, "frame");
    const changed = diffHighlight(prev.current, next, (f, c) => paint(f, c ?? colors[f] ?? 0x9fb4c8));
    prev.current = next;
    if (changed) invalidate();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [highlight, groups, colors, invalidate]);

  return (
    <group>
      {groups.out.map((g, i) => (
        <primitive key={i} object={g.mesh} />
      ))}
    </group>
  );
}
