import { z } from "zod";
import { bounds, toViewerPayload, utf8Length } from "@/lib/structural";
import { getViewerModel, loadModelSummary } from "@/lib/db/models";
import { defineTool, READ_ONLY } from "../define-tool";
import { ModelIdSchema } from "./shared";
import { AppError, modelNotFound } from "@/lib/structural/errors";

/**
 * The most JSON the payload of include_payload may take (about 2,000 frames of a typical model).
 * The result stays small either way: the in-chat widget fetches its geometry itself, in pages
 * (get_model_geometry), so nothing else of the model rides on this answer.
 */
export const INCLUDE_PAYLOAD_MAX_BYTES = 256 * 1024;

export const getViewer = defineTool({
  name: "get_viewer",
  title: "Get viewer",
  description:
    "Shows a model (or revision) in the in-chat 3D viewer; returns the viewer URL, counts and bounds. include_payload adds the viewer payload of small models (≈ 2,000 frames).",
  scope: "read",
  annotations: READ_ONLY,
  widget: true,
  inputSchema: z.object({
    modelId: ModelIdSchema,
    revision: z.number().int().min(1).optional().describe("An earlier revision"),
    include_payload: z.boolean().default(false).describe("Also return the viewer payload (small models)"),
  }),
  outputSchema: z.object({
    modelId: z.string(),
    name: z.string(),
    revision: z.number().int(),
    latestRevision: z.number().int(),
    viewerUrl: z.string(),
    counts: z.record(z.string(), z.number().int()),
    bounds: z.object({ min: z.array(z.number()), max: z.array(z.number()) }),
    payload: z.record(z.string(), z.unknown()).optional(),
  }),
  invoking: "Opening the viewer…",
  invoked: "Viewer ready",
  async run(input, ctx) {
    if (input.revision === undefined && !input.include_payload) {
      // The latest revision's link, counts and bounds are kept on the model: no need to read its elements.
      const summary = await loadModelSummary(input.modelId, ctx.userId);
      if (!summary) throw modelNotFound(input.modelId);
      const { meta, counts } = summary;
      const viewerUrl = ctx.viewerUrl(meta.id);
      return {
        structured: {
          modelId: meta.id,
          name: meta.name,
          revision: meta.revision,
          latestRevision: meta.revision,
          viewerUrl,
          counts: { nodes: counts.nodes, frames: counts.frames, supports: counts.supports, loads: counts.loads },
          bounds: summary.bounds ? { min: [...summary.bounds.min], max: [...summary.bounds.max] } : { min: [0, 0, 0], max: [0, 0, 0] },
        },
        text: `Viewer for "${meta.name}" (rev ${meta.revision}, coordinates in m): ${viewerUrl}`,
      };
    }
    const found = await getViewerModel(input.modelId, { userId: ctx.userId }, input.revision);
    if (!found) throw new AppError("not_found", `No model "${input.modelId}"${input.revision ? ` at revision ${input.revision}` : ""} that you can access. Call list_models to see your models.`);
    const { model } = found;
    const viewerUrl = ctx.viewerUrl(model.meta.id, input.revision);
    let payload: Record<string, unknown> | undefined;
    if (input.include_payload) {
      const built = toViewerPayload(model, { revision: found.revision });
      const size = utf8Length(JSON.stringify(built));
      if (size > INCLUDE_PAYLOAD_MAX_BYTES) {
        throw new AppError("too_large", `The viewer payload of this model is ${Math.ceil(size / 1024)} KiB; include_payload returns it only up to ${INCLUDE_PAYLOAD_MAX_BYTES / 1024} KiB. ` +
            `Call get_viewer without include_payload and give the user the viewer URL, or read the elements page by page with get_model (include_elements).`, { bytes: size, maxBytes: INCLUDE_PAYLOAD_MAX_BYTES });
      }
      payload = { ...built };
    }
    const b = bounds(model);
    return {
      structured: {
        modelId: model.meta.id,
        name: model.meta.name,
        revision: found.revision,
        latestRevision: found.latestRevision,
        viewerUrl,
        counts: { nodes: model.nodes.length, frames: model.frames.length, supports: model.supports.length, loads: model.loads.length },
        bounds: { min: [...b.min], max: [...b.max] },
        ...(payload ? { payload } : {}),
      },
      text: `Viewer for "${model.meta.name}" (rev ${found.revision}${found.revision !== found.latestRevision ? ` of ${found.latestRevision}` : ""}): ${viewerUrl}`,
    };
  },
});
