/**
 * Parametric structure generators. `generateStructure(input)` turns a small parameter set into an
 * `add_elements` payload (nodes, frames, supports with stable labels and refs), a one-paragraph
 * summary and named groups of refs. Pure and deterministic: the same input gives deep-equal output.
 *
 *   frame_2d      multi-bay, multi-storey plane frame                (frame2d.ts)
 *   building_3d   orthogonal building with optional bracing          (building3d.ts)
 *   portal_frame  row of pitched or flat portals                     (portal.ts)
 *   truss         pratt, howe, warren, modified_warren, k, fink,
 *                 bowstring, vierendeel, scissors                    (truss.ts, count formulas there)
 *   grid          horizontal grillage                                (grid.ts)
 *
 * Every generator accepts origin, direction, vertical_axis, label_prefix and material (common.ts).
 * Units: metres; sections and materials by catalogue name (or the name/id of one in the model).
 * Objects are strict: an unknown field is an error (so a misspelt parameter is never silently
 * replaced by its default).
 */
import { z } from "zod";
import { Building3DInputSchema, generateBuilding3D } from "./building3d";
import { generatorError, type GeneratedStructure } from "./common";
import { Frame2DInputSchema, generateFrame2D } from "./frame2d";
import { GridInputSchema, generateGrid } from "./grid";
import { PortalFrameInputSchema, generatePortalFrame } from "./portal";
import { TrussInputSchema, generateTruss } from "./truss";

export { Frame2DInputSchema, frame2dCounts, type Frame2DInput } from "./frame2d";
export { Building3DInputSchema, building3dCounts, perimeterEndBays, type Building3DInput, type BraceBay } from "./building3d";
export { PortalFrameInputSchema, portalCounts, defaultRidgeRise, type PortalFrameInput } from "./portal";
export { TrussInputSchema, TRUSS_STYLES, trussCounts, type TrussInput, type TrussStyle } from "./truss";
export { GridInputSchema, gridCounts, type GridInput } from "./grid";
export {
  generatorError,
  MAX_COUNT,
  MAX_GENERATED_FRAMES,
  MAX_GENERATED_NODES,
  MIN_DIMENSION,
  suggestLabelPrefix,
  type GeneratedElements,
  type GeneratedFrame,
  type GeneratedGroup,
  type GeneratedNode,
  type GeneratedStructure,
  type GeneratedSupport,
} from "./common";

export const GENERATOR_TYPES = ["frame_2d", "building_3d", "portal_frame", "truss", "grid"] as const;
export type GeneratorType = (typeof GENERATOR_TYPES)[number];

/** Default label prefix per generator type. */
export const DEFAULT_LABEL_PREFIX: Record<GeneratorType, string> = {
  frame_2d: "PF1-",
  building_3d: "BF1-",
  portal_frame: "PO1-",
  truss: "TR1-",
  grid: "GR1-",
};

export const GenerateStructureInputSchema = z
  .discriminatedUnion("type", [Frame2DInputSchema, Building3DInputSchema, PortalFrameInputSchema, TrussInputSchema, GridInputSchema])
  .describe(
    "A parametric structure. `type` picks the generator; every other field has a sensible default, e.g. { type: \"frame_2d\", bays: 3 } is a one-storey, three-bay steel frame with fixed bases. Dimensions in metres.",
  );
/** Parsed input (defaults applied). */
export type GenerateStructureInput = z.output<typeof GenerateStructureInputSchema>;
/** What callers may pass (defaults optional). */
export type GenerateStructureRawInput = z.input<typeof GenerateStructureInputSchema>;

const SCHEMAS: Record<GeneratorType, z.ZodObject> = {
  frame_2d: Frame2DInputSchema,
  building_3d: Building3DInputSchema,
  portal_frame: PortalFrameInputSchema,
  truss: TrussInputSchema,
  grid: GridInputSchema,
};

type AnyIssue = z.core.$ZodIssue;

function pathText(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

/** Readable messages for zod issues, picking the most relevant branch of `count | list` unions. */
export function formatInputIssues(issues: readonly AnyIssue[], type?: string): string[] {
  const out: string[] = [];
  const visit = (issue: AnyIssue, base: readonly PropertyKey[]) => {
    const path = [...base, ...issue.path];
    const where = pathText(path);
    if (issue.code === "invalid_union") {
      const branches = issue.errors ?? [];
      if (where === "type" || branches.length === 0) {
        if (where === "type" || path.length === 0) {
          out.push(`type must be one of ${GENERATOR_TYPES.map((t) => `"${t}"`).join(", ")}`);
        } else out.push(`${where}: ${issue.message}`);
        return;
      }
      // prefer a branch whose problem is not a plain type mismatch at the union's own path
      // (an "expected int" is not a mismatch: the value was a number, just not a whole one)
      const mismatch = (i: AnyIssue) => i.code === "invalid_type" && i.path.length === 0 && (i as { expected?: string }).expected !== "int";
      // among the rest, the branch that got deepest into the value explains the problem best
      const depth = (br: AnyIssue[]) => Math.max(...br.filter((i) => !mismatch(i)).map((i) => i.path.length));
      const candidates = branches.filter((br) => br.some((i) => !mismatch(i)));
      const relevant = candidates.reduce<AnyIssue[] | undefined>((best, br) => (best === undefined || depth(br) > depth(best) ? br : best), undefined);
      if (relevant) {
        for (const i of relevant) if (!mismatch(i)) visit(i, path);
      } else out.push(`${where}: expected a number or a list of numbers`);
      return;
    }
    if (issue.code === "unrecognized_keys") {
      const keys = issue.keys;
      const schema = type && type in SCHEMAS ? SCHEMAS[type as GeneratorType] : undefined;
      const valid = schema && base.length === 0 && issue.path.length === 0 ? ` Valid fields for ${type}: ${Object.keys(schema.shape).join(", ")}.` : "";
      out.push(`${where ? `${where}: ` : ""}unknown field${keys.length > 1 ? "s" : ""} ${keys.map((k) => `"${k}"`).join(", ")}.${valid}`);
      return;
    }
    if (issue.code === "invalid_value" && where === "type") {
      out.push(`type must be one of ${GENERATOR_TYPES.map((t) => `"${t}"`).join(", ")}`);
      return;
    }
    out.push(where && !issue.message.startsWith(`${where} `) ? `${where}: ${issue.message}` : issue.message);
  };
  for (const i of issues) visit(i, []);
  return [...new Set(out)];
}

/** Parse (applying defaults) or throw the invalid_parameters AppError listing every problem. */
export function parseGenerateStructureInput(input: unknown): GenerateStructureInput {
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw generatorError(["input must be an object with a type field"]);
  const type = (input as { type?: unknown }).type;
  if (typeof type !== "string" || !(GENERATOR_TYPES as readonly string[]).includes(type)) {
    throw generatorError([`type must be one of ${GENERATOR_TYPES.map((t) => `"${t}"`).join(", ")}${typeof type === "string" ? ` (got "${type}")` : ""}`]);
  }
  const parsed = GenerateStructureInputSchema.safeParse(input);
  if (!parsed.success) throw generatorError(formatInputIssues(parsed.error.issues, type));
  return parsed.data;
}

/**
 * Generate a structure. Accepts raw (unparsed) input or already-parsed input; throws
 * the `invalid_parameters` AppError (every problem in `details.problems`) for invalid parameters.
 */
export function generateStructure(input: GenerateStructureRawInput | GenerateStructureInput): GeneratedStructure {
  const parsed = parseGenerateStructureInput(input);
  switch (parsed.type) {
    case "frame_2d":
      return generateFrame2D(parsed);
    case "building_3d":
      return generateBuilding3D(parsed);
    case "portal_frame":
      return generatePortalFrame(parsed);
    case "truss":
      return generateTruss(parsed);
    case "grid":
      return generateGrid(parsed);
  }
}
