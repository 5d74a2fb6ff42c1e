import { z } from "zod";
import {
  ElementsInputWithSelectionSchema,
  expandAddSelections,
  memoryRows,
  planAddElements,
  sliceForAdd,
  hasErrors,
  unitIssuesOfPatch,
  refuseControlCharacters,
  type ElementsInput,
  type Issue,
  type PlanResult,
  type ModelMeta,
  type ModelRows,
  type ModelSlice,
} from "@/lib/structural";
import { createModel, editModel, peekModel } from "@/lib/db/models";
import { newId } from "@/lib/db/ids";
import { ADDITIVE_WRITE, defineTool, describeIssues, type ToolContext } from "../define-tool";
import { blankModel, maxModelsPerUser } from "./create-model";
import { AppError } from "@/lib/structural/errors";
import {
  type Counts,
  CountsSchema,
  DryRunSchema,
  IdempotencyKeySchema,
  IssueOutSchema,
  ModelIdSchema,
  describeCounts,
  describeHead,
  issuesOut,
  patchCounts,
  unitsUsed,
  warningsText,
} from "./shared";

export const AddElementsOutputSchema = z.object({
  modelId: z.string().nullable().describe("null on a dry run of a new model"),
  dryRun: z.boolean(),
  revision: z.number().int(),
  added: CountsSchema,
  refs: z.record(z.string(), z.string()).describe("Your ref → new id"),
  warnings: z.array(IssueOutSchema),
  viewerUrl: z.string().nullable(),
});

/** Counts of what a patch adds. */
export function addedCounts(patch: { add?: unknown }) {
  return patchCounts(patch, "add");
}

export function planFailed(issues: Issue[], what: string): AppError {
  const errors = issues.filter((i) => i.severity === "error");
  return new AppError("validation_failed", `${what}: nothing was written. Fix ${errors.length === 1 ? "this problem" : `these ${errors.length} problems`} and call again:\n${describeIssues(issues.filter((i) => i.severity !== "info"))}`, { issues: issuesOut(issues) });
}

/** Warnings of a plan: the planner's, then the unit plausibility of what it adds (checks-units.ts). */
function warningsOf(p: PlanResult, model: ModelSlice["model"]) {
  return issuesOut([...p.issues.filter((i) => i.severity !== "error"), ...unitIssuesOfPatch(model, p.patch)]);
}

export const addElements = defineTool({
  name: "add_elements",
  title: "Add elements",
  description:
    "Adds nodes, frames, supports, sections, materials, load cases, loads and combinations in one call, to modelId or a new model (name). " +
    "New nodes get a ref that frames use as i/j; existing elements go by label or id; loads on many frames: where {role: \"beam\"}. " +
    "Numbers are SI unless units says otherwise; implausible ones get UNITS_* warnings. Catalogue names (spectral://catalogue/sections, /materials) are copied in on use. " +
    "Every problem is reported at once; nothing is written on an error.",
  scope: "write",
  annotations: ADDITIVE_WRITE,
  widget: true,
  inputSchema: ElementsInputWithSelectionSchema.extend({
    modelId: ModelIdSchema.optional().describe("Model to add to"),
    name: refuseControlCharacters(z.string().trim().min(1).max(200)).optional().describe("Instead of modelId: create a model with this name"),
    dry_run: DryRunSchema,
    idempotency_key: IdempotencyKeySchema,
  }),
  outputSchema: AddElementsOutputSchema,
  invoking: "Adding elements…",
  invoked: "Added elements",
  async run(input, ctx) {
    const { modelId, name, dry_run, idempotency_key: _key, ...elements } = input;
    if (!modelId === !name) throw new AppError("invalid_arguments", "Give modelId (add to that model) or name (create a new model with these elements), not both.");
    if (!modelId) return addToNewModel(name!, elements, dry_run, ctx);
    let expanded: { input: ElementsInput; issues: Issue[] } = { input: elements as ElementsInput, issues: [] };
    const read = async (rows: ModelRows, meta: ModelMeta) => {
      expanded = await expandAddSelections(elements, rows);
      return sliceForAdd(rows, meta, expanded.input);
    };
    const plan = (slice: ModelSlice) => planAddElements(slice.model, expanded.input, { newId, labelFloor: slice.labelNumbers });
    const units = (display: ModelMeta["displayUnits"]) => unitsUsed(elements.units, display);
    if (dry_run) {
      const { slice, head } = await peekModel(modelId, ctx.userId, read);
      if (hasErrors(expanded.issues)) throw planFailed(expanded.issues, "These elements cannot be added");
      const p = plan(slice);
      if (!p.ok || hasErrors(p.issues)) throw planFailed(p.issues, "These elements cannot be added");
      const added = addedCounts(p.patch);
      const warnings = warningsOf(p, slice.model);
      return {
        structured: { modelId, dryRun: true, revision: head.meta.revision, added, refs: p.refs, warnings, viewerUrl: ctx.viewerUrl(modelId) },
        text: `Dry run: would add ${describeCounts(added)} to "${head.meta.name}" (rev ${head.meta.revision}); nothing was written. ${units(head.meta.displayUnits)}${warningsText(warnings)}`,
      };
    }
    const res = await editModel<{ plan: PlanResult; added: Counts; warnings: ReturnType<typeof warningsOf> }, Issue[]>(modelId, ctx.actor, read, (slice) => {
      if (hasErrors(expanded.issues)) return { error: expanded.issues };
      const p = plan(slice);
      if (!p.ok || hasErrors(p.issues)) return { error: p.issues };
      const added = addedCounts(p.patch);
      return { patch: p.patch, summary: `Added ${describeCounts(added)}`, result: { plan: p, added, warnings: warningsOf(p, slice.model) } };
    });
    if (!res.ok) throw planFailed(res.error, "These elements cannot be added");
    const { plan: done, added, warnings } = res.result;
    return {
      structured: { modelId, dryRun: false, revision: res.revision, added, refs: done.refs, warnings, viewerUrl: ctx.viewerUrl(modelId) },
      text: `Added ${describeCounts(added)} to ${describeHead(res.head)}. ${units(res.head.meta.displayUnits)}${warningsText(warnings)} Viewer: ${ctx.viewerUrl(modelId)}`,
    };
  },
});

/** add_elements with a name: a new model holding these elements, in one write. */
async function addToNewModel(name: string, elements: z.output<typeof ElementsInputWithSelectionSchema>, dryRun: boolean, ctx: ToolContext) {
  const blank = blankModel({ ownerId: ctx.userId, name });
  // A new model has no frames yet: any selection (where) is reported as matching nothing.
  const { input, issues } = await expandAddSelections(elements, memoryRows(blank));
  if (hasErrors(issues)) throw planFailed(issues, "The model cannot be created with these elements");
  const p = planAddElements(blank, input, { newId });
  if (!p.ok || hasErrors(p.issues)) throw planFailed(p.issues, "The model cannot be created with these elements");
  const added = addedCounts(p.patch);
  const warnings = warningsOf(p, blank);
  const units = unitsUsed(elements.units, blank.meta.displayUnits);
  if (dryRun) {
    return {
      structured: { modelId: null, dryRun: true, revision: 0, added, refs: p.refs, warnings, viewerUrl: null },
      text: `Dry run: would create "${name}" with ${describeCounts(added)}; nothing was written. ${units}${warningsText(warnings)}`,
    };
  }
  const { id, revision } = await createModel(ctx.actor, { name }, p.patch, { summary: `Created model "${name}" with ${describeCounts(added)}`, maxModelsPerUser: maxModelsPerUser() });
  return {
    structured: { modelId: id, dryRun: false, revision, added, refs: p.refs, warnings, viewerUrl: ctx.viewerUrl(id) },
    text: `Created model "${name}" (id ${id}, rev ${revision}) with ${describeCounts(added)}. ${units}${warningsText(warnings)} Viewer: ${ctx.viewerUrl(id)}`,
  };
}
