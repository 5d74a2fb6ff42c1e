/**
 * Selections: "all beams", "every IPE300 frame". A load or a frame change may name its frames by
 * a selector (`where: { role: "beam" }`) instead of one frame; before planning, the selector is
 * expanded into one row per matching EXISTING frame, so the planners (elements.ts) only ever see
 * explicit frames and report every problem as they do for a hand-written list.
 *
 * Rules:
 *   - a row gives `frame` or `where`, never both and never neither;
 *   - `where` needs `role` and/or `section` (a section name or id in the model); both = both must hold;
 *   - a selector that matches no frame is an error (SELECTION_EMPTY), naming what exists instead;
 *   - a selected frame change may not set `label`, `i` or `j` (they are per frame);
 *   - the expansion obeys the per-call limits (TOO_MANY_ELEMENTS).
 */
import { z } from "zod";
import { FRAME_ROLES, MAX_NAME_LENGTH, type Frame } from "./schema";
import { safeText } from "./text";
import { error, type Issue } from "./issues";
import type { ModelRows } from "./slice";
import {
  ElementRefSchema,
  ElementsInputSchema,
  ElementsUpdateSchema,
  LoadInputSchema,
  MAX_FRAMES_PER_CALL,
  type ElementsInput,
  type ElementsUpdate,
  type LoadInput,
} from "./elements-input";

/** At most this many rows one selection may expand to (the loads limit of a call). */
export const MAX_SELECTED_ROWS = 200_000;

export const FrameSelectorSchema = z
  .object({
    role: z.enum(FRAME_ROLES).optional().describe("Role of the frames"),
    section: safeText(1, MAX_NAME_LENGTH).optional().describe("Their section (name or id)"),
  })
  .refine((w) => w.role !== undefined || w.section !== undefined, { message: "give role and/or section" })
  .describe('Every existing frame matching all of these, e.g. {"role": "beam"}; instead of frame');
export type FrameSelector = z.infer<typeof FrameSelectorSchema>;

const oneTarget = (r: { frame?: unknown; where?: unknown }) => (r.frame === undefined) !== (r.where === undefined);
const ONE_TARGET = { message: "give frame or where (not both)" };

const [nodal, point, line] = LoadInputSchema.options;
const PointLoadInput = z
  .object({ ...point.shape, frame: point.shape.frame.optional(), where: FrameSelectorSchema.optional() })
  .refine((l) => l.position !== undefined || l.distance !== undefined, { message: "give position (0..1) or distance" })
  .refine(oneTarget, ONE_TARGET)
  .describe(point.description ?? "");
const LineLoadInput = z
  .object({ ...line.shape, frame: line.shape.frame.optional(), where: FrameSelectorSchema.optional() })
  .refine((l) => l.w !== undefined || l.w1 !== undefined, { message: "give w (uniform) or w1 (and w2)" })
  .refine(oneTarget, ONE_TARGET)
  .describe(line.description ?? "");

/** add_elements' input: ElementsInput whose frame loads may name a selection. */
export const ElementsInputWithSelectionSchema = ElementsInputSchema.extend({
  loads: z
    .array(z.discriminatedUnion("kind", [nodal, PointLoadInput, LineLoadInput]))
    .max(MAX_SELECTED_ROWS)
    .optional()
    .describe("Loads; a frame load may use where instead of frame"),
});
export type ElementsInputWithSelection = z.infer<typeof ElementsInputWithSelectionSchema>;

const frameUpdateRow = ElementsUpdateSchema.shape.frames.unwrap().unwrap();
const FrameChangeInput = z
  .object({ ...frameUpdateRow.shape, frame: ElementRefSchema.optional().describe("Frame label or id"), where: FrameSelectorSchema.optional() })
  .refine(oneTarget, ONE_TARGET);

/** update_elements' input: ElementsUpdate whose frame changes may name a selection. */
export const ElementsUpdateWithSelectionSchema = ElementsUpdateSchema.extend({
  frames: z.array(FrameChangeInput).max(MAX_FRAMES_PER_CALL).optional().describe("Frame changes, by frame or where"),
});
export type ElementsUpdateWithSelection = z.infer<typeof ElementsUpdateWithSelectionSchema>;

export interface Expanded<T> {
  input: T;
  issues: Issue[];
}

/** The frames a selector matches (sorted by id), or an error issue at `path`. */
async function selectFrames(rows: ModelRows, where: FrameSelector, path: (string | number)[]): Promise<Frame[] | Issue> {
  let frames: Frame[] | null = null;
  if (where.section !== undefined) {
    const { sections } = await rows.properties();
    const s = sections.find((x) => x.id === where.section || x.name === where.section) ?? sections.find((x) => x.name.toLowerCase() === where.section!.toLowerCase());
    if (!s) {
      return error("UNKNOWN_SECTION", `where.section "${where.section}" is not a section of this model.`, {
        path: [...path, "section"],
        hint: sections.length ? `Use one of: ${sections.slice(0, 20).map((x) => x.name).join(", ")}.` : "The model has no sections yet.",
      });
    }
    frames = await rows.framesUsing([s.id], []);
  }
  if (where.role !== undefined) {
    const byRole = await rows.framesWithRole([where.role]);
    frames = frames === null ? byRole : frames.filter((f) => f.role === where.role);
  }
  const found = [...new Map((frames ?? []).map((f) => [f.id, f])).values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (found.length === 0) {
    const what = [where.role !== undefined ? `role "${where.role}"` : null, where.section !== undefined ? `section "${where.section}"` : null].filter(Boolean).join(" and ");
    return error("SELECTION_EMPTY", `No existing frame has ${what}.`, {
      path,
      hint: "Check the roles and sections with get_model (include_elements), or name the frames one by one.",
    });
  }
  return found;
}

function tooMany(path: (string | number)[], n: number): Issue {
  return error("TOO_MANY_ELEMENTS", `This selection expands to ${n} rows; one call takes at most ${MAX_SELECTED_ROWS}.`, { path, hint: "Narrow the selection (role and section) or split the call." });
}

/** add_elements input with every `where` load replaced by one load per selected frame. */
export async function expandAddSelections(input: ElementsInputWithSelection, rows: ModelRows): Promise<Expanded<ElementsInput>> {
  const { loads, ...rest } = input;
  if (!loads?.some((l) => l.kind !== "nodal" && l.where !== undefined)) return { input: input as ElementsInput, issues: [] };
  const issues: Issue[] = [];
  const out: LoadInput[] = [];
  for (const [k, l] of loads.entries()) {
    if (l.kind === "nodal" || l.where === undefined) {
      out.push(l as LoadInput);
      continue;
    }
    const { where, ...load } = l;
    const frames = await selectFrames(rows, where, ["loads", k, "where"]);
    if (!Array.isArray(frames)) {
      issues.push(frames);
      continue;
    }
    for (const f of frames) out.push({ ...load, frame: f.id } as LoadInput);
    if (out.length > MAX_SELECTED_ROWS) return { input: { ...rest, loads: [] }, issues: [tooMany(["loads", k, "where"], out.length)] };
  }
  return { input: { ...rest, loads: out }, issues };
}

/** update_elements input with every `where` frame change replaced by one change per selected frame. */
export async function expandUpdateSelections(input: ElementsUpdateWithSelection, rows: ModelRows): Promise<Expanded<ElementsUpdate>> {
  const { frames, ...rest } = input;
  if (!frames?.length) return { input: rest, issues: [] };
  const issues: Issue[] = [];
  const out: NonNullable<ElementsUpdate["frames"]> = [];
  for (const [k, row] of frames.entries()) {
    const { where, frame, ...change } = row;
    if (where === undefined) {
      out.push({ ...change, frame: frame! });
      continue;
    }
    const perFrame = (["label", "i", "j"] as const).filter((key) => change[key] !== undefined);
    if (perFrame.length) {
      issues.push(error("INVALID_INPUT", `A change by where cannot set ${perFrame.join(", ")}: they differ per frame.`, { path: ["frames", k], hint: "Name those frames one by one with frame." }));
      continue;
    }
    const found = await selectFrames(rows, where, ["frames", k, "where"]);
    if (!Array.isArray(found)) {
      issues.push(found);
      continue;
    }
    for (const f of found) out.push({ ...change, frame: f.id });
    if (out.length > MAX_FRAMES_PER_CALL) return { input: rest, issues: [tooMany(["frames", k, "where"], out.length)] };
  }
  return { input: { ...rest, frames: out }, issues };
}
