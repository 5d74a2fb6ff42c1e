/**
 * The OAuth scopes of Spectral's MCP resource and the one rule that relates them.
 *
 *   mcp:models:read   "See your models"                   list, open and check models
 *   mcp:models:write  "Create models and add elements"    everything read allows, plus changes
 *
 * Hierarchy (MCP authorization, "servers MUST honour scope hierarchies"): **write implies read**.
 * A token carrying only `mcp:models:write` passes every read check. `verifyAccessToken` expands the
 * scope list accordingly, and `hasScope` enforces the same rule for code that holds a raw list.
 *
 * These are resource scopes (RFC 8707): they are granted per resource and carried by access tokens
 * whose audience is the MCP URL. They are deliberately not OIDC scopes (see lib/oauth/provider.ts).
 * Pure module: safe to import from anywhere (client components included).
 */

export const SCOPES = { read: "mcp:models:read", write: "mcp:models:write" } as const;

export type McpScope = (typeof SCOPES)[keyof typeof SCOPES];
export type ScopeNeed = keyof typeof SCOPES;

/** Every MCP scope, in the order shown to users and advertised in metadata. */
export const MCP_SCOPES: readonly McpScope[] = [SCOPES.read, SCOPES.write];

/** Granted when an authorization request carries no `scope` (ChatGPT reconnects without one). */
export const DEFAULT_SCOPES: readonly McpScope[] = MCP_SCOPES;

/** Plain words for the consent and connected-apps pages. */
export const SCOPE_DESCRIPTIONS: Record<McpScope, string> = {
  [SCOPES.read]: "See your models",
  [SCOPES.write]: "Create models, add, change and remove their elements, and undo changes",
};

export function isMcpScope(s: string): s is McpScope {
  return s === SCOPES.read || s === SCOPES.write;
}

/** Splits a space-separated scope string, dropping empties and duplicates. */
export function parseScope(scope: string | null | undefined): string[] {
  return [...new Set((scope ?? "").split(" ").filter(Boolean))];
}

/** The MCP scopes in `scopes`, plus read when write is present (write implies read), in canonical order. */
export function expandScopes(scopes: Iterable<string>): McpScope[] {
  const set = new Set(scopes);
  if (set.has(SCOPES.write)) set.add(SCOPES.read);
  return MCP_SCOPES.filter((s) => set.has(s));
}

/** True when `granted` allows `need` ("read" | "write" or the scope string). Write implies read. */
export function hasScope(granted: readonly string[], need: ScopeNeed | McpScope): boolean {
  const scope = need === "read" || need === "write" ? SCOPES[need] : need;
  return expandScopes(granted).includes(scope);
}
