/**
 * Access-token verification for the MCP resource server (/mcp), in-process against the same
 * database the authorization server writes. Returns mcp-handler's AuthInfo shape, or undefined
 * for any token that must be refused (the caller answers 401 with a WWW-Authenticate challenge).
 *
 * A token is accepted only when ALL hold:
 *   - it is an opaque access token this server issued (looked up by SHA-256), not a refresh
 *     token, code or ID token, and not expired;
 *   - its audience is exactly env().mcpUrl (RFC 8707; no token passthrough from other resources);
 *   - its grant still exists and belongs to the same user and client (revoking a connection,
 *     refresh-token reuse and code reuse delete the grant, which kills its tokens at once);
 *   - the user still exists.
 * Scopes are the token's MCP scopes that the grant still allows, with write implying read.
 * Side effect: records when the client last used the user's access (at most once a minute).
 */
import "server-only";
import { env } from "@/lib/env";
import { findUserById } from "@/lib/db/users";
import { touchClientUse } from "@/lib/db/connections";
import { getProvider } from "./provider";
import { expandScopes, parseScope } from "./scopes";

export interface VerifiedAccessToken {
  token: string;
  clientId: string;
  scopes: string[];
  /** Expiry, in seconds since the epoch. */
  expiresAt: number;
  extra: { userId: string; grantId: string };
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,200}$/;
const TOUCH_INTERVAL_MS = 60_000;
const lastTouch = new Map<string, number>();

function recordUse(userId: string, clientId: string): void {
  const key = `${userId}\u0000${clientId}`;
  const now = Date.now();
  if ((lastTouch.get(key) ?? 0) > now - TOUCH_INTERVAL_MS) return;
  lastTouch.set(key, now);
  if (lastTouch.size > 10_000) lastTouch.clear();
  void touchClientUse(userId, clientId, TOUCH_INTERVAL_MS).catch((err) =>
    console.error("[oauth] could not record client use:", err instanceof Error ? err.message : err),
  );
}

export async function verifyAccessToken(token: string): Promise<VerifiedAccessToken | undefined> {
  if (typeof token !== "string" || !TOKEN_SHAPE.test(token)) return undefined;
  const provider = getProvider();
  const at = await provider.AccessToken.find(token);
  if (!at || at.isExpired || typeof at.exp !== "number") return undefined;
  const mcpUrl = env().mcpUrl;
  const aud = Array.isArray(at.aud) ? at.aud : [at.aud];
  if (aud.length !== 1 || aud[0] !== mcpUrl) return undefined;
  if (!at.accountId || !at.clientId || !at.grantId) return undefined;

  const [grant, user] = await Promise.all([provider.Grant.find(at.grantId), findUserById(at.accountId)]);
  if (!grant || grant.accountId !== at.accountId || grant.clientId !== at.clientId || !user) return undefined;

  const stillGranted = new Set(parseScope(grant.getResourceScopeFiltered(mcpUrl, parseScope(at.scope))));
  const scopes = expandScopes([...stillGranted]);
  if (!scopes.length) return undefined;

  recordUse(at.accountId, at.clientId);
  return { token, clientId: at.clientId, scopes, expiresAt: at.exp, extra: { userId: at.accountId, grantId: at.grantId } };
}
