/**
 * Selections (where: {role, section}) expand to one row per matching existing frame before
 * planning, and every way a selection can be wrong is an issue with a path and a fix.
 */
import { describe, expect, it } from "vitest";
import { ElementsInputWithSelectionSchema, ElementsUpdateWithSelectionSchema, expandAddSelections, expandUpdateSelections, memoryRows, type StructuralModel } from "@/lib/structural";
import { portal } from "./fixtures";

const withRoles = (): StructuralModel => {
  const m = structuredClone(portal());
  m.frames.forEach((f, k) => (f.role = k === 1 ? "beam" : "column"));
  return m;
};

describe("selections", () => {
  it("expands a line load on all beams into one load per beam", async () => {
    const m = withRoles();
    const input = ElementsInputWithSelectionSchema.parse({ loads: [{ kind: "frame_distributed", case: "Live", where: { role: "beam" }, w: [0, 0, -10] }] });
    const { input: out, issues } = await expandAddSelections(input, memoryRows(m));
    expect(issues).toEqual([]);
    expect(out.loads).toEqual([{ kind: "frame_distributed", case: "Live", frame: m.frames[1]!.id, w: [0, 0, -10] }]);
  });

  it("selects by section and by role and section together", async () => {
    const m = withRoles();
    const section = m.sections[0]!;
    const bySection = await expandUpdateSelections(ElementsUpdateWithSelectionSchema.parse({ frames: [{ where: { section: section.name }, roll: 90 }] }), memoryRows(m));
    expect(bySection.input.frames!.map((f) => f.frame).sort()).toEqual(m.frames.filter((f) => f.sectionId === section.id).map((f) => f.id).sort());
    const both = await expandUpdateSelections(ElementsUpdateWithSelectionSchema.parse({ frames: [{ where: { role: "beam", section: section.name }, roll: 90 }] }), memoryRows(m));
    expect(both.input.frames!.every((f) => m.frames.find((x) => x.id === f.frame)!.role === "beam")).toBe(true);
  });

  it("reports an empty selection, an unknown section and per-frame fields, with paths", async () => {
    const m = withRoles();
    const res = await expandUpdateSelections(
      ElementsUpdateWithSelectionSchema.parse({ frames: [{ where: { role: "cable" }, roll: 1 }, { where: { section: "NOPE" }, roll: 1 }, { where: { role: "beam" }, label: "X" }] }),
      memoryRows(m),
    );
    expect(res.issues.map((i) => [i.code, i.path])).toEqual([
      ["SELECTION_EMPTY", ["frames", 0, "where"]],
      ["UNKNOWN_SECTION", ["frames", 1, "where", "section"]],
      ["INVALID_INPUT", ["frames", 2]],
    ]);
    expect(res.issues.every((i) => i.hint)).toBe(true);
  });

  it("refuses a row with both frame and where, or neither", () => {
    const r = ElementsUpdateWithSelectionSchema.safeParse({ frames: [{ frame: "F1", where: { role: "beam" }, roll: 1 }, { roll: 1 }] });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path)).toEqual([["frames", 0], ["frames", 1]]);
    const l = ElementsInputWithSelectionSchema.safeParse({ loads: [{ kind: "frame_distributed", case: "D", w: [0, 0, -1] }] });
    expect(l.success).toBe(false);
    expect(l.error!.issues[0]!.message).toMatch(/frame or where/);
  });
});
