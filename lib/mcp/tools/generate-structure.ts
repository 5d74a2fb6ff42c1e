import { z } from "zod";
import { planAddElements, invertPatch, hasErrors, type Issue, type PlanResult, type StructuralModel, safeText, refuseControlCharacters } from "@/lib/structural";
import { generateStructure, parseGenerateStructureInput, DEFAULT_LABEL_PREFIX, type GeneratedStructure } from "@/lib/structural/generators";
import { FlatStructureInputSchema, unflattenStructure, type FlatStructureInput } from "@/lib/structural/generators/flat-input";
import { suggestLabelPrefix } from "@/lib/structural/generators/common";
import { createModel, loadModel, writeModel } from "@/lib/db/models";
import { newId } from "@/lib/db/ids";
import { ADDITIVE_WRITE, defineTool } from "../define-tool";
import { addedCounts, planFailed } from "./add-elements";
import { blankModel, maxModelsPerUser } from "./create-model";
import { CountsSchema, DryRunSchema, IdempotencyKeySchema, IssueOutSchema, describeCounts, describeHead, issuesOut } from "./shared";
import { AppError, modelNotFound } from "@/lib/structural/errors";

/**
 * Generates with a label prefix that does not collide with the model's labels. The flat input is
 * parsed here by the generator's exact per-type schema (defaults, parameters the type lacks).
 */
function generateFor(model: StructuralModel, structure: FlatStructureInput): GeneratedStructure {
  const labels = [...model.nodes.map((n) => n.label), ...model.frames.map((f) => f.label)];
  try {
    const prefix = structure.label_prefix ?? suggestLabelPrefix(DEFAULT_LABEL_PREFIX[structure.type], labels);
    return generateStructure(parseGenerateStructureInput({ ...unflattenStructure(structure), label_prefix: prefix }));
  } catch (err) {
    if (err instanceof AppError && err.code === "invalid_parameters") throw new AppError("invalid_parameters", `The structure cannot be generated: ${err.message}`, err.details);
    throw err;
  }
}

export const generateStructureTool = defineTool({
  name: "generate_structure",
  title: "Generate structure",
  description:
    "Generates a frame_2d, building_3d, portal_frame, truss or grid with sections, material, supports and member roles, into modelId or a new model (name). " +
    "All parameters have defaults: \"a small three-bay frame\" is {type: \"frame_2d\", bays: 3}.",
  scope: "write",
  annotations: ADDITIVE_WRITE,
  widget: true,
  inputSchema: z.object({
    modelId: safeText(1, 128).optional().describe("Add to this model (else a new one)"),
    name: refuseControlCharacters(z.string().trim().min(1).max(200)).optional().describe("New model's name"),
    structure: FlatStructureInputSchema,
    dry_run: DryRunSchema,
    idempotency_key: IdempotencyKeySchema,
  }),
  outputSchema: z.object({
    modelId: z.string().nullable(),
    dryRun: z.boolean(),
    revision: z.number().int(),
    summary: z.string(),
    added: CountsSchema,
    groups: z.array(z.object({ name: z.string(), labels: z.array(z.string()) })).describe("New labels by group (first 200 each)"),
    warnings: z.array(IssueOutSchema),
    viewerUrl: z.string().nullable(),
  }),
  invoking: "Generating…",
  invoked: "Structure generated",
  async run(input, ctx) {
    const groupsOut = (g: GeneratedStructure) => g.groups.map((x) => ({ name: x.name, labels: x.refs.slice(0, 200) }));
    const warn = (g: GeneratedStructure, plan: PlanResult) => [
      ...g.warnings.map((w) => ({ code: "GENERATOR_NOTE", severity: "warning" as const, message: w })),
      ...issuesOut(plan.issues.filter((i) => i.severity !== "error")),
    ];
    if (!input.modelId) {
      const name = input.name ?? "Generated structure";
      const blank = blankModel({ ownerId: ctx.userId, name });
      const g = generateFor(blank, input.structure);
      const plan = planAddElements(blank, g.elements, { newId });
      if (!plan.ok || hasErrors(plan.issues)) throw planFailed(plan.issues, "The generated structure cannot be added");
      const added = addedCounts(plan.patch);
      if (input.dry_run) {
        return { structured: { modelId: null, dryRun: true, revision: 0, summary: g.summary, added, groups: groupsOut(g), warnings: warn(g, plan), viewerUrl: null }, text: `Dry run: ${g.summary} Nothing was written.` };
      }
      const { id, revision } = await createModel(ctx.actor, { name }, plan.patch, { summary: `Generated ${input.structure.type}: ${describeCounts(added)}`, maxModelsPerUser: maxModelsPerUser() });
      return {
        structured: { modelId: id, dryRun: false, revision, summary: g.summary, added, groups: groupsOut(g), warnings: warn(g, plan), viewerUrl: ctx.viewerUrl(id) },
        text: `Created "${name}" (id ${id}): ${g.summary} Dimensions in m. Viewer: ${ctx.viewerUrl(id)}`,
      };
    }
    const modelId = input.modelId;
    if (input.dry_run) {
      const found = await loadModel(modelId, ctx.userId);
      if (!found) throw modelNotFound(modelId);
      const g = generateFor(found.model, input.structure);
      const plan = planAddElements(found.model, g.elements, { newId });
      if (!plan.ok || hasErrors(plan.issues)) throw planFailed(plan.issues, "The generated structure cannot be added");
      return {
        structured: { modelId, dryRun: true, revision: found.model.meta.revision, summary: g.summary, added: addedCounts(plan.patch), groups: groupsOut(g), warnings: warn(g, plan), viewerUrl: ctx.viewerUrl(modelId) },
        text: `Dry run: ${g.summary} Nothing was written.`,
      };
    }
    const res = await writeModel<{ g: GeneratedStructure; plan: PlanResult }, Issue[]>(modelId, ctx.actor, (model) => {
      const g = generateFor(model, input.structure);
      const plan = planAddElements(model, g.elements, { newId });
      if (!plan.ok || hasErrors(plan.issues)) return { error: plan.issues };
      return { patch: plan.patch, inverse: invertPatch(model, plan.patch), summary: `Generated ${input.structure.type}: ${describeCounts(addedCounts(plan.patch))}`, result: { g, plan } };
    });
    if (!res.ok) throw planFailed(res.error, "The generated structure cannot be added");
    const { g, plan } = res.result;
    return {
      structured: { modelId, dryRun: false, revision: res.revision, summary: g.summary, added: addedCounts(plan.patch), groups: groupsOut(g), warnings: warn(g, plan), viewerUrl: ctx.viewerUrl(modelId) },
      text: `${g.summary} Added to ${describeHead(res.head)}. Dimensions in m. Viewer: ${ctx.viewerUrl(modelId)}`,
    };
  },
});
