/**
 * Client policy of the authorization server, as pure functions (unit-tested on their own):
 *
 * Redirect URIs (RFC 9700 §2.1, §4.1; OAuth 2.1 §2.3; RFC 8252 §7.3) — allowed:
 *   - https:// on any host, e.g. ChatGPT's https://chatgpt.com/connector_platform_oauth_redirect and
 *     https://chatgpt.com/connector/oauth/{id}, Claude's https://claude.ai/api/mcp/auth_callback and
 *     https://claude.com/api/mcp/auth_callback;
 *   - http:// only on loopback (127.0.0.1, localhost, [::1]), any port, for native and test clients.
 *   Refused: every other scheme (javascript:, data:, file:, vbscript:, custom schemes), http on other
 *   hosts, fragments, userinfo (https://a@evil), wildcards, dot segments (also %2e-encoded),
 *   backslashes, whitespace and control characters, URIs over 2000 characters, more than 10 URIs.
 *   Matching at the authorization endpoint is exact string comparison (oidc-provider).
 *
 * Client ID metadata documents (draft-ietf-oauth-client-id-metadata-document §3, §8):
 *   https only, with a path, no fragment, userinfo, dot segments or IP-literal host; oidc-provider
 *   also checks the document (client_id equals the URL, no client secrets) and fetches it through
 *   an SSRF-guarded agent (no private, loopback or link-local addresses; 2.5 s; 5 KiB). Loopback
 *   http:// documents are allowed only for local development and tests (`cimdLoopbackAllowed`).
 */

export const MAX_REDIRECT_URIS = 10;
export const MAX_URI_LENGTH = 2000;

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

function isIpLiteral(hostname: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) || hostname.startsWith("[") || /^0x|^\d+$/i.test(hostname);
}

/** Raw-string checks shared by redirect URIs and client ID URLs. Returns a reason or null. */
function rawProblems(uri: string): string | null {
  if (uri.length > MAX_URI_LENGTH) return `must be at most ${MAX_URI_LENGTH} characters`;
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(uri)) return "must not contain whitespace, control characters or backslashes";
  if (uri.includes("#")) return "must not contain a fragment";
  if (uri.includes("*")) return "must not contain wildcards";
  const afterScheme = uri.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
  const authority = afterScheme.split(/[/?]/, 1)[0] ?? "";
  if (authority.includes("@")) return "must not contain userinfo";
  const path = afterScheme.slice(authority.length).split("?", 1)[0] ?? "";
  if (path.split("/").some((seg) => /^(\.|%2e){1,2}$/i.test(seg))) return "must not contain dot segments";
  return null;
}

/** Why a redirect URI is refused, or null when it is acceptable. */
export function redirectUriProblem(uri: unknown): string | null {
  if (typeof uri !== "string" || uri.length === 0) return "must be a non-empty string";
  const raw = rawProblems(uri);
  if (raw) return raw;
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    return "must be an absolute URI";
  }
  if (u.username || u.password) return "must not contain userinfo";
  if (u.protocol === "https:") return u.hostname ? null : "must have a host";
  if (u.protocol === "http:") {
    return isLoopbackHost(u.hostname) ? null : "may use http only on a loopback address (127.0.0.1, localhost, [::1]); use https";
  }
  return `must use https (or http on a loopback address), not ${u.protocol.replace(/:$/, "")}`;
}

/** Problems with a client's redirect_uris list, or null. */
export function redirectUrisProblem(uris: unknown): string | null {
  if (!Array.isArray(uris)) return "redirect_uris must be an array";
  if (uris.length === 0) return "redirect_uris must contain at least one URI";
  if (uris.length > MAX_REDIRECT_URIS) return `redirect_uris may contain at most ${MAX_REDIRECT_URIS} URIs`;
  for (const uri of uris) {
    const problem = redirectUriProblem(uri);
    if (problem) return `redirect_uris: ${JSON.stringify(String(uri).slice(0, 200))} ${problem}`;
  }
  return null;
}

/**
 * Whether the authorization server may fetch `clientId` as a client ID metadata document.
 * `allowLoopback` (development and tests only) additionally admits http:// and https:// on loopback.
 */
export function clientIdUrlAllowed(clientId: string, allowLoopback: boolean): boolean {
  if (rawProblems(clientId)) return false;
  let u: URL;
  try {
    u = new URL(clientId);
  } catch {
    return false;
  }
  if (u.username || u.password || u.hash || u.pathname === "/" || u.pathname === "") return false;
  const loopback = isLoopbackHost(u.hostname);
  if (loopback) return allowLoopback && (u.protocol === "https:" || u.protocol === "http:");
  if (u.protocol !== "https:") return false;
  if (isIpLiteral(u.hostname) || !u.hostname.includes(".")) return false;
  return true;
}

/** An http:// loopback client ID URL (the only kind oidc-provider itself would not resolve). */
export function isLoopbackHttpClientId(clientId: string): boolean {
  try {
    const u = new URL(clientId);
    return u.protocol === "http:" && isLoopbackHost(u.hostname);
  } catch {
    return false;
  }
}

export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * Whether loopback client ID metadata documents may be fetched: always outside production;
 * in production only with SPECTRAL_CIMD_ALLOW_LOOPBACK=1 AND a loopback issuer (a production
 * build run by the test suite). The flag with a public issuer is a configuration error.
 */
export function cimdLoopbackAllowed(opts: { nodeEnv: string; flag: string | undefined; issuerUrl: string }): boolean {
  if (opts.nodeEnv !== "production") return true;
  if (opts.flag !== "1") return false;
  if (!isLoopbackUrl(opts.issuerUrl)) {
    throw new Error(
      "SPECTRAL_CIMD_ALLOW_LOOPBACK=1 is for local tests only and is refused in production unless SPECTRAL_ISSUER_URL is a loopback address. Unset it.",
    );
  }
  return true;
}

/** The redirect host shown on the consent page, and whether it is a loopback (local app) address. */
export function describeRedirect(uri: string): { host: string; origin: string; loopback: boolean } {
  const u = new URL(uri);
  return { host: u.host, origin: u.origin, loopback: isLoopbackHost(u.hostname) };
}
