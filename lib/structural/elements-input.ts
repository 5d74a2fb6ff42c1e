/**
 * Input schemas for writing elements: what MCP `add_elements`, `update_elements`,
 * `remove_elements`, `create_model` and `import_model` accept. Every field is `.describe()`d because
 * the JSON Schema derived from these is what the LLM reads.
 *
 * Inputs are lenient where it helps the LLM (node refs, labels or ids; catalogue names; shortcuts
 * like `type: "pinned"`), strict where a guess would be wrong (units, DOF codes, positions).
 * Values are in SI (m, N, Pa) unless `units` says otherwise.
 */
import { z } from "zod";
import {
  COMBINATION_KINDS,
  FRAME_ROLES,
  LOAD_AXES,
  LOAD_CASE_TYPES,
  MATERIAL_KINDS,
  MAX_COMBINATION_FACTORS,
  MAX_ID_LENGTH,
  MAX_LABEL_LENGTH,
  MAX_NAME_LENGTH,
  SECTION_SHAPE_TYPES,
  SectionShapeSchema,
} from "./schema";
import { DENSITY_UNITS, FORCE_UNITS, LENGTH_UNITS, STRESS_UNITS } from "./units";
import { safeText } from "./text";

/** Total rows (all kinds) accepted in one call. */
export const MAX_ELEMENTS_PER_CALL = 250_000;
/** Frames accepted in one call (an import of a 100k-frame model fits). */
export const MAX_FRAMES_PER_CALL = 100_000;
/** Nodes accepted in one call. */
export const MAX_NODES_PER_CALL = 200_000;
const MAX_SMALL = 10_000;
const MAX_LOADS = 200_000;

const Num = z.number();
const RefString = safeText(1, MAX_ID_LENGTH);

/** A node or frame reference: a ref from this call, a label, or an id. Numbers are read as strings. */
export const ElementRefSchema = z
  .union([RefString, z.number().int()])
  .describe("A ref from this call, or an existing element's label or id");
export type ElementRefInput = z.infer<typeof ElementRefSchema>;

export const Vec3InputSchema = z
  .union([z.tuple([Num, Num, Num]), z.object({ x: Num, y: Num, z: Num })])
  .describe("[x, y, z] or {x, y, z}");
export type Vec3Input = z.infer<typeof Vec3InputSchema>;

export const DofCodeInputSchema = z
  .string()
  .regex(/^[FRfr]{6}$/, 'must be 6 letters F or R for ux uy uz rx ry rz, e.g. "FFFFFF"')
  .describe("6 letters F/R for ux uy uz rx ry rz");

export const UnitsInputSchema = z
  .union([
    z.literal("display").describe("The model's display units"),
    z
      .object({
        length: z.enum(LENGTH_UNITS).optional().describe("Lengths"),
        force: z.enum(FORCE_UNITS).optional().describe("Forces (moments ×length, w ÷length)"),
        sectionLength: z.enum(LENGTH_UNITS).optional().describe("A, I, J, shape (default length)"),
        stress: z.enum(STRESS_UNITS).optional().describe("E, G, fy (default force/length²)"),
        density: z.enum(DENSITY_UNITS).optional().describe("Density"),
      })
      .strict(),
  ])
  .describe("Units of this call's numbers. Omitted: SI (m, N, Pa, kg/m3), so w [0,0,-10] is 10 N/m");
export type UnitsInput = z.infer<typeof UnitsInputSchema>;

// ── Rows ────────────────────────────────────────────────────────────────────────────────────────

export const NodeInputSchema = z
  .object({
    ref: RefString.optional().describe("Name for use in this call"),
    label: safeText(1, MAX_LABEL_LENGTH).optional().describe("Unique label (default N1, N2, …)"),
    x: Num.optional().describe("x"),
    y: Num.optional().describe("y"),
    z: Num.optional().describe("z"),
    at: z.tuple([Num, Num, Num]).optional().describe("[x, y, z] instead of x, y, z"),
  })
  .refine((n) => n.at !== undefined || (n.x !== undefined && n.y !== undefined && n.z !== undefined), {
    message: "give either at: [x, y, z] or all of x, y and z",
  })
  .describe("Node; one within 1 mm of another is merged into it");
export type NodeInput = z.infer<typeof NodeInputSchema>;

export const RELEASE_SHORTCUTS = {
  fixed: ["FFFFFF", "FFFFFF"],
  pinned: ["FFFFRR", "FFFFRR"],
  pinned_i: ["FFFFRR", "FFFFFF"],
  pinned_j: ["FFFFFF", "FFFFRR"],
} as const;
export type ReleaseShortcut = keyof typeof RELEASE_SHORTCUTS;
const ReleaseShortcutSchema = z
  .enum(["fixed", "pinned", "pinned_i", "pinned_j"])
  .describe("pinned: bending free both ends; pinned_i/_j: one end");

export const FrameInputSchema = z
  .object({
    ref: RefString.optional().describe("Name for use in this call"),
    label: safeText(1, MAX_LABEL_LENGTH).optional().describe("Unique label (default F1, F2, …)"),
    i: ElementRefSchema.describe("Start node"),
    j: ElementRefSchema.describe("End node"),
    section: safeText(1, MAX_NAME_LENGTH).optional().describe("Model or catalogue section, e.g. IPE300"),
    material: safeText(1, MAX_NAME_LENGTH).optional().describe("Model or catalogue material, e.g. S355"),
    roll: Num.optional().describe("Section roll about the member axis, degrees (0: local y up)"),
    orientation: Vec3InputSchema.optional().describe("Local y reference, instead of up"),
    releaseI: DofCodeInputSchema.optional().describe("End i releases, local axes, R = released"),
    releaseJ: DofCodeInputSchema.optional().describe("End j releases"),
    release: ReleaseShortcutSchema.optional(),
    role: z.enum(FRAME_ROLES).optional().describe("Member role (default other)"),
  })
  .describe("Frame between two nodes");
export type FrameInput = z.infer<typeof FrameInputSchema>;

export const SUPPORT_TYPES = ["fixed", "pinned", "roller", "roller_x", "roller_y", "roller_z"] as const;
export type SupportType = (typeof SUPPORT_TYPES)[number];
/** Codes for each support type; "roller" is restrained only along the model's vertical axis. */
export const SUPPORT_TYPE_CODES: Record<Exclude<SupportType, "roller">, string> = {
  fixed: "FFFFFF",
  pinned: "FFFRRR",
  roller_x: "FRRRRR",
  roller_y: "RFRRRR",
  roller_z: "RRFRRR",
};
const SupportTypeSchema = z
  .enum(SUPPORT_TYPES)
  .describe("pinned: translations; roller: vertical only");

export const SupportInputSchema = z
  .object({
    node: ElementRefSchema.describe("Supported node"),
    code: DofCodeInputSchema.optional().describe("Restraints, global axes, F = fixed"),
    type: SupportTypeSchema.optional(),
  })
  .refine((s) => s.code !== undefined || s.type !== undefined, { message: "give code or type" })
  .describe("Support (replaces the node's existing one); code or type");
export type SupportInput = z.infer<typeof SupportInputSchema>;

const Pos = z.number().positive();

/**
 * A section outline as sent by a client: one flat object (the JSON Schema stays short), checked
 * against the exact per-shape schema (SectionShapeSchema) after parsing.
 */
export const ShapeInputSchema = z
  .object({
    type: z.enum(SECTION_SHAPE_TYPES).describe("Outline type"),
    h: Pos.optional().describe("Depth (I, rect, rhs, channel, angle)"),
    b: Pos.optional().describe("Width (I, rect, rhs, channel, angle)"),
    tw: Pos.optional().describe("Web thickness (I, channel)"),
    tf: Pos.optional().describe("Flange thickness (I, channel)"),
    t: Pos.optional().describe("Wall thickness (rhs, chs, angle)"),
    d: Pos.optional().describe("Diameter (circle, chs)"),
  })
  .pipe(SectionShapeSchema)
  .describe("Outline for the 3D view, sectionLength units");
export const SectionInputSchema = z
  .object({
    name: safeText(1, MAX_NAME_LENGTH).optional().describe("Unique name (default the catalogue name)"),
    catalogue: safeText(1, MAX_NAME_LENGTH).optional().describe("Catalogue section to copy"),
    A: Pos.optional().describe("Area"),
    Iy: Pos.optional().describe("Weak-axis (local y) second moment"),
    Iz: Pos.optional().describe("Strong-axis (local z) second moment"),
    J: Pos.optional().describe("Torsion constant"),
    shape: ShapeInputSchema.optional(),
  })
  .refine((s) => s.catalogue !== undefined || (s.name !== undefined && s.A !== undefined && s.Iy !== undefined && s.Iz !== undefined && s.J !== undefined), {
    message: "give catalogue, or name with A, Iy, Iz and J",
  })
  .describe("Section: catalogue, or name with A, Iy, Iz, J (sectionLength units)");
export type SectionInput = z.infer<typeof SectionInputSchema>;

export const MaterialInputSchema = z
  .object({
    name: safeText(1, MAX_NAME_LENGTH).optional().describe("Unique name (default the catalogue name)"),
    catalogue: safeText(1, MAX_NAME_LENGTH).optional().describe("Catalogue material to copy"),
    E: Pos.optional().describe("Young's modulus"),
    G: Pos.optional().describe("Shear modulus (default E/2(1+nu))"),
    nu: z.number().min(0).max(0.5).optional().describe("Poisson's ratio (default 0.3)"),
    density: z.number().min(0).optional().describe("Mass density (default 0)"),
    fy: Pos.optional().describe("Yield strength"),
    kind: z.enum(MATERIAL_KINDS).optional().describe("Family (default other)"),
  })
  .refine((m) => m.catalogue !== undefined || (m.name !== undefined && m.E !== undefined), { message: "give catalogue, or name with E" })
  .describe("Material: catalogue, or name with E (stress units)");
export type MaterialInput = z.infer<typeof MaterialInputSchema>;

export const LoadCaseInputSchema = z
  .object({
    name: safeText(1, MAX_NAME_LENGTH).describe("Unique name, e.g. Dead"),
    type: z.enum(LOAD_CASE_TYPES).optional().describe("Type (default from the name)"),
    selfWeight: z.boolean().optional().describe("Include self-weight (factor 1, down)"),
    selfWeightFactor: Num.nullable().optional().describe("Self-weight factor; null = none"),
  })
  .describe("Load case");
export type LoadCaseInput = z.infer<typeof LoadCaseInputSchema>;

const CaseRef = safeText(1, MAX_NAME_LENGTH).describe("Load case name or id");
const F = Num.optional();
const force = {
  fx: F.describe("Force x"),
  fy: F.describe("Force y"),
  fz: F.describe("Force z"),
  mx: F.describe("Moment x"),
  my: F.describe("Moment y"),
  mz: F.describe("Moment z"),
};
const Fraction = z.number().min(0).max(1);
const AxesSchema = z.enum(LOAD_AXES).optional().describe("Axes (default global)");

export const LoadInputSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("nodal"),
      case: CaseRef,
      node: ElementRefSchema.describe("Loaded node"),
      ...force,
    })
    .describe("Nodal force/moment, global axes"),
  z
    .object({
      kind: z.literal("frame_point"),
      case: CaseRef,
      frame: ElementRefSchema.describe("Loaded frame"),
      position: Fraction.optional().describe("Fraction of the length from end i"),
      distance: z.number().min(0).optional().describe("Distance from end i, instead of position"),
      axes: AxesSchema,
      ...force,
    })
    .refine((l) => l.position !== undefined || l.distance !== undefined, { message: "give position (0..1) or distance" })
    .describe("Point force/moment on a frame"),
  z
    .object({
      kind: z.literal("frame_distributed"),
      case: CaseRef,
      frame: ElementRefSchema.describe("Loaded frame"),
      w: Vec3InputSchema.optional().describe("Uniform force/length [wx, wy, wz]; [0,0,-5] = 5 down (Z up)"),
      w1: Vec3InputSchema.optional().describe("Trapezoidal: intensity at start"),
      w2: Vec3InputSchema.optional().describe("Trapezoidal: intensity at end (default w1)"),
      start: Fraction.optional().describe("Loaded from this fraction (default 0)"),
      end: Fraction.optional().describe("Loaded to this fraction (default 1)"),
      startDistance: z.number().min(0).optional().describe("Start as a distance from end i"),
      endDistance: z.number().min(0).optional().describe("End as a distance from end i"),
      axes: AxesSchema,
      projected: z.boolean().optional().describe("Per projected length (global loads)"),
    })
    .refine((l) => l.w !== undefined || l.w1 !== undefined, { message: "give w (uniform) or w1 (and w2)" })
    .describe("Line load on a frame"),
]);
export type LoadInput = z.infer<typeof LoadInputSchema>;

export const CombinationInputSchema = z
  .object({
    name: safeText(1, MAX_NAME_LENGTH).describe("Unique name, e.g. ULS1"),
    kind: z.enum(COMBINATION_KINDS).optional().describe("Kind (default other)"),
    factors: z
      .union([
        z.record(safeText(1, MAX_NAME_LENGTH), Num),
        z.array(z.object({ case: CaseRef, factor: Num })).max(MAX_COMBINATION_FACTORS),
      ])
      .describe('Factor per case, e.g. {"Dead": 1.35, "Live": 1.5}'),
  })
  .describe("Load combination");
export type CombinationInput = z.infer<typeof CombinationInputSchema>;

export const ElementsInputSchema = z
  .object({
    units: UnitsInputSchema.optional(),
    defaults: z
      .object({
        section: safeText(1, MAX_NAME_LENGTH).optional().describe("Section"),
        material: safeText(1, MAX_NAME_LENGTH).optional().describe("Material"),
        role: z.enum(FRAME_ROLES).optional().describe("Role"),
        release: ReleaseShortcutSchema.optional(),
      })
      .optional()
      .describe("Defaults for this call's frames"),
    nodes: z.array(NodeInputSchema).max(MAX_NODES_PER_CALL).optional().describe("Nodes"),
    frames: z.array(FrameInputSchema).max(MAX_FRAMES_PER_CALL).optional().describe("Frames"),
    supports: z.array(SupportInputSchema).max(MAX_NODES_PER_CALL).optional().describe("Supports"),
    sections: z.array(SectionInputSchema).max(MAX_SMALL).optional().describe("Sections (catalogue names also work directly on frames)"),
    materials: z.array(MaterialInputSchema).max(MAX_SMALL).optional().describe("Materials"),
    loadCases: z.array(LoadCaseInputSchema).max(MAX_SMALL).optional().describe("Load cases"),
    loads: z.array(LoadInputSchema).max(MAX_LOADS).optional().describe("Loads"),
    combinations: z.array(CombinationInputSchema).max(MAX_SMALL).optional().describe("Combinations"),
  })
  .describe("Elements to add; later arrays may refer to earlier ones by ref, label or name.");
export type ElementsInput = z.infer<typeof ElementsInputSchema>;

// ── Update ──────────────────────────────────────────────────────────────────────────────────────

export const ElementsUpdateSchema = z
  .object({
    units: UnitsInputSchema.optional(),
    nodes: z
      .array(
        z.object({
          node: ElementRefSchema.describe("Node label or id"),
          label: safeText(1, MAX_LABEL_LENGTH).optional().describe("New label"),
          x: Num.optional().describe("New x"),
          y: Num.optional().describe("New y"),
          z: Num.optional().describe("New z"),
          at: z.tuple([Num, Num, Num]).optional().describe("New [x, y, z]"),
        }),
      )
      .max(MAX_NODES_PER_CALL)
      .optional()
      .describe("Node changes"),
    frames: z
      .array(
        z.object({
          frame: ElementRefSchema.describe("Frame label or id"),
          label: safeText(1, MAX_LABEL_LENGTH).optional().describe("New label"),
          i: ElementRefSchema.optional().describe("New start node"),
          j: ElementRefSchema.optional().describe("New end node"),
          section: safeText(1, MAX_NAME_LENGTH).nullable().optional().describe("Model or catalogue section; null unassigns"),
          material: safeText(1, MAX_NAME_LENGTH).nullable().optional().describe("Model or catalogue material; null unassigns"),
          roll: Num.optional().describe("Roll, degrees"),
          orientation: z.tuple([Num, Num, Num]).nullable().optional().describe("Local y reference; null = up rule"),
          releaseI: DofCodeInputSchema.optional().describe("End i releases"),
          releaseJ: DofCodeInputSchema.optional().describe("End j releases"),
          release: ReleaseShortcutSchema.optional(),
          role: z.enum(FRAME_ROLES).optional().describe("Role"),
        }),
      )
      .max(MAX_FRAMES_PER_CALL)
      .optional()
      .describe("Frame changes"),
    supports: z
      .array(
        z
          .object({
            node: ElementRefSchema.describe("Supported node"),
            code: DofCodeInputSchema.optional().describe("Restraints, F = fixed"),
            type: z.enum([...SUPPORT_TYPES, "free"]).optional().describe("Type; free removes the support"),
          })
          .refine((s) => s.code !== undefined || s.type !== undefined, { message: "give code or type" }),
      )
      .max(MAX_NODES_PER_CALL)
      .optional()
      .describe("Support changes"),
    sections: z
      .array(
        z.object({
          section: safeText(1, MAX_NAME_LENGTH).describe("Section name or id"),
          name: safeText(1, MAX_NAME_LENGTH).optional().describe("New name"),
          A: Pos.optional().describe("Area"),
          Iy: Pos.optional().describe("Weak-axis second moment"),
          Iz: Pos.optional().describe("Strong-axis second moment"),
          J: Pos.optional().describe("Torsion constant"),
          shape: ShapeInputSchema.nullable().optional(),
        }),
      )
      .max(MAX_SMALL)
      .optional()
      .describe("Section changes"),
    materials: z
      .array(
        z.object({
          material: safeText(1, MAX_NAME_LENGTH).describe("Material name or id"),
          name: safeText(1, MAX_NAME_LENGTH).optional().describe("New name"),
          E: Pos.optional().describe("Young's modulus"),
          G: Pos.optional().describe("Shear modulus (recomputed when E or nu change without it)"),
          nu: z.number().min(0).max(0.5).optional().describe("Poisson's ratio"),
          density: z.number().min(0).optional().describe("Mass density"),
          fy: Pos.nullable().optional().describe("Yield strength"),
          kind: z.enum(MATERIAL_KINDS).optional().describe("Family"),
        }),
      )
      .max(MAX_SMALL)
      .optional()
      .describe("Material changes"),
    loadCases: z
      .array(
        z.object({
          loadCase: safeText(1, MAX_NAME_LENGTH).describe("Load case name or id"),
          name: safeText(1, MAX_NAME_LENGTH).optional().describe("New name"),
          type: z.enum(LOAD_CASE_TYPES).optional().describe("Type"),
          selfWeightFactor: Num.nullable().optional().describe("Self-weight factor; null = none"),
        }),
      )
      .max(MAX_SMALL)
      .optional()
      .describe("Load case changes"),
    loads: z
      .array(
        z.object({
          id: RefString.describe("Load id"),
          case: CaseRef.optional().describe("Move to this case"),
          ...force,
          position: Fraction.optional().describe("Point load position"),
          start: Fraction.optional().describe("Line load start"),
          end: Fraction.optional().describe("Line load end"),
          axes: z.enum(LOAD_AXES).optional().describe("Axes"),
          w: Vec3InputSchema.optional().describe("Uniform intensity"),
          w1: Vec3InputSchema.optional().describe("Start intensity"),
          w2: Vec3InputSchema.optional().describe("End intensity"),
          projected: z.boolean().optional().describe("Per projected length"),
        }),
      )
      .max(MAX_LOADS)
      .optional()
      .describe("Load changes"),
    combinations: z
      .array(
        z.object({
          combination: safeText(1, MAX_NAME_LENGTH).describe("Combination name or id"),
          name: safeText(1, MAX_NAME_LENGTH).optional().describe("New name"),
          kind: z.enum(COMBINATION_KINDS).optional().describe("Kind"),
          factors: CombinationInputSchema.shape.factors.optional().describe("Replaces all factors"),
        }),
      )
      .max(MAX_SMALL)
      .optional()
      .describe("Combination changes"),
  })
  .describe("Changes to existing elements, addressed by label, name or id");
export type ElementsUpdate = z.infer<typeof ElementsUpdateSchema>;

// ── Remove ──────────────────────────────────────────────────────────────────────────────────────

const RefList = z.array(ElementRefSchema).max(MAX_ELEMENTS_PER_CALL).optional();
const NameList = z.array(safeText(1, MAX_NAME_LENGTH)).max(MAX_SMALL).optional();
export const ElementsRemoveSchema = z
  .object({
    nodes: RefList.describe("Nodes (with their supports and loads)"),
    frames: RefList.describe("Frames (with their loads)"),
    supports: RefList.describe("Supports, by node or support id"),
    sections: NameList.describe("Sections"),
    materials: NameList.describe("Materials"),
    loadCases: NameList.describe("Load cases"),
    loads: z.array(RefString).max(MAX_LOADS).optional().describe("Load ids"),
    combinations: NameList.describe("Combinations"),
  })
  .describe("Elements to remove, by label, name or id");
export type ElementsRemove = z.infer<typeof ElementsRemoveSchema>;
