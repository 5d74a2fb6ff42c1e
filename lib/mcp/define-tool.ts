/**
 * A tool is a complete record: name, title, a description written for a model, zod input and
 * output schemas with described fields, explicit annotations, the scope it needs, and `run`.
 * `run` returns structured output plus a short text summary, or throws an AppError (lib/structural/errors.ts) with a message
 * that says what to fix; either way the client gets a well-formed CallToolResult.
 */
import type { z } from "zod";
import type { Issue } from "@/lib/structural";
import type { Actor } from "@/lib/db/models";

export type ScopeNeed = "read" | "write";

export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export interface ToolContext {
  userId: string;
  clientId: string | null;
  scopes: string[];
  actor: Actor;
  /** The web app's origin, for viewer links. */
  appUrl: string;
  viewerUrl(modelId: string, revision?: number): string;
  /** Reports progress to clients that sent a progress token (no-op otherwise). */
  progress(fraction: number, message?: string): Promise<void>;
  signal: AbortSignal;
}

export interface ToolSuccess<O> {
  structured: O;
  /** One or two sentences for the chat. */
  text: string;
  /** Widget-only data (never shown to the model). Keep it small: the widget fetches geometry itself (get_model_geometry). */
  meta?: Record<string, unknown>;
  /** Extra content blocks, e.g. an image. */
  content?: ({ type: "image"; data: string; mimeType: string } | { type: "text"; text: string })[];
}

export interface ToolDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  name: string;
  title: string;
  description: string;
  scope: ScopeNeed;
  annotations: ToolAnnotations;
  inputSchema: I;
  outputSchema: O;
  /** Linked to the in-chat viewer widget (MCP Apps `_meta.ui.resourceUri`). */
  widget?: boolean;
  /**
   * Only for the in-chat viewer widget, which calls it through the host: hidden from the model
   * (MCP Apps `_meta.ui.visibility: ["app"]`) and callable from the widget (ChatGPT
   * `openai/widgetAccessible`). Its results may be larger than a model-facing answer, but stay paged.
   */
  appOnly?: boolean;
  /** Status text while running / when done (ChatGPT shows these), ≤ 64 characters. */
  invoking?: string;
  invoked?: string;
  run(input: z.output<I>, ctx: ToolContext): Promise<ToolSuccess<z.output<O>>>;
}

/** Identity function that keeps the input/output types linked. */
export function defineTool<I extends z.ZodType, O extends z.ZodType>(def: ToolDefinition<I, O>): ToolDefinition<I, O> {
  return def;
}

/** Formats issues for the text channel: every problem on its own line with its path and fix. */
export function describeIssues(issues: readonly Issue[], max = 50): string {
  const lines = issues.slice(0, max).map((i) => {
    const where = i.path && i.path.length ? ` at ${i.path.join(".")}` : "";
    return `- [${i.severity}] ${i.code}${where}: ${i.message}${i.hint ? ` (${i.hint})` : ""}`;
  });
  if (issues.length > max) lines.push(`- … and ${issues.length - max} more`);
  return lines.join("\n");
}

export const READ_ONLY: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
export const ADDITIVE_WRITE: ToolAnnotations = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false };
export const DESTRUCTIVE_WRITE: ToolAnnotations = { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false };
