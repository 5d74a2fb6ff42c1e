/**
 * The STORED canonical structural model: zod schemas and the types inferred from them.
 *
 * Units are SI throughout: metres, newtons, pascals, kg/m³; angles in degrees.
 * The database layer (`lib/db`) and the MCP tools are written against these exact field names;
 * change them only together with those layers.
 *
 * Rules enforced here (shape only; cross-references are `checks.ts`' job):
 *   - every number is finite (zod 4's `z.number()` rejects NaN and ±Infinity);
 *   - every string is bounded;
 *   - DOF codes are 6 characters over {F, R} in the order ux uy uz rx ry rz.
 *
 * Local-axis convention (shared with the solver, see `geometry.ts`): local x runs i → j; local y is
 * "up" (the global vertical axis projected perpendicular to x; global +X for vertical members) unless
 * `orientation` gives another reference vector; `roll` then rotates y and z about x. Iz is the
 * second moment about local z, i.e. bending in the x–y plane: the STRONG axis of an I-section whose
 * web lies along local y. Iy is the weak axis.
 */
import { z } from "zod";
import { FORCE_UNITS, LENGTH_UNITS } from "./units";
import { safeText } from "./text";

// ── Primitives ──────────────────────────────────────────────────────────────────────────────────

export const MAX_ID_LENGTH = 128;
export const MAX_LABEL_LENGTH = 64;
export const MAX_NAME_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 2000;
export const MAX_COMBINATION_FACTORS = 1000;

/** A finite number (zod 4 rejects NaN and ±Infinity). */
export const FiniteSchema = z.number();
export const PositiveSchema = z.number().positive();
export const IdSchema = safeText(1, MAX_ID_LENGTH);
export const LabelSchema = safeText(1, MAX_LABEL_LENGTH);
export const NameSchema = safeText(1, MAX_NAME_LENGTH);

export const Vec3Schema = z.object({ x: FiniteSchema, y: FiniteSchema, z: FiniteSchema });
export type Vec3 = z.infer<typeof Vec3Schema>;

export const DOF_CODE_PATTERN = /^[FR]{6}$/;
/** ux uy uz rx ry rz. Supports: F = restrained. Frame end releases: F = connected, R = released. */
export const DofCodeSchema = z
  .string()
  .regex(DOF_CODE_PATTERN, 'must be 6 characters of F or R in the order ux uy uz rx ry rz, e.g. "FFFFFF"');
export type DofCode = z.infer<typeof DofCodeSchema>;
export const DOF_NAMES = ["ux", "uy", "uz", "rx", "ry", "rz"] as const;
export type DofName = (typeof DOF_NAMES)[number];
export const FIXED_CODE = "FFFFFF";

export const VERTICAL_AXES = ["Z", "Y"] as const;
export type VerticalAxis = (typeof VERTICAL_AXES)[number];

export const DisplayUnitsSchema = z.object({
  length: z.enum(LENGTH_UNITS),
  force: z.enum(FORCE_UNITS),
});
export type DisplayUnits = z.infer<typeof DisplayUnitsSchema>;

// ── Model meta ──────────────────────────────────────────────────────────────────────────────────

export const ModelMetaSchema = z.object({
  id: IdSchema,
  name: NameSchema,
  description: safeText(0, MAX_DESCRIPTION_LENGTH).default(""),
  displayUnits: DisplayUnitsSchema,
  verticalAxis: z.enum(VERTICAL_AXES).default("Z"),
  revision: z.number().int().min(0),
  ownerId: IdSchema,
});
export type ModelMeta = z.infer<typeof ModelMetaSchema>;

// ── Nodes, frames, supports ─────────────────────────────────────────────────────────────────────

const nodeFields = { label: LabelSchema, x: FiniteSchema, y: FiniteSchema, z: FiniteSchema };
export const NodeSchema = z.object({ id: IdSchema, ...nodeFields });
export type Node = z.infer<typeof NodeSchema>;

export const FRAME_ROLES = ["beam", "column", "brace", "truss", "cable", "other"] as const;
export type FrameRole = (typeof FRAME_ROLES)[number];

const frameFields = {
  label: LabelSchema,
  i: IdSchema,
  j: IdSchema,
  sectionId: IdSchema.nullable(),
  materialId: IdSchema.nullable(),
  roll: FiniteSchema,
  orientation: Vec3Schema.nullable(),
  releaseI: DofCodeSchema,
  releaseJ: DofCodeSchema,
  role: z.enum(FRAME_ROLES),
};
export const FrameSchema = z.object({
  id: IdSchema,
  ...frameFields,
  roll: FiniteSchema.default(0),
  orientation: Vec3Schema.nullable().default(null),
  releaseI: DofCodeSchema.default(FIXED_CODE),
  releaseJ: DofCodeSchema.default(FIXED_CODE),
  role: z.enum(FRAME_ROLES).default("other"),
});
export type Frame = z.infer<typeof FrameSchema>;

const supportFields = { nodeId: IdSchema, code: DofCodeSchema };
/** At most one support per node (checked by `checkSupports`). */
export const SupportSchema = z.object({ id: IdSchema, ...supportFields });
export type Support = z.infer<typeof SupportSchema>;

// ── Sections and materials ──────────────────────────────────────────────────────────────────────

/** Parametric outline (metres), used to extrude the solid view and to recognise catalogue shapes. */
export const SectionShapeSchema = z.discriminatedUnion("type", [
  z
    .object({ type: z.literal("I"), h: PositiveSchema, b: PositiveSchema, tw: PositiveSchema, tf: PositiveSchema })
    .refine((s) => 2 * s.tf < s.h && s.tw < s.b, { message: "I shape needs 2·tf < h and tw < b" }),
  z.object({ type: z.literal("rect"), h: PositiveSchema, b: PositiveSchema }),
  z
    .object({ type: z.literal("rhs"), h: PositiveSchema, b: PositiveSchema, t: PositiveSchema })
    .refine((s) => 2 * s.t < Math.min(s.h, s.b), { message: "rhs shape needs 2·t < min(h, b)" }),
  z.object({ type: z.literal("circle"), d: PositiveSchema }),
  z
    .object({ type: z.literal("chs"), d: PositiveSchema, t: PositiveSchema })
    .refine((s) => 2 * s.t < s.d, { message: "chs shape needs 2·t < d" }),
  z
    .object({ type: z.literal("channel"), h: PositiveSchema, b: PositiveSchema, tw: PositiveSchema, tf: PositiveSchema })
    .refine((s) => 2 * s.tf < s.h && s.tw < s.b, { message: "channel shape needs 2·tf < h and tw < b" }),
  z
    .object({ type: z.literal("angle"), h: PositiveSchema, b: PositiveSchema, t: PositiveSchema })
    .refine((s) => s.t < Math.min(s.h, s.b), { message: "angle shape needs t < min(h, b)" }),
]);
export type SectionShape = z.infer<typeof SectionShapeSchema>;
export const SECTION_SHAPE_TYPES = ["I", "rect", "rhs", "circle", "chs", "channel", "angle"] as const;

const sectionFields = {
  name: NameSchema,
  A: PositiveSchema,
  Iy: PositiveSchema,
  Iz: PositiveSchema,
  J: PositiveSchema,
  shape: SectionShapeSchema.nullable(),
};
/** A in m², Iy (weak) / Iz (strong) / J in m⁴. */
export const SectionSchema = z.object({ id: IdSchema, ...sectionFields, shape: SectionShapeSchema.nullable().default(null) });
export type Section = z.infer<typeof SectionSchema>;

export const MATERIAL_KINDS = ["steel", "concrete", "timber", "aluminium", "other"] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

const materialFields = {
  name: NameSchema,
  E: PositiveSchema,
  G: PositiveSchema,
  nu: z.number().min(0).max(0.5),
  density: z.number().min(0),
  fy: PositiveSchema.nullable(),
  kind: z.enum(MATERIAL_KINDS),
};
/** E, G, fy in Pa; density in kg/m³. */
export const MaterialSchema = z.object({
  id: IdSchema,
  ...materialFields,
  fy: PositiveSchema.nullable().default(null),
  kind: z.enum(MATERIAL_KINDS).default("other"),
});
export type Material = z.infer<typeof MaterialSchema>;

// ── Load cases, loads, combinations ─────────────────────────────────────────────────────────────

export const LOAD_CASE_TYPES = ["dead", "live", "wind", "snow", "seismic", "temperature", "other"] as const;
export type LoadCaseType = (typeof LOAD_CASE_TYPES)[number];

const loadCaseFields = {
  name: NameSchema,
  type: z.enum(LOAD_CASE_TYPES),
  selfWeightFactor: FiniteSchema.nullable(),
};
/** selfWeightFactor: 1 = include self-weight acting downwards (against the vertical axis); null = none. */
export const LoadCaseSchema = z.object({
  id: IdSchema,
  ...loadCaseFields,
  type: z.enum(LOAD_CASE_TYPES).default("other"),
  selfWeightFactor: FiniteSchema.nullable().default(null),
});
export type LoadCase = z.infer<typeof LoadCaseSchema>;

export const LOAD_AXES = ["global", "local"] as const;
export type LoadAxes = (typeof LOAD_AXES)[number];
const Fraction = z.number().min(0).max(1);
const F0 = FiniteSchema.default(0);

export const NodalLoadSchema = z.object({
  id: IdSchema,
  kind: z.literal("nodal"),
  caseId: IdSchema,
  nodeId: IdSchema,
  fx: F0, fy: F0, fz: F0, mx: F0, my: F0, mz: F0,
});
export const FramePointLoadSchema = z.object({
  id: IdSchema,
  kind: z.literal("frame_point"),
  caseId: IdSchema,
  frameId: IdSchema,
  /** Fraction 0..1 of the frame length from end i. */
  position: Fraction,
  axes: z.enum(LOAD_AXES).default("global"),
  fx: F0, fy: F0, fz: F0, mx: F0, my: F0, mz: F0,
});
export const FrameDistributedLoadSchema = z
  .object({
    id: IdSchema,
    kind: z.literal("frame_distributed"),
    caseId: IdSchema,
    frameId: IdSchema,
    start: Fraction.default(0),
    end: Fraction.default(1),
    axes: z.enum(LOAD_AXES).default("global"),
    /** N/m at `start`; `w2` at `end`. Uniform when equal. */
    w1: Vec3Schema,
    w2: Vec3Schema,
    /** Global loads only: intensity per unit of the length projected perpendicular to the load. */
    projected: z.boolean().default(false),
  })
  .refine((l) => l.end > l.start, { message: "end must be greater than start", path: ["end"] });
export const LoadSchema = z.discriminatedUnion("kind", [NodalLoadSchema, FramePointLoadSchema, FrameDistributedLoadSchema]);
export type NodalLoad = z.infer<typeof NodalLoadSchema>;
export type FramePointLoad = z.infer<typeof FramePointLoadSchema>;
export type FrameDistributedLoad = z.infer<typeof FrameDistributedLoadSchema>;
export type Load = z.infer<typeof LoadSchema>;
export type LoadKind = Load["kind"];
export const LOAD_KINDS = ["nodal", "frame_point", "frame_distributed"] as const;

export const COMBINATION_KINDS = ["ULS", "SLS", "other"] as const;
export type CombinationKind = (typeof COMBINATION_KINDS)[number];
export const CombinationFactorSchema = z.object({ caseId: IdSchema, factor: FiniteSchema });
const combinationFields = {
  name: NameSchema,
  kind: z.enum(COMBINATION_KINDS),
  factors: z.array(CombinationFactorSchema).max(MAX_COMBINATION_FACTORS),
};
export const CombinationSchema = z.object({ id: IdSchema, ...combinationFields, kind: z.enum(COMBINATION_KINDS).default("other") });
export type Combination = z.infer<typeof CombinationSchema>;

// ── The model ───────────────────────────────────────────────────────────────────────────────────

export const StructuralModelSchema = z.object({
  meta: ModelMetaSchema,
  nodes: z.array(NodeSchema),
  frames: z.array(FrameSchema),
  supports: z.array(SupportSchema),
  sections: z.array(SectionSchema),
  materials: z.array(MaterialSchema),
  loadCases: z.array(LoadCaseSchema),
  loads: z.array(LoadSchema),
  combinations: z.array(CombinationSchema),
});
export type StructuralModel = z.infer<typeof StructuralModelSchema>;

/** The row collections of a model, in dependency order (a later kind may refer to an earlier one). */
export const ENTITY_KINDS = ["sections", "materials", "nodes", "frames", "supports", "loadCases", "loads", "combinations"] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface EntityRowMap {
  nodes: Node;
  frames: Frame;
  supports: Support;
  sections: Section;
  materials: Material;
  loadCases: LoadCase;
  loads: Load;
  combinations: Combination;
}

export function emptyModel(meta: ModelMeta): StructuralModel {
  return { meta, nodes: [], frames: [], supports: [], sections: [], materials: [], loadCases: [], loads: [], combinations: [] };
}

// ── Patches: one shape for add / update / remove ────────────────────────────────────────────────

/** A partial row: `id` plus the fields to change. `undefined` fields are left unchanged. */
export type RowUpdate<T extends { id: string }> = { id: string } & Partial<Omit<T, "id">>;
type LoadFieldsUnion = Omit<NodalLoad, "id" | "kind"> & Omit<FramePointLoad, "id" | "kind"> & Omit<FrameDistributedLoad, "id" | "kind">;
/** Loads never change `kind`; every other field of any kind may be updated. */
export type LoadUpdate = { id: string } & Partial<LoadFieldsUnion>;

export interface PatchRows {
  nodes: Node[];
  frames: Frame[];
  supports: Support[];
  sections: Section[];
  materials: Material[];
  loadCases: LoadCase[];
  loads: Load[];
  combinations: Combination[];
}
export interface PatchUpdates {
  nodes: RowUpdate<Node>[];
  frames: RowUpdate<Frame>[];
  supports: RowUpdate<Support>[];
  sections: RowUpdate<Section>[];
  materials: RowUpdate<Material>[];
  loadCases: RowUpdate<LoadCase>[];
  loads: LoadUpdate[];
  combinations: RowUpdate<Combination>[];
}
export type PatchRemovals = Record<EntityKind, string[]>;

/**
 * A change to a model. Applied in the order remove → update → add (see `applyPatch`).
 * Every row carries its final id (ids are injected by the caller's `newId`), so the database layer
 * can write it without reading anything back.
 */
export interface ModelPatch {
  add: PatchRows;
  update: PatchUpdates;
  remove: PatchRemovals;
}

export function emptyPatch(): ModelPatch {
  return {
    add: { nodes: [], frames: [], supports: [], sections: [], materials: [], loadCases: [], loads: [], combinations: [] },
    update: { nodes: [], frames: [], supports: [], sections: [], materials: [], loadCases: [], loads: [], combinations: [] },
    remove: { nodes: [], frames: [], supports: [], sections: [], materials: [], loadCases: [], loads: [], combinations: [] },
  };
}

// zod mirrors of the patch, for storing revisions and MCP output schemas. Update rows are built from
// the field shapes WITHOUT defaults: in zod 4 `.default()` still fires inside `.optional()`, which
// would silently reset unchanged fields.
type Shape = Record<string, z.ZodType>;
function optionalShape<S extends Shape>(shape: S): { [K in keyof S]: z.ZodOptional<S[K]> } {
  const out: Record<string, z.ZodType> = {};
  for (const [k, v] of Object.entries(shape)) out[k] = v.optional();
  return out as { [K in keyof S]: z.ZodOptional<S[K]> };
}
const updateOf = <S extends Shape>(shape: S) => z.object({ id: IdSchema, ...optionalShape(shape) }).strict();

const loadUpdateFields = {
  caseId: IdSchema, nodeId: IdSchema, frameId: IdSchema,
  fx: FiniteSchema, fy: FiniteSchema, fz: FiniteSchema, mx: FiniteSchema, my: FiniteSchema, mz: FiniteSchema,
  position: Fraction, start: Fraction, end: Fraction, axes: z.enum(LOAD_AXES),
  w1: Vec3Schema, w2: Vec3Schema, projected: z.boolean(),
};

export const ModelPatchSchema = z.object({
  add: z.object({
    nodes: z.array(NodeSchema),
    frames: z.array(FrameSchema),
    supports: z.array(SupportSchema),
    sections: z.array(SectionSchema),
    materials: z.array(MaterialSchema),
    loadCases: z.array(LoadCaseSchema),
    loads: z.array(LoadSchema),
    combinations: z.array(CombinationSchema),
  }),
  update: z.object({
    nodes: z.array(updateOf(nodeFields)),
    frames: z.array(updateOf(frameFields)),
    supports: z.array(updateOf(supportFields)),
    sections: z.array(updateOf(sectionFields)),
    materials: z.array(updateOf(materialFields)),
    loadCases: z.array(updateOf(loadCaseFields)),
    loads: z.array(updateOf(loadUpdateFields)),
    combinations: z.array(updateOf(combinationFields)),
  }),
  remove: z.object({
    nodes: z.array(IdSchema),
    frames: z.array(IdSchema),
    supports: z.array(IdSchema),
    sections: z.array(IdSchema),
    materials: z.array(IdSchema),
    loadCases: z.array(IdSchema),
    loads: z.array(IdSchema),
    combinations: z.array(IdSchema),
  }),
});
