/**
 * The size budget of the tool surface (issue #12). An assistant reads every tool definition on
 * every turn, so the JSON of the tools/list result is kept under TOOLS_LIST_BUDGET_BYTES in both
 * protocol eras (tests/mcp/tools-budget.test.ts; per-tool sizes in `npm run bench -- --only tools`).
 */
export const TOOLS_LIST_BUDGET_BYTES = 40 * 1024;

export interface ToolSize {
  name: string;
  bytes: number;
  input: number;
  output: number;
  description: number;
}

const len = (v: unknown): number => (v === undefined ? 0 : Buffer.byteLength(JSON.stringify(v)));

/** Bytes of the whole tools/list result and of each tool in it (UTF-8 JSON, as sent). */
export function toolsListSizes(result: { tools: { name: string; description?: string; inputSchema?: unknown; outputSchema?: unknown }[] }): { total: number; tools: ToolSize[] } {
  return {
    total: len(result),
    tools: result.tools.map((t) => ({ name: t.name, bytes: len(t), input: len(t.inputSchema), output: len(t.outputSchema), description: Buffer.byteLength(t.description ?? "") })),
  };
}
