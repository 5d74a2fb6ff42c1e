/**
 * THE TOOL REGISTRY: every MCP tool Spectral serves, in the order tools/list shows them.
 * Each entry is a complete record (see define-tool.ts); the docs page /docs/tools is generated
 * from this list, so adding a tool here documents it too.
 */
import type { ToolDefinition } from "./define-tool";
import { listModels } from "./tools/list-models";
import { getModel } from "./tools/get-model";
import { createModelTool } from "./tools/create-model";
import { addElements } from "./tools/add-elements";
import { updateElements } from "./tools/update-elements";
import { removeElements } from "./tools/remove-elements";
import { importModel } from "./tools/import-model";
import { getViewer } from "./tools/get-viewer";
import { getModelGeometry } from "./tools/get-model-geometry";
import { listRevisionsTool, undoChange } from "./tools/history";
import { repairModel, validateModelTool } from "./tools/validate-model";
import { analyzeModel, getResults } from "./tools/analyze";
import { generateStructureTool } from "./tools/generate-structure";
import { exportModel } from "./tools/export-model";

export const TOOLS: readonly ToolDefinition[] = [
  listModels,
  getModel,
  createModelTool,
  addElements,
  updateElements,
  removeElements,
  importModel,
  generateStructureTool,
  getViewer,
  getModelGeometry,
  validateModelTool,
  repairModel,
  analyzeModel,
  getResults,
  exportModel,
  listRevisionsTool,
  undoChange,
] as unknown as readonly ToolDefinition[];

export function findTool(name: string): ToolDefinition | undefined {
  return TOOLS.find((t) => t.name === name);
}
