"use client";
/**
 * Values written on the model (diagram extremes, reaction magnitudes) as DOM spans over the canvas,
 * placed every rendered frame like the element labels. Labels that would overlap one already placed
 * are skipped (the list comes largest first), so the biggest values stay readable.
 */
import { useEffect, useRef, type RefObject } from "react";
import * as THREE from "three";
import { useFrame, useThree } from "@react-three/fiber";
import type { ValueLabel } from "./use-results-buffers";

const _v = /* @__PURE__ */ new THREE.Vector3();

export function ValueLabels({ labels, container }: { labels: ValueLabel[]; container: RefObject<HTMLDivElement | null> }) {
  const camera = useThree((s) => s.camera);
  const size = useThree((s) => s.size);
  const invalidate = useThree((s) => s.invalidate);
  const pool = useRef<HTMLSpanElement[]>([]);
  useEffect(() => invalidate(), [labels, invalidate]);
  useEffect(
    () => () => {
      for (const s of pool.current) s.remove();
      pool.current = [];
    },
    [],
  );
  useFrame(() => {
    const root = container.current;
    if (!root) return;
    while (pool.current.length < labels.length) {
      const s = document.createElement("span");
      root.appendChild(s);
      pool.current.push(s);
    }
    const placed: [number, number, number][] = [];
    labels.forEach((l, k) => {
      const el = pool.current[k]!;
      _v.set(l.pos[0], l.pos[1], l.pos[2]).project(camera);
      const x = ((_v.x + 1) / 2) * size.width, y = ((1 - _v.y) / 2) * size.height;
      const w = 7 * l.text.length;
      const clash = placed.some(([px, py, pw]) => Math.abs(px - x) < (pw + w) / 2 && Math.abs(py - y) < 15);
      const visible = _v.z < 1 && _v.z > -1 && !clash && x >= 0 && y >= 0 && x <= size.width && y <= size.height;
      el.style.display = visible ? "" : "none";
      if (!visible) return;
      placed.push([x, y, w]);
      el.textContent = l.text;
      el.className = `sv-value${l.sign > 0 ? " sv-value-pos" : l.sign < 0 ? " sv-value-neg" : ""}`;
      el.dataset.testid = "value-label";
      el.style.transform = `translate(${x.toFixed(1)}px, ${y.toFixed(1)}px)`;
    });
    for (let k = labels.length; k < pool.current.length; k++) pool.current[k]!.style.display = "none";
  });
  return null;
}
