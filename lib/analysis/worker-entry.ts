/**
 * The analysis worker thread: receives an AnalysisModel, runs the solver off the server's event
 * loop and posts progress and the result back. Bundled on its own by scripts/build-worker.mjs
 * (generated/analysis-worker.mjs) because Next.js does not bundle worker_threads entries.
 */
import { parentPort } from "node:worker_threads";
import { analyze } from "../structural/analysis/index";
import type { AnalysisModel, AnalyzeOptions } from "../structural/analysis/types";

interface Job {
  model: AnalysisModel;
  opts: Omit<AnalyzeOptions, "onProgress">;
}

parentPort?.on("message", (job: Job) => {
  let last = 0;
  try {
    const out = analyze(job.model, {
      ...job.opts,
      onProgress(fraction, stage) {
        const t = Date.now();
        if (t - last < 200 && fraction < 1) return;
        last = t;
        parentPort?.postMessage({ type: "progress", fraction, stage });
      },
    });
    parentPort?.postMessage({ type: "done", out });
  } catch (err) {
    parentPort?.postMessage({ type: "error", message: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) });
  }
});
