import { z } from "zod";
import { safeText } from "@/lib/structural";
import { listModelsForUser } from "@/lib/db/models";
import { defineTool, READ_ONLY } from "../define-tool";

export const listModels = defineTool({
  name: "list_models",
  title: "List models",
  description:
    "Lists the Spectral models the user can open: their own and those shared with them, most recently changed first. " +
    "Use it to find a model's id before get_model, add_elements or get_viewer. Returns name, id, role, element counts, revision, last update and viewer URL for each, with a cursor for the next page.",
  scope: "read",
  annotations: READ_ONLY,
  inputSchema: z.object({
    cursor: safeText(0, 200).optional().describe("The nextCursor from a previous call, to get the next page."),
    limit: z.number().int().min(1).max(200).default(50).describe("Models per page (1–200, default 50)."),
  }),
  outputSchema: z.object({
    models: z.array(
      z.object({
        modelId: z.string(),
        name: z.string(),
        description: z.string(),
        role: z.enum(["owner", "editor", "viewer"]),
        revision: z.number().int(),
        counts: z.object({ nodes: z.number().int(), frames: z.number().int(), supports: z.number().int(), loads: z.number().int() }),
        updatedAt: z.string(),
        viewerUrl: z.string(),
      }),
    ),
    nextCursor: z.string().nullable(),
  }),
  invoking: "Listing your models…",
  invoked: "Listed your models",
  async run(input, ctx) {
    const { items, nextCursor } = await listModelsForUser(ctx.userId, { cursor: input.cursor, limit: input.limit });
    const models = items.map((m) => ({
      modelId: m.id,
      name: m.name,
      description: m.description,
      role: m.role,
      revision: m.revision,
      counts: m.counts,
      updatedAt: m.updatedAt.toISOString(),
      viewerUrl: ctx.viewerUrl(m.id),
    }));
    const text = models.length
      ? `${models.length} model${models.length === 1 ? "" : "s"}${nextCursor ? " (more available)" : ""}:\n` +
        models.map((m) => `- ${m.name} (${m.modelId}): ${m.counts.nodes} nodes, ${m.counts.frames} frames, rev ${m.revision}, ${m.role} – ${m.viewerUrl}`).join("\n")
      : "You have no models yet. Create one with create_model or import_model.";
    return { structured: { models, nextCursor }, text };
  },
});
