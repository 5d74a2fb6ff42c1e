import { z } from "zod";
import { exportCanonical } from "@/lib/structural";
import { exportOpenSeesPy, exportSkyCivS3D } from "@/lib/structural/export";
import { getViewerModel } from "@/lib/db/models";
import { defineTool, READ_ONLY, ToolError } from "../define-tool";
import { ModelIdSchema } from "./shared";

export const EXPORT_FORMATS = ["spectral_json", "opensees_py", "skyciv_s3d"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Serialises a model in one of the export formats: { filename, mimeType, text }. */
export function renderExport(model: Parameters<typeof exportCanonical>[0], format: ExportFormat): { filename: string; mimeType: string; text: string } {
  const base = model.meta.name.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^_+|_+$/g, "") || "model";
  switch (format) {
    case "spectral_json":
      return { filename: `${base}.spectral.json`, mimeType: "application/json", text: JSON.stringify(exportCanonical(model), null, 1) };
    case "opensees_py":
      return { filename: `${base}_opensees.py`, mimeType: "text/x-python", text: exportOpenSeesPy(model) };
    case "skyciv_s3d":
      return { filename: `${base}.s3d.json`, mimeType: "application/json", text: JSON.stringify(exportSkyCivS3D(model), null, 1) };
  }
}

/** Contents up to this size come inline; larger files only as the download link, so no answer nears 1 MiB. */
export const MAX_INLINE_EXPORT_CHARS = 512 * 1024;

export const exportModel = defineTool({
  name: "export_model",
  title: "Export model",
  description:
    "Exports a model (optionally an earlier revision) as Spectral's canonical JSON (which import_model reads back without loss), as a runnable OpenSeesPy script, or as SkyCiv S3D JSON, " +
    "so an engineer can check it in another tool. Returns the file name, the content (for files up to 512 KB) and a download URL.",
  scope: "read",
  annotations: READ_ONLY,
  inputSchema: z.object({
    modelId: ModelIdSchema,
    format: z.enum(EXPORT_FORMATS).default("spectral_json").describe("spectral_json, opensees_py or skyciv_s3d."),
    revision: z.number().int().min(1).optional().describe("Export an earlier revision."),
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
    if (!found || found.role === "share") throw new ToolError(`No model "${input.modelId}"${input.revision ? ` at revision ${input.revision}` : ""} that you can access. Call list_models to see your models.`, { code: "not_found" });
    const file = renderExport(found.model, input.format);
    const downloadUrl = `${ctx.appUrl}/api/models/${encodeURIComponent(input.modelId)}/export?format=${input.format}${input.revision ? `&rev=${input.revision}` : ""}`;
    const inline = file.text.length <= MAX_INLINE_EXPORT_CHARS;
    return {
      structured: {
        modelId: input.modelId, revision: found.revision, format: input.format, filename: file.filename, mimeType: file.mimeType,
        bytes: Buffer.byteLength(file.text), ...(inline ? { content: file.text } : {}), downloadUrl,
      },
      text: `${file.filename} (${Buffer.byteLength(file.text)} bytes)${inline ? "" : " — too large to show here"}; download (signed in): ${downloadUrl}`,
    };
  },
});
