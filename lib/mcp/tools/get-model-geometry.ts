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
import { GEOMETRY_PAGE_BUDGET, SIMPLIFIED_VIEW_ABOVE_FRAMES, geometryPage, geometryStream, toViewerPayload } from "@/lib/structural";
import { getViewerModel, loadModelSummary } from "@/lib/db/models";
import { cachedGeometry, rememberGeometry, type CachedGeometry } from "@/lib/viewer/geometry-cache";
import { defineTool, READ_ONLY } from "../define-tool";
import { ModelIdSchema } from "./shared";
import { AppError } from "@/lib/errors";

const Index = z.number().int();
const LabelRunsSchema = z
  .object({
    prefix: z.array(z.string()).describe("Text of each run's labels before the number."),
    first: z.array(Index).describe("Number of each run's first label, or -1 when the run is one label without a number (the prefix is the label)."),
    count: z.array(Index).describe("Labels in each run: label k of a run is prefix + (first + k)."),
  })
  .describe("Labels of this page's elements, run-length encoded.");

export const getModelGeometry = defineTool({
  name: "get_model_geometry",
  title: "Get model geometry (viewer widget)",
  description:
    "For Spectral's in-chat 3D viewer widget only (it calls this tool through the host; it is hidden from the model). " +
    "Returns a model's drawable geometry in pages of flat numeric arrays: node positions [x0,y0,z0,x1,…] in metres, frame node-index pairs [i0,j0,i1,j1,…], " +
    "support node indexes and codes, per-frame section indexes, section names, labels (run-length encoded), bounds and counts. " +
    `Start with cursor 0 and pass nextCursor (and the returned revision) until nextCursor is null. Models above ${SIMPLIFIED_VIEW_ABOVE_FRAMES.toLocaleString("en-US")} frames come as a simplified view (lines only, no labels or sections).`,
  scope: "read",
  annotations: READ_ONLY,
  appOnly: true,
  inputSchema: z.object({
    modelId: ModelIdSchema,
    revision: z.number().int().min(1).optional().describe("Revision to draw (default: the latest). Pass the revision of the first page when asking for the next ones."),
    cursor: z.number().int().min(0).default(0).describe("Index of the first item of the page: 0 for the first page, then the previous page's nextCursor."),
  }),
  outputSchema: z.object({
    modelId: z.string(),
    name: z.string(),
    revision: z.number().int().describe("Revision these pages describe."),
    latestRevision: z.number().int(),
    viewerUrl: z.string().describe("The full 3D viewer for this model."),
    verticalAxis: z.enum(["Z", "Y"]),
    lengthUnit: z.string().describe("The model's display length unit (positions are always in metres)."),
    simplified: z.boolean().describe("True when the model is too large for the full widget view: lines only, no labels or sections."),
    counts: z.object({ nodes: Index, frames: Index, supports: Index, sections: Index }),
    bounds: z.object({ min: z.array(z.number()), max: z.array(z.number()) }).describe("Bounding box of the nodes in metres."),
    cursor: Index.describe("Index of this page's first item."),
    nextCursor: Index.nullable().describe("Cursor of the next page, or null when this is the last."),
    total: Index.describe("Items in all pages: sections + nodes + supports + frames."),
    sections: z.object({
      start: Index.describe("Index of this page's first section."),
      names: z.array(z.string()),
      shapes: z.array(z.string().nullable()).describe("Shape type of each section (I, rect, rhs, circle, chs, channel, angle) or null."),
    }),
    nodes: z.object({
      start: Index.describe("Index of this page's first node."),
      positions: z.array(z.number()).describe("x, y, z of each node in metres (0.1 mm precision), flat."),
      labels: LabelRunsSchema.optional(),
    }),
    supports: z.object({
      start: Index.describe("Index of this page's first support."),
      node: z.array(Index).describe("Node index of each support."),
      code: z.array(z.string()).describe("Restraint code of each support (ux uy uz rx ry rz, F = fixed, R = free)."),
    }),
    frames: z.object({
      start: Index.describe("Index of this page's first frame."),
      pairs: z.array(Index).describe("Node indexes of each frame's ends, flat [i0, j0, i1, j1, …] (-1 when an end is missing)."),
      section: z.array(Index).optional().describe("Section index of each frame, or -1."),
      labels: LabelRunsSchema.optional(),
    }),
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
