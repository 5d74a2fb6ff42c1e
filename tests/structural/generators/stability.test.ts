/**
 * Cross-check with Spectral's solver: every generated structure, with its default restraints, is
 * stable (no mechanism, no auto-restrained DOF) under self-weight, and the vertical reactions
 * balance the weight.
 */
import { describe, expect, it } from "vitest";
import { TRUSS_STYLES, generateStructure, type GenerateStructureRawInput } from "@/lib/structural/generators";
import { toAnalysisModel } from "@/lib/structural/to-analysis";
import { analyze } from "@/lib/structural/analysis";
import { blankModel, planInto } from "./helpers";

const STABLE: GenerateStructureRawInput[] = [
  { type: "frame_2d", bays: 3 },
  { type: "frame_2d", bays: 3, storeys: 4, base: "pinned" },
  { type: "frame_2d", bays: 2, beam_ends: "pinned" },
  { type: "building_3d" },
  { type: "building_3d", bracing: "x", base: "pinned", beam_ends: "pinned" },
  { type: "building_3d", bracing: "chevron", base: "pinned", beam_ends: "pinned", direction: 20 },
  { type: "portal_frame" },
  { type: "portal_frame", base: "pinned" },
  { type: "portal_frame", frames: 4, base: "pinned", wall_bracing: true },
  { type: "portal_frame", frames: 3, rafter_divisions: 4, longitudinal: "all_roof_nodes" },
  { type: "grid" },
  { type: "grid", supports: "corners" },
  ...TRUSS_STYLES.map((style) => ({ type: "truss" as const, style })),
  ...(["pratt", "howe", "warren", "modified_warren"] as const).map((style) => ({ type: "truss" as const, style, shape: "pitched" as const })),
  { type: "truss", style: "bowstring", diagonals: true },
  { type: "truss", style: "scissors", diagonals: false },
  { type: "truss", style: "pratt", vertical_axis: "Y" },
  { type: "truss", style: "k", direction: 90, supports: "pin_pin" },
];

describe("generated structures are stable", () => {
  it.each(STABLE.map((i) => [JSON.stringify(i), i] as const))("%s", (_s, input) => {
    const g = generateStructure(input);
    const va = (input as { vertical_axis?: "Y" | "Z" }).vertical_axis ?? "Z";
    const { plan, model } = planInto({ ...g.elements, loadCases: [{ name: "Self-weight", type: "dead", selfWeight: true }] }, blankModel(va));
    expect(plan.ok).toBe(true);
    const am = toAnalysisModel(model);
    expect(am.ok).toBe(true);
    const res = analyze(am.model);
    if (!res.ok) throw new Error(res.issues.map((i) => i.message).join("\n"));
    expect(res.warnings.map((w) => w.code)).not.toContain("NODE_DOF_AUTO_RESTRAINED");
    const up = va === "Y" ? "fy" : "fz";
    const reactions = res.cases[0]?.reactions ?? [];
    const total = reactions.reduce((s, r) => s + r[up], 0);
    expect(total).toBeGreaterThan(0);
  });

  it("an unrestrained truss (out_of_plane: none) is reported as a mechanism, as its warning says", () => {
    const g = generateStructure({ type: "truss", style: "pratt", out_of_plane: "none" });
    expect(g.warnings.join(" ")).toMatch(/mechanism/);
    const { model } = planInto({ ...g.elements, loadCases: [{ name: "SW", selfWeight: true }] });
    const res = analyze(toAnalysisModel(model).model);
    expect(res.ok).toBe(false);
  });
});
