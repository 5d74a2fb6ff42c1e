/**
 * IFC4 export read back by an independent parser (web-ifc, the engine behind most web IFC viewers):
 * entity counts, node coordinates, profile dimensions and properties, materials, load values,
 * combinations and units match the model exactly; the physical members produce geometry.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as WebIFC from "web-ifc";
import { exportIfc } from "@/lib/structural/export";
import type { StructuralModel } from "@/lib/structural/schema";
import { blank, build, portal } from "../fixtures";

let api: WebIFC.IfcAPI;
beforeAll(async () => {
  api = new WebIFC.IfcAPI();
  await api.Init();
});

type Line = Record<string, unknown>;
const open = (text: string) => api.OpenModel(new TextEncoder().encode(text));
const idsOf = (m: number, type: number): number[] => {
  const v = api.GetLineIDsWithType(m, type);
  return Array.from({ length: v.size() }, (_, k) => v.get(k));
};
const lines = (m: number, type: number): Line[] => idsOf(m, type).map((id) => api.GetLine(m, id, true) as Line);
/** A measure or value read back exactly from its STEP text. */
const num = (x: unknown): number => {
  const o = x as { _internalValue?: unknown; value?: unknown };
  return Number(o._internalValue ?? o.value ?? x);
};
const str = (x: unknown): string => (x as { value: string }).value;
const point = (pt: unknown): number[] => ((pt as { Coordinates: unknown[] }).Coordinates).map(num);
const vertexOf = (product: Line): number[] => {
  const rep = (product.Representation as { Representations: { Items: { VertexGeometry: unknown }[] }[] }).Representations[0]!;
  return point(rep.Items[0]!.VertexGeometry);
};

/** The portal plus a Y-up twin with hostile names, a varying partial load and a projected load. */
function yUpModel(): StructuralModel {
  return build({
    nodes: [
      { ref: "a", label: "N'1 \\ base", x: 0, y: 0, z: 0 },
      { ref: "b", label: "Knoten ä — 東", x: 0, y: 4.25, z: 0.1 },
      { ref: "c", label: "N3 😀", x: 6.125, y: 4.5, z: -0.3 },
    ],
    frames: [
      { ref: "c1", label: "C1", i: "a", j: "b", section: "HEA200", material: "S355", role: "column" },
      { ref: "b1", label: "B1", i: "b", j: "c", section: "IPE300", material: "S355", role: "beam", roll: 30, releaseJ: "FFFFRR" },
    ],
    supports: [{ node: "a", code: "FFFRRR" }, { node: "c", code: "RFFFFF" }],
    loadCases: [{ name: "Snow 'S'", type: "snow" }],
    loads: [
      { kind: "frame_distributed", case: "Snow 'S'", frame: "b1", start: 0.2, end: 0.9, w1: [0, -1000, 0], w2: [0, -3000, 0] },
      { kind: "nodal", case: "Snow 'S'", node: "b", fx: 1500, fy: -2500, fz: 400, mx: 10, my: 20, mz: 30 },
    ],
  }, blank({ verticalAxis: "Y" }));
}

describe("IFC4 export read back with web-ifc", () => {
  it("has the analysis model, one connection per node and one curve member per frame, with exact coordinates", () => {
    const model = portal();
    const m = open(exportIfc(model));
    expect(api.GetModelSchema(m)).toBe("IFC4");
    const conns = lines(m, WebIFC.IFCSTRUCTURALPOINTCONNECTION);
    expect(conns).toHaveLength(model.nodes.length);
    for (const n of model.nodes) {
      const c = conns.find((x) => str(x.Name) === n.label);
      expect(c, n.label).toBeDefined();
      expect(vertexOf(c!)).toEqual([n.x, n.y, n.z]);
    }
    expect(lines(m, WebIFC.IFCSTRUCTURALCURVEMEMBER)).toHaveLength(model.frames.length);
    expect(lines(m, WebIFC.IFCSTRUCTURALANALYSISMODEL)).toHaveLength(1);
    const physical = [WebIFC.IFCBEAM, WebIFC.IFCCOLUMN, WebIFC.IFCMEMBER].flatMap((t) => lines(m, t));
    expect(physical.map((p) => str(p.Name)).sort()).toEqual(model.frames.map((f) => f.label).sort());
    expect(lines(m, WebIFC.IFCCOLUMN)).toHaveLength(model.frames.filter((f) => f.role === "column").length);
    // supports: fixed bases → every stiffness .T.
    const fixed = conns.filter((c) => c.AppliedCondition);
    expect(fixed).toHaveLength(model.supports.length);
    for (const c of fixed) {
      const cond = c.AppliedCondition as Line;
      for (const k of ["TranslationalStiffnessX", "TranslationalStiffnessY", "TranslationalStiffnessZ", "RotationalStiffnessX", "RotationalStiffnessY", "RotationalStiffnessZ"]) expect((cond[k] as { value: unknown }).value).toBe(true);
    }
    api.CloseModel(m);
  });

  it("declares exact SI units with no prefixes (kilogram for mass)", () => {
    const m = open(exportIfc(portal()));
    const [assignment] = lines(m, WebIFC.IFCUNITASSIGNMENT);
    const units = (assignment!.Units as Line[]);
    const si = new Map(units.filter((u) => u.Name).map((u) => [(u.UnitType as { value: string }).value, [(u.Prefix as { value?: string } | null)?.value ?? null, (u.Name as { value: string }).value]]));
    expect(si.get("LENGTHUNIT")).toEqual([null, "METRE"]);
    expect(si.get("FORCEUNIT")).toEqual([null, "NEWTON"]);
    expect(si.get("PRESSUREUNIT")).toEqual([null, "PASCAL"]);
    expect(si.get("MASSUNIT")).toEqual(["KILO", "GRAM"]);
    expect(si.get("PLANEANGLEUNIT")).toEqual([null, "RADIAN"]);
    const derived = units.filter((u) => u.Elements).map((u) => (u.UnitType as { value: string }).value);
    expect(derived).toEqual(expect.arrayContaining(["MASSDENSITYUNIT", "LINEARFORCEUNIT", "TORQUEUNIT", "MOMENTOFINERTIAUNIT", "MODULUSOFELASTICITYUNIT"]));
    api.CloseModel(m);
  });

  it("carries profile dimensions, section properties and material constants exactly", () => {
    const model = portal();
    const m = open(exportIfc(model));
    const profiles = lines(m, WebIFC.IFCISHAPEPROFILEDEF);
    expect(profiles).toHaveLength(model.sections.length);
    for (const sec of model.sections) {
      const p = profiles.find((x) => str(x.ProfileName) === sec.name)!;
      const shape = sec.shape as { h: number; b: number; tw: number; tf: number };
      expect([num(p.OverallDepth), num(p.OverallWidth), num(p.WebThickness), num(p.FlangeThickness)]).toEqual([shape.h, shape.b, shape.tw, shape.tf]);
      const props = lines(m, WebIFC.IFCPROFILEPROPERTIES).find((x) => (x.ProfileDefinition as Line).expressID === p.expressID)!;
      const v = new Map((props.Properties as Line[]).map((q) => [str(q.Name), num(q.NominalValue)]));
      expect([v.get("CrossSectionArea"), v.get("MomentOfInertiaY"), v.get("MomentOfInertiaZ"), v.get("TorsionalConstantX")]).toEqual([sec.A, sec.Iy, sec.Iz, sec.J]);
    }
    const mat = model.materials[0]!;
    const mech = lines(m, WebIFC.IFCMATERIALPROPERTIES).flatMap((x) => x.Properties as Line[]);
    const mv = new Map(mech.map((q) => [str(q.Name), num(q.NominalValue)]));
    expect([mv.get("YoungModulus"), mv.get("ShearModulus"), mv.get("PoissonRatio"), mv.get("MassDensity")]).toEqual([mat.E, mat.G, mat.nu, mat.density]);
    api.CloseModel(m);
  });

  it("carries load cases, loads and combinations with exact values", () => {
    const model = portal();
    const m = open(exportIfc(model));
    const cases = lines(m, WebIFC.IFCSTRUCTURALLOADCASE);
    expect(cases.map((c) => str(c.Name))).toEqual(model.loadCases.map((c) => c.name));
    const dead = cases.find((c) => str(c.Name) === "Dead")!;
    expect((dead.SelfWeightCoefficients as unknown[]).map(num)).toEqual([0, 0, -1]);
    const combos = lines(m, WebIFC.IFCSTRUCTURALLOADGROUP).filter((g) => (g.PredefinedType as { value: string }).value === "LOAD_COMBINATION");
    expect(combos.map((c) => str(c.Name))).toEqual(model.combinations.map((c) => c.name));
    const factors = lines(m, WebIFC.IFCRELASSIGNSTOGROUPBYFACTOR).map((r) => [num(r.Factor), (r.RelatedObjects as Line[]).map((o) => str(o.Name))]);
    expect(factors).toEqual(expect.arrayContaining([[1.35, ["Dead"]], [1.5, ["Live"]]]));
    const actions = [...lines(m, WebIFC.IFCSTRUCTURALPOINTACTION), ...lines(m, WebIFC.IFCSTRUCTURALCURVEACTION)];
    expect(actions).toHaveLength(model.loads.length);
    const udl = lines(m, WebIFC.IFCSTRUCTURALCURVEACTION)[0]!;
    const lf = udl.AppliedLoad as Line;
    expect([num(lf.LinearForceX), num(lf.LinearForceY), num(lf.LinearForceZ)]).toEqual([0, 0, -10_000]);
    const nodal = lines(m, WebIFC.IFCSTRUCTURALPOINTACTION).map((a) => a.AppliedLoad as Line).find((f) => num(f.ForceX) === 5000);
    expect(nodal).toBeDefined();
    api.CloseModel(m);
  });

  it("turns a Y-up model to Z-up exactly, keeps Unicode and apostrophes in names, and writes linear loads with their locations", () => {
    const model = yUpModel();
    const text = exportIfc(model);
    expect(text).toMatch(/^[\x20-\x7e\n]*$/); // the STEP file itself is plain ASCII
    const m = open(text);
    const conns = lines(m, WebIFC.IFCSTRUCTURALPOINTCONNECTION);
    for (const n of model.nodes) {
      const c = conns.find((x) => decode(str(x.Name)) === n.label);
      expect(c, n.label).toBeDefined();
      expect(vertexOf(c!)).toEqual([n.x, -n.z, n.y].map((v) => (v === 0 ? 0 : v)));
    }
    const [caseLine] = lines(m, WebIFC.IFCSTRUCTURALLOADCASE);
    expect(decode(str(caseLine!.Name))).toBe("Snow 'S'");
    const cfg = lines(m, WebIFC.IFCSTRUCTURALLOADCONFIGURATION)[0]!;
    const b1 = model.frames.find((f) => f.label === "B1")!;
    const [p, q] = [model.nodes.find((n) => n.id === b1.i)!, model.nodes.find((n) => n.id === b1.j)!];
    const L = Math.hypot(q.x - p.x, q.y - p.y, q.z - p.z);
    expect((cfg.Locations as unknown[][]).map((l) => l.map(num))).toEqual([[0.2 * L], [0.9 * L]]);
    // global −Y (down in a Y-up model) becomes IFC −Z
    expect((cfg.Values as Line[]).map((v) => [num(v.LinearForceX), num(v.LinearForceY), num(v.LinearForceZ)])).toEqual([[0, 0, -1000], [0, 0, -3000]]);
    // the roller support RFFFFF (free in X) stays free in X; Y and Z swap
    const support = conns.find((x) => decode(str(x.Name)) === "N3 😀")!.AppliedCondition as Line;
    expect((support.TranslationalStiffnessX as { value: boolean }).value).toBe(false);
    api.CloseModel(m);
  });

  it("gives every member with a known section shape a solid that web-ifc meshes", () => {
    const model = portal();
    const m = open(exportIfc(model));
    let meshes = 0;
    api.SetLogLevel(WebIFC.LogLevel.LOG_LEVEL_OFF); // web-ifc does not mesh topology vertices (structural nodes) and says so
    api.StreamAllMeshes(m, (mesh) => {
      if (mesh.geometries.size() > 0) meshes++;
    });
    expect(meshes).toBe(model.frames.length);
    api.CloseModel(m);
  });
});

/** web-ifc returns \X2\…\X0\ sequences as written; decode them (ISO 10303-21 §6.4.3.3). */
function decode(s: string): string {
  return s
    .replace(/\\X2\\((?:[0-9A-F]{4})+)\\X0\\/g, (_m, h: string) => String.fromCharCode(...(h.match(/.{4}/g) as string[]).map((x) => parseInt(x, 16))))
    .replace(/\\X4\\((?:[0-9A-F]{8})+)\\X0\\/g, (_m, h: string) => String.fromCodePoint(...(h.match(/.{8}/g) as string[]).map((x) => parseInt(x, 16))))
    .replace(/''/g, "'")
    .replace(/\\\\/g, "\\");
}
