/**
 * The export download behind the viewer's Export menu and export_model's downloadUrl: same access
 * rules as the viewer page (signed-in access or a share token). The file is streamed chunk by chunk
 * (pull-driven, so a slow client holds back the writer) and never exists whole in memory.
 */
import { getCurrentUser } from "@/lib/auth/session";
import { getViewerModel } from "@/lib/db/models";
import { EXPORT_FORMAT_INFO, EXPORT_FORMATS, exportFile, type ExportFormat } from "@/lib/structural/export";

const isFormat = (f: string): f is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(f);

export async function exportModelResponse(req: Request, modelId: string): Promise<Response> {
  const url = new URL(req.url);
  const format = url.searchParams.get("format") ?? "spectral_json";
  if (!isFormat(format)) {
    const list = EXPORT_FORMATS.map((f) => `${f} (${EXPORT_FORMAT_INFO[f].label})`).join(", ");
    return Response.json({ error: `Unknown export format "${format.slice(0, 40)}". Use format= one of: ${list}.` }, { status: 400 });
  }
  const revParam = url.searchParams.get("rev");
  const revision = revParam === null ? undefined : Number(revParam);
  if (revision !== undefined && !(Number.isInteger(revision) && revision >= 1)) {
    return Response.json({ error: "rev must be a revision number (1, 2, …)." }, { status: 400 });
  }
  const user = await getCurrentUser();
  const found = await getViewerModel(modelId, { userId: user?.id ?? null, shareToken: url.searchParams.get("share") }, revision);
  if (!found) {
    return Response.json({ error: `Model not found${revision ? ` at revision ${revision}` : ""}, or you have no access to it (sign in, or use the share link you were given).` }, { status: 404 });
  }
  const file = exportFile(found.model, format);
  return new Response(textStream(file.chunks()), {
    headers: {
      "Content-Type": `${file.mimeType}; charset=utf-8`,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** A byte stream that pulls the next text chunk only when the consumer asks for more. */
export function textStream(chunks: Iterable<string>): ReadableStream<Uint8Array> {
  const it = chunks[Symbol.iterator]();
  const enc = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const r = it.next();
      if (r.done) controller.close();
      else controller.enqueue(enc.encode(r.value));
    },
    cancel() {
      it.return?.();
    },
  });
}
