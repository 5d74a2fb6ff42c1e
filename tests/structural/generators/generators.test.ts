import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/structural/errors";
import { z } from "zod";
import {
  GenerateStructureInputSchema,
  TRUSS_STYLES,
  building3dCounts,
  frame2dCounts,
  generateStructure,
  gridCounts,
  perimeterEndBays,
  portalCounts,
  suggestLabelPrefix,
  trussCounts,
  type GenerateStructureRawInput,
  type GeneratedStructure,
} from "@/lib/structural/generators";
import { localAxes, nodeMap } from "@/lib/structural/geometry";
import { blankModel, planInto, positions } from "./helpers";

const gen = (input: GenerateStructureRawInput): GeneratedStructure => generateStructure(input);
const close = (a: number, b: number, tol = 1e-9) => Math.abs(a - b) <= tol;

/** Structural invariants every generator output must satisfy. */
function checkInvariants(g: GeneratedStructure): void {
  const { nodes, frames, supports } = g.elements;
  const labels = [...nodes.map((n) => n.label), ...frames.map((f) => f.label)];
  expect(new Set(labels).size).toBe(labels.length); // labels unique across nodes and frames
  for (const n of nodes) expect(n.ref).toBe(n.label);
  for (const f of frames) expect(f.ref).toBe(f.label);
  const pos = positions(g);
  for (const n of nodes) for (const c of [n.x, n.y, n.z]) expect(Number.isFinite(c)).toBe(true);
  // distinct node positions (add_elements would merge nodes closer than 1 mm)
  const keys = new Set(nodes.map((n) => `${Math.round(n.x * 1e3)},${Math.round(n.y * 1e3)},${Math.round(n.z * 1e3)}`));
  expect(keys.size).toBe(nodes.length);
  const pairs = new Set<string>();
  for (const f of frames) {
    const a = pos.get(f.i);
    const b = pos.get(f.j);
    expect(a, `frame ${f.label} end i`).toBeDefined();
    expect(b, `frame ${f.label} end j`).toBeDefined();
    if (!a || !b) continue;
    expect(Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2])).toBeGreaterThan(0.005); // no zero-length frames
    const key = f.i < f.j ? `${f.i}|${f.j}` : `${f.j}|${f.i}`;
    expect(pairs.has(key), `duplicate frame ${f.label}`).toBe(false);
    pairs.add(key);
    expect(["beam", "column", "brace", "truss", "cable", "other"]).toContain(f.role);
    expect(f.section.length).toBeGreaterThan(0);
    expect(f.material.length).toBeGreaterThan(0);
    for (const r of [f.releaseI, f.releaseJ]) if (r !== undefined) expect(r).toMatch(/^[FR]{6}$/);
  }
  expect(supports.length).toBeGreaterThan(0);
  const supported = new Set<string>();
  for (const s of supports) {
    expect(pos.has(s.node)).toBe(true);
    expect(s.code).toMatch(/^[FR]{6}$/);
    expect(supported.has(s.node)).toBe(false);
    supported.add(s.node);
  }
  // group refs point at generated nodes or frames
  const refs = new Set(labels);
  for (const grp of g.groups) for (const r of grp.refs) expect(refs.has(r), `${grp.name} → ${r}`).toBe(true);
  expect(g.counts).toEqual({ nodes: nodes.length, frames: frames.length, supports: supports.length });
}

const byRole = (g: GeneratedStructure, role: string) => g.elements.frames.filter((f) => f.role === role);
const byLetter = (g: GeneratedStructure, letter: string) => g.elements.frames.filter((f) => new RegExp(`-${letter}\\d+$`).test(f.label));

// ── A small three-bay frame ───────────────────────────────────────────────────────────────────

describe("a small three-bay frame", () => {
  const g = gen({ type: "frame_2d", bays: 3 });

  it("is a one-storey steel frame with fixed bases", () => {
    checkInvariants(g);
    expect(g.counts).toEqual({ nodes: 8, frames: 7, supports: 4 });
    const cols = byRole(g, "column");
    const beams = byRole(g, "beam");
    expect(cols).toHaveLength(4);
    expect(beams).toHaveLength(3);
    expect(new Set(cols.map((f) => f.section))).toEqual(new Set(["HEA240"]));
    expect(new Set(beams.map((f) => f.section))).toEqual(new Set(["IPE300"]));
    expect(new Set(g.elements.frames.map((f) => f.material))).toEqual(new Set(["S355"]));
    expect(g.elements.supports.every((s) => s.code === "FFFFFF")).toBe(true);
    for (const f of beams) expect(f.releaseI ?? "FFFFFF").toBe("FFFFFF");
  });

  it("has 6 m bays and a 3.5 m storey along +X with Z up, from the origin", () => {
    const xs = [...new Set(g.elements.nodes.map((n) => n.x))].sort((a, b) => a - b);
    const zs = [...new Set(g.elements.nodes.map((n) => n.z))].sort((a, b) => a - b);
    expect(xs).toEqual([0, 6, 12, 18]);
    expect(zs).toEqual([0, 3.5]);
    expect(g.elements.nodes.every((n) => n.y === 0)).toBe(true);
    const base = g.elements.supports.map((s) => positions(g).get(s.node));
    expect(base.every((p) => p?.[2] === 0)).toBe(true);
  });

  it("uses PF1- labels and reports a summary and groups", () => {
    expect(g.elements.nodes[0]?.label).toBe("PF1-N1");
    expect(g.elements.frames.map((f) => f.label)).toEqual(["PF1-C1", "PF1-C2", "PF1-C3", "PF1-C4", "PF1-B1", "PF1-B2", "PF1-B3"]);
    expect(g.summary).toMatch(/3 bays × 1 storey/);
    expect(g.summary).toMatch(/HEA240/);
    expect(g.summary).toMatch(/fixed/);
    expect(g.groups.find((x) => x.name === "PF1-columns")?.refs).toHaveLength(4);
    expect(g.groups.find((x) => x.name === "PF1-beams")?.refs).toHaveLength(3);
    expect(g.warnings).toEqual([]);
  });

  it("parses with the exported schema", () => {
    const parsed = GenerateStructureInputSchema.parse({ type: "frame_2d", bays: 3 });
    expect(parsed).toMatchObject({ type: "frame_2d", bays: 3, storeys: 1, bay_width: 6, storey_height: 3.5, base: "fixed", label_prefix: "PF1-" });
    expect(generateStructure(parsed)).toEqual(g);
  });
});

// ── Count oracles ─────────────────────────────────────────────────────────────────────────────

describe("frame_2d counts", () => {
  it.each([
    [1, 1],
    [3, 1],
    [2, 5],
    [[5, 7.5, 5], [4.5, 3.5]],
    [10, 20],
  ] as const)("bays %j, storeys %j", (bays, storeys) => {
    const g = gen({ type: "frame_2d", bays: bays as number | number[], storeys: storeys as number | number[] });
    checkInvariants(g);
    const nb = typeof bays === "number" ? bays : bays.length;
    const ns = typeof storeys === "number" ? storeys : storeys.length;
    const c = frame2dCounts(nb, ns);
    expect(c).toEqual({ nodes: (nb + 1) * (ns + 1), columns: (nb + 1) * ns, beams: nb * ns, supports: nb + 1 });
    expect(g.counts).toEqual({ nodes: c.nodes, frames: c.columns + c.beams, supports: c.supports });
    expect(byRole(g, "column")).toHaveLength(c.columns);
    expect(byRole(g, "beam")).toHaveLength(c.beams);
  });

  it("places span lists and storey-height lists", () => {
    const g = gen({ type: "frame_2d", bays: [5, 7.5, 5], storeys: [4.5, 3.5] });
    expect([...new Set(g.elements.nodes.map((n) => n.x))].sort((a, b) => a - b)).toEqual([0, 5, 12.5, 17.5]);
    expect([...new Set(g.elements.nodes.map((n) => n.z))].sort((a, b) => a - b)).toEqual([0, 4.5, 8]);
  });

  it("pinned beam ends and pinned bases", () => {
    const g = gen({ type: "frame_2d", bays: 2, beam_ends: "pinned", base: "pinned" });
    for (const f of byRole(g, "beam")) expect([f.releaseI, f.releaseJ]).toEqual(["FFFFRR", "FFFFRR"]);
    // pinned in the frame plane (XZ): free only about Y; out-of-plane rotations restrained
    expect(g.elements.supports.every((s) => s.code === "FFFFRF")).toBe(true);
    expect(g.warnings.join(" ")).toMatch(/mechanism/);
  });
});

describe("building_3d counts", () => {
  const cases: [string, GenerateStructureRawInput, { nodes: number; frames: number; supports: number; braces: number }][] = [
    ["default 3×2×3", { type: "building_3d" }, { nodes: 4 * 3 * 4, frames: 36 + 3 * 3 * 3 + 2 * 4 * 3, supports: 12, braces: 0 }],
    ["1×1×1", { type: "building_3d", bays_x: 1, bays_y: 1, storeys: 1 }, { nodes: 8, frames: 4 + 2 + 2, supports: 4, braces: 0 }],
    ["X bracing, end bays", { type: "building_3d", bracing: "x" }, { nodes: 48, frames: 36 + 27 + 24 + 2 * 8 * 3, supports: 12, braces: 48 }],
    ["chevron, end bays", { type: "building_3d", bracing: "chevron" }, { nodes: 48 + 8 * 3, frames: 36 + (27 + 4 * 3) + (24 + 4 * 3) + 48, supports: 12, braces: 48 }],
    ["X, 2 listed bays, lists", { type: "building_3d", bays_x: [6, 8], bays_y: [5], storeys: [4, 3], bracing: "x", braced_bays: [{ along: "x", line: 1, bay: 2 }, { along: "y", line: 3, bay: 1 }] }, { nodes: 3 * 2 * 3, frames: 12 + 2 * 2 * 2 + 1 * 3 * 2 + 2 * 2 * 2, supports: 6, braces: 8 }],
    ["1 bay each way, X (bays dedupe)", { type: "building_3d", bays_x: 1, bays_y: 1, storeys: 2, bracing: "x" }, { nodes: 12, frames: 8 + 4 + 4 + 2 * 4 * 2, supports: 4, braces: 16 }],
  ];
  it.each(cases)("%s", (_name, input, exp) => {
    const g = gen(input);
    checkInvariants(g);
    expect(g.counts).toEqual({ nodes: exp.nodes, frames: exp.frames, supports: exp.supports });
    expect(byRole(g, "brace")).toHaveLength(exp.braces);
    for (const f of byRole(g, "brace")) expect([f.releaseI, f.releaseJ]).toEqual(["FFFFRR", "FFFFRR"]);
  });

  it("formula matches the generator for a sweep", () => {
    for (const [nx, ny, ns] of [[1, 1, 1], [2, 3, 4], [5, 1, 2], [4, 4, 10]] as const) {
      for (const bracing of ["none", "x", "chevron"] as const) {
        const g = gen({ type: "building_3d", bays_x: nx, bays_y: ny, storeys: ns, bracing });
        const c = building3dCounts(nx, ny, ns, bracing, perimeterEndBays(nx, ny));
        expect(g.counts).toEqual({ nodes: c.nodes, frames: c.frames, supports: c.supports });
        expect(byRole(g, "column")).toHaveLength(c.columns);
        expect(byRole(g, "beam")).toHaveLength(c.beamsX + c.beamsY);
      }
    }
  });

  it("chevron braces meet at beam midspan and the split beam stays continuous there", () => {
    const g = gen({ type: "building_3d", bays_x: 1, bays_y: 1, storeys: 1, bracing: "chevron", beam_ends: "pinned", braced_bays: [{ along: "x", line: 1, bay: 1 }], bay_width_x: 8 });
    const pos = positions(g);
    const braces = byRole(g, "brace");
    expect(braces).toHaveLength(2);
    const top = braces.map((f) => pos.get(f.j));
    expect(top[0]).toEqual([4, 0, 3.5]);
    expect(top[1]).toEqual([4, 0, 3.5]);
    const halves = g.elements.frames.filter((f) => f.role === "beam" && (f.i === braces[0]?.j || f.j === braces[0]?.j));
    expect(halves).toHaveLength(2);
    expect(halves.map((f) => [f.releaseI ?? "FFFFFF", f.releaseJ ?? "FFFFFF"])).toEqual([["FFFFRR", "FFFFFF"], ["FFFFFF", "FFFFRR"]]);
  });

  it("pinned bases restrain translations and column torsion", () => {
    expect(gen({ type: "building_3d", base: "pinned" }).elements.supports.every((s) => s.code === "FFFRRF")).toBe(true);
    expect(gen({ type: "building_3d", base: "pinned", vertical_axis: "Y" }).elements.supports.every((s) => s.code === "FFFRFR")).toBe(true);
  });
});

describe("portal_frame counts", () => {
  const cases: [GenerateStructureRawInput, { nodes: number; frames: number; supports: number }][] = [
    [{ type: "portal_frame" }, { nodes: 5, frames: 4, supports: 2 }],
    [{ type: "portal_frame", ridge_rise: 0 }, { nodes: 4, frames: 3, supports: 2 }],
    [{ type: "portal_frame", frames: 5 }, { nodes: 25, frames: 20 + 4 * 3, supports: 10 }],
    [{ type: "portal_frame", frames: 5, ridge_rise: 0 }, { nodes: 20, frames: 15 + 4 * 2, supports: 10 }],
    [{ type: "portal_frame", frames: 3, rafter_divisions: 3, longitudinal: "all_roof_nodes" }, { nodes: 3 * 9, frames: 3 * 8 + 2 * 7, supports: 6 }],
    [{ type: "portal_frame", frames: 4, wall_bracing: true, longitudinal: "none" }, { nodes: 20, frames: 16 + 8, supports: 8 }],
    [{ type: "portal_frame", frames: 2, wall_bracing: true }, { nodes: 10, frames: 8 + 3 + 4, supports: 4 }],
  ];
  it.each(cases)("%j", (input, exp) => {
    const g = gen(input);
    checkInvariants(g);
    expect(g.counts).toEqual(exp);
    const i = input as { frames?: number; rafter_divisions?: number; ridge_rise?: number; longitudinal?: "none" | "eaves_ridge" | "all_roof_nodes"; wall_bracing?: boolean };
    const c = portalCounts(i.frames ?? 1, i.rafter_divisions ?? 1, i.ridge_rise !== 0, i.longitudinal ?? "eaves_ridge", i.wall_bracing ?? false);
    expect(c.nodes).toBe(exp.nodes);
    expect(c.frames).toBe(exp.frames);
  });

  it("geometry: eaves, ridge at midspan, frames spaced along the second horizontal axis", () => {
    const g = gen({ type: "portal_frame", span: 24, eaves_height: 7, ridge_rise: 2, frames: 3, frame_spacing: 5 });
    const pos = [...positions(g).values()];
    expect(pos.filter((p) => p[2] === 9).map((p) => p[0])).toEqual([12, 12, 12]);
    expect(new Set(pos.filter((p) => p[2] === 7).map((p) => p[0]))).toEqual(new Set([0, 24]));
    expect([...new Set(pos.map((p) => p[1]))].sort((a, b) => a - b)).toEqual([0, 5, 10]);
    for (const t of byLetter(g, "T")) {
      const [a, b] = [positions(g).get(t.i), positions(g).get(t.j)];
      expect(a && b && b[1] - a[1]).toBe(5);
      expect([t.releaseI, t.releaseJ]).toEqual(["FFFFRR", "FFFFRR"]);
    }
  });

  it("default roof pitch is 10°", () => {
    const g = gen({ type: "portal_frame", span: 20 });
    const ridge = Math.max(...g.elements.nodes.map((n) => n.z));
    expect(close(ridge - 6, 10 * Math.tan(Math.PI / 18), 1e-3)).toBe(true);
  });
});

describe("grid counts", () => {
  it.each([
    [{ type: "grid" }, 25, 40, 16],
    [{ type: "grid", bays_x: 1, bays_y: 1, supports: "corners" }, 4, 4, 4],
    [{ type: "grid", bays_x: 3, bays_y: [2, 4], supports: "corners", support_type: "fixed" }, 12, 3 * 3 + 2 * 4, 4],
    [{ type: "grid", bays_x: 6, bays_y: 2, supports: "edges" }, 21, 6 * 3 + 2 * 7, 16],
  ] as [GenerateStructureRawInput, number, number, number][])("%j", (input, nodes, frames, supports) => {
    const g = gen(input);
    checkInvariants(g);
    expect(g.counts).toEqual({ nodes, frames, supports });
    const i = input as { bays_x?: number | number[]; bays_y?: number | number[]; supports?: "edges" | "corners" | "none" };
    const nx = typeof i.bays_x === "object" ? i.bays_x.length : (i.bays_x ?? 4);
    const ny = typeof i.bays_y === "object" ? i.bays_y.length : (i.bays_y ?? 4);
    const c = gridCounts(nx, ny, i.supports ?? "edges");
    expect(c.nodes).toBe(nodes);
    expect(c.beamsX + c.beamsY).toBe(frames);
    expect(c.supports).toBe(supports);
  });

  it("lies in the horizontal plane at the origin's elevation", () => {
    const g = gen({ type: "grid", origin: [1, 2, 7.5] });
    expect(g.elements.nodes.every((n) => n.z === 7.5)).toBe(true);
    expect(Math.min(...g.elements.nodes.map((n) => n.x))).toBe(1);
    expect(Math.max(...g.elements.nodes.map((n) => n.y))).toBe(14);
  });

  it("supports: none warns", () => {
    const g = gen({ type: "grid", supports: "none" });
    expect(g.counts.supports).toBe(0);
    expect(g.warnings.join(" ")).toMatch(/no supports/);
  });
});

// ── Trusses ───────────────────────────────────────────────────────────────────────────────────

describe("truss counts", () => {
  // [style, shape, n, diagonals?, joints, members]: explicit oracles for each formula
  const table: [string, "parallel" | "pitched" | undefined, number, boolean | undefined, number, number][] = [];
  for (const n of [2, 4, 6, 8, 10, 20]) {
    table.push(["pratt", "parallel", n, undefined, 2 * (n + 1), 4 * n + 1]);
    table.push(["howe", "parallel", n, undefined, 2 * (n + 1), 4 * n + 1]);
    table.push(["modified_warren", "parallel", n, undefined, 2 * (n + 1), 4 * n + 1]);
    table.push(["pratt", "pitched", n, undefined, 2 * n, 4 * n - 3]);
    table.push(["howe", "pitched", n, undefined, 2 * n, 4 * n - 3]);
    table.push(["modified_warren", "pitched", n, undefined, 2 * n, 4 * n - 3]);
    table.push(["k", undefined, n, undefined, 3 * n + 2, 6 * n + 1]);
    table.push(["scissors", undefined, n, undefined, 2 * n, 4 * n - 3]);
    table.push(["scissors", undefined, n, false, 2 * n, 3 * n - 1]);
    table.push(["bowstring", undefined, n, true, 2 * n, 4 * n - 3]);
    if (n >= 4) table.push(["warren", "pitched", n, undefined, 2 * n, 3 * n - 2]);
  }
  for (const n of [1, 2, 3, 5, 8, 13]) {
    table.push(["warren", "parallel", n, undefined, 2 * n + 1, 4 * n - 1]);
    table.push(["vierendeel", undefined, n, undefined, 2 * (n + 1), 3 * n + 1]);
    if (n >= 2) table.push(["bowstring", undefined, n, undefined, 2 * n, 3 * n - 1]);
  }
  for (const n of [4, 8, 12]) table.push(["fink", undefined, n, undefined, n + 3, n + 7]);

  it.each(table)("%s %s n=%i diagonals=%s → %i joints, %i members", (style, shape, n, diagonals, joints, members) => {
    const input = { type: "truss", style, panels: n, ...(shape ? { shape } : {}), ...(diagonals !== undefined ? { diagonals } : {}) } as GenerateStructureRawInput;
    const g = gen(input);
    checkInvariants(g);
    expect(g.counts.nodes).toBe(joints);
    expect(g.counts.frames).toBe(members);
    const resolvedShape = shape ?? (style === "k" || style === "vierendeel" ? "parallel" : "pitched");
    expect(trussCounts(style as never, resolvedShape, n, diagonals ?? style === "scissors")).toEqual({ joints, members });
  });

  // ETABS-MCP verified roof trusses: their counts include 2 RC columns (+2 frames) and 2 base joints.
  const etabs: [string, GenerateStructureRawInput, number, number][] = [
    ["Pratt (8 panels, pitched)", { type: "truss", style: "pratt", shape: "pitched", panels: 8, span: 23.34, depth: 3 }, 18, 31],
    ["Howe (8, pitched)", { type: "truss", style: "howe", shape: "pitched", panels: 8, span: 23.34, depth: 3 }, 18, 31],
    ["Warren (8, pitched)", { type: "truss", style: "warren", shape: "pitched", panels: 8, span: 23.34, depth: 3 }, 18, 24],
    ["Modified Warren (8, pitched)", { type: "truss", style: "modified_warren", shape: "pitched", panels: 8, span: 23.34, depth: 3 }, 18, 31],
    ["Bowstring (10)", { type: "truss", style: "bowstring", panels: 10, span: 23.34, depth: 3 }, 22, 31],
    ["Flat Pratt (10, parallel)", { type: "truss", style: "pratt", panels: 10, span: 23.34, depth: 1.8 }, 24, 43],
    ["Scissors (8, verticals only)", { type: "truss", style: "scissors", panels: 8, span: 23.34, depth: 4, bottom_rise: 2, diagonals: false }, 18, 25],
  ];
  it.each(etabs)("ETABS-MCP oracle: %s = %i joints / %i frames incl. 2 columns", (_name, input, joints, frames) => {
    const g = gen(input);
    expect(g.counts.nodes + 2).toBe(joints);
    expect(g.counts.frames + 2).toBe(frames);
  });

  it("Pratt diagonals slope down towards midspan, Howe's up; webs pinned, chords continuous", () => {
    for (const style of ["pratt", "howe"] as const) {
      const g = gen({ type: "truss", style, panels: 4, span: 8, depth: 1 });
      const pos = positions(g);
      for (const d of byLetter(g, "D")) {
        const [a, b] = [pos.get(d.i) as number[], pos.get(d.j) as number[]];
        const [low, high] = (a[2] as number) < (b[2] as number) ? [a, b] : [b, a];
        const towardsCentre = Math.abs((low[0] as number) - 4) < Math.abs((high[0] as number) - 4);
        expect(towardsCentre).toBe(style === "pratt"); // Pratt: lower end nearer midspan
        expect([d.releaseI, d.releaseJ]).toEqual(["FFFFRR", "FFFFRR"]);
      }
      for (const c of [...byLetter(g, "TC"), ...byLetter(g, "BC")]) expect([c.releaseI, c.releaseJ]).toEqual([undefined, undefined]);
    }
  });

  it("vierendeel verticals are rigid; k-truss verticals are continuous through their mid node", () => {
    const v = gen({ type: "truss", style: "vierendeel" });
    expect(byLetter(v, "V").every((f) => f.releaseI === undefined && f.releaseJ === undefined)).toBe(true);
    const k = gen({ type: "truss", style: "k", panels: 4 });
    const halves = byLetter(k, "V").filter((f) => (f.releaseI === undefined) !== (f.releaseJ === undefined));
    expect(halves).toHaveLength(8);
  });

  it("geometry: span, depth, pitched apex, bowstring parabola", () => {
    const p = gen({ type: "truss", style: "pratt", span: 12, panels: 6, depth: 1.5 });
    const pp = [...positions(p).values()];
    expect(Math.max(...pp.map((x) => x[0]))).toBe(12);
    expect(new Set(pp.map((x) => x[2]))).toEqual(new Set([0, 1.5]));
    const t = gen({ type: "truss", style: "howe", shape: "pitched", span: 12, panels: 6, depth: 3 });
    const tp = [...positions(t).values()];
    expect(tp.find((x) => x[2] === 3)?.[0]).toBe(6);
    expect(tp.find((x) => x[0] === 2 && x[2] > 0)?.[2]).toBe(1); // linear pitch: 3 m × 2/6
    const bw = gen({ type: "truss", style: "bowstring", span: 10, panels: 10, depth: 2.5 });
    for (const [x, , z] of positions(bw).values()) if (z > 0) expect(close(z, (4 * 2.5 * x * (10 - x)) / 100)).toBe(true);
  });

  it("pin + roller at the ends and out-of-plane restraint at every joint", () => {
    const g = gen({ type: "truss", style: "pratt", panels: 4, span: 8 });
    const pos = positions(g);
    const codes = new Map(g.elements.supports.map((s) => [s.node, s.code]));
    expect(codes.size).toBe(g.counts.nodes);
    const at = (x: number, z: number) => [...pos.entries()].find(([, p]) => p[0] === x && p[2] === z)?.[0] as string;
    expect(codes.get(at(0, 0))).toBe("FFFFRF");
    expect(codes.get(at(8, 0))).toBe("RFFFRF");
    expect(codes.get(at(4, 0.8))).toBe("RFRFRF");
    const pinned = gen({ type: "truss", style: "pratt", panels: 4, span: 8, supports: "pin_pin" });
    expect(pinned.elements.supports.filter((s) => s.code === "FFFFRF")).toHaveLength(2);
  });

  it("Y-up and along +Y: the restrained directions follow the truss plane", () => {
    const y = gen({ type: "truss", style: "warren", panels: 4, vertical_axis: "Y" });
    expect(y.elements.nodes.every((n) => n.z === 0)).toBe(true);
    expect(Math.max(...y.elements.nodes.map((n) => n.y))).toBeCloseTo(2, 9);
    const codesY = new Set(y.elements.supports.map((s) => s.code));
    expect(codesY).toEqual(new Set(["FFFFFR", "RFFFFR", "RRFFFR"]));
    const alongY = gen({ type: "truss", style: "warren", panels: 4, direction: 90 });
    expect(alongY.elements.nodes.every((n) => n.x === 0)).toBe(true);
    expect(new Set(alongY.elements.supports.map((s) => s.code))).toEqual(new Set(["FFFRFF", "FRFRFF", "FRRRFF"]));
  });

  it("skewed direction: falls back to end supports only, with a warning; explicit restrain is an error", () => {
    const g = gen({ type: "truss", style: "pratt", direction: 30 });
    expect(g.counts.supports).toBe(2);
    expect(g.warnings.join(" ")).toMatch(/not restrained out of its plane/);
    expect(() => gen({ type: "truss", style: "pratt", direction: 30, out_of_plane: "restrain" })).toThrow(/global plane/);
  });
});

// ── Placement ─────────────────────────────────────────────────────────────────────────────────

describe("placement", () => {
  it("origin and direction (angle and vector) are respected", () => {
    const a = gen({ type: "frame_2d", bays: 2, origin: [10, 20, 5], direction: 90 });
    for (const n of a.elements.nodes) expect(n.x).toBe(10);
    expect([...new Set(a.elements.nodes.map((n) => n.y))].sort((p, q) => p - q)).toEqual([20, 26, 32]);
    expect([...new Set(a.elements.nodes.map((n) => n.z))].sort((p, q) => p - q)).toEqual([5, 8.5]);
    const b = gen({ type: "frame_2d", bays: 2, origin: [10, 20, 5], direction: [0, 3, 0] });
    expect(b.elements.nodes).toEqual(a.elements.nodes);
    const c = gen({ type: "frame_2d", bays: 1, direction: 30 });
    const far = c.elements.nodes.find((n) => n.z === 0 && n.x > 0);
    expect(far && close(far.x, 6 * Math.cos(Math.PI / 6)) && close(far.y, 3)).toBe(true);
  });

  it("vertical axis Y puts heights on Y and plan on X–Z", () => {
    const g = gen({ type: "building_3d", bays_x: 1, bays_y: 1, storeys: 2, vertical_axis: "Y" });
    expect([...new Set(g.elements.nodes.map((n) => n.y))].sort((p, q) => p - q)).toEqual([0, 3.5, 7]);
    expect([...new Set(g.elements.nodes.map((n) => n.z))].sort((p, q) => p - q)).toEqual([0, 6]);
    const cols = byRole(g, "column");
    const pos = positions(g);
    for (const c of cols) {
      const [a, b] = [pos.get(c.i) as number[], pos.get(c.j) as number[]];
      expect([a[0] === b[0], a[2] === b[2], (b[1] as number) > (a[1] as number)]).toEqual([true, true, true]);
    }
  });

  it("building columns: strong axis along x by default, along y on request", () => {
    for (const column_orientation of ["x", "y"] as const) {
      const g = gen({ type: "building_3d", bays_x: 1, bays_y: 1, storeys: 1, direction: 30, column_orientation });
      const { model } = planInto(g.elements);
      const nodes = nodeMap(model.nodes);
      const col = model.frames.find((f) => f.role === "column");
      const ax = col && localAxes(col, nodes, "Z");
      const t = (30 * Math.PI) / 180;
      const want = column_orientation === "x" ? [Math.cos(t), Math.sin(t), 0] : [-Math.sin(t), Math.cos(t), 0];
      expect(ax && Math.abs(ax.y[0] * (want[0] as number) + ax.y[1] * (want[1] as number))).toBeCloseTo(1, 9);
    }
  });

  it("rejects a non-horizontal direction vector", () => {
    expect(() => gen({ type: "grid", direction: [1, 0, 1] })).toThrow(/horizontal/);
    expect(() => gen({ type: "grid", direction: [0, 0, 0] })).toThrow(/non-zero/);
  });

  it("columns are rolled so their strong axis bends in the frame plane (checked with Spectral's local axes)", () => {
    for (const [direction, vertical_axis] of [[0, "Z"], [30, "Z"], [90, "Z"], [-120, "Z"], [0, "Y"], [45, "Y"]] as const) {
      const g = gen({ type: "frame_2d", bays: 1, direction, vertical_axis });
      const { plan, model } = planInto(g.elements, blankModel(vertical_axis));
      expect(plan.ok).toBe(true);
      const nodes = nodeMap(model.nodes);
      const beam = model.frames.find((f) => f.role === "beam");
      const col = model.frames.find((f) => f.role === "column");
      const bx = beam && localAxes(beam, nodes, vertical_axis);
      const cy = col && localAxes(col, nodes, vertical_axis);
      expect(bx && cy).toBeTruthy();
      if (!bx || !cy) continue;
      // column local y (web) is along the frame's span direction = beam local x
      expect(Math.abs(bx.x[0] * cy.y[0] + bx.x[1] * cy.y[1] + bx.x[2] * cy.y[2])).toBeCloseTo(1, 9);
      // beams keep the web vertical
      expect(bx.y[vertical_axis === "Z" ? 2 : 1]).toBeCloseTo(1, 9);
    }
  });
});

// ── Determinism, prefixes, planning ───────────────────────────────────────────────────────────

const ALL_INPUTS: GenerateStructureRawInput[] = [
  { type: "frame_2d", bays: 3 },
  { type: "frame_2d", bays: [4, 6], storeys: 3, base: "pinned", direction: 90 },
  { type: "building_3d" },
  { type: "building_3d", bracing: "x", base: "pinned", beam_ends: "pinned" },
  { type: "building_3d", bracing: "chevron", bays_x: [6, 9, 6], storeys: [4.5, 3.5], direction: 15 },
  { type: "portal_frame" },
  { type: "portal_frame", frames: 4, base: "pinned", wall_bracing: true, rafter_divisions: 2, longitudinal: "all_roof_nodes" },
  { type: "portal_frame", ridge_rise: 0, frames: 2 },
  { type: "grid" },
  { type: "grid", supports: "corners", vertical_axis: "Y" },
  ...TRUSS_STYLES.map((style) => ({ type: "truss" as const, style })),
  { type: "truss", style: "pratt", shape: "pitched" },
  { type: "truss", style: "warren", shape: "pitched" },
  { type: "truss", style: "howe", vertical_axis: "Y", direction: 90 },
];

describe("all generators", () => {
  it.each(ALL_INPUTS.map((i) => [JSON.stringify(i), i] as const))("%s: invariants, determinism, plans into an empty model", (_s, input) => {
    const g = gen(input);
    checkInvariants(g);
    expect(gen(input)).toEqual(g); // deterministic
    const va = (input as { vertical_axis?: "Y" | "Z" }).vertical_axis ?? "Z";
    const { plan, model } = planInto(g.elements, blankModel(va));
    expect(plan.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(plan.ok).toBe(true);
    expect(plan.issues.filter((i) => i.severity === "warning")).toEqual([]);
    expect(model.nodes).toHaveLength(g.counts.nodes);
    expect(model.frames).toHaveLength(g.counts.frames);
    expect(model.supports).toHaveLength(g.counts.supports);
    // every ref resolved to a new element
    for (const r of [...g.elements.nodes, ...g.elements.frames]) expect(plan.refs[r.ref]).toBeDefined();
  });

  it("two structures with different prefixes never collide, even when placed in the same model", () => {
    const a = gen({ type: "frame_2d", bays: 2 });
    const b = gen({ type: "frame_2d", bays: 2, label_prefix: "PF2-", origin: [0, 10, 0] });
    const la = new Set([...a.elements.nodes, ...a.elements.frames].map((x) => x.label));
    for (const x of [...b.elements.nodes, ...b.elements.frames]) expect(la.has(x.label)).toBe(false);
    const first = planInto(a.elements);
    const second = planInto(b.elements, first.model);
    expect(second.plan.ok).toBe(true);
    expect(second.model.frames).toHaveLength(10);
  });

  it("the input schema converts to JSON Schema for MCP clients", () => {
    const js = z.toJSONSchema(GenerateStructureInputSchema, { io: "input" }) as { oneOf?: { properties: Record<string, unknown> }[] };
    expect(js.oneOf).toHaveLength(5);
    for (const branch of js.oneOf ?? []) expect(Object.keys(branch.properties)).toEqual(expect.arrayContaining(["type", "origin", "direction", "vertical_axis", "label_prefix", "material"]));
  });

  it("suggestLabelPrefix finds the next free prefix", () => {
    expect(suggestLabelPrefix("PF1-", [])).toBe("PF1-");
    expect(suggestLabelPrefix("PF1-", ["PF1-N1", "PF1-C1", "PF3-N1", "N7"])).toBe("PF2-");
    expect(suggestLabelPrefix("TR1-", ["TR1-N1", "TR2-B1"])).toBe("TR3-");
  });
});

// ── Errors ────────────────────────────────────────────────────────────────────────────────────

describe("invalid input", () => {
  const bad: [string, unknown, RegExp][] = [
    ["unknown type", { type: "dome" }, /type must be one of/],
    ["missing type", { bays: 3 }, /type must be one of/],
    ["zero bays", { type: "frame_2d", bays: 0 }, /bays must be at least 1/],
    ["too many bays", { type: "frame_2d", bays: 201 }, /at most 200/],
    ["fractional count", { type: "frame_2d", storeys: 2.5 }, /whole number/],
    ["negative span in list", { type: "frame_2d", bays: [6, -2] }, /bays\[1\].*at least 0\.01 m/],
    ["string count", { type: "frame_2d", bays: "3" }, /bays: expected a number or a list of numbers/],
    ["NaN width", { type: "frame_2d", bay_width: Number.NaN }, /bay_width/],
    ["infinite height", { type: "frame_2d", storey_height: Number.POSITIVE_INFINITY }, /storey_height/],
    ["misspelt field", { type: "frame_2d", bay: 3 }, /unknown field "bay".*Valid fields for frame_2d/],
    ["odd pratt panels", { type: "truss", style: "pratt", panels: 7 }, /even number of panels.*got 7/],
    ["fink panels", { type: "truss", style: "fink", panels: 6 }, /multiple of 4/],
    ["pitched k", { type: "truss", style: "k", shape: "pitched" }, /parallel chords/],
    ["parallel fink", { type: "truss", style: "fink", shape: "parallel" }, /pitched by definition/],
    ["scissors bottom rise", { type: "truss", style: "scissors", depth: 2, bottom_rise: 3 }, /bottom_rise/],
    ["depth vs rise", { type: "truss", depth: 2, rise: 3 }, /depth or rise/],
    ["too short members", { type: "truss", style: "pratt", shape: "pitched", panels: 200, span: 10, depth: 0.05 }, /shorter than 1 cm/],
    ["bad prefix", { type: "grid", label_prefix: "A B" }, /label_prefix/],
    ["braced bay out of range", { type: "building_3d", bracing: "x", braced_bays: [{ along: "x", line: 9, bay: 1 }] }, /line 9 is out of range/],
    ["wall bracing single frame", { type: "portal_frame", wall_bracing: true }, /at least 2 frames/],
    ["too many frames", { type: "building_3d", bays_x: 100, bays_y: 100, storeys: 10 }, /limit is 100,000/],
    ["negative ridge rise", { type: "portal_frame", ridge_rise: -1 }, /ridge_rise/],
    ["not an object", 42, /object/],
  ];
  it.each(bad)("%s", (_name, input, re) => {
    let err: unknown;
    try {
      generateStructure(input as GenerateStructureRawInput);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("invalid_parameters");
    expect((err as AppError).message).toMatch(re);
    expect((err as AppError).details.problems).toEqual(expect.arrayContaining([expect.any(String)]));
  });

  it("the largest allowed grid is generated within limits", () => {
    const g = gen({ type: "grid", bays_x: 200, bays_y: 200 });
    expect(g.counts.frames).toBe(2 * 200 * 201);
    expect(g.counts.nodes).toBe(201 * 201);
  });
});
