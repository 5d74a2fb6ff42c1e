/**
 * Planning on a slice (the rows a call can reach, lib/structural/slice.ts) must give the same
 * patch and the same issues as planning on the whole model: this is what lets a write read a
 * handful of rows on a 100k-frame model. Each case plans one edit both ways and compares.
 */
import { describe, expect, it } from "vitest";
import {
  memoryRows,
  planAddElements,
  planRemoveElements,
  planUpdateElements,
  sliceForAdd,
  sliceForRemove,
  sliceForUpdate,
  type ElementsInput,
  type ElementsRemove,
  type ElementsUpdate,
  type Issue,
  type StructuralModel,
} from "@/lib/structural";
import { ElementsInputSchema, ElementsRemoveSchema, ElementsUpdateSchema } from "@/lib/structural";
import { build, counterIds, portal } from "./fixtures";

/** A 6 × 5 grid of 3 m bays, 3 storeys: labels N1…, F1…, supports at the base, two cases with loads. */
function grid(): StructuralModel {
  const nodes: NonNullable<ElementsInput["nodes"]> = [];
  const frames: NonNullable<ElementsInput["frames"]> = [];
  const id = (i: number, j: number, k: number) => `n${i}_${j}_${k}`;
  for (let k = 0; k <= 3; k++) for (let i = 0; i <= 6; i++) for (let j = 0; j <= 5; j++) nodes.push({ ref: id(i, j, k), x: 3 * i, y: 3 * j, z: 3 * k });
  for (let k = 1; k <= 3; k++)
    for (let i = 0; i <= 6; i++)
      for (let j = 0; j <= 5; j++) {
        frames.push({ ref: `c${i}_${j}_${k}`, i: id(i, j, k - 1), j: id(i, j, k), section: "HEA200", material: "S355", role: "column" });
        if (i < 6) frames.push({ i: id(i, j, k), j: id(i + 1, j, k), section: "IPE300", material: "S355", role: "beam" });
        if (j < 5) frames.push({ i: id(i, j, k), j: id(i, j + 1, k), section: "IPE240", material: "S275", role: "beam" });
      }
  const supports = [];
  for (let i = 0; i <= 6; i++) for (let j = 0; j <= 5; j++) supports.push({ node: id(i, j, 0), type: "fixed" as const });
  return build({
    nodes,
    frames,
    supports,
    loadCases: [{ name: "Dead", selfWeight: true }, { name: "Live" }],
    loads: [
      { kind: "frame_distributed", case: "Dead", frame: "c1_1_1", w: [0, 0, -5] },
      { kind: "nodal", case: "Live", node: id(2, 2, 3), fz: -10 },
      { kind: "frame_point", case: "Live", frame: "c3_3_2", position: 0.5, fx: 4 },
    ],
    combinations: [{ name: "ULS", factors: { Dead: 1.35, Live: 1.5 } }],
  });
}

/** The model as the database returns it: rows of each kind in id order. */
function asRead(m: StructuralModel): StructuralModel {
  const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    meta: m.meta, nodes: byId(m.nodes), frames: byId(m.frames), supports: byId(m.supports), sections: byId(m.sections),
    materials: byId(m.materials), loadCases: byId(m.loadCases), loads: byId(m.loads), combinations: byId(m.combinations),
  };
}

const shape = (issues: Issue[]) => issues.map((i) => ({ code: i.code, severity: i.severity, path: i.path, elements: i.elements }));

async function addBothWays(model: StructuralModel, raw: unknown) {
  const input = ElementsInputSchema.parse(raw);
  const slice = await sliceForAdd(memoryRows(model), model.meta, input);
  const whole = planAddElements(model, input, { newId: counterIds("x") });
  const part = planAddElements(slice.model, input, { newId: counterIds("x"), labelFloor: slice.labelNumbers });
  return { whole, part, slice };
}

async function updateBothWays(model: StructuralModel, raw: unknown) {
  const input = ElementsUpdateSchema.parse(raw) as ElementsUpdate;
  const slice = await sliceForUpdate(memoryRows(model), model.meta, input);
  return { whole: planUpdateElements(model, input, { newId: counterIds("x") }), part: planUpdateElements(slice.model, input, { newId: counterIds("x") }), slice };
}

async function removeBothWays(model: StructuralModel, raw: unknown, cascade = false) {
  const input = ElementsRemoveSchema.parse(raw) as ElementsRemove;
  const slice = await sliceForRemove(memoryRows(model), model.meta, input);
  return { whole: planRemoveElements(model, input, { cascade }), part: planRemoveElements(slice.model, input, { cascade }), slice };
}

describe("planning on a slice equals planning on the whole model", () => {
  const model = asRead(grid());

  it.each([
    ["one new node, auto-labelled", { nodes: [{ x: 100, y: 0, z: 0 }] }],
    ["a node within 1 mm of an existing one is merged", { nodes: [{ ref: "p", x: 3.0004, y: 3, z: 3 }], frames: [{ i: "p", j: "N1", section: "IPE300" }] }],
    ["a duplicate of an existing frame is refused", { frames: [{ i: "N1", j: "N2" }] }],
    ["a frame between existing nodes, explicit and auto labels", { frames: [{ i: "N1", j: "N50", label: "F9999" }, { i: "N2", j: "N60" }] }],
    ["a label already taken is refused", { nodes: [{ x: 50, y: 50, z: 50, label: "N7" }], frames: [{ i: "N3", j: "N90", label: "F12" }] }],
    ["unknown references, sections and cases are all reported", { frames: [{ i: "nope", j: "N1", section: "XYZ123" }], loads: [{ kind: "nodal", case: "Wind", node: "N1", fx: 1 }] }],
    ["a support on a supported node replaces its code", { supports: [{ node: "N1", type: "pinned" }, { node: "N80", type: "fixed" }] }],
    ["loads by distance need the frame's length", { loads: [{ kind: "frame_point", case: "Live", frame: "F10", distance: 1.5, fz: -3 }, { kind: "frame_distributed", case: "Dead", frame: "F11", startDistance: 0.5, endDistance: 7, w: [0, 0, -1] }] }],
    ["catalogue sections and materials, cases and combinations", { sections: [{ catalogue: "HEB300" }], materials: [{ name: "Glulam", E: 11e9, density: 450, kind: "timber" }], loadCases: [{ name: "Snow" }], combinations: [{ name: "SLS", factors: { Dead: 1, Snow: 1 } }], frames: [{ i: "N5", j: "N120", section: "HEB300", material: "Glulam" }] }],
    ["nodes in display units", { units: "display", nodes: [{ ref: "q", x: 3, y: 0, z: 0.0005 }, { ref: "r", x: 1, y: 1, z: 1 }], frames: [{ i: "q", j: "r" }] }],
  ])("add: %s", async (_name, raw) => {
    const { whole, part } = await addBothWays(model, raw);
    expect(part.patch).toEqual(whole.patch);
    expect(part.refs).toEqual(whole.refs);
    expect(shape(part.issues)).toEqual(shape(whole.issues));
  });

  it("reads a few dozen rows, not the model", async () => {
    const { slice } = await addBothWays(model, { nodes: [{ ref: "p", x: 100, y: 0, z: 0 }], frames: [{ i: "p", j: "N1", section: "IPE300" }], supports: [{ node: "p", type: "pinned" }] });
    expect(model.frames.length).toBeGreaterThan(300);
    expect(slice.model.nodes.length).toBeLessThanOrEqual(2);
    expect(slice.model.frames.length).toBe(0);
    expect(slice.labelNumbers).toEqual({ nodes: model.nodes.length, frames: model.frames.length });
  });

  it.each([
    ["move a node (partial coordinates)", { nodes: [{ node: "N10", z: 1.5 }] }],
    ["move a node onto another: coincident warning and zero-length frame", { nodes: [{ node: "N2", at: [0, 0, 0] }] }],
    ["reconnect a frame onto an existing pair", { frames: [{ frame: "F1", j: "N2" }] }],
    ["reconnect a frame that comes before its duplicate", { frames: [{ frame: "F2", i: "N1", j: "N43" }] }],
    ["rename nodes and frames, one to a taken label", { nodes: [{ node: "N3", label: "Top" }, { node: "N4", label: "N5" }], frames: [{ frame: "F3", label: "Beam-A" }] }],
    ["swap two labels in one call", { nodes: [{ node: "N1", label: "N2" }, { node: "N2", label: "N1" }] }],
    ["sections, supports, loads and combinations", { frames: [{ frame: "F7", section: "IPE400" }], supports: [{ node: "N1", type: "pinned" }, { node: "N100", type: "fixed" }], combinations: [{ combination: "ULS", factors: { Dead: 1.2, Live: 1.6 } }], sections: [{ section: "IPE240", Iz: 4e-5 }] }],
    ["unknown elements are reported", { nodes: [{ node: "N9999", x: 1 }], frames: [{ frame: "F9999", section: "IPE300" }], loads: [{ id: "nope", fz: 1 }] }],
  ])("update: %s", async (_name, raw) => {
    const { whole, part } = await updateBothWays(model, raw);
    expect(part.patch).toEqual(whole.patch);
    expect(shape(part.issues)).toEqual(shape(whole.issues));
  });

  it("update: load values by id", async () => {
    const id = model.loads[1]!.id;
    const { whole, part } = await updateBothWays(model, { loads: [{ id, fz: -20 }] });
    expect(part.patch).toEqual(whole.patch);
    expect(part.patch.update.loads).toHaveLength(1);
  });

  it.each([
    ["a node still used by frames is refused", { nodes: ["N10"] }, false],
    ["a node with cascade takes its frames, support and loads", { nodes: ["N1", "N45"] }, true],
    ["frames with their loads", { frames: ["F1", "F2"] }, false],
    ["a section in use is refused; with cascade frames lose it", { sections: ["IPE240"] }, false],
    ["a section in use, cascade", { sections: ["ipe240"], materials: ["S275"] }, true],
    ["a load case in use, cascade", { loadCases: ["Live"] }, true],
    ["a load case in use is refused", { loadCases: ["Dead"] }, false],
    ["supports by node and unknown names", { supports: ["N1", "N999"], combinations: ["ULS", "nope"] }, false],
  ])("remove: %s", async (_name, raw, cascade) => {
    const { whole, part } = await removeBothWays(model, raw, cascade);
    expect(part.patch).toEqual(whole.patch);
    expect(shape(part.issues)).toEqual(shape(whole.issues));
  });

  it("the portal frame fixture plans the same edits both ways", async () => {
    const p = asRead(portal());
    const a = await addBothWays(p, { nodes: [{ ref: "t", x: 3, y: 0, z: 6 }], frames: [{ i: "N2", j: "t" }, { i: "t", j: "N3" }] });
    expect(a.part.patch).toEqual(a.whole.patch);
    const r = await removeBothWays(p, { nodes: ["N2"] }, true);
    expect(r.part.patch).toEqual(r.whole.patch);
  });
});
