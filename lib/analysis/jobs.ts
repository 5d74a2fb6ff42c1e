/**
 * Analysis jobs: submit, run, wait. On SQLite the job runs in this process (in a worker thread);
 * on PostgreSQL it is queued with pg-boss so that whichever app instance is free runs it, and
 * any instance can report its progress and results (they live in the database).
 */
import "server-only";
import type { StructuralModel } from "@/lib/structural";
import { toAnalysisModel } from "@/lib/structural/to-analysis";
import type { AnalysisOutput, AnalysisSuccess, ResultSet } from "@/lib/structural/analysis/types";
import { createJob, claimJob, finishJob, getJob, setJobProgress, type JobRow } from "@/lib/db/analysis";
import { loadModelForJob } from "@/lib/db/models";
import { database } from "@/lib/db/client";
import { logger } from "@/lib/observability/logger";
import { onShutdown } from "@/lib/observability/shutdown";
import { runAnalysisInWorker } from "./runner";
import { env } from "@/lib/env";

const QUEUE = "spectral-analysis";
/** Member diagrams are kept for models up to this many frames (they dominate the stored size). */
export const DIAGRAM_FRAME_LIMIT = 5_000;

export interface StoredResults {
  revision: number;
  stats: AnalysisSuccess["stats"];
  warnings: AnalysisSuccess["warnings"];
  frameAxes: AnalysisSuccess["frameAxes"];
  cases: ResultSet[];
  combinations: ResultSet[];
  diagrams: boolean;
}

export interface JobSummary {
  ok: boolean;
  issues?: { code: string; severity: string; message: string; hint: string; nodes: string[]; frames: string[]; dofs: string[] }[];
  warnings?: { code: string; message: string }[];
  dof?: number;
  solveMs?: number;
  sets?: { id: string; name: string; kind: string; summary: ResultSet["summary"]; equilibrium: { relativeResidual: number; ok: boolean } }[];
}

function summarize(out: AnalysisOutput): JobSummary {
  if (!out.ok) {
    return { ok: false, issues: out.issues.map((i) => ({ ...i, nodes: i.nodes.slice(0, 50), frames: i.frames.slice(0, 50) })), warnings: out.warnings.map((w) => ({ code: w.code, message: w.message })) };
  }
  return {
    ok: true,
    dof: out.stats.dof.free,
    solveMs: Math.round(out.stats.timings.total),
    warnings: out.warnings.map((w) => ({ code: w.code, message: w.message })),
    sets: [...out.cases, ...out.combinations].map((s) => ({ id: s.id, name: s.name, kind: s.kind, summary: s.summary, equilibrium: { relativeResidual: s.equilibrium.relativeResidual, ok: s.equilibrium.ok } })),
  };
}

/** Runs a claimed job to the end (never throws: failures are recorded on the job). */
export async function processJob(jobId: string): Promise<void> {
  if (!(await claimJob(jobId))) return;
  const job = await getJob(jobId);
  if (!job) return;
  try {
    const model = await loadModelForJob(job.modelId, job.revision);
    if (!model) {
      await finishJob(jobId, { ok: false, summary: { ok: false }, error: "The model or revision no longer exists." });
      return;
    }
    const prepared = toAnalysisModel(model);
    const diagrams = model.frames.length <= DIAGRAM_FRAME_LIMIT;
    let lastWrite = 0;
    const out = await runAnalysisInWorker(prepared.model, { diagrams, stations: 11 }, (f, stage) => {
      const t = Date.now();
      if (t - lastWrite > 500) {
        lastWrite = t;
        void setJobProgress(jobId, f, stage).catch(() => undefined);
      }
    });
    const summary = summarize(out);
    const results: StoredResults | undefined = out.ok
      ? { revision: job.revision, stats: out.stats, warnings: out.warnings, frameAxes: diagrams ? out.frameAxes : [], cases: out.cases, combinations: out.combinations, diagrams }
      : undefined;
    await finishJob(jobId, { ok: out.ok, summary, results, ...(out.ok ? {} : { error: out.issues.map((i) => i.message).join(" ") }) });
  } catch (err) {
    await finishJob(jobId, { ok: false, summary: { ok: false }, error: err instanceof Error ? err.message : String(err) }).catch(() => undefined);
  }
}

// ───────────── queue ─────────────

type Boss = { on(event: "error", fn: (err: Error) => void): void; send(name: string, data: object): Promise<string | null>; work(name: string, opts: object, fn: (jobs: { data: { jobId: string } }[]) => Promise<void>): Promise<string>; start(): Promise<unknown>; stop(o?: object): Promise<void>; createQueue(name: string): Promise<void> };
const g = globalThis as unknown as { __spectralBoss?: Promise<Boss> };

/** The pg-boss instance of this process (PostgreSQL only), started at server start or on first use, with a worker. */
export function boss(): Promise<Boss> {
  g.__spectralBoss ??= (async () => {
    const { default: PgBoss } = (await import("pg-boss")) as unknown as { default: new (o: object) => Boss };
    const url = database().url;
    const b = new PgBoss({ connectionString: url, schema: "pgboss", max: 3 });
    b.on("error", (err) => logger.error("job queue error", { error: String(err) }));
    await b.start();
    // Whatever started the queue (server start, a request), it is stopped at shutdown.
    onShutdown("job-queue", stopJobQueue, "stop");
    await b.createQueue(QUEUE).catch(() => undefined);
    // SPECTRAL_JOB_WORKER=0: this instance only submits; the others run the jobs.
    if (env().jobWorker) {
      await b.work(QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
        if (job) await processJob(job.data.jobId);
      });
    }
    return b;
  })();
  return g.__spectralBoss;
}

/**
 * Starts this instance's worker when the server starts (instrumentation.ts), so that on
 * PostgreSQL every instance takes queued analyses, not only those that have submitted one
 * themselves. SQLite runs each job in the process that submitted it: nothing to start.
 * SPECTRAL_JOB_WORKER=0 keeps an instance from taking jobs (it can still submit them). Never
 * throws: if the queue cannot start now, it is logged and tried again on first use.
 */
export async function startJobWorker(): Promise<void> {
  if (!env().jobWorker) return;
  try {
    if (database().provider !== "postgres") return;
    await boss();
    logger.info("job worker started", { queue: QUEUE });
  } catch (err) {
    g.__spectralBoss = undefined;
    logger.warn("job worker did not start; will retry on first use", { error: err instanceof Error ? err.message : String(err) });
  }
}

/** Stops this process's job worker (graceful shutdown, tests). Jobs it had not started stay queued for other instances. */
export async function stopJobQueue(): Promise<void> {
  const pending = g.__spectralBoss;
  g.__spectralBoss = undefined;
  if (pending) await (await pending).stop({ graceful: true, close: true, wait: true }).catch(() => undefined);
}

/** Creates a job for the model's current revision and queues it. */
export async function submitAnalysis(model: StructuralModel, userId: string): Promise<JobRow> {
  const job = await createJob(model.meta.id, model.meta.revision, userId, { stations: 11 });
  if (database().provider === "postgres") {
    await (await boss()).send(QUEUE, { jobId: job.id });
  } else {
    void processJob(job.id);
  }
  return job;
}

/** Waits for a job to finish (or the time to run out), relaying its progress. */
export async function waitForJob(jobId: string, timeoutMs: number, onProgress?: (f: number, stage: string) => void, signal?: AbortSignal): Promise<JobRow | null> {
  const deadline = Date.now() + timeoutMs;
  let lastProgress = -1;
  for (;;) {
    const job = await getJob(jobId);
    if (!job) return null;
    if (job.status === "succeeded" || job.status === "failed") return job;
    if (job.progress !== lastProgress) {
      lastProgress = job.progress;
      onProgress?.(job.progress, job.stage);
    }
    if (Date.now() > deadline || signal?.aborted) return job;
    await new Promise((r) => setTimeout(r, 200));
  }
}
