/**
 * The public surface of lib/structural: the canonical model (schema), units, the section/material
 * catalogue, typed issues, model checks, element planning (add/update/remove + patches), the JSON
 * import/export and geometry (local axes, viewer payload).
 *
 * PURE TypeScript: imports only zod and itself. Ids are injected (`newId`), never generated here.
 * The solver lives in ./analysis and is imported from there directly.
 */
export * from "./schema";
export * from "./text";
export * from "./units";
export * from "./catalogue";
export * from "./issues";
export * from "./issues-schema";
export * from "./checks";
export * from "./checks-units";
export * from "./elements";
export * from "./patch";
export * from "./import";
export * from "./geometry";
export * from "./geometry-pages";
export { PointGrid } from "./spatial";
export * from "./slice";
export * from "./selection";
export * from "./labels";
export { cellKey, cellsAround, CELL_SIZE } from "./spatial";
