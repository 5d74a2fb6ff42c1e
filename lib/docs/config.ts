/**
 * The live connection values the docs show: read from the running configuration on every request,
 * never typed by hand, so a page served on localhost shows localhost URLs and the production
 * deployment shows its three hosts. The same values feed the OAuth metadata documents, so a test
 * can compare the two byte for byte.
 */
import { env, type Env } from "@/lib/env";
import { MCP_SCOPES, SCOPES, SCOPE_DESCRIPTIONS, type McpScope } from "@/lib/oauth/scopes";
import { resourceMetadataUrl } from "@/lib/oauth/resource-url";
import { ROUTES } from "@/lib/oauth/provider";

export interface DocsConfig {
  /** The web app (sign-in, models, viewer, connected apps). */
  appUrl: string;
  /** OAuth issuer: the authorization server's identifier and origin. */
  issuerUrl: string;
  /** The MCP endpoint clients connect to; also the OAuth resource (token audience). */
  mcpUrl: string;
  resource: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  registrationEndpoint: string;
  revocationEndpoint: string;
  /** RFC 8414 metadata of the authorization server. */
  authorizationServerMetadataUrl: string;
  /** RFC 9728 metadata of the MCP resource (named in every 401 challenge). */
  protectedResourceMetadataUrl: string;
  /** Every MCP scope, in canonical order. */
  scopes: readonly McpScope[];
  /** The scopes as one space-separated string (OAuth's `scope` syntax). */
  scopeString: string;
  readScope: McpScope;
  writeScope: McpScope;
  scopeDescriptions: Record<McpScope, string>;
  /** Where users see and revoke their connected apps. */
  connectionsUrl: string;
  /** True when the MCP URL is not reachable from the internet (loopback or plain http). */
  mcpIsLocal: boolean;
}

function isLocalUrl(url: string): boolean {
  const u = new URL(url);
  return u.protocol !== "https:" || ["localhost", "127.0.0.1", "[::1]"].includes(u.hostname) || u.hostname.endsWith(".localhost");
}

/** The values for the given configuration (the process's by default). */
export function docsConfig(e: Pick<Env, "appUrl" | "issuerUrl" | "mcpUrl"> = env()): DocsConfig {
  const issuer = e.issuerUrl;
  return {
    appUrl: e.appUrl,
    issuerUrl: issuer,
    mcpUrl: e.mcpUrl,
    resource: e.mcpUrl,
    authorizationEndpoint: `${issuer}${ROUTES.authorization}`,
    tokenEndpoint: `${issuer}${ROUTES.token}`,
    registrationEndpoint: `${issuer}${ROUTES.registration}`,
    revocationEndpoint: `${issuer}${ROUTES.revocation}`,
    authorizationServerMetadataUrl: `${issuer}/.well-known/oauth-authorization-server`,
    protectedResourceMetadataUrl: resourceMetadataUrl(e.mcpUrl),
    scopes: MCP_SCOPES,
    scopeString: MCP_SCOPES.join(" "),
    readScope: SCOPES.read,
    writeScope: SCOPES.write,
    scopeDescriptions: SCOPE_DESCRIPTIONS,
    connectionsUrl: `${e.appUrl}/settings/connections`,
    mcpIsLocal: isLocalUrl(e.mcpUrl),
  };
}

/** The connector definition the ChatGPT guide shows (values only; ChatGPT's form asks for them one by one). */
export function chatGptConnector(c: DocsConfig): Record<string, string> {
  return {
    name: "Spectral",
    mcp_server_url: c.mcpUrl,
    transport: "streaming_http",
    authentication: "oauth",
    scopes: c.scopeString,
  };
}

/** Rows of the "OAuth metadata" table, each with the test id its value cell carries. */
export function oauthMetadataRows(c: DocsConfig): { field: string; value: string; testId: string; config: ConfigKey }[] {
  return [
    { field: "MCP server URL", value: c.mcpUrl, testId: "value-mcp-url", config: "mcp-url" },
    { field: "OAuth issuer", value: c.issuerUrl, testId: "value-issuer", config: "issuer" },
    { field: "Authorization endpoint", value: c.authorizationEndpoint, testId: "value-authorization-endpoint", config: "authorization-endpoint" },
    { field: "Token endpoint", value: c.tokenEndpoint, testId: "value-token-endpoint", config: "token-endpoint" },
    { field: "Dynamic client registration", value: c.registrationEndpoint, testId: "value-registration-endpoint", config: "registration-endpoint" },
    { field: "Resource", value: c.resource, testId: "value-resource", config: "resource" },
    { field: "Scopes", value: c.scopeString, testId: "value-scopes", config: "scopes" },
  ];
}

/**
 * Names for every live value a page can show. Each rendered occurrence carries
 * `data-config="<key>"`, so a test can check all of them, not just the table.
 */
export type ConfigKey =
  | "app-url"
  | "issuer"
  | "mcp-url"
  | "resource"
  | "authorization-endpoint"
  | "token-endpoint"
  | "registration-endpoint"
  | "revocation-endpoint"
  | "as-metadata-url"
  | "prm-url"
  | "scopes"
  | "read-scope"
  | "write-scope"
  | "connections-url";

export function configValue(c: DocsConfig, key: ConfigKey): string {
  switch (key) {
    case "app-url": return c.appUrl;
    case "issuer": return c.issuerUrl;
    case "mcp-url": return c.mcpUrl;
    case "resource": return c.resource;
    case "authorization-endpoint": return c.authorizationEndpoint;
    case "token-endpoint": return c.tokenEndpoint;
    case "registration-endpoint": return c.registrationEndpoint;
    case "revocation-endpoint": return c.revocationEndpoint;
    case "as-metadata-url": return c.authorizationServerMetadataUrl;
    case "prm-url": return c.protectedResourceMetadataUrl;
    case "scopes": return c.scopeString;
    case "read-scope": return c.readScope;
    case "write-scope": return c.writeScope;
    case "connections-url": return c.connectionsUrl;
  }
}
