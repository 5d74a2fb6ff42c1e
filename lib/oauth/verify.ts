/**
 * Access-token verification for the MCP resource server (/mcp), in-process against the same
 * database the authorization server writes. Returns mcp-handler's AuthInfo shape, or undefined
 * for any token that must be refused (the caller answers 401 with a WWW-Authenticate challenge).
 *
 * A token is accepted only when ALL hold:
 *   - it is an opaque access token this server issued (looked up by SHA-256), not a refresh
 *     token, code or ID token, not sender-constrained (we accept no DPoP/mTLS proof), and not expired;
 *   - its audience is exactly env().mcpUrl (RFC 8707; no token passthrough from other resources);
 *   - its grant still exists, has not expired, and belongs to the same user and client (revoking a
 *     connection, refresh-token reuse and code reuse delete the grant, which kills its tokens at once);
 *   - the user still exists.
 * Scopes are the token's MCP scopes that the grant still allows for this resource (minus any the
 * grant rejected), with write implying read.
 *
 * Every request reads the database, in one statement on the driver (lib/db
 * `findAccessTokenWithGrant`, lib/db/hot-reads.ts): no cache, so a revocation is effective on the
 * very next request on every instance. oidc-provider
 * itself would take three reads (token, grant, user); the checks below are the ones its
 * `AccessToken.find` (opaque format, expiry) and `Grant#getResourceScopeFiltered` make.
 * Side effect: records when the client last used the user's access (at most once a minute).
 */
import "server-only";
import { env } from "@/lib/env";
import { findAccessTokenWithGrant } from "@/lib/db/oauth-adapter";
import { touchClientUse } from "@/lib/db/connections";
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

const str = (v: unknown): string | undefined => (typeof v === "string" && v.length > 0 ? v : undefined);

/** The scope string a grant allows for `resource` (oidc-provider's Grant#getResourceScope). */
function grantedScope(grant: Record<string, unknown>, resource: string): string[] {
  const of = (m: unknown) => {
    const v = m && typeof m === "object" ? (m as Record<string, unknown>)[resource] : undefined;
    return typeof v === "string" ? parseScope(v) : [];
  };
  const rejected = new Set(of(grant.rejected && typeof grant.rejected === "object" ? (grant.rejected as Record<string, unknown>).resources : undefined));
  return of(grant.resources).filter((s) => !rejected.has(s));
}

export async function verifyAccessToken(token: string): Promise<VerifiedAccessToken | undefined> {
  if (typeof token !== "string" || !TOKEN_SHAPE.test(token)) return undefined;
  const found = await findAccessTokenWithGrant(token);
  if (!found) return undefined;
  const { token: at, grant } = found;
  const now = Math.floor(Date.now() / 1000);

  // What oidc-provider's opaque format accepts: no other format, an expiry in the future.
  if ("jwt" in at || "jwt-ietf" in at || "paseto" in at || ("format" in at && at.format !== "opaque")) return undefined;
  if (at.kind !== undefined && at.kind !== "AccessToken") return undefined;
  if (typeof at.exp !== "number" || at.exp <= now) return undefined;
  if (typeof at.nbf === "number" && at.nbf > now) return undefined;
  if (at.jkt !== undefined || at["x5t#S256"] !== undefined) return undefined;

  const mcpUrl = env().mcpUrl;
  const aud = Array.isArray(at.aud) ? at.aud : [at.aud];
  if (aud.length !== 1 || aud[0] !== mcpUrl) return undefined;
  const accountId = str(at.accountId), clientId = str(at.clientId), grantId = str(at.grantId);
  if (!accountId || !clientId || !grantId) return undefined;

  if (grant.accountId !== accountId || grant.clientId !== clientId) return undefined;
  if (typeof grant.exp === "number" && grant.exp <= now) return undefined;

  const asked = new Set(parseScope(typeof at.scope === "string" ? at.scope : ""));
  const scopes = expandScopes(grantedScope(grant, mcpUrl).filter((s) => asked.has(s)));
  if (!scopes.length) return undefined;

  recordUse(accountId, clientId);
  return { token, clientId, scopes, expiresAt: at.exp, extra: { userId: accountId, grantId } };
}
