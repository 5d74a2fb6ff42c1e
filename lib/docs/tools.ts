/**
 * The tool reference, generated from THE registry (`lib/mcp/tools.ts`) at render time: a tool added
 * there appears on /docs/tools with its scope, hints and schemas, and nothing here can drift.
 * Schemas are converted the way the MCP SDK converts them for tools/list (zod 4 → JSON Schema
 * draft 2020-12; `io: "input"` for arguments, `io: "output"` for structured results).
 */
import { z } from "zod";
import { TOOLS } from "@/lib/mcp/tools";
import { compactJsonSchema } from "@/lib/mcp/json-schema-cache";
import type { ToolAnnotations, ToolDefinition } from "@/lib/mcp/define-tool";
import { SCOPES, type McpScope } from "@/lib/oauth/scopes";

export const ANNOTATION_KEYS = ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] as const satisfies readonly (keyof ToolAnnotations)[];
export type AnnotationKey = (typeof ANNOTATION_KEYS)[number];

/** What each hint tells a client, in plain words (shown as the table's row headers). */
export const ANNOTATION_MEANINGS: Record<AnnotationKey, string> = {
  readOnlyHint: "Only reads; clients may run it without asking",
  destructiveHint: "May overwrite or delete existing data",
  idempotentHint: "Repeating the same call has no further effect",
  openWorldHint: "Reaches systems outside Spectral",
};

export interface ToolDoc {
  name: string;
  title: string;
  description: string;
  scopeNeed: "read" | "write";
  scope: McpScope;
  annotations: ToolAnnotations;
  /** Shows the 3D viewer widget in clients that support MCP Apps. */
  widget: boolean;
  /** Only the in-chat viewer widget calls it; hidden from the model (MCP Apps `ui.visibility: ["app"]`). */
  appOnly: boolean;
  inputSchema: unknown;
  outputSchema: unknown;
  /** Top-level argument names, required ones first, for the summary line. */
  arguments: { name: string; required: boolean; description?: string }[];
}

export function toJsonSchema(schema: z.ZodType, io: "input" | "output"): unknown {
  // The same compaction tools/list applies (lib/mcp/json-schema-cache.ts), so the page shows what clients read.
  return compactJsonSchema(z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "any" }), io);
}

function argumentsOf(json: unknown): ToolDoc["arguments"] {
  const s = json as { properties?: Record<string, { description?: string }>; required?: string[] };
  const required = new Set(s.required ?? []);
  const args = Object.entries(s.properties ?? {}).map(([name, p]) => ({ name, required: required.has(name), description: p?.description }));
  return [...args.filter((a) => a.required), ...args.filter((a) => !a.required)];
}

export function toolDoc(t: ToolDefinition): ToolDoc {
  const inputSchema = toJsonSchema(t.inputSchema, "input");
  return {
    name: t.name,
    title: t.title,
    description: t.description,
    scopeNeed: t.scope,
    scope: t.scope === "write" ? SCOPES.write : SCOPES.read,
    annotations: {
      readOnlyHint: t.annotations.readOnlyHint,
      destructiveHint: t.annotations.destructiveHint,
      idempotentHint: t.annotations.idempotentHint,
      openWorldHint: t.annotations.openWorldHint,
    },
    widget: Boolean(t.widget),
    appOnly: Boolean(t.appOnly),
    inputSchema,
    outputSchema: toJsonSchema(t.outputSchema, "output"),
    arguments: argumentsOf(inputSchema),
  };
}

/** Every tool, in tools/list order. */
export function toolDocs(tools: readonly ToolDefinition[] = TOOLS): ToolDoc[] {
  return tools.map(toolDoc);
}

/** Tool names grouped by the scope they need (for the scope tables and the ChatGPT guide). */
export function toolsByScope(tools: readonly ToolDefinition[] = TOOLS): { read: ToolDefinition[]; write: ToolDefinition[] } {
  return { read: tools.filter((t) => t.scope === "read"), write: tools.filter((t) => t.scope === "write") };
}

/** The tools clients treat as changes (no readOnlyHint), i.e. the ones that ask for confirmation. */
export function writeTools(tools: readonly ToolDefinition[] = TOOLS): ToolDefinition[] {
  return tools.filter((t) => !t.annotations.readOnlyHint);
}
