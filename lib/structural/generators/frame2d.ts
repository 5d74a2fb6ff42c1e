/**
 * frame_2d: a multi-bay, multi-storey plane frame in the vertical plane through `direction`.
 *
 * Counts (nb bays, ns storeys):
 *   nodes    = (nb + 1)(ns + 1)
 *   columns  = (nb + 1)·ns        (C1… storey by storey, left to right)
 *   beams    = nb·ns              (B1… level by level, left to right)
 *   supports = nb + 1             (every base node; fixed by default)
 * Columns are rolled so their strong axis (Iz) bends in the frame plane.
 */
import { safeText } from "../text";
import { z } from "zod";
import {
  Builder,
  FIXED_CODE,
  PINNED_END,
  basePinCode,
  inPlanePinCode,
  checkLimits,
  columnRoll,
  commonFields,
  countOrList,
  cumulative,
  describePlacement,
  describeSpans,
  dimension,
  fail,
  makePlacement,
  plural,
  spans,
  type GeneratedStructure,
} from "./common";

export const Frame2DInputSchema = z
  .object({
    type: z.literal("frame_2d").describe("Multi-bay, multi-storey plane (2D) frame"),
    bays: countOrList("bays", "each bay span")
      .default(1)
      .describe("Number of equal bays (with bay_width), or the list of bay spans in metres, e.g. [6, 8, 6]. Default 1."),
    bay_width: dimension("bay_width").default(6).describe("Span of each bay in metres when bays is a count. Default 6."),
    storeys: countOrList("storeys", "each storey height")
      .default(1)
      .describe("Number of equal storeys (with storey_height), or the list of storey heights in metres from the ground up, e.g. [4.5, 3.5, 3.5]. Default 1."),
    storey_height: dimension("storey_height").default(3.5).describe("Height of each storey in metres when storeys is a count. Default 3.5."),
    column_section: safeText(1, 200).default("HEA240").describe('Column section (catalogue name such as "HEA240", "W10x33", or a model section). Default HEA240.'),
    beam_section: safeText(1, 200).default("IPE300").describe('Beam section. Default IPE300.'),
    base: z.enum(["fixed", "pinned"]).default("fixed").describe('Column base supports: "fixed" (default, FFFFFF) or "pinned" (FFFRRR).'),
    beam_ends: z
      .enum(["moment", "pinned"])
      .default("moment")
      .describe('Beam-to-column connections: "moment" (default, rigid) or "pinned" (bending released at both beam ends, "FFFFRR").'),
    ...commonFields("PF1-"),
  })
  .strict()
  .describe("Plane frame: columns at every grid line, beams at every floor level, in the vertical plane along `direction`.");
export type Frame2DInput = z.infer<typeof Frame2DInputSchema>;

export function frame2dCounts(nb: number, ns: number) {
  return { nodes: (nb + 1) * (ns + 1), columns: (nb + 1) * ns, beams: nb * ns, supports: nb + 1 };
}

export function generateFrame2D(input: Frame2DInput): GeneratedStructure {
  const problems: string[] = [];
  const p = makePlacement(input, problems);
  const bays = spans(input.bays, input.bay_width);
  const storeys = spans(input.storeys, input.storey_height);
  const nb = bays.length;
  const ns = storeys.length;
  const c = frame2dCounts(nb, ns);
  checkLimits(c.columns + c.beams, c.nodes, problems, "Use fewer bays or storeys.");
  fail(problems);

  const xs = cumulative(bays);
  const zs = cumulative(storeys);
  const b = new Builder(input.label_prefix, p, input.material);
  b.checkSections([input.column_section, input.beam_section]);
  const roll = columnRoll(p, p.u);
  // A pinned base of a PLANE frame is a pin in the frame plane; restraining the out-of-plane
  // rotations keeps the frame stable out of its plane (columns cantilever sideways).
  const inPlane = inPlanePinCode(p);
  const baseCode = input.base === "fixed" ? FIXED_CODE : (inPlane ?? basePinCode(p));
  const beamRel = input.beam_ends === "pinned" ? PINNED_END : undefined;

  const grid: string[][] = [];
  for (let l = 0; l <= ns; l++) {
    const row: string[] = [];
    for (let k = 0; k <= nb; k++) row.push(b.node(xs[k] as number, 0, zs[l] as number));
    grid.push(row);
    b.group(l === 0 ? "base" : `level-${l}`, ...row);
  }
  for (const n of grid[0] as string[]) b.support(n, baseCode);
  for (let s = 1; s <= ns; s++) {
    const below = grid[s - 1] as string[];
    const at = grid[s] as string[];
    for (let k = 0; k <= nb; k++) {
      const f = b.frame("C", below[k] as string, at[k] as string, { section: input.column_section, role: "column", roll });
      b.group("columns", f);
      b.group(`storey-${s}`, f);
    }
    for (let k = 0; k < nb; k++) {
      const f = b.frame("B", at[k] as string, at[k + 1] as string, { section: input.beam_section, role: "beam", releaseI: beamRel, releaseJ: beamRel });
      b.group("beams", f);
      b.group(`storey-${s}`, f);
    }
  }

  if (input.base === "pinned" && !inPlane) {
    b.warn("The frame's direction is not along a global axis, so the pinned bases cannot be restrained out of the frame plane: the frame is unstable out of plane until something braces it.");
  }
  if (input.base === "pinned" && input.beam_ends === "pinned") {
    b.warn("Pinned bases with pinned beams make the frame a mechanism that sways under any lateral load; add bracing (add_elements) or use base: \"fixed\" or beam_ends: \"moment\".");
  }
  if (typeof input.bays !== "number" && input.bay_width !== 6) b.warn("bay_width was ignored because bays is a list of spans.");
  if (typeof input.storeys !== "number" && input.storey_height !== 3.5) b.warn("storey_height was ignored because storeys is a list of heights.");

  const summary =
    `Plane frame ${plural(nb, "bay")} × ${plural(ns, "storey", "storeys")} (spans ${describeSpans(bays)}; storeys ${describeSpans(storeys)}; ${describePlacement(p)}): ` +
    `${c.nodes} nodes, ${c.columns + c.beams} frames (${c.columns} columns ${input.column_section}, ${c.beams} beams ${input.beam_section}${beamRel ? " pinned at both ends" : ""}, ${input.material}), ` +
    `${c.supports} ${input.base} base supports (${baseCode}${input.base === "pinned" && inPlane ? ": pinned in the frame plane, restrained out of it" : ""}). Labels ${input.label_prefix}N1…, ${input.label_prefix}C1…, ${input.label_prefix}B1….`;
  return b.result(summary);
}
