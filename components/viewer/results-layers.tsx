"use client";
/**
 * Result layers inside the <Canvas>: the deflected shape (one LineSegments, scaled, optionally
 * animated), the moment / shear / axial diagram ribbon (one LineSegments), and the reaction arrows
 * (one LineSegments + one InstancedMesh). At most 4 draw calls, constant in the model size.
 * The animation asks for a frame (`invalidate()`) only while it runs.
 */
import { useEffect, useMemo, useRef } from "react";
import * as THREE from "three";
import { useFrame, useThree } from "@react-three/fiber";
import type { ModelBuffers } from "./geometry";
import type { ViewerPayload } from "./types";
import type { ResultsDisplay, ViewerResultSet } from "./use-results";
import { applyScale, autoDiagramScale, buildDiagram, buildReactions, diagramMax, type DeflectedGeometry } from "./use-results-buffers";

export const RESULT_COLORS = { deflected: 0xffd166, positive: 0x4fb3ff, negative: 0xff6b6b, reaction: 0x4cd18a } as const;

export interface ResultsLayersProps {
  payload: ViewerPayload;
  buffers: ModelBuffers;
  set: ViewerResultSet;
  display: ResultsDisplay;
  /** Absolute deflection scale (auto × multiplier). */
  deflectionScale: number;
  deflected: DeflectedGeometry | null;
}

function DeflectedShape({ geometry, scale, animate }: { geometry: DeflectedGeometry; scale: number; animate: boolean }) {
  const invalidate = useThree((s) => s.invalidate);
  const lines = useMemo(() => {
    const g = new THREE.BufferGeometry();
    const pos = new Float32Array(geometry.base.length);
    const attr = new THREE.BufferAttribute(pos, 3);
    attr.setUsage(THREE.DynamicDrawUsage);
    g.setAttribute("position", attr);
    const l = new THREE.LineSegments(g, new THREE.LineBasicMaterial({ color: RESULT_COLORS.deflected }));
    l.frustumCulled = false;
    l.renderOrder = 2;
    return l;
  }, [geometry]);
  useEffect(
    () => () => {
      lines.geometry.dispose();
      (lines.material as THREE.Material).dispose();
    },
    [lines],
  );
  const write = (s: number) => {
    const attr = lines.geometry.getAttribute("position") as THREE.BufferAttribute;
    applyScale(geometry, s, attr.array as Float32Array);
    attr.needsUpdate = true;
  };
  // Static: write once per change.
  useEffect(() => {
    if (animate) {
      start.current = performance.now();
    } else write(scale);
    invalidate();
  }, [lines, scale, animate]); // eslint-disable-line react-hooks/exhaustive-deps
  const start = useRef(0);
  useFrame(() => {
    if (!animate) return;
    const t = (performance.now() - start.current) / 1000;
    write(scale * 0.5 * (1 - Math.cos(2 * Math.PI * t / 1.6)));
    invalidate(); // the next frame, only while animating
  });
  return <primitive object={lines} />;
}

function DiagramRibbon({ payload, buffers, set, kind, multiplier }: { payload: ViewerPayload; buffers: ModelBuffers; set: ViewerResultSet; kind: Exclude<ResultsDisplay["diagram"], "none">; multiplier: number }) {
  const invalidate = useThree((s) => s.invalidate);
  const lines = useMemo(() => {
    const scale = autoDiagramScale(buffers, diagramMax(set, kind, buffers.frameCount)) * multiplier;
    const d = buildDiagram(payload, buffers, set, kind, scale);
    const g = new THREE.BufferGeometry();
    g.setAttribute("position", new THREE.BufferAttribute(d.positions, 3));
    const col = new Float32Array(d.sign.length * 3);
    const pos = new THREE.Color(RESULT_COLORS.positive), neg = new THREE.Color(RESULT_COLORS.negative);
    for (let k = 0; k < d.sign.length; k++) {
      const c = d.sign[k]! >= 0 ? pos : neg;
      col[3 * k] = c.r; col[3 * k + 1] = c.g; col[3 * k + 2] = c.b;
    }
    g.setAttribute("color", new THREE.BufferAttribute(col, 3));
    const l = new THREE.LineSegments(g, new THREE.LineBasicMaterial({ vertexColors: true }));
    l.frustumCulled = false;
    l.renderOrder = 1;
    return l;
  }, [payload, buffers, set, kind, multiplier]);
  useEffect(() => {
    invalidate();
    return () => {
      lines.geometry.dispose();
      (lines.material as THREE.Material).dispose();
      invalidate();
    };
  }, [lines, invalidate]);
  return <primitive object={lines} />;
}

const _m = /* @__PURE__ */ new THREE.Matrix4();
const _q = /* @__PURE__ */ new THREE.Quaternion();
const _v = /* @__PURE__ */ new THREE.Vector3();
const _d = /* @__PURE__ */ new THREE.Vector3();
const _s = /* @__PURE__ */ new THREE.Vector3();
const UP = /* @__PURE__ */ new THREE.Vector3(0, 1, 0);

function ReactionArrows({ buffers, set }: { buffers: ModelBuffers; set: ViewerResultSet }) {
  const invalidate = useThree((s) => s.invalidate);
  const objects = useMemo(() => {
    const a = buildReactions(buffers, set);
    if (!a.count) return null;
    const g = new THREE.BufferGeometry();
    g.setAttribute("position", new THREE.BufferAttribute(a.shafts, 3));
    const lines = new THREE.LineSegments(g, new THREE.LineBasicMaterial({ color: RESULT_COLORS.reaction }));
    lines.frustumCulled = false;
    const cone = new THREE.ConeGeometry(0.32, 1, 10, 1);
    cone.translate(0, -0.5, 0);
    const heads = new THREE.InstancedMesh(cone, new THREE.MeshLambertMaterial({ color: RESULT_COLORS.reaction }), a.count);
    const h = a.heads;
    for (let i = 0; i < a.count; i++) {
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
  }, [buffers, set]);
  useEffect(() => {
    invalidate();
    return () => {
      if (!objects) return;
      objects.lines.geometry.dispose();
      (objects.lines.material as THREE.Material).dispose();
      objects.heads.geometry.dispose();
      (objects.heads.material as THREE.Material).dispose();
      invalidate();
    };
  }, [objects, invalidate]);
  if (!objects) return null;
  return (
    <group>
      <primitive object={objects.lines} />
      <primitive object={objects.heads} />
    </group>
  );
}

export function ResultsLayers({ payload, buffers, set, display, deflectionScale, deflected }: ResultsLayersProps) {
  const invalidate = useThree((s) => s.invalidate);
  // Hiding a layer must repaint too.
  useEffect(() => invalidate(), [display.deflected, display.diagram, display.reactions, invalidate]);
  return (
    <group name="results">
      {display.deflected && deflected && <DeflectedShape geometry={deflected} scale={deflectionScale} animate={display.animate} />}
      {display.diagram !== "none" && <DiagramRibbon payload={payload} buffers={buffers} set={set} kind={display.diagram} multiplier={display.diagScale} />}
      {display.reactions && <ReactionArrows buffers={buffers} set={set} />}
    </group>
  );
}
