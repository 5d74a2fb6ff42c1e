import { describe, expect, it } from "vitest";
import {
  MODEL_CHECKS,
  checkCoincidentNodes,
  checkCombinations,
  checkConnectivity,
  checkDofCodes,
  checkDuplicateFrames,
  checkDuplicateIds,
  checkDuplicateLabels,
  checkDuplicateNodeLabels,
  checkEmptyModel,
  checkFiniteValues,
  checkFrameReferences,
  checkLoads,
  checkMaterialProperties,
  checkMissingProperties,
  checkOrientation,
  checkReleases,
  checkSectionProperties,
  checkSelfWeightDensity,
  checkSupports,
  checkUnconnectedNodes,
  checkUnitsSuspect,
  checkZeroLengthFrames,
  checkLineLoadUnits,
  checkModulusUnits,
  checkNodalForceUnits,
  checkSectionAreaUnits,
  checkSpanUnits,
  hasErrors,
  validateModel,
  type CheckOptions,
  type Issue,
  type IssueCode,
  type Severity,
  type StructuralModel,
} from "@/lib/structural";
import { blank, portal } from "./fixtures";

type Check = (m: StructuralModel, o: CheckOptions) => Issue[];
const clone = (m: StructuralModel): StructuralModel => structuredClone(m);
const nodeByLabel = (m: StructuralModel, l: string) => m.nodes.find((n) => n.label === l)!;
const frameByLabel = (m: StructuralModel, l: string) => m.frames.find((f) => f.label === l)!;

describe("the clean portal passes every check", () => {
  it("has no issues at all", () => {
    expect(validateModel(portal())).toEqual([]);
  });
  for (const c of MODEL_CHECKS) {
    it(`${c.name}: no issues`, () => expect(c.run(portal(), {})).toEqual([]));
  }
});

interface Case {
  name: string;
  check: Check;
  mutate: (m: StructuralModel) => void;
  code: IssueCode;
  severity: Severity;
  opts?: CheckOptions;
  /** labels/ids the issue must name */
  names?: string[];
}

const cases: Case[] = [
  { name: "empty model", check: checkEmptyModel, mutate: (m) => { m.frames = []; }, code: "EMPTY_MODEL", severity: "info" },
  { name: "two nodes with one id", check: checkDuplicateIds, mutate: (m) => { m.nodes.push({ ...m.nodes[0]!, label: "N99" }); }, code: "DUPLICATE_ID", severity: "error" },
  { name: "NaN coordinate", check: checkFiniteValues, mutate: (m) => { m.nodes[1]!.x = Number.NaN; }, code: "NON_FINITE_COORDINATE", severity: "error", names: ["N2"] },
  { name: "infinite section area", check: checkFiniteValues, mutate: (m) => { m.sections[0]!.A = Number.POSITIVE_INFINITY; }, code: "NON_FINITE_VALUE", severity: "error" },
  { name: "NaN load value", check: checkFiniteValues, mutate: (m) => { (m.loads[1] as { fx: number }).fx = Number.NaN; }, code: "NON_FINITE_VALUE", severity: "error" },
  { name: "3-letter support code", check: checkDofCodes, mutate: (m) => { m.supports[0]!.code = "FFF"; }, code: "INVALID_DOF_CODE", severity: "error", names: ["N1"] },
  { name: "release with X", check: checkDofCodes, mutate: (m) => { m.frames[1]!.releaseJ = "FFFFFX"; }, code: "INVALID_DOF_CODE", severity: "error", names: ["F2"] },
  { name: "duplicate node label", check: checkDuplicateNodeLabels, mutate: (m) => { m.nodes[2]!.label = "N2"; }, code: "DUPLICATE_NODE", severity: "error", names: ["N2"] },
  { name: "duplicate frame label", check: checkDuplicateLabels, mutate: (m) => { m.frames[2]!.label = "F1"; }, code: "DUPLICATE_LABEL", severity: "error", names: ["F1"] },
  { name: "section names differing only in case", check: checkDuplicateLabels, mutate: (m) => { m.sections.push({ ...m.sections[0]!, id: "sx", name: m.sections[0]!.name.toLowerCase() }); }, code: "DUPLICATE_NAME", severity: "error" },
  { name: "frame to a missing node", check: checkFrameReferences, mutate: (m) => { m.frames[0]!.j = "ghost"; }, code: "UNKNOWN_NODE", severity: "error", names: ["F1"] },
  { name: "frame with a missing section", check: checkFrameReferences, mutate: (m) => { m.frames[0]!.sectionId = "ghost"; }, code: "UNKNOWN_SECTION", severity: "error" },
  { name: "frame with a missing material", check: checkFrameReferences, mutate: (m) => { m.frames[0]!.materialId = "ghost"; }, code: "UNKNOWN_MATERIAL", severity: "error" },
  { name: "frame without section", check: checkMissingProperties, mutate: (m) => { m.frames[1]!.sectionId = null; }, code: "MISSING_SECTION", severity: "error", names: ["F2"] },
  { name: "frame without material", check: checkMissingProperties, mutate: (m) => { m.frames[1]!.materialId = null; }, code: "MISSING_MATERIAL", severity: "error", names: ["F2"] },
  { name: "section with A = 0", check: checkSectionProperties, mutate: (m) => { m.sections[0]!.A = 0; }, code: "INVALID_PROPERTY", severity: "error" },
  { name: "I section with Iy > Iz (EN axis names)", check: checkSectionProperties, mutate: (m) => { const s = m.sections.find((x) => x.name === "IPE300")!; [s.Iy, s.Iz] = [s.Iz, s.Iy]; }, code: "SECTION_AXES_SUSPECT", severity: "warning", names: ["IPE300"] },
  { name: "material with negative E", check: checkMaterialProperties, mutate: (m) => { m.materials[0]!.E = -1; }, code: "INVALID_PROPERTY", severity: "error", names: ["S355"] },
  { name: "material with nu 0.7", check: checkMaterialProperties, mutate: (m) => { m.materials[0]!.nu = 0.7; }, code: "INVALID_PROPERTY", severity: "error" },
  { name: "frame from a node to itself", check: checkZeroLengthFrames, mutate: (m) => { m.frames[1]!.j = m.frames[1]!.i; }, code: "ZERO_LENGTH_FRAME", severity: "error", names: ["F2"] },
  { name: "frame 0.5 mm long", check: checkZeroLengthFrames, mutate: (m) => { const b = nodeByLabel(m, "N2"); Object.assign(nodeByLabel(m, "N3"), { x: b.x + 0.0005, y: b.y, z: b.z }); }, code: "ZERO_LENGTH_FRAME", severity: "error", names: ["F2"] },
  { name: "second frame on the same nodes, reversed", check: checkDuplicateFrames, mutate: (m) => { const f = m.frames[1]!; m.frames.push({ ...f, id: "fx", label: "F9", i: f.j, j: f.i }); }, code: "DUPLICATE_FRAME", severity: "error", names: ["F2", "F9"] },
  { name: "orientation parallel to the member", check: checkOrientation, mutate: (m) => { frameByLabel(m, "F2").orientation = { x: 2, y: 0, z: 0 }; }, code: "INVALID_ORIENTATION", severity: "error" },
  { name: "zero orientation vector", check: checkOrientation, mutate: (m) => { frameByLabel(m, "F2").orientation = { x: 0, y: 0, z: 0 }; }, code: "INVALID_ORIENTATION", severity: "error" },
  { name: "torsion released at both ends", check: checkReleases, mutate: (m) => { Object.assign(m.frames[1]!, { releaseI: "FFFRRR", releaseJ: "FFFRRR" }); }, code: "UNSTABLE_RELEASES", severity: "warning" },
  { name: "axial release at both ends", check: checkReleases, mutate: (m) => { Object.assign(m.frames[1]!, { releaseI: "RFFFFF", releaseJ: "RFFFFF" }); }, code: "UNSTABLE_RELEASES", severity: "warning" },
  { name: "node 0.5 mm from another", check: checkCoincidentNodes, mutate: (m) => { m.nodes.push({ id: "nx", label: "N9", x: 0.0005, y: 0, z: 0 }); }, code: "COINCIDENT_NODES", severity: "warning", names: ["N1", "N9"] },
  { name: "node 4 mm away with a 5 mm tolerance", check: checkCoincidentNodes, mutate: (m) => { m.nodes.push({ id: "nx", label: "N9", x: 0.004, y: 0, z: 0 }); }, code: "COINCIDENT_NODES", severity: "warning", opts: { coincidentTolerance: 0.005 } },
  { name: "lone node", check: checkUnconnectedNodes, mutate: (m) => { m.nodes.push({ id: "nx", label: "N9", x: 3, y: 3, z: 3 }); }, code: "UNCONNECTED_NODE", severity: "warning", names: ["N9"] },
  { name: "support on a missing node", check: checkSupports, mutate: (m) => { m.supports[0]!.nodeId = "ghost"; }, code: "UNKNOWN_NODE", severity: "error" },
  { name: "two supports on one node", check: checkSupports, mutate: (m) => { m.supports.push({ id: "sx", nodeId: m.supports[0]!.nodeId, code: "FFFRRR" }); }, code: "DUPLICATE_SUPPORT", severity: "error", names: ["N1"] },
  { name: "no supports", check: checkConnectivity, mutate: (m) => { m.supports = []; }, code: "NO_SUPPORTS", severity: "error" },
  {
    name: "a separate beam",
    check: checkConnectivity,
    mutate: (m) => {
      m.nodes.push({ id: "p", label: "P1", x: 20, y: 0, z: 0 }, { id: "q", label: "P2", x: 25, y: 0, z: 0 });
      m.frames.push({ ...m.frames[1]!, id: "fx", label: "B9", i: "p", j: "q" });
    },
    code: "DISCONNECTED_PARTS",
    severity: "warning",
  },
  {
    name: "a separate unsupported beam",
    check: checkConnectivity,
    mutate: (m) => {
      m.nodes.push({ id: "p", label: "P1", x: 20, y: 0, z: 0 }, { id: "q", label: "P2", x: 25, y: 0, z: 0 });
      m.frames.push({ ...m.frames[1]!, id: "fx", label: "B9", i: "p", j: "q" });
    },
    code: "UNSUPPORTED_PART",
    severity: "error",
    names: ["B9"],
  },
  { name: "only vertical rollers (free to slide in X and Y)", check: checkConnectivity, mutate: (m) => { for (const s of m.supports) s.code = "RRFRRR"; }, code: "INSUFFICIENT_RESTRAINT", severity: "warning" },
  { name: "a single pinned support", check: checkConnectivity, mutate: (m) => { m.supports = [{ ...m.supports[0]!, code: "FFFRRR" }]; }, code: "INSUFFICIENT_RESTRAINT", severity: "warning" },
  { name: "load in a missing case", check: checkLoads, mutate: (m) => { m.loads[0]!.caseId = "ghost"; }, code: "UNKNOWN_LOAD_CASE", severity: "error" },
  { name: "nodal load on a missing node", check: checkLoads, mutate: (m) => { (m.loads.find((l) => l.kind === "nodal") as { nodeId: string }).nodeId = "ghost"; }, code: "UNKNOWN_NODE", severity: "error" },
  { name: "frame load on a missing frame", check: checkLoads, mutate: (m) => { (m.loads[0] as { frameId: string }).frameId = "ghost"; }, code: "UNKNOWN_FRAME", severity: "error" },
  { name: "point load at 1.5", check: checkLoads, mutate: (m) => { (m.loads.find((l) => l.kind === "frame_point") as { position: number }).position = 1.5; }, code: "INVALID_LOAD_POSITION", severity: "error" },
  { name: "distributed load with start = end", check: checkLoads, mutate: (m) => { Object.assign(m.loads[0]!, { start: 0.5, end: 0.5 }); }, code: "INVALID_LOAD_POSITION", severity: "error" },
  { name: "combination with a missing case", check: checkCombinations, mutate: (m) => { m.combinations[0]!.factors.push({ caseId: "ghost", factor: 1 }); }, code: "UNKNOWN_LOAD_CASE", severity: "error", names: ["ULS1"] },
  { name: "combination without factors", check: checkCombinations, mutate: (m) => { m.combinations[0]!.factors = []; }, code: "EMPTY_COMBINATION", severity: "warning" },
  { name: "self-weight with a weightless material", check: checkSelfWeightDensity, mutate: (m) => { m.materials[0]!.density = 0; }, code: "SELFWEIGHT_NO_DENSITY", severity: "warning", names: ["S355", "Dead"] },
  // Coordinates in mm: frames over 1 km are UNITS_SPAN now (below); UNITS_SUSPECT keeps the 10 km model extent.
  { name: "model extent in mm entered as m", check: checkUnitsSuspect, mutate: (m) => { for (const n of m.nodes) { n.x *= 1e4; n.y *= 1e4; n.z *= 1e4; } }, code: "UNITS_SUSPECT", severity: "warning" },
  // E and section area moved from UNITS_SUSPECT to their own codes (checks-units.ts, issue #12).
  { name: "E entered in MPa", check: checkModulusUnits, mutate: (m) => { m.materials[0]!.E = 210000; }, code: "UNITS_MODULUS", severity: "warning", names: ["S355", "MPa"] },
  { name: "E entered in GPa", check: checkModulusUnits, mutate: (m) => { m.materials[0]!.E = 210; }, code: "UNITS_MODULUS", severity: "warning", names: ["S355", "GPa"] },
  { name: "E above 1e12 Pa", check: checkModulusUnits, mutate: (m) => { m.materials[0]!.E = 2.1e14; }, code: "UNITS_MODULUS", severity: "warning", names: ["S355"] },
  { name: "section area in cm² entered as m²", check: checkSectionAreaUnits, mutate: (m) => { m.sections[0]!.A = 53.8; }, code: "UNITS_SECTION_AREA", severity: "warning", names: ["cm²"] },
  { name: "section area in mm² entered as m²", check: checkSectionAreaUnits, mutate: (m) => { m.sections[0]!.A = 5380; }, code: "UNITS_SECTION_AREA", severity: "warning", names: ["cm²"] },
  { name: "line load in kN/m sent as N/m", check: checkLineLoadUnits, mutate: (m) => { Object.assign(m.loads[0]!, { w1: { x: 0, y: 0, z: -0.6 }, w2: { x: 0, y: 0, z: -0.6 } }); }, code: "UNITS_LINE_LOAD", severity: "warning", names: ["kN/m", '"force": "kN"'] },
  { name: "nodal force in kN sent as N", check: checkNodalForceUnits, mutate: (m) => { Object.assign(m.loads[1]!, { fx: 0.5 }); }, code: "UNITS_NODAL_FORCE", severity: "warning", names: ["kN"] },
  { name: "nodal force over 1e9 N", check: checkNodalForceUnits, mutate: (m) => { Object.assign(m.loads[1]!, { fx: 5e9 }); }, code: "UNITS_NODAL_FORCE", severity: "warning", names: ["N"] },
  { name: "span in mm sent as m", check: checkSpanUnits, mutate: (m) => { for (const n of m.nodes) { n.x *= 1000; n.y *= 1000; n.z *= 1000; } }, code: "UNITS_SPAN", severity: "warning", names: ["mm", '"length": "mm"'] },
  { name: "density as unit weight in kN/m³", check: checkUnitsSuspect, mutate: (m) => { m.materials[0]!.density = 78.5; }, code: "UNITS_SUSPECT", severity: "warning" },
];

describe("each check: a minimal failing model", () => {
  for (const c of cases) {
    it(`${c.check.name}: ${c.name} → ${c.code}`, () => {
      const m = clone(portal());
      c.mutate(m);
      const issues = c.check(m, c.opts ?? {});
      const hit = issues.find((i) => i.code === c.code);
      expect(hit, JSON.stringify(issues)).toBeDefined();
      expect(hit!.severity).toBe(c.severity);
      expect(hit!.message.length).toBeGreaterThan(30);
      for (const n of c.names ?? []) {
        const named = hit!.message.includes(n) || (hit!.elements ?? []).some((e) => e.label === n || e.id === n);
        expect(named, `issue should name ${n}: ${hit!.message}`).toBe(true);
      }
      // and validateModel reports it too
      expect(validateModel(m, c.opts).some((i) => i.code === c.code)).toBe(true);
    });
  }
});

describe("validateModel", () => {
  it("collects issues from every check (all at once)", () => {
    const m = clone(portal());
    m.nodes[1]!.label = "N1";
    m.frames[1]!.sectionId = null;
    m.supports = [];
    const codes = validateModel(m).map((i) => i.code);
    expect(codes).toEqual(expect.arrayContaining(["DUPLICATE_NODE", "MISSING_SECTION", "NO_SUPPORTS"]));
    expect(hasErrors(validateModel(m))).toBe(true);
  });
  it("runs only the named checks", () => {
    const m = clone(portal());
    m.supports = [];
    expect(validateModel(m, { only: ["duplicateIds"] })).toEqual([]);
    expect(validateModel(m, { skip: ["connectivity"] })).toEqual([]);
  });
  it("reports an empty model as info only", () => {
    const issues = validateModel(blank());
    expect(issues.map((i) => i.code)).toEqual(["EMPTY_MODEL"]);
    expect(hasErrors(issues)).toBe(false);
  });
  it("does not flag nodes 2 mm apart with the default 1 mm tolerance", () => {
    const m = clone(portal());
    m.nodes.push({ id: "nx", label: "N9", x: 0.002, y: 0, z: 0 });
    expect(checkCoincidentNodes(m, {})).toEqual([]);
  });
  it("does not flag a pinned truss member (FFFFRR both ends)", () => {
    const m = clone(portal());
    Object.assign(m.frames[1]!, { releaseI: "FFFFRR", releaseJ: "FFFFRR" });
    expect(checkReleases(m, {})).toEqual([]);
  });
});
