import { z } from "zod";
import { safeText } from "@/lib/structural";
import { listModelsForUser } from "@/lib/db/models";
import { defineTool, READ_ONLY } from "../define-tool";

export const listModels = defineTool({
  name: "list_models",
  title: "List models",
  description:
    "Lists the models the user can open, newest change first, with id, counts and viewer URL (page with cursor). Each is also the resource spectral://models/{modelId}.",
  scope: "read",
  annotations: READ_ONLY,
  inputSchema: z.object({
    cursor: safeText(0, 200).optional().describe("nextCursor of the previous page"),
    limit: z.number().int().min(1).max(200).default(50).describe("Models per page"),
  }),
  outputSchema: z.object({
    models: z.array(z.record(z.string(), z.unknown())).describe("modelId, name, description, role, revision, counts, updatedAt, viewerUrl"),
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
