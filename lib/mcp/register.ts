/**
 * Registers Spectral's tools, resources and prompts on a (per-request) MCP server.
 * Stateless serving builds a server for every request, so this only loops over static
 * registries; nothing here does I/O.
 */
import { ResourceTemplate, type McpServer, type ServerContext, type CallToolResult, type AuthInfo } from "@modelcontextprotocol/server";
import { ZodError } from "zod";
import { env } from "@/lib/env";
import { SCOPES, SCOPE_DESCRIPTIONS } from "@/lib/oauth/scopes";
import { AppError, type AppErrorCode } from "@/lib/structural/errors";
import { VIEWER_WIDGET_URI, VIEWER_WIDGET_MIME, getViewerWidgetHtml, widgetResourceMeta } from "@/lib/viewer/widget";
import { TOOLS } from "./tools";
import { type ToolContext, type ToolDefinition } from "./define-tool";
import { registerModelResources } from "./resources";
import { registerReferenceResources } from "./reference-resources";
import { registerPrompts } from "./prompts";
import { recordToolCall } from "./activity";
import { completeIdempotencyKey, releaseIdempotencyKey, reserveIdempotencyKey } from "@/lib/db/idempotency";
import { registerConformanceFixtures } from "@/testing/mcp-conformance-fixtures";
import { resourceMetadataUrl } from "@/lib/oauth/resource-url";
import { annotateRequest, logger } from "@/lib/observability";
import { memoiseJsonSchema } from "./json-schema-cache";

export const SERVER_INFO = { name: "spectral", version: "0.1.0" };

export const SERVER_INSTRUCTIONS = `Spectral hosts structural-engineering models (3D frames: nodes, frames, supports, sections, materials, load cases, loads, combinations; SI units internally) and shows them in a browser viewer.
How the tools fit together:
- Start with list_models to find an existing model, or create_model (empty), add_elements with name (new model with elements), import_model (JSON payload) or generate_structure to make one.
- add_elements adds nodes, frames, supports, sections, materials, load cases, loads and combinations in ONE call. Give new nodes a "ref" and use those refs as frame ends in the same call; refer to existing elements by label (e.g. "N3") or id. Sections and materials can be catalogue names such as "IPE300", "W14x22", "S355", "C30/37".
- generate_structure creates common structures (portal frames, multi-bay frames, buildings, trusses, grids) with sections and supports; use it for prompts like "add a small three-bay frame".
- update_elements changes existing elements (many at once with where: {role: "beam"}); remove_elements deletes them (destructive; cascade only when asked).
- import_model and add_elements accept dry_run: true to return the plan and validation report without writing: use it when the user wants to see the planned changes first.
- validate_model checks the model (read-only); repair_model applies the safe repairs; analyze_model runs a linear static analysis and get_results reads results.
- Numbers are SI (m, N, Pa) unless a call's units say otherwise: send units {force: "kN"} for kN and kN/m. UNITS_* warnings name the likely intended unit.
- Reference data to read on demand: spectral://catalogue/sections (filter ?family=IPE&min_depth_mm=300), spectral://catalogue/materials, spectral://docs/import-format, spectral://docs/elements, spectral://docs/generators.
- Every result includes a viewerUrl: give it to the user so they can open the model in 3D. get_viewer returns the link, counts and bounds and shows the model in the in-chat viewer (include_payload: true adds the compact viewer payload of small models).
- Errors list every problem at once with the path and how to fix it; fix them all and retry. Nothing is written when a call fails.
- Write tools change the user's data: describe what you will do before calling them.`;

function hasScope(scopes: readonly string[], need: "read" | "write"): boolean {
  // mcp:models:write implies mcp:models:read.
  return need === "read" ? scopes.includes(SCOPES.read) || scopes.includes(SCOPES.write) : scopes.includes(SCOPES.write);
}

/** ChatGPT expects step-up auth inside the tool result rather than as an HTTP 403. */
function prefersToolResultStepUp(auth: AuthInfo | undefined): boolean {
  const ua = String((auth?.extra as Record<string, unknown> | undefined)?.userAgent ?? "");
  return /openai|chatgpt/i.test(ua);
}

function wwwAuthenticate(scope: string, description: string): string {
  return `Bearer error="insufficient_scope", scope="${scope}", resource_metadata="${resourceMetadataUrl()}", error_description="${description}"`;
}

function scopeOf(t: ToolDefinition): string {
  return t.scope === "write" ? SCOPES.write : SCOPES.read;
}

function toolContext(ctx: ServerContext, auth: AuthInfo): ToolContext {
  const extra = (auth.extra ?? {}) as { userId?: string };
  const userId = extra.userId;
  if (!userId) throw new AppError("forbidden", "This access token is not bound to a Spectral user. Reconnect the app.");
  const appUrl = env().appUrl;
  const progressToken = ctx.mcpReq._meta?.progressToken;
  return {
    userId,
    clientId: auth.clientId ?? null,
    scopes: auth.scopes,
    actor: { userId, clientId: auth.clientId ?? null, source: "mcp" },
    appUrl,
    viewerUrl: (modelId, revision) => `${appUrl}/models/${encodeURIComponent(modelId)}${revision ? `?rev=${revision}` : ""}`,
    async progress(fraction, message) {
      if (progressToken === undefined) return;
      await ctx.mcpReq
        .notify({ method: "notifications/progress", params: { progressToken, progress: Math.round(fraction * 1000), total: 1000, ...(message ? { message } : {}) } })
        .catch(() => undefined);
    },
    signal: ctx.mcpReq.signal,
  };
}

/** What an assistant can do next, by code, where the surface-free message cannot name a tool. */
const MCP_HINTS: Partial<Record<AppErrorCode, (details: Readonly<Record<string, unknown>>) => string>> = {
  not_found: (d) => (d.kind === "model" ? " Call list_models to see your models." : ""),
};

function errorResult(message: string, structured: Record<string, unknown>, meta?: Record<string, unknown>): CallToolResult {
  return {
    isError: true,
    content: [{ type: "text", text: message }],
    structuredContent: { error: structured },
    ...(meta ? { _meta: meta } : {}),
  } as CallToolResult;
}

const WIDGET_STATUS = new Set(["get_viewer", "generate_structure", "import_model"]);

function toolMeta(t: ToolDefinition): Record<string, unknown> {
  const meta: Record<string, unknown> = {
    // SDK v2 drops a top-level securitySchemes; the _meta copy is what clients read.
    securitySchemes: [{ type: "oauth2", scopes: [scopeOf(t)] }],
  };
  const ui: Record<string, unknown> = {};
  if (t.widget) {
    ui.resourceUri = VIEWER_WIDGET_URI;
    meta["openai/outputTemplate"] = VIEWER_WIDGET_URI;
  }
  if (t.appOnly) {
    // MCP Apps (ext-apps spec 2026-01-26, McpUiToolMeta.visibility): ["app"] = callable by the view
    // only, never offered to the model. ChatGPT: the component may call it (widgetAccessible); the
    // older "private" visibility key says the same to hosts that predate ui.visibility.
    ui.visibility = ["app"];
    meta["openai/widgetAccessible"] = true;
    meta["openai/visibility"] = "private";
  }
  if (Object.keys(ui).length) meta.ui = ui;
  // Status texts only on the tools that open the widget from a chat request (tools/list budget).
  if (t.widget && t.invoking && WIDGET_STATUS.has(t.name)) meta["openai/toolInvocation/invoking"] = t.invoking;
  if (t.widget && t.invoked && WIDGET_STATUS.has(t.name)) meta["openai/toolInvocation/invoked"] = t.invoked;
  return meta;
}

/** Runs one tool call: scope, context, run, result shape, activity log. */
async function callTool(t: ToolDefinition, input: unknown, ctx: ServerContext): Promise<CallToolResult> {
  const auth = ctx.http?.authInfo;
  const started = performance.now();
  let outcome = "ok";
  let modelId: string | null = null;
  annotateRequest({ tool: t.name });
  try {
    if (!auth) return errorResult("Sign in to Spectral to use this tool.", { code: "unauthenticated" });
    if (!hasScope(auth.scopes, t.scope)) {
      outcome = "insufficient_scope";
      const scope = scopeOf(t);
      const msg = `${t.title} needs the "${scope}" permission, which this connection was not granted. Reconnect Spectral and approve "${SCOPE_DESCRIPTIONS[t.scope === "write" ? SCOPES.write : SCOPES.read]}".`;
      return errorResult(msg, { code: "insufficient_scope", scope }, { "mcp/www_authenticate": [wwwAuthenticate(scope, "This tool needs " + scope)] });
    }
    const tc = toolContext(ctx, auth);
    modelId = typeof (input as { modelId?: unknown })?.modelId === "string" ? (input as { modelId: string }).modelId : null;
    const key = t.scope === "write" ? (input as { idempotency_key?: string }).idempotency_key : undefined;
    if (key) {
      const r = await reserveIdempotencyKey(tc.userId, key, t.name);
      if (r.state === "in_progress") {
        outcome = "idempotency_in_progress";
        return errorResult(`A ${r.tool} call with idempotency_key "${key}" is still running. Wait a moment and retry with the same key to get its result.`, { code: "idempotency_in_progress" });
      }
      if (r.state === "done") {
        if (r.tool !== t.name) {
          outcome = "idempotency_conflict";
          return errorResult(`idempotency_key "${key}" was already used for ${r.tool}. Use a new key for a different call.`, { code: "idempotency_conflict" });
        }
        outcome = "replayed";
        return r.result as CallToolResult;
      }
    }
    let result: CallToolResult;
    try {
      const res = await t.run(input as never, tc);
      const structured = res.structured as Record<string, unknown>;
      if (typeof structured?.modelId === "string") modelId = structured.modelId;
      result = {
        content: [{ type: "text", text: res.text }, ...(res.content ?? [])],
        structuredContent: structured,
        ...(res.meta ? { _meta: res.meta } : {}),
      } as CallToolResult;
    } catch (err) {
      if (key) await releaseIdempotencyKey(tc.userId, key);
      throw err;
    }
    if (key) {
      // The replay carries the answer (text and structured content), not the widget payload.
      const { _meta: _omit, ...replay } = result;
      await completeIdempotencyKey(tc.userId, key, replay);
    }
    return result;
  } catch (err) {
    if (err instanceof AppError) {
      outcome = err.code;
      const message = err.message + (MCP_HINTS[err.code]?.(err.details) ?? "");
      return errorResult(message, { code: err.code, message, ...err.details });
    }
    if (err instanceof ZodError) {
      outcome = "invalid_arguments";
      const msg = err.issues.map((i) => `${i.path.join(".") || "arguments"}: ${i.message}`).join("; ");
      return errorResult(`Invalid arguments: ${msg}`, { code: "invalid_arguments", issues: err.issues });
    }
    outcome = "internal_error";
    logger.error("tool failed", { tool: t.name, error: err instanceof Error ? err.stack : String(err) });
    return errorResult(`Spectral could not complete ${t.name} because of an internal error. Nothing was changed. Try again; if it keeps failing, contact support.`, {
      code: "internal_error",
    });
  } finally {
    if (auth) {
      const extra = (auth.extra ?? {}) as { userId?: string };
      if (extra.userId) {
        void recordToolCall({
          userId: extra.userId,
          clientId: auth.clientId ?? null,
          tool: t.name,
          modelId,
          outcome,
          durationMs: Math.round(performance.now() - started),
          input,
        });
      }
    }
  }
}

export function registerTools(server: McpServer): void {
  for (const t of TOOLS) {
    memoiseJsonSchema(t.inputSchema);
    memoiseJsonSchema(t.outputSchema);
    server.registerTool(
      t.name,
      {
        title: t.title,
        description: t.description,
        inputSchema: t.inputSchema,
        outputSchema: t.outputSchema,
        // The title is the tool's own `title` (not repeated in the annotations: tools/list budget).
        annotations: { ...t.annotations },
        _meta: toolMeta(t),
        // HTTP 403 insufficient_scope where the protocol allows it (RFC 6750 §3.1); ChatGPT gets the
        // same challenge inside the tool result instead (see callTool).
        scopeChallenge: ({ authInfo }) =>
          authInfo && !hasScope(authInfo.scopes, t.scope) && !prefersToolResultStepUp(authInfo)
            ? { scopes: [scopeOf(t)], errorDescription: `${t.name} needs ${scopeOf(t)}` }
            : undefined,
      },
      (input: unknown, ctx: ServerContext) => callTool(t, input, ctx),
    );
  }
}

export function registerWidget(server: McpServer): void {
  const appOrigin = new URL(env().appUrl).origin;
  server.registerResource(
    "spectral-viewer",
    VIEWER_WIDGET_URI,
    {
      title: "Spectral 3D viewer",
      description: "Interactive 3D view of a Spectral structural model, shown inside the chat.",
      mimeType: VIEWER_WIDGET_MIME,
      _meta: widgetResourceMeta(appOrigin),
    },
    async (uri) => ({
      contents: [{ uri: uri.href, mimeType: VIEWER_WIDGET_MIME, text: await getViewerWidgetHtml(), _meta: widgetResourceMeta(appOrigin) }],
    }),
  );
}

/** Everything Spectral registers on a per-request server. */
export function registerSpectral(server: McpServer): void {
  registerTools(server);
  registerWidget(server);
  registerModelResources(server, ResourceTemplate);
  registerReferenceResources(server, ResourceTemplate);
  registerPrompts(server);
  if (env().conformanceFixtures) registerConformanceFixtures(server);
}
