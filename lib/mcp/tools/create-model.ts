import { z } from "zod";
import { type StructuralModel, safeText, refuseControlCharacters } from "@/lib/structural";
import { createModel } from "@/lib/db/models";
import { ADDITIVE_WRITE, defineTool } from "../define-tool";
import { IdempotencyKeySchema } from "./shared";
import { env } from "@/lib/env";

/** Models one account may own (SPECTRAL_MAX_MODELS_PER_USER). */
export const maxModelsPerUser = (): number => env().SPECTRAL_MAX_MODELS_PER_USER;

export const DisplayUnitsInputSchema = z
  .object({
    length: z.enum(["m", "mm", "cm", "in", "ft"]).default("m").describe("Length (m)"),
    force: z.enum(["N", "kN", "kip", "lbf"]).default("kN").describe("Force (kN)"),
  })
  .describe("Units the viewer shows (storage is SI)");

/** An empty model for planning elements that go into a model that does not exist yet. */
export function blankModel(meta: Partial<StructuralModel["meta"]> & { ownerId: string; name: string }): StructuralModel {
  return {
    meta: { id: "new", description: "", displayUnits: { length: "m", force: "kN" }, verticalAxis: "Z", revision: 0, ...meta },
    nodes: [], frames: [], supports: [], sections: [], materials: [], loadCases: [], loads: [], combinations: [],
  };
}

export const createModelTool = defineTool({
  name: "create_model",
  title: "Create model",
  description:
    "Creates an empty model and returns its id and viewer URL. With elements: add_elements with name; from JSON: import_model; standard structures: generate_structure.",
  scope: "write",
  annotations: ADDITIVE_WRITE,
  widget: true,
  inputSchema: z.strictObject(
    {
      name: refuseControlCharacters(z.string().trim().min(1).max(200)).describe("Model name"),
      description: safeText(0, 2000).optional().describe("What the model is for"),
      display_units: DisplayUnitsInputSchema.optional(),
      vertical_axis: z.enum(["Z", "Y"]).default("Z").describe("Up axis"),
      idempotency_key: IdempotencyKeySchema,
    },
    { error: (iss) => (iss.code === "unrecognized_keys" ? `create_model takes only a name and options; send elements with add_elements (modelId, or name to create the model with them)` : undefined) },
  ),
  outputSchema: z.object({
    modelId: z.string(),
    name: z.string(),
    revision: z.number().int(),
    viewerUrl: z.string(),
  }),
  invoking: "Creating the model…",
  invoked: "Model created",
  async run(input, ctx) {
    const { name, description, display_units, vertical_axis } = input;
    const { id, revision } = await createModel(ctx.actor, { name, description, displayUnits: display_units, verticalAxis: vertical_axis }, null, {
      summary: `Created model "${name}"`,
      maxModelsPerUser: maxModelsPerUser(),
    });
    const units = display_units ?? { length: "m", force: "kN" };
    return {
      structured: { modelId: id, name, revision, viewerUrl: ctx.viewerUrl(id) },
      text: `Created model "${name}" (id ${id}, rev ${revision}). Viewer: ${ctx.viewerUrl(id)} (display units ${units.length}, ${units.force}; numbers you send are SI unless units says otherwise)`,
    };
  },
});
