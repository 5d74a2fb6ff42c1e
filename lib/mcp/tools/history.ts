import { z } from "zod";
import { listRevisions } from "@/lib/db/models";
import { undoModel, type UndoResult } from "@/lib/history/undo";
import { defineTool, READ_ONLY, DESTRUCTIVE_WRITE } from "../define-tool";
import { CountsSchema, IdempotencyKeySchema, ModelIdSchema, describeCounts } from "./shared";
import { modelNotFound } from "@/lib/structural/errors";


export const listRevisionsTool = defineTool({
  name: "list_revisions",
  title: "List revisions",
  description:
    "A model's revisions, newest first: number, summary, counts changed, who and when. Use before undo_change.",
  scope: "read",
  annotations: READ_ONLY,
  inputSchema: z.object({
    modelId: ModelIdSchema,
    before: z.number().int().min(1).optional().describe("Only older revisions (paging)"),
    limit: z.number().int().min(1).max(200).default(30).describe("Revisions to return"),
  }),
  outputSchema: z.object({
    modelId: z.string(),
    latestRevision: z.number().int(),
    revisions: z.array(z.record(z.string(), z.unknown())).describe("revision, summary, source, by, createdAt, added, updated, removed (counts), viewerUrl"),
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
    "Reverts the latest change, or all after to_revision, as a new revision (itself undoable).",
  scope: "write",
  annotations: DESTRUCTIVE_WRITE,
  inputSchema: z.object({
    modelId: ModelIdSchema,
    to_revision: z.number().int().min(1).optional().describe("Revision to return to (default the previous)"),
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
      structured: { modelId: input.modelId, revision: res.revision, restoredRevision: to, added: r.added, updated: r.updated, removed: r.removed, viewerUrl: ctx.viewerUrl(input.modelId) },
      text: `Model "${res.name}" is back to its state at revision ${to} (new revision ${res.revision}: added ${describeCounts(r.added)}, removed ${describeCounts(r.removed)}, changed ${describeCounts(r.updated)}). Undo again with undo_change to redo.`,
    };
  },
});
