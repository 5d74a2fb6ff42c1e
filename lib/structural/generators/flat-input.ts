/**
 * The generator parameters as ONE flat object: what generate_structure advertises to clients.
 *
 * GenerateStructureInputSchema (index.ts) is a union of five strict per-type schemas that repeat
 * the shared fields (origin, direction, material, …) and spell out every default: exact, but 21 KB
 * of JSON Schema that an assistant would read on every turn. Here each parameter appears once,
 * says which types use it, and has no default (the per-type schema fills them in). Parsing the
 * flat object only checks shapes; generateStructure() then parses the same object with the
 * per-type schema, which refuses a parameter the chosen type does not have and reports every
 * problem (the invalid_parameters AppError). Dimensions are metres.
 */
import { z } from "zod";
import { GENERATOR_TYPES } from "./index";

const Count = z.number().int().min(1).max(200);
const Len = z.number();
const CountOrList = z.union([Count, z.array(z.number()).min(1).max(200)]);
const Name = z.string().min(1).max(200);

/** The parameters most calls set, one field each (the rest go in `more`). */
const common = {
  type: z.enum(GENERATOR_TYPES).describe("Structure type"),
  bays: CountOrList.optional().describe("frame_2d: count or spans"),
  bay_width: Len.optional().describe("frame_2d: span (6)"),
  bays_x: CountOrList.optional().describe("building_3d, grid: x bays"),
  bays_y: CountOrList.optional().describe("building_3d, grid: y bays"),
  bay_width_x: Len.optional().describe("x span"),
  bay_width_y: Len.optional().describe("y span"),
  storeys: CountOrList.optional().describe("Count or heights"),
  storey_height: Len.optional().describe("Storey height (3.5)"),
  span: Len.optional().describe("portal_frame, truss (20)"),
  eaves_height: Len.optional().describe("portal_frame (6)"),
  frames: Count.optional().describe("portal_frame: portals"),
  frame_spacing: Len.optional().describe("portal_frame (6)"),
  style: z.enum(["pratt", "howe", "warren", "modified_warren", "k", "fink", "bowstring", "vierendeel", "scissors"]).optional().describe("truss"),
  depth: Len.optional().describe("truss depth"),
  panels: Count.optional().describe("truss panels (8)"),
  base: z.enum(["fixed", "pinned"]).optional().describe("Column bases"),
  column_section: Name.optional().describe("Columns"),
  beam_section: Name.optional().describe("frame_2d beams"),
  material: Name.optional().describe("All members (S355)"),
  origin: z.tuple([z.number(), z.number(), z.number()]).optional().describe("Start corner"),
  direction: z.union([z.number(), z.tuple([z.number(), z.number(), z.number()])]).optional().describe("Plan angle° or vector"),
  label_prefix: z.string().max(32).optional().describe("Label prefix"),
};

/** The other parameters, by name: read in `more` and checked by the per-type schema. */
export const MORE_PARAMETERS = [
  "ridge_rise", "rafter_divisions", "longitudinal", "wall_bracing", "rise", "shape", "bottom_rise", "diagonals", "supports",
  "support_type", "out_of_plane", "beam_ends", "column_orientation", "bracing", "braced_bays", "beam_x_section",
  "beam_y_section", "brace_section", "rafter_section", "tie_section", "chord_section", "top_chord_section",
  "bottom_chord_section", "web_section", "vertical_section", "vertical_axis",
] as const;

export const FlatStructureInputSchema = z
  .strictObject({
    ...common,
    more: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Other parameters, e.g. {"bracing": "x"}: spectral://docs/generators'),
  })
  .describe("type, then its parameters, all optional (defaults and the rest: spectral://docs/generators); metres");
export type FlatStructureInput = z.infer<typeof FlatStructureInputSchema>;

/** The generator's own input: the flat fields with `more` merged in (per-type parsing follows). */
export function unflattenStructure(input: FlatStructureInput): Record<string, unknown> {
  const { more, ...rest } = input;
  return { ...(more ?? {}), ...rest };
}
