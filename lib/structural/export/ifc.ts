/**
 * IFC4 export (ISO 16739, STEP physical file): the structural analysis model and the physical
 * members, so an analysis program reads the model and any IFC viewer shows the frame.
 *
 *   units          IfcUnitAssignment: m, m², m³, rad, N, Pa, kg, s and derived kg/m³, N/m, N·m,
 *                  m⁴, Pa (modulus of elasticity, shear modulus) — SI, no prefixes, values exact.
 *   axes           IFC is Z-up: a Y-up model is turned (x, y, z) → (x, −z, y), an exact rotation.
 *   analysis       IfcStructuralAnalysisModel (LOADING_3D) grouping
 *     nodes        IfcStructuralPointConnection (vertex topology), support = IfcBoundaryNodeCondition
 *                  (IfcBoolean .T. fixed / .F. free per DOF, global axes)
 *     frames       IfcStructuralCurveMember (edge topology, Axis = Spectral local z, so IFC's local
 *                  y = Axis × x = Spectral local y), RIGID_JOINED_MEMBER (PIN_JOINED_MEMBER when both
 *                  ends release ry and rz); ends: IfcRelConnectsStructuralMember with an
 *                  IfcBoundaryNodeCondition in member axes when the end is released
 *     sections     IfcMaterialProfileSet (material + profile) on the members; IfcProfileProperties
 *                  Pset_ProfileMechanical: CrossSectionArea, MomentOfInertiaY (weak, about local y),
 *                  MomentOfInertiaZ (strong, about local z), TorsionalConstantX
 *     materials    IfcMaterial + IfcMaterialProperties Pset_MaterialMechanical (YoungModulus,
 *                  ShearModulus, PoissonRatio) and Pset_MaterialCommon (MassDensity)
 *     load cases   IfcStructuralLoadCase (LOAD_CASE, action type/source from the case type,
 *                  SelfWeightCoefficients = factor × (0, 0, −1))
 *     loads        IfcStructuralPointAction + IfcStructuralLoadSingleForce (nodal, member point
 *                  loads at their point), IfcStructuralCurveAction + IfcStructuralLoadLinearForce
 *                  (CONST) or IfcStructuralLoadConfiguration (LINEAR, locations along the member);
 *                  projected loads are written per TRUE length (each global component scaled by
 *                  √(1 − e_c²), the solver's rule) so no reader has to guess the projection
 *     combinations IfcStructuralLoadGroup (LOAD_COMBINATION) with IfcRelAssignsToGroupByFactor
 *   physical       IfcBeam / IfcColumn / IfcMember per frame (by role) in one IfcBuildingStorey, with
 *                  an Axis polyline and, when the section shape is known, an IfcExtrudedAreaSolid of
 *                  its parametric profile (web along local y); linked to the analysis member by
 *                  IfcRelAssignsToProduct.
 * Not carried: analysis results, display units, groups/tags, revision history.
 */
import { localAxes, nodeMap, type LocalAxes, type V3 } from "../geometry";
import type { Frame, LoadCase, Material, Section, StructuralModel } from "../schema";
import { projectGlobal } from "./common";
import { bool, CHUNK, globalId, real, reals, ref, refs, StepWriter } from "./step";
import { ifcString } from "./text";

const s = ifcString;
const opt = (v: string | null | undefined) => (v ? s(v) : "$");

export function exportIfc(model: StructuralModel): string {
  return [...ifcChunks(model)].join("");
}

/** What the IFC sections share: the writer, the model, ids, the placement and contexts, the refs written so far. */
interface IfcRun {
  readonly w: StepWriter;
  readonly model: StructuralModel;
  readonly turn: (v: V3) => V3;
  readonly gid: (kind: string, id: string) => string;
  readonly nodes: ReturnType<typeof nodeMap>;
  place: number;
  body: number;
  axisCtx: number;
  refCtx: number;
  project: number;
  storey: number;
  readonly materialRef: Map<string, number>;
  readonly profileRef: Map<string, number>;
  /** "section id|material id" → its IfcMaterialProfileSet and the members/elements that use it */
  readonly profileSets: Map<string, { set: number; members: number[] }>;
  readonly vertexOf: Map<string, number>;
  readonly nodeRef: Map<string, number>;
  readonly memberRef: Map<string, { id: number; axes: LocalAxes; length: number }>;
  /** structural items (point connections, curve members) of the analysis model */
  readonly structural: number[];
}

/**
 * The model as IFC 4 (STEP), in chunks: header, context and spatial structure, materials and
 * sections, nodes, frames, then load cases, loads and combinations (each section a generator below,
 * yielding about every CHUNK bytes).
 */
export function* ifcChunks(model: StructuralModel, now: Date = new Date(0)): Generator<string> {
  const run: IfcRun = {
    w: new StepWriter(),
    model,
    turn: model.meta.verticalAxis === "Y" ? (v: V3): V3 => [v[0], -v[2], v[1]] : (v: V3): V3 => v,
    gid: (kind: string, id: string) => globalId(`${model.meta.id}/${kind}/${id}`),
    nodes: nodeMap(model.nodes),
    place: 0,
    body: 0,
    axisCtx: 0,
    refCtx: 0,
    project: 0,
    storey: 0,
    materialRef: new Map(),
    profileRef: new Map(),
    profileSets: new Map(),
    vertexOf: new Map(),
    nodeRef: new Map(),
    memberRef: new Map(),
    structural: [],
  };
  yield header(model, now);
  writeContext(run);
  for (const m of model.materials) run.materialRef.set(m.id, writeMaterial(run.w, m));
  for (const sec of model.sections) run.profileRef.set(sec.id, writeProfile(run.w, sec));
  yield run.w.take();
  yield* ifcNodes(run);
  yield* ifcFrames(run);
  yield* ifcLoads(run);
  yield "ENDSEC;\nEND-ISO-10303-21;\n";
}

/** Context, units, project and spatial structure (site, building, one storey). */
function writeContext(run: IfcRun): void {
  const { w, model, gid } = run;
  const origin = w.add("IFCCARTESIANPOINT((0.,0.,0.))");
  const zDir = w.add("IFCDIRECTION((0.,0.,1.))");
  const xDir = w.add("IFCDIRECTION((1.,0.,0.))");
  const world = w.add(`IFCAXIS2PLACEMENT3D(${ref(origin)},${ref(zDir)},${ref(xDir)})`);
  const ctx = w.add(`IFCGEOMETRICREPRESENTATIONCONTEXT($,'Model',3,1.E-09,${ref(world)},$)`);
  run.body = w.add(`IFCGEOMETRICREPRESENTATIONSUBCONTEXT('Body','Model',*,*,*,*,${ref(ctx)},$,.MODEL_VIEW.,$)`);
  run.axisCtx = w.add(`IFCGEOMETRICREPRESENTATIONSUBCONTEXT('Axis','Model',*,*,*,*,${ref(ctx)},$,.GRAPH_VIEW.,$)`);
  run.refCtx = w.add(`IFCGEOMETRICREPRESENTATIONSUBCONTEXT('Reference','Model',*,*,*,*,${ref(ctx)},$,.GRAPH_VIEW.,$)`);
  const units = writeUnits(w);
  run.project = w.add(`IFCPROJECT('${gid("project", "")}',$,${s(model.meta.name)},${opt(model.meta.description)},$,$,$,(${ref(ctx)}),${ref(units)})`);
  run.place = w.add(`IFCLOCALPLACEMENT($,${ref(world)})`);
  const site = w.add(`IFCSITE('${gid("site", "")}',$,'Site',$,$,${ref(run.place)},$,$,.ELEMENT.,$,$,$,$,$)`);
  const building = w.add(`IFCBUILDING('${gid("building", "")}',$,'Building',$,$,${ref(run.place)},$,$,.ELEMENT.,$,$,$)`);
  run.storey = w.add(`IFCBUILDINGSTOREY('${gid("storey", "")}',$,'Structure',$,$,${ref(run.place)},$,$,.ELEMENT.,0.)`);
  w.add(`IFCRELAGGREGATES('${gid("agg", "site")}',$,$,$,${ref(run.project)},(${ref(site)}))`);
  w.add(`IFCRELAGGREGATES('${gid("agg", "building")}',$,$,$,${ref(site)},(${ref(building)}))`);
  w.add(`IFCRELAGGREGATES('${gid("agg", "storey")}',$,$,$,${ref(building)},(${ref(run.storey)}))`);
}

/** The IfcMaterialProfileSet of a frame's section and material (written on first use), null without a section. */
function profileSetOf(run: IfcRun, f: Frame): { set: number; members: number[] } | null {
  const { w, model, profileRef, profileSets } = run;
  if (f.sectionId === null || !profileRef.has(f.sectionId)) return null;
  const key = `${f.sectionId}|${f.materialId ?? ""}`;
  let e = profileSets.get(key);
  if (!e) {
    const sec = model.sections.find((x) => x.id === f.sectionId) as Section;
    const mat = f.materialId !== null ? run.materialRef.get(f.materialId) : undefined;
    const mp = w.add(`IFCMATERIALPROFILE(${s(sec.name)},$,${mat ? ref(mat) : "$"},${ref(profileRef.get(f.sectionId) as number)},$,$)`);
    e = { set: w.add(`IFCMATERIALPROFILESET(${s(sec.name)},$,(${ref(mp)}),$)`), members: [] };
    profileSets.set(key, e);
  }
  return e;
}

/** Nodes: a vertex and a structural point connection each (with its support condition). */
function* ifcNodes(run: IfcRun): Generator<string> {
  const { w, model, gid } = run;
  const supportOf = new Map(model.supports.map((x) => [x.nodeId, x.code]));
  for (const n of model.nodes) {
    const p = run.turn([n.x, n.y, n.z]);
    const pt = w.add(`IFCCARTESIANPOINT(${reals(p)})`);
    const v = w.add(`IFCVERTEXPOINT(${ref(pt)})`);
    run.vertexOf.set(n.id, v);
    const rep = w.add(`IFCTOPOLOGYREPRESENTATION(${ref(run.refCtx)},'Reference','Vertex',(${ref(v)}))`);
    const shape = w.add(`IFCPRODUCTDEFINITIONSHAPE($,$,(${ref(rep)}))`);
    const code = supportOf.get(n.id);
    const cond = code ? w.add(condition(`Support ${code}`, turnCode(code, model.meta.verticalAxis), "F")) : null;
    const id = w.add(`IFCSTRUCTURALPOINTCONNECTION('${gid("node", n.id)}',$,${s(n.label)},$,$,${ref(run.place)},${ref(shape)},${cond ? ref(cond) : "$"},$)`);
    run.nodeRef.set(n.id, id);
    run.structural.push(id);
    if (w.pending > CHUNK) yield w.take();
  }
}

/** Frames: an analysis curve member (with its end releases) and a physical element each, then materials and containment. */
function* ifcFrames(run: IfcRun): Generator<string> {
  const { w, model, gid, turn, nodes } = run;
  const physical: number[] = [];
  for (const f of model.frames) {
    const axes = localAxes(f, nodes, model.meta.verticalAxis);
    const a = nodes.get(f.i);
    const b = nodes.get(f.j);
    if (!axes || !a || !b) continue;
    const length = Math.hypot(b.x - a.x, b.y - a.y, b.z - a.z);
    const zAxis = w.add(`IFCDIRECTION(${reals(turn(axes.z))})`);
    const edge = w.add(`IFCEDGE(${ref(run.vertexOf.get(f.i) as number)},${ref(run.vertexOf.get(f.j) as number)})`);
    const rep = w.add(`IFCTOPOLOGYREPRESENTATION(${ref(run.refCtx)},'Reference','Edge',(${ref(edge)}))`);
    const shape = w.add(`IFCPRODUCTDEFINITIONSHAPE($,$,(${ref(rep)}))`);
    const pinned = [f.releaseI, f.releaseJ].every((c) => c[4] === "R" && c[5] === "R");
    const member = w.add(`IFCSTRUCTURALCURVEMEMBER('${gid("frame", f.id)}',$,${s(f.label)},$,$,${ref(run.place)},${ref(shape)},${pinned ? ".PIN_JOINED_MEMBER." : ".RIGID_JOINED_MEMBER."},${ref(zAxis)})`);
    run.memberRef.set(f.id, { id: member, axes, length });
    run.structural.push(member);
    [f.releaseI, f.releaseJ].forEach((code, e) => {
      const cond = code === "FFFFFF" ? null : w.add(condition(`Release ${code}`, code, "F"));
      w.add(`IFCRELCONNECTSSTRUCTURALMEMBER('${gid("end", `${f.id}/${e}`)}',$,${e === 0 ? "'i'" : "'j'"},$,${ref(member)},${ref(run.nodeRef.get(e === 0 ? f.i : f.j) as number)},${cond ? ref(cond) : "$"},$,$,$)`);
    });
    const ps = profileSetOf(run, f);
    const element = writePhysical(w, f, turn, a, axes, length, ps ? (model.sections.find((x) => x.id === f.sectionId) as Section) : null, run.profileRef, { place: run.place, body: run.body, axisCtx: run.axisCtx, gid });
    physical.push(element);
    if (ps) ps.members.push(member, element);
    w.add(`IFCRELASSIGNSTOPRODUCT('${gid("assign", f.id)}',$,$,$,(${ref(member)}),$,${ref(element)})`);
    if (w.pending > CHUNK) yield w.take();
  }
  for (const [key, e] of run.profileSets) if (e.members.length) w.add(`IFCRELASSOCIATESMATERIAL('${gid("mat", key)}',$,$,$,${refs(e.members)},${ref(e.set)})`);
  if (physical.length) w.add(`IFCRELCONTAINEDINSPATIALSTRUCTURE('${gid("contains", "")}',$,$,$,${refs(physical)},${ref(run.storey)})`);
  yield w.take();
}

/** Load cases, loads (grouped per case), combinations (grouped by factor) and the analysis model. */
function* ifcLoads(run: IfcRun): Generator<string> {
  const { w, model, gid, nodes } = run;
  const caseRef = new Map<string, number>();
  for (const c of model.loadCases) {
    const [action, source] = ACTION[c.type];
    const sw = c.selfWeightFactor ? `(0.,0.,${real(-c.selfWeightFactor)})` : "$";
    caseRef.set(c.id, w.add(`IFCSTRUCTURALLOADCASE('${gid("case", c.id)}',$,${s(c.name)},$,$,.LOAD_CASE.,${action},${source},1.,$,${sw})`));
  }
  const actionsOf = new Map<string, number[]>(model.loadCases.map((c) => [c.id, []]));
  for (const l of model.loads) {
    const list = actionsOf.get(l.caseId);
    if (!list) continue;
    const id = writeLoad(w, model, l, { turn: run.turn, place: run.place, refCtx: run.refCtx, gid, nodeRef: run.nodeRef, memberRef: run.memberRef, nodes });
    if (id !== null) list.push(id);
    if (w.pending > CHUNK) yield w.take();
  }
  for (const [caseId, ids] of actionsOf) if (ids.length) w.add(`IFCRELASSIGNSTOGROUP('${gid("caseloads", caseId)}',$,$,$,${refs(ids)},$,${ref(caseRef.get(caseId) as number)})`);
  const groups = [...caseRef.values()];
  for (const cb of model.combinations) {
    const g = w.add(`IFCSTRUCTURALLOADGROUP('${gid("combo", cb.id)}',$,${s(cb.name)},$,${s(cb.kind)},.LOAD_COMBINATION.,.NOTDEFINED.,.NOTDEFINED.,1.,$)`);
    groups.push(g);
    const byFactor = new Map<number, number[]>();
    for (const f of cb.factors) {
      const c = caseRef.get(f.caseId);
      if (c === undefined) continue;
      const l = byFactor.get(f.factor) ?? [];
      l.push(c);
      byFactor.set(f.factor, l);
    }
    for (const [factor, ids] of byFactor) w.add(`IFCRELASSIGNSTOGROUPBYFACTOR('${gid("factor", `${cb.id}/${factor}`)}',$,$,$,${refs(ids)},$,${ref(g)},${real(factor)})`);
  }
  const analysis = w.add(`IFCSTRUCTURALANALYSISMODEL('${gid("analysis", "")}',$,${s(`${model.meta.name} (analysis)`)},$,$,.LOADING_3D.,$,${groups.length ? refs(groups) : "$"},$,${ref(run.place)})`);
  if (run.structural.length) w.add(`IFCRELASSIGNSTOGROUP('${gid("model", "")}',$,$,$,${refs(run.structural)},$,${ref(analysis)})`);
  w.add(`IFCRELDECLARES('${gid("declares", "")}',$,$,$,${ref(run.project)},(${ref(analysis)}))`);
  yield w.take();
}

function header(model: StructuralModel, now: Date): string {
  const base = model.meta.name.replace(/[^A-Za-z0-9._-]+/g, "_") || "model";
  return [
    "ISO-10303-21;",
    "HEADER;",
    "FILE_DESCRIPTION(('ViewDefinition [StructuralAnalysisView, ReferenceView]'),'2;1');",
    `FILE_NAME(${s(`${base}.ifc`)},'${now.toISOString().slice(0, 19)}',(''),('Spectral'),'Spectral IFC export','Spectral',${s(`model ${model.meta.id} revision ${model.meta.revision}`)});`,
    "FILE_SCHEMA(('IFC4'));",
    "ENDSEC;",
    "DATA;",
    "",
  ].join("\n");
}

function writeUnits(w: StepWriter): number {
  const si = (type: string, name: string, prefix = "$") => w.add(`IFCSIUNIT(*,.${type}.,${prefix},.${name}.)`);
  const metre = si("LENGTHUNIT", "METRE");
  const units = [
    metre,
    si("AREAUNIT", "SQUARE_METRE"),
    si("VOLUMEUNIT", "CUBIC_METRE"),
    si("PLANEANGLEUNIT", "RADIAN"),
    si("TIMEUNIT", "SECOND"),
  ];
  const newton = si("FORCEUNIT", "NEWTON");
  const pascal = si("PRESSUREUNIT", "PASCAL");
  const kg = si("MASSUNIT", "GRAM", ".KILO.");
  units.push(newton, pascal, kg);
  const derived = (type: string, parts: [number, number][]) =>
    w.add(`IFCDERIVEDUNIT((${parts.map(([u, e]) => ref(w.add(`IFCDERIVEDUNITELEMENT(${ref(u)},${e})`))).join(",")}),.${type}.,$)`);
  units.push(
    derived("MASSDENSITYUNIT", [[kg, 1], [metre, -3]]),
    derived("LINEARFORCEUNIT", [[newton, 1], [metre, -1]]),
    derived("TORQUEUNIT", [[newton, 1], [metre, 1]]),
    derived("LINEARMOMENTUNIT", [[newton, 1], [metre, 1], [metre, -1]]),
    derived("MOMENTOFINERTIAUNIT", [[metre, 4]]),
    derived("MODULUSOFELASTICITYUNIT", [[newton, 1], [metre, -2]]),
    derived("SHEARMODULUSUNIT", [[newton, 1], [metre, -2]]),
  );
  return w.add(`IFCUNITASSIGNMENT(${refs(units)})`);
}

function writeMaterial(w: StepWriter, m: Material): number {
  const mat = w.add(`IFCMATERIAL(${s(m.name)},$,${s(m.kind)})`);
  const p = (name: string, type: string, v: number) => w.add(`IFCPROPERTYSINGLEVALUE('${name}',$,${type}(${real(v)}),$)`);
  w.add(`IFCMATERIALPROPERTIES('Pset_MaterialMechanical',$,(${[p("YoungModulus", "IFCMODULUSOFELASTICITYMEASURE", m.E), p("ShearModulus", "IFCMODULUSOFELASTICITYMEASURE", m.G), p("PoissonRatio", "IFCPOSITIVERATIOMEASURE", m.nu)].map(ref).join(",")}),${ref(mat)})`);
  w.add(`IFCMATERIALPROPERTIES('Pset_MaterialCommon',$,(${ref(p("MassDensity", "IFCMASSDENSITYMEASURE", m.density))}),${ref(mat)})`);
  return mat;
}

/** Profile x = width (along −local z), profile y = depth (along local y, the web). */
function writeProfile(w: StepWriter, sec: Section): number {
  const sh = sec.shape;
  const name = s(sec.name);
  let id: number;
  if (!sh) id = w.add(`IFCPROFILEDEF(.AREA.,${name})`);
  else if (sh.type === "I") id = w.add(`IFCISHAPEPROFILEDEF(.AREA.,${name},$,${real(sh.b)},${real(sh.h)},${real(sh.tw)},${real(sh.tf)},$,$,$)`);
  else if (sh.type === "rect") id = w.add(`IFCRECTANGLEPROFILEDEF(.AREA.,${name},$,${real(sh.b)},${real(sh.h)})`);
  else if (sh.type === "rhs") id = w.add(`IFCRECTANGLEHOLLOWPROFILEDEF(.AREA.,${name},$,${real(sh.b)},${real(sh.h)},${real(sh.t)},$,$)`);
  else if (sh.type === "circle") id = w.add(`IFCCIRCLEPROFILEDEF(.AREA.,${name},$,${real(sh.d / 2)})`);
  else if (sh.type === "chs") id = w.add(`IFCCIRCLEHOLLOWPROFILEDEF(.AREA.,${name},$,${real(sh.d / 2)},${real(sh.t)})`);
  else if (sh.type === "channel") id = w.add(`IFCUSHAPEPROFILEDEF(.AREA.,${name},$,${real(sh.h)},${real(sh.b)},${real(sh.tw)},${real(sh.tf)},$,$,$)`);
  else id = w.add(`IFCLSHAPEPROFILEDEF(.AREA.,${name},$,${real(sh.h)},${real(sh.b)},${real(sh.t)},$,$,$)`);
  const p = (n: string, type: string, v: number) => w.add(`IFCPROPERTYSINGLEVALUE('${n}',$,${type}(${real(v)}),$)`);
  const props = [p("CrossSectionArea", "IFCAREAMEASURE", sec.A), p("MomentOfInertiaY", "IFCMOMENTOFINERTIAMEASURE", sec.Iy), p("MomentOfInertiaZ", "IFCMOMENTOFINERTIAMEASURE", sec.Iz), p("TorsionalConstantX", "IFCMOMENTOFINERTIAMEASURE", sec.J)];
  w.add(`IFCPROFILEPROPERTIES('Pset_ProfileMechanical',$,${refs(props)},${ref(id)})`);
  return id;
}

/** IfcBoundaryNodeCondition: 'F' in `code` (ux uy uz rx ry rz) → rigid (.T.), else free (.F.). */
function condition(name: string, code: string, rigid: "F"): string {
  return `IFCBOUNDARYNODECONDITION(${s(name)},${[...code].map((c) => `IFCBOOLEAN(${bool(c === rigid)})`).join(",")})`;
}

/** Support codes are global: for a Y-up model IFC X, Y, Z are Spectral X, −Z, Y. */
function turnCode(code: string, axis: "Y" | "Z"): string {
  if (axis === "Z") return code;
  const c = [...code];
  return [c[0], c[2], c[1], c[3], c[5], c[4]].join("");
}

interface PhysicalCtx {
  place: number;
  body: number;
  axisCtx: number;
  gid: (kind: string, id: string) => string;
}

function writePhysical(w: StepWriter, f: Frame, turn: (v: V3) => V3, a: { x: number; y: number; z: number }, axes: LocalAxes, length: number, sec: Section | null, profileRef: Map<string, number>, c: PhysicalCtx): number {
  const start = w.add(`IFCCARTESIANPOINT(${reals(turn([a.x, a.y, a.z]))})`);
  const along = w.add(`IFCDIRECTION(${reals(turn(axes.x))})`);
  const across = w.add(`IFCDIRECTION(${reals(turn([-axes.z[0], -axes.z[1], -axes.z[2]]))})`);
  // placement: z along the member, x = −local z, so y = z × x = local y (the profile's depth)
  const lp = w.add(`IFCLOCALPLACEMENT(${ref(c.place)},${ref(w.add(`IFCAXIS2PLACEMENT3D(${ref(start)},${ref(along)},${ref(across)})`))})`);
  const p0 = w.add("IFCCARTESIANPOINT((0.,0.,0.))");
  const p1 = w.add(`IFCCARTESIANPOINT((0.,0.,${real(length)}))`);
  const reps = [w.add(`IFCSHAPEREPRESENTATION(${ref(c.axisCtx)},'Axis','Curve3D',(${ref(w.add(`IFCPOLYLINE((${ref(p0)},${ref(p1)}))`))}))`)];
  if (sec?.shape) {
    const solid = w.add(`IFCEXTRUDEDAREASOLID(${ref(profileRef.get(sec.id) as number)},$,${ref(w.add("IFCDIRECTION((0.,0.,1.))"))},${real(length)})`);
    reps.push(w.add(`IFCSHAPEREPRESENTATION(${ref(c.body)},'Body','SweptSolid',(${ref(solid)}))`));
  }
  const shape = w.add(`IFCPRODUCTDEFINITIONSHAPE($,$,${refs(reps)})`);
  const [entity, type] = f.role === "column" ? ["IFCCOLUMN", ".COLUMN."] : f.role === "beam" ? ["IFCBEAM", ".BEAM."] : f.role === "brace" ? ["IFCMEMBER", ".BRACE."] : ["IFCMEMBER", ".MEMBER."];
  return w.add(`${entity}('${c.gid("element", f.id)}',$,${s(f.label)},$,${s(f.role)},${ref(lp)},${ref(shape)},${s(f.label)},${type})`);
}

const ACTION: Record<LoadCase["type"], [string, string]> = {
  dead: [".PERMANENT_G.", ".DEAD_LOAD_G."],
  live: [".VARIABLE_Q.", ".LIVE_LOAD_Q."],
  wind: [".VARIABLE_Q.", ".WIND_W."],
  snow: [".VARIABLE_Q.", ".SNOW_S."],
  seismic: [".EXTRAORDINARY_A.", ".EARTHQUAKE_E."],
  temperature: [".VARIABLE_Q.", ".TEMPERATURE_T."],
  other: [".NOTDEFINED.", ".NOTDEFINED."],
};

interface LoadCtx {
  turn: (v: V3) => V3;
  place: number;
  refCtx: number;
  gid: (kind: string, id: string) => string;
  nodeRef: Map<string, number>;
  memberRef: Map<string, { id: number; axes: LocalAxes; length: number }>;
  nodes: Map<string, { x: number; y: number; z: number }>;
}

function writeLoad(w: StepWriter, model: StructuralModel, l: StructuralModel["loads"][number], c: LoadCtx): number | null {
  const name = s(l.id);
  const vertexAt = (p: V3) => {
    const v = w.add(`IFCVERTEXPOINT(${ref(w.add(`IFCCARTESIANPOINT(${reals(c.turn(p))})`))})`);
    return w.add(`IFCPRODUCTDEFINITIONSHAPE($,$,(${ref(w.add(`IFCTOPOLOGYREPRESENTATION(${ref(c.refCtx)},'Reference','Vertex',(${ref(v)}))`))}))`);
  };
  const force = (f: V3, m: V3) => w.add(`IFCSTRUCTURALLOADSINGLEFORCE(${name},${[...f, ...m].map(real).join(",")})`);
  if (l.kind === "nodal") {
    const node = c.nodeRef.get(l.nodeId);
    const n = c.nodes.get(l.nodeId);
    if (node === undefined || !n) return null;
    const act = w.add(`IFCSTRUCTURALPOINTACTION('${c.gid("load", l.id)}',$,${name},$,$,${ref(c.place)},${ref(vertexAt([n.x, n.y, n.z]))},${ref(force(c.turn([l.fx, l.fy, l.fz]), c.turn([l.mx, l.my, l.mz])))},.GLOBAL_COORDS.,$)`);
    w.add(`IFCRELCONNECTSSTRUCTURALACTIVITY('${c.gid("loadon", l.id)}',$,$,$,${ref(node)},${ref(act)})`);
    return act;
  }
  const member = c.memberRef.get(l.frameId);
  const frame = model.frames.find((f) => f.id === l.frameId);
  const a = frame ? c.nodes.get(frame.i) : undefined;
  if (!member || !a) return null;
  const at = (t: number): V3 => [a.x + member.axes.x[0] * member.length * t, a.y + member.axes.x[1] * member.length * t, a.z + member.axes.x[2] * member.length * t];
  let act: number;
  if (l.kind === "frame_point") {
    const local = l.axes === "local";
    const f: V3 = [l.fx, l.fy, l.fz];
    const m: V3 = [l.mx, l.my, l.mz];
    act = w.add(`IFCSTRUCTURALPOINTACTION('${c.gid("load", l.id)}',$,${name},$,$,${ref(c.place)},${ref(vertexAt(at(l.position)))},${ref(local ? force(f, m) : force(c.turn(f), c.turn(m)))},${local ? ".LOCAL_COORDS." : ".GLOBAL_COORDS."},$)`);
  } else {
    const local = l.axes === "local";
    let w1: V3 = [l.w1.x, l.w1.y, l.w1.z];
    let w2: V3 = [l.w2.x, l.w2.y, l.w2.z];
    if (!local && l.projected) {
      w1 = projectGlobal(member.axes, w1);
      w2 = projectGlobal(member.axes, w2);
    }
    if (!local) {
      w1 = c.turn(w1);
      w2 = c.turn(w2);
    }
    const lin = (v: V3) => w.add(`IFCSTRUCTURALLOADLINEARFORCE(${name},${v.map(real).join(",")},0.,0.,0.)`);
    const uniform = w1[0] === w2[0] && w1[1] === w2[1] && w1[2] === w2[2] && l.start === 0 && l.end === 1;
    const load = uniform ? lin(w1) : w.add(`IFCSTRUCTURALLOADCONFIGURATION(${name},(${ref(lin(w1))},${ref(lin(w2))}),((${real(l.start * member.length)}),(${real(l.end * member.length)})))`);
    const v0 = w.add(`IFCVERTEXPOINT(${ref(w.add(`IFCCARTESIANPOINT(${reals(c.turn(at(l.start)))})`))})`);
    const v1 = w.add(`IFCVERTEXPOINT(${ref(w.add(`IFCCARTESIANPOINT(${reals(c.turn(at(l.end)))})`))})`);
    const rep = w.add(`IFCPRODUCTDEFINITIONSHAPE($,$,(${ref(w.add(`IFCTOPOLOGYREPRESENTATION(${ref(c.refCtx)},'Reference','Edge',(${ref(w.add(`IFCEDGE(${ref(v0)},${ref(v1)})`))}))`))}))`);
    act = w.add(`IFCSTRUCTURALCURVEACTION('${c.gid("load", l.id)}',$,${name},$,$,${ref(c.place)},${ref(rep)},${ref(load)},${local ? ".LOCAL_COORDS." : ".GLOBAL_COORDS."},$,.TRUE_LENGTH.,${uniform ? ".CONST." : ".LINEAR."})`);
  }
  w.add(`IFCRELCONNECTSSTRUCTURALACTIVITY('${c.gid("loadon", l.id)}',$,$,$,${ref(member.id)},${ref(act)})`);
  return act;
}
