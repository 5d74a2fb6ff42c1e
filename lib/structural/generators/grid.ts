/**
 * grid: a horizontal grillage of beams at the origin's elevation.
 *
 * Counts (nx, ny bays):
 *   nodes    = (nx + 1)(ny + 1)
 *   beams x  = nx(ny + 1)        (continuous through every joint, moment-connected)
 *   beams y  = ny(nx + 1)
 *   supports = corners: 4 | edges: 2(nx + ny) | none: 0      (pinned by default)
 */
import { safeText } from "../text";
import { z } from "zod";
import {
  Builder,
  FIXED_CODE,
  PINNED_CODE,
  checkLimits,
  commonFields,
  countOrList,
  cumulative,
  describePlacement,
  describeSpans,
  dimension,
  fail,
  makePlacement,
  spans,
  type GeneratedStructure,
} from "./common";

export const GridInputSchema = z
  .object({
    type: z.literal("grid").describe("Horizontal grid / grillage of beams"),
    bays_x: countOrList("bays_x", "each x spacing").default(4).describe("Spaces along x (the direction axis), nx: a count (with bay_width_x) or a list of spacings in metres. Default 4."),
    bay_width_x: dimension("bay_width_x").default(3).describe("Spacing along x when bays_x is a count. Default 3 m."),
    bays_y: countOrList("bays_y", "each y spacing").default(4).describe("Spaces along y, ny: a count (with bay_width_y) or a list of spacings in metres. Default 4."),
    bay_width_y: dimension("bay_width_y").default(3).describe("Spacing along y when bays_y is a count. Default 3 m."),
    beam_x_section: safeText(1, 200).default("IPE300").describe("Section of beams along x. Default IPE300."),
    beam_y_section: safeText(1, 200).default("IPE300").describe("Section of beams along y. Default IPE300."),
    supports: z.enum(["edges", "corners", "none"]).default("edges").describe('Where supports go: "edges" (default: every perimeter node), "corners" (4) or "none".'),
    support_type: z.enum(["pinned", "fixed"]).default("pinned").describe('"pinned" (default, FFFRRR) or "fixed" (FFFFFF).'),
    ...commonFields("GR1-"),
  })
  .strict()
  .describe("Grillage: beams along x and y in a horizontal plane at the origin's elevation, joined rigidly at every crossing.");
export type GridInput = z.infer<typeof GridInputSchema>;

export function gridCounts(nx: number, ny: number, supports: "edges" | "corners" | "none") {
  return {
    nodes: (nx + 1) * (ny + 1),
    beamsX: nx * (ny + 1),
    beamsY: ny * (nx + 1),
    supports: supports === "none" ? 0 : supports === "corners" ? 4 : 2 * (nx + ny),
  };
}

export function generateGrid(input: GridInput): GeneratedStructure {
  const problems: string[] = [];
  const p = makePlacement(input, problems);
  const bx = spans(input.bays_x, input.bay_width_x);
  const by = spans(input.bays_y, input.bay_width_y);
  const nx = bx.length;
  const ny = by.length;
  const c = gridCounts(nx, ny, input.supports);
  checkLimits(c.beamsX + c.beamsY, c.nodes, problems, "Use fewer bays.");
  fail(problems);

  const xs = cumulative(bx);
  const ys = cumulative(by);
  const b = new Builder(input.label_prefix, p, input.material);
  b.checkSections([input.beam_x_section, input.beam_y_section]);
  const code = input.support_type === "fixed" ? FIXED_CODE : PINNED_CODE;

  const nodes: string[][] = [];
  for (let j = 0; j <= ny; j++) {
    const row: string[] = [];
    for (let i = 0; i <= nx; i++) row.push(b.node(xs[i] as number, ys[j] as number, 0));
    nodes.push(row);
  }
  const N = (j: number, i: number) => (nodes[j] as string[])[i] as string;
  for (let j = 0; j <= ny; j++)
    for (let i = 0; i <= nx; i++) {
      const edge = i === 0 || i === nx || j === 0 || j === ny;
      const corner = (i === 0 || i === nx) && (j === 0 || j === ny);
      if ((input.supports === "edges" && edge) || (input.supports === "corners" && corner)) {
        b.support(N(j, i), code);
        b.group("supports", N(j, i));
      }
    }
  for (let j = 0; j <= ny; j++)
    for (let i = 0; i < nx; i++) {
      const f = b.frame("B", N(j, i), N(j, i + 1), { section: input.beam_x_section, role: "beam" });
      b.group("beams-x", f);
      b.group(`line-y${j + 1}`, f);
    }
  for (let i = 0; i <= nx; i++)
    for (let j = 0; j < ny; j++) {
      const f = b.frame("B", N(j, i), N(j + 1, i), { section: input.beam_y_section, role: "beam" });
      b.group("beams-y", f);
      b.group(`line-x${i + 1}`, f);
    }
  if (input.supports === "none") b.warn("The grid has no supports; add them before analysis.");

  const summary =
    `Grid ${nx} × ${ny} bays (x spacings ${describeSpans(bx)}; y spacings ${describeSpans(by)}; ${describePlacement(p)}): ` +
    `${c.nodes} nodes, ${c.beamsX + c.beamsY} beams (${c.beamsX} along x ${input.beam_x_section}, ${c.beamsY} along y ${input.beam_y_section}; ${input.material}), ` +
    `${c.supports === 0 ? "no supports" : `${c.supports} ${input.support_type} supports at the ${input.supports}`}. Labels ${input.label_prefix}N1…, ${input.label_prefix}B1….`;
  return b.result(summary);
}
