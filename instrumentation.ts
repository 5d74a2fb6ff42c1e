/**
 * Next.js runs register() once when a server instance starts (not during `next build`), for
 * `next start` and `npm start` alike:
 *   - every HTTP request gets the socket's peer address and its Authorization header count as
 *     headers this process sets itself (lib/http/peer.ts; client addresses, lib/http/client-address.ts);
 *   - on PostgreSQL each instance starts its analysis-job worker, so queued jobs are taken by
 *     whichever instance is free (lib/analysis/jobs.ts).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { recordPeersOfEveryRequest } = await import("@/lib/http/peer");
  recordPeersOfEveryRequest();
  const { startJobWorker } = await import("@/lib/analysis/jobs");
  await startJobWorker();
}
