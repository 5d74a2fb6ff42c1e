import { z } from "zod";
import { ElementsUpdateSchema, planUpdateElements, invertPatch, applyPatch, hasErrors, type Issue, type PlanChangeResult } from "@/lib/structural";
import { writeModel } from "@/lib/db/models";
import { newId } from "@/lib/db/ids";
import { defineTool, DESTRUCTIVE_WRITE } from "../define-tool";
import { planFailed } from "./add-elements";
import { CountsSchema, IdempotencyKeySchema, IssueOutSchema, ModelIdSchema, describeCounts, issuesOut, patchCounts, viewerMeta } from "./shared";

function updatedCounts(patch: { update: unknown }) {
  return patchCounts(patch, "update");
}

export const updateElements = defineTool({
  name: "update_elements",
  title: "Update elements",
  description:
    "Changes existing elements of a model: node coordinates or labels, a frame's ends, section, material, roll, releases or role, support codes, section and material properties, load values, combination factors. " +
    "Refer to elements by label or id (get_model lists them). Every problem is reported at once and nothing is written when any is an error. " +
    "Overwrites values (the previous ones stay in the model's history and can be restored with undo_change). Returns the new revision and the viewer URL.",
  scope: "write",
  annotations: DESTRUCTIVE_WRITE,
  widget: true,
  inputSchema: ElementsUpdateSchema.extend({ modelId: ModelIdSchema, idempotency_key: IdempotencyKeySchema }),
  outputSchema: z.object({
    modelId: z.string(),
    revision: z.number().int(),
    updated: CountsSchema,
    warnings: z.array(IssueOutSchema),
    viewerUrl: z.string(),
  }),
  invoking: "Updating elements…",
  invoked: "Elements updated",
  async run(input, ctx) {
    const { modelId, idempotency_key: _k, ...changes } = input;
    const res = await writeModel<{ plan: PlanChangeResult; updated: ReturnType<typeof updatedCounts> }, Issue[]>(modelId, ctx.actor, (model) => {
      const plan = planUpdateElements(model, changes as never, { newId });
      if (!plan.ok || hasErrors(plan.issues)) return { error: plan.issues };
      const updated = updatedCounts(plan.patch as never);
      return { patch: plan.patch, inverse: invertPatch(model, plan.patch), summary: `Updated ${describeCounts(updated)}`, result: { plan, updated } };
    });
    if (!res.ok) throw planFailed(res.error, "These changes cannot be applied");
    const { plan, updated } = res.result;
    const after = applyPatch(res.model, plan.patch);
    after.meta = { ...after.meta, revision: res.revision };
    const warnings = issuesOut(plan.issues.filter((i) => i.severity !== "error"));
    return {
      structured: { modelId, revision: res.revision, updated, warnings, viewerUrl: ctx.viewerUrl(modelId) },
      text: `Updated ${describeCounts(updated)} in "${after.meta.name}" (now rev ${res.revision}). Viewer: ${ctx.viewerUrl(modelId)}`,
      meta: viewerMeta(after, ctx, res.revision),
    };
  },
});
