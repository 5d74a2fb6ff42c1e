/**
 * What the MCP server offers besides tools (prompts and resources), read from the same
 * registration code the server runs: the functions are called with a recorder in place of an
 * McpServer, so the docs list exactly what tools/list's neighbours (prompts/list,
 * resources/list, resources/templates/list) return, without starting a server.
 */
import { ResourceTemplate, SUPPORTED_PROTOCOL_VERSIONS, type McpServer } from "@modelcontextprotocol/server";
import { registerPrompts } from "@/lib/mcp/prompts";
import { registerModelResources } from "@/lib/mcp/resources";
import { registerWidget, SERVER_INFO } from "@/lib/mcp/register";

export interface PromptDoc {
  name: string;
  title?: string;
  description?: string;
  arguments: string[];
}

export interface ResourceDoc {
  name: string;
  /** A fixed URI, or a URI template such as spectral://models/{modelId}. */
  uri: string;
  template: boolean;
  title?: string;
  description?: string;
  mimeType?: string;
}

type Meta = { title?: string; description?: string; mimeType?: string; argsSchema?: { shape?: Record<string, unknown> } };

function record(): { server: McpServer; prompts: PromptDoc[]; resources: ResourceDoc[] } {
  const prompts: PromptDoc[] = [];
  const resources: ResourceDoc[] = [];
  const server = {
    registerPrompt(name: string, meta: Meta) {
      prompts.push({ name, title: meta.title, description: meta.description, arguments: Object.keys(meta.argsSchema?.shape ?? {}) });
    },
    registerResource(name: string, uriOrTemplate: string | ResourceTemplate, meta: Meta) {
      const template = uriOrTemplate instanceof ResourceTemplate;
      const uri = template ? String((uriOrTemplate as ResourceTemplate).uriTemplate) : String(uriOrTemplate);
      resources.push({ name, uri, template, title: meta.title, description: meta.description, mimeType: meta.mimeType });
    },
  } as unknown as McpServer;
  return { server, prompts, resources };
}

export function serverSurface(): { prompts: PromptDoc[]; resources: ResourceDoc[] } {
  const r = record();
  registerPrompts(r.server);
  registerModelResources(r.server, ResourceTemplate);
  registerWidget(r.server);
  return { prompts: r.prompts, resources: r.resources };
}

/** The current MCP revision (stateless, no initialize) that the SDK serves natively. */
export const MODERN_PROTOCOL_VERSION = "2026-07-28";

/** The protocol revisions the server negotiates, newest first. */
export function protocolVersions(): { modern: string; legacy: readonly string[] } {
  return { modern: MODERN_PROTOCOL_VERSION, legacy: SUPPORTED_PROTOCOL_VERSIONS };
}

export const SERVER_NAME = SERVER_INFO.name;
