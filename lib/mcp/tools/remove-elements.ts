import { z } from "zod";
import { ElementsRemoveSchema, planRemoveElements, sliceForRemove, hasErrors, type Issue, type PlanChangeResult } from "@/lib/structural";
import { editModel } from "@/lib/db/models";
import { defineTool, DESTRUCTIVE_WRITE } from "../define-tool";
import { planFailed } from "./add-elements";
import { type Counts, CountsSchema, IdempotencyKeySchema, IssueOutSchema, ModelIdSchema, describeCounts, describeHead, issuesOut, patchCounts } from "./shared";

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
    const res = await editModel<{ plan: PlanChangeResult; removed: Counts }, Issue[]>(modelId, ctx.actor, (rows, meta) => sliceForRemove(rows, meta, which), (slice) => {
      const plan = planRemoveElements(slice.model, which, { cascade });
      if (!plan.ok || hasErrors(plan.issues)) return { error: plan.issues };
      const removed = patchCounts(plan.patch, "remove");
      return { patch: plan.patch, summary: `Removed ${describeCounts(removed)}`, result: { plan, removed } };
    });
    if (!res.ok) throw planFailed(res.error, "These elements cannot be removed");
    const { plan, removed } = res.result;
    const warnings = issuesOut(plan.issues.filter((i) => i.severity !== "error"));
    return {
      structured: { modelId, revision: res.revision, removed, warnings, viewerUrl: ctx.viewerUrl(modelId) },
      text: `Removed ${describeCounts(removed)} from ${describeHead(res.head)}. undo_change restores them. Viewer: ${ctx.viewerUrl(modelId)}`,
    };
  },
});
