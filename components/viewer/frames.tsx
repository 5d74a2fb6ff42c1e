"use client";
/**
 * All frames in ONE draw call: a single LineSegments buffer (two vertices per frame, non-indexed so
 * each frame has its own colour for colour-by and highlighting).
 */
import { useEffect, useMemo, useRef } from "react";
import * as THREE from "three";
import { useThree } from "@react-three/fiber";
import type { ModelBuffers } from "./geometry";
import { diffHighlight, highlighted, type Highlight } from "./highlight";

export interface FramesProps {
  buffers: ModelBuffers;
  /** Base colour per frame (0xRRGGBB), from `frameColors`. */
  colors: Uint32Array;
  highlight: Highlight;
  /** Draw the centrelines fainter (solid mode). Default false. */
  faint?: boolean;
}

/** 0xRRGGBB (sRGB) → linear RGB bytes, as three.js expects vertex colours in its working space. */
const linear = new Map<number, [number, number, number]>();
const _c = /* @__PURE__ */ new THREE.Color();
function toLinearBytes(c: number): [number, number, number] {
  let v = linear.get(c);
  if (!v) {
    _c.setHex(c);
    v = [Math.round(_c.r * 255), Math.round(_c.g * 255), Math.round(_c.b * 255)];
    linear.set(c, v);
  }
  return v;
}

function put(arr: Uint8Array, f: number, c: number) {
  const [r, g, b] = toLinearBytes(c);
  const o = 6 * f;
  arr[o] = r; arr[o + 1] = g; arr[o + 2] = b;
  arr[o + 3] = r; arr[o + 4] = g; arr[o + 5] = b;
}

export function Frames({ buffers, colors, highlight, faint = false }: FramesProps) {
  const invalidate = useThree((s) => s.invalidate);

  const lines = useMemo(() => {
    const g = new THREE.BufferGeometry();
    g.setAttribute("position", new THREE.BufferAttribute(buffers.framePositions, 3));
    const col = new Uint8Array(buffers.frameCount * 6);
    g.setAttribute("color", new THREE.BufferAttribute(col, 3, true));
    const m = new THREE.LineBasicMaterial({ vertexColors: true, transparent: false });
    const l = new THREE.LineSegments(g, m);
    l.frustumCulled = false;
    return l;
  }, [buffers]);

  useEffect(
    () => () => {
      lines.geometry.dispose();
      (lines.material as THREE.Material).dispose();
    },
    [lines],
  );

  useEffect(() => {
    const m = lines.material as THREE.LineBasicMaterial;
    m.opacity = faint ? 0.45 : 1;
    m.transparent = faint;
    m.needsUpdate = true;
    invalidate();
  }, [faint, lines, invalidate]);

  // Base colours (colour-by changes repaint every frame once), then highlights on top.
  const prev = useRef(new Map<number, number>());
  useEffect(() => {
    const attr = lines.geometry.getAttribute("color") as THREE.BufferAttribute;
    const arr = attr.array as Uint8Array;
    for (let f = 0; f < buffers.frameCount; f++) put(arr, f, colors[f] ?? 0x9fb4c8);
    prev.current = new Map();
    attr.needsUpdate = true;
    invalidate();
  }, [colors, lines, buffers, invalidate]);

  useEffect(() => {
    const attr = lines.geometry.getAttribute("color") as THREE.BufferAttribute;
    const arr = attr.array as Uint8Array;
    const next = highlighted(highlight, "frame");
    const changed = diffHighlight(prev.current, next, (f, c) => {
      if (f < buffers.frameCount) put(arr, f, c ?? colors[f] ?? 0x9fb4c8);
    });
    prev.current = next;
    if (changed) {
      attr.needsUpdate = true;
      invalidate();
    }
  }, [highlight, colors, lines, buffers, invalidate]);

  return <primitive object={lines} />;
}
