import { z } from "zod";
import { toViewerPayload } from "@/lib/structural";
import { getViewerModel } from "@/lib/db/models";
import { defineTool, READ_ONLY, ToolError } from "../define-tool";
import { ModelIdSchema, WIDGET_PAYLOAD_MAX_FRAMES } from "./shared";

export const getViewer = defineTool({
  name: "get_viewer",
  title: "Get viewer",
  description:
    "Returns the 3D viewer URL for a model (optionally an earlier revision) and shows the model in the in-chat viewer. " +
    "The compact viewer payload (node positions, frame index pairs, supports, sections for drawing, bounds) is attached for the viewer widget; " +
    "set include_payload: true to also receive it yourself (large: only for small models). Use it when the user wants to see or share the model.",
  scope: "read",
  annotations: READ_ONLY,
  widget: true,
  inputSchema: z.object({
    modelId: ModelIdSchema,
    revision: z.number().int().min(1).optional().describe("Show an earlier revision (read-only) instead of the latest."),
    include_payload: z.boolean().default(false).describe("Also return the viewer payload in the structured result."),
  }),
  outputSchema: z.object({
    modelId: z.string(),
    name: z.string(),
    revision: z.number().int(),
    latestRevision: z.number().int(),
    viewerUrl: z.string(),
    counts: z.object({ nodes: z.number().int(), frames: z.number().int(), supports: z.number().int(), loads: z.number().int() }),
    bounds: z.object({ min: z.array(z.number()), max: z.array(z.number()) }),
    payload: z.record(z.string(), z.unknown()).optional(),
  }),
  invoking: "Opening the viewer…",
  invoked: "Viewer ready",
  async run(input, ctx) {
    const found = await getViewerModel(input.modelId, { userId: ctx.userId }, input.revision);
    if (!found) throw new ToolError(`No model "${input.modelId}"${input.revision ? ` at revision ${input.revision}` : ""} that you can access. Call list_models to see your models.`, { code: "not_found" });
    const { model } = found;
    if (input.include_payload && model.frames.length > WIDGET_PAYLOAD_MAX_FRAMES) {
      throw new ToolError(`The model has ${model.frames.length} frames; the payload is only returned for models up to ${WIDGET_PAYLOAD_MAX_FRAMES}. Open the viewer URL instead.`, { code: "too_large" });
    }
    const payload = model.frames.length <= WIDGET_PAYLOAD_MAX_FRAMES ? toViewerPayload(model, { revision: found.revision }) : null;
    const viewerUrl = ctx.viewerUrl(model.meta.id, input.revision);
    const b = payload?.bounds ?? { min: [0, 0, 0], max: [0, 0, 0] };
    return {
      structured: {
        modelId: model.meta.id,
        name: model.meta.name,
        revision: found.revision,
        latestRevision: found.latestRevision,
        viewerUrl,
        counts: { nodes: model.nodes.length, frames: model.frames.length, supports: model.supports.length, loads: model.loads.length },
        bounds: { min: [...b.min], max: [...b.max] },
        ...(input.include_payload && payload ? { payload: payload as unknown as Record<string, unknown> } : {}),
      },
      text: `Viewer for "${model.meta.name}" (rev ${found.revision}${found.revision !== found.latestRevision ? ` of ${found.latestRevision}` : ""}): ${viewerUrl}`,
      meta: payload ? { "spectral/viewer": payload, "spectral/viewerUrl": viewerUrl } : { "spectral/viewerUrl": viewerUrl, "spectral/viewerTruncated": true },
    };
  },
});
