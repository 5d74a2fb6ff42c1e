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
    "Deletes elements by label, name or id; removing what others use is an error unless cascade: true (then dependants go too). Destructive: confirm first. undo_change restores.",
  scope: "write",
  annotations: DESTRUCTIVE_WRITE,
  inputSchema: ElementsRemoveSchema.extend({
    modelId: ModelIdSchema,
    cascade: z.boolean().default(false).describe("Also remove dependants (frames on removed nodes, their loads, …)"),
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
