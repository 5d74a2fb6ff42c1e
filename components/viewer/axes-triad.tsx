"use client";
/**
 * The global axes triad (model X, Y, Z in red, green, blue) drawn as an SVG overlay in a corner,
 * rotated with the camera on every rendered frame (no draw calls, crisp at any DPR).
 */
import { type RefObject } from "react";
import * as THREE from "three";
import { useFrame, useThree } from "@react-three/fiber";
import { toWorld, type VerticalAxis } from "./geometry";
import type { Vec3 } from "./types";

export interface AxesTriadProps {
  svg: RefObject<SVGSVGElement | null>;
  vertical: VerticalAxis;
}

const AXES: { name: string; v: Vec3 }[] = [
  { name: "X", v: [1, 0, 0] },
  { name: "Y", v: [0, 1, 0] },
  { name: "Z", v: [0, 0, 1] },
];
const _v = /* @__PURE__ */ new THREE.Vector3();
const _q = /* @__PURE__ */ new THREE.Quaternion();

export function AxesTriad({ svg, vertical }: AxesTriadProps) {
  const camera = useThree((s) => s.camera);
  useFrame(() => {
    const root = svg.current;
    if (!root) return;
    _q.copy(camera.quaternion).invert();
    AXES.forEach((a, i) => {
      const w = toWorld(a.v, vertical);
      _v.set(w[0], w[1], w[2]).applyQuaternion(_q);
      const line = root.querySelector<SVGLineElement>(`[data-axis="${i}"]`);
      const text = root.querySelector<SVGTextElement>(`[data-axis-label="${i}"]`);
      const x = 40 + _v.x * 28, y = 40 - _v.y * 28;
      line?.setAttribute("x2", x.toFixed(1));
      line?.setAttribute("y2", y.toFixed(1));
      text?.setAttribute("x", (40 + _v.x * 36).toFixed(1));
      text?.setAttribute("y", (40 - _v.y * 36 + 4).toFixed(1));
      // An axis pointing at (or away from) the viewer has no length on screen: fade its label.
      text?.setAttribute("opacity", Math.hypot(_v.x, _v.y) < 0.25 ? "0" : "1");
    });
  });
  return null;
}

/** The SVG the triad draws into (rendered by the DOM part of the viewer). */
export function AxesTriadSvg({ svgRef }: { svgRef: RefObject<SVGSVGElement | null> }) {
  const colors = ["#ff6b6b", "#4cd18a", "#4fb3ff"];
  return (
    <svg ref={svgRef} className="sv-triad" width="80" height="80" viewBox="0 0 80 80" aria-label="Axes: X red, Y green, Z blue">
      {AXES.map((a, i) => (
        <g key={a.name}>
          <line data-axis={i} x1="40" y1="40" x2="40" y2="40" stroke={colors[i]} strokeWidth="2.5" strokeLinecap="round" />
          <text data-axis-label={i} x="40" y="40" fill={colors[i]} fontSize="11" fontWeight="700" textAnchor="middle">
            {a.name}
          </text>
        </g>
      ))}
    </svg>
  );
}
