/**
 * DXF export read back by an independent parser (dxf-parser from npm): one LINE per frame on its
 * section's layer with exact end points in metres, node labels as TEXT, the layer table, $INSUNITS.
 */
import DxfParser from "dxf-parser";
import { describe, expect, it } from "vitest";
import { dxfLayers, exportDxf } from "@/lib/structural/export";
import type { StructuralModel } from "@/lib/structural/schema";
import { blank, build, portal } from "../fixtures";

interface Parsed {
  header: Record<string, unknown>;
  tables: { layer: { layers: Record<string, { name: string }> } };
  entities: { type: string; layer: string; vertices?: { x: number; y: number; z: number }[]; startPoint?: { x: number; y: number; z: number }; position?: { x: number; y: number; z: number }; text?: string }[];
}
const parse = (text: string) => new DxfParser().parseSync(text) as unknown as Parsed;

describe("DXF export read back with dxf-parser", () => {
  it("draws each frame as a 3D line on its section's layer, in metres", () => {
    const model = portal();
    const text = exportDxf(model);
    const dxf = parse(text);
    expect(dxf.header.$INSUNITS).toBe(6);
    const layers = dxfLayers(model);
    const lines = dxf.entities.filter((e) => e.type === "LINE");
    expect(lines).toHaveLength(model.frames.length);
    const nodes = new Map(model.nodes.map((n) => [n.id, n]));
    model.frames.forEach((f, k) => {
      const line = lines[k]!;
      expect(line.layer).toBe(layers.get(f.sectionId));
      const [a, b] = [nodes.get(f.i)!, nodes.get(f.j)!];
      expect(line.vertices).toEqual([{ x: a.x, y: a.y, z: a.z }, { x: b.x, y: b.y, z: b.z }]);
    });
    const layerNames = Object.keys(dxf.tables.layer.layers);
    for (const s of model.sections) expect(layerNames).toContain(layers.get(s.id));
    expect(new Set(model.sections.map((s) => layers.get(s.id))).size).toBe(model.sections.length);
  });

  it("writes node labels as text at the nodes, one line each, even for hostile labels; Y-up turns to Z-up", () => {
    const model: StructuralModel = build({
      nodes: [
        { ref: "a", label: "A\\P%%c", x: 0, y: 0, z: 0 },
        { ref: "b", label: "Knoten ä", x: 1.5, y: 2.25, z: -0.125 },
      ],
      frames: [{ ref: "f", label: "F1", i: "a", j: "b", section: "IPE300", material: "S355" }],
    }, blank({ verticalAxis: "Y" }));
    // labels that got past the input edge anyway: line breaks would inject DXF group codes
    model.nodes[0] = { ...model.nodes[0]!, label: "A\n0\nLINE\n8\nEVIL" };
    const dxf = parse(exportDxf(model));
    expect(dxf.entities.filter((e) => e.type === "LINE")).toHaveLength(1);
    expect(dxf.entities.some((e) => e.layer === "EVIL")).toBe(false);
    const texts = dxf.entities.filter((e) => e.type === "TEXT" && e.layer === "NODE_LABELS");
    expect(texts.map((t) => t.text)).toEqual(["A 0 LINE 8 EVIL", "Knoten \\U+00E4"]);
    expect(texts[1]!.startPoint).toEqual({ x: 1.5, y: 0.125, z: 2.25 });
  });
});
