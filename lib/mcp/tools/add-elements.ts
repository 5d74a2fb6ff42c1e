import { z } from "zod";
import { ElementsInputSchema, planAddElements, invertPatch, applyPatch, hasErrors, type Issue, type PlanResult } from "@/lib/structural";
import { loadModel, writeModel } from "@/lib/db/models";
import { newId } from "@/lib/db/ids";
import { ADDITIVE_WRITE, defineTool, describeIssues, ToolError } from "../define-tool";
import { CountsSchema, DryRunSchema, IdempotencyKeySchema, IssueOutSchema, ModelIdSchema, countsOf, describeCounts, issuesOut, modelNotFound, patchCounts, viewerMeta } from "./shared";

export const AddElementsOutputSchema = z.object({
  modelId: z.string(),
  dryRun: z.boolean(),
  revision: z.number().int().describe("The model's revision after the change (unchanged on a dry run)."),
  added: CountsSchema.describe("How many elements of each kind were (or would be) added."),
  refs: z.record(z.string(), z.string()).describe("Your ref → the new element's id."),
  warnings: z.array(IssueOutSchema),
  viewerUrl: z.string(),
});

/** Counts of what a patch adds. */
export function addedCounts(patch: { add?: unknown }) {
  return patchCounts(patch, "add");
}

export function planFailed(issues: Issue[], what: string): ToolError {
  const errors = issues.filter((i) => i.severity === "error");
  return new ToolError(
    `${what}: nothing was written. Fix ${errors.length === 1 ? "this problem" : `these ${errors.length} problems`} and call again:\n${describeIssues(issues.filter((i) => i.severity !== "info"))}`,
    { code: "validation_failed", issues: issuesOut(issues) as never },
  );
}

export const addElements = defineTool({
  name: "add_elements",
  title: "Add elements",
  description:
    "Adds nodes, frames, supports, sections, materials, load cases, loads and combinations to a model in ONE call. " +
    "Give each new node a `ref` (any short name) and use those refs as frame ends (i, j) in the same call; refer to existing nodes and frames by label (\"N3\", \"F7\") or id. " +
    "Coordinates are metres unless `units` says otherwise. Sections and materials may be catalogue names (IPE300, HEA200, W14x22, SHS100x100x5, S355, A992, C30/37); they are added to the model when first used. " +
    "A new node within 1 mm of an existing one is merged into it (reported as a warning). Every problem is reported at once and nothing is written when any is an error. " +
    "Use dry_run: true to preview. Returns the new ids (ref → id), warnings, the new revision and the viewer URL.",
  scope: "write",
  annotations: ADDITIVE_WRITE,
  widget: true,
  inputSchema: ElementsInputSchema.extend({ modelId: ModelIdSchema, dry_run: DryRunSchema, idempotency_key: IdempotencyKeySchema }),
  outputSchema: AddElementsOutputSchema,
  invoking: "Adding elements…",
  invoked: "Added elements",
  async run(input, ctx) {
    const { modelId, dry_run, idempotency_key: _key, ...elements } = input;
    if (dry_run) {
      const found = await loadModel(modelId, ctx.userId);
      if (!found) throw modelNotFound(modelId);
      const plan = planAddElements(found.model, elements as never, { newId });
      const warnings = issuesOut(plan.issues.filter((i) => i.severity !== "error"));
      if (!plan.ok || hasErrors(plan.issues)) throw planFailed(plan.issues, "These elements cannot be added");
      const added = addedCounts(plan.patch as never);
      return {
        structured: { modelId, dryRun: true, revision: found.model.meta.revision, added, refs: plan.refs, warnings, viewerUrl: ctx.viewerUrl(modelId) },
        text: `Dry run: would add ${describeCounts(added)} to "${found.model.meta.name}" (rev ${found.model.meta.revision}); nothing was written.${warnings.length ? ` ${warnings.length} warning(s).` : ""}`,
      };
    }
    const res = await writeModel<{ plan: PlanResult; added: ReturnType<typeof addedCounts> }, Issue[]>(modelId, ctx.actor, (model) => {
      const plan = planAddElements(model, elements as never, { newId });
      if (!plan.ok || hasErrors(plan.issues)) return { error: plan.issues };
      const added = addedCounts(plan.patch as never);
      return {
        patch: plan.patch,
        inverse: invertPatch(model, plan.patch),
        summary: `Added ${describeCounts(added)}`,
        result: { plan, added },
      };
    });
    if (!res.ok) throw planFailed(res.error, "These elements cannot be added");
    const { plan, added } = res.result;
    const after = applyPatch(res.model, plan.patch);
    after.meta = { ...after.meta, revision: res.revision };
    const warnings = issuesOut(plan.issues.filter((i) => i.severity !== "error"));
    return {
      structured: { modelId, dryRun: false, revision: res.revision, added, refs: plan.refs, warnings, viewerUrl: ctx.viewerUrl(modelId) },
      text: `Added ${describeCounts(added)} to "${after.meta.name}" (now rev ${res.revision}, ${countsOf(after).nodes} nodes, ${countsOf(after).frames} frames).${warnings.length ? ` ${warnings.length} warning(s): ${warnings.slice(0, 3).map((w) => w.message).join(" ")}` : ""} Viewer: ${ctx.viewerUrl(modelId)}`,
      meta: viewerMeta(after, ctx, res.revision),
    };
  },
});
