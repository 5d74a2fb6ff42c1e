import Link from "next/link";
import type { DocsConfig } from "@/lib/docs/config";
import { ACCESS_TOKEN_MINUTES, ACCESS_TOKEN_SECONDS, AUTHORIZATION_CODE_SECONDS, REFRESH_ABSOLUTE_DAYS, REFRESH_IDLE_DAYS } from "@/lib/docs/facts";
import { formatExchange, type HttpExample } from "@/lib/docs/live-errors";
import { docsPage } from "@/lib/docs/nav";
import type { ToolDoc } from "@/lib/docs/tools";
import { Callout, Code, PageHeader, Section, Value } from "../blocks";

export const AUTHENTICATION_PAGE = docsPage("/docs/mcp/authentication");

const EXAMPLE_REDIRECT = "https://client.example/oauth/callback";

function authorizeUrl(c: DocsConfig): string {
  const u = new URL(c.authorizationEndpoint);
  u.search = new URLSearchParams({
    response_type: "code",
    client_id: "<client_id>",
    redirect_uri: EXAMPLE_REDIRECT,
    scope: c.scopeString,
    state: "<random state>",
    code_challenge: "<BASE64URL(SHA256(code_verifier))>",
    code_challenge_method: "S256",
    resource: c.resource,
  }).toString();
  return u.toString().replace(/%3C/g, "<").replace(/%3E/g, ">");
}

function form(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([k, v]) => `${k}=${v.startsWith("<") ? v : encodeURIComponent(v)}`)
    .join("&\n");
}

/** /docs/mcp/authentication: the OAuth flow, scopes, token lifetimes and revocation. */
export function Authentication({ c, tools, unauthenticated }: { c: DocsConfig; tools: ToolDoc[]; unauthenticated: HttpExample }) {
  const tokenPath = new URL(c.tokenEndpoint).pathname;
  const registerPath = new URL(c.registrationEndpoint).pathname;
  const byScope = (s: "read" | "write") => tools.filter((t) => t.scopeNeed === s);
  return (
    <article>
      <PageHeader title={AUTHENTICATION_PAGE.title}>
        <p>
          Spectral&apos;s MCP server accepts OAuth 2.1 access tokens issued by Spectral&apos;s own authorization server. MCP clients
          obtain them with the authorization code flow and PKCE, after you sign in and approve the client. This page walks through the
          flow, lists what each scope allows, and explains how long tokens last and how to cut a client off.
        </p>
      </PageHeader>

      <Section id="parties" title="Who is involved">
        <table className="data">
          <tbody>
            <tr>
              <td>Resource server (the MCP endpoint)</td>
              <td>
                <Value c={c} k="mcp-url" />
              </td>
            </tr>
            <tr>
              <td>Authorization server (issuer)</td>
              <td>
                <Value c={c} k="issuer" />
              </td>
            </tr>
            <tr>
              <td>Where you sign in and approve</td>
              <td>
                <Value c={c} k="app-url" />
              </td>
            </tr>
          </tbody>
        </table>
        <p>
          The client is ChatGPT, Claude, the MCP Inspector or any other MCP client. It never sees your password: you type it on a
          Spectral page only.
        </p>
      </Section>

      <Section id="flow" title="The flow, step by step">
        <ol className="docs-steps">
          <li>
            <strong>The client calls the MCP endpoint without a token</strong> and is refused with <code>401</code>. The{" "}
            <code>WWW-Authenticate</code> header says where to learn more and which scopes to ask for:
            <Code testId="example-401" label="Response">
              {formatExchange(unauthenticated)}
            </Code>
          </li>
          <li>
            <strong>It reads the protected resource metadata</strong> at <Value c={c} k="prm-url" /> (RFC 9728). The document names the
            resource (<Value c={c} k="resource" />), the authorization server (<Value c={c} k="issuer" />), the supported scopes and
            that tokens go in the <code>Authorization</code> header.
          </li>
          <li>
            <strong>It reads the authorization server metadata</strong> at <Value c={c} k="as-metadata-url" /> (RFC 8414): the
            authorization endpoint <Value c={c} k="authorization-endpoint" />, the token endpoint <Value c={c} k="token-endpoint" />, the
            registration endpoint <Value c={c} k="registration-endpoint" />, and that PKCE must use <code>S256</code>.
          </li>
          <li>
            <strong>It identifies itself.</strong> Either its <code>client_id</code> is the HTTPS URL of a client ID metadata document
            that Spectral fetches and checks, or it registers once with dynamic client registration:
            <Code label="Request">{`POST ${registerPath}
Content-Type: application/json

${JSON.stringify(
  {
    client_name: "Example client",
    redirect_uris: [EXAMPLE_REDIRECT],
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    token_endpoint_auth_method: "none",
    application_type: "web",
  },
  null,
  2,
)}`}</Code>
            The answer is <code>201 Created</code> with the new <code>client_id</code>. Redirect URIs must use HTTPS, or plain HTTP on a
            loopback address (127.0.0.1, localhost, [::1]) for local tools; at sign-in they must match a registered one exactly.
          </li>
          <li>
            <strong>It sends you to the authorization endpoint</strong> with a fresh PKCE challenge, a <code>state</code> and the
            resource it wants a token for:
            <Code label="Browser">{authorizeUrl(c)}</Code>
            When a client asks for no scope (ChatGPT does when it reconnects), you are asked for both scopes.
          </li>
          <li>
            <strong>You sign in and decide.</strong> The consent page shows the client&apos;s name, where you will be sent back, and the
            scopes in plain words. Approve, or deny and nothing is granted.
          </li>
          <li>
            <strong>Spectral redirects back</strong> to the client with <code>code</code>, the same <code>state</code> and{" "}
            <code>iss</code> (the issuer, <Value c={c} k="issuer" />, so the client can tell which server answered). The code works
            once, within {AUTHORIZATION_CODE_SECONDS} seconds.
          </li>
          <li>
            <strong>The client exchanges the code</strong> for tokens, proving it holds the PKCE verifier:
            <Code label="Request">{`POST ${tokenPath}
Content-Type: application/x-www-form-urlencoded

${form({
  grant_type: "authorization_code",
  code: "<code>",
  redirect_uri: EXAMPLE_REDIRECT,
  client_id: "<client_id>",
  code_verifier: "<code_verifier>",
  resource: c.resource,
})}`}</Code>
            The response holds an access token (<code>token_type: Bearer</code>, <code>expires_in</code> of{" "}
            {ACCESS_TOKEN_SECONDS} seconds), a refresh token and the granted <code>scope</code>.
          </li>
          <li>
            <strong>It calls the MCP endpoint with the token</strong>, on every request:{" "}
            <code>Authorization: Bearer &lt;access_token&gt;</code>. Tokens in the URL are refused.
          </li>
          <li>
            <strong>Before the access token runs out, it refreshes:</strong>
            <Code label="Request">{`POST ${tokenPath}
Content-Type: application/x-www-form-urlencoded

${form({ grant_type: "refresh_token", refresh_token: "<refresh_token>", client_id: "<client_id>", resource: c.resource })}`}</Code>
            It gets a new access token <em>and a new refresh token</em>; the old refresh token stops working.
          </li>
        </ol>
      </Section>

      <Section id="scopes" title="Scopes">
        <table className="data" data-testid="scope-table">
          <thead>
            <tr>
              <th scope="col">Scope</th>
              <th scope="col">Shown to you as</th>
              <th scope="col">Allows</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>
                <Value c={c} k="read-scope" />
              </td>
              <td>{c.scopeDescriptions[c.readScope]}</td>
              <td>
                Reading the models you own or that are shared with you:{" "}
                {byScope("read").map((t, i) => (
                  <span key={t.name}>
                    {i ? ", " : ""}
                    <Link href={`/docs/tools#${t.name}`}>
                      <code>{t.name}</code>
                    </Link>
                  </span>
                ))}
                , and the model resources.
              </td>
            </tr>
            <tr>
              <td>
                <Value c={c} k="write-scope" />
              </td>
              <td>{c.scopeDescriptions[c.writeScope]}</td>
              <td>
                Everything read allows, plus creating and changing models you may edit:{" "}
                {byScope("write").map((t, i) => (
                  <span key={t.name}>
                    {i ? ", " : ""}
                    <Link href={`/docs/tools#${t.name}`}>
                      <code>{t.name}</code>
                    </Link>
                  </span>
                ))}
                .
              </td>
            </tr>
          </tbody>
        </table>
        <ul>
          <li>
            <strong>Write includes read.</strong> A token with only <Value c={c} k="write-scope" /> passes every read check.
          </li>
          <li>
            <strong>Tokens are for one resource.</strong> Every token is issued for <Value c={c} k="resource" /> and the MCP server
            refuses tokens meant for anything else.
          </li>
          <li>
            <strong>Asking for more later.</strong> If a client holds only the read scope and calls a write tool, the server answers with
            an <code>insufficient_scope</code> challenge naming <Value c={c} k="write-scope" />; the client sends you through the
            approval again (see <Link href="/docs/mcp/troubleshooting#insufficient-scope">Troubleshooting</Link>).
          </li>
          <li>Whatever the scopes, a client acts as you: it can only see and change what you could in the web app.</li>
        </ul>
      </Section>

      <Section id="lifetimes" title="Token lifetimes">
        <table className="data" data-testid="lifetimes">
          <thead>
            <tr>
              <th scope="col">Credential</th>
              <th scope="col">Lifetime</th>
              <th scope="col">Notes</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>Authorization code</td>
              <td>{AUTHORIZATION_CODE_SECONDS} seconds</td>
              <td>Single use. Presenting a code twice revokes everything issued from it.</td>
            </tr>
            <tr>
              <td>Access token</td>
              <td>{ACCESS_TOKEN_MINUTES} minutes</td>
              <td>Opaque; stored only as a hash. When it expires the MCP server answers 401 and the client refreshes.</td>
            </tr>
            <tr>
              <td>Refresh token</td>
              <td>
                replaced on every use; expires after {REFRESH_IDLE_DAYS} days unused, and a connection must be approved again after{" "}
                {REFRESH_ABSOLUTE_DAYS} days
              </td>
              <td>
                Rotating: each refresh returns a new one and retires the old one. If a retired refresh token is presented again, Spectral
                assumes it was stolen and revokes the whole grant; you then reconnect the client.
              </td>
            </tr>
          </tbody>
        </table>
      </Section>

      <Section id="revoke" title="See and revoke connected apps">
        <p>
          The <Link href="/settings/connections">Connected apps</Link> page (<Value c={c} k="connections-url" />) lists every client you
          approved, with its scopes and when it was last used. Revoking a client invalidates its access and refresh tokens at once: its
          next MCP request gets a 401, and it can only come back if you sign in and approve it again.
        </p>
        <p>
          A client can also give up its own tokens through the revocation endpoint (RFC 7009), <Value c={c} k="revocation-endpoint" />.
        </p>
        <Callout kind="note">
          Removing Spectral inside ChatGPT or Claude only stops that client from using it; revoking it here is what makes the tokens
          unusable.
        </Callout>
      </Section>

      <Section id="security" title="Security properties">
        <ul>
          <li>PKCE with <code>S256</code> is required for every client; plain challenges and missing challenges are refused.</li>
          <li>Redirect URIs are compared exactly, so a code can only go back to where the client registered.</li>
          <li>
            The authorization response carries <code>iss</code>, and <code>state</code> round-trips unchanged, against mix-up and CSRF
            attacks.
          </li>
          <li>Tokens are accepted only in the <code>Authorization</code> header, never in a query string.</li>
          <li>Spectral never forwards your token anywhere else.</li>
        </ul>
      </Section>
    </article>
  );
}
