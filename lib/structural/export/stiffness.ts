/**
 * The degrees of freedom Spectral's solver restrains automatically because no member gives them
 * any stiffness (NODE_DOF_AUTO_RESTRAINED in analysis/analyze.ts), found with the solver's own
 * preparation and element stiffness so an exported model restrains exactly the same DOFs. Only the
 * diagonal of the global stiffness is summed (6 numbers per node), in the assembly's order and with
 * its thresholds — not the whole matrix, which a 100k-frame export does not need.
 */
import { prepare } from "../analysis";
import { condense, localStiffness, toGlobal } from "../analysis/element";
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
  const n = am.nodes.length;
  // the solver's "system" nodes: used by a frame and not restrained in every DOF (assembly.ts)
  const system = new Uint8Array(n);
  for (const f of prep.frames) system[f.ni] = system[f.nj] = 1;
  for (let i = 0; i < n; i++) if (system[i] && [0, 1, 2, 3, 4, 5].every((d) => prep.restraint[6 * i + d])) system[i] = 0;
  const diag = new Float64Array(6 * n);
  const k = new Float64Array(144);
  const kg = new Float64Array(144);
  const tmp = new Float64Array(9);
  for (const f of prep.frames) {
    if (!system[f.ni] && !system[f.nj]) continue;
    localStiffness(f.props, f.L, k);
    if (f.released) condense(k, f.released);
    toGlobal(k, f.R, kg, tmp);
    for (let d = 0; d < 6; d++) {
      if (system[f.ni]) diag[6 * f.ni + d]! += kg[13 * d]!;
      if (system[f.nj]) diag[6 * f.nj + d]! += kg[13 * (6 + d)]!;
    }
  }
  let maxT = 0;
  let maxR = 0;
  for (let i = 0; i < n; i++)
    if (system[i])
      for (let d = 0; d < 6; d++) {
        const v = Math.abs(diag[6 * i + d]!);
        if (d < 3) maxT = Math.max(maxT, v);
        else maxR = Math.max(maxR, v);
      }
  const dofs: ZeroStiffness["dofs"] = [];
  let free = 0;
  for (let i = 0; i < n; i++) {
    if (!system[i]) continue;
    for (let d = 0; d < 6; d++) {
      if (prep.restraint[6 * i + d]) continue;
      if (diag[6 * i + d]! > 1e-14 * (d < 3 ? maxT : maxR)) free++;
      else dofs.push({ node: am.nodes[i]!.id, dof: d });
    }
  }
  return { dofs, free };
}
