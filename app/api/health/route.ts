// GET /api/health – readiness for load balancers: 200 {status:"ok", db:"ok", redis, version, …} or 503.
import { checkHealth } from "@/lib/observability/health";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const h = await checkHealth();
  return Response.json(h, { status: h.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}

export const HEAD = async (): Promise<Response> => {
  const h = await checkHealth();
  return new Response(null, { status: h.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
};
