/** Schemas and helpers shared by several tools. */
import { z } from "zod";
import { type StructuralModel, type Issue, safeText } from "@/lib/structural";

export const ModelIdSchema = safeText(1, 128).describe("Model id (list_models)");
export const DryRunSchema = z.boolean().default(false).describe("Check only, write nothing");
export const IdempotencyKeySchema = z
  .string()
  .min(8)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/)
  .optional()
  .describe("Retry key (a repeat returns the first result)");

/** An issue as answered: code, severity, message, path? (into the input), hint? (the fix). */
export const IssueOutSchema = z.record(z.string(), z.unknown()).describe("code, severity, message, path?, hint? (the fix)");

/** Rows per element kind (nodes, frames, supports, sections, materials, loadCases, loads, combinations). */
export const CountsSchema = z.record(z.string(), z.number().int()).describe("Rows per kind");
// A type alias (not an interface) so that it is assignable to the schema's Record<string, number>.
export type Counts = {
  nodes: number;
  frames: number;
  supports: number;
  sections: number;
  materials: number;
  loadCases: number;
  loads: number;
  combinations: number;
};

/** "Units: m, kN." — the units the numbers of a call were read in (every write answer says them). */
export function unitsUsed(units: unknown, display?: { length: string; force: string }): string {
  if (units === "display" && display) return `Units: ${display.length}, ${display.force} (the model's display units).`;
  const u = (units && typeof units === "object" ? units : {}) as Record<string, string | undefined>;
  const length = u.length ?? "m";
  const force = u.force ?? "N";
  const extra = [u.sectionLength ? `sections ${u.sectionLength}` : "", u.stress ? `stress ${u.stress}` : "", u.density ? `density ${u.density}` : ""].filter(Boolean);
  return `Units read: ${length}, ${force}${extra.length ? `, ${extra.join(", ")}` : ""}${units ? "" : " (SI: no units given)"}.`;
}

/** The warnings of an answer, as text: count and the first few messages. */
export function warningsText(warnings: readonly { message: string }[]): string {
  return warnings.length ? ` ${warnings.length} warning(s): ${warnings.slice(0, 3).map((w) => w.message).join(" ")}` : "";
}

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

// A type alias so that it is assignable to the schema's Record<string, unknown>.
export type IssueOut = { code: string; severity: Issue["severity"]; message: string; path?: Issue["path"]; hint?: string };

/** Issues as returned to clients (no internal element refs). */
export function issuesOut(issues: readonly Issue[], max = 200): IssueOut[] {
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
