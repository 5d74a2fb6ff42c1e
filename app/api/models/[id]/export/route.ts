// GET /api/models/:id/export?format=spectral_json|opensees_py|skyciv_s3d|ifc4|dxf[&rev=N][&share=TOKEN] – download a model file (streamed).
import { exportModelResponse } from "@/lib/web/export-download";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return exportModelResponse(req, (await ctx.params).id);
}
