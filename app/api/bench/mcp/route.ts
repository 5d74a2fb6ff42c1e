// POST /api/bench/mcp – benchmarks only (SPECTRAL_BENCH_ROUTES=1, refused in production by lib/env.ts):
// the same Next.js + mcp-handler stack as /mcp answering a no-op tool, with no auth, no database,
// no logging: the framework's ceiling that bench/run.mjs compares the real tools with. 404 otherwise.
import { createMcpHandler } from "mcp-handler";
import { env } from "@/lib/env";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

let handler: ((req: Request) => Promise<Response>) | undefined;

export async function POST(req: Request): Promise<Response> {
  if (!env().benchRoutes) return new Response("Not found", { status: 404 });
  handler ??= createMcpHandler(
    (server) => {
      server.registerTool("noop", { title: "No-op", description: "Returns ok." }, async () => ({ content: [{ type: "text", text: "ok" }] }));
    },
    { serverInfo: { name: "spectral-bench", version: "0.0.0" }, capabilities: { tools: {} } },
  );
  return handler(req);
}
