import { z } from "zod";
import { getUnitSystem } from "@/lib/db/users";
import { validateModel, hasErrors, safeText } from "@/lib/structural";
import { toAnalysisModel } from "@/lib/structural/to-analysis";
import { loadModel } from "@/lib/db/models";
import { getJob, getJobResults, latestJob, type JobRow } from "@/lib/db/analysis";
import { submitAnalysis, waitForJob, type JobSummary, type StoredResults } from "@/lib/analysis/jobs";
import { defineTool, describeIssues, type ToolContext } from "../define-tool";
import { ModelIdSchema, issuesOut, IssueOutSchema } from "./shared";
import { AppError, modelNotFound } from "@/lib/structural/errors";

/** Per load case or combination: id, name, kind, maxDisplacement, maxN, maxV, maxM, equilibriumResidual. */
const SetSummaryOut = z
  .record(z.string(), z.unknown())
  .describe("id, name, kind, maxDisplacement {value, node}, maxN/V/M {value, frame, x}");

export const JobOutSchema = z.object({
  modelId: z.string(),
  jobId: z.string(),
  status: z.enum(["queued", "running", "succeeded", "failed"]),
  progress: z.number(),
  revision: z.number().int().describe("Revision analysed"),
  stale: z.boolean().describe("Model changed since"),
  dof: z.number().int().optional(),
  solveMs: z.number().optional(),
  results: z.array(SetSummaryOut).optional().describe("Extremes per case and combination (SI)"),
  issues: z.array(IssueOutSchema).optional(),
  viewerUrl: z.string(),
});

type LabelMaps = { node: Map<string, string>; frame: Map<string, string> };

/** The job as a tool result, with node and frame labels instead of ids. */
export function jobResult(job: JobRow, latestRevision: number, labels: LabelMaps, ctx: ToolContext) {
  const s: JobSummary | null = job.summary ? JSON.parse(job.summary) : null;
  const n = (id: string) => labels.node.get(id) ?? id;
  const f = (id: string) => labels.frame.get(id) ?? id;
  const ext = (e: { value: number; frame: string; x: number; component: string } | null) => (e ? { ...e, frame: f(e.frame) } : null);
  const results = s?.sets?.map((x) => ({
    id: x.id,
    name: x.name,
    kind: x.kind as "case" | "combination",
    maxDisplacement: x.summary.maxDisplacement ? { ...x.summary.maxDisplacement, node: n(x.summary.maxDisplacement.node) } : null,
    maxN: ext(x.summary.maxN),
    maxV: ext(x.summary.maxV),
    maxM: ext(x.summary.maxM),
    equilibriumResidual: x.equilibrium.relativeResidual,
  }));
  return {
    modelId: job.modelId,
    jobId: job.id,
    status: job.status,
    progress: job.progress,
    revision: job.revision,
    stale: job.revision !== latestRevision,
    ...(s?.dof !== undefined ? { dof: s.dof } : {}),
    ...(s?.solveMs !== undefined ? { solveMs: s.solveMs } : {}),
    ...(results ? { results } : {}),
    ...(s?.issues ? { issues: s.issues.map((i) => ({ code: i.code, severity: i.severity as "error", message: i.message, hint: i.hint })) } : {}),
    viewerUrl: ctx.viewerUrl(job.modelId),
  };
}

/**
 * Engineering units for the tool text, the same as the viewer's (components/viewer/units.ts):
 * displacements in mm (in), forces in kN (kip), moments in kN·m (kip·ft), whatever the size.
 */
const TEXT_UNITS = {
  SI: { m: [1e-3, "mm"], N: [1e3, "kN"], Nm: [1e3, "kN·m"] },
  US: { m: [0.0254, "in"], N: [4448.2216152605, "kip"], Nm: [4448.2216152605 * 0.3048, "kip·ft"] },
} as const;

export function fmt(v: number, unit: "m" | "N" | "Nm", system: "SI" | "US" = "SI"): string {
  const [per, label] = TEXT_UNITS[system][unit];
  const x = v / per;
  const digits = Math.abs(x) >= 100 ? 1 : 2;
  return `${x.toFixed(digits)} ${label}`;
}

/** The user's unit system for the text of analysis answers (the viewer's SI/US choice; structured values stay SI). */
async function textUnits(userId: string): Promise<"SI" | "US"> {
  return (await getUnitSystem(userId)) === "US" ? "US" : "SI";
}

export function jobText(r: ReturnType<typeof jobResult>, name: string, system: "SI" | "US" = "SI"): string {
  if (r.status === "queued" || r.status === "running") {
    return `Analysis of "${name}" is ${r.status} (${Math.round(r.progress * 100)}%). Call get_results with jobId ${r.jobId} to get the results when it finishes.`;
  }
  if (r.status === "failed") {
    return `The analysis of "${name}" failed: ${(r.issues ?? []).map((i) => `${i.message}${i.hint ? ` (${i.hint})` : ""}`).join(" ") || "see issues"}`;
  }
  const lines = (r.results ?? []).map((s) => {
    const d = s.maxDisplacement ? `max displacement ${fmt(s.maxDisplacement.value, "m", system)} at ${s.maxDisplacement.node}` : "no displacement";
    const m = s.maxM ? `, max moment ${fmt(s.maxM.value, "Nm", system)} in ${s.maxM.frame}` : "";
    const nn = s.maxN ? `, max axial ${fmt(s.maxN.value, "N", system)} in ${s.maxN.frame}` : "";
    return `- ${s.kind} ${s.name}: ${d}${m}${nn}`;
  });
  return `Analysed "${name}" (rev ${r.revision}, ${r.dof} DOF, ${r.solveMs} ms)${r.stale ? " — the model has changed since; re-run for current results" : ""}:\n${lines.join("\n")}\nViewer: ${r.viewerUrl}`;
}

export const analyzeModel = defineTool({
  name: "analyze_model",
  title: "Analyse model",
  description:
    "Runs a linear static 3D frame analysis of the current revision: per load case and combination, the largest displacement, axial force, shear and moment and where. " +
    "Never changes the model; stores the results with it (get_results, viewer; stale after edits). Big models return a jobId.",
  scope: "read",
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  widget: false,
  inputSchema: z.object({
    modelId: ModelIdSchema,
    wait_seconds: z.number().min(0).max(55).default(45).describe("Seconds to wait before returning a jobId"),
  }),
  outputSchema: JobOutSchema,
  invoking: "Analysing…",
  invoked: "Analysis done",
  async run(input, ctx) {
    const found = await loadModel(input.modelId, ctx.userId);
    if (!found) throw modelNotFound(input.modelId);
    const { model } = found;
    if (model.frames.length === 0) throw new AppError("empty_model", `"${model.meta.name}" has no frames to analyse. Add elements first.`);
    if (model.loadCases.length === 0) {
      throw new AppError("no_load_cases", `"${model.meta.name}" has no load cases. Add one with add_elements, e.g. { loadCases: [{ name: "Dead", selfWeight: true }] }, and loads on it.`);
    }
    const blocking = [...validateModel(model), ...toAnalysisModel(model).issues].filter((i) => i.severity === "error");
    if (hasErrors(blocking)) {
      throw new AppError("model_not_ready", `"${model.meta.name}" cannot be analysed yet. Fix these and retry:\n${describeIssues(blocking)}`, { issues: issuesOut(blocking) });
    }
    const job = await submitAnalysis(model, ctx.userId);
    await ctx.progress(0, "queued");
    const done = (await waitForJob(job.id, input.wait_seconds * 1000, (f, stage) => void ctx.progress(f, stage), ctx.signal)) ?? job;
    const labels = { node: new Map(model.nodes.map((n) => [n.id, n.label])), frame: new Map(model.frames.map((f) => [f.id, f.label])) };
    const r = jobResult(done, model.meta.revision, labels, ctx);
    return { structured: r, text: jobText(r, model.meta.name, await textUnits(ctx.userId)) };
  },
});

const WHAT = ["summary", "displacements", "reactions", "member_forces", "diagrams"] as const;

export const getResults = defineTool({
  name: "get_results",
  title: "Get analysis results",
  description:
    "Reads stored analysis results (jobId or the latest): summary, displacements, reactions, member_forces or diagrams per case or combination, SI; filter by nodes or frames, page with offset/limit.",
  scope: "read",
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  inputSchema: z.object({
    modelId: ModelIdSchema,
    jobId: safeText(0, 128).optional().describe("Job (default latest)"),
    what: z.enum(WHAT).default("summary").describe("Which results"),
    set: safeText(0, 200).optional().describe("Case or combination (default first; summary: all)"),
    nodes: z.array(safeText(0, 128)).max(1000).optional().describe("Only these nodes"),
    frames: z.array(safeText(0, 128)).max(1000).optional().describe("Only these frames"),
    offset: z.number().int().min(0).default(0).describe("First row"),
    limit: z.number().int().min(1).max(2000).default(200).describe("Rows"),
  }),
  outputSchema: JobOutSchema.extend({
    set: z.string().optional(),
    rows: z.array(z.record(z.string(), z.unknown())).optional(),
    total: z.number().int().optional(),
  }),
  async run(input, ctx) {
    const found = await loadModel(input.modelId, ctx.userId);
    if (!found) throw modelNotFound(input.modelId);
    const { model } = found;
    const job = input.jobId ? await getJob(input.jobId) : await latestJob(model.meta.id);
    if (!job || job.modelId !== model.meta.id) {
      throw new AppError("no_results", input.jobId ? `No analysis job "${input.jobId}" for this model.` : `"${model.meta.name}" has not been analysed yet. Call analyze_model.`);
    }
    const labels = { node: new Map(model.nodes.map((n) => [n.id, n.label])), frame: new Map(model.frames.map((f) => [f.id, f.label])) };
    const base = jobResult(job, model.meta.revision, labels, ctx);
    if (job.status !== "succeeded" || input.what === "summary") return { structured: base, text: jobText(base, model.meta.name, await textUnits(ctx.userId)) };
    const stored = (await getJobResults(job.id)) as StoredResults | null;
    if (!stored) throw new AppError("no_results", "The results of this job are no longer stored. Run analyze_model again.");
    const sets = [...stored.cases, ...stored.combinations];
    const set = input.set ? sets.find((s) => s.name === input.set || s.id === input.set) : sets[0];
    if (!set) throw new AppError("unknown_set", `No load case or combination "${input.set}". Available: ${sets.map((s) => s.name).join(", ")}.`);
    // Labels in results refer to the analysed revision; ids are stable, so map by id.
    const nodeWanted = input.nodes ? new Set(input.nodes.flatMap((x) => [x, ...model.nodes.filter((n) => n.label === x).map((n) => n.id)])) : null;
    const frameWanted = input.frames ? new Set(input.frames.flatMap((x) => [x, ...model.frames.filter((f) => f.label === x).map((f) => f.id)])) : null;
    const n = (id: string) => labels.node.get(id) ?? id;
    const fl = (id: string) => labels.frame.get(id) ?? id;
    let rows: Record<string, unknown>[];
    switch (input.what) {
      case "displacements":
        rows = set.displacements.filter((d) => !nodeWanted || nodeWanted.has(d.node)).map((d) => ({ ...d, node: n(d.node) }));
        break;
      case "reactions":
        rows = set.reactions.filter((d) => !nodeWanted || nodeWanted.has(d.node)).map((d) => ({ ...d, node: n(d.node) }));
        break;
      case "member_forces":
        rows = set.memberForces.filter((d) => !frameWanted || frameWanted.has(d.frame)).map((d) => ({ ...d, frame: fl(d.frame) }));
        break;
      case "diagrams":
        if (!stored.diagrams) throw new AppError("no_diagrams", `Diagrams are kept for models up to 5,000 frames; this one has ${model.frames.length}. Ask for member_forces instead.`);
        rows = set.diagrams.filter((d) => !frameWanted || frameWanted.has(d.frame)).map((d) => ({ ...d, frame: fl(d.frame) }));
        break;
      default:
        rows = [];
    }
    const total = rows.length;
    rows = rows.slice(input.offset, input.offset + input.limit);
    return {
      structured: { ...base, set: set.name, rows, total },
      text: `${input.what} for ${set.kind} "${set.name}" of "${model.meta.name}" (rev ${job.revision}${base.stale ? ", stale" : ""}): ${rows.length} of ${total} rows, in SI (m, rad, N, N·m).`,
    };
  },
});
