/** Schemas and helpers shared by several tools. */
import { z } from "zod";
import { type StructuralModel, type Issue, safeText } from "@/lib/structural";

export const ModelIdSchema = safeText(1, 128).describe("The model's id (from list_models, create_model or import_model).");
export const DryRunSchema = z.boolean().default(false).describe("When true, validate and return the plan without writing anything.");
export const IdempotencyKeySchema = z
  .string()
  .min(8)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/)
  .optional()
  .describe("Optional key (8–128 chars) that makes a retried call safe: a second call with the same key returns the first result instead of applying again.");

export const IssueOutSchema = z.object({
  code: z.string(),
  severity: z.enum(["error", "warning", "info"]),
  message: z.string(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
  hint: z.string().optional(),
});

export const CountsSchema = z.object({
  nodes: z.number().int(),
  frames: z.number().int(),
  supports: z.number().int(),
  sections: z.number().int(),
  materials: z.number().int(),
  loadCases: z.number().int(),
  loads: z.number().int(),
  combinations: z.number().int(),
});
export type Counts = z.infer<typeof CountsSchema>;

export function countsOf(m: Pick<StructuralModel, keyof Omit<Counts, never>>): Counts {
  return {
    nodes: m.nodes.length,
    frames: m.frames.length,
    supports: m.supports.length,
    sections: m.sections.length,
    materials: m.materials.length,
    loadCases: m.loadCases.length,
    loads: m.loads.length,
    combinations: m.combinations.length,
  };
}

/** Issues as returned to clients (no internal element refs). */
export function issuesOut(issues: readonly Issue[], max = 200): z.infer<typeof IssueOutSchema>[] {
  return issues.slice(0, max).map((i) => ({
    code: i.code,
    severity: i.severity,
    message: i.message,
    ...(i.path?.length ? { path: i.path } : {}),
    ...(i.hint ? { hint: i.hint } : {}),
  }));
}

/** Above this many frames the full viewer payload is not attached to tool results (the viewer URL still works). */
export const WIDGET_PAYLOAD_MAX_FRAMES = 20_000;

/** `"name" (now rev 7, 120 nodes, 210 frames)`: a model after a write, from its row. */
export function describeHead(head: { meta: { name: string; revision: number }; counts: { nodes: number; frames: number } }): string {
  return `"${head.meta.name}" (now rev ${head.meta.revision}, ${plural(head.counts.nodes, "node")}, ${plural(head.counts.frames, "frame")})`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** "3 nodes, 2 frames, 1 support" from counts (zeros left out). */
export function describeCounts(c: Partial<Record<string, number>>): string {
  const names: Record<string, string> = {
    nodes: "node", frames: "frame", supports: "support", sections: "section", materials: "material",
    loadCases: "load case", loads: "load", combinations: "combination",
  };
  const parts = Object.entries(c)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([k, n]) => plural(n!, names[k] ?? k));
  return parts.length ? parts.join(", ") : "nothing";
}

/** How many elements of each kind one part of a patch adds, updates or removes. */
export function patchCounts(patch: { add?: unknown; update?: unknown; remove?: unknown }, part: "add" | "update" | "remove"): Counts {
  const p = (patch[part] ?? {}) as Record<string, unknown[] | undefined>;
  return {
    nodes: p.nodes?.length ?? 0, frames: p.frames?.length ?? 0, supports: p.supports?.length ?? 0, sections: p.sections?.length ?? 0,
    materials: p.materials?.length ?? 0, loadCases: p.loadCases?.length ?? 0, loads: p.loads?.length ?? 0, combinations: p.combinations?.length ?? 0,
  };
}
