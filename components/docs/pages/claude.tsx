import Link from "next/link";
import type { DocsConfig } from "@/lib/docs/config";
import { CLAUDE_REDIRECTS } from "@/lib/docs/facts";
import { docsPage } from "@/lib/docs/nav";
import { Callout, Code, PageHeader, Section, Value } from "../blocks";

export const CLAUDE_PAGE = docsPage("/docs/mcp/claude");

/** /docs/mcp/claude: Spectral as a custom connector in Claude, and in Claude Code. */
export function ClaudeGuide({ c }: { c: DocsConfig }) {
  return (
    <article>
      <PageHeader title={CLAUDE_PAGE.title}>
        <p>
          Claude can use Spectral as a custom connector: you give it the MCP server URL, sign in to Spectral once, and Claude can then
          list, create and edit your structural models in any conversation where the connector is on.
        </p>
      </PageHeader>

      <Section id="requirements" title="What you need">
        <ul>
          <li>A Claude plan and organisation settings that allow custom connectors (an owner may have to enable them).</li>
          <li>A Spectral account.</li>
          <li>
            The MCP server URL: <Value c={c} k="mcp-url" testId="value-mcp-url" />.
          </li>
        </ul>
        {c.mcpIsLocal ? (
          <Callout kind="warn" title="This deployment is local.">
            Claude.ai and Claude Desktop reach connectors from Anthropic&apos;s cloud, over HTTPS on port 443, so they cannot reach{" "}
            <Value c={c} k="mcp-url" />. Use a deployment with a public HTTPS URL, or use <a href="#claude-code">Claude Code</a>, which
            runs on your machine.
          </Callout>
        ) : null}
      </Section>

      <Section id="connector" title="Add the connector (claude.ai and Claude Desktop)">
        <ol className="docs-steps">
          <li>
            Open <strong>Settings → Connectors</strong> and choose <strong>Add custom connector</strong>.
          </li>
          <li>
            Name it <code>Spectral</code> and paste the remote MCP server URL: <Value c={c} k="mcp-url" />.
          </li>
          <li>
            Leave the advanced OAuth fields (client ID and secret) empty. Spectral supports dynamic client registration, so Claude
            registers itself.
          </li>
          <li>
            Select <strong>Add</strong>, then <strong>Connect</strong>. A Spectral window opens: sign in, check that the consent page
            names Claude and sends you back to <code>claude.ai</code>, and approve the scopes <Value c={c} k="scopes" />.
          </li>
          <li>
            In a conversation, turn Spectral on from the tools menu and ask, for example, &quot;List my Spectral models&quot;.
          </li>
        </ol>
      </Section>

      <Section id="oauth" title="How Claude signs in">
        <p>Claude discovers everything from the MCP URL; none of this needs typing, but it helps when something fails.</p>
        <table className="data">
          <tbody>
            <tr>
              <td>Resource metadata</td>
              <td>
                <Value c={c} k="prm-url" />
              </td>
            </tr>
            <tr>
              <td>Issuer</td>
              <td>
                <Value c={c} k="issuer" />
              </td>
            </tr>
            <tr>
              <td>Client registration</td>
              <td>
                <Value c={c} k="registration-endpoint" />
              </td>
            </tr>
            <tr>
              <td>Claude&apos;s callback</td>
              <td>
                {CLAUDE_REDIRECTS.map((u, i) => (
                  <span key={u}>
                    {i ? " or " : ""}
                    <code data-testid={i ? undefined : "value-claude-callback"}>{u}</code>
                  </span>
                ))}
              </td>
            </tr>
          </tbody>
        </table>
        <p>
          Claude registers its callback when it registers the client, and Spectral sends the authorization code only to that exact
          URL. Claude refreshes the access token on its own; if Spectral ever reports the client as unknown (for example after you
          revoked it), Claude registers again and asks you to sign in. See <Link href="/docs/mcp/authentication">Authentication</Link>{" "}
          for the full flow.
        </p>
      </Section>

      <Section id="claude-code" title="Claude Code">
        <p>Add the server over HTTP, then authenticate from inside Claude Code:</p>
        <Code label="Shell" testId="claude-code-command">{`claude mcp add --transport http spectral ${c.mcpUrl}`}</Code>
        <p>
          Start Claude Code, run <code>/mcp</code>, pick <code>spectral</code> and choose to authenticate. Your browser opens the
          Spectral sign-in; the callback goes to a local address on your machine, which Spectral accepts for loopback clients.
        </p>
      </Section>

      <Section id="permissions" title="Permissions and confirmations">
        <p>
          Claude asks before it uses a tool, and you can allow a tool once or always. Tools that only read are marked read-only; tools
          that create or change models are not, so keep an eye on those approvals. Every tool and its hints are in the{" "}
          <Link href="/docs/tools">tool reference</Link>. To disconnect, remove the connector in Claude and revoke Claude on{" "}
          <Link href="/settings/connections">Connected apps</Link>.
        </p>
      </Section>

      <Section id="troubleshooting" title="If it does not work">
        <ul>
          <li>
            <strong>&quot;Authorization failed&quot; after signing in:</strong> the connector URL must be exactly{" "}
            <Value c={c} k="mcp-url" />; tokens are issued for that resource only.
          </li>
          <li>
            <strong>Nothing happens on Connect:</strong> allow pop-ups for claude.ai and retry.
          </li>
          <li>
            More errors and what they mean: <Link href="/docs/mcp/troubleshooting">Troubleshooting</Link>.
          </li>
        </ul>
      </Section>
    </article>
  );
}
