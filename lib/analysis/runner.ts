/**
 * Runs the solver in a worker thread so that an analysis never blocks the server's event loop.
 * One analysis at a time per process by default (the machine has few cores and a factorisation
 * is CPU-bound); others wait in a FIFO queue.
 */
import { Worker } from "node:worker_threads";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { AnalysisModel, AnalysisOutput, AnalyzeOptions } from "@/lib/structural/analysis/types";
import { env } from "@/lib/env";

let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (running >= env().SPECTRAL_ANALYSIS_CONCURRENCY) await new Promise<void>((r) => waiting.push(r));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

export function workerPath(): string {
  return env().SPECTRAL_ANALYSIS_WORKER ?? join(/* turbopackIgnore: true */ process.cwd(), "generated", "analysis-worker.mjs");
}

export async function runAnalysisInWorker(
  model: AnalysisModel,
  opts: Omit<AnalyzeOptions, "onProgress">,
  onProgress?: (fraction: number, stage: string) => void,
  timeoutMs = 10 * 60_000,
): Promise<AnalysisOutput> {
  const file = workerPath();
  if (!existsSync(file)) throw new Error(`Analysis worker not built (${file}); run npm run build.`);
  const release = await slot();
  try {
    return await new Promise<AnalysisOutput>((resolve, reject) => {
      const worker = new Worker(file, { resourceLimits: { maxOldGenerationSizeMb: 4096 } });
      const timer = setTimeout(() => {
        void worker.terminate();
        reject(new Error(`The analysis took longer than ${Math.round(timeoutMs / 1000)} s and was stopped.`));
      }, timeoutMs);
      worker.on("message", (msg: { type: string; fraction?: number; stage?: string; out?: AnalysisOutput; message?: string }) => {
        if (msg.type === "progress") onProgress?.(msg.fraction ?? 0, msg.stage ?? "");
        else if (msg.type === "done") {
          clearTimeout(timer);
          resolve(msg.out!);
          void worker.terminate();
        } else if (msg.type === "error") {
          clearTimeout(timer);
          reject(new Error(msg.message));
          void worker.terminate();
        }
      });
      worker.on("error", (err) => {
        clearTimeout(timer);
        reject(err);
      });
      worker.on("exit", (code) => {
        clearTimeout(timer);
        if (code !== 0) reject(new Error(`analysis worker exited with code ${code}`));
      });
      worker.postMessage({ model, opts });
    });
  } finally {
    release();
  }
}
