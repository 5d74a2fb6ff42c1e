/**
 * exportCanonical(model): the model in Spectral's canonical JSON ("spectral/1"), the format
 * import_model reads back losslessly (lib/structural/import).
 *
 *   { format: "spectral/1", name, description, units: { length: "m", force: "N" },
 *     display_units: { length, force }, vertical_axis: "Z" | "Y",
 *     nodes: [{ id, x, y, z }], frames: [{ id, start, end, section?, material?, roll?, orientation?,
 *     releases?: { i, j }, role? }], supports: [{ node, code }], sections: [{ name, A, Iy, Iz, J, shape? }],
 *     materials: [{ name, E, G, nu, density, fy?, kind }], load_cases: [{ name, type, self_weight_factor? }],
 *     loads: [{ id, kind, case, node | frame, … }], combinations: [{ name, kind, factors: { case: f } }] }
 */
import type { DisplayUnits, StructuralModel, VerticalAxis } from "../schema";

export interface CanonicalExport {
  format: "spectral/1";
  name: string;
  description: string;
  units: { length: "m"; force: "N" };
  display_units: DisplayUnits;
  vertical_axis: VerticalAxis;
  nodes: { id: string; x: number; y: number; z: number }[];
  frames: Record<string, unknown>[];
  supports: { node: string; code: string }[];
  sections: Record<string, unknown>[];
  materials: Record<string, unknown>[];
  load_cases: Record<string, unknown>[];
  loads: Record<string, unknown>[];
  combinations: { name: string; kind: string; factors: Record<string, number> }[];
}

/**
 * The model in the canonical import format (SI; references by label/name; defaults omitted:
 * roll 0, role "other", fully fixed ends, no orientation). `normalizeImport` reads it back to the
 * same model up to ids. Loads keep their `id` (for update_elements); import ignores it.
 */
export function exportCanonical(model: StructuralModel): CanonicalExport {
  const nodeLabel = new Map(model.nodes.map((n) => [n.id, n.label]));
  const frameLabel = new Map(model.frames.map((f) => [f.id, f.label]));
  const sectionName = new Map(model.sections.map((s) => [s.id, s.name]));
  const materialName = new Map(model.materials.map((m) => [m.id, m.name]));
  const caseName = new Map(model.loadCases.map((c) => [c.id, c.name]));
  const frames = model.frames.map((f) => {
    const o: Record<string, unknown> = { id: f.label, start: nodeLabel.get(f.i) ?? f.i, end: nodeLabel.get(f.j) ?? f.j };
    if (f.sectionId !== null) o.section = sectionName.get(f.sectionId) ?? f.sectionId;
    if (f.materialId !== null) o.material = materialName.get(f.materialId) ?? f.materialId;
    if (f.roll !== 0) o.roll = f.roll;
    if (f.orientation !== null) o.orientation = { ...f.orientation };
    if (f.releaseI !== "FFFFFF" || f.releaseJ !== "FFFFFF") o.releases = { i: f.releaseI, j: f.releaseJ };
    if (f.role !== "other") o.role = f.role;
    return o;
  });
  const loads = model.loads.map((l) => {
    const base = { id: l.id, kind: l.kind, case: caseName.get(l.caseId) ?? l.caseId };
    if (l.kind === "nodal") return { ...base, node: nodeLabel.get(l.nodeId) ?? l.nodeId, fx: l.fx, fy: l.fy, fz: l.fz, mx: l.mx, my: l.my, mz: l.mz };
    if (l.kind === "frame_point") return { ...base, frame: frameLabel.get(l.frameId) ?? l.frameId, position: l.position, axes: l.axes, fx: l.fx, fy: l.fy, fz: l.fz, mx: l.mx, my: l.my, mz: l.mz };
    return { ...base, frame: frameLabel.get(l.frameId) ?? l.frameId, start: l.start, end: l.end, axes: l.axes, w1: [l.w1.x, l.w1.y, l.w1.z], w2: [l.w2.x, l.w2.y, l.w2.z], projected: l.projected };
  });
  return {
    format: "spectral/1",
    name: model.meta.name,
    description: model.meta.description,
    units: { length: "m", force: "N" },
    display_units: { ...model.meta.displayUnits },
    vertical_axis: model.meta.verticalAxis,
    nodes: model.nodes.map((n) => ({ id: n.label, x: n.x, y: n.y, z: n.z })),
    frames,
    supports: model.supports.map((s) => ({ node: nodeLabel.get(s.nodeId) ?? s.nodeId, code: s.code })),
    sections: model.sections.map((s) => (s.shape ? { name: s.name, A: s.A, Iy: s.Iy, Iz: s.Iz, J: s.J, shape: { ...s.shape } } : { name: s.name, A: s.A, Iy: s.Iy, Iz: s.Iz, J: s.J })),
    materials: model.materials.map((m) => ({ name: m.name, E: m.E, G: m.G, nu: m.nu, density: m.density, ...(m.fy !== null ? { fy: m.fy } : {}), kind: m.kind })),
    load_cases: model.loadCases.map((c) => ({ name: c.name, type: c.type, ...(c.selfWeightFactor !== null ? { self_weight_factor: c.selfWeightFactor } : {}) })),
    loads,
    combinations: model.combinations.map((c) => ({ name: c.name, kind: c.kind, factors: Object.fromEntries(c.factors.map((f) => [caseName.get(f.caseId) ?? f.caseId, f.factor])) })),
  };
}
