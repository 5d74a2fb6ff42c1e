import { payloadResponse } from "@/lib/web/live";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/models/[id]/payload[?share=TOKEN] – the latest viewer payload (a live viewer told to reload).
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return payloadResponse(req, (await ctx.params).id);
}
