"use client";
/**
 * Properties of the selected node or frame, in engineering units (components/viewer/units.ts): coordinates and support
 * for a node; end nodes, length, section, material, roll and end releases for a frame; and the
 * loads on it in the shown load case.
 */
import { useMemo } from "react";
import { localAxes } from "./geometry";
import { supportKind } from "./supports";
import { fmt, fmtQ, type EngUnits } from "./units";
import type { Pick, Vec3, ViewerPayload } from "./types";

export interface PropertiesPanelProps {
  payload: ViewerPayload;
  selected: Pick;
  supportOf: Map<number, string>;
  loadCase: number;
  onSelect(p: Pick | null): void;
  /** Extra rows under the properties (analysis results of the selection). */
  extra?: React.ReactNode;
  units: EngUnits;
}

function Row({ k, v, testId }: { k: string; v: React.ReactNode; testId?: string }) {
  return (
    <>
      <dt>{k}</dt>
      <dd data-testid={testId}>{v}</dd>
    </>
  );
}

function releasesText(r: string | undefined): string {
  if (!r) return "fixed – fixed";
  const [i, j] = r.split("/");
  return `i ${i || "FFFFFF"}, j ${j || "FFFFFF"}`;
}

function shapeText(s: ViewerPayload["sections"][number]["shape"], u: EngUnits): string {
  if (!s) return "—";
  const L = (m: number) => fmtQ(u, "dim", m);
  switch (s.type) {
    case "I":
      return `I ${L(s.h)} × ${L(s.b)} (tw ${L(s.tw)}, tf ${L(s.tf)})`;
    case "channel":
      return `Channel ${L(s.h)} × ${L(s.b)} (tw ${L(s.tw)}, tf ${L(s.tf)})`;
    case "rect":
      return `Rectangle ${L(s.h)} × ${L(s.b)}`;
    case "rhs":
      return `RHS ${L(s.h)} × ${L(s.b)} × ${L(s.t)}`;
    case "circle":
      return `Circle ⌀${L(s.d)}`;
    case "chs":
      return `CHS ⌀${L(s.d)} × ${L(s.t)}`;
    case "angle":
      return `Angle ${L(s.h)} × ${L(s.b)} × ${L(s.t)}`;
    default:
      return "—";
  }
}

export function PropertiesPanel({ payload: p, selected, supportOf, loadCase, onSelect, extra, units: u }: PropertiesPanelProps) {
  const loads = useMemo(
    () => p.loads.filter((l) => l.caseIndex === loadCase && l.target === selected.index && (selected.kind === "node" ? l.kind === "nodal" : l.kind !== "nodal")),
    [p, selected, loadCase],
  );
  const node = (i: number): Vec3 => [p.nodes.positions[3 * i] ?? 0, p.nodes.positions[3 * i + 1] ?? 0, p.nodes.positions[3 * i + 2] ?? 0];
  let body: React.ReactNode;
  let title: string;
  if (selected.kind === "node") {
    const i = selected.index;
    const [x, y, z] = node(i);
    const code = supportOf.get(i);
    let connected = 0;
    for (let k = 0; k < p.frames.pairs.length; k++) if (p.frames.pairs[k] === i) connected++;
    title = `Node ${p.nodes.labels[i] ?? i}`;
    body = (
      <dl>
        <Row k="X" v={fmtQ(u, "coord", x)} testId="prop-x" />
        <Row k="Y" v={fmtQ(u, "coord", y)} testId="prop-y" />
        <Row k="Z" v={fmtQ(u, "coord", z)} testId="prop-z" />
        <Row k="Support" v={code ? `${code} (${supportKind(code, p.verticalAxis) ?? "free"})` : "none"} testId="prop-support" />
        <Row k="Frames" v={connected} />
        <Row k="Id" v={<code>{p.nodes.ids[i]}</code>} />
      </dl>
    );
  } else {
    const f = selected.index;
    const a = p.frames.pairs[2 * f] ?? -1, b = p.frames.pairs[2 * f + 1] ?? -1;
    const ax = a >= 0 && b >= 0 ? localAxes(node(a), node(b), p.frames.roll[f] ?? 0, p.verticalAxis) : null;
    const sec = p.sections[p.frames.section[f] ?? -1];
    const mat = p.materials[p.frames.material[f] ?? -1];
    title = `Frame ${p.frames.labels[f] ?? f}`;
    body = (
      <dl>
        <Row
          k="Nodes"
          v={
            <>
              <button type="button" className="sv-link" onClick={() => onSelect({ kind: "node", index: a })}>
                {p.nodes.labels[a] ?? "?"}
              </button>
              {" → "}
              <button type="button" className="sv-link" onClick={() => onSelect({ kind: "node", index: b })}>
                {p.nodes.labels[b] ?? "?"}
              </button>
            </>
          }
          testId="prop-nodes"
        />
        <Row k="Length" v={ax ? fmtQ(u, "coord", ax.length) : "0"} testId="prop-length" />
        <Row k="Section" v={sec ? sec.name : "none"} testId="prop-section" />
        {sec && (
          <>
            <Row k="Shape" v={shapeText(sec.shape, u)} />
            <Row k="A" v={fmtQ(u, "area", sec.A)} testId="prop-area" />
            <Row k="Iz (strong)" v={fmtQ(u, "inertia", sec.Iz)} testId="prop-iz" />
            <Row k="Iy (weak)" v={fmtQ(u, "inertia", sec.Iy)} testId="prop-iy" />
            <Row k="J (torsion)" v={fmtQ(u, "inertia", sec.J)} />
          </>
        )}
        <Row k="Material" v={mat ? mat.name : "none"} testId="prop-material" />
        {mat && (
          <>
            <Row k="E" v={fmtQ(u, "stress", mat.E, 5)} />
            <Row k="Density" v={`${fmt(mat.density)} kg/m³`} />
          </>
        )}
        <Row k="Roll" v={`${fmt(p.frames.roll[f] ?? 0)}°`} />
        <Row k="Releases" v={releasesText(p.frames.releases[f])} testId="prop-releases" />
        {ax && (
          <>
            <Row k="Local x" v={`(${ax.x.map((c) => fmt(c, 3)).join(", ")})`} />
            <Row k="Local y" v={`(${ax.y.map((c) => fmt(c, 3)).join(", ")})`} testId="prop-local-y" />
          </>
        )}
        <Row k="Id" v={<code>{p.frames.ids[f]}</code>} />
      </dl>
    );
  }
  return (
    <section className="sv-props" aria-label="Selection properties">
      <div className="sv-props-head">
        <strong data-testid="selection-title">{title}</strong>
        <button type="button" className="sv-btn sv-btn-icon" onClick={() => onSelect(null)} aria-label="Clear selection (Esc)">
          ×
        </button>
      </div>
      {body}
      {extra}
      {loads.length > 0 && (
        <>
          <div className="sv-props-sub">Loads ({p.loadCases[loadCase]?.name})</div>
          <ul className="sv-loads">
            {loads.slice(0, 8).map((l, k) => (
              <li key={k}>
                {l.kind.replace("_", " ")}: ({l.vector.map((c) => fmt(c / u[l.kind === "frame_distributed" ? "line" : "force"].per)).join(", ")}){" "}
                {u[l.kind === "frame_distributed" ? "line" : "force"].unit}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
