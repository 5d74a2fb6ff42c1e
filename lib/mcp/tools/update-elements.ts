import { z } from "zod";
import {
  ElementsUpdateWithSelectionSchema,
  expandUpdateSelections,
  planUpdateElements,
  sliceForUpdate,
  hasErrors,
  unitIssuesOfPatch,
  type ElementsUpdate,
  type Issue,
  type PlanChangeResult,
} from "@/lib/structural";
import { editModel } from "@/lib/db/models";
import { newId } from "@/lib/db/ids";
import { defineTool, DESTRUCTIVE_WRITE } from "../define-tool";
import { planFailed } from "./add-elements";
import { type Counts, CountsSchema, IdempotencyKeySchema, IssueOutSchema, ModelIdSchema, describeCounts, describeHead, issuesOut, patchCounts, unitsUsed, warningsText } from "./shared";

export const updateElements = defineTool({
  name: "update_elements",
  title: "Update elements",
  description:
    "Changes existing elements by label, name or id (coordinates, ends, section, material, releases, role, supports, properties, loads, combinations). " +
    "Many frames at once: frames [{where: {role: \"beam\"}, section: \"IPE400\"}]. Overwrites (undo_change restores); every problem reported at once, nothing written on an error.",
  scope: "write",
  annotations: DESTRUCTIVE_WRITE,
  inputSchema: ElementsUpdateWithSelectionSchema.extend({ modelId: ModelIdSchema, idempotency_key: IdempotencyKeySchema }),
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
    let expanded: { input: ElementsUpdate; issues: Issue[] } = { input: {}, issues: [] };
    const res = await editModel<{ plan: PlanChangeResult; updated: Counts; warnings: ReturnType<typeof issuesOut> }, Issue[]>(
      modelId,
      ctx.actor,
      async (rows, meta) => {
        expanded = await expandUpdateSelections(changes, rows);
        return sliceForUpdate(rows, meta, expanded.input);
      },
      (slice) => {
        if (hasErrors(expanded.issues)) return { error: expanded.issues };
        const plan = planUpdateElements(slice.model, expanded.input, { newId });
        if (!plan.ok || hasErrors(plan.issues)) return { error: plan.issues };
        const updated = patchCounts(plan.patch, "update");
        const warnings = issuesOut([...plan.issues.filter((i) => i.severity !== "error"), ...unitIssuesOfPatch(slice.model, plan.patch)]);
        return { patch: plan.patch, summary: `Updated ${describeCounts(updated)}`, result: { plan, updated, warnings } };
      },
    );
    if (!res.ok) throw planFailed(res.error, "These changes cannot be applied");
    const { updated, warnings } = res.result;
    return {
      structured: { modelId, revision: res.revision, updated, warnings, viewerUrl: ctx.viewerUrl(modelId) },
      text: `Updated ${describeCounts(updated)} in ${describeHead(res.head)}. ${unitsUsed(changes.units, res.head.meta.displayUnits)}${warningsText(warnings)} Viewer: ${ctx.viewerUrl(modelId)}`,
    };
  },
});
