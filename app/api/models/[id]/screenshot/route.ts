import { screenshotResponse } from "@/lib/web/screenshot-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/models/[id]/screenshot?view=iso&width=1200&height=800[&rev=N][&share=TOKEN] – a PNG of the model.
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return screenshotResponse(req, (await ctx.params).id);
}
