/**
 * TEST-ONLY fixtures for the official MCP conformance suite. This lives in testing/, outside lib/, because
 * it is not part of the product: the production build carries it only so that the conformance test can run
 * against that build, and only lib/mcp/register.ts may import it (ARCHITECTURE.md, eslint.config.mjs).
 * Fixtures (`@modelcontextprotocol/conformance`,
 * server scenarios). The suite calls tools, resources and prompts by fixed names (those of its
 * "everything" server) and checks their exact shapes; this file registers them.
 *
 * Nothing here runs unless `registerConformanceFixtures(server)` is called, which `registerSpectral`
 * only does when SPECTRAL_CONFORMANCE_FIXTURES=1 (lib/env.ts refuses that flag in production unless
 * the MCP URL is loopback). Everything is static: no database, no user data, no I/O.
 *
 * Names and behaviour follow the suite's scenario descriptions (node_modules/@modelcontextprotocol/
 * conformance/dist/index.js, v0.1.16): tools-call-*, json-schema-2020-12, elicitation-sep1034-defaults,
 * elicitation-sep1330-enums, server-sse-polling, resources-*, prompts-*, completion-complete.
 *
 * Server→client requests (sampling, elicitation): on the 2026-07-28 protocol they are multi-round-trip
 * `input_required` results; on the 2025 protocol they are push requests (`ctx.mcpReq.requestSampling`,
 * `ctx.mcpReq.elicitInput`) riding the tools/call SSE stream. Spectral serves the 2025 protocol
 * statelessly (a fresh server per HTTP request), so it never sees the client's `initialize`
 * capabilities and cannot route the client's reply (a separate POST) back to the waiting call: on that
 * path these tools answer with an explanatory `isError` result at once instead of hanging.
 */
import { z } from "zod";
import {
  ResourceTemplate,
  completable,
  fromJsonSchema,
  inputRequired,
  type CallToolResult,
  type CreateMessageRequestParams,
  type ElicitRequestFormParams,
  type ElicitResult,
  type McpServer,
  type ServerContext,
} from "@modelcontextprotocol/server";

/** 1×1 red RGB PNG (69 bytes). */
export const RED_PIXEL_PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC";
/** 16 samples of silence: PCM WAV, 8 kHz, 16-bit, mono (76 bytes). */
export const SILENT_WAV =
  "UklGRkQAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YSAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";

/** Every name the fixtures register, for tests that check they are absent when the flag is off. */
export const CONFORMANCE_FIXTURE_NAMES = {
  tools: [
    "test_simple_text",
    "test_image_content",
    "test_audio_content",
    "test_embedded_resource",
    "test_multiple_content_types",
    "test_tool_with_logging",
    "test_tool_with_progress",
    "test_error_handling",
    "test_sampling",
    "test_elicitation",
    "test_elicitation_sep1034_defaults",
    "test_elicitation_sep1330_enums",
    "json_schema_2020_12_tool",
    "test_reconnection",
  ],
  resources: ["test://static-text", "test://static-binary", "test://watched-resource"],
  resourceTemplates: ["test://template/{id}/data"],
  prompts: ["test_simple_prompt", "test_prompt_with_arguments", "test_prompt_with_embedded_resource", "test_prompt_with_image"],
} as const;

// Fixtures only read static data and never touch the world.
const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;
const NO_ARGS = z.object({});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const text = (t: string): CallToolResult => ({ content: [{ type: "text", text: t }] });
const failure = (t: string): CallToolResult => ({ isError: true, content: [{ type: "text", text: t }] });

/** True when the request is on the 2026-07-28 protocol (it carries the per-request `_meta` envelope). */
function isModernRequest(ctx: ServerContext): boolean {
  return ctx.mcpReq.envelope !== undefined && Object.keys(ctx.mcpReq.envelope).length > 0;
}

const STATELESS_PUSH_UNAVAILABLE =
  "is not available on this connection: Spectral serves the 2025 MCP protocol statelessly (a new server for every HTTP request), " +
  "so it cannot see the capabilities this client declared in initialize, nor route the client's reply back to this call. " +
  "Use protocol revision 2026-07-28, where the request is returned as input_required (multi-round-trip).";

/** Sampling (`sampling/createMessage`) on either protocol era. */
async function sample(server: McpServer, ctx: ServerContext, params: CreateMessageRequestParams): Promise<CallToolResult | ReturnType<typeof inputRequired>> {
  if (isModernRequest(ctx)) {
    const answer = ctx.mcpReq.inputResponses?.sampling as { content?: unknown } | undefined;
    if (!answer) return inputRequired({ inputRequests: { sampling: inputRequired.createMessage(params) } });
    return text(`LLM response: ${describeSamplingContent(answer.content)}`);
  }
  if (!server.server.getClientCapabilities()?.sampling) return failure(`Sampling ${STATELESS_PUSH_UNAVAILABLE}`);
  const result = await ctx.mcpReq.requestSampling(params, { relatedRequestId: ctx.mcpReq.id });
  return text(`LLM response: ${describeSamplingContent(result.content)}`);
}

function describeSamplingContent(content: unknown): string {
  const blocks = Array.isArray(content) ? content : [content];
  return blocks.map((b) => (b && typeof b === "object" && "text" in b ? String((b as { text: unknown }).text) : JSON.stringify(b))).join("\n");
}

/** Form elicitation (`elicitation/create`) on either protocol era; `describe` renders the outcome. */
async function elicit(
  ctx: ServerContext,
  params: ElicitRequestFormParams,
  describe: (r: ElicitResult) => string,
): Promise<CallToolResult | ReturnType<typeof inputRequired>> {
  if (isModernRequest(ctx)) {
    const answer = ctx.mcpReq.inputResponses?.elicitation as ElicitResult | undefined;
    if (!answer) return inputRequired({ inputRequests: { elicitation: inputRequired.elicit(params) } });
    return text(describe(answer));
  }
  try {
    return text(describe(await ctx.mcpReq.elicitInput(params, { relatedRequestId: ctx.mcpReq.id })));
  } catch (err) {
    // The SDK refuses at once when the client's elicitation capability is unknown (stateless serving).
    return failure(`Elicitation ${STATELESS_PUSH_UNAVAILABLE} (${err instanceof Error ? err.message : String(err)})`);
  }
}

function registerTools(server: McpServer): void {
  server.registerTool(
    "test_simple_text",
    { title: "Simple text", description: "Conformance fixture: returns one text block.", inputSchema: NO_ARGS, annotations: READ_ONLY },
    () => text("This is a simple text response for testing."),
  );

  server.registerTool(
    "test_image_content",
    { title: "Image content", description: "Conformance fixture: returns a 1x1 red PNG image block.", inputSchema: NO_ARGS, annotations: READ_ONLY },
    () => ({ content: [{ type: "image", data: RED_PIXEL_PNG, mimeType: "image/png" }] }),
  );

  server.registerTool(
    "test_audio_content",
    { title: "Audio content", description: "Conformance fixture: returns a short silent WAV audio block.", inputSchema: NO_ARGS, annotations: READ_ONLY },
    () => ({ content: [{ type: "audio", data: SILENT_WAV, mimeType: "audio/wav" }] }),
  );

  server.registerTool(
    "test_embedded_resource",
    { title: "Embedded resource", description: "Conformance fixture: returns an embedded text resource.", inputSchema: NO_ARGS, annotations: READ_ONLY },
    () => ({
      content: [{ type: "resource", resource: { uri: "test://embedded-resource", mimeType: "text/plain", text: "This is an embedded resource content." } }],
    }),
  );

  server.registerTool(
    "test_multiple_content_types",
    { title: "Mixed content", description: "Conformance fixture: returns text, image and embedded resource blocks.", inputSchema: NO_ARGS, annotations: READ_ONLY },
    () => ({
      content: [
        { type: "text", text: "Multiple content types test:" },
        { type: "image", data: RED_PIXEL_PNG, mimeType: "image/png" },
        { type: "resource", resource: { uri: "test://mixed-content-resource", mimeType: "application/json", text: JSON.stringify({ test: "data", value: 123 }) } },
      ],
    }),
  );

  server.registerTool(
    "test_tool_with_logging",
    { title: "Logging", description: "Conformance fixture: sends three info log notifications ~50 ms apart while it runs.", inputSchema: NO_ARGS, annotations: READ_ONLY },
    async (_args, ctx) => {
      await ctx.mcpReq.log("info", "Tool execution started", "conformance");
      await sleep(50);
      await ctx.mcpReq.log("info", "Tool processing data", "conformance");
      await sleep(50);
      await ctx.mcpReq.log("info", "Tool execution completed", "conformance");
      return text("Tool with logging executed successfully.");
    },
  );

  server.registerTool(
    "test_tool_with_progress",
    { title: "Progress", description: "Conformance fixture: reports progress 0, 50 and 100 of 100 for the request's progress token.", inputSchema: NO_ARGS, annotations: READ_ONLY },
    async (_args, ctx) => {
      const progressToken = ctx.mcpReq._meta?.progressToken;
      for (const [i, progress] of [0, 50, 100].entries()) {
        if (i > 0) await sleep(50);
        if (progressToken !== undefined) {
          await ctx.mcpReq.notify({ method: "notifications/progress", params: { progressToken, progress, total: 100, message: `Step ${i + 1} of 3` } });
        }
      }
      return text("Tool with progress executed successfully.");
    },
  );

  server.registerTool(
    "test_error_handling",
    { title: "Error", description: "Conformance fixture: always fails with an isError result.", inputSchema: NO_ARGS, annotations: READ_ONLY },
    () => failure("This tool intentionally returns an error for testing"),
  );

  server.registerTool(
    "test_sampling",
    {
      title: "Sampling",
      description: "Conformance fixture: asks the client's LLM to answer the prompt (sampling/createMessage) and returns the answer.",
      inputSchema: z.object({ prompt: z.string().describe("The prompt to send to the LLM") }),
      annotations: READ_ONLY,
    },
    ({ prompt }, ctx) => sample(server, ctx, { messages: [{ role: "user", content: { type: "text", text: prompt } }], maxTokens: 100 }),
  );

  server.registerTool(
    "test_elicitation",
    {
      title: "Elicitation",
      description: "Conformance fixture: asks the user for a username and email (elicitation/create) and returns the answer.",
      inputSchema: z.object({ message: z.string().describe("The message to show the user") }),
      annotations: READ_ONLY,
    },
    ({ message }, ctx) =>
      elicit(
        ctx,
        {
          message,
          requestedSchema: {
            type: "object",
            properties: {
              username: { type: "string", description: "User's response" },
              email: { type: "string", description: "User's email address" },
            },
            required: ["username", "email"],
          },
        },
        (r) => `User response: action=${r.action}, content=${JSON.stringify(r.content ?? {})}`,
      ),
  );

  server.registerTool(
    "test_elicitation_sep1034_defaults",
    {
      title: "Elicitation defaults (SEP-1034)",
      description: "Conformance fixture: elicitation whose schema carries a default for every primitive type.",
      inputSchema: NO_ARGS,
      annotations: READ_ONLY,
    },
    (_args, ctx) =>
      elicit(
        ctx,
        {
          message: "Please review and update the form fields with defaults",
          requestedSchema: {
            type: "object",
            properties: {
              name: { type: "string", description: "User name", default: "John Doe" },
              age: { type: "integer", description: "User age", default: 30 },
              score: { type: "number", description: "User score", default: 95.5 },
              status: { type: "string", description: "User status", enum: ["active", "inactive", "pending"], default: "active" },
              verified: { type: "boolean", description: "Verification status", default: true },
            },
          },
        },
        (r) => `Elicitation completed: action=${r.action}, content=${JSON.stringify(r.content ?? {})}`,
      ),
  );

  server.registerTool(
    "test_elicitation_sep1330_enums",
    {
      title: "Elicitation enums (SEP-1330)",
      description: "Conformance fixture: elicitation whose schema uses all five enum variants.",
      inputSchema: NO_ARGS,
      annotations: READ_ONLY,
    },
    (_args, ctx) =>
      elicit(
        ctx,
        {
          message: "Please select options from the enum fields",
          requestedSchema: {
            type: "object",
            properties: {
              untitledSingle: { type: "string", description: "Untitled single-select", enum: ["option1", "option2", "option3"] },
              titledSingle: {
                type: "string",
                description: "Titled single-select",
                oneOf: [
                  { const: "value1", title: "First Option" },
                  { const: "value2", title: "Second Option" },
                  { const: "value3", title: "Third Option" },
                ],
              },
              legacyEnum: {
                type: "string",
                description: "Legacy titled enum (enumNames, deprecated)",
                enum: ["opt1", "opt2", "opt3"],
                enumNames: ["Option One", "Option Two", "Option Three"],
              },
              untitledMulti: {
                type: "array",
                description: "Untitled multi-select",
                items: { type: "string", enum: ["option1", "option2", "option3"] },
              },
              titledMulti: {
                type: "array",
                description: "Titled multi-select",
                items: {
                  anyOf: [
                    { const: "value1", title: "First Choice" },
                    { const: "value2", title: "Second Choice" },
                    { const: "value3", title: "Third Choice" },
                  ],
                },
              },
            },
          },
        } as ElicitRequestFormParams,
        (r) => `Elicitation completed: action=${r.action}, content=${JSON.stringify(r.content ?? {})}`,
      ),
  );

  // SEP-1613: the listed inputSchema must keep $schema, $defs/$ref and additionalProperties verbatim.
  // zod's JSON Schema output cannot express a named $defs entry referenced by $ref, so this one
  // fixture hands the suite's exact JSON Schema to the SDK (fromJsonSchema validates against it).
  server.registerTool(
    "json_schema_2020_12_tool",
    {
      title: "JSON Schema 2020-12",
      description: "Tool with JSON Schema 2020-12 features",
      inputSchema: fromJsonSchema<{ name?: string; address?: { street?: string; city?: string } }>({
        $schema: "https://json-schema.org/draft/2020-12/schema",
        type: "object",
        $defs: { address: { type: "object", properties: { street: { type: "string" }, city: { type: "string" } } } },
        properties: { name: { type: "string" }, address: { $ref: "#/$defs/address" } },
        additionalProperties: false,
      }),
      annotations: READ_ONLY,
    },
    (args) => text(`Received: ${JSON.stringify(args)}`),
  );

  // SEP-1699 polling: the tool should close its SSE stream mid-call so the client reconnects with
  // Last-Event-ID. That needs an event store (resumability); stateless serving has none, so closeSSE
  // is absent and the call simply completes on the original stream.
  server.registerTool(
    "test_reconnection",
    {
      title: "SSE reconnection",
      description: "Conformance fixture: closes the SSE stream mid-call when the transport supports resumption, then completes.",
      inputSchema: NO_ARGS,
      annotations: READ_ONLY,
    },
    async (_args, ctx) => {
      const close = ctx.http?.closeSSE;
      if (close) {
        await sleep(50);
        close();
        await sleep(100);
      }
      return text(close ? "Reconnection test completed successfully" : "Reconnection test completed without closing the stream (no resumable event store).");
    },
  );
}

function registerResources(server: McpServer): void {
  server.registerResource(
    "test-static-text",
    "test://static-text",
    { title: "Static text", description: "Conformance fixture: a static text resource.", mimeType: "text/plain" },
    (uri) => ({ contents: [{ uri: uri.href, mimeType: "text/plain", text: "This is the content of the static text resource." }] }),
  );

  server.registerResource(
    "test-static-binary",
    "test://static-binary",
    { title: "Static binary", description: "Conformance fixture: a static binary (PNG) resource.", mimeType: "image/png" },
    (uri) => ({ contents: [{ uri: uri.href, mimeType: "image/png", blob: RED_PIXEL_PNG }] }),
  );

  server.registerResource(
    "test-watched-resource",
    "test://watched-resource",
    { title: "Watched resource", description: "Conformance fixture: the resource the subscribe scenarios watch.", mimeType: "text/plain" },
    (uri) => ({ contents: [{ uri: uri.href, mimeType: "text/plain", text: "Watched resource content." }] }),
  );

  server.registerResource(
    "test-template-data",
    new ResourceTemplate("test://template/{id}/data", {
      list: undefined,
      complete: { id: (value) => ["123", "456", "789"].filter((id) => id.startsWith(value)) },
    }),
    { title: "Template data", description: "Conformance fixture: a resource template that substitutes {id}.", mimeType: "application/json" },
    (uri, variables) => {
      const id = String(Array.isArray(variables.id) ? variables.id[0] : variables.id);
      return { contents: [{ uri: uri.href, mimeType: "application/json", text: JSON.stringify({ id, templateTest: true, data: `Data for ID: ${id}` }) }] };
    },
  );
}

const COMPLETION_CANDIDATES = ["paris", "park", "party", "test", "testing", "test-value"];

function registerPrompts(server: McpServer): void {
  server.registerPrompt(
    "test_simple_prompt",
    { title: "Simple prompt", description: "Conformance fixture: a prompt without arguments." },
    () => ({ messages: [{ role: "user", content: { type: "text", text: "This is a simple prompt for testing." } }] }),
  );

  server.registerPrompt(
    "test_prompt_with_arguments",
    {
      title: "Prompt with arguments",
      description: "Conformance fixture: a prompt with two arguments (arg1 completes).",
      argsSchema: z.object({
        arg1: completable(z.string().describe("First test argument"), (value) => COMPLETION_CANDIDATES.filter((c) => c.startsWith(value))),
        arg2: z.string().describe("Second test argument"),
      }),
    },
    ({ arg1, arg2 }) => ({ messages: [{ role: "user", content: { type: "text", text: `Prompt with arguments: arg1='${arg1}', arg2='${arg2}'` } }] }),
  );

  server.registerPrompt(
    "test_prompt_with_embedded_resource",
    {
      title: "Prompt with embedded resource",
      description: "Conformance fixture: a prompt that embeds the given resource.",
      argsSchema: z.object({ resourceUri: z.string().describe("URI of the resource to embed") }),
    },
    ({ resourceUri }) => ({
      messages: [
        { role: "user", content: { type: "resource", resource: { uri: resourceUri, mimeType: "text/plain", text: "Embedded resource content for testing." } } },
        { role: "user", content: { type: "text", text: "Please process the embedded resource above." } },
      ],
    }),
  );

  server.registerPrompt(
    "test_prompt_with_image",
    { title: "Prompt with image", description: "Conformance fixture: a prompt with an image." },
    () => ({
      messages: [
        { role: "user", content: { type: "image", data: RED_PIXEL_PNG, mimeType: "image/png" } },
        { role: "user", content: { type: "text", text: "Please analyze the image above." } },
      ],
    }),
  );
}

/** Registers every fixture the conformance suite's server scenarios call. Test-only. */
export function registerConformanceFixtures(server: McpServer): void {
  registerTools(server);
  registerResources(server);
  registerPrompts(server);
}
