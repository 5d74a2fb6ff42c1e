/**
 * Analysis jobs and their results. A job is tied to the model revision it analysed; results of
 * an older revision are reported as stale (the model changed since) rather than served as current.
 */
import "server-only";
import { database } from "./client";
import { newId } from "./ids";

export type JobStatus = "queued" | "running" | "succeeded" | "failed";

export interface JobRow {
  id: string;
  modelId: string;
  revision: number;
  userId: string;
  status: JobStatus;
  progress: number;
  stage: string;
  error: string | null;
  summary: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const select = {
  id: true, modelId: true, revision: true, userId: true, status: true, progress: true, stage: true, error: true, summary: true,
  createdAt: true, startedAt: true, finishedAt: true,
} as const;

async function db() {
  const d = database();
  await d.ready;
  return d.db;
}

export async function createJob(modelId: string, revision: number, userId: string, options: unknown): Promise<JobRow> {
  return (await db()).analysisJob.create({
    data: { id: newId(), modelId, revision, userId, status: "queued", options: JSON.stringify(options ?? {}) },
    select,
  }) as Promise<JobRow>;
}

/** Moves a queued job to running; false when someone else already took it. */
export async function claimJob(id: string): Promise<boolean> {
  const res = await (await db()).analysisJob.updateMany({ where: { id, status: "queued" }, data: { status: "running", startedAt: new Date(), stage: "starting" } });
  return res.count === 1;
}

export async function setJobProgress(id: string, progress: number, stage: string): Promise<void> {
  await (await db()).analysisJob.updateMany({ where: { id, status: "running" }, data: { progress, stage } });
}

export async function finishJob(id: string, r: { ok: boolean; summary: unknown; results?: unknown; error?: string }): Promise<void> {
  await (await db()).analysisJob.update({
    where: { id },
    data: {
      status: r.ok ? "succeeded" : "failed",
      progress: 1,
      stage: r.ok ? "done" : "failed",
      summary: JSON.stringify(r.summary),
      results: r.results === undefined ? null : JSON.stringify(r.results),
      error: r.error ?? null,
      finishedAt: new Date(),
    },
  });
}

export async function getJob(id: string): Promise<(JobRow & { options: string }) | null> {
  return (await db()).analysisJob.findUnique({ where: { id }, select: { ...select, options: true } }) as Promise<(JobRow & { options: string }) | null>;
}

export async function getJobResults(id: string): Promise<unknown | null> {
  const row = await (await db()).analysisJob.findUnique({ where: { id }, select: { results: true } });
  return row?.results ? JSON.parse(row.results) : null;
}

/** The newest job of a model (optionally only finished ones). */
export async function latestJob(modelId: string, opts: { finished?: boolean } = {}): Promise<JobRow | null> {
  return (await db()).analysisJob.findFirst({
    where: { modelId, ...(opts.finished ? { status: { in: ["succeeded", "failed"] } } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select,
  }) as Promise<JobRow | null>;
}

/** Jobs left running by a process that died are failed so that callers do not wait forever. */
export async function failStaleJobs(olderThanMs: number): Promise<number> {
  const res = await (await db()).analysisJob.updateMany({
    where: { status: "running", startedAt: { lt: new Date(Date.now() - olderThanMs) } },
    data: { status: "failed", error: "The analysis was interrupted (server restart). Start it again.", finishedAt: new Date(), stage: "failed" },
  });
  return res.count;
}

/** The newest job of each model in `modelIds` (one query for a whole page of the model list). */
export async function latestJobsFor(modelIds: string[]): Promise<Map<string, { status: JobStatus; revision: number }>> {
  if (!modelIds.length) return new Map();
  const rows = await (await db()).analysisJob.findMany({
    where: { modelId: { in: modelIds } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    distinct: ["modelId"],
    select: { modelId: true, status: true, revision: true },
  });
  return new Map(rows.map((r) => [r.modelId, { status: r.status as JobStatus, revision: r.revision }]));
}
