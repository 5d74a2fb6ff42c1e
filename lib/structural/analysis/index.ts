/**
 * Public surface of the linear static analysis engine (3D frames, direct stiffness method).
 * Pure TypeScript, no dependencies outside this folder; synchronous, deterministic, worker-safe.
 *
 *   analyze(model, opts?)      → AnalysisOutput: { ok: true, cases, combinations, stats, … } | { ok: false, issues }
 *   frameLocalAxes(frame, i, j, verticalAxis) → the local axes the engine uses (viewer triads, diagrams)
 *   buildingModel(nx, ny, storeys, opts?)     → a regular steel moment-frame building (benchmarks, tests)
 *
 * Lower level (benchmarks, tests, tools): prepare → assemble → applyRestraints gives the 6×6-block
 * stiffness matrix (BlockMatrix); factorSparse (supernodal multifrontal Cholesky) and factorSkyline
 * (RCM + scalar envelope Cholesky, the baseline) factor it.
 *
 * Conventions (units, local axes, sign of every result) are documented at the top of types.ts.
 */
export { analyze } from "./analyze";
export { buildingModel, buildingDofCount, type BuildingOptions } from "./fixtures";
export { VERTICAL_MEMBER_COSINE } from "./element";
export { factorSparse, analyseOrdering, type BlockMatrix, type LinearFactor, type PivotFailure, type FactorStats, type SparseOptions } from "./sparse";
export { factorSkyline } from "./skyline";
export { assemble, applyRestraints, type Assembled } from "./assembly";
export { prepare } from "./prepare";
export { GRAVITY } from "./loads";
export * from "./types";

import { axesVectors, frameAxes } from "./element";
import type { AnalysisFrame, AnalysisNode, Vec3, VerticalAxis } from "./types";

/** Local axes of a frame exactly as the engine computes them (null for a zero-length frame). */
export function frameLocalAxes(
  frame: Pick<AnalysisFrame, "roll" | "orientation">,
  i: Pick<AnalysisNode, "x" | "y" | "z">,
  j: Pick<AnalysisNode, "x" | "y" | "z">,
  verticalAxis: VerticalAxis,
): { x: Vec3; y: Vec3; z: Vec3; length: number } | null {
  const ax = frameAxes(i.x, i.y, i.z, j.x, j.y, j.z, frame.roll ?? 0, frame.orientation, verticalAxis);
  return ax ? { ...axesVectors(ax.R), length: ax.length } : null;
}
