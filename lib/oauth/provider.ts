/**
 * Spectral's OAuth 2.1 authorization server: oidc-provider 9 configured for MCP clients.
 *
 * Policy in one place (each line is enforced by the provider with this configuration):
 *   - public clients only: token_endpoint_auth_method "none" (a registration asking for another
 *     method gets "none" back, RFC 7591 §3.2.1); no client secrets are ever issued;
 *   - authorization code + PKCE S256 only, PKCE required for every client (RFC 9700 §2.1.1);
 *     redirect_uri required and matched exactly, also at the token endpoint;
 *   - RFC 8707: the one resource is env().mcpUrl (default and only value, `invalid_target` for
 *     others); access tokens are opaque, audience-bound to it, 10 minutes;
 *   - refresh tokens for every client that registered the refresh_token grant, rotated on every
 *     use; reuse of a rotated token (even concurrently) revokes the whole grant (R6: strict);
 *     idle lifetime 30 days, absolute 90 days;
 *   - codes single-use (atomic consume in the adapter), 60 seconds, reuse revokes the grant;
 *   - RFC 9207 `iss` on every authorization response; dynamic registration (RFC 7591) and
 *     client ID metadata documents (draft-02) with the SSRF-guarded fetcher;
 *   - requests without `scope` get both MCP scopes (see lib/oauth/bridge.ts); unknown scopes are
 *     `invalid_scope`.
 * Construction is lazy (first request): `next build` imports this module.
 */
import "server-only";
import Provider, { errors, type Configuration, type KoaContextWithOIDC, type ClientMetadata } from "oidc-provider";
import { resolveClientByMetadataDocument } from "oidc-provider/lib/helpers/client_id_metadata_document.js";
import { env } from "@/lib/env";
import { keys } from "@/lib/auth/secrets";
import { database } from "@/lib/db/client";
import { createOAuthAdapter } from "@/lib/db/oauth-adapter";
import { findUserById } from "@/lib/db/users";
import { MCP_SCOPES, parseScope } from "./scopes";
import { controlCharacterProblem } from "@/lib/structural/text";
import { cimdLoopbackAllowed, clientIdUrlAllowed, isLoopbackHost, isLoopbackHttpClientId, redirectUrisProblem } from "./policy";
import { errorPage, securityHeaders } from "./html";

export const ACCESS_TOKEN_TTL_S = 10 * 60;
export const CODE_TTL_S = 60;
export const REFRESH_IDLE_TTL_S = 30 * 24 * 3600;
export const REFRESH_ABSOLUTE_TTL_S = 90 * 24 * 3600;
export const GRANT_TTL_S = 180 * 24 * 3600;
export const INTERACTION_TTL_S = 10 * 60;
export const SESSION_TTL_S = 14 * 24 * 3600;

/** Scopes a request may carry: the MCP scopes, plus the two OIDC scopes the provider always knows. */
const ACCEPTED_SCOPES = new Set<string>([...MCP_SCOPES, "openid", "offline_access"]);

export const ROUTES = {
  authorization: "/oauth/authorize",
  token: "/oauth/token",
  registration: "/oauth/register",
  revocation: "/oauth/revoke",
  jwks: "/oauth/jwks",
  // Disabled features still need distinct paths.
  introspection: "/oauth/introspect",
  userinfo: "/oauth/userinfo",
  end_session: "/oauth/session/end",
  pushed_authorization_request: "/oauth/par",
} as const;

/** What the bridge attaches to the Node request for the provider's middleware. */
export interface SpectralRequestInfo {
  /** The next-auth user id on authorization requests (null: signed out; undefined: not computed). */
  userId?: string | null;
}

/** The one resource we serve; a trailing slash variant is canonicalized by the bridge. */
function mcpResource(): string {
  return env().mcpUrl;
}

function clientMetadataValidator(_ctx: unknown, key: string, _value: unknown, metadata: ClientMetadata): void {
  if (key !== "software_id") return; // run the whole policy once per client
  const m = metadata as ClientMetadata & Record<string, unknown>;

  // Public clients only: replace any other token endpoint auth method (RFC 7591 §3.2.1).
  if (m.token_endpoint_auth_method !== undefined && m.token_endpoint_auth_method !== "none") m.token_endpoint_auth_method = "none";
  if (Array.isArray(m.token_endpoint_auth_methods_supported)) m.token_endpoint_auth_methods_supported = ["none"];
  // Nothing that makes the server fetch URLs or sign/encrypt for the client.
  for (const k of ["jwks", "jwks_uri", "sector_identifier_uri", "subject_type", "request_uris", "client_secret", "client_secret_expires_at"]) delete m[k];

  // Scopes: only ours; stored nowhere (the consent page decides), so drop after checking.
  if (m.scope !== undefined) {
    if (typeof m.scope !== "string") throw new errors.InvalidClientMetadata("scope must be a space-separated string");
    const unknown = parseScope(m.scope).filter((s) => !ACCEPTED_SCOPES.has(s));
    if (unknown.length) throw new errors.InvalidClientMetadata(`scope contains unsupported values: ${unknown.join(" ")} (supported: ${MCP_SCOPES.join(" ")})`);
    delete m.scope;
  }

  const problem = redirectUrisProblem(m.redirect_uris);
  if (problem) throw new errors.InvalidClientMetadata(problem.startsWith("redirect_uris") ? problem : `redirect_uris ${problem}`);

  for (const k of ["client_name", "client_uri", "logo_uri", "policy_uri", "tos_uri", "software_version"]) {
    const v = m[k];
    if (v === undefined) continue;
    if (typeof v !== "string") throw new errors.InvalidClientMetadata(`${k} must be a string`);
    const max = k === "client_name" ? 100 : 2000;
    if (v.length > max) throw new errors.InvalidClientMetadata(`${k} must be at most ${max} characters`);
    const control = controlCharacterProblem(v);
    if (control) throw new errors.InvalidClientMetadata(`${k} ${control}`);
  }
  if (m.software_id !== undefined && (typeof m.software_id !== "string" || m.software_id.length > 200 || controlCharacterProblem(m.software_id))) {
    throw new errors.InvalidClientMetadata("software_id must be a string of at most 200 characters without control characters");
  }
  if (Array.isArray(m.contacts) && m.contacts.length > 10) throw new errors.InvalidClientMetadata("contacts may list at most 10 addresses");
  if (Array.isArray(m.contacts) && m.contacts.some((c) => typeof c !== "string" || c.length > 320 || controlCharacterProblem(c))) {
    throw new errors.InvalidClientMetadata("contacts must be email addresses of at most 320 characters without control characters");
  }
}

function renderError(ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }): void {
  const redirectProblem = /redirect_uri/.test(out.error_description ?? "") || out.error === "invalid_redirect_uri";
  const clientProblem = out.error === "invalid_client";
  const message = redirectProblem
    ? "The app asked Spectral to send you back to an address it did not register. Nothing was shared with it. Go back to the app and connect again; if this keeps happening, contact the app's developer."
    : clientProblem
      ? "Spectral does not recognize the app that sent you here. Nothing was shared with it."
      : "The app that sent you here made a request Spectral cannot accept. Nothing was shared with it. Go back to the app and try connecting again.";
  for (const [k, v] of Object.entries(securityHeaders())) ctx.set(k, v);
  ctx.type = "html";
  ctx.body = errorPage("This connection request cannot continue", message, out);
}

function createProvider(): Provider {
  const e = env();
  const k = keys();
  const allowLoopback = cimdLoopbackAllowed({ nodeEnv: e.NODE_ENV, flag: e.SPECTRAL_CIMD_ALLOW_LOOPBACK, issuerUrl: e.issuerUrl });
  const resource = mcpResource();

  const configuration: Configuration = {
    adapter: createOAuthAdapter({
      getDb: async () => {
        const d = database();
        await d.ready;
        return d.db;
      },
      consumeConflict: (kind) => new errors.InvalidGrant(kind === "RefreshToken" ? "refresh token already used" : "authorization code already used"),
    }),
    clients: [],
    clientAuthMethods: ["none"],
    clientDefaults: {
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
      id_token_signed_response_alg: "ES256",
    },
    responseTypes: ["code"],
    pkce: { required: () => true },
    // OIDC scopes only. The MCP scopes are resource scopes (getResourceServerInfo below); listing
    // them here would make the consent prompt ask for them twice.
    scopes: ["openid", "offline_access"],
    claims: { openid: ["sub"] },
    jwks: { keys: [k.signingJwk] },
    cookies: {
      keys: k.cookieKeys,
      long: { signed: true, httpOnly: true, sameSite: "lax" },
      short: { signed: true, httpOnly: true, sameSite: "lax" },
    },
    routes: ROUTES,
    interactions: { url: async (_ctx, interaction) => `/oauth/interaction/${interaction.uid}` },
    allowOmittingSingleRegisteredRedirectUri: false,
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: true, initialAccessToken: false, issueRegistrationAccessToken: false },
      registrationManagement: { enabled: false },
      revocation: { enabled: true },
      introspection: { enabled: false }, // /mcp verifies tokens in-process (lib/oauth/verify.ts)
      userinfo: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      dPoP: { enabled: false }, // MCP clients send Bearer tokens
      pushedAuthorizationRequests: { enabled: false },
      requestObjects: { enabled: false },
      claimsParameter: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => resource,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (ctx, indicator) => {
          if (indicator !== resource) throw new errors.InvalidTarget(`unknown resource; the resource served here is ${resource}`);
          const requested = ctx.oidc.params?.resource;
          if (Array.isArray(requested) && requested.length > 1) throw new errors.InvalidTarget("request exactly one resource");
          if (ctx.oidc.route === "authorization") {
            const scope = ctx.oidc.params?.scope;
            const unknown = parseScope(typeof scope === "string" ? scope : "").filter((s) => !ACCEPTED_SCOPES.has(s));
            if (unknown.length) throw new errors.InvalidScope(`unsupported scope requested (supported: ${MCP_SCOPES.join(" ")})`, unknown.join(" "));
          }
          return { scope: MCP_SCOPES.join(" "), audience: resource, accessTokenTTL: ACCESS_TOKEN_TTL_S, accessTokenFormat: "opaque" };
        },
      },
      clientIdMetadataDocument: {
        enabled: true,
        ack: "draft-02",
        allowFetch: async (_ctx, clientId) => clientIdUrlAllowed(clientId, allowLoopback),
        allowClient: async (_ctx, client) => !redirectUrisProblem(client.redirectUris),
        cacheDuration: { min: 60, max: 3600 },
      },
    },
    extraClientMetadata: { properties: ["software_id"], validator: clientMetadataValidator },
    // Loopback documents (tests, development) skip the SSRF-guarded agent; everything else keeps it.
    fetch: async (url, init) => {
      const target = new URL(String(url instanceof Request ? url.url : url));
      if (allowLoopback && isLoopbackHost(target.hostname)) {
        const { dispatcher: _guard, ...rest } = (init ?? {}) as RequestInit & { dispatcher?: unknown };
        return globalThis.fetch(url, rest);
      }
      return globalThis.fetch(url, init);
    },
    fetchResponseBodyLimits: { "client_id metadata document": 5 * 1024, jwks_uri: 64 * 1024, sector_identifier_uri: 64 * 1024 },
    async findAccount(_ctx, sub) {
      const user = await findUserById(sub);
      if (!user) return undefined;
      return { accountId: user.id, async claims() { return { sub: user.id }; } };
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    rotateRefreshToken: (ctx) => {
      const rt = ctx.oidc.entities.RefreshToken;
      if (rt && rt.totalLifetime() >= REFRESH_ABSOLUTE_TTL_S) {
        throw new errors.InvalidGrant("refresh token exceeded its absolute lifetime; authorize again");
      }
      return true; // public clients: always rotate (OAuth 2.1 §4.3.1)
    },
    // Tokens outlive the browser session at the authorization server (which mirrors the
    // Spectral sign-in and is reset when the signed-in user changes).
    expiresWithSession: async () => false,
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL_S,
      AuthorizationCode: CODE_TTL_S,
      RefreshToken: (_ctx, token) => {
        const now = Math.floor(Date.now() / 1000);
        const iiat = (token as { iiat?: number }).iiat ?? now;
        return Math.max(60, Math.min(REFRESH_IDLE_TTL_S, iiat + REFRESH_ABSOLUTE_TTL_S - now));
      },
      Grant: GRANT_TTL_S,
      IdToken: ACCESS_TOKEN_TTL_S,
      Interaction: INTERACTION_TTL_S,
      Session: SESSION_TTL_S,
    },
    clientBasedCORS: () => true,
    renderError,
  };

  const provider = new Provider(e.issuerUrl, configuration);

  // The signed-in Spectral user decides who the authorization server's session belongs to: when
  // they differ (signed out, or signed in as someone else), forget the provider session so the
  // login prompt runs again instead of issuing codes for the previous user.
  provider.use(async (ctx, next) => {
    const info = (ctx.req as { spectral?: SpectralRequestInfo }).spectral;
    if (info?.userId !== undefined && ctx.path.startsWith(ROUTES.authorization)) {
      const sid = ctx.cookies.get(provider.cookieName("session"), { signed: true });
      if (sid) {
        const session = await provider.Session.find(sid);
        if (session?.accountId && session.accountId !== info.userId) await session.destroy();
      }
    }
    await next();
  });

  // http:// loopback client IDs (development and tests): oidc-provider only resolves https ones,
  // so resolve these through its own resolver (same cache, validation and allowFetch policy).
  if (allowLoopback) {
    const Client = provider.Client;
    const find = Client.find.bind(Client);
    Client.find = async (id: string) => {
      const found = await find(id);
      if (found || typeof id !== "string" || !isLoopbackHttpClientId(id)) return found;
      return resolveClientByMetadataDocument(provider, id);
    };
  }

  provider.on("server_error", (_ctx, err) => {
    console.error("[oauth] server_error:", err instanceof Error ? `${err.name}: ${err.message}` : err);
  });
  return provider;
}

const globalForProvider = globalThis as unknown as { __spectralOidc?: Provider };

/** The process-wide provider (constructed on first use). */
export function getProvider(): Provider {
  globalForProvider.__spectralOidc ??= createProvider();
  return globalForProvider.__spectralOidc;
}

export { errors };
