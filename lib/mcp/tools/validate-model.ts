import { z } from "zod";
import { validateModel, hasErrors, invertPatch, applyPatch, countBySeverity, type Issue, type StructuralModel } from "@/lib/structural";
import { planSafeFixes, type SafeFixPlan } from "@/lib/structural/fixes";
import { loadModel, writeModel } from "@/lib/db/models";
import { defineTool, DESTRUCTIVE_WRITE } from "../define-tool";
import { IdempotencyKeySchema, ModelIdSchema } from "./shared";
import { stabilityIssues } from "./analysis-support";
import { AppError, modelNotFound } from "@/lib/errors";

const ElementOut = z.object({ kind: z.string(), id: z.string().optional(), label: z.string().optional() });
const CheckIssueOut = z.object({
  code: z.string(),
  severity: z.enum(["error", "warning", "info"]),
  message: z.string(),
  elements: z.array(ElementOut).optional(),
  fix: z.string().optional().describe("What to do about it."),
});

function out(issues: readonly Issue[], max = 300) {
  return issues.slice(0, max).map((i) => ({
    code: i.code,
    severity: i.severity,
    message: i.message,
    ...(i.elements?.length ? { elements: i.elements.slice(0, 20).map((e) => ({ kind: e.kind, ...(e.id ? { id: e.id } : {}), ...(e.label ? { label: e.label } : {}) })) } : {}),
    ...(i.hint ? { fix: i.hint } : {}),
  }));
}

export const validateModelTool = defineTool({
  name: "validate_model",
  title: "Check model",
  description:
    "Checks a model and lists every problem with a stable code, severity, the elements involved and a suggested fix: duplicate or coincident nodes, zero-length and duplicate frames, " +
    "frames referring to missing nodes, unconnected nodes, disconnected parts, missing supports, mechanisms and unrestrained degrees of freedom (found by assembling the stiffness), " +
    "missing sections or materials, non-finite values, implausible units. With fix: true it also applies the safe repairs (merge coincident nodes, remove zero-length and duplicate frames) as one revision that undo_change can revert. " +
    "Run it before analyze_model.",
  scope: "read",
  // With fix: true it writes; the annotation must describe the worst case, so it is not read-only.
  annotations: { ...DESTRUCTIVE_WRITE, idempotentHint: true },
  inputSchema: z.object({
    modelId: ModelIdSchema,
    fix: z.boolean().default(false).describe("Apply the safe repairs (needs write permission)."),
    stability: z.boolean().default(true).describe("Also look for mechanisms by factorising the stiffness matrix (skipped above 60,000 degrees of freedom)."),
    idempotency_key: IdempotencyKeySchema,
  }),
  outputSchema: z.object({
    modelId: z.string(),
    revision: z.number().int(),
    ready: z.boolean().describe("True when nothing stops an analysis."),
    counts: z.object({ error: z.number().int(), warning: z.number().int(), info: z.number().int() }),
    issues: z.array(CheckIssueOut),
    fixed: z.array(CheckIssueOut).describe("The repairs applied (fix: true)."),
    viewerUrl: z.string(),
  }),
  invoking: "Checking the model…",
  invoked: "Model checked",
  async run(input, ctx) {
    let revision: number;
    let model: StructuralModel;
    let fixed: Issue[] = [];
    if (input.fix) {
      if (!ctx.scopes.includes("mcp:models:write")) {
        throw new AppError("insufficient_scope", 'fix: true changes the model and needs the "mcp:models:write" permission. Call without fix, or reconnect and approve "Create models, add, change and remove their elements, and undo changes".');
      }
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
      if (res.ok) {
        fixed = res.result.fixed;
        model = applyPatch(res.model, res.result.patch);
        revision = res.revision;
        model.meta = { ...model.meta, revision };
      } else {
        model = res.error;
        revision = model.meta.revision;
      }
    } else {
      const found = await loadModel(input.modelId, ctx.userId);
      if (!found) throw modelNotFound(input.modelId);
      model = found.model;
      revision = model.meta.revision;
    }
    const issues = validateModel(model);
    if (input.stability && !hasErrors(issues)) issues.push(...(await stabilityIssues(model)));
    const counts = countBySeverity(issues);
    const ready = !hasErrors(issues);
    return {
      structured: { modelId: model.meta.id, revision, ready, counts, issues: out(issues), fixed: out(fixed), viewerUrl: ctx.viewerUrl(model.meta.id) },
      text:
        (fixed.length ? `Applied ${fixed.length} repair(s) as revision ${revision}. ` : "") +
        (issues.length === 0
          ? `"${model.meta.name}" passed every check; it is ready for analysis.`
          : `"${model.meta.name}": ${counts.error} error(s), ${counts.warning} warning(s).\n` +
            issues.slice(0, 12).map((i) => `- [${i.severity}] ${i.code}: ${i.message}`).join("\n")),
    };
  },
});
