"use client";
/**
 * Click to select, hover to preview: pointer events on the canvas → screen-space pick over the
 * typed arrays (see picking.ts). A click is a press and release within 5 px and 600 ms, so orbit
 * drags never select. Hover picking is throttled to one per animation frame and paused while a
 * button is held.
 */
import { useEffect, useRef } from "react";
import * as THREE from "three";
import { useThree } from "@react-three/fiber";
import type { ModelBuffers } from "./geometry";
import { pickAt } from "./picking";
import type { Pick } from "./types";

export interface SelectionProps {
  buffers: ModelBuffers;
  /** Which element kinds can be picked. */
  pickable: { nodes: boolean; frames: boolean };
  onSelect(p: Pick | null): void;
  onHover(p: Pick | null): void;
}

const _vp = /* @__PURE__ */ new THREE.Matrix4();

export function Selection({ buffers, pickable, onSelect, onHover }: SelectionProps) {
  const camera = useThree((s) => s.camera);
  const gl = useThree((s) => s.gl);
  const latest = useRef({ buffers, pickable, onSelect, onHover });
  latest.current = { buffers, pickable, onSelect, onHover };

  useEffect(() => {
    const el = gl.domElement;
    let down: { x: number; y: number; t: number } | null = null;
    let raf = 0;
    let lastHover: string | null = null;
    const pick = (e: PointerEvent | MouseEvent): Pick | null => {
      const r = el.getBoundingClientRect();
      camera.updateMatrixWorld();
      _vp.multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse);
      const { buffers: b, pickable: p } = latest.current;
      return pickAt(b, { viewProj: _vp.elements, width: r.width, height: r.height }, e.clientX - r.left, e.clientY - r.top, p);
    };
    const onDown = (e: PointerEvent) => {
      down = e.button === 0 ? { x: e.clientX, y: e.clientY, t: performance.now() } : null;
    };
    const onUp = (e: PointerEvent) => {
      if (!down || e.button !== 0) return;
      const moved = Math.hypot(e.clientX - down.x, e.clientY - down.y);
      const quick = performance.now() - down.t < 600;
      down = null;
      if (moved <= 5 && quick) latest.current.onSelect(pick(e));
    };
    const onMove = (e: PointerEvent) => {
      if (e.buttons !== 0 || e.pointerType === "touch") return;
      if (raf) cancelAnimationFrame(raf);
      raf = requestAnimationFrame(() => {
        raf = 0;
        const p = pick(e);
        const key = p ? `${p.kind}:${p.index}` : null;
        if (key !== lastHover) {
          lastHover = key;
          el.style.cursor = p ? "pointer" : "";
          latest.current.onHover(p);
        }
      });
    };
    const onLeave = () => {
      if (raf) cancelAnimationFrame(raf);
      raf = 0;
      if (lastHover !== null) {
        lastHover = null;
        el.style.cursor = "";
        latest.current.onHover(null);
      }
    };
    el.addEventListener("pointerdown", onDown);
    el.addEventListener("pointerup", onUp);
    el.addEventListener("pointermove", onMove);
    el.addEventListener("pointerleave", onLeave);
    return () => {
      if (raf) cancelAnimationFrame(raf);
      el.removeEventListener("pointerdown", onDown);
      el.removeEventListener("pointerup", onUp);
      el.removeEventListener("pointermove", onMove);
      el.removeEventListener("pointerleave", onLeave);
    };
  }, [gl, camera]);

  return null;
}
