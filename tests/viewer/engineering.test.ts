/**
 * The viewer's engineering helpers, pure: units per quantity in SI and US, isolation of storeys and
 * grid lines, the results table and its CSV (units in the header, formula injection refused), and
 * the PNG sheet's scale bar.
 */
import { describe, expect, it } from "vitest";
import { ENG_UNITS, fmtQ, systemOfModel } from "@/components/viewer/units";
import { isolationChoices, isolationMask, isolationView } from "@/components/viewer/isolate";
import { resultsTable, toCsv } from "@/components/viewer/results-table";
import { scaleBar } from "@/components/viewer/png-sheet";
import type { ViewerPayload } from "@/components/viewer/types";
import type { ViewerResultSet } from "@/components/viewer/use-results";
// @ts-expect-error: plain JavaScript module shared with the benchmark
import { building, portalFrame } from "../../bench/viewer/synthetic.mjs";

const SI = ENG_UNITS.SI, US = ENG_UNITS.US;

describe("engineering units", () => {
  it("shows each quantity in the unit an engineer reads it in", () => {
    expect(fmtQ(SI, "disp", 0.012163)).toBe("12.16 mm");
    expect(fmtQ(SI, "coord", 6)).toBe("6 m");
    expect(fmtQ(SI, "dim", 0.3)).toBe("300 mm");
    expect(fmtQ(SI, "area", 0.00538)).toBe("53.8 cm²");
    expect(fmtQ(SI, "inertia", 8.356e-5)).toBe("8356 cm⁴");
    expect(fmtQ(SI, "force", -271200)).toBe("-271.2 kN");
    expect(fmtQ(SI, "moment", -271200)).toBe("-271.2 kN·m");
    expect(fmtQ(SI, "line", 5000)).toBe("5 kN/m");
    expect(fmtQ(SI, "stress", 210e9)).toBe("210000 MPa");
    expect(fmtQ(US, "disp", 0.0254)).toBe("1 in");
    expect(fmtQ(US, "coord", 0.3048 * 20)).toBe("20 ft");
    expect(fmtQ(US, "inertia", 8.356e-5)).toBe("200.8 in⁴");
    expect(fmtQ(US, "force", 4448.2216152605 * 3)).toBe("3 kip");
    expect(fmtQ(US, "moment", 4448.2216152605 * 0.3048 * 12)).toBe("12 kip·ft");
    expect(fmtQ(US, "stress", 6894757.293168361 * 50)).toBe("50 ksi");
  });

  it("defaults to the system of the model's units", () => {
    expect(systemOfModel({ length: "mm", force: "kN" })).toBe("SI");
    expect(systemOfModel({ length: "ft", force: "kip" })).toBe("US");
    expect(systemOfModel({ length: "m", force: "lbf" })).toBe("US");
  });
});

describe("isolation", () => {
  const b: ViewerPayload = building({ nx: 2, ny: 2, ns: 3 });

  it("offers every storey and grid line, and isolates exactly the frames on it", () => {
    const c = isolationChoices(b);
    expect(c.storeys.map((s) => s.value)).toEqual([3.5, 7, 10.5]);
    expect(c.lines.filter((l) => l.axis === "X").map((l) => l.value)).toEqual([0, 6, 12]);
    const storey = isolationMask(b, c.storeys[0]!, null)!;
    const P = b.nodes.positions, pairs = b.frames.pairs;
    for (let f = 0; f < storey.length; f++) {
      const za = P[3 * pairs[2 * f]! + 2]!, zb = P[3 * pairs[2 * f + 1]! + 2]!;
      expect(storey[f], `frame ${f}`).toBe(za === 3.5 && zb === 3.5 ? 1 : 0);
    }
    expect(isolationView(b, c.storeys[0]!)).toBe("top");
    expect(isolationView(b, c.lines[0]!)).toBe("side");
  });

  it("isolates a selected frame with its neighbours", () => {
    const p: ViewerPayload = portalFrame();
    const m = isolationMask(p, { kind: "selection" }, { kind: "frame", index: 1 })!;
    expect(Array.from(m)).toEqual([1, 1, 1]);
    expect(isolationMask(p, { kind: "selection" }, null)).toBeNull();
  });
});

describe("results table", () => {
  const p: ViewerPayload = portalFrame();
  const set: ViewerResultSet = {
    id: "lc", name: "Dead", kind: "case",
    displacements: new Array(12).fill(0), rotations: new Array(12).fill(0),
    reactions: [{ node: 0, f: [1000, 0, 15000], m: [0, 2000, 0] }],
    endForces: Array.from({ length: 36 }, (_, k) => k * 1000),
    extremes: { maxDisplacement: null, maxN: null, maxV: null, maxM: null, maxT: null },
    equilibrium: { relativeResidual: 0, ok: true },
  };

  it("gives end forces in kN and kN·m per end, and only the isolated frames", () => {
    const t = resultsTable(p, set, "endForces", SI, null);
    expect(t.rows).toHaveLength(6);
    expect(t.rows[1]).toEqual([p.frames.labels[0], "j", 6, 7, 8, 9, 10, 11]);
    expect(resultsTable(p, set, "endForces", SI, Uint8Array.from([0, 1, 0])).rows.map((r) => r[0])).toEqual([p.frames.labels[1], p.frames.labels[1]]);
  });

  it("writes a CSV with units in the header and no spreadsheet formulas", () => {
    const csv = toCsv(resultsTable(p, set, "reactions", US, null), US).split("\r\n");
    expect(csv[0]).toBe("Node,Rx (kip),Ry (kip),Rz (kip),|R| (kip),Mx (kip·ft),My (kip·ft),Mz (kip·ft)");
    expect(Number(csv[1]!.split(",")[3])).toBeCloseTo(15000 / 4448.2216152605, 6);
    const evil = { ...p, nodes: { ...p.nodes, labels: ["=HYPERLINK(1)", ...p.nodes.labels.slice(1)] } };
    expect(toCsv(resultsTable(evil, set, "reactions", SI, null), SI).split("\r\n")[1]!.startsWith("'=HYPERLINK(1)")).toBe(true);
  });
});

describe("PNG sheet scale bar", () => {
  it("picks a round length about 140 px long", () => {
    expect(scaleBar(120, { per: 1, unit: "m" })).toEqual({ px: 120, label: "1 m" });
    expect(scaleBar(30, { per: 1, unit: "m" })).toEqual({ px: 150, label: "5 m" });
    expect(scaleBar(Number.NaN, { per: 1, unit: "m" })).toBeNull();
  });
});
