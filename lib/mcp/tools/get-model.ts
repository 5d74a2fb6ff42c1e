import { z } from "zod";
import { bounds, exportCanonical } from "@/lib/structural";
import { loadModel, loadModelSummary } from "@/lib/db/models";
import { defineTool, READ_ONLY } from "../define-tool";
import { CountsSchema, ModelIdSchema, countsOf } from "./shared";
import { AppError } from "@/lib/errors";

const KINDS = ["nodes", "frames", "supports", "sections", "materials", "load_cases", "loads", "combinations"] as const;
const Row = z.record(z.string(), z.unknown());

export const getModel = defineTool({
  name: "get_model",
  title: "Get model",
  description:
    "Returns one model's summary (name, units, vertical axis, revision, element counts, bounding box, viewer URL) and, when include_elements is true, " +
    "its elements in Spectral's canonical JSON (nodes with labels and coordinates in metres, frames by node labels, supports, sections, materials, load cases, loads, combinations). " +
    "Large models are paged: pass offset/limit and the kinds you need, and follow hasMore. Use it before editing a model you have not seen in this conversation.",
  scope: "read",
  annotations: READ_ONLY,
  inputSchema: z.object({
    modelId: ModelIdSchema,
    revision: z.number().int().min(1).optional().describe("Read an earlier revision instead of the latest."),
    include_elements: z.boolean().default(false).describe("Also return the elements (paged)."),
    kinds: z.array(z.enum(KINDS)).max(KINDS.length).optional().describe("Which element kinds to return (default: all)."),
    offset: z.number().int().min(0).default(0).describe("Index of the first element of each kind to return."),
    limit: z.number().int().min(1).max(5000).default(500).describe("Most elements of each kind to return (1–5000, default 500)."),
  }),
  outputSchema: z.object({
    modelId: z.string(),
    name: z.string(),
    description: z.string(),
    role: z.enum(["owner", "editor", "viewer"]),
    revision: z.number().int(),
    units: z.object({ length: z.string(), force: z.string() }),
    verticalAxis: z.enum(["Z", "Y"]),
    counts: CountsSchema,
    bounds: z.object({ min: z.array(z.number()), max: z.array(z.number()) }).nullable(),
    viewerUrl: z.string(),
    elements: z
      .object({
        offset: z.number().int(),
        limit: z.number().int(),
        hasMore: z.boolean(),
        nodes: z.array(Row).optional(),
        frames: z.array(Row).optional(),
        supports: z.array(Row).optional(),
        sections: z.array(Row).optional(),
        materials: z.array(Row).optional(),
        load_cases: z.array(Row).optional(),
        loads: z.array(Row).optional(),
        combinations: z.array(Row).optional(),
      })
      .optional(),
  }),
  invoking: "Reading the model…",
  invoked: "Read the model",
  async run(input, ctx) {
    const notFound = () =>
      new AppError("not_found", input.revision
          ? `No revision ${input.revision} of a model "${input.modelId}" that you can access. Call list_models, or list_revisions for valid revisions.`
          : `No model with id "${input.modelId}" that you can access. Call list_models to see your models.`);
    // The summary alone does not need the elements: counts and bounds come from the database.
    if (!input.include_elements && input.revision === undefined) {
      const s = await loadModelSummary(input.modelId, ctx.userId);
      if (!s) throw notFound();
      const out = {
        modelId: s.meta.id, name: s.meta.name, description: s.meta.description, role: s.role, revision: s.meta.revision,
        units: s.meta.displayUnits, verticalAxis: s.meta.verticalAxis, counts: s.counts, bounds: s.bounds, viewerUrl: ctx.viewerUrl(s.meta.id),
      };
      return { structured: out, text: summaryText(out) };
    }
    const found = await loadModel(input.modelId, ctx.userId, { revision: input.revision });
    if (!found) throw notFound();
    const { model, role } = found;
    const counts = countsOf(model);
    const b = model.nodes.length ? bounds(model) : null;
    const out: Record<string, unknown> = {
      modelId: model.meta.id,
      name: model.meta.name,
      description: model.meta.description,
      role,
      revision: model.meta.revision,
      units: model.meta.displayUnits,
      verticalAxis: model.meta.verticalAxis,
      counts,
      bounds: b ? { min: [...b.min], max: [...b.max] } : null,
      viewerUrl: ctx.viewerUrl(model.meta.id, input.revision),
    };
    let note = "";
    if (input.include_elements) {
      const canonical = exportCanonical(model) as unknown as Record<string, unknown[] | undefined>;
      const page = elementsPage(canonical, input.kinds ?? KINDS, input.offset, input.limit);
      out.elements = page;
      if (page.limit < input.limit) note = ` The page holds ${page.limit} of each kind (not ${input.limit}) to stay under ${ELEMENTS_PAGE_BYTES / 1024} KB; continue at offset ${input.offset + page.limit}.`;
    }
    return { structured: out as never, text: summaryText(out as never) + note };
  },
});

/** Bytes of elements one answer may carry (every JSON-RPC response stays well under 1 MiB). */
export const ELEMENTS_PAGE_BYTES = 512 * 1024;

/**
 * `limit` elements of each kind from `offset`, with the limit lowered (halved until it fits) when
 * that many would exceed ELEMENTS_PAGE_BYTES, so that paging by offset += limit sees everything.
 */
function elementsPage(canonical: Record<string, unknown[] | undefined>, kinds: readonly string[], offset: number, limit: number) {
  for (let n = limit; ; n = Math.max(1, Math.floor(n / 2))) {
    const els: Record<string, unknown> = { offset, limit: n };
    let hasMore = false;
    let bytes = 0;
    for (const k of kinds) {
      const all = canonical[k] ?? [];
      const part = all.slice(offset, offset + n);
      els[k] = part;
      bytes += JSON.stringify(part).length;
      if (all.length > offset + n) hasMore = true;
    }
    els.hasMore = hasMore;
    if (bytes <= ELEMENTS_PAGE_BYTES || n === 1) return els as { offset: number; limit: number; hasMore: boolean };
  }
}

function summaryText(o: { name: string; revision: number; role: string; counts: { nodes: number; frames: number; supports: number; loadCases: number; loads: number }; viewerUrl: string }): string {
  return (
    `"${o.name}" (rev ${o.revision}, ${o.role}): ${o.counts.nodes} nodes, ${o.counts.frames} frames, ${o.counts.supports} supports, ` +
    `${o.counts.loadCases} load cases, ${o.counts.loads} loads. Viewer: ${o.viewerUrl}`
  );
}
