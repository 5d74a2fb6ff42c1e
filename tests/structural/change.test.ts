import { describe, expect, it } from "vitest";
import {
  applyPatch,
  invertPatch,
  planAddElements,
  planRemoveElements,
  planUpdateElements,
  type ElementsRemove,
  type ElementsUpdate,
  type IssueCode,
  type ModelPatch,
  type StructuralModel,
} from "@/lib/structural";
import { counterIds, portal } from "./fixtures";

const codes = (issues: { code: IssueCode }[]) => issues.map((i) => i.code);
const node = (m: StructuralModel, l: string) => m.nodes.find((n) => n.label === l)!;
const frame = (m: StructuralModel, l: string) => m.frames.find((f) => f.label === l)!;
/** Rows sorted by id: models equal up to row order within each kind. */
function canonical(m: StructuralModel): StructuralModel {
  const by = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ...m, nodes: by(m.nodes), frames: by(m.frames), supports: by(m.supports), sections: by(m.sections), materials: by(m.materials), loadCases: by(m.loadCases), loads: by(m.loads), combinations: by(m.combinations) };
}
function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object") {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

describe("planUpdateElements", () => {
  it("moves a node (in the given units) and relabels it", () => {
    const m = portal();
    const r = planUpdateElements(m, { units: { length: "mm" }, nodes: [{ node: "N3", label: "Top right", x: 6500 }] });
    expect(r.ok).toBe(true);
    expect(r.patch.update.nodes).toEqual([{ id: node(m, "N3").id, label: "Top right", x: 6.5 }]);
    const after = applyPatch(m, r.patch);
    expect(node(after, "Top right")).toMatchObject({ x: 6.5, y: 0, z: 4 });
  });

  it("rejects a move that makes a frame zero-length, and warns when a node lands on another", () => {
    const m = portal();
    const zero = planUpdateElements(m, { nodes: [{ node: "N3", at: [0, 0, 4] }] });
    expect(zero.ok).toBe(false);
    expect(codes(zero.issues)).toContain("ZERO_LENGTH_FRAME");
    const onto = planUpdateElements(m, { nodes: [{ node: "N4", at: [0.0003, 0, 0] }] });
    expect(codes(onto.issues)).toContain("COINCIDENT_NODES");
  });

  it("changes frame section (catalogue copy needs newId), releases, roll and role", () => {
    const m = portal();
    const noId = planUpdateElements(m, { frames: [{ frame: "F2", section: "IPE400" }] });
    expect(noId.ok).toBe(false);
    expect(codes(noId.issues)).toEqual(["INVALID_INPUT"]);
    const r = planUpdateElements(m, { frames: [{ frame: "F2", section: "IPE400", release: "pinned", roll: 90, role: "beam" }] }, { newId: counterIds("u") });
    expect(r.ok).toBe(true);
    expect(r.patch.add.sections.map((s) => s.name)).toEqual(["IPE400"]);
    expect(r.patch.update.frames).toEqual([{ id: frame(m, "F2").id, sectionId: "u1", releaseI: "FFFFRR", releaseJ: "FFFFRR", roll: 90, role: "beam" }]);
  });

  it("unassigns a section with null", () => {
    const m = portal();
    const r = planUpdateElements(m, { frames: [{ frame: "F1", section: null }] });
    expect(r.patch.update.frames).toEqual([{ id: frame(m, "F1").id, sectionId: null }]);
  });

  it("recomputes G when E changes without G", () => {
    const m = portal();
    const r = planUpdateElements(m, { units: { stress: "GPa" }, materials: [{ material: "S355", E: 200 }] });
    const u = r.patch.update.materials[0]!;
    expect(u.E).toBe(200e9);
    expect(u.G).toBeCloseTo(200e9 / 2.6, 0);
  });

  it("updates, upserts and removes supports", () => {
    const m = portal();
    const r = planUpdateElements(m, { supports: [{ node: "N1", type: "pinned" }, { node: "N4", type: "free" }, { node: "N2", code: "RRFRRR" }] }, { newId: counterIds("s") });
    expect(r.ok).toBe(true);
    expect(r.patch.update.supports).toEqual([{ id: m.supports[0]!.id, code: "FFFRRR" }]);
    expect(r.patch.remove.supports).toEqual([m.supports[1]!.id]);
    expect(r.patch.add.supports).toEqual([{ id: "s1", nodeId: node(m, "N2").id, code: "RRFRRR" }]);
  });

  it("updates load values and checks them against the load's kind", () => {
    const m = portal();
    const udl = m.loads.find((l) => l.kind === "frame_distributed")!;
    const nodal = m.loads.find((l) => l.kind === "nodal")!;
    const r = planUpdateElements(m, { units: { force: "kN" }, loads: [{ id: udl.id, w: [0, 0, -12] }, { id: nodal.id, fx: 7 }] });
    expect(r.ok).toBe(true);
    expect(r.patch.update.loads).toEqual([
      { id: udl.id, w1: { x: 0, y: 0, z: -12_000 }, w2: { x: 0, y: 0, z: -12_000 } },
      { id: nodal.id, fx: 7000 },
    ]);
    const bad = planUpdateElements(m, { loads: [{ id: nodal.id, position: 0.5 }, { id: udl.id, start: 1 }, { id: "nope" }] });
    expect(codes(bad.issues)).toEqual(["INVALID_INPUT", "INVALID_LOAD_POSITION", "UNKNOWN_LOAD"]);
  });

  it("reports unknown targets and label collisions, all at once", () => {
    const m = portal();
    const input: ElementsUpdate = {
      nodes: [{ node: "N42", x: 1 }, { node: "N1", label: "N2" }],
      frames: [{ frame: "F9", roll: 1 }],
      sections: [{ section: "Nope", A: 1 }],
      materials: [{ material: "Nope" }],
      loadCases: [{ loadCase: "Live", name: "dead" }],
      combinations: [{ combination: "ULS1", factors: { Wind: 1 } }],
    };
    const r = planUpdateElements(m, input);
    expect(r.ok).toBe(false);
    expect(codes(r.issues)).toEqual(["UNKNOWN_NODE", "DUPLICATE_NODE", "UNKNOWN_FRAME", "UNKNOWN_SECTION", "UNKNOWN_MATERIAL", "DUPLICATE_NAME", "UNKNOWN_LOAD_CASE"]);
  });

  it("reconnecting a frame onto an existing pair is a duplicate", () => {
    const m = portal();
    const r = planUpdateElements(m, { frames: [{ frame: "F3", i: "N2", j: "N3" }] });
    expect(codes(r.issues)).toContain("DUPLICATE_FRAME");
  });
});

describe("planRemoveElements", () => {
  it("refuses to remove a node that frames use, naming them, unless cascade", () => {
    const m = portal();
    const r = planRemoveElements(m, { nodes: ["N2"] });
    expect(r.ok).toBe(false);
    expect(codes(r.issues)).toEqual(["NODE_IN_USE"]);
    expect(r.issues[0]!.message).toContain('"F1"');
    expect(r.issues[0]!.message).toContain('"F2"');
    expect(r.patch.remove.nodes).toEqual([]);
  });

  it("with cascade removes the node, its frames, their loads, and the node's support and loads", () => {
    const m = portal();
    const r = planRemoveElements(m, { nodes: ["N2"] }, { cascade: true });
    expect(r.ok).toBe(true);
    expect(r.patch.remove.nodes).toEqual([node(m, "N2").id]);
    expect(r.patch.remove.frames).toEqual([frame(m, "F1").id, frame(m, "F2").id]);
    // all three loads sit on F2 or N2
    expect(r.patch.remove.loads.sort()).toEqual(m.loads.map((l) => l.id).sort());
    const base = planRemoveElements(m, { nodes: ["N1"] }, { cascade: true });
    expect(base.patch.remove.supports).toEqual([m.supports[0]!.id]);
  });

  it("removing a frame removes its loads", () => {
    const m = portal();
    const r = planRemoveElements(m, { frames: ["F2"] });
    expect(r.ok).toBe(true);
    expect(r.patch.remove.loads).toHaveLength(2);
  });

  it("sections and load cases in use need cascade, which unassigns / strips factors", () => {
    const m = portal();
    expect(codes(planRemoveElements(m, { sections: ["IPE300"] }).issues)).toEqual(["SECTION_IN_USE"]);
    const s = planRemoveElements(m, { sections: ["IPE300"] }, { cascade: true });
    expect(s.patch.update.frames).toEqual([{ id: frame(m, "F2").id, sectionId: null }]);
    expect(codes(planRemoveElements(m, { loadCases: ["Live"] }).issues)).toEqual(["LOAD_CASE_IN_USE"]);
    const c = planRemoveElements(m, { loadCases: ["Live"] }, { cascade: true });
    const live = m.loadCases.find((x) => x.name === "Live")!;
    expect(c.patch.remove.loads).toHaveLength(2);
    expect(c.patch.update.combinations[0]!.factors!.some((f) => f.caseId === live.id)).toBe(false);
  });

  it("reports unknown targets", () => {
    const r = planRemoveElements(portal(), { nodes: ["N77"], frames: ["X"], supports: ["N3"], loads: ["nope"], combinations: ["ULS9"] } as ElementsRemove);
    expect(codes(r.issues)).toEqual(["UNKNOWN_NODE", "UNKNOWN_FRAME", "UNKNOWN_SUPPORT", "UNKNOWN_LOAD", "UNKNOWN_COMBINATION"]);
  });
});

describe("applyPatch + invertPatch restore the earlier model", () => {
  const scenarios: { name: string; patch: (m: StructuralModel) => ModelPatch; exactOrder: boolean }[] = [
    {
      name: "add",
      exactOrder: true,
      patch: (m) => planAddElements(m, { nodes: [{ ref: "x", x: 12, y: 0, z: 4 }], frames: [{ i: "N3", j: "x", section: "IPE400", material: "S275" }], supports: [{ node: "N1", type: "pinned" }] }, { newId: counterIds("a") }).patch,
    },
    {
      name: "update",
      exactOrder: true,
      patch: (m) => planUpdateElements(m, { nodes: [{ node: "N3", x: 7 }], frames: [{ frame: "F2", release: "pinned", section: null }], materials: [{ material: "S355", E: 2e11 }] }).patch,
    },
    { name: "remove with cascade", exactOrder: false, patch: (m) => planRemoveElements(m, { nodes: ["N2"], loadCases: ["Dead"] }, { cascade: true }).patch },
  ];
  for (const s of scenarios) {
    it(s.name, () => {
      const before = deepFreeze(portal());
      const patch = s.patch(before);
      const after = applyPatch(before, patch); // must not mutate the frozen input
      expect(after).not.toEqual(before);
      const back = applyPatch(after, invertPatch(before, patch));
      if (s.exactOrder) expect(back).toEqual(before);
      expect(canonical(back)).toEqual(canonical(before));
    });
  }
  it("undo of undo is the change again", () => {
    const before = portal();
    const patch = planUpdateElements(before, { nodes: [{ node: "N3", z: 5 }] }).patch;
    const after = applyPatch(before, patch);
    const undo = invertPatch(before, patch);
    const redo = invertPatch(after, undo);
    expect(applyPatch(applyPatch(after, undo), redo)).toEqual(after);
  });
});
