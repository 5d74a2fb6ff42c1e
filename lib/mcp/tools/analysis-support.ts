/** Solver-backed checks shared by validate_model and analyze_model. */
import { error, warning, type Issue, type StructuralModel } from "@/lib/structural";
import { toAnalysisModel } from "@/lib/structural/to-analysis";
import type { AnalysisIssue } from "@/lib/structural/analysis/types";
import { runAnalysisInWorker } from "@/lib/analysis/runner";

export const STABILITY_CHECK_MAX_DOF = 60_000;

/** Solver issues (mechanisms, unrestrained DOFs) as domain issues naming nodes by label. */
export function solverIssues(model: StructuralModel, issues: readonly AnalysisIssue[]): Issue[] {
  const nodeLabel = new Map(model.nodes.map((n) => [n.id, n.label]));
  const frameLabel = new Map(model.frames.map((f) => [f.id, f.label]));
  return issues.map((i) => {
    const code = i.code === "NODE_UNSTABLE_DOF" || i.code === "STRUCT_MECHANISM" ? "INSUFFICIENT_RESTRAINT" : i.code === "STRUCT_NO_SUPPORT" ? "NO_SUPPORTS" : "INSUFFICIENT_RESTRAINT";
    const elements = [
      ...i.nodes.slice(0, 20).map((id) => ({ kind: "node" as const, id, label: nodeLabel.get(id) })),
      ...i.frames.slice(0, 20).map((id) => ({ kind: "frame" as const, id, label: frameLabel.get(id) })),
    ];
    const labelled = i.message.replace(/\b(c[0-9a-z]{20})\b/g, (id) => nodeLabel.get(id) ?? frameLabel.get(id) ?? id);
    const make = i.severity === "error" ? error : warning;
    return make(code, `${labelled}${i.dofs.length ? ` (free: ${i.dofs.join(", ")})` : ""}`, { elements, hint: i.hint });
  });
}

/** Factorises the stiffness (no loads) to find mechanisms; empty when stable or too large to check quickly. */
export async function stabilityIssues(model: StructuralModel): Promise<Issue[]> {
  if (model.frames.length === 0 || model.nodes.length * 6 > STABILITY_CHECK_MAX_DOF) return [];
  const prepared = toAnalysisModel(model);
  if (!prepared.ok) return [];
  const probe = { ...prepared.model, loadCases: [{ id: "__stability__", name: "stability", selfWeight: null }], loads: [], combinations: [] };
  const out = await runAnalysisInWorker(probe, { diagrams: false });
  return out.ok ? [] : solverIssues(model, out.issues);
}
