/**
 * Planning element writes: pure functions from (existing model, parsed input) to a ModelPatch plus
 * ALL the issues found, so the LLM can fix everything in one retry. Nothing here writes anywhere;
 * the database layer applies `patch` when `ok` (see conventions.md, "Data flow: add_elements").
 *
 *   planAddElements(model, input, { newId })       add_elements / create_model / import_model (./add.ts)
 *   planUpdateElements(model, input, { newId })    update_elements (./update.ts)
 *   planRemoveElements(model, input, { cascade })  remove_elements (./remove.ts)
 *   applyPatch / invertPatch                       previews, undo (re-exported from ../patch)
 *
 * Each planner is a list of steps over its own context; ./lookup.ts indexes the model and resolves
 * sections/materials (copying catalogue entries in), ./shared.ts holds what the planners share.
 */
export * from "../elements-input";
export { applyPatch, invertPatch, isEmptyPatch, summarizePatch, describeCounts } from "../patch";
export { guessLoadCaseType, inputScale, type PlanAddOptions, type PlanChangeResult, type PlanResult, type PlanUpdateOptions } from "./shared";
export { planAddElements } from "./add";
export { planUpdateElements } from "./update";
export { planRemoveElements, type PlanRemoveOptions } from "./remove";
