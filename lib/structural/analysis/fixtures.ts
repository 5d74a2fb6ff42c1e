/**
 * Generated models for benchmarks and tests.
 *
 * buildingModel(nx, ny, storeys): a regular 3D steel moment-frame building — (nx+1)×(ny+1)
 * columns per storey, beams in X and Y on every floor, all joints rigid, fixed bases.
 * Free DOFs = 6·(nx+1)·(ny+1)·storeys:
 *     5×5×10 → 2,160      8×8×15 → 7,290      10×10×20 → 14,520
 *     13×13×42 → 49,392   14×14×40 → 54,000
 * Load cases: "D" (self-weight + 15 kN/m on every beam, global −vertical) and "W" (wind: 10 kN per
 * floor node in +X, 5 kN in +Y); combination "ULS" = 1.35·D + 1.5·W.
 */
import type { AnalysisFrame, AnalysisLoad, AnalysisModel, AnalysisNode, AnalysisSupport, VerticalAxis } from "./types";

export interface BuildingOptions {
  /** Bay width in X and Y (m), default 6. */
  bay?: number;
  /** Storey height (m), default 3.5. */
  storeyHeight?: number;
  verticalAxis?: VerticalAxis;
  /** Include the D/W load cases and the ULS combination (default true). */
  loads?: boolean;
}

const STEEL = { E: 210e9, G: 81e9, density: 7850 };
/** Roughly a W14×90 column and a W18×50 beam (m², m⁴). */
const COLUMN = { A: 1.71e-2, Iz: 4.16e-4, Iy: 1.51e-4, J: 1.7e-6 };
const BEAM = { A: 9.48e-3, Iz: 3.33e-4, Iy: 1.67e-5, J: 5.2e-7 };

export function buildingDofCount(nx: number, ny: number, storeys: number): number {
  return 6 * (nx + 1) * (ny + 1) * storeys;
}

export function buildingModel(nx: number, ny: number, storeys: number, opts: BuildingOptions = {}): AnalysisModel {
  const bay = opts.bay ?? 6;
  const h = opts.storeyHeight ?? 3.5;
  const vertical = opts.verticalAxis ?? "Z";
  const withLoads = opts.loads !== false;
  const nodes: AnalysisNode[] = [];
  const frames: AnalysisFrame[] = [];
  const supports: AnalysisSupport[] = [];
  const loads: AnalysisLoad[] = [];
  const id = (i: number, j: number, k: number): string => `N${i}_${j}_${k}`;
  for (let k = 0; k <= storeys; k++) {
    for (let j = 0; j <= ny; j++) {
      for (let i = 0; i <= nx; i++) {
        const x = i * bay;
        const horiz = j * bay;
        const up = k * h;
        nodes.push(vertical === "Z" ? { id: id(i, j, k), x, y: horiz, z: up } : { id: id(i, j, k), x, y: up, z: horiz });
        if (k === 0) supports.push({ node: id(i, j, k), code: "FFFFFF" });
      }
    }
  }
  const frame = (fid: string, a: string, b: string, s: typeof COLUMN): AnalysisFrame => ({ id: fid, i: a, j: b, ...STEEL, ...s, roll: 0 });
  for (let k = 1; k <= storeys; k++) {
    for (let j = 0; j <= ny; j++) {
      for (let i = 0; i <= nx; i++) {
        frames.push(frame(`C${i}_${j}_${k}`, id(i, j, k - 1), id(i, j, k), COLUMN));
        if (i < nx) frames.push(frame(`BX${i}_${j}_${k}`, id(i, j, k), id(i + 1, j, k), BEAM));
        if (j < ny) frames.push(frame(`BY${i}_${j}_${k}`, id(i, j, k), id(i, j + 1, k), BEAM));
      }
    }
  }
  if (withLoads) {
    const w = -15e3;
    const g: [number, number, number] = vertical === "Z" ? [0, 0, w] : [0, w, 0];
    for (const f of frames) {
      if (f.id.startsWith("C")) continue;
      loads.push({ kind: "frame_distributed", case: "D", frame: f.id, start: 0, end: 1, axes: "global", w1: g, w2: [...g] });
    }
    for (let k = 1; k <= storeys; k++) {
      for (let j = 0; j <= ny; j++) {
        for (let i = 0; i <= nx; i++) {
          loads.push(vertical === "Z" ? { kind: "nodal", case: "W", node: id(i, j, k), fx: 10e3, fy: 5e3 } : { kind: "nodal", case: "W", node: id(i, j, k), fx: 10e3, fz: 5e3 });
        }
      }
    }
  }
  return {
    nodes,
    frames,
    supports,
    verticalAxis: vertical,
    loadCases: withLoads
      ? [
          { id: "D", name: "Dead (self-weight + floor)", selfWeight: { factor: 1 } },
          { id: "W", name: "Wind +X+Y" },
        ]
      : [],
    loads,
    combinations: withLoads ? [{ id: "ULS", name: "1.35 D + 1.5 W", factors: { D: 1.35, W: 1.5 } }] : [],
  };
}
