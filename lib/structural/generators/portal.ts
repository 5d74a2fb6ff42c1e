/**
 * portal_frame: a row of single-span portal frames (GSA "Pitched Portal" wizard).
 *
 * Each portal spans along `direction` (a) and stands in the a–c plane; `frames` portals are
 * repeated at `frame_spacing` along the other horizontal axis (b). Per portal (d = rafter_divisions,
 * pitched = ridge_rise > 0):
 *   nodes    = 4 + (pitched ? 2d − 1 : d − 1)      bases 2, eaves 2, ridge 1, intermediate rafter nodes
 *   columns  = 2
 *   rafters  = pitched ? 2d : d                    (R1…, left eaves → ridge → right eaves)
 *   supports = 2
 * Longitudinal members between neighbouring portals (frames − 1 bays), pinned at both ends:
 *   "eaves_ridge"     : 2 eaves lines + 1 ridge line (pitched) → (frames − 1)·(pitched ? 3 : 2)
 *   "all_roof_nodes"  : every roof node line         → (frames − 1)·(pitched ? 2d + 1 : d + 1)
 * wall_bracing adds X braces in both side walls of the first and last bay: 4 per braced bay.
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
  count,
  describePlacement,
  dimension,
  fail,
  fmtLen,
  makePlacement,
  plural,
  round9,
  type GeneratedStructure,
} from "./common";

export const PortalFrameInputSchema = z
  .object({
    type: z.literal("portal_frame").describe("Single-span portal frame(s), pitched or flat"),
    span: dimension("span").default(20).describe("Span between column centre lines in metres. Default 20."),
    eaves_height: dimension("eaves_height").default(6).describe("Height of the eaves (column tops) in metres. Default 6."),
    ridge_rise: z
      .number()
      .min(0, "ridge_rise must be 0 (flat) or positive")
      .max(10_000)
      .optional()
      .describe("Rise of the ridge above the eaves in metres; 0 = flat roof. Default: a 10° roof pitch (span/2 · tan 10°)."),
    frames: count("frames").default(1).describe("Number of portals in the row. Default 1."),
    frame_spacing: dimension("frame_spacing").default(6).describe("Distance between portals in metres. Default 6."),
    rafter_divisions: count("rafter_divisions").default(1).describe("Segments per rafter (nodes for purlins). Default 1."),
    column_section: safeText(1, 200).default("IPE400").describe("Column section. Default IPE400."),
    rafter_section: safeText(1, 200).default("IPE360").describe("Rafter section. Default IPE360."),
    tie_section: safeText(1, 200).default("SHS100x100x4").describe("Section of the longitudinal eaves/ridge ties or purlins. Default SHS100x100x4."),
    brace_section: safeText(1, 200).default("SHS100x100x5").describe("Wall brace section. Default SHS100x100x5."),
    base: z
      .enum(["fixed", "pinned"])
      .default("fixed")
      .describe('Column bases: "fixed" (default; needed for out-of-plane stability without bracing) or "pinned".'),
    longitudinal: z
      .enum(["none", "eaves_ridge", "all_roof_nodes"])
      .default("eaves_ridge")
      .describe('Members between neighbouring portals, pinned at both ends: "eaves_ridge" (default: eaves ties + ridge tie), "all_roof_nodes" (purlins at every rafter node) or "none". Ignored for a single portal.'),
    wall_bracing: z.boolean().default(false).describe("Add X bracing in both side walls of the first and last bay (needs frames ≥ 2). Default false."),
    ...commonFields("PO1-"),
  })
  .strict()
  .describe("Portal frames: two columns and (pitched) rafters per frame, repeated at frame_spacing, with optional eaves/ridge ties and wall bracing.");
export type PortalFrameInput = z.infer<typeof PortalFrameInputSchema>;

export const defaultRidgeRise = (span: number): number => round9(Math.round((span / 2) * Math.tan((10 * Math.PI) / 180) * 1000) / 1000);

export function portalCounts(frames: number, d: number, pitched: boolean, longitudinal: "none" | "eaves_ridge" | "all_roof_nodes", wallBracing: boolean) {
  const perNodes = 4 + (pitched ? 2 * d - 1 : d - 1);
  const rafters = pitched ? 2 * d : d;
  const roofLines = pitched ? 2 * d + 1 : d + 1;
  const bays = frames - 1;
  const ties = bays <= 0 || longitudinal === "none" ? 0 : longitudinal === "eaves_ridge" ? bays * (pitched ? 3 : 2) : bays * roofLines;
  const bracedBays = wallBracing && bays > 0 ? (bays === 1 ? 1 : 2) : 0;
  const braces = 4 * bracedBays;
  return {
    nodes: frames * perNodes,
    columns: 2 * frames,
    rafters: rafters * frames,
    ties,
    braces,
    frames: 2 * frames + rafters * frames + ties + braces,
    supports: 2 * frames,
  };
}

export function generatePortalFrame(input: PortalFrameInput): GeneratedStructure {
  const problems: string[] = [];
  const p = makePlacement(input, problems);
  const rise = input.ridge_rise ?? defaultRidgeRise(input.span);
  const pitched = rise > 0;
  if (pitched && rise < 0.01) problems.push("ridge_rise must be 0 (flat) or at least 0.01 m");
  const d = input.rafter_divisions;
  const c = portalCounts(input.frames, d, pitched, input.longitudinal, input.wall_bracing);
  checkLimits(c.frames, c.nodes, problems, "Use fewer frames or rafter divisions.");
  if (input.wall_bracing && input.frames < 2) problems.push("wall_bracing needs at least 2 frames (a bay between portals to brace)");
  if (input.span / (pitched ? 2 * d : d) < 0.01) problems.push("rafter_divisions is too large for the span: segments would be shorter than 1 cm");
  fail(problems);

  const b = new Builder(input.label_prefix, p, input.material);
  const sections = [input.column_section, input.rafter_section];
  if (input.frames > 1 && input.longitudinal !== "none") sections.push(input.tie_section);
  if (input.wall_bracing) sections.push(input.brace_section);
  b.checkSections(sections);
  const roll = columnRoll(p, p.u);
  // Pinned bases: a single portal is a plane frame, pinned in its plane and restrained out of it
  // (when its plane is a global plane); a row of portals gets true pins (plus column torsion).
  const inPlane = input.frames === 1 ? inPlanePinCode(p) : null;
  const baseCode = input.base === "fixed" ? FIXED_CODE : (inPlane ?? basePinCode(p));
  const L = input.span;
  const H = input.eaves_height;

  // Roof profile (a, c) from left eaves to right eaves.
  const roof: [number, number][] = [];
  if (pitched) {
    for (let k = 0; k <= 2 * d; k++) {
      const a = (L / 2) * (k / d);
      const c2 = H + rise * (1 - Math.abs(k / d - 1));
      roof.push([round9(a), round9(c2)]);
    }
  } else {
    for (let k = 0; k <= d; k++) roof.push([round9((L * k) / d), H]);
  }
  const ridgeIndex = pitched ? d : -1;

  const roofNodes: string[][] = [];
  const baseNodes: [string, string][] = [];
  for (let f = 0; f < input.frames; f++) {
    const y = round9(f * input.frame_spacing);
    const baseL = b.node(0, y, 0);
    const roofRow = roof.map(([a, c2]) => b.node(a, y, c2));
    const baseR = b.node(L, y, 0);
    roofNodes.push(roofRow);
    baseNodes.push([baseL, baseR]);
    b.support(baseL, baseCode);
    b.support(baseR, baseCode);
    b.group("base", baseL, baseR);
    b.group("eaves", roofRow[0] as string, roofRow[roofRow.length - 1] as string);
    if (ridgeIndex >= 0) b.group("ridge", roofRow[ridgeIndex] as string);
    const members: string[] = [];
    members.push(b.frame("C", baseL, roofRow[0] as string, { section: input.column_section, role: "column", roll }));
    members.push(b.frame("C", baseR, roofRow[roofRow.length - 1] as string, { section: input.column_section, role: "column", roll }));
    b.group("columns", ...members);
    for (let k = 0; k + 1 < roofRow.length; k++) {
      const r = b.frame("R", roofRow[k] as string, roofRow[k + 1] as string, { section: input.rafter_section, role: "beam" });
      b.group("rafters", r);
      members.push(r);
    }
    b.group(`frame-${f + 1}`, members[0] as string, members[1] as string, ...members.slice(2));
  }

  if (input.frames > 1 && input.longitudinal !== "none") {
    const width = roof.length;
    const lines: number[] =
      input.longitudinal === "all_roof_nodes" ? Array.from({ length: width }, (_, k) => k) : pitched ? [0, ridgeIndex, width - 1] : [0, width - 1];
    for (let f = 0; f + 1 < input.frames; f++) {
      for (const k of lines) {
        const t = b.frame("T", (roofNodes[f] as string[])[k] as string, (roofNodes[f + 1] as string[])[k] as string, {
          section: input.tie_section,
          role: "beam",
          releaseI: PINNED_END,
          releaseJ: PINNED_END,
        });
        b.group("ties", t);
      }
    }
  }

  if (input.wall_bracing) {
    const bays = input.frames - 1 === 1 ? [0] : [0, input.frames - 2];
    for (const f of bays) {
      for (const side of [0, 1] as const) {
        const bot0 = (baseNodes[f] as [string, string])[side];
        const bot1 = (baseNodes[f + 1] as [string, string])[side];
        const r0 = roofNodes[f] as string[];
        const r1 = roofNodes[f + 1] as string[];
        const top0 = side === 0 ? (r0[0] as string) : (r0[r0.length - 1] as string);
        const top1 = side === 0 ? (r1[0] as string) : (r1[r1.length - 1] as string);
        for (const [i, j] of [[bot0, top1], [bot1, top0]] as const) {
          b.group("braces", b.frame("BR", i, j, { section: input.brace_section, role: "brace", releaseI: PINNED_END, releaseJ: PINNED_END }));
        }
      }
    }
  }

  if (input.base === "pinned") {
    if (input.frames === 1 && !inPlane) b.warn("A single portal with pinned bases is unstable out of its plane (its direction is not along a global axis); restrain it out of plane or use base: \"fixed\".");
    else if (!input.wall_bracing) b.warn("Pinned bases without wall bracing leave the row unstable along its length; set wall_bracing: true or use base: \"fixed\".");
  }
  if (input.frames > 1 && input.longitudinal === "none" && input.base === "fixed") {
    b.warn("The portals are not connected to each other (longitudinal: \"none\").");
  }

  const roofText = pitched ? `ridge rise ${fmtLen(rise)} (pitch ${+((Math.atan2(rise, L / 2) * 180) / Math.PI).toFixed(1)}°)` : "flat roof";
  const extras: string[] = [];
  if (c.ties) extras.push(`${c.ties} longitudinal ${input.longitudinal === "all_roof_nodes" ? "purlins" : "ties"} ${input.tie_section} (pinned)`);
  if (c.braces) extras.push(`${c.braces} wall braces ${input.brace_section}`);
  const summary =
    `${plural(input.frames, "portal frame")} (span ${fmtLen(L)}, eaves ${fmtLen(H)}, ${roofText}${input.frames > 1 ? `, spacing ${fmtLen(input.frame_spacing)}` : ""}; ${describePlacement(p)}): ` +
    `${c.nodes} nodes, ${c.frames} frames (${c.columns} columns ${input.column_section}, ${c.rafters} rafter segments ${input.rafter_section}${extras.length ? `, ${extras.join(", ")}` : ""}; ${input.material}), ` +
    `${c.supports} ${input.base} base supports (${baseCode}${inPlane && input.base === "pinned" ? ": pinned in the frame plane, restrained out of it" : ""}). Labels ${input.label_prefix}N1…, ${input.label_prefix}C1…, ${input.label_prefix}R1…${c.ties ? `, ${input.label_prefix}T1…` : ""}${c.braces ? `, ${input.label_prefix}BR1…` : ""}.`;
  return b.result(summary);
}
