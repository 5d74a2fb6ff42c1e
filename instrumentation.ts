/**
 * Next.js runs register() once when a server instance starts (not during `next build`).
 * On PostgreSQL each instance starts its analysis-job worker here, so queued jobs are taken by
 * whichever instance is free (lib/analysis/jobs.ts).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startJobWorker } = await import("@/lib/analysis/jobs");
  await startJobWorker();
}
