/**
 * The degrees of freedom Spectral's solver restrains automatically because no member gives them
 * any stiffness (NODE_DOF_AUTO_RESTRAINED in analysis/analyze.ts), found with the solver's own
 * preparation and assembly so an exported model restrains exactly the same DOFs.
 */
import { assemble, prepare } from "../analysis";
import type { StructuralModel } from "../schema";
import { toAnalysisModel } from "../to-analysis";

export interface ZeroStiffness {
  /** Model node id and DOF index (0..5 = ux uy uz rx ry rz) of each DOF without stiffness. */
  dofs: { node: string; dof: number }[];
  /** DOFs left free after supports and these restraints. */
  free: number;
}

/** Null when the solver would refuse the model before assembly (its own issues say why). */
export function zeroStiffnessDofs(model: StructuralModel): ZeroStiffness | null {
  const am = toAnalysisModel(model).model;
  if (am.frames.length === 0) return null;
  const { prep } = prepare(am);
  if (!prep) return null;
  const xyz = new Float64Array(3 * am.nodes.length);
  am.nodes.forEach((n, k) => xyz.set([n.x, n.y, n.z], 3 * k));
  const { B, nodeOf } = assemble(prep, am.nodes.length, xyz);
  let maxT = 0;
  let maxR = 0;
  for (let s = 0; s < B.n; s++)
    for (let d = 0; d < 6; d++) {
      const v = Math.abs(B.diag[36 * s + 7 * d] as number);
      if (d < 3) maxT = Math.max(maxT, v);
      else maxR = Math.max(maxR, v);
    }
  const dofs: ZeroStiffness["dofs"] = [];
  let free = 0;
  for (let s = 0; s < B.n; s++)
    for (let d = 0; d < 6; d++) {
      if (B.fixed[6 * s + d]) continue;
      if ((B.diag[36 * s + 7 * d] as number) > 1e-14 * (d < 3 ? maxT : maxR)) free++;
      else dofs.push({ node: (am.nodes[nodeOf[s] as number] as { id: string }).id, dof: d });
    }
  return { dofs, free };
}
