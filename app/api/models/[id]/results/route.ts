import { resultsResponse } from "@/lib/web/results";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/models/[id]/results?set=<case or combination id>[&share=TOKEN] – analysis results for the viewer.
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return resultsResponse(req, (await ctx.params).id);
}
