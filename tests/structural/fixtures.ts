/**
 * Shared fixtures for tests/structural: a deterministic id generator, small models built through
 * the real planner, and a large 3D building grid payload for the performance test.
 */
import type { ElementsInput, ModelMeta, StructuralModel } from "@/lib/structural";
import { applyPatch, emptyModel, planAddElements } from "@/lib/structural";

/** Deterministic ids: "id1", "id2", … (tests control ids; nothing random). */
export function counterIds(prefix = "id"): () => string {
  let n = 0;
  return () => `${prefix}${++n}`;
}

export function meta(overrides: Partial<ModelMeta> = {}): ModelMeta {
  return {
    id: "m1",
    name: "Test model",
    description: "",
    displayUnits: { length: "m", force: "kN" },
    verticalAxis: "Z",
    revision: 0,
    ownerId: "u1",
    ...overrides,
  };
}

export function blank(overrides: Partial<ModelMeta> = {}): StructuralModel {
  return emptyModel(meta(overrides));
}

/** Build a model from add_elements input; throws when the plan has errors. */
export function build(input: ElementsInput, base: StructuralModel = blank(), newId = counterIds()): StructuralModel {
  const plan = planAddElements(base, input, { newId });
  if (!plan.ok) throw new Error(`fixture plan failed: ${plan.issues.filter((i) => i.severity === "error").map((i) => i.message).join("; ")}`);
  return applyPatch(base, plan.patch);
}

/**
 * A fixed-base portal frame: two 4 m columns, one 6 m beam, IPE300 / S355, one dead and one live
 * case with loads, and a ULS combination. Nodes N1–N4, frames F1–F3.
 */
export function portal(): StructuralModel {
  return build({
    nodes: [
      { ref: "a", x: 0, y: 0, z: 0 },
      { ref: "b", x: 0, y: 0, z: 4 },
      { ref: "c", x: 6, y: 0, z: 4 },
      { ref: "d", x: 6, y: 0, z: 0 },
    ],
    frames: [
      { ref: "c1", i: "a", j: "b", section: "HEA200", material: "S355", role: "column" },
      { ref: "b1", i: "b", j: "c", section: "IPE300", material: "S355", role: "beam" },
      { ref: "c2", i: "d", j: "c", section: "HEA200", material: "S355", role: "column" },
    ],
    supports: [
      { node: "a", type: "fixed" },
      { node: "d", type: "fixed" },
    ],
    loadCases: [{ name: "Dead", selfWeight: true }, { name: "Live" }],
    loads: [
      { kind: "frame_distributed", case: "Live", frame: "b1", w: [0, 0, -10_000] },
      { kind: "nodal", case: "Live", node: "b", fx: 5_000 },
      { kind: "frame_point", case: "Dead", frame: "b1", position: 0.5, fz: -2_000 },
    ],
    combinations: [{ name: "ULS1", kind: "ULS", factors: { Dead: 1.35, Live: 1.5 } }],
  });
}

/**
 * A 3D building grid payload in the canonical import format: nx × ny columns lines, `levels`
 * levels above ground; columns between levels and beams in X and Y at each floor.
 * nx = ny = 31, levels = 35 → 34,596 nodes and 98,735 frames (the "100k-frame" model).
 */
export function gridPayload(nx = 31, ny = 31, levels = 35, bay = 6, storey = 3.5) {
  const nodes: { id: string; x: number; y: number; z: number }[] = [];
  const id = (i: number, j: number, k: number) => `N${k * nx * ny + j * nx + i + 1}`;
  for (let k = 0; k <= levels; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) nodes.push({ id: id(i, j, k), x: i * bay, y: j * bay, z: k * storey });
  const frames: { id: string; start: string; end: string; section: string; material: string; role: string }[] = [];
  let f = 0;
  for (let k = 0; k < levels; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) frames.push({ id: `F${++f}`, start: id(i, j, k), end: id(i, j, k + 1), section: "HEB300", material: "S355", role: "column" });
  for (let k = 1; k <= levels; k++) {
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx - 1; i++) frames.push({ id: `F${++f}`, start: id(i, j, k), end: id(i + 1, j, k), section: "IPE400", material: "S355", role: "beam" });
    for (let j = 0; j < ny - 1; j++)
      for (let i = 0; i < nx; i++) frames.push({ id: `F${++f}`, start: id(i, j, k), end: id(i, j + 1, k), section: "IPE360", material: "S355", role: "beam" });
  }
  const supports: { node: string; code: string }[] = [];
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) supports.push({ node: id(i, j, 0), code: "FFFFFF" });
  return {
    name: "Grid building",
    units: { length: "m", force: "kN" },
    nodes,
    frames,
    supports,
    load_cases: [{ name: "Dead", type: "dead", self_weight: true }],
  };
}
