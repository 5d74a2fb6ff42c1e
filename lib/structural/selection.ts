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
  CombinationInputSchema,
  ElementRefSchema,
  ElementsInputSchema,
  MaterialInputSchema,
  SectionInputSchema,
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
  .describe('All existing frames matching, e.g. {"role": "beam"}');
export type FrameSelector = z.infer<typeof FrameSelectorSchema>;

const oneTarget = (r: { frame?: unknown; where?: unknown }) => (r.frame === undefined) !== (r.where === undefined);
const ONE_TARGET = { message: "give frame or where (not both)" };

const [nodal, point, line] = LoadInputSchema.options;
const PointLoadInput = z
  .object({ ...point.shape, frame: point.shape.frame.optional(), where: FrameSelectorSchema.optional() })
  .refine((l) => l.position !== undefined || l.distance !== undefined, { message: "give position (0..1) or distance" })
  .refine(oneTarget, ONE_TARGET);
const LineLoadInput = z
  .object({ ...line.shape, frame: line.shape.frame.optional(), where: FrameSelectorSchema.optional() })
  .refine((l) => l.w !== undefined || l.w1 !== undefined, { message: "give w (uniform) or w1 (and w2)" })
  .refine(oneTarget, ONE_TARGET);
const ExactLoadInput = z.discriminatedUnion("kind", [nodal, PointLoadInput, LineLoadInput]);

/** Parses `value` with the exact schema, reporting its issues (with their paths) on `ctx`. */
function exactly<T extends z.ZodType>(exact: T, value: unknown, ctx: z.RefinementCtx): z.output<T> {
  const parsed = exact.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, code: "custom", message: issue.message, path: issue.path });
  return z.NEVER;
}
const Vec3Array = z.tuple([z.number(), z.number(), z.number()]);

/**
 * A load as a client sends it: ONE flat object whose fields say which kinds use them (the JSON
 * Schema states each field once instead of once per kind), checked against the exact per-kind
 * schema after parsing, which refuses a field the kind does not have.
 */
const LoadRowInput = z
  .object({
    kind: z.enum(["nodal", "frame_point", "frame_distributed"]).describe("nodal: at a node; frame_point; frame_distributed: line load"),
    case: point.shape.case,
    node: nodal.shape.node.optional().describe("nodal: the node"),
    frame: point.shape.frame.optional().describe("Frame loads: the frame"),
    where: FrameSelectorSchema.optional(),
    fx: point.shape.fx, fy: point.shape.fy, fz: point.shape.fz, mx: point.shape.mx, my: point.shape.my, mz: point.shape.mz,
    position: point.shape.position.describe("frame_point: fraction of the length from end i"),
    distance: point.shape.distance.describe("frame_point: distance from end i"),
    // [wx, wy, wz] only here (the lib also reads {x, y, z}): three short lines of tools/list instead of three unions.
    w: Vec3Array.optional().describe("frame_distributed: uniform force/length [wx, wy, wz]; [0,0,-5] = 5 down (Z up)"),
    w1: Vec3Array.optional().describe("Trapezoidal: at start"),
    w2: Vec3Array.optional().describe("Trapezoidal: at end (default w1)"),
    start: line.shape.start,
    end: line.shape.end,
    startDistance: line.shape.startDistance,
    endDistance: line.shape.endDistance,
    axes: point.shape.axes.describe("Frame loads: axes (default global)"),
    projected: line.shape.projected,
  })
  .transform((row, ctx) => exactly(ExactLoadInput, row, ctx))
  .describe("Load");

/**
 * Rows of a kind that few calls need, advertised as plain objects whose fields the description
 * names (the exact row schema is the resource spectral://docs/elements) and parsed by the exact
 * schema: the same values are accepted and refused, with the same messages and paths.
 */
function compactRows<T extends z.ZodType>(row: T, max: number, description: string) {
  const exact = z.array(row);
  return z
    .array(z.record(z.string(), z.unknown()))
    .max(max)
    .transform((rows, ctx) => exactly(exact, rows, ctx))
    .optional()
    .describe(description);
}

/** add_elements' input: ElementsInput whose frame loads may name a selection. */
export const ElementsInputWithSelectionSchema = ElementsInputSchema.extend({
  sections: compactRows(SectionInputSchema, 10_000, "{name, A, Iy, Iz, J, shape?} or {catalogue}; frames may name catalogue sections directly"),
  materials: compactRows(MaterialInputSchema, 10_000, "{name, E, G?, nu?, density?, fy?, kind?} or {catalogue}"),
  combinations: compactRows(CombinationInputSchema, 10_000, '{name, kind?, factors: {"Dead": 1.35, "Live": 1.5}}'),
  loads: z.array(LoadRowInput).max(MAX_SELECTED_ROWS).optional().describe("Loads"),
});
export type ElementsInputWithSelection = z.infer<typeof ElementsInputWithSelectionSchema>;

const frameUpdateRow = ElementsUpdateSchema.shape.frames.unwrap().unwrap();
const FrameChangeInput = z
  .object({ ...frameUpdateRow.shape, frame: ElementRefSchema.optional().describe("Frame label or id"), where: FrameSelectorSchema.optional() })
  .refine(oneTarget, ONE_TARGET);

const U = ElementsUpdateSchema.shape;

/** update_elements' input: ElementsUpdate whose frame changes may name a selection. */
export const ElementsUpdateWithSelectionSchema = ElementsUpdateSchema.extend({
  frames: z.array(FrameChangeInput).max(MAX_FRAMES_PER_CALL).optional().describe("Frame changes, by frame or where"),
  sections: compactRows(U.sections.unwrap().unwrap(), 10_000, "{section: name or id, then any of name, A, Iy, Iz, J, shape (null clears)}"),
  materials: compactRows(U.materials.unwrap().unwrap(), 10_000, "{material: name or id, then any of name, E, G, nu, density, fy, kind}"),
  loadCases: compactRows(U.loadCases.unwrap().unwrap(), 10_000, "{loadCase: name or id, then any of name, type, selfWeightFactor}"),
  loads: compactRows(U.loads.unwrap().unwrap(), 200_000, "{id, then case, fx…mz, position, start, end, axes, w, w1, w2, projected}"),
  combinations: compactRows(U.combinations.unwrap().unwrap(), 10_000, "{combination: name or id, then any of name, kind, factors (replaces all)}"),
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
