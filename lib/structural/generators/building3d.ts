/**
 * building_3d: an orthogonal multi-storey building frame (GSA "Orthogonal Frame" wizard).
 *
 * Grid: nx bays along `direction` (a), ny bays along the other horizontal axis (b), ns storeys.
 * Counts (B = number of braced bays, Bx/By of them in frames along x/y):
 *   nodes    = (nx+1)(ny+1)(ns+1) + (chevron ? B·ns : 0)        (chevron adds a node mid-beam)
 *   columns  = (nx+1)(ny+1)·ns
 *   beams x  = nx(ny+1)·ns + (chevron ? Bx·ns : 0)              (a chevron splits its beam in two)
 *   beams y  = ny(nx+1)·ns + (chevron ? By·ns : 0)
 *   braces   = 2·B·ns                                            (X: two crossing diagonals, not
 *                                                                 connected where they cross;
 *                                                                 chevron: inverted V to mid-beam)
 *   supports = (nx+1)(ny+1)
 * Braces are pinned at both ends ("FFFFRR"); a beam split by a chevron is continuous through the
 * chevron node. Pinned bases restrain the translations and the column torsion ("FFFRRF" Z up). Columns are rolled so that their strong axis bends in
 * the frames along x (column_orientation "x", default) or along y.
 */
import { safeText } from "../text";
import { z } from "zod";
import {
  Builder,
  FIXED_CODE,
  PINNED_END,
  basePinCode,
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

const BraceBaySchema = z
  .object({
    along: z.enum(["x", "y"]).describe('"x": a bay of a frame running along x (on a y grid line); "y": a bay of a frame running along y (on an x grid line)'),
    line: z.number().int().min(1).describe("Grid line the braced frame lies on, numbered from 1: y grid lines 1…ny+1 when along is x; x grid lines 1…nx+1 when along is y"),
    bay: z.number().int().min(1).describe("Bay within that frame, numbered from 1 (1…nx when along is x; 1…ny when along is y)"),
  })
  .strict();
export type BraceBay = z.infer<typeof BraceBaySchema>;

export const Building3DInputSchema = z
  .object({
    type: z.literal("building_3d").describe("Orthogonal 3D building frame"),
    bays_x: countOrList("bays_x", "each x bay span").default(3).describe("Bays along x (the direction axis): a count (with bay_width_x) or a list of spans in metres. Default 3."),
    bay_width_x: dimension("bay_width_x").default(6).describe("Span of each x bay when bays_x is a count. Default 6 m."),
    bays_y: countOrList("bays_y", "each y bay span").default(2).describe("Bays along y (horizontal, perpendicular to x): a count (with bay_width_y) or a list of spans in metres. Default 2."),
    bay_width_y: dimension("bay_width_y").default(6).describe("Span of each y bay when bays_y is a count. Default 6 m."),
    storeys: countOrList("storeys", "each storey height").default(3).describe("Storeys: a count (with storey_height) or a list of heights in metres from the ground up. Default 3."),
    storey_height: dimension("storey_height").default(3.5).describe("Height of each storey when storeys is a count. Default 3.5 m."),
    column_section: safeText(1, 200).default("HEA240").describe("Column section. Default HEA240."),
    beam_x_section: safeText(1, 200).default("IPE300").describe("Section of beams along x. Default IPE300."),
    beam_y_section: safeText(1, 200).default("IPE300").describe("Section of beams along y. Default IPE300."),
    brace_section: safeText(1, 200).default("SHS100x100x5").describe("Brace section. Default SHS100x100x5."),
    base: z.enum(["fixed", "pinned"]).default("fixed").describe('Column bases: "fixed" (default) or "pinned".'),
    beam_ends: z.enum(["moment", "pinned"]).default("moment").describe('Beam connections: "moment" (default, rigid) or "pinned" (bending released at both ends).'),
    column_orientation: z.enum(["x", "y"]).default("x").describe('Column strong axis bends in the frames along "x" (default) or along "y".'),
    bracing: z
      .enum(["none", "x", "chevron"])
      .default("none")
      .describe('Vertical bracing in the braced bays, every storey: "none" (default), "x" (two crossing diagonals) or "chevron" (inverted V to the beam midspan).'),
    braced_bays: z
      .union([z.literal("perimeter_end_bays"), z.array(BraceBaySchema).min(1).max(10_000)])
      .default("perimeter_end_bays")
      .describe('Which bays are braced: "perimeter_end_bays" (default: the first and last bay of each of the four outer frames) or a list of { along, line, bay }.'),
    ...commonFields("BF1-"),
  })
  .strict()
  .describe("Orthogonal building: columns at every grid intersection, beams along x and y at every floor, optional vertical bracing.");
export type Building3DInput = z.infer<typeof Building3DInputSchema>;

interface Bay {
  along: "x" | "y";
  /** 0-based grid line index */
  line: number;
  /** 0-based bay index */
  bay: number;
}

export function perimeterEndBays(nx: number, ny: number): Bay[] {
  const out: Bay[] = [];
  const seen = new Set<string>();
  const add = (b: Bay) => {
    const k = `${b.along}${b.line}:${b.bay}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(b);
    }
  };
  for (const line of [0, ny]) for (const bay of [0, nx - 1]) add({ along: "x", line, bay });
  for (const line of [0, nx]) for (const bay of [0, ny - 1]) add({ along: "y", line, bay });
  return out;
}

export function building3dCounts(nx: number, ny: number, ns: number, bracing: "none" | "x" | "chevron", bays: readonly Bay[]) {
  const B = bracing === "none" ? 0 : bays.length;
  const chev = bracing === "chevron";
  const Bx = bracing === "none" ? 0 : bays.filter((b) => b.along === "x").length;
  const By = B - Bx;
  const columns = (nx + 1) * (ny + 1) * ns;
  const beamsX = nx * (ny + 1) * ns + (chev ? Bx * ns : 0);
  const beamsY = ny * (nx + 1) * ns + (chev ? By * ns : 0);
  const braces = 2 * B * ns;
  return {
    nodes: (nx + 1) * (ny + 1) * (ns + 1) + (chev ? B * ns : 0),
    columns,
    beamsX,
    beamsY,
    braces,
    frames: columns + beamsX + beamsY + braces,
    supports: (nx + 1) * (ny + 1),
  };
}

export function generateBuilding3D(input: Building3DInput): GeneratedStructure {
  const problems: string[] = [];
  const p = makePlacement(input, problems);
  const bx = spans(input.bays_x, input.bay_width_x);
  const by = spans(input.bays_y, input.bay_width_y);
  const hs = spans(input.storeys, input.storey_height);
  const nx = bx.length;
  const ny = by.length;
  const ns = hs.length;
  const bays = bracedBays(input, bx, by, problems);
  const c = building3dCounts(nx, ny, ns, input.bracing, bays);
  checkLimits(c.frames, c.nodes, problems, "Use fewer bays or storeys.");
  fail(problems);

  const b = new Builder(input.label_prefix, p, input.material);
  b.checkSections([input.column_section, input.beam_x_section, input.beam_y_section, ...(input.bracing !== "none" ? [input.brace_section] : [])]);
  const baseCode = input.base === "fixed" ? FIXED_CODE : basePinCode(p);
  const beamRel = input.beam_ends === "pinned" ? PINNED_END : undefined;
  const grid: Grid = { xs: cumulative(bx), ys: cumulative(by), zs: cumulative(hs), nx, ny, nodes: [] };
  // nodes[l][j][i]: level l, y line j, x line i
  for (let l = 0; l <= ns; l++) {
    const level: string[][] = [];
    const all: string[] = [];
    for (let j = 0; j <= ny; j++) {
      const row: string[] = [];
      for (let i = 0; i <= nx; i++) row.push(b.node(grid.xs[i] as number, grid.ys[j] as number, grid.zs[l] as number));
      level.push(row);
      all.push(...row);
    }
    grid.nodes.push(level);
    b.group(l === 0 ? "base" : `level-${l}`, ...all);
  }
  for (let j = 0; j <= ny; j++) for (let i = 0; i <= nx; i++) b.support(nodeAt(grid, 0, j, i), baseCode);
  const storey: StoreyFrames = {
    b,
    input,
    grid,
    roll: columnRoll(p, input.column_orientation === "x" ? p.u : p.v),
    beamRel,
    chevron: input.bracing === "chevron",
    braced: new Set(bays.map((q) => `${q.along}${q.line}:${q.bay}`)),
  };
  for (let s = 1; s <= ns; s++) addStorey(storey, s);

  if (input.base === "pinned" && input.beam_ends === "pinned") {
    const dirs = new Set(bays.map((q) => q.along));
    if (input.bracing === "none" || dirs.size < 2) {
      b.warn(`Pinned bases with pinned beams give no lateral stiffness ${input.bracing === "none" ? "at all" : `along ${dirs.has("x") ? "y" : "x"}`}; the building is a mechanism without bracing in both directions.`);
    }
  }
  if (input.bracing === "none" && input.braced_bays !== "perimeter_end_bays") b.warn('braced_bays was ignored because bracing is "none".');

  const braceText = input.bracing === "none" ? "no bracing" : `${c.braces} ${input.bracing === "x" ? "X" : "chevron"} braces ${input.brace_section} pinned at both ends in ${plural(bays.length, "bay")}`;
  const summary =
    `Building ${nx} × ${ny} bays × ${plural(ns, "storey", "storeys")} (x spans ${describeSpans(bx)}; y spans ${describeSpans(by)}; storeys ${describeSpans(hs)}; ${describePlacement(p)}): ` +
    `${c.nodes} nodes, ${c.frames} frames (${c.columns} columns ${input.column_section}, ${c.beamsX} x-beams ${input.beam_x_section}, ${c.beamsY} y-beams ${input.beam_y_section}${beamRel ? " (pinned ends)" : ""}, ${braceText}; ${input.material}), ` +
    `${c.supports} ${input.base} base supports (${baseCode}). Labels ${input.label_prefix}N1…, ${input.label_prefix}C1…, ${input.label_prefix}B1…${c.braces ? `, ${input.label_prefix}BR1…` : ""}.`;
  return b.result(summary);
}

/** The braced bays (0-based), checked against the grid; problems are collected, not thrown. */
function bracedBays(input: Building3DInput, bx: number[], by: number[], problems: string[]): Bay[] {
  const nx = bx.length;
  const ny = by.length;
  let bays: Bay[] = [];
  if (input.bracing !== "none") {
    if (input.braced_bays === "perimeter_end_bays") bays = perimeterEndBays(nx, ny);
    else {
      const seen = new Set<string>();
      input.braced_bays.forEach((q, k) => {
        const maxLine = q.along === "x" ? ny + 1 : nx + 1;
        const maxBay = q.along === "x" ? nx : ny;
        if (q.line > maxLine) problems.push(`braced_bays[${k}].line ${q.line} is out of range: frames along ${q.along} lie on grid lines 1…${maxLine}`);
        if (q.bay > maxBay) problems.push(`braced_bays[${k}].bay ${q.bay} is out of range: frames along ${q.along} have bays 1…${maxBay}`);
        const key = `${q.along}${q.line}:${q.bay}`;
        if (seen.has(key)) problems.push(`braced_bays[${k}] repeats bay ${q.bay} on ${q.along} line ${q.line}`);
        seen.add(key);
        bays.push({ along: q.along, line: q.line - 1, bay: q.bay - 1 });
      });
    }
  }
  if (input.bracing === "chevron") {
    for (const q of bays) {
      const w = (q.along === "x" ? bx[q.bay] : by[q.bay]) ?? 1;
      if (w < 0.02) problems.push(`chevron bracing needs braced bays of at least 0.02 m (bay ${q.bay + 1} along ${q.along} is ${w} m)`);
    }
  }
  return bays;
}

/** Grid line coordinates and the node labels at every level / y line / x line. */
interface Grid {
  xs: number[];
  ys: number[];
  zs: number[];
  nx: number;
  ny: number;
  nodes: string[][][];
}

const nodeAt = (g: Grid, l: number, j: number, i: number): string => ((g.nodes[l] as string[][])[j] as string[])[i] as string;

/** What every storey's columns, beams and braces share. */
interface StoreyFrames {
  b: Builder;
  input: Building3DInput;
  grid: Grid;
  roll: number;
  beamRel: string | undefined;
  chevron: boolean;
  /** "x<line>:<bay>" / "y<line>:<bay>" of the braced bays */
  braced: Set<string>;
}

function brace(st: StoreyFrames, s: number, from: string, to: string): void {
  const f = st.b.frame("BR", from, to, { section: st.input.brace_section, role: "brace", releaseI: PINNED_END, releaseJ: PINNED_END });
  st.b.group("braces", f);
  st.b.group(`storey-${s}`, f);
}

/** `split`: half of a beam divided at a chevron node, continuous through that node. */
function beam(st: StoreyFrames, s: number, sec: string, from: string, to: string, group: string, split?: "first" | "second"): void {
  const f = st.b.frame("B", from, to, { section: sec, role: "beam", releaseI: split === "second" ? undefined : st.beamRel, releaseJ: split === "first" ? undefined : st.beamRel });
  st.b.group(group, f);
  st.b.group(`storey-${s}`, f);
}

/**
 * One bay's beam at level s from A to B (on the line along `along`), with its braces from the two
 * nodes below (`belowA`, `belowB`): X braces to the far ends, or a chevron meeting mid-beam at `mid`.
 */
function bayBeam(st: StoreyFrames, s: number, along: "x" | "y", key: string, A: string, B: string, belowA: string, belowB: string, mid: () => [number, number, number]): void {
  const sec = along === "x" ? st.input.beam_x_section : st.input.beam_y_section;
  const group = along === "x" ? "beams-x" : "beams-y";
  if (st.chevron && st.braced.has(key)) {
    const m = st.b.node(...mid());
    st.b.group(`level-${s}`, m);
    beam(st, s, sec, A, m, group, "first");
    beam(st, s, sec, m, B, group, "second");
    brace(st, s, belowA, m);
    brace(st, s, belowB, m);
    return;
  }
  beam(st, s, sec, A, B, group);
  if (st.braced.has(key)) {
    brace(st, s, belowA, B);
    brace(st, s, belowB, A);
  }
}

/** Storey s: its columns, then beams along x (on y line j, bay i), then along y (on x line i, bay j). */
function addStorey(st: StoreyFrames, s: number): void {
  const { b, input, grid } = st;
  const { nx, ny, xs, ys, zs } = grid;
  const N = (l: number, j: number, i: number) => nodeAt(grid, l, j, i);
  for (let j = 0; j <= ny; j++)
    for (let i = 0; i <= nx; i++) {
      const f = b.frame("C", N(s - 1, j, i), N(s, j, i), { section: input.column_section, role: "column", roll: st.roll });
      b.group("columns", f);
      b.group(`storey-${s}`, f);
    }
  for (let j = 0; j <= ny; j++)
    for (let i = 0; i < nx; i++)
      bayBeam(st, s, "x", `x${j}:${i}`, N(s, j, i), N(s, j, i + 1), N(s - 1, j, i), N(s - 1, j, i + 1), () => [((xs[i] as number) + (xs[i + 1] as number)) / 2, ys[j] as number, zs[s] as number]);
  for (let i = 0; i <= nx; i++)
    for (let j = 0; j < ny; j++)
      bayBeam(st, s, "y", `y${i}:${j}`, N(s, j, i), N(s, j + 1, i), N(s - 1, j, i), N(s - 1, j + 1, i), () => [xs[i] as number, ((ys[j] as number) + (ys[j + 1] as number)) / 2, zs[s] as number]);
}
