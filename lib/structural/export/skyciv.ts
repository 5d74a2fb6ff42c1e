/**
 * SkyCiv Structural 3D `s3d_model` export (Steviebaa/api-v3-docs: docs/docs-s3d-model.md).
 *
 * Objects keyed by positive integer ids ("1", "2", …) in model order:
 *   nodes             { x, y, z }                                  m
 *   members           { type, node_A, node_B, section_id, rotation_angle, fixity_A, fixity_B, offsets }
 *   sections          { name, area, Iy, Iz, J, material_id }       mm², mm⁴ (SkyCiv's section_length)
 *   materials         { name, density, elasticity_modulus, poissons_ratio }   kg/m³, MPa
 *   supports          { node, restraint_code, tx…rz }
 *   point_loads       nodal (type "n") and member (type "m", position 0–100 %) forces, kN, global
 *   moments           nodal / member moments, kN·m, global
 *   distributed_loads { member, x/y/z_mag_A/B, position_A/B (%), axes, load_group }   kN/m
 *   self_weight       { enabled, x, y, z } (g multipliers, −1 along the vertical axis)
 *   load_combinations [{ SW: f, "<case name>": f, … }]
 * Units (settings.units): metric with m, mm, MPa, kg/m³, kN, kN·m — SkyCiv does not allow a pure
 * N/Pa system because section properties are always in mm or in.
 *
 * A SkyCiv section carries its material, so each distinct (section, material) pair of Spectral's
 * frames becomes one SkyCiv section. Load groups are Spectral load case names; self-weight is
 * SkyCiv's global "SW" group, and each combination's SW factor is Σ factor × case self-weight factor.
 * Member rotation_angle is Spectral's roll (an `orientation` vector is converted to the equivalent
 * roll). SkyCiv's default local axes for non-vertical members (y up, Iz strong) match Spectral's;
 * check column orientation after import, since programs differ for vertical members.
 */
import type { StructuralModel } from "../schema";
import { axesOf, effectiveRoll, indexModel, isZero, projectGlobal, sig, snapVec, toGlobal, vec, type ModelMaps } from "./common";

export interface S3DUnits {
  length: "m";
  section_length: "mm";
  material_strength: "mpa";
  density: "kg/m3";
  force: "kn";
  moment: "kn-m";
  pressure: "kpa";
  mass: "kg";
  translation: "mm";
  stress: "mpa";
}

export interface S3DMember {
  type: "normal" | "cable";
  node_A: number;
  node_B: number;
  section_id: number;
  rotation_angle: number;
  fixity_A: string;
  fixity_B: string;
  offset_Ax: number;
  offset_Ay: number;
  offset_Az: number;
  offset_Bx: number;
  offset_By: number;
  offset_Bz: number;
}

export interface S3DSection {
  name: string;
  area: number;
  Iy: number;
  Iz: number;
  J: number;
  material_id: number;
}

export interface S3DMaterial {
  name: string;
  density: number;
  elasticity_modulus: number;
  poissons_ratio: number;
}

export interface S3DSupport {
  node: number;
  restraint_code: string;
  tx: number;
  ty: number;
  tz: number;
  rx: number;
  ry: number;
  rz: number;
}

export type S3DPointLoad =
  | { type: "n"; node: number; x_mag: number; y_mag: number; z_mag: number; load_group: string }
  | { type: "m"; member: number; position: number; x_mag: number; y_mag: number; z_mag: number; load_group: string };

export interface S3DDistributedLoad {
  member: number;
  x_mag_A: number;
  y_mag_A: number;
  z_mag_A: number;
  x_mag_B: number;
  y_mag_B: number;
  z_mag_B: number;
  position_A: number;
  position_B: number;
  load_group: string;
  axes: "global" | "local";
}

export interface S3DModel {
  settings: {
    units: S3DUnits;
    precision: "fixed";
    precision_values: number;
    evaluation_points: number;
    vertical_axis: "Y" | "Z";
    solver_timeout: number;
    accurate_buckling_shape: boolean;
    buckling_johnson: boolean;
    non_linear_tolerance: string;
    non_linear_theory: "small";
    auto_stabilize_model: boolean;
    member_offsets_axis: "local";
  };
  nodes: Record<string, { x: number; y: number; z: number }>;
  members: Record<string, S3DMember>;
  plates: Record<string, never>;
  meshed_plates: Record<string, never>;
  sections: Record<string, S3DSection>;
  materials: Record<string, S3DMaterial>;
  supports: Record<string, S3DSupport>;
  settlements: Record<string, never>;
  point_loads: Record<string, S3DPointLoad>;
  moments: Record<string, S3DPointLoad>;
  distributed_loads: Record<string, S3DDistributedLoad>;
  pressures: Record<string, never>;
  area_loads: Record<string, never>;
  self_weight: { enabled: boolean; x: number; y: number; z: number };
  load_combinations: Record<string, number>[];
}

export interface S3DExport {
  model: S3DModel;
  /** Elements that could not be represented (skipped) or were approximated. */
  warnings: string[];
  /** Spectral id → SkyCiv integer id, for tools that need to map results back. */
  ids: { nodes: Record<string, number>; members: Record<string, number> };
}

const kN = (v: number) => sig(v / 1000);
const MM2 = 1e6;
const MM4 = 1e12;

/** One export: the model, its look-up maps, the SkyCiv rows written so far and the id maps. */
interface S3DContext {
  readonly model: StructuralModel;
  readonly maps: ModelMaps;
  readonly warnings: string[];
  readonly s3d: S3DModel;
  /** Spectral id → SkyCiv integer id */
  readonly nodeId: Record<string, number>;
  readonly memberId: Record<string, number>;
  /** material id → SkyCiv material id; "section id|material id" → SkyCiv section id */
  readonly materialId: Map<string, number>;
  readonly sectionKey: Map<string, number>;
  /** section id → the material ids its frames use (a section used with two materials is two SkyCiv sections) */
  readonly sectionMaterials: Map<string, Set<string>>;
  readonly caseName: Map<string, string>;
}

type S3DStep = (ctx: S3DContext) => void;

/** In order: members need the nodes, loads need the members, combinations the case names. */
const STEPS: readonly S3DStep[] = [writeNodes, writeMembers, writeSupports, writeLoads, writeSelfWeightAndCombinations];

export function exportSkyCivS3DWithReport(model: StructuralModel): S3DExport {
  const sectionMaterials = new Map<string, Set<string>>();
  for (const f of model.frames) {
    if (f.sectionId === null || f.materialId === null) continue;
    const s = sectionMaterials.get(f.sectionId) ?? new Set<string>();
    s.add(f.materialId);
    sectionMaterials.set(f.sectionId, s);
  }
  const ctx: S3DContext = {
    model,
    maps: indexModel(model),
    warnings: [],
    s3d: emptyS3D(model.meta.verticalAxis),
    nodeId: {},
    memberId: {},
    materialId: new Map(),
    sectionKey: new Map(),
    sectionMaterials,
    caseName: new Map(model.loadCases.map((c) => [c.id, c.name])),
  };
  for (const step of STEPS) step(ctx);
  return { model: ctx.s3d, warnings: ctx.warnings, ids: { nodes: ctx.nodeId, members: ctx.memberId } };
}

function emptyS3D(vertical: "Y" | "Z"): S3DModel {
  return {
    settings: {
      units: { length: "m", section_length: "mm", material_strength: "mpa", density: "kg/m3", force: "kn", moment: "kn-m", pressure: "kpa", mass: "kg", translation: "mm", stress: "mpa" },
      precision: "fixed",
      precision_values: 3,
      evaluation_points: 9,
      vertical_axis: vertical,
      solver_timeout: 600,
      accurate_buckling_shape: false,
      buckling_johnson: false,
      non_linear_tolerance: "1",
      non_linear_theory: "small",
      auto_stabilize_model: false,
      member_offsets_axis: "local",
    },
    nodes: {},
    members: {},
    plates: {},
    meshed_plates: {},
    sections: {},
    materials: {},
    supports: {},
    settlements: {},
    point_loads: {},
    moments: {},
    distributed_loads: {},
    pressures: {},
    area_loads: {},
    self_weight: { enabled: false, x: 0, y: 0, z: 0 },
    load_combinations: [],
  };
}

function writeNodes(ctx: S3DContext): void {
  ctx.model.nodes.forEach((n, k) => {
    ctx.s3d.nodes[String(k + 1)] = { x: sig(n.x), y: sig(n.y), z: sig(n.z) };
    ctx.nodeId[n.id] = k + 1;
  });
}

/** The SkyCiv material id for a material (written on first use), 0 when it is missing. */
function materialOf(ctx: S3DContext, id: string): number {
  let m = ctx.materialId.get(id);
  if (m === undefined) {
    const mat = ctx.maps.materials.get(id);
    if (!mat) return 0;
    m = ctx.materialId.size + 1;
    ctx.materialId.set(id, m);
    ctx.s3d.materials[String(m)] = { name: mat.name, density: sig(mat.density), elasticity_modulus: sig(mat.E / 1e6), poissons_ratio: mat.nu };
  }
  return m;
}

/** The SkyCiv section id for a section with a material (written on first use), 0 when either is missing. */
function sectionOf(ctx: S3DContext, sectionId: string, matId: string): number {
  const key = `${sectionId}|${matId}`;
  let sid = ctx.sectionKey.get(key);
  if (sid === undefined) {
    const sec = ctx.maps.sections.get(sectionId);
    const mat = ctx.maps.materials.get(matId);
    if (!sec || !mat) return 0;
    sid = ctx.sectionKey.size + 1;
    ctx.sectionKey.set(key, sid);
    const shared = (ctx.sectionMaterials.get(sectionId)?.size ?? 1) > 1;
    ctx.s3d.sections[String(sid)] = {
      name: shared ? `${sec.name} (${mat.name})` : sec.name,
      area: sig(sec.A * MM2),
      Iy: sig(sec.Iy * MM4),
      Iz: sig(sec.Iz * MM4),
      J: sig(sec.J * MM4),
      material_id: materialOf(ctx, matId),
    };
  }
  return sid;
}

function writeMembers(ctx: S3DContext): void {
  const { model, maps, warnings, nodeId, memberId } = ctx;
  let memberCount = 0;
  for (const f of model.frames) {
    const a = nodeId[f.i];
    const b = nodeId[f.j];
    if (a === undefined || b === undefined || a === b) {
      warnings.push(`Frame ${f.label} is skipped: missing end node.`);
      continue;
    }
    if (f.sectionId === null || f.materialId === null) {
      warnings.push(`Frame ${f.label} is skipped: SkyCiv members need a section and a material.`);
      continue;
    }
    const sid = sectionOf(ctx, f.sectionId, f.materialId);
    if (sid === 0) {
      warnings.push(`Frame ${f.label} is skipped: its section or material is missing.`);
      continue;
    }
    const id = ++memberCount;
    memberId[f.id] = id;
    ctx.s3d.members[String(id)] = {
      type: f.role === "cable" ? "cable" : "normal",
      node_A: a,
      node_B: b,
      section_id: sid,
      rotation_angle: effectiveRoll(f, maps, model),
      fixity_A: f.releaseI,
      fixity_B: f.releaseJ,
      offset_Ax: 0,
      offset_Ay: 0,
      offset_Az: 0,
      offset_Bx: 0,
      offset_By: 0,
      offset_Bz: 0,
    };
  }
}

function writeSupports(ctx: S3DContext): void {
  let sc = 0;
  for (const s of ctx.model.supports) {
    const n = ctx.nodeId[s.nodeId];
    if (n === undefined) {
      ctx.warnings.push(`Support ${s.id} is skipped: missing node.`);
      continue;
    }
    sc++;
    ctx.s3d.supports[String(sc)] = { node: n, restraint_code: s.code, tx: 0, ty: 0, tz: 0, rx: 0, ry: 0, rz: 0 };
  }
}

/** Running counts of the SkyCiv load tables (their keys are 1, 2, …). */
interface LoadCounters {
  point: number;
  moment: number;
  distributed: number;
}

function writeLoads(ctx: S3DContext): void {
  const { model, warnings, caseName } = ctx;
  const count: LoadCounters = { point: 0, moment: 0, distributed: 0 };
  for (const l of model.loads) {
    const group = caseName.get(l.caseId);
    if (group === undefined) {
      warnings.push(`Load ${l.id} is skipped: missing load case.`);
      continue;
    }
    if (l.kind === "nodal") writeNodalLoad(ctx, l, group, count);
    else writeFrameLoad(ctx, l, group, count);
  }
}

function writeNodalLoad(ctx: S3DContext, l: Extract<StructuralModel["loads"][number], { kind: "nodal" }>, group: string, count: LoadCounters): void {
  const n = ctx.nodeId[l.nodeId];
  if (n === undefined) {
    ctx.warnings.push(`Load ${l.id} is skipped: missing node.`);
    return;
  }
  if (l.fx !== 0 || l.fy !== 0 || l.fz !== 0) ctx.s3d.point_loads[String(++count.point)] = { type: "n", node: n, x_mag: kN(l.fx), y_mag: kN(l.fy), z_mag: kN(l.fz), load_group: group };
  if (l.mx !== 0 || l.my !== 0 || l.mz !== 0) ctx.s3d.moments[String(++count.moment)] = { type: "n", node: n, x_mag: kN(l.mx), y_mag: kN(l.my), z_mag: kN(l.mz), load_group: group };
}

function writeFrameLoad(ctx: S3DContext, l: Exclude<StructuralModel["loads"][number], { kind: "nodal" }>, group: string, count: LoadCounters): void {
  const { model, maps, s3d } = ctx;
  const m = ctx.memberId[l.frameId];
  const frame = maps.frames.get(l.frameId);
  if (m === undefined || !frame) {
    ctx.warnings.push(`Load ${l.id} is skipped: its frame is not exported.`);
    return;
  }
  const ax = axesOf(frame, maps, model);
  if (l.kind === "frame_point") {
    let f: [number, number, number] = [l.fx, l.fy, l.fz];
    let mm: [number, number, number] = [l.mx, l.my, l.mz];
    if (l.axes === "local") {
      if (!ax) return;
      f = snapVec(toGlobal(ax, f));
      mm = snapVec(toGlobal(ax, mm));
    }
    const position = sig(l.position * 100);
    if (!isZero(f)) s3d.point_loads[String(++count.point)] = { type: "m", member: m, position, x_mag: kN(f[0]), y_mag: kN(f[1]), z_mag: kN(f[2]), load_group: group };
    if (!isZero(mm)) s3d.moments[String(++count.moment)] = { type: "m", member: m, position, x_mag: kN(mm[0]), y_mag: kN(mm[1]), z_mag: kN(mm[2]), load_group: group };
    return;
  }
  let w1 = vec(l.w1);
  let w2 = vec(l.w2);
  if (l.axes === "global" && l.projected && ax) {
    w1 = projectGlobal(ax, w1);
    w2 = projectGlobal(ax, w2);
  }
  s3d.distributed_loads[String(++count.distributed)] = {
    member: m,
    x_mag_A: kN(w1[0]),
    y_mag_A: kN(w1[1]),
    z_mag_A: kN(w1[2]),
    x_mag_B: kN(w2[0]),
    y_mag_B: kN(w2[1]),
    z_mag_B: kN(w2[2]),
    position_A: sig(l.start * 100),
    position_B: sig(l.end * 100),
    load_group: group,
    axes: l.axes,
  };
}

/** Self-weight is one global SkyCiv load group (SW); each case's factor is folded into the combinations. */
function writeSelfWeightAndCombinations(ctx: S3DContext): void {
  const { model, warnings, caseName, s3d } = ctx;
  const vertical = model.meta.verticalAxis;
  const swCases = model.loadCases.filter((c) => c.selfWeightFactor !== null && c.selfWeightFactor !== 0);
  s3d.self_weight = { enabled: swCases.length > 0, x: 0, y: vertical === "Y" ? -1 : 0, z: vertical === "Z" ? -1 : 0 };
  const swFactor = new Map(swCases.map((c) => [c.id, c.selfWeightFactor as number]));
  for (const cb of model.combinations) {
    const row: Record<string, number> = {};
    let sw = 0;
    for (const f of cb.factors) {
      const name = caseName.get(f.caseId);
      if (name === undefined) {
        warnings.push(`Combination ${cb.name}: a factor refers to a missing load case and is skipped.`);
        continue;
      }
      row[name] = (row[name] ?? 0) + f.factor;
      sw += f.factor * (swFactor.get(f.caseId) ?? 0);
    }
    if (sw !== 0) row.SW = sig(sw);
    s3d.load_combinations.push(row);
  }
  if (swCases.length > 1 || swCases.some((c) => c.selfWeightFactor !== 1)) {
    warnings.push("Self-weight is one global SkyCiv load group (SW); case self-weight factors were folded into each combination's SW factor, and single-case analyses in SkyCiv show SW separately.");
  }
}

/** The SkyCiv `s3d_model` object for a Spectral model (see exportSkyCivS3DWithReport for warnings). */
export function exportSkyCivS3D(model: StructuralModel): S3DModel {
  return exportSkyCivS3DWithReport(model).model;
}
