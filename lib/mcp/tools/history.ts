import { z } from "zod";
import { listRevisions } from "@/lib/db/models";
import { undoModel, type UndoResult } from "@/lib/history/undo";
import { defineTool, READ_ONLY, DESTRUCTIVE_WRITE } from "../define-tool";
import { CountsSchema, IdempotencyKeySchema, ModelIdSchema, describeCounts } from "./shared";
import { AppError, modelNotFound } from "@/lib/errors";

const CountMap = z.record(z.string(), z.number().int());

export const listRevisionsTool = defineTool({
  name: "list_revisions",
  title: "List revisions",
  description:
    "Lists a model's history, newest first: every change is a revision with its number, what changed (counts added/updated/removed), " +
    "who made it (the web app or an assistant on the user's behalf) and when. Use it before undo_change, or to open an earlier revision with get_viewer.",
  scope: "read",
  annotations: READ_ONLY,
  inputSchema: z.object({
    modelId: ModelIdSchema,
    before: z.number().int().min(1).optional().describe("Only revisions older than this one (for paging)."),
    limit: z.number().int().min(1).max(200).default(30).describe("Most revisions to return (default 30)."),
  }),
  outputSchema: z.object({
    modelId: z.string(),
    latestRevision: z.number().int(),
    revisions: z.array(
      z.object({
        revision: z.number().int(),
        summary: z.string(),
        source: z.string(),
        by: z.string().describe("'you (web app)' or 'an assistant (OAuth client <id>)'"),
        createdAt: z.string(),
        added: CountMap,
        updated: CountMap,
        removed: CountMap,
        viewerUrl: z.string(),
      }),
    ),
  }),
  async run(input, ctx) {
    const res = await listRevisions(input.modelId, ctx.userId, { before: input.before, limit: input.limit });
    if (!res) throw modelNotFound(input.modelId);
    const revisions = res.items.map((r) => ({
      revision: r.revision,
      summary: r.summary,
      source: r.source,
      by: r.source === "mcp" ? `an assistant (OAuth client ${r.clientId ?? "unknown"})` : r.actorId === ctx.userId ? "you (web app)" : "a collaborator (web app)",
      createdAt: r.createdAt.toISOString(),
      added: r.counts.added as Record<string, number>,
      updated: r.counts.updated as Record<string, number>,
      removed: r.counts.removed as Record<string, number>,
      viewerUrl: ctx.viewerUrl(input.modelId, r.revision),
    }));
    return {
      structured: { modelId: input.modelId, latestRevision: res.latestRevision, revisions },
      text: revisions.map((r) => `rev ${r.revision} (${r.createdAt}, ${r.by}): ${r.summary}`).join("\n") || "No revisions.",
    };
  },
});

export const undoChange = defineTool({
  name: "undo_change",
  title: "Undo change",
  description:
    "Reverts a model: by default the latest change, or everything after `to_revision`. The undo is itself a new revision (nothing is overwritten), " +
    "so it can be undone again. Returns what changed, the new revision and the viewer URL.",
  scope: "write",
  annotations: DESTRUCTIVE_WRITE,
  widget: true,
  inputSchema: z.object({
    modelId: ModelIdSchema,
    to_revision: z.number().int().min(1).optional().describe("Go back to the state of this revision (default: the one before the latest)."),
    idempotency_key: IdempotencyKeySchema,
  }),
  outputSchema: z.object({
    modelId: z.string(),
    revision: z.number().int(),
    restoredRevision: z.number().int(),
    added: CountsSchema,
    updated: CountsSchema,
    removed: CountsSchema,
    viewerUrl: z.string(),
  }),
  invoking: "Undoing…",
  invoked: "Undone",
  async run(input, ctx) {
    const res: UndoResult = await undoModel(input.modelId, ctx.actor, input.to_revision);
    const r = res;
    const to = res.restoredRevision;
    return {
      structured: { modelId: input.modelId, revision: res.revision, restoredRevision: to, added: r.added as never, updated: r.updated as never, removed: r.removed as never, viewerUrl: ctx.viewerUrl(input.modelId) },
      text: `Model "${res.name}" is back to its state at revision ${to} (new revision ${res.revision}: added ${describeCounts(r.added)}, removed ${describeCounts(r.removed)}, changed ${describeCounts(r.updated)}). Undo again with undo_change to redo.`,
    };
  },
});
