// /oauth/* – the OAuth 2.1 authorization server (oidc-provider; see lib/oauth/provider.ts):
//   GET  /oauth/authorize, /oauth/authorize/:uid   RFC 6749 §4.1.1 (+ PKCE, RFC 8707 resource, RFC 9207 iss)
//   POST /oauth/token                              RFC 6749 §4.1.3, §6 (rotating refresh tokens)
//   POST /oauth/register                           RFC 7591 dynamic client registration (public clients)
//   POST /oauth/revoke                             RFC 7009
//   GET  /oauth/jwks                               signing keys (ID tokens)
// The interaction pages (/oauth/interaction/:uid) have their own route.
import { handleOidc, registrationPreflight } from "@/lib/oauth/bridge";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const handler = (req: Request) => handleOidc(req);

export { handler as GET, handler as POST, handler as PUT, handler as DELETE };

export function OPTIONS(req: Request) {
  return new URL(req.url).pathname === "/oauth/register" ? registrationPreflight() : handleOidc(req);
}
