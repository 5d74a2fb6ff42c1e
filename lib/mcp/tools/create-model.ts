import { z } from "zod";
import { ElementsInputSchema, planAddElements, emptyPatch, hasErrors, type StructuralModel, safeText, refuseControlCharacters } from "@/lib/structural";
import { createModel } from "@/lib/db/models";
import { newId } from "@/lib/db/ids";
import { ADDITIVE_WRITE, defineTool } from "../define-tool";
import { addedCounts, planFailed } from "./add-elements";
import { CountsSchema, DryRunSchema, IdempotencyKeySchema, IssueOutSchema, describeCounts, issuesOut } from "./shared";
import { env } from "@/lib/env";

/** Models one account may own (SPECTRAL_MAX_MODELS_PER_USER). */
export const maxModelsPerUser = (): number => env().SPECTRAL_MAX_MODELS_PER_USER;

export const DisplayUnitsInputSchema = z
  .object({
    length: z.enum(["m", "mm", "cm", "in", "ft"]).default("m").describe("Length unit for display (storage is always SI)."),
    force: z.enum(["N", "kN", "kip", "lbf"]).default("kN").describe("Force unit for display."),
  })
  .describe("Units the viewer shows; numbers you send are metres/newtons unless `units` says otherwise.");

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
    "Creates a new structural model owned by the user: empty, or with initial elements (the same fields as add_elements: nodes with refs, frames between them, supports, sections, materials, load cases, loads, combinations). " +
    "Returns the model id, revision and the viewer URL to give the user. Use import_model instead when the user has a nodes-and-frames JSON payload.",
  scope: "write",
  annotations: ADDITIVE_WRITE,
  widget: true,
  inputSchema: ElementsInputSchema.extend({
    name: refuseControlCharacters(z.string().trim().min(1).max(200)).describe("The model's name, e.g. \"Concept Grid A\"."),
    description: safeText(0, 2000).optional().describe("What the model is for."),
    display_units: DisplayUnitsInputSchema.optional(),
    vertical_axis: z.enum(["Z", "Y"]).default("Z").describe("Which global axis points up (default Z)."),
    dry_run: DryRunSchema,
    idempotency_key: IdempotencyKeySchema,
  }),
  outputSchema: z.object({
    modelId: z.string().nullable().describe("The new model's id (null on a dry run)."),
    name: z.string(),
    dryRun: z.boolean(),
    revision: z.number().int(),
    added: CountsSchema,
    refs: z.record(z.string(), z.string()),
    warnings: z.array(IssueOutSchema),
    viewerUrl: z.string().nullable(),
  }),
  invoking: "Creating the model…",
  invoked: "Model created",
  async run(input, ctx) {
    const { name, description, display_units, vertical_axis, dry_run, idempotency_key: _k, ...elements } = input;
    const blank = blankModel({ ownerId: ctx.userId, name, description: description ?? "", verticalAxis: vertical_axis, displayUnits: display_units ?? { length: "m", force: "kN" } });
    const hasElements = Object.entries(elements).some(([k, v]) => Array.isArray(v) && v.length > 0 && k !== "units");
    const plan = hasElements ? planAddElements(blank, elements as never, { newId }) : { ok: true, patch: emptyPatch(), refs: {}, issues: [] };
    if (!plan.ok || hasErrors(plan.issues)) throw planFailed(plan.issues, "The model cannot be created with these elements");
    const added = addedCounts(plan.patch as never);
    const warnings = issuesOut(plan.issues.filter((i) => i.severity !== "error"));
    if (dry_run) {
      return {
        structured: { modelId: null, name, dryRun: true, revision: 0, added, refs: plan.refs, warnings, viewerUrl: null },
        text: `Dry run: would create "${name}" with ${describeCounts(added)}; nothing was written.`,
      };
    }
    const { id, revision } = await createModel(
      ctx.actor,
      { name, description, displayUnits: display_units, verticalAxis: vertical_axis },
      hasElements ? plan.patch : null,
      { summary: hasElements ? `Created model "${name}" with ${describeCounts(added)}` : `Created model "${name}"`, maxModelsPerUser: maxModelsPerUser() },
    );
    return {
      structured: { modelId: id, name, dryRun: false, revision, added, refs: plan.refs, warnings, viewerUrl: ctx.viewerUrl(id) },
      text: `Created model "${name}" (id ${id}, rev ${revision})${hasElements ? ` with ${describeCounts(added)}` : ""}. Viewer: ${ctx.viewerUrl(id)}`,
    };
  },
});
