import { z } from "zod";
import { EXPORT_FORMATS, exportFile, type ExportFile } from "@/lib/structural/export";
import { getViewerModel } from "@/lib/db/models";
import { defineTool, READ_ONLY } from "../define-tool";
import { ModelIdSchema } from "./shared";
import { AppError } from "@/lib/structural/errors";

export { EXPORT_FORMATS, type ExportFormat } from "@/lib/structural/export";

/** Contents up to this size come inline; larger files only as the download link, so no answer nears 1 MiB. */
export const MAX_INLINE_EXPORT_CHARS = 512 * 1024;

/** Size in UTF-8 bytes, and the text itself while it stays within `limit` characters. */
export function measureExport(file: ExportFile, limit: number): { bytes: number; text: string | null } {
  const enc = new TextEncoder();
  let bytes = 0;
  let parts: string[] | null = [];
  let chars = 0;
  for (const chunk of file.chunks()) {
    bytes += enc.encode(chunk).length;
    chars += chunk.length;
    if (parts && chars <= limit) parts.push(chunk);
    else parts = null;
  }
  return { bytes, text: parts ? parts.join("") : null };
}

export const exportModel = defineTool({
  name: "export_model",
  title: "Export model",
  description:
    "Exports a model as spectral_json (lossless), opensees_py, skyciv_s3d, ifc4 or dxf (SI): file name, download URL, content up to 512 KB. Formats: /docs/tools.",
  scope: "read",
  annotations: READ_ONLY,
  inputSchema: z.object({
    modelId: ModelIdSchema,
    format: z.enum(EXPORT_FORMATS).default("spectral_json").describe("File format"),
    revision: z.number().int().min(1).optional().describe("An earlier revision"),
  }),
  outputSchema: z.object({
    modelId: z.string(),
    revision: z.number().int(),
    format: z.enum(EXPORT_FORMATS),
    filename: z.string(),
    mimeType: z.string(),
    bytes: z.number().int(),
    content: z.string().optional(),
    downloadUrl: z.string(),
  }),
  async run(input, ctx) {
    const found = await getViewerModel(input.modelId, { userId: ctx.userId }, input.revision);
    if (!found || found.role === "share") throw new AppError("not_found", `No model "${input.modelId}"${input.revision ? ` at revision ${input.revision}` : ""} that you can access. Call list_models to see your models.`);
    const file = exportFile(found.model, input.format);
    const { bytes, text } = measureExport(file, MAX_INLINE_EXPORT_CHARS);
    const downloadUrl = `${ctx.appUrl}/api/models/${encodeURIComponent(input.modelId)}/export?format=${input.format}${input.revision ? `&rev=${input.revision}` : ""}`;
    return {
      structured: {
        modelId: input.modelId, revision: found.revision, format: input.format, filename: file.filename, mimeType: file.mimeType,
        bytes, ...(text !== null ? { content: text } : {}), downloadUrl,
      },
      text: `${file.filename} (${bytes} bytes)${text !== null ? "" : " — too large to show here"}; download (signed in): ${downloadUrl}`,
    };
  },
});
