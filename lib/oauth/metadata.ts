/**
 * Discovery documents.
 *
 * /.well-known/oauth-authorization-server (RFC 8414) and /.well-known/openid-configuration are
 * produced by oidc-provider (called in-process) and then trimmed:
 *   - `scopes_supported` lists only the MCP scopes. The provider always knows `openid` and
 *     `offline_access`, but advertising them makes ChatGPT request them and makes the MCP SDK
 *     append `offline_access` (SEP-2207); refresh tokens are issued without it, and no client
 *     needs an ID token to use Spectral. The scopes still work if a client asks for them.
 *   - the RFC 8414 document keeps only OAuth fields (endpoints, PKCE S256, grant and response
 *     types, auth method `none`, `authorization_response_iss_parameter_supported`,
 *     `client_id_metadata_document_supported`, registration and revocation endpoints); the OIDC
 *     document keeps the OIDC-required fields as the provider computes them.
 * /.well-known/oauth-protected-resource[/mcp] (RFC 9728) describes the MCP resource.
 * All are JSON, GET-only with open CORS, never HTML and never 401, and contain no user data.
 */
import "server-only";
import { env } from "@/lib/env";
import { handleOidc } from "./bridge";
import { MCP_SCOPES } from "./scopes";

const OAUTH_FIELDS = [
  "issuer",
  "authorization_endpoint",
  "token_endpoint",
  "registration_endpoint",
  "revocation_endpoint",
  "jwks_uri",
  "response_types_supported",
  "response_modes_supported",
  "grant_types_supported",
  "code_challenge_methods_supported",
  "token_endpoint_auth_methods_supported",
  "revocation_endpoint_auth_methods_supported",
  "scopes_supported",
  "authorization_response_iss_parameter_supported",
  "client_id_metadata_document_supported",
  "request_uri_parameter_supported",
  "service_documentation",
] as const;

export const METADATA_HEADERS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type, MCP-Protocol-Version",
  "Cache-Control": "public, max-age=300",
  "X-Content-Type-Options": "nosniff",
};

export function metadataPreflight(): Response {
  return new Response(null, { status: 204, headers: { ...METADATA_HEADERS, "Access-Control-Max-Age": "600" } });
}

/** The provider's discovery document, with our trimming. */
export async function authorizationServerMetadata(kind: "oauth" | "openid"): Promise<Response> {
  const issuer = env().issuerUrl;
  const res = await handleOidc(new Request(`${issuer}/.well-known/openid-configuration`), { path: "/.well-known/openid-configuration" });
  if (!res.ok) return Response.json({ error: "server_error", error_description: "discovery is unavailable" }, { status: 500, headers: METADATA_HEADERS });
  const doc = (await res.json()) as Record<string, unknown>;
  doc.scopes_supported = [...MCP_SCOPES];
  doc.service_documentation = `${env().appUrl}/docs/mcp/chatgpt`;
  if (doc.revocation_endpoint) doc.revocation_endpoint_auth_methods_supported ??= doc.token_endpoint_auth_methods_supported;
  let out: Record<string, unknown> = doc;
  if (kind === "oauth") {
    out = {};
    for (const f of OAUTH_FIELDS) if (doc[f] !== undefined) out[f] = doc[f];
  }
  return Response.json(out, { headers: METADATA_HEADERS });
}

/** RFC 9728 protected resource metadata for the MCP endpoint. */
export function protectedResourceMetadata(): Record<string, unknown> {
  const e = env();
  return {
    resource: e.mcpUrl,
    authorization_servers: [e.issuerUrl],
    scopes_supported: [...MCP_SCOPES],
    bearer_methods_supported: ["header"],
    resource_name: "Spectral",
    resource_documentation: `${e.appUrl}/docs/mcp/chatgpt`,
  };
}

export function protectedResourceResponse(): Response {
  return Response.json(protectedResourceMetadata(), { headers: METADATA_HEADERS });
}
