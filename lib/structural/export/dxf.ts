/**
 * DXF line model for CAD (ASCII DXF, AutoCAD R12 / AC1009 structure, which every CAD program reads):
 *   HEADER    $ACADVER AC1009, $INSUNITS 6 (metres), $EXTMIN/$EXTMAX
 *   TABLES    LAYER: one layer per section (name from the section, made DXF-safe and unique),
 *             NO_SECTION for frames without one, NODE_LABELS, FRAME_LABELS
 *   ENTITIES  a 3D LINE per frame on its section's layer; a POINT and a TEXT (the node label) per
 *             node on NODE_LABELS; a TEXT (the frame label) at each frame's midpoint on FRAME_LABELS
 * Coordinates in metres, exact (shortest round-trip digits); DXF is Z-up, so a Y-up model is turned
 * (x, y, z) → (x, −z, y). User text is one line with no control characters (a line break would
 * start a new group code) — see dxfText.
 * Not carried: supports, releases, loads, materials, section properties (only names, as layers).
 */
import type { V3 } from "../geometry";
import { bounds } from "../geometry";
import type { StructuralModel } from "../schema";
import { CHUNK } from "./step";
import { dxfLayerName, dxfText } from "./text";

const num = (v: number): string => (Object.is(v, -0) ? "0" : String(v));

export function exportDxf(model: StructuralModel): string {
  return [...dxfChunks(model)].join("");
}

/** Layer name of each section id (and of frames without a section). */
export function dxfLayers(model: StructuralModel): Map<string | null, string> {
  const used = new Set(["0", "NODE_LABELS", "FRAME_LABELS", "NO_SECTION"]);
  const out = new Map<string | null, string>([[null, "NO_SECTION"]]);
  for (const s of model.sections) {
    let name = `SECTION_${dxfLayerName(s.name)}`.slice(0, 250);
    for (let k = 2; used.has(name.toUpperCase()); k++) name = `SECTION_${dxfLayerName(s.name)}_${k}`.slice(0, 255);
    used.add(name.toUpperCase());
    out.set(s.id, name);
  }
  return out;
}

export function* dxfChunks(model: StructuralModel): Generator<string> {
  const turn = model.meta.verticalAxis === "Y" ? (v: V3): V3 => [v[0], -v[2], v[1]] : (v: V3): V3 => v;
  const layers = dxfLayers(model);
  const b = bounds(model);
  const lo = turn(b.min);
  const hi = turn(b.max);
  const min: V3 = [Math.min(lo[0], hi[0]), Math.min(lo[1], hi[1]), Math.min(lo[2], hi[2])];
  const max: V3 = [Math.max(lo[0], hi[0]), Math.max(lo[1], hi[1]), Math.max(lo[2], hi[2])];
  const size = Math.hypot(max[0] - min[0], max[1] - min[1], max[2] - min[2]);
  const height = size > 0 ? Math.max(0.01, +(size / 100).toPrecision(2)) : 0.1;
  let buf = "";
  const g = (code: number, value: string | number) => {
    buf += `${code}\n${typeof value === "number" ? num(value) : value}\n`;
  };
  const xyz = (base: number, p: V3) => {
    g(base, p[0]);
    g(base + 10, p[1]);
    g(base + 20, p[2]);
  };

  g(999, "Spectral DXF export, metres");
  g(0, "SECTION");
  g(2, "HEADER");
  g(9, "$ACADVER");
  g(1, "AC1009");
  g(9, "$INSUNITS");
  g(70, 6);
  g(9, "$EXTMIN");
  xyz(10, min);
  g(9, "$EXTMAX");
  xyz(10, max);
  g(0, "ENDSEC");

  const allLayers = ["0", ...new Set(layers.values()), "NODE_LABELS", "FRAME_LABELS"];
  g(0, "SECTION");
  g(2, "TABLES");
  g(0, "TABLE");
  g(2, "LAYER");
  g(70, allLayers.length);
  allLayers.forEach((name, k) => {
    g(0, "LAYER");
    g(2, name);
    g(70, 0);
    g(62, name === "NODE_LABELS" ? 2 : name === "FRAME_LABELS" ? 3 : name === "0" ? 7 : 1 + (k % 6));
    g(6, "CONTINUOUS");
  });
  g(0, "ENDTAB");
  g(0, "ENDSEC");

  g(0, "SECTION");
  g(2, "ENTITIES");
  const pos = new Map(model.nodes.map((n) => [n.id, turn([n.x, n.y, n.z])]));
  for (const f of model.frames) {
    const a = pos.get(f.i);
    const c = pos.get(f.j);
    if (!a || !c) continue;
    g(0, "LINE");
    g(8, layers.get(f.sectionId) ?? "NO_SECTION");
    xyz(10, a);
    xyz(11, c);
    g(0, "TEXT");
    g(8, "FRAME_LABELS");
    xyz(10, [(a[0] + c[0]) / 2, (a[1] + c[1]) / 2, (a[2] + c[2]) / 2]);
    g(40, height);
    g(1, dxfText(f.label) || "?");
    if (buf.length > CHUNK) {
      yield buf;
      buf = "";
    }
  }
  for (const n of model.nodes) {
    const p = pos.get(n.id) as V3;
    g(0, "POINT");
    g(8, "NODE_LABELS");
    xyz(10, p);
    g(0, "TEXT");
    g(8, "NODE_LABELS");
    xyz(10, p);
    g(40, height);
    g(1, dxfText(n.label) || "?");
    if (buf.length > CHUNK) {
      yield buf;
      buf = "";
    }
  }
  g(0, "ENDSEC");
  g(0, "EOF");
  yield buf;
}
