import { z } from "zod";
import { planImport, CanonicalImportSchema, refuseControlCharacters } from "@/lib/structural";
import { createModel } from "@/lib/db/models";
import { bulkNewId } from "@/lib/db/bulk";
import { ADDITIVE_WRITE, defineTool } from "../define-tool";
import { addedCounts, planFailed } from "./add-elements";
import { blankModel, maxModelsPerUser } from "./create-model";
import { CountsSchema, DryRunSchema, IdempotencyKeySchema, IssueOutSchema, describeCounts, issuesOut } from "./shared";
import { AppError } from "@/lib/structural/errors";

export const MAX_IMPORT_JSON_CHARS = 30 * 1024 * 1024;

/**
 * The payload's top-level keys in the canonical schema's order, then the others: what parsing
 * with CanonicalImportSchema produced when it was the union's first branch. Undeclared load cases
 * are created in the order the import meets them, so key order is observable; keep it stable.
 */
function canonicalKeyOrder(payload: unknown): unknown {
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) return payload;
  const src = payload as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(CanonicalImportSchema.shape)) if (k in src) out[k] = src[k];
  for (const k of Object.keys(src)) if (!(k in out)) out[k] = src[k];
  return out;
}

export const importModel = defineTool({
  name: "import_model",
  title: "Import model",
  description:
    "Creates a model from a nodes-and-frames JSON payload (≤ 100,000 frames; format: spectral://docs/import-format). " +
    "dry_run: true returns the plan (format, units, counts, first rows) and every problem, writing nothing: show it first.",
  scope: "write",
  annotations: ADDITIVE_WRITE,
  widget: true,
  inputSchema: z.object({
    // Any object is accepted (normalizeImport does the real validation and reports every problem
    // with its path). The format is not restated here (it was 3 KB of every tools/list): clients
    // read it on demand from the resource spectral://docs/import-format.
    payload: z
      .union([z.record(z.string(), z.unknown()), z.string().max(MAX_IMPORT_JSON_CHARS)])
      .describe("The model as a JSON object (preferred) or JSON text; format: spectral://docs/import-format"),
    name: refuseControlCharacters(z.string().trim().min(1).max(200)).optional().describe("Model name (overrides the payload's)"),
    dry_run: DryRunSchema,
    idempotency_key: IdempotencyKeySchema,
  }),
  outputSchema: z.object({
    modelId: z.string().nullable(),
    name: z.string(),
    dryRun: z.boolean(),
    detectedFormat: z.string(),
    units: z.object({ length: z.string(), force: z.string() }),
    verticalAxis: z.enum(["Z", "Y"]),
    revision: z.number().int(),
    counts: CountsSchema,
    planned: z
      .record(z.string(), z.array(z.record(z.string(), z.unknown())))
      .optional()
      .describe("Dry run: first nodes and frames (SI)"),
    issues: z.array(IssueOutSchema),
    viewerUrl: z.string().nullable(),
  }),
  invoking: "Importing the model…",
  invoked: "Model imported",
  async run(input, ctx) {
    let payload: unknown = input.payload;
    if (typeof payload === "string") {
      try {
        payload = JSON.parse(payload);
      } catch (e) {
        throw new AppError("invalid_json", `payload is not valid JSON (${(e as Error).message}). Send the model as a JSON object.`);
      }
    }
    await ctx.progress(0.05, "Reading and checking the payload");
    // planImport reports problems with paths into the payload as sent (e.g. members["7"].node_B).
    const plan = planImport(canonicalKeyOrder(payload), { newId: bulkNewId });
    const issues = plan.issues;
    if (!plan.ok) throw planFailed(issues, "The payload cannot be imported");
    const { description, displayUnits, verticalAxis } = plan.meta;
    const name = input.name ?? plan.meta.name ?? "Imported model";
    const blank = blankModel({ ownerId: ctx.userId, name, description: description ?? "", verticalAxis, displayUnits });
    const counts = addedCounts(plan.patch);
    const common = {
      name,
      detectedFormat: plan.detectedFormat,
      units: blank.meta.displayUnits,
      verticalAxis: blank.meta.verticalAxis,
      counts,
      issues: issuesOut(issues.filter((i) => i.severity !== "error")),
    };
    if (input.dry_run) {
      const planned = {
        nodes: plan.patch.add.nodes.slice(0, 10).map(({ id: _id, ...n }) => n),
        frames: plan.patch.add.frames.slice(0, 10).map(({ id: _id, i, j, ...f }) => ({
          ...f,
          start: plan.patch.add.nodes.find((n) => n.id === i)?.label ?? i,
          end: plan.patch.add.nodes.find((n) => n.id === j)?.label ?? j,
        })),
      };
      return {
        structured: { modelId: null, dryRun: true, revision: 0, planned, viewerUrl: null, ...common },
        text: `Dry run (${plan.detectedFormat}): would create "${name}" with ${describeCounts(counts)}${common.issues.length ? `, ${common.issues.length} warning(s)` : ""}. Units read: ${common.units.length}, ${common.units.force} (stored in SI). Nothing was written; call again without dry_run to import.`,
      };
    }
    await ctx.progress(0.4, "Writing");
    const { id, revision } = await createModel(ctx.actor, { name, description, displayUnits, verticalAxis }, plan.patch, {
      summary: `Imported "${name}" (${describeCounts(counts)})`,
      maxModelsPerUser: maxModelsPerUser(),
    });
    await ctx.progress(1, "Done");
    return {
      structured: { modelId: id, dryRun: false, revision, viewerUrl: ctx.viewerUrl(id), ...common },
      text: `Imported "${name}" (id ${id}) with ${describeCounts(counts)}. Units read: ${common.units.length}, ${common.units.force} (stored in SI). Viewer: ${ctx.viewerUrl(id)}`,
    };
  },
});
