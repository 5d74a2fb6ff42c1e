"use client";
/**
 * A ground grid under the model (one draw call), with a "nice" cell size (1, 2 or 5 × 10ⁿ m)
 * and lines aligned to whole multiples of the cell in model coordinates.
 */
import { useEffect, useMemo } from "react";
import * as THREE from "three";
import { useFrame } from "@react-three/fiber";
import type { ModelBuffers } from "./geometry";
import { COLORS } from "./palette";

const _dir = /* @__PURE__ */ new THREE.Vector3();

export interface GroundGridProps {
  buffers: ModelBuffers;
}

/** 1, 2 or 5 × 10ⁿ closest above `x`. */
export function niceStep(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  const m = x / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

export function gridSpec(b: ModelBuffers): { cell: number; divisions: number; size: number; offset: [number, number] } {
  const ex = b.boxMax[0] - b.boxMin[0], ez = b.boxMax[2] - b.boxMin[2];
  const extent = Math.max(ex, ez, 2 * b.radius * 0.5, 1);
  const cell = niceStep(extent / 8);
  const divisions = 2 * Math.ceil((extent * 0.75 + 2 * cell) / cell);
  const size = divisions * cell;
  const c = b.centre;
  const horiz2 = b.vertical === "Z" ? c[1] : c[2];
  const ox = Math.round(c[0] / cell) * cell - c[0];
  const oz = b.vertical === "Z" ? horiz2 - Math.round(horiz2 / cell) * cell : Math.round(horiz2 / cell) * cell - horiz2;
  return { cell, divisions, size, offset: [ox, oz] };
}

export function GroundGrid({ buffers }: GroundGridProps) {
  const grid = useMemo(() => {
    const s = gridSpec(buffers);
    const g = new THREE.GridHelper(s.size, s.divisions, COLORS.gridCentre, COLORS.grid);
    g.position.set(s.offset[0], buffers.groundY - 1e-4 * buffers.radius, s.offset[1]);
    g.frustumCulled = false;
    g.userData.cell = s.cell;
    return g;
  }, [buffers]);
  // Seen edge-on (elevations) the grid is only a band across the supports: hide it then.
  useFrame(({ camera }) => {
    camera.getWorldDirection(_dir);
    grid.visible = Math.abs(_dir.y) > 0.06;
  });
  useEffect(
    () => () => {
      grid.geometry.dispose();
      (grid.material as THREE.Material).dispose();
    },
    [grid],
  );
  return <primitive object={grid} />;
}
