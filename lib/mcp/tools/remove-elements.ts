import { z } from "zod";
import { ElementsRemoveSchema, planRemoveElements, invertPatch, applyPatch, hasErrors, type Issue, type PlanChangeResult } from "@/lib/structural";
import { writeModel } from "@/lib/db/models";
import { defineTool, DESTRUCTIVE_WRITE } from "../define-tool";
import { planFailed } from "./add-elements";
import { CountsSchema, IdempotencyKeySchema, IssueOutSchema, ModelIdSchema, describeCounts, issuesOut, patchCounts, viewerMeta } from "./shared";

function removedCounts(patch: { remove: unknown }) {
  return patchCounts(patch, "remove");
}

export const removeElements = defineTool({
  name: "remove_elements",
  title: "Remove elements",
  description:
    "Deletes elements from a model by label, name or id. Removing a node that frames still use is an error unless cascade is true, which also removes those frames, their loads and the node's support and loads; " +
    "likewise sections, materials and load cases in use. Destructive: confirm with the user first. The removed elements stay in the model's history and undo_change brings them back. " +
    "Every problem is reported at once and nothing is written when any is an error.",
  scope: "write",
  annotations: DESTRUCTIVE_WRITE,
  widget: true,
  inputSchema: ElementsRemoveSchema.extend({
    modelId: ModelIdSchema,
    cascade: z.boolean().default(false).describe("Also remove what depends on the removed elements (frames on removed nodes, loads on removed frames, …)."),
    idempotency_key: IdempotencyKeySchema,
  }),
  outputSchema: z.object({
    modelId: z.string(),
    revision: z.number().int(),
    removed: CountsSchema,
    warnings: z.array(IssueOutSchema),
    viewerUrl: z.string(),
  }),
  invoking: "Removing elements…",
  invoked: "Elements removed",
  async run(input, ctx) {
    const { modelId, cascade, idempotency_key: _k, ...which } = input;
    const res = await writeModel<{ plan: PlanChangeResult; removed: ReturnType<typeof removedCounts> }, Issue[]>(modelId, ctx.actor, (model) => {
      const plan = planRemoveElements(model, which as never, { cascade });
      if (!plan.ok || hasErrors(plan.issues)) return { error: plan.issues };
      const removed = removedCounts(plan.patch as never);
      return { patch: plan.patch, inverse: invertPatch(model, plan.patch), summary: `Removed ${describeCounts(removed)}`, result: { plan, removed } };
    });
    if (!res.ok) throw planFailed(res.error, "These elements cannot be removed");
    const { plan, removed } = res.result;
    const after = applyPatch(res.model, plan.patch);
    after.meta = { ...after.meta, revision: res.revision };
    const warnings = issuesOut(plan.issues.filter((i) => i.severity !== "error"));
    return {
      structured: { modelId, revision: res.revision, removed, warnings, viewerUrl: ctx.viewerUrl(modelId) },
      text: `Removed ${describeCounts(removed)} from "${after.meta.name}" (now rev ${res.revision}). undo_change restores them. Viewer: ${ctx.viewerUrl(modelId)}`,
      meta: viewerMeta(after, ctx, res.revision),
    };
  },
});
