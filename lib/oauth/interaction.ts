/**
 * The interaction pages of the authorization server: /oauth/interaction/:uid.
 *
 * GET, prompt "login":   signed in to Spectral → finish the login step at once (303 back to the
 *                        provider); signed out → 303 to /signin?callbackUrl=<this page>.
 * GET, prompt "consent": render the consent page (client name escaped, where the client comes
 *                        from, its redirect host with a loopback warning, the resource and each
 *                        scope in plain words, Allow / Deny).
 * POST (consent answer): accepted only when all of these hold (RFC 9700 §4.7, K1):
 *   - Origin is the issuer's origin (see `sameOriginPost` for the no-referrer `Origin: null` case);
 *   - the provider's signed, path-bound interaction cookie identifies this interaction;
 *   - the CSRF token is HMAC(interaction uid, user id, provider session uid), constant-time compared;
 *   - the signed-in user is the interaction's user;
 *   - the interaction was not answered yet (a replay is refused; after the redirect it is gone).
 *   Allow → the grant gets exactly the requested scopes for this client and resource (consent
 *   for A never covers B, read never covers write); Deny → `access_denied` to the client, with
 *   state and iss, and nothing stored. Both answer with 303 (RFC 9700 §4.12).
 */
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { env } from "@/lib/env";
import { keys } from "@/lib/auth/secrets";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session";
import { recordConsent, type ClientOrigin } from "@/lib/db/connections";
import { isBodyTooLarge, readBody, toNode, type NodePair } from "./bridge";
import { getProvider } from "./provider";
import { consentPage, errorPage, htmlResponse, securityHeaders } from "./html";
import { MCP_SCOPES, SCOPE_DESCRIPTIONS, isMcpScope, parseScope } from "./scopes";
import { describeRedirect, isLoopbackHttpClientId } from "./policy";

type Details = Awaited<ReturnType<ReturnType<typeof getProvider>["interactionDetails"]>>;

const ConsentForm = z.object({
  csrf: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "missing or malformed CSRF token"),
  decision: z.enum(["allow", "deny"]),
});

export function interactionPath(uid: string): string {
  return `/oauth/interaction/${encodeURIComponent(uid)}`;
}

/** The consent form's CSRF token: bound to the interaction, the user and the provider session. */
export function consentCsrfToken(uid: string, userId: string, sessionUid: string | undefined): string {
  return createHmac("sha256", keys().csrfKey).update(`consent\u0000${uid}\u0000${userId}\u0000${sessionUid ?? ""}`).digest("base64url");
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function redirect303(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, ...securityHeaders() } });
}

function failure(status: number, title: string, message: string): Response {
  return htmlResponse(status, errorPage(title, message));
}

const expired = () =>
  failure(400, "This request has expired", "This connection request has expired or was already answered. Go back to the app and connect again.");

/** The pending interaction named by the browser's interaction cookie, or null when there is none. */
async function details(pair: NodePair): Promise<Details | null> {
  try {
    return await getProvider().interactionDetails(pair.req, pair.res);
  } catch (err) {
    // SessionNotFound (no cookie, expired, already completed) is the expected case; log the rest.
    if ((err as { name?: string }).name !== "SessionNotFound") {
      console.error("[oauth] interaction lookup failed:", err instanceof Error ? `${err.name}: ${err.message}` : err);
    }
    return null;
  }
}

async function finish(pair: NodePair, result: Parameters<ReturnType<typeof getProvider>["interactionResult"]>[2]): Promise<Response> {
  const returnTo = await getProvider().interactionResult(pair.req, pair.res, result, { mergeWithLastSubmission: true });
  return redirect303(returnTo);
}

function signInRedirect(uid: string): Response {
  return redirect303(`/signin?callbackUrl=${encodeURIComponent(interactionPath(uid))}`);
}

/** Where a client comes from, for the consent and connected-apps pages. */
export function clientOrigin(clientId: string): ClientOrigin {
  if (/^https:\/\//i.test(clientId) || isLoopbackHttpClientId(clientId)) {
    const u = new URL(clientId);
    return { kind: "metadata-document", url: clientId, domain: u.host };
  }
  return { kind: "self-registered" };
}

/** The MCP scopes of this request (the bridge already applied the default when none was sent). */
function requestedScopes(d: Details): string[] {
  return parseScope(typeof d.params.scope === "string" ? d.params.scope : "").filter(isMcpScope);
}

function userMismatch(d: Details, user: CurrentUser): boolean {
  return !!d.session?.accountId && d.session.accountId !== user.id;
}

/**
 * The consent POST must come from our own page. Browsers send `Origin: <issuer>`, except that a
 * page served with `Referrer-Policy: no-referrer` (ours) makes them send `Origin: null`; that
 * value is accepted only together with `Sec-Fetch-Site: same-origin`, which pages cannot forge
 * (a sandboxed cross-site frame also sends `Origin: null`, but with `Sec-Fetch-Site: cross-site`).
 * A missing Origin is refused.
 */
export function sameOriginPost(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin === new URL(env().issuerUrl).origin) return true;
  return origin === "null" && request.headers.get("sec-fetch-site") === "same-origin";
}

/** GET /oauth/interaction/:uid */
export async function showInteraction(request: Request, uid: string): Promise<Response> {
  const pair = await toNode(request);
  const d = await details(pair);
  if (!d || d.uid !== uid) return expired();
  const user = await getCurrentUser();

  if (d.prompt.name === "login") {
    if (!user) return signInRedirect(uid);
    return finish(pair, { login: { accountId: user.id } });
  }
  if (d.prompt.name !== "consent") return failure(400, "Unsupported request", "Spectral cannot complete this kind of request.");
  if (!user) return signInRedirect(uid);
  if (userMismatch(d, user)) {
    return failure(403, "You switched accounts", "You are now signed in as a different user than when this connection started. Go back to the app and connect again.");
  }

  const clientId = String(d.params.client_id);
  const client = await getProvider().Client.find(clientId);
  if (!client) return failure(400, "Unknown app", "Spectral does not recognize the app that sent you here. Nothing was shared with it.");
  const redirectUri = String(d.params.redirect_uri);
  const redirect = describeRedirect(redirectUri);
  const resource = typeof d.params.resource === "string" ? d.params.resource : env().mcpUrl;
  const scopes = requestedScopes(d);

  const html = consentPage({
    action: interactionPath(uid),
    csrf: consentCsrfToken(uid, user.id, d.session?.uid),
    user,
    client: { name: client.clientName || clientId, id: clientId, origin: clientOrigin(clientId) },
    redirect,
    resource,
    scopes: (scopes.length ? scopes : [...MCP_SCOPES]).filter(isMcpScope).map((s) => ({ scope: s, description: SCOPE_DESCRIPTIONS[s] })),
  });
  // The answer's redirect chain ends at the client: allow that origin as a form target.
  return htmlResponse(200, html, { formAction: [redirect.origin] });
}

/** POST /oauth/interaction/:uid — the consent answer. */
export async function submitInteraction(request: Request, uid: string): Promise<Response> {
  if (!sameOriginPost(request)) {
    return failure(403, "Request refused", "This form can only be submitted from Spectral's own consent page.");
  }
  if (!(request.headers.get("content-type") ?? "").startsWith("application/x-www-form-urlencoded")) {
    return failure(415, "Request refused", "Submit the consent form from the consent page.");
  }
  let body: Buffer | undefined;
  try {
    body = await readBody(request, 4096);
  } catch (err) {
    if (isBodyTooLarge(err)) return failure(413, "Request refused", "The form submission is too large.");
    throw err;
  }
  const form = ConsentForm.safeParse(Object.fromEntries(new URLSearchParams(body?.toString("utf8") ?? "")));
  if (!form.success) return failure(400, "Request refused", `The consent form is incomplete: ${form.error.issues[0]?.message ?? "invalid input"}. Reload the consent page and answer again.`);

  const pair = await toNode(request, { body: Buffer.alloc(0) });
  const d = await details(pair);
  if (!d || d.uid !== uid || d.prompt.name !== "consent") return expired();
  const user = await getCurrentUser();
  if (!user || userMismatch(d, user) || d.session?.accountId !== user.id) {
    return failure(403, "Request refused", "Sign in again and restart the connection from the app.");
  }
  if (d.result) return failure(409, "Already answered", "You already answered this request. Go back to the app.");
  if (!sameToken(form.data.csrf, consentCsrfToken(uid, user.id, d.session?.uid))) {
    return failure(403, "Request refused", "The consent form has expired or did not come from this page. Reload it and answer again.");
  }

  if (form.data.decision === "deny") {
    return finish(pair, { error: "access_denied", error_description: "The user denied access" });
  }

  const provider = getProvider();
  const clientId = String(d.params.client_id);
  const client = await provider.Client.find(clientId);
  if (!client) return expired();
  const grant = d.grantId ? await provider.Grant.find(d.grantId) : new provider.Grant({ accountId: user.id, clientId });
  if (!grant || grant.accountId !== user.id || grant.clientId !== clientId) return expired();

  const missing = (d.prompt.details ?? {}) as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (missing.missingOIDCScope?.length) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
  if (missing.missingOIDCClaims?.length) grant.addOIDCClaims(missing.missingOIDCClaims);
  const granted = new Set<string>();
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    const ours = scopes.filter(isMcpScope);
    if (ours.length) grant.addResourceScope(indicator, ours.join(" "));
  }
  for (const s of requestedScopes(d)) granted.add(s);
  const grantId = await grant.save();

  await recordConsent(user.id, clientId, {
    clientName: client.clientName || clientId,
    origin: clientOrigin(clientId),
    redirectHost: describeRedirect(String(d.params.redirect_uri)).host,
    scopes: [...granted],
  });
  return finish(pair, { consent: { grantId } });
}
