import { z } from "zod";
import { ElementsUpdateSchema, planUpdateElements, sliceForUpdate, hasErrors, type Issue, type PlanChangeResult } from "@/lib/structural";
import { editModel } from "@/lib/db/models";
import { newId } from "@/lib/db/ids";
import { defineTool, DESTRUCTIVE_WRITE } from "../define-tool";
import { planFailed } from "./add-elements";
import { type Counts, CountsSchema, IdempotencyKeySchema, IssueOutSchema, ModelIdSchema, describeCounts, describeHead, issuesOut, patchCounts } from "./shared";

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
    const res = await editModel<{ plan: PlanChangeResult; updated: Counts }, Issue[]>(modelId, ctx.actor, (rows, meta) => sliceForUpdate(rows, meta, changes), (slice) => {
      const plan = planUpdateElements(slice.model, changes, { newId });
      if (!plan.ok || hasErrors(plan.issues)) return { error: plan.issues };
      const updated = patchCounts(plan.patch, "update");
      return { patch: plan.patch, summary: `Updated ${describeCounts(updated)}`, result: { plan, updated } };
    });
    if (!res.ok) throw planFailed(res.error, "These changes cannot be applied");
    const { plan, updated } = res.result;
    const warnings = issuesOut(plan.issues.filter((i) => i.severity !== "error"));
    return {
      structured: { modelId, revision: res.revision, updated, warnings, viewerUrl: ctx.viewerUrl(modelId) },
      text: `Updated ${describeCounts(updated)} in ${describeHead(res.head)}.${warnings.length ? ` ${warnings.length} warning(s): ${warnings.slice(0, 3).map((w) => w.message).join(" ")}` : ""} Viewer: ${ctx.viewerUrl(modelId)}`,
    };
  },
});
