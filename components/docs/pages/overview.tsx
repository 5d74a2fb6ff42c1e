import Link from "next/link";
import type { DocsConfig } from "@/lib/docs/config";
import { DOCS_NAV, docsPage } from "@/lib/docs/nav";
import type { PromptDoc, ResourceDoc } from "@/lib/docs/surface";
import type { ToolDoc } from "@/lib/docs/tools";
import { Code, PageHeader, Section, Value } from "../blocks";

export const OVERVIEW_PAGE = docsPage("/docs/mcp/overview");

export interface OverviewProps {
  c: DocsConfig;
  tools: ToolDoc[];
  prompts: PromptDoc[];
  resources: ResourceDoc[];
  protocol: { modern: string; legacy: readonly string[] };
  maxBodyMib: number;
}

/** /docs/mcp/overview: what the server is and how clients talk to it. */
export function Overview({ c, tools, prompts, resources, protocol, maxBodyMib }: OverviewProps) {
  const connectPages = DOCS_NAV[0]!.pages.filter((p) => p.href !== OVERVIEW_PAGE.href);
  const read = tools.filter((t) => t.scopeNeed === "read").length;
  const write = tools.length - read;
  return (
    <article>
      <PageHeader title={OVERVIEW_PAGE.title}>
        <p>
          Spectral runs a remote Model Context Protocol (MCP) server. Any AI client that speaks MCP can use it, on your behalf and with
          your permission, to list, create, change, import and view structural models.
        </p>
      </PageHeader>

      <Section id="endpoints" title="Endpoints of this deployment">
        <p>These values come from the server&apos;s configuration; a client usually needs only the first one.</p>
        <table className="data">
          <tbody>
            <tr>
              <td>MCP server URL</td>
              <td>
                <Value c={c} k="mcp-url" />
              </td>
            </tr>
            <tr>
              <td>Protected resource metadata (RFC 9728)</td>
              <td>
                <Value c={c} k="prm-url" />
              </td>
            </tr>
            <tr>
              <td>OAuth issuer</td>
              <td>
                <Value c={c} k="issuer" />
              </td>
            </tr>
            <tr>
              <td>Authorization server metadata (RFC 8414)</td>
              <td>
                <Value c={c} k="as-metadata-url" />
              </td>
            </tr>
            <tr>
              <td>Scopes</td>
              <td>
                <Value c={c} k="scopes" />
              </td>
            </tr>
            <tr>
              <td>Web app (viewer, models, connected apps)</td>
              <td>
                <Value c={c} k="app-url" />
              </td>
            </tr>
          </tbody>
        </table>
      </Section>

      <Section id="connect" title="Pick your client">
        <div className="docs-cards">
          {connectPages.map((p) => (
            <div className="card" key={p.href}>
              <h3>
                <Link href={p.href}>{p.label}</Link>
              </h3>
              <p>{p.summary}</p>
            </div>
          ))}
        </div>
      </Section>

      <Section id="transport" title="Transport and protocol">
        <ul>
          <li>
            <strong>Streamable HTTP, POST only.</strong> Every MCP message is one <code>POST</code> to <Value c={c} k="mcp-url" /> with a
            JSON-RPC body; the answer is JSON or a short event stream for that request. There is no long-lived stream, so{" "}
            <code>GET</code> and <code>DELETE</code> return <code>405 Method Not Allowed</code> with <code>Allow: POST</code>.
          </li>
          <li>
            <strong>Stateless.</strong> The server keeps no session between requests and never issues an <code>Mcp-Session-Id</code>. Any
            request can go to any instance.
          </li>
          <li>
            <strong>Both protocol generations.</strong> Clients on the current revision (<code>{protocol.modern}</code>, with{" "}
            <code>server/discover</code> and per-request metadata) and clients that still open with <code>initialize</code> (
            {protocol.legacy.map((v, i) => (
              <span key={v}>
                {i ? ", " : ""}
                <code>{v}</code>
              </span>
            ))}
            ) are both served.
          </li>
          <li>
            <strong>Requests from browsers are checked.</strong> A request whose <code>Host</code> or <code>Origin</code> is not one of
            this deployment&apos;s is refused with 403, which protects against DNS rebinding.
          </li>
          <li>
            <strong>Size limit.</strong> A request body may be up to {maxBodyMib} MiB; split bigger imports over several calls.
          </li>
        </ul>
      </Section>

      <Section id="auth" title="Sign-in and permissions">
        <p>
          Every request needs an OAuth 2.1 access token in the <code>Authorization: Bearer</code> header. Clients obtain it themselves:
          an unauthenticated request gets a <code>401</code> whose <code>WWW-Authenticate</code> header points to the resource metadata,
          which names the authorization server. The client registers itself (dynamic client registration or a client ID metadata
          document), sends you to Spectral to sign in and approve, and exchanges the result for tokens with PKCE.
        </p>
        <p>
          Two scopes exist: <Value c={c} k="read-scope" /> ({c.scopeDescriptions[c.readScope]}) and <Value c={c} k="write-scope" /> (
          {c.scopeDescriptions[c.writeScope]}; it includes reading). Details in{" "}
          <Link href="/docs/mcp/authentication">Authentication and scopes</Link>.
        </p>
      </Section>

      <Section id="capabilities" title="What the server offers">
        <h3 id="tools">Tools</h3>
        <p>
          {tools.length} tools: {read} that only read and {write} that write. Each declares the scope it needs and the hints clients use
          to decide when to ask you first. See the <Link href="/docs/tools">tool reference</Link>.
        </p>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Tool</th>
              <th scope="col">What it does</th>
              <th scope="col">Scope</th>
            </tr>
          </thead>
          <tbody>
            {tools.map((t) => (
              <tr key={t.name}>
                <td>
                  <Link href={`/docs/tools#${t.name}`}>
                    <code>{t.name}</code>
                  </Link>
                </td>
                <td>{t.title}</td>
                <td>
                  <span className={`badge scope-${t.scopeNeed}`}>{t.scope}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>

        <h3 id="resources">Resources</h3>
        <ul>
          {resources.map((r) => (
            <li key={r.name}>
              <code>{r.uri}</code>
              {r.title ? ` – ${r.title}` : ""}
              {r.description ? `: ${r.description}` : ""}
              {r.mimeType ? (
                <>
                  {" "}
                  (<code>{r.mimeType}</code>)
                </>
              ) : null}
            </li>
          ))}
        </ul>
        <p className="muted">
          The viewer resource is an MCP Apps widget: clients that support it (ChatGPT among them) show the model in 3D inside the
          conversation. Everywhere else, tool results carry a link to the web viewer.
        </p>

        <h3 id="prompts">Prompts</h3>
        <ul>
          {prompts.map((p) => (
            <li key={p.name}>
              <code>{p.name}</code>
              {p.title ? ` – ${p.title}` : ""}
              {p.description ? `: ${p.description}` : ""}
              {p.arguments.length ? (
                <>
                  {" "}
                  Arguments:{" "}
                  {p.arguments.map((a, i) => (
                    <span key={a}>
                      {i ? ", " : ""}
                      <code>{a}</code>
                    </span>
                  ))}
                  .
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="quick-check" title="Quick check from a terminal">
        <p>Both of these work without an account and show the server is up and configured:</p>
        <Code label="Shell">{`curl -i ${c.mcpUrl}                 # 405, Allow: POST (expected)
curl -s ${c.protectedResourceMetadataUrl}`}</Code>
        <p>
          To list the tools with a token, use the <Link href="/docs/mcp/clients">MCP Inspector</Link>. When something fails, see{" "}
          <Link href="/docs/mcp/troubleshooting">Troubleshooting</Link>.
        </p>
      </Section>
    </article>
  );
}
