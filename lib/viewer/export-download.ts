/** The export download behind the viewer's "Download" menu: same access rules as the viewer page. */
import { getCurrentUser } from "@/lib/auth/session";
import { getViewerModel } from "@/lib/db/models";
import { EXPORT_FORMATS, renderExport, type ExportFormat } from "@/lib/mcp/tools/export-model";

export async function exportModelResponse(req: Request, modelId: string): Promise<Response> {
  const url = new URL(req.url);
  const format = (url.searchParams.get("format") ?? "spectral_json") as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) {
    return Response.json({ error: `Unknown format "${format}". Use one of: ${EXPORT_FORMATS.join(", ")}.` }, { status: 400 });
  }
  const revParam = url.searchParams.get("rev");
  const revision = revParam === null ? undefined : Number(revParam);
  if (revision !== undefined && !(Number.isInteger(revision) && revision >= 1)) {
    return Response.json({ error: "rev must be a revision number (1, 2, …)." }, { status: 400 });
  }
  const user = await getCurrentUser();
  const found = await getViewerModel(modelId, { userId: user?.id ?? null, shareToken: url.searchParams.get("share") }, revision);
  if (!found) return Response.json({ error: "Model not found." }, { status: 404 });
  const file = renderExport(found.model, format);
  return new Response(file.text, {
    headers: {
      "Content-Type": `${file.mimeType}; charset=utf-8`,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
