import { z } from "zod";
import { ElementsInputSchema, planAddElements, sliceForAdd, hasErrors, type Issue, type PlanResult, type ModelMeta, type ModelRows, type ModelSlice } from "@/lib/structural";
import { editModel, peekModel } from "@/lib/db/models";
import { newId } from "@/lib/db/ids";
import { ADDITIVE_WRITE, defineTool, describeIssues } from "../define-tool";
import { type Counts, CountsSchema, DryRunSchema, IdempotencyKeySchema, IssueOutSchema, ModelIdSchema, describeCounts, describeHead, issuesOut, patchCounts } from "./shared";
import { AppError } from "@/lib/errors";

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

export function planFailed(issues: Issue[], what: string): AppError {
  const errors = issues.filter((i) => i.severity === "error");
  return new AppError("validation_failed", `${what}: nothing was written. Fix ${errors.length === 1 ? "this problem" : `these ${errors.length} problems`} and call again:\n${describeIssues(issues.filter((i) => i.severity !== "info"))}`, { issues: issuesOut(issues) });
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
    const read = (rows: ModelRows, meta: ModelMeta) => sliceForAdd(rows, meta, elements);
    const plan = (slice: ModelSlice) => planAddElements(slice.model, elements, { newId, labelFloor: slice.labelNumbers });
    if (dry_run) {
      const { slice, head } = await peekModel(modelId, ctx.userId, read);
      const p = plan(slice);
      if (!p.ok || hasErrors(p.issues)) throw planFailed(p.issues, "These elements cannot be added");
      const added = addedCounts(p.patch);
      const warnings = issuesOut(p.issues.filter((i) => i.severity !== "error"));
      return {
        structured: { modelId, dryRun: true, revision: head.meta.revision, added, refs: p.refs, warnings, viewerUrl: ctx.viewerUrl(modelId) },
        text: `Dry run: would add ${describeCounts(added)} to "${head.meta.name}" (rev ${head.meta.revision}); nothing was written.${warnings.length ? ` ${warnings.length} warning(s).` : ""}`,
      };
    }
    const res = await editModel<{ plan: PlanResult; added: Counts }, Issue[]>(modelId, ctx.actor, read, (slice) => {
      const p = plan(slice);
      if (!p.ok || hasErrors(p.issues)) return { error: p.issues };
      const added = addedCounts(p.patch);
      return { patch: p.patch, summary: `Added ${describeCounts(added)}`, result: { plan: p, added } };
    });
    if (!res.ok) throw planFailed(res.error, "These elements cannot be added");
    const { plan: done, added } = res.result;
    const warnings = issuesOut(done.issues.filter((i) => i.severity !== "error"));
    return {
      structured: { modelId, dryRun: false, revision: res.revision, added, refs: done.refs, warnings, viewerUrl: ctx.viewerUrl(modelId) },
      text: `Added ${describeCounts(added)} to ${describeHead(res.head)}.${warnings.length ? ` ${warnings.length} warning(s): ${warnings.slice(0, 3).map((w) => w.message).join(" ")}` : ""} Viewer: ${ctx.viewerUrl(modelId)}`,
    };
  },
});
