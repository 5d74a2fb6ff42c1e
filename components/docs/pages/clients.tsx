import Link from "next/link";
import type { DocsConfig } from "@/lib/docs/config";
import { INSPECTOR_REDIRECTS } from "@/lib/docs/facts";
import { docsPage } from "@/lib/docs/nav";
import type { ToolDoc } from "@/lib/docs/tools";
import { Callout, Code, PageHeader, Section, Value } from "../blocks";

export const CLIENTS_PAGE = docsPage("/docs/mcp/clients");

const INSPECTOR = "npx @modelcontextprotocol/inspector";

/** The Inspector command lines shown on the page (also used by tests). */
export function inspectorCommands(mcpUrl: string, tools: ToolDoc[]): { id: string; label: string; command: string }[] {
  const auth = `--header "Authorization: Bearer $TOKEN"`;
  const base = `${INSPECTOR} --cli ${mcpUrl} --transport http ${auth}`;
  const out = [{ id: "inspector-tools-list", label: "List the tools", command: `${base} --method tools/list` }];
  const read = tools.find((t) => t.name === "list_models") ?? tools.find((t) => t.scopeNeed === "read" && !t.arguments.some((a) => a.required));
  if (read) {
    const limit = read.arguments.find((a) => a.name === "limit");
    out.push({
      id: "inspector-tools-call",
      label: `Call ${read.name}`,
      command: `${base} --method tools/call --tool-name ${read.name}${limit ? " --tool-arg limit=5" : ""}`,
    });
  }
  const create = tools.find((t) => t.name === "create_model");
  if (create && create.arguments.some((a) => a.name === "name")) {
    out.push({
      id: "inspector-tools-call-write",
      label: `Call ${create.name} (a write: needs ${create.scope})`,
      command: `${base} --method tools/call --tool-name ${create.name} --tool-arg "name=Inspector smoke test"`,
    });
  }
  out.push({ id: "inspector-modern", label: "The same on the current protocol revision", command: `${base} --protocol-era modern --method tools/list` });
  return out;
}

/** /docs/mcp/clients: any MCP client, and the MCP Inspector CLI. */
export function ClientsGuide({ c, tools }: { c: DocsConfig; tools: ToolDoc[] }) {
  const commands = inspectorCommands(c.mcpUrl, tools);
  return (
    <article>
      <PageHeader title={CLIENTS_PAGE.title}>
        <p>
          Spectral follows the MCP specification, so any client with remote-server and OAuth support can connect: give it{" "}
          <Value c={c} k="mcp-url" testId="value-mcp-url" /> and let it run the sign-in. This page lists what such a client has to do
          and shows how to exercise the server from a terminal with the MCP Inspector.
        </p>
      </PageHeader>

      <Section id="requirements" title="What a client needs">
        <table className="data">
          <tbody>
            <tr>
              <td>Server URL</td>
              <td>
                <Value c={c} k="mcp-url" />
              </td>
            </tr>
            <tr>
              <td>Transport</td>
              <td>
                Streamable HTTP: one <code>POST</code> per message, <code>Content-Type: application/json</code>,{" "}
                <code>Accept: application/json, text/event-stream</code>. No <code>GET</code> stream and no session id.
              </td>
            </tr>
            <tr>
              <td>Protocol</td>
              <td>
                The current revision (<code>server/discover</code>, no handshake) or the earlier ones that start with{" "}
                <code>initialize</code>; both are served.
              </td>
            </tr>
            <tr>
              <td>Authorization</td>
              <td>
                OAuth 2.1 as in the MCP authorization spec: discover from the <code>401</code> challenge or from{" "}
                <Value c={c} k="prm-url" />, then from <Value c={c} k="as-metadata-url" />. Authorization code with PKCE{" "}
                <code>S256</code>; send <code>resource=</code>
                <Value c={c} k="resource" /> on the authorization and token requests.
              </td>
            </tr>
            <tr>
              <td>Client identity</td>
              <td>
                A client ID metadata document (an HTTPS <code>client_id</code> URL), or dynamic registration at{" "}
                <Value c={c} k="registration-endpoint" />. Public clients (<code>token_endpoint_auth_method: none</code>); redirect URIs
                on HTTPS or on a loopback address.
              </td>
            </tr>
            <tr>
              <td>Scopes</td>
              <td>
                <Value c={c} k="scopes" /> (write includes read). Asking for none grants both after consent.
              </td>
            </tr>
            <tr>
              <td>Tokens</td>
              <td>
                <code>Authorization: Bearer</code> header on every request; refresh tokens rotate, so always store the newest one.
              </td>
            </tr>
          </tbody>
        </table>
        <p>
          Results carry <code>structuredContent</code> that matches each tool&apos;s output schema, plus a text summary and a viewer
          link. Clients that support MCP Apps can also render the 3D viewer widget. All the details:{" "}
          <Link href="/docs/mcp/overview">overview</Link>, <Link href="/docs/mcp/authentication">authentication</Link> and the{" "}
          <Link href="/docs/tools">tool reference</Link>.
        </p>
      </Section>

      <Section id="inspector" title="Test with the MCP Inspector CLI">
        <p>
          The MCP Inspector (Node.js 22 or newer) can run the whole OAuth flow for you. Without a token, run any command below without
          the <code>--header</code> option: the Inspector registers itself, opens the Spectral sign-in in your browser and receives the
          result on <code>{INSPECTOR_REDIRECTS[0]}</code>. With a token you already have, put it in <code>$TOKEN</code>:
        </p>
        {commands.map((cmd) => (
          <Code key={cmd.id} label={cmd.label} testId={cmd.id}>
            {cmd.command}
          </Code>
        ))}
        <p>
          Write tools need a token with <Value c={c} k="write-scope" />; with only <Value c={c} k="read-scope" /> you get an{" "}
          <Link href="/docs/mcp/troubleshooting#insufficient-scope">insufficient_scope</Link> answer. Add{" "}
          <code>--format json</code> for machine-readable output.
        </p>
        <Callout kind="warn" title="Treat $TOKEN like a password.">
          Anyone holding it can act as you until it expires. Do not paste it into chats, issues or shared shell history.
        </Callout>
      </Section>

      <Section id="curl" title="Check the endpoints with curl">
        <Code label="Shell">{`# The MCP endpoint only takes POST: a GET answers 405 with "Allow: POST".
curl -i ${c.mcpUrl}

# Without a token, a POST answers 401 and names the metadata document.
curl -i -X POST ${c.mcpUrl} -H 'Content-Type: application/json' \\
  -H 'Accept: application/json, text/event-stream' -d '{}'

# The two metadata documents a client reads to sign in.
curl -s ${c.protectedResourceMetadataUrl}
curl -s ${c.authorizationServerMetadataUrl}`}</Code>
        <p>
          Unexpected answers are explained in <Link href="/docs/mcp/troubleshooting">Troubleshooting</Link>.
        </p>
      </Section>
    </article>
  );
}
