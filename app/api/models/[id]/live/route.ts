import { liveResponse } from "@/lib/web/live";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/models/[id]/live?after=N[&mode=follow|notify][&share=TOKEN] – Server-Sent Events: the model's new revisions.
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return liveResponse(req, (await ctx.params).id);
}
