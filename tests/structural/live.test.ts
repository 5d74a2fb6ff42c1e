/**
 * Live viewer deltas (lib/structural/live.ts): a revision's delta applied to the payload on
 * screen gives exactly the payload a reload would (toViewerPayload of the patched model), for
 * additions, updates, removals (with cascades), undo and settings changes; and the cases the
 * viewer must reload instead are reported as null.
 */
import { describe, expect, it } from "vitest";
import {
  applyPatch, invertPatch, planAddElements, planRemoveElements, planUpdateElements, toViewerPayload,
  type ModelPatch, type StructuralModel,
} from "@/lib/structural";
import { diffModels } from "@/lib/structural/diff";
import { applyLiveDelta, liveDeltaOf, LIVE_DELTA_MAX_ROWS } from "@/lib/structural/live";
import { counterIds, portal } from "./fixtures";

const ids = counterIds("new");

const order = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
/** The model as the database reads it back: each kind with ids in ORDER BY id (supports and loads: patch order, see live.ts). */
const byId = (m: StructuralModel): StructuralModel => ({ ...m, nodes: order(m.nodes), frames: order(m.frames), sections: order(m.sections), materials: order(m.materials), loadCases: order(m.loadCases) });

function expectSameAsReload(before: StructuralModel, patch: ModelPatch, meta?: Partial<StructuralModel["meta"]>) {
  const delta = liveDeltaOf(before, patch, meta);
  expect(delta).not.toBeNull();
  // Through JSON, as it travels to the browser.
  const sent = JSON.parse(JSON.stringify(delta));
  const after = byId(applyPatch(before, patch));
  const reloaded = toViewerPayload({ ...after, meta: { ...after.meta, ...meta } }, { revision: 7 });
  const patched = applyLiveDelta(toViewerPayload(before, { revision: 6 }), sent, 7);
  expect(patched).toEqual(reloaded);
  return patched!;
}

function planned(r: { ok: boolean; patch: ModelPatch; issues: { message: string }[] }): ModelPatch {
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("; "));
  return r.patch;
}

describe("live deltas give the payload a reload would", () => {
  const model = byId(portal());

  it("adds nodes, frames, a support and loads (a second bay)", () => {
    const patch = planned(
      planAddElements(model, {
        nodes: [{ ref: "e", x: 12, y: 0, z: 4 }, { ref: "f", x: 12, y: 0, z: 0 }],
        frames: [{ i: "N3", j: "e", section: "IPE300", material: "S355" }, { i: "f", j: "e", section: "HEA200", material: "S355" }],
        supports: [{ node: "f", type: "pinned" }],
        loads: [{ kind: "nodal", case: "Live", node: "e", fz: -3_000, my: 100 }],
      }, { newId: ids }),
    );
    const p = expectSameAsReload(model, patch);
    expect(p.frames.ids).toHaveLength(5);
    // Ids "new…" sort after "id…": appended in order. Nodes still point at the right ends.
    expect(p.frames.pairs.slice(6)).toEqual([p.nodes.ids.indexOf(model.nodes[2]!.id), p.nodes.ids.length - 2, p.nodes.ids.length - 1, p.nodes.ids.length - 2]);
    expect(p.bounds.max[0]).toBe(12);
  });

  it("updates coordinates, a frame's section and releases, a support code and load values in place", () => {
    const patch = planned(
      planUpdateElements(model, {
        nodes: [{ node: "N3", at: [6.5, 0, 4.25] }],
        frames: [{ frame: "F2", section: "HEA200", release: "pinned" }],
        supports: [{ node: "N1", type: "pinned" }],
        loads: [{ id: model.loads[1]!.id, fx: 7_500 }, { id: model.loads[0]!.id, w: [0, 0, -12_000] }],
      }, { newId: ids }),
    );
    const p = expectSameAsReload(model, patch);
    expect(p.nodes.positions.slice(6, 9)).toEqual([6.5, 0, 4.25]);
  });

  it("removes a node with its frames, support and loads (cascade), and a section", () => {
    const patch = planned(planRemoveElements(model, { nodes: ["N4"], supports: ["N1"] }, { cascade: true }));
    expect(patch.remove.frames.length).toBeGreaterThan(0);
    const p = expectSameAsReload(model, patch);
    expect(p.supports.node).toHaveLength(0);
  });

  it("undoes (the inverse re-adds removed rows, which go back to their place in id order) and restores by diff", () => {
    const patch = planned(planRemoveElements(model, { frames: ["F2"] }));
    const after = applyPatch(model, patch);
    const undone = expectSameAsReload(after, invertPatch(model, patch));
    expect(undone.frames.ids).toEqual(model.frames.map((f) => f.id));
    expectSameAsReload(after, diffModels(after, model));
  });

  it("renames the model and changes its units and vertical axis", () => {
    const patch = planned(planUpdateElements(model, { nodes: [{ node: "N2", label: "TOP" }] }, {}));
    const p = expectSameAsReload(model, patch, { name: "Renamed", verticalAxis: "Y", displayUnits: { length: "mm", force: "N" } });
    expect(p).toMatchObject({ name: "Renamed", verticalAxis: "Y", units: { length: "mm", force: "N" } });
  });
});

describe("when the viewer must reload instead", () => {
  const model = portal();

  it("a change above LIVE_DELTA_MAX_ROWS is not sent as a delta", () => {
    const nodes = Array.from({ length: LIVE_DELTA_MAX_ROWS + 1 }, (_, k) => ({ x: k, y: 50, z: 0 }));
    const patch = planned(planAddElements(model, { nodes }, { newId: ids }));
    expect(liveDeltaOf(model, patch)).toBeNull();
  });

  it("a removed support missing from the rows read gives no delta", () => {
    const patch = planned(planRemoveElements(model, { supports: ["N1"] }));
    expect(liveDeltaOf({ ...model, supports: [] }, patch)).toBeNull();
  });

  it("a delta naming a load the payload does not have is refused", () => {
    const patch = planned(planRemoveElements(model, { frames: ["F2"] }));
    const delta = liveDeltaOf(model, patch)!;
    const payload = toViewerPayload({ ...model, loads: [] }, { revision: 1 });
    expect(applyLiveDelta(payload, delta, 2)).toBeNull();
  });
});
