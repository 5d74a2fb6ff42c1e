/**
 * get_model_geometry: the in-chat viewer widget's geometry, paged and compact (flat numeric
 * arrays). App-only: hidden from the model (MCP Apps `_meta.ui.visibility: ["app"]`); the widget
 * calls it through the host (`tools/call` / `window.openai.callTool`) when it is shown.
 *
 * Each page is cut from the whole model by lib/structural/geometry-pages.ts within
 * GEOMETRY_PAGE_BUDGET bytes, so every response stays far under 1 MiB (both protocol eras) at any
 * model size. Above SIMPLIFIED_VIEW_ABOVE_FRAMES frames the pages are the simplified view.
 * Access is checked on every call (a cheap summary read); the prepared geometry of a revision is
 * kept per instance (lib/viewer/geometry-cache.ts), so only the first page reads the whole model.
 */
import { z } from "zod";
import { GEOMETRY_PAGE_BUDGET, geometryPage, geometryStream, toViewerPayload } from "@/lib/structural";
import { getViewerModel, loadModelSummary } from "@/lib/db/models";
import { cachedGeometry, rememberGeometry, type CachedGeometry } from "@/lib/viewer/geometry-cache";
import { defineTool, READ_ONLY } from "../define-tool";
import { ModelIdSchema } from "./shared";
import { AppError } from "@/lib/structural/errors";

const Index = z.number().int();
/**
 * One part of a page (geometry-pages.ts). Labels are run-length encoded: run k holds labels
 * prefix[k] + (first[k] + i) for i < count[k]; first -1 = the prefix alone.
 */
const Part = z.record(z.string(), z.unknown());

export const getModelGeometry = defineTool({
  name: "get_model_geometry",
  title: "Get model geometry (viewer widget)",
  description:
    "For the in-chat viewer widget only (hidden from the model): a model's geometry in pages of flat arrays. Start at cursor 0, follow nextCursor with the same revision.",
  scope: "read",
  annotations: READ_ONLY,
  appOnly: true,
  inputSchema: z.object({
    modelId: ModelIdSchema,
    revision: z.number().int().min(1).optional().describe("Revision (default latest; keep the first page's)"),
    cursor: z.number().int().min(0).default(0).describe("0, then nextCursor"),
  }),
  outputSchema: z.object({
    modelId: z.string(),
    name: z.string(),
    revision: Index,
    latestRevision: Index,
    viewerUrl: z.string(),
    verticalAxis: z.enum(["Z", "Y"]),
    lengthUnit: z.string(),
    simplified: z.boolean(),
    counts: z.record(z.string(), Index),
    bounds: z.object({ min: z.array(z.number()), max: z.array(z.number()) }),
    cursor: Index,
    nextCursor: Index.nullable(),
    total: Index,
    sections: Part,
    nodes: Part,
    supports: Part,
    frames: Part,
  }),
  async run(input, ctx) {
    const notFound = () => new AppError("not_found", `No model "${input.modelId}"${input.revision ? ` at revision ${input.revision}` : ""} that you can access.`);
    const summary = await loadModelSummary(input.modelId, ctx.userId);
    if (!summary || (input.revision ?? 0) > summary.meta.revision) throw notFound();
    const revision = input.revision ?? summary.meta.revision;
    const { header, stream } = cachedGeometry(input.modelId, revision) ?? (await prepare(input.modelId, ctx.userId, revision));
    if (input.cursor > stream.total) {
      throw new AppError("invalid_cursor", `cursor ${input.cursor} is past the end of this model's geometry (${stream.total} items). Start again with cursor 0.`);
    }
    const page = geometryPage(stream, input.cursor, GEOMETRY_PAGE_BUDGET);
    // The live model's page for the latest revision; the read-only revision page otherwise.
    const viewerUrl = ctx.viewerUrl(input.modelId, revision < summary.meta.revision ? revision : undefined);
    return {
      structured: { modelId: input.modelId, revision, latestRevision: summary.meta.revision, viewerUrl, ...header, ...page },
      text: `Geometry of "${header.name}" (rev ${revision}), items ${page.cursor}–${page.nextCursor ?? page.total} of ${page.total}${page.simplified ? ", simplified view" : ""}.`,
    };
  },
});

/** Reads the model (whole: viewer geometry is whole-model by nature) and prepares its pages. */
async function prepare(modelId: string, userId: string, revision: number): Promise<CachedGeometry> {
  const found = await getViewerModel(modelId, { userId }, revision);
  if (!found) throw new AppError("not_found", `No model "${modelId}" at revision ${revision} that you can access.`);
  const { model } = found;
  const payload = toViewerPayload(model, { revision: found.revision });
  const prepared: CachedGeometry = {
    header: {
      name: model.meta.name,
      verticalAxis: model.meta.verticalAxis,
      lengthUnit: model.meta.displayUnits.length,
      counts: { nodes: model.nodes.length, frames: model.frames.length, supports: payload.supports.node.length, sections: model.sections.length },
      bounds: { min: [...payload.bounds.min], max: [...payload.bounds.max] },
    },
    stream: geometryStream(payload),
  };
  rememberGeometry(modelId, found.revision, prepared);
  return prepared;
}
