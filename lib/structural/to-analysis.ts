/**
 * The stored model → the solver's input: sections and materials resolved per frame, loads and
 * combinations in the solver's shapes. Frames without a section or material cannot be analysed:
 * they are reported (MISSING_SECTION / MISSING_MATERIAL) with the fix, not guessed.
 */
import type { AnalysisLoad, AnalysisModel } from "./analysis/types";
import { error, type Issue } from "./issues";
import type { StructuralModel } from "./schema";

export function toAnalysisModel(model: StructuralModel): { ok: boolean; model: AnalysisModel; issues: Issue[] } {
  const issues: Issue[] = [];
  const sections = new Map(model.sections.map((s) => [s.id, s]));
  const materials = new Map(model.materials.map((m) => [m.id, m]));
  const frames: AnalysisModel["frames"] = [];
  for (const f of model.frames) {
    const s = f.sectionId ? sections.get(f.sectionId) : undefined;
    const m = f.materialId ? materials.get(f.materialId) : undefined;
    if (!s) {
      issues.push(error("MISSING_SECTION", `Frame ${f.label} has no section; analysis needs A, Iy, Iz and J.`, {
        elements: [{ kind: "frame", id: f.id, label: f.label }],
        hint: `Assign one with update_elements, e.g. { frames: [{ frame: "${f.label}", section: "IPE300" }] }.`,
      }));
    }
    if (!m) {
      issues.push(error("MISSING_MATERIAL", `Frame ${f.label} has no material; analysis needs E and G.`, {
        elements: [{ kind: "frame", id: f.id, label: f.label }],
        hint: `Assign one with update_elements, e.g. { frames: [{ frame: "${f.label}", material: "S355" }] }.`,
      }));
    }
    if (!s || !m) continue;
    frames.push({
      id: f.id, i: f.i, j: f.j, E: m.E, G: m.G, A: s.A, Iy: s.Iy, Iz: s.Iz, J: s.J, density: m.density,
      roll: f.roll, orientation: f.orientation, releases: { i: f.releaseI, j: f.releaseJ },
    });
  }
  const loads: AnalysisLoad[] = model.loads.map((l) => {
    switch (l.kind) {
      case "nodal":
        return { kind: "nodal", case: l.caseId, node: l.nodeId, fx: l.fx, fy: l.fy, fz: l.fz, mx: l.mx, my: l.my, mz: l.mz };
      case "frame_point":
        return { kind: "frame_point", case: l.caseId, frame: l.frameId, position: l.position, axes: l.axes, fx: l.fx, fy: l.fy, fz: l.fz, mx: l.mx, my: l.my, mz: l.mz };
      case "frame_distributed":
        return {
          kind: "frame_distributed", case: l.caseId, frame: l.frameId, start: l.start, end: l.end, axes: l.axes,
          w1: [l.w1.x, l.w1.y, l.w1.z], w2: [l.w2.x, l.w2.y, l.w2.z], projected: l.projected,
        };
    }
  });
  return {
    ok: issues.length === 0,
    issues,
    model: {
      nodes: model.nodes.map((n) => ({ id: n.id, x: n.x, y: n.y, z: n.z })),
      frames,
      supports: model.supports.map((s) => ({ node: s.nodeId, code: s.code })),
      verticalAxis: model.meta.verticalAxis,
      loadCases: model.loadCases.map((c) => ({ id: c.id, name: c.name, selfWeight: c.selfWeightFactor ? { factor: c.selfWeightFactor } : null })),
      loads,
      combinations: model.combinations.map((c) => ({ id: c.id, name: c.name, factors: Object.fromEntries(c.factors.map((f) => [f.caseId, f.factor])) })),
    },
  };
}
