"use client";
/**
 * Node and frame labels as a pool of absolutely positioned DOM spans over the canvas (crisp text,
 * no draw calls). The number shown is capped: when more items are on screen than `cap`, the ones
 * nearest the centre of the view are labelled (zoom in to label a region), re-chosen shortly after
 * the camera stops. The selected and hovered items are always labelled. A label that would overlap
 * one already placed is skipped (declutter), and with an isolation only the isolated frames and
 * their nodes are labelled.
 */
import { useEffect, useRef, type RefObject } from "react";
import * as THREE from "three";
import { useFrame, useThree } from "@react-three/fiber";
import type { ModelBuffers } from "./geometry";
import { chooseLabels } from "./picking";
import type { Highlight } from "./highlight";
import type { ViewerPayload } from "./types";

export interface LabelsProps {
  payload: ViewerPayload;
  buffers: ModelBuffers;
  container: RefObject<HTMLDivElement | null>;
  show: { nodes: boolean; frames: boolean };
  highlight: Highlight;
  /** Most labels shown at once. Default 150. */
  cap?: number;
  /** Isolated frames (1) when a storey, grid line or selection is isolated. */
  mask?: Uint8Array | null;
}

const _v = /* @__PURE__ */ new THREE.Vector3();
const _vp = /* @__PURE__ */ new THREE.Matrix4();

export function Labels({ payload, buffers, container, show, highlight, cap = 150, mask = null }: LabelsProps) {
  const camera = useThree((s) => s.camera);
  const size = useThree((s) => s.size);
  const invalidate = useThree((s) => s.invalidate);
  const chosen = useRef<{ nodes: number[]; frames: number[] }>({ nodes: [], frames: [] });
  const pool = useRef<HTMLSpanElement[]>([]);
  const lastMatrix = useRef<number[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const dirty = useRef(true);

  const total = (show.nodes ? buffers.nodeCount : 0) + (show.frames ? buffers.frameCount : 0);

  const recompute = () => {
    camera.updateMatrixWorld();
    _vp.multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse);
    if (total <= cap) {
      chosen.current = {
        nodes: show.nodes ? Array.from({ length: buffers.nodeCount }, (_, i) => i) : [],
        frames: show.frames ? Array.from({ length: buffers.frameCount }, (_, i) => i).filter((f) => buffers.framePairs[2 * f]! >= 0) : [],
      };
    } else {
      chosen.current = chooseLabels(buffers, { viewProj: _vp.elements, width: size.width, height: size.height }, cap, show);
    }
  };

  useEffect(() => {
    dirty.current = true;
    lastMatrix.current = [];
    invalidate();
  }, [buffers, show.nodes, show.frames, cap, mask, invalidate]);
  // The selected and hovered labels are placed every frame; a change only needs a redraw.
  useEffect(() => invalidate(), [highlight, invalidate]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      for (const s of pool.current) s.remove();
      pool.current = [];
    },
    [],
  );

  useFrame(() => {
    const root = container.current;
    if (!root) return;
    const m = camera.matrixWorld.elements;
    const moved = lastMatrix.current.length !== 16 || m.some((x, i) => x !== lastMatrix.current[i]);
    if (moved) lastMatrix.current = Array.from(m);
    if (dirty.current || (moved && total > cap)) {
      if (total <= cap || dirty.current) {
        recompute();
        dirty.current = false;
      } else {
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(() => {
          recompute();
          invalidate();
        }, 120);
      }
    }
    const items: { text: string; kind: "node" | "frame"; i: number; hi: boolean }[] = [];
    const extra = new Set<string>();
    for (const h of [highlight.selected, highlight.hovered]) {
      if (!h) continue;
      extra.add(`${h.kind}:${h.index}`);
      items.push({ text: (h.kind === "node" ? payload.nodes.labels : payload.frames.labels)[h.index] ?? "", kind: h.kind, i: h.index, hi: true });
    }
    let nodeMask: Uint8Array | null = null;
    if (mask) {
      nodeMask = new Uint8Array(buffers.nodeCount);
      for (let f = 0; f < buffers.frameCount; f++) {
        if (!mask[f]) continue;
        const a = buffers.framePairs[2 * f]!, b = buffers.framePairs[2 * f + 1]!;
        if (a >= 0) nodeMask[a] = 1;
        if (b >= 0) nodeMask[b] = 1;
      }
    }
    for (const i of chosen.current.nodes) if (!extra.has(`node:${i}`) && (!nodeMask || nodeMask[i])) items.push({ text: payload.nodes.labels[i] ?? "", kind: "node", i, hi: false });
    for (const f of chosen.current.frames) if (!extra.has(`frame:${f}`) && (!mask || mask[f])) items.push({ text: payload.frames.labels[f] ?? "", kind: "frame", i: f, hi: false });
    const p = buffers.nodePositions, q = buffers.framePositions;
    while (pool.current.length < items.length) {
      const s = document.createElement("span");
      s.className = "sv-label";
      root.appendChild(s);
      pool.current.push(s);
    }
    const placed: [number, number, number][] = [];
    items.forEach((it, k) => {
      const el = pool.current[k]!;
      if (it.kind === "node") {
        if (it.i >= buffers.nodeCount) return;
        _v.set(p[3 * it.i]!, p[3 * it.i + 1]!, p[3 * it.i + 2]!);
      } else {
        if (it.i >= buffers.frameCount) return;
        const o = 6 * it.i;
        _v.set((q[o]! + q[o + 3]!) / 2, (q[o + 1]! + q[o + 4]!) / 2, (q[o + 2]! + q[o + 5]!) / 2);
      }
      _v.project(camera);
      const sx = ((_v.x + 1) / 2) * size.width, sy = ((1 - _v.y) / 2) * size.height;
      const w = 6.5 * it.text.length + 6;
      const clash = !it.hi && placed.some(([px, py, pw]) => Math.abs(px - sx) < (pw + w) / 2 && Math.abs(py - sy) < 13);
      const visible = _v.z < 1 && _v.z > -1 && !clash;
      el.style.display = visible ? "" : "none";
      if (!visible) return;
      placed.push([sx, sy, w]);
      el.textContent = it.text;
      el.className = `sv-label sv-label-${it.kind}${it.hi ? " sv-label-hi" : ""}`;
      el.style.transform = `translate(${sx.toFixed(1)}px, ${sy.toFixed(1)}px)`;
    });
    for (let k = items.length; k < pool.current.length; k++) pool.current[k]!.style.display = "none";
  });

  return null;
}
