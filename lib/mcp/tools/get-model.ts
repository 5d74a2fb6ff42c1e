import { z } from "zod";
import { bounds, exportCanonical } from "@/lib/structural";
import { loadModel, loadModelSummary } from "@/lib/db/models";
import { defineTool, READ_ONLY } from "../define-tool";
import { CountsSchema, ModelIdSchema, countsOf } from "./shared";
import { AppError, modelNotFound } from "@/lib/structural/errors";

const KINDS = ["nodes", "frames", "supports", "sections", "materials", "load_cases", "loads", "combinations"] as const;
const Row = z.record(z.string(), z.unknown());

export const getModel = defineTool({
  name: "get_model",
  title: "Get model",
  description:
    "A model's summary (units, revision, counts, bounds, viewer URL) and, with include_elements, its elements in canonical JSON (SI), paged per kind (follow hasMore). Read before editing an unseen model.",
  scope: "read",
  annotations: READ_ONLY,
  inputSchema: z.object({
    modelId: ModelIdSchema,
    revision: z.number().int().min(1).optional().describe("An earlier revision"),
    include_elements: z.boolean().default(false).describe("Also return elements (paged)"),
    kinds: z.array(z.enum(KINDS)).max(KINDS.length).optional().describe("Element kinds (default all)"),
    offset: z.number().int().min(0).default(0).describe("First element of each kind"),
    limit: z.number().int().min(1).max(5000).default(500).describe("Elements per kind"),
  }),
  outputSchema: z.object({
    modelId: z.string(),
    name: z.string(),
    description: z.string(),
    role: z.enum(["owner", "editor", "viewer"]),
    revision: z.number().int(),
    units: z.record(z.string(), z.string()).describe("Display units; values are SI"),
    verticalAxis: z.enum(["Z", "Y"]),
    counts: CountsSchema,
    bounds: z.record(z.string(), z.array(z.number())).nullable().describe("min, max [x, y, z] m"),
    viewerUrl: z.string(),
    elements: z
      .object({
        offset: z.number().int(),
        limit: z.number().int(),
        hasMore: z.boolean(),
      })
      .catchall(z.array(Row))
      .optional()
      .describe("One array per kind, canonical JSON"),
  }),
  invoking: "Reading the model…",
  invoked: "Read the model",
  async run(input, ctx) {
    const notFound = () =>
      input.revision
        ? new AppError("not_found", `No revision ${input.revision} of a model "${input.modelId}" that you can access. Call list_models, or list_revisions for valid revisions.`)
        : modelNotFound(input.modelId);
    // The summary alone does not need the elements: counts and bounds come from the database.
    if (!input.include_elements && input.revision === undefined) {
      const s = await loadModelSummary(input.modelId, ctx.userId);
      if (!s) throw notFound();
      const out = {
        modelId: s.meta.id, name: s.meta.name, description: s.meta.description, role: s.role, revision: s.meta.revision,
        units: s.meta.displayUnits, verticalAxis: s.meta.verticalAxis, counts: { ...s.counts }, bounds: s.bounds, viewerUrl: ctx.viewerUrl(s.meta.id),
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

function summaryText(o: { name: string; revision: number; role: string; counts: Record<string, number>; units: { length: string; force: string }; viewerUrl: string }): string {
  return (
    `"${o.name}" (rev ${o.revision}, ${o.role}): ${o.counts.nodes} nodes, ${o.counts.frames} frames, ${o.counts.supports} supports, ` +
    `${o.counts.loadCases} load cases, ${o.counts.loads} loads; values in SI (m, N, Pa; display units ${o.units.length}, ${o.units.force}). Viewer: ${o.viewerUrl}`
  );
}
