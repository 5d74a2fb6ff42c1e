import { z } from "zod";
import { validateModel, hasErrors, invertPatch, applyPatch, countBySeverity, type Issue, type StructuralModel } from "@/lib/structural";
import { planSafeFixes, type SafeFixPlan } from "@/lib/structural/fixes";
import { loadModel, writeModel } from "@/lib/db/models";
import { defineTool, READ_ONLY } from "../define-tool";
import { IdempotencyKeySchema, ModelIdSchema } from "./shared";
import { stabilityIssues } from "./analysis-support";
import { modelNotFound } from "@/lib/structural/errors";

/** code, severity, message, elements? ({kind, id, label}), fix? */
const CheckIssueOut = z.record(z.string(), z.unknown()).describe("code, severity, message, elements? [{kind, id, label}], fix?");

function out(issues: readonly Issue[], max = 300) {
  return issues.slice(0, max).map((i) => ({
    code: i.code,
    severity: i.severity,
    message: i.message,
    ...(i.elements?.length ? { elements: i.elements.slice(0, 20).map((e) => ({ kind: e.kind, ...(e.id ? { id: e.id } : {}), ...(e.label ? { label: e.label } : {}) })) } : {}),
    ...(i.hint ? { fix: i.hint } : {}),
  }));
}

const CheckOutSchema = z.object({
  modelId: z.string(),
  revision: z.number().int(),
  ready: z.boolean().describe("Nothing stops an analysis"),
  counts: z.record(z.string(), z.number().int()).describe("Issues per severity"),
  issues: z.array(CheckIssueOut),
  viewerUrl: z.string(),
});

/** Every check (and the stability probe) on a model; the answer both tools give. */
async function check(model: StructuralModel, stability: boolean) {
  const issues = validateModel(model);
  if (stability && !hasErrors(issues)) issues.push(...(await stabilityIssues(model)));
  return { issues, counts: countBySeverity(issues), ready: !hasErrors(issues) };
}

function checkText(name: string, c: Awaited<ReturnType<typeof check>>): string {
  if (c.issues.length === 0) return `"${name}" passed every check; it is ready for analysis.`;
  return (
    `"${name}": ${c.counts.error} error(s), ${c.counts.warning} warning(s) (values checked in SI: m, N, Pa).\n` +
    c.issues.slice(0, 12).map((i) => `- [${i.severity}] ${i.code}: ${i.message}${i.hint ? ` (${i.hint})` : ""}`).join("\n")
  );
}

export const validateModelTool = defineTool({
  name: "validate_model",
  title: "Check model",
  description:
    "Checks a model without changing it: every problem with a code, the elements and a fix (coincident nodes, zero-length or duplicate frames, missing parts, mechanisms, UNITS_* naming the likely unit). Fixes: repair_model.",
  scope: "read",
  annotations: READ_ONLY,
  // Strict, so that a client still sending the old `fix: true` learns where the repairs went
  // instead of getting a silent read-only check.
  inputSchema: z.strictObject(
    {
      modelId: ModelIdSchema,
      stability: z.boolean().default(true).describe("Also look for mechanisms (up to 60,000 DOF)"),
    },
    { error: (iss) => (iss.code === "unrecognized_keys" ? "validate_model only checks; to apply the safe repairs call repair_model" : undefined) },
  ),
  outputSchema: CheckOutSchema,
  invoking: "Checking the model…",
  invoked: "Model checked",
  async run(input, ctx) {
    const found = await loadModel(input.modelId, ctx.userId);
    if (!found) throw modelNotFound(input.modelId);
    const { model } = found;
    const c = await check(model, input.stability);
    return {
      structured: { modelId: model.meta.id, revision: model.meta.revision, ready: c.ready, counts: c.counts, issues: out(c.issues), viewerUrl: ctx.viewerUrl(model.meta.id) },
      text: checkText(model.meta.name, c),
    };
  },
});

export const repairModel = defineTool({
  name: "repair_model",
  title: "Repair model",
  description:
    "Applies the safe repairs (merge coincident nodes, remove zero-length and duplicate frames) as one revision undo_change reverts, then checks again. Changes the model: confirm first.",
  scope: "write",
  // Removes frames and merges nodes: destructive. Repeating it finds nothing left to repair: idempotent.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  inputSchema: z.object({ modelId: ModelIdSchema, idempotency_key: IdempotencyKeySchema }),
  outputSchema: CheckOutSchema.extend({ fixed: z.array(CheckIssueOut).describe("Repairs applied") }),
  invoking: "Repairing the model…",
  invoked: "Model repaired",
  async run(input, ctx) {
    const res = await writeModel<SafeFixPlan, StructuralModel>(input.modelId, ctx.actor, (m) => {
      const plan = planSafeFixes(m);
      const total = plan.counts.mergedNodes + plan.counts.removedDuplicates + plan.counts.removedZeroLength;
      if (total === 0) return { error: m };
      return {
        patch: plan.patch,
        inverse: invertPatch(m, plan.patch),
        summary: `Repaired: merged ${plan.counts.mergedNodes} coincident nodes, removed ${plan.counts.removedZeroLength} zero-length and ${plan.counts.removedDuplicates} duplicate frames`,
        result: plan,
      };
    });
    let model: StructuralModel;
    let fixed: Issue[] = [];
    if (res.ok) {
      fixed = res.result.fixed;
      model = applyPatch(res.model, res.result.patch);
      model.meta = { ...model.meta, revision: res.revision };
    } else {
      model = res.error;
    }
    const c = await check(model, true);
    return {
      structured: { modelId: model.meta.id, revision: model.meta.revision, ready: c.ready, counts: c.counts, issues: out(c.issues), fixed: out(fixed), viewerUrl: ctx.viewerUrl(model.meta.id) },
      text: (fixed.length ? `Applied ${fixed.length} repair(s) as revision ${model.meta.revision} (undo_change reverts them). ` : "Nothing to repair; the model was not changed. ") + checkText(model.meta.name, c),
    };
  },
});
