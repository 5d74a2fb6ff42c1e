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
  .describe('A ref given earlier in this call, or the label (e.g. "N3") or id of an existing element');
export type ElementRefInput = z.infer<typeof ElementRefSchema>;

export const Vec3InputSchema = z
  .union([z.tuple([Num, Num, Num]), z.object({ x: Num, y: Num, z: Num })])
  .describe("A vector as [x, y, z] or { x, y, z } in global axes unless stated otherwise");
export type Vec3Input = z.infer<typeof Vec3InputSchema>;

export const DofCodeInputSchema = z
  .string()
  .regex(/^[FRfr]{6}$/, 'must be 6 letters F or R for ux uy uz rx ry rz, e.g. "FFFFFF"')
  .describe("6 letters F/R for ux uy uz rx ry rz");

export const UnitsInputSchema = z
  .union([
    z.literal("display").describe("Use the model's display units for lengths and forces"),
    z
      .object({
        length: z.enum(LENGTH_UNITS).optional().describe("Unit of coordinates and distances (default m)"),
        force: z.enum(FORCE_UNITS).optional().describe("Unit of forces; moments are force×length, line loads force/length (default N)"),
        sectionLength: z.enum(LENGTH_UNITS).optional().describe("Unit for section dimensions and properties (A in unit², I and J in unit⁴); default = length"),
        stress: z.enum(STRESS_UNITS).optional().describe("Unit of E, G and fy (default force/length², e.g. kN and m → kPa)"),
        density: z.enum(DENSITY_UNITS).optional().describe("Unit of material density (default kg/m3)"),
      })
      .strict(),
  ])
  .describe("Units of the numbers in this call. Omit for SI (m, N, Pa, kg/m3).");
export type UnitsInput = z.infer<typeof UnitsInputSchema>;

// ── Rows ────────────────────────────────────────────────────────────────────────────────────────

export const NodeInputSchema = z
  .object({
    ref: RefString.optional().describe("Local name for this node, usable by frames/supports/loads in the same call"),
    label: safeText(1, MAX_LABEL_LENGTH).optional().describe('Label shown to users, unique in the model (e.g. "N12"). Omit to auto-number N1, N2, …'),
    x: Num.optional().describe("X coordinate"),
    y: Num.optional().describe("Y coordinate"),
    z: Num.optional().describe("Z coordinate"),
    at: z.tuple([Num, Num, Num]).optional().describe("Coordinates as [x, y, z], instead of x, y, z"),
  })
  .refine((n) => n.at !== undefined || (n.x !== undefined && n.y !== undefined && n.z !== undefined), {
    message: "give either at: [x, y, z] or all of x, y and z",
  })
  .describe("A node. A node within the merge tolerance (1 mm) of an existing node is merged into it.");
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
  .describe('End-rotation shortcut: "pinned" releases bending (ry, rz) at both ends ("FFFFRR"), keeping torsion; "pinned_i"/"pinned_j" at one end; "fixed" releases nothing');

export const FrameInputSchema = z
  .object({
    ref: RefString.optional().describe("Local name for this frame, usable by loads in the same call"),
    label: safeText(1, MAX_LABEL_LENGTH).optional().describe('Label shown to users, unique in the model (e.g. "B12"). Omit to auto-number F1, F2, …'),
    i: ElementRefSchema.describe("Start node: a node ref from this call, or an existing node label or id"),
    j: ElementRefSchema.describe("End node: a node ref from this call, or an existing node label or id"),
    section: safeText(1, MAX_NAME_LENGTH).optional().describe('Section name or id in the model, or a catalogue name ("IPE300", "HEA200", "W14x22", "SHS100x100x5", "CHS168.3x6.3")'),
    material: safeText(1, MAX_NAME_LENGTH).optional().describe('Material name or id in the model, or a catalogue name ("S355", "A992", "C30/37", "GL24h")'),
    roll: Num.optional().describe("Rotation of the section about the member axis, degrees (default 0: web vertical / local y up)"),
    orientation: Vec3InputSchema.optional().describe("Reference vector for local y (the web direction), replacing the default 'up' rule"),
    releaseI: DofCodeInputSchema.optional().describe("End-i releases, member local axes: F = connected, R = released (e.g. \"FFFFRR\" pin)"),
    releaseJ: DofCodeInputSchema.optional().describe("End-j releases, member local axes"),
    release: ReleaseShortcutSchema.optional(),
    role: z.enum(FRAME_ROLES).optional().describe("What the member is (default other)"),
  })
  .describe("A frame (beam/column/brace) between two nodes");
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
  .describe('fixed = all 6 restrained; pinned = translations restrained; roller = only the vertical translation restrained; roller_x/_y/_z = only that global translation restrained');

export const SupportInputSchema = z
  .object({
    node: ElementRefSchema.describe("The supported node: a ref from this call, or an existing node label or id"),
    code: DofCodeInputSchema.optional().describe('Restraint code in global axes, F = restrained, e.g. "FFFRRR"'),
    type: SupportTypeSchema.optional(),
  })
  .refine((s) => s.code !== undefined || s.type !== undefined, { message: "give code or type" })
  .describe("A support (one per node; a new one replaces the node's existing support)");
export type SupportInput = z.infer<typeof SupportInputSchema>;

const Pos = z.number().positive();
export const SectionInputSchema = z
  .object({
    name: safeText(1, MAX_NAME_LENGTH).optional().describe("Unique section name (required for explicit sections; defaults to the catalogue name)"),
    catalogue: safeText(1, MAX_NAME_LENGTH).optional().describe('Copy a catalogue section, e.g. "IPE300", "W14x22", "SHS100x100x5"'),
    A: Pos.optional().describe("Area (sectionLength², default m²)"),
    Iy: Pos.optional().describe("Second moment about local y: WEAK axis (sectionLength⁴)"),
    Iz: Pos.optional().describe("Second moment about local z: STRONG axis for an I-section with its web along local y (sectionLength⁴)"),
    J: Pos.optional().describe("Torsion constant (sectionLength⁴)"),
    shape: SectionShapeSchema.optional().describe("Optional outline for the 3D view, dimensions in sectionLength"),
  })
  .refine((s) => s.catalogue !== undefined || (s.name !== undefined && s.A !== undefined && s.Iy !== undefined && s.Iz !== undefined && s.J !== undefined), {
    message: "give catalogue, or name with A, Iy, Iz and J",
  })
  .describe("A section: explicit properties or a catalogue copy");
export type SectionInput = z.infer<typeof SectionInputSchema>;

export const MaterialInputSchema = z
  .object({
    name: safeText(1, MAX_NAME_LENGTH).optional().describe("Unique material name (required for explicit materials)"),
    catalogue: safeText(1, MAX_NAME_LENGTH).optional().describe('Copy a catalogue material, e.g. "S355", "A992", "C30/37", "GL24h"'),
    E: Pos.optional().describe("Young's modulus (stress unit, default Pa)"),
    G: Pos.optional().describe("Shear modulus (default E / 2(1+nu))"),
    nu: z.number().min(0).max(0.5).optional().describe("Poisson's ratio (default 0.3, concrete 0.2)"),
    density: z.number().min(0).optional().describe("Mass density (default kg/m3; default 0 = weightless)"),
    fy: Pos.optional().describe("Yield strength (stress unit)"),
    kind: z.enum(MATERIAL_KINDS).optional().describe("Material family (default other)"),
  })
  .refine((m) => m.catalogue !== undefined || (m.name !== undefined && m.E !== undefined), { message: "give catalogue, or name with E" })
  .describe("A material: explicit properties or a catalogue copy");
export type MaterialInput = z.infer<typeof MaterialInputSchema>;

export const LoadCaseInputSchema = z
  .object({
    name: safeText(1, MAX_NAME_LENGTH).describe('Unique case name, e.g. "Dead", "Live", "Wind X"'),
    type: z.enum(LOAD_CASE_TYPES).optional().describe("Case type (default guessed from the name, else other)"),
    selfWeight: z.boolean().optional().describe("true = include the frames' self-weight (factor 1, downwards)"),
    selfWeightFactor: Num.nullable().optional().describe("Multiplier on self-weight acting downwards; null = none"),
  })
  .describe("A load case");
export type LoadCaseInput = z.infer<typeof LoadCaseInputSchema>;

const CaseRef = safeText(1, MAX_NAME_LENGTH).describe("Load case name (from this call or the model) or id");
const F = Num.optional();
const force = {
  fx: F.describe("Force along global (or local) x"),
  fy: F.describe("Force along y"),
  fz: F.describe("Force along z"),
  mx: F.describe("Moment about x (force×length)"),
  my: F.describe("Moment about y"),
  mz: F.describe("Moment about z"),
};
const Fraction = z.number().min(0).max(1);
const AxesSchema = z.enum(LOAD_AXES).optional().describe("global (default) or member local axes");

export const LoadInputSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("nodal"),
      case: CaseRef,
      node: ElementRefSchema.describe("Loaded node"),
      ...force,
    })
    .describe("Force/moment at a node, global axes"),
  z
    .object({
      kind: z.literal("frame_point"),
      case: CaseRef,
      frame: ElementRefSchema.describe("Loaded frame: a ref from this call, or a frame label or id"),
      position: Fraction.optional().describe("Where, as a fraction 0..1 of the length from end i"),
      distance: z.number().min(0).optional().describe("Where, as a distance from end i (length unit), instead of position"),
      axes: AxesSchema,
      ...force,
    })
    .refine((l) => l.position !== undefined || l.distance !== undefined, { message: "give position (0..1) or distance" })
    .describe("Concentrated force/moment on a frame"),
  z
    .object({
      kind: z.literal("frame_distributed"),
      case: CaseRef,
      frame: ElementRefSchema.describe("Loaded frame"),
      w: Vec3InputSchema.optional().describe("Uniform intensity (force/length) as [wx, wy, wz], e.g. [0, 0, -5] for 5 down when Z is up"),
      w1: Vec3InputSchema.optional().describe("Intensity at the start of the loaded length (trapezoidal loads)"),
      w2: Vec3InputSchema.optional().describe("Intensity at the end of the loaded length (default w1)"),
      start: Fraction.optional().describe("Start of the loaded length, fraction from end i (default 0)"),
      end: Fraction.optional().describe("End of the loaded length, fraction (default 1)"),
      startDistance: z.number().min(0).optional().describe("Start as a distance from end i, instead of start"),
      endDistance: z.number().min(0).optional().describe("End as a distance from end i, instead of end"),
      axes: AxesSchema,
      projected: z.boolean().optional().describe("Global loads only: intensity per projected length (e.g. snow on a sloping rafter)"),
    })
    .refine((l) => l.w !== undefined || l.w1 !== undefined, { message: "give w (uniform) or w1 (and w2)" })
    .describe("Line load on a frame"),
]);
export type LoadInput = z.infer<typeof LoadInputSchema>;

export const CombinationInputSchema = z
  .object({
    name: safeText(1, MAX_NAME_LENGTH).describe('Unique combination name, e.g. "ULS1"'),
    kind: z.enum(COMBINATION_KINDS).optional().describe("ULS, SLS or other (default other)"),
    factors: z
      .union([
        z.record(safeText(1, MAX_NAME_LENGTH), Num),
        z.array(z.object({ case: CaseRef, factor: Num })).max(MAX_COMBINATION_FACTORS),
      ])
      .describe('Factor per load case name, e.g. { "Dead": 1.35, "Live": 1.5 }'),
  })
  .describe("A load combination");
export type CombinationInput = z.infer<typeof CombinationInputSchema>;

export const ElementsInputSchema = z
  .object({
    units: UnitsInputSchema.optional(),
    defaults: z
      .object({
        section: safeText(1, MAX_NAME_LENGTH).optional().describe("Section for frames that do not name one"),
        material: safeText(1, MAX_NAME_LENGTH).optional().describe("Material for frames that do not name one"),
        role: z.enum(FRAME_ROLES).optional(),
        release: ReleaseShortcutSchema.optional(),
      })
      .optional()
      .describe("Defaults applied to every frame in this call"),
    nodes: z.array(NodeInputSchema).max(MAX_NODES_PER_CALL).optional(),
    frames: z.array(FrameInputSchema).max(MAX_FRAMES_PER_CALL).optional(),
    supports: z.array(SupportInputSchema).max(MAX_NODES_PER_CALL).optional(),
    sections: z.array(SectionInputSchema).max(MAX_SMALL).optional(),
    materials: z.array(MaterialInputSchema).max(MAX_SMALL).optional(),
    loadCases: z.array(LoadCaseInputSchema).max(MAX_SMALL).optional(),
    loads: z.array(LoadInputSchema).max(MAX_LOADS).optional(),
    combinations: z.array(CombinationInputSchema).max(MAX_SMALL).optional(),
  })
  .describe("Elements to add. Later arrays may refer to earlier ones by ref, label or name.");
export type ElementsInput = z.infer<typeof ElementsInputSchema>;

// ── Update ──────────────────────────────────────────────────────────────────────────────────────

export const ElementsUpdateSchema = z
  .object({
    units: UnitsInputSchema.optional(),
    nodes: z
      .array(
        z.object({
          node: ElementRefSchema.describe("Node to change (label or id)"),
          label: safeText(1, MAX_LABEL_LENGTH).optional().describe("New label"),
          x: Num.optional(),
          y: Num.optional(),
          z: Num.optional(),
          at: z.tuple([Num, Num, Num]).optional().describe("New coordinates [x, y, z]"),
        }),
      )
      .max(MAX_NODES_PER_CALL)
      .optional(),
    frames: z
      .array(
        z.object({
          frame: ElementRefSchema.describe("Frame to change (label or id)"),
          label: safeText(1, MAX_LABEL_LENGTH).optional(),
          i: ElementRefSchema.optional().describe("New start node (label or id)"),
          j: ElementRefSchema.optional().describe("New end node (label or id)"),
          section: safeText(1, MAX_NAME_LENGTH).nullable().optional().describe("Section name/id/catalogue name; null to unassign"),
          material: safeText(1, MAX_NAME_LENGTH).nullable().optional().describe("Material name/id/catalogue name; null to unassign"),
          roll: Num.optional(),
          orientation: Vec3InputSchema.nullable().optional().describe("Reference vector for local y; null for the default rule"),
          releaseI: DofCodeInputSchema.optional(),
          releaseJ: DofCodeInputSchema.optional(),
          release: ReleaseShortcutSchema.optional(),
          role: z.enum(FRAME_ROLES).optional(),
        }),
      )
      .max(MAX_FRAMES_PER_CALL)
      .optional(),
    supports: z
      .array(
        z
          .object({
            node: ElementRefSchema.describe("Supported node (label or id)"),
            code: DofCodeInputSchema.optional(),
            type: z.enum([...SUPPORT_TYPES, "free"]).optional().describe('Support type; "free" removes the support'),
          })
          .refine((s) => s.code !== undefined || s.type !== undefined, { message: "give code or type" }),
      )
      .max(MAX_NODES_PER_CALL)
      .optional(),
    sections: z
      .array(
        z.object({
          section: safeText(1, MAX_NAME_LENGTH).describe("Section to change (name or id)"),
          name: safeText(1, MAX_NAME_LENGTH).optional(),
          A: Pos.optional(),
          Iy: Pos.optional(),
          Iz: Pos.optional(),
          J: Pos.optional(),
          shape: SectionShapeSchema.nullable().optional(),
        }),
      )
      .max(MAX_SMALL)
      .optional(),
    materials: z
      .array(
        z.object({
          material: safeText(1, MAX_NAME_LENGTH).describe("Material to change (name or id)"),
          name: safeText(1, MAX_NAME_LENGTH).optional(),
          E: Pos.optional(),
          G: Pos.optional().describe("Shear modulus; when E or nu changes without G, G is recomputed as E / 2(1+nu)"),
          nu: z.number().min(0).max(0.5).optional(),
          density: z.number().min(0).optional(),
          fy: Pos.nullable().optional(),
          kind: z.enum(MATERIAL_KINDS).optional(),
        }),
      )
      .max(MAX_SMALL)
      .optional(),
    loadCases: z
      .array(
        z.object({
          loadCase: safeText(1, MAX_NAME_LENGTH).describe("Load case to change (name or id)"),
          name: safeText(1, MAX_NAME_LENGTH).optional(),
          type: z.enum(LOAD_CASE_TYPES).optional(),
          selfWeightFactor: Num.nullable().optional(),
        }),
      )
      .max(MAX_SMALL)
      .optional(),
    loads: z
      .array(
        z.object({
          id: RefString.describe("Load id"),
          case: CaseRef.optional().describe("Move the load to this case"),
          ...force,
          position: Fraction.optional(),
          start: Fraction.optional(),
          end: Fraction.optional(),
          axes: z.enum(LOAD_AXES).optional(),
          w: Vec3InputSchema.optional(),
          w1: Vec3InputSchema.optional(),
          w2: Vec3InputSchema.optional(),
          projected: z.boolean().optional(),
        }),
      )
      .max(MAX_LOADS)
      .optional(),
    combinations: z
      .array(
        z.object({
          combination: safeText(1, MAX_NAME_LENGTH).describe("Combination to change (name or id)"),
          name: safeText(1, MAX_NAME_LENGTH).optional(),
          kind: z.enum(COMBINATION_KINDS).optional(),
          factors: CombinationInputSchema.shape.factors.optional().describe("Replaces all factors"),
        }),
      )
      .max(MAX_SMALL)
      .optional(),
  })
  .describe("Changes to existing elements, addressed by label, name or id");
export type ElementsUpdate = z.infer<typeof ElementsUpdateSchema>;

// ── Remove ──────────────────────────────────────────────────────────────────────────────────────

const RefList = z.array(ElementRefSchema).max(MAX_ELEMENTS_PER_CALL).optional();
const NameList = z.array(safeText(1, MAX_NAME_LENGTH)).max(MAX_SMALL).optional();
export const ElementsRemoveSchema = z
  .object({
    nodes: RefList.describe("Nodes to remove (labels or ids); their supports and nodal loads go too"),
    frames: RefList.describe("Frames to remove (labels or ids); their loads go too"),
    supports: RefList.describe("Supports to remove, by node label/id or support id"),
    sections: NameList.describe("Sections to remove (names or ids)"),
    materials: NameList.describe("Materials to remove (names or ids)"),
    loadCases: NameList.describe("Load cases to remove (names or ids)"),
    loads: z.array(RefString).max(MAX_LOADS).optional().describe("Loads to remove (ids)"),
    combinations: NameList.describe("Combinations to remove (names or ids)"),
  })
  .describe("Elements to remove");
export type ElementsRemove = z.infer<typeof ElementsRemoveSchema>;
