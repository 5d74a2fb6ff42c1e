import Link from "next/link";
import type { DocsConfig } from "@/lib/docs/config";
import { formatExchange, type LiveErrors } from "@/lib/docs/live-errors";
import { docsPage } from "@/lib/docs/nav";
import type { ToolDoc } from "@/lib/docs/tools";
import { Callout, Code, PageHeader, Section, Value } from "../blocks";

export const TROUBLESHOOTING_PAGE = docsPage("/docs/mcp/troubleshooting");

/** /docs/mcp/troubleshooting: every error a user can meet, with the server's real responses. */
export function Troubleshooting({ c, e, tools, maxBodyMib }: { c: DocsConfig; e: LiveErrors; tools: ToolDoc[]; maxBodyMib: number }) {
  const writes = tools.filter((t) => !t.annotations.readOnlyHint);
  const dryRun = tools.filter((t) => t.arguments.some((a) => a.name === "dry_run"));
  const rows: { status: string; what: string; id: string }[] = [
    { status: String(e.unauthenticated.status), what: "No access token: the client has to sign in", id: "unauthorized" },
    { status: String(e.invalidToken.status), what: "Access token expired, revoked or unknown", id: "expired" },
    { status: "403", what: "insufficient_scope: the tool needs a scope the connection lacks", id: "insufficient-scope" },
    { status: String(e.getMethod.status), what: "GET (or DELETE) on the MCP endpoint: expected", id: "get-405" },
    { status: String(e.badOrigin.status), what: "Origin or Host header not accepted", id: "origin-refused" },
    { status: String(e.queryToken.status), what: "Access token sent in the URL", id: "token-in-url" },
    { status: String(e.tooLarge.status), what: `Request body larger than ${maxBodyMib} MiB`, id: "too-large" },
    { status: "200", what: "Connected, but no tools appear", id: "no-tools" },
    { status: "200", what: "A write tool asks for confirmation", id: "confirmation" },
    { status: "200", what: "A tool answers with an error (isError)", id: "tool-errors" },
    { status: "—", what: "Sign-in does not open, or fails before the consent page", id: "oauth-discovery" },
  ];
  return (
    <article>
      <PageHeader title={TROUBLESHOOTING_PAGE.title}>
        <p>
          The responses below are produced by this server&apos;s own code when the page is rendered, so the status codes, headers and
          messages are exactly what your client receives from <Value c={c} k="mcp-url" />.
        </p>
      </PageHeader>

      <Section id="at-a-glance" title="At a glance">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">What it means</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <code>{r.status}</code>
                </td>
                <td>
                  <a href={`#${r.id}`}>{r.what}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>

      <Section id="unauthorized" title="401 Unauthorized with a WWW-Authenticate header">
        <Code testId="error-401" label="What the client gets">
          {formatExchange(e.unauthenticated)}
        </Code>
        <p>
          <strong>Why.</strong> Every MCP request needs an access token and this one had none. This is the normal first answer to a new
          client: the header points it to <Value c={c} k="prm-url" />, from where it finds the authorization server and starts the
          sign-in.
        </p>
        <p>
          <strong>What to do.</strong> In ChatGPT or Claude, connect (or reconnect) the app and complete the sign-in. With curl or the
          Inspector, pass a token: <code>Authorization: Bearer &lt;token&gt;</code> (see{" "}
          <Link href="/docs/mcp/clients">Other MCP clients</Link>). If a client shows &quot;error fetching OAuth configuration&quot;,
          see <a href="#oauth-discovery">Sign-in does not open</a>.
        </p>
      </Section>

      <Section id="expired" title="Access expired (401 invalid_token)">
        <Code testId="error-401-invalid" label="What the client gets">
          {formatExchange(e.invalidToken)}
        </Code>
        <p>
          <strong>Why.</strong> Access tokens are short-lived, and revoking a connection ends them at once. A token also stops working
          when a retired refresh token is reused (Spectral then revokes the whole connection as a precaution).
        </p>
        <p>
          <strong>What to do.</strong> Well-behaved clients refresh silently and retry. If the refresh fails too, reconnect the app:
          in ChatGPT, reconnect Spectral and sign in again; in Claude, choose <em>Connect</em> on the connector. See{" "}
          <Link href="/docs/mcp/authentication#lifetimes">token lifetimes</Link>.
        </p>
      </Section>

      <Section id="insufficient-scope" title="403 insufficient_scope, and ChatGPT's in-result step-up">
        <p>
          <strong>Why.</strong> The connection holds only <Value c={c} k="read-scope" /> and a write tool was called; writing needs{" "}
          <Value c={c} k="write-scope" />. Most clients get an HTTP <code>403</code> with this challenge and ask you to approve the extra
          scope:
        </p>
        <Code testId="error-403-scope" label="WWW-Authenticate">
          {e.insufficientScopeChallenge}
        </Code>
        <p>
          ChatGPT expects the same challenge inside the tool result instead of an HTTP error, so for ChatGPT the call returns a tool
          error that carries it in <code>_meta[&quot;mcp/www_authenticate&quot;]</code>. ChatGPT then shows a button to reconnect with
          the wider permission and retries the call:
        </p>
        <Code label="Tool result (ChatGPT)">{e.insufficientScopeToolResult}</Code>
        <p>
          <strong>What to do.</strong> Approve the additional scope when asked. If your client cannot step up, disconnect it, then
          connect again and approve both scopes. To keep a client read-only on purpose, simply decline.
        </p>
      </Section>

      <Section id="get-405" title="405 on GET /mcp (expected)">
        <Code testId="error-405" label="What you get">
          {formatExchange(e.getMethod)}
        </Code>
        <p>
          <strong>Why.</strong> The endpoint carries MCP messages as <code>POST</code> requests only and offers no event stream to open
          with <code>GET</code>; the MCP specification allows exactly this answer. Opening the URL in a browser therefore shows this
          error. It does not mean the server is down.
        </p>
        <p>
          <strong>What to do.</strong> Nothing. If a client insists on <code>GET</code>, configure it for the Streamable HTTP
          transport (not the old HTTP+SSE one).
        </p>
      </Section>

      <Section id="origin-refused" title="403: Origin or Host refused">
        <Code testId="error-403-origin" label="A browser page on another site">
          {formatExchange(e.badOrigin)}
        </Code>
        <Code testId="error-403-host" label="A host name this deployment does not serve">
          {formatExchange(e.badHost)}
        </Code>
        <p>
          <strong>Why.</strong> To stop web pages and DNS-rebinding tricks from reaching the server through your browser, a request
          whose <code>Origin</code> is not one of this deployment&apos;s origins is refused, and so is a <code>Host</code> the
          deployment does not serve. Server-side clients (ChatGPT, Claude) and command-line tools send no <code>Origin</code> and are
          not affected.
        </p>
        <p>
          <strong>What to do.</strong> Use the MCP URL exactly as configured, <Value c={c} k="mcp-url" />, not an IP address or another
          alias of the host. A browser-based tool (such as the Inspector&apos;s web UI) has to be allowed by the operator, who can list
          extra origins, comma-separated, in <code>SPECTRAL_ALLOWED_ORIGINS</code>.
        </p>
      </Section>

      <Section id="token-in-url" title="400: token in the URL">
        <Code testId="error-400-query" label="What the client gets">
          {formatExchange(e.queryToken)}
        </Code>
        <p>
          Tokens in query strings end up in logs and browser history, so they are refused. Send the token in the{" "}
          <code>Authorization</code> header instead.
        </p>
      </Section>

      <Section id="too-large" title="413: request body too large">
        <Code testId="error-413" label="What the client gets">
          {formatExchange(e.tooLarge)}
        </Code>
        <p>
          <strong>What to do.</strong> Send the elements in several calls: add them in batches with <code>add_elements</code>, or
          import a large model in parts. Each part is validated and written on its own.
        </p>
      </Section>

      <Section id="no-tools" title="Connected, but no tools appear">
        <ul>
          <li>
            <strong>ChatGPT:</strong> refresh the app in Developer Mode (Settings → Apps). ChatGPT caches the tool list, schemas and
            widget settings, and needs a refresh after they change on the server.
          </li>
          <li>
            <strong>Check the server directly</strong> with the Inspector&apos;s <code>tools/list</code> (command on{" "}
            <Link href="/docs/mcp/clients#inspector">Other MCP clients</Link>). It should list {tools.length} tools.
          </li>
          <li>
            <strong>Check the connection still exists</strong> on <Link href="/settings/connections">Connected apps</Link>; a revoked
            client has to sign in again.
          </li>
          <li>Make sure the Spectral app is turned on for the conversation you are in.</li>
        </ul>
      </Section>

      <Section id="confirmation" title="A write tool asks for confirmation">
        <p>
          <strong>This is intended.</strong> These tools can change your data, so they are not marked read-only and clients ask before
          running them:
        </p>
        <ul>
          {writes.map((t) => (
            <li key={t.name}>
              <Link href={`/docs/tools#${t.name}`}>
                <code>{t.name}</code>
              </Link>{" "}
              – {t.title}
              {t.annotations.destructiveHint ? " (can overwrite or delete: clients may warn more strongly)" : ""}
            </li>
          ))}
        </ul>
        <p>
          Read the arguments before you approve.
          {dryRun.length ? (
            <>
              {" "}
              {dryRun.map((t, i) => (
                <span key={t.name}>
                  {i ? (i === dryRun.length - 1 ? " and " : ", ") : ""}
                  <code>{t.name}</code>
                </span>
              ))}{" "}
              also accept <code>dry_run: true</code>: ask the assistant for a dry run to see the plan and the validation report without
              writing anything.
            </>
          ) : null}
        </p>
      </Section>

      <Section id="tool-errors" title="A tool answers with an error">
        <p>
          Tool failures come back as a normal result marked <code>isError: true</code>, with a message that says what to fix and, for
          model data, every problem at once with its path. Nothing is written when a call fails. Assistants usually correct all the
          problems and retry on their own; if not, ask them to.
        </p>
      </Section>

      <Section id="oauth-discovery" title="Sign-in does not open, or fails before the consent page">
        <ul>
          <li>Allow pop-ups for the client&apos;s site (ChatGPT, Claude) and try again.</li>
          <li>
            Both metadata documents must answer with JSON: <Value c={c} k="prm-url" /> and <Value c={c} k="as-metadata-url" />. A proxy
            or firewall that answers those paths with an HTML page or a bot challenge breaks discovery.
          </li>
          <li>
            The client must use <Value c={c} k="mcp-url" /> as the server URL, and the issuer it reports must be exactly{" "}
            <Value c={c} k="issuer" /> (no trailing slash, same scheme and host).
          </li>
          <li>
            &quot;redirect_uri is not valid&quot; on a Spectral page means the client came back with a callback it did not register.
            Callbacks must use HTTPS, or HTTP on a loopback address, and match exactly. Removing and re-adding the connector usually
            fixes it.
          </li>
        </ul>
        <Callout kind="note">
          Still stuck? Contact Spectral support with the client you use, roughly when you tried, the MCP URL and the step that failed.
          Never send tokens or passwords.
        </Callout>
      </Section>
    </article>
  );
}
