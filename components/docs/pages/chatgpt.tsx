import Link from "next/link";
import { chatGptConnector, oauthMetadataRows, type DocsConfig } from "@/lib/docs/config";
import { docsPage } from "@/lib/docs/nav";
import type { ToolDefinition } from "@/lib/mcp/define-tool";
import { Callout, Code, PageHeader, Section, Value } from "../blocks";

export const CHATGPT_PAGE = docsPage("/docs/mcp/chatgpt");

export const SMOKE_TEST_PROMPT = "Use Spectral to create an empty model named ChatGPT MCP Smoke Test.";

const EXAMPLE_PROMPTS: { workflow: string; prompt: string }[] = [
  { workflow: "Start a draft model", prompt: 'Create a new Spectral model named "Concept Grid A" and give me the viewer link.' },
  { workflow: "Add elements", prompt: "Add a small three-bay frame to my test model. Ask me before you run any write tool." },
  {
    workflow: "Create from JSON",
    prompt: "Create a Spectral model from this nodes-and-frames JSON payload, and show me the planned arguments before you call the tool.",
  },
  { workflow: "Review a model", prompt: "List my Spectral models, open the newest one and tell me if the checks report any problems." },
];

function ToolList({ tools }: { tools: ToolDefinition[] }) {
  return (
    <ul>
      {tools.map((t) => (
        <li key={t.name}>
          <Link href={`/docs/tools#${t.name}`}>
            <code>{t.name}</code>
          </Link>{" "}
          – {t.title}
        </li>
      ))}
    </ul>
  );
}

/** /docs/mcp/chatgpt: connecting ChatGPT (Developer Mode) to this deployment's MCP server. */
export function ChatGptGuide({ c, tools }: { c: DocsConfig; tools: { read: ToolDefinition[]; write: ToolDefinition[] } }) {
  const connector = JSON.stringify(chatGptConnector(c), null, 2);
  return (
    <article>
      <PageHeader title={CHATGPT_PAGE.title}>
        <p>
          Link ChatGPT to Spectral&apos;s MCP server, then create structural models and add elements to them from a chat. ChatGPT
          signs in with OAuth (authorization code with PKCE): you approve the connection on a Spectral page, and ChatGPT never sees
          your password.
        </p>
      </PageHeader>
      <Callout kind="warn" title="Keep secrets out of the chat.">
        Never paste passwords, access tokens or deployment secrets into ChatGPT. The connection below needs none of them.
      </Callout>

      <Section id="requirements" title="What you need">
        <ul>
          <li>ChatGPT with Developer Mode available to you (it depends on your plan and workspace settings).</li>
          <li>
            A Spectral account that can sign in to the authorization server at <Value c={c} k="issuer" />.
          </li>
          <li>
            ChatGPT must be able to reach <Value c={c} k="mcp-url" /> over the network.
          </li>
          <li>
            Permission to grant both Spectral scopes: <Value c={c} k="read-scope" /> and <Value c={c} k="write-scope" />.
          </li>
        </ul>
        <p>
          The server speaks MCP over Streamable HTTP and is already hosted, so there is nothing to install or run on your computer.
        </p>
        {c.mcpIsLocal ? (
          <Callout kind="warn" title="This deployment is local.">
            Its MCP URL (<Value c={c} k="mcp-url" />) is not a public HTTPS address, and ChatGPT connects from OpenAI&apos;s servers, not
            from your browser. Use a deployment with a public HTTPS URL to connect ChatGPT; local URLs work with the{" "}
            <Link href="/docs/mcp/clients">MCP Inspector and other local clients</Link>.
          </Callout>
        ) : null}
      </Section>

      <Section id="setup" title="Set up the connection">
        <h3 id="step-1">Step 1: Turn on Developer Mode</h3>
        <ol>
          <li>Open ChatGPT and go to <strong>Settings</strong>.</li>
          <li>Choose <strong>Apps</strong>, then <strong>Advanced settings</strong>.</li>
          <li>Switch <strong>Developer Mode</strong> on.</li>
        </ol>
        <Callout kind="note">
          Developer Mode lets ChatGPT run tools that modify data. Switch it on only where you are prepared to check every tool call
          before you approve it.
        </Callout>

        <h3 id="step-2">Step 2: Add Spectral as an MCP server</h3>
        <p>Create a custom app (MCP connector) in Developer Mode and fill it in with these values:</p>
        <Code testId="connector-json" label="Connector">
          {connector}
        </Code>
        <p>If the form asks for the OAuth details, they are:</p>
        <table className="data" data-testid="oauth-metadata">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {oauthMetadataRows(c).map((r) => (
              <tr key={r.testId}>
                <td>{r.field}</td>
                <td>
                  <Value c={c} k={r.config} testId={r.testId} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">
          ChatGPT normally discovers all of this by itself from <Value c={c} k="prm-url" /> and{" "}
          <Value c={c} k="as-metadata-url" />, and registers itself as an OAuth client; you only type the MCP server URL.
        </p>

        <h3 id="step-3">Step 3: Sign in and approve</h3>
        <p>ChatGPT opens Spectral&apos;s authorization page in a new window.</p>
        <ol>
          <li>Sign in with your Spectral account.</li>
          <li>Read the consent screen: it names the app asking for access, where it will send you back, and the scopes it wants.</li>
          <li>
            Approve only when the resource is <Value c={c} k="resource" /> and the scopes are the ones listed above.
          </li>
          <li>Back in ChatGPT, turn the Spectral app on for your conversation.</li>
        </ol>

        <h3 id="step-4">Step 4: Try it</h3>
        <p>Send a small prompt that creates a model:</p>
        <Code testId="smoke-test-prompt" label="Prompt">
          {SMOKE_TEST_PROMPT}
        </Code>
        <p>
          ChatGPT shows the tool call it wants to make. Check it before you approve it: write tools create or change models in your
          Spectral account. The answer includes a link that opens the new model in Spectral&apos;s 3D viewer.
        </p>
      </Section>

      <Section id="access" title="What ChatGPT can do">
        <p>
          With <Value c={c} k="read-scope" /> ChatGPT can look at the models you can open:
        </p>
        <ToolList tools={tools.read} />
        <p>
          With <Value c={c} k="write-scope" /> it can also change them, always as you and only in models you may edit:
        </p>
        <ToolList tools={tools.write} />
        <p>
          Results carry a viewer link and, in ChatGPT, an interactive 3D view of the model. The{" "}
          <Link href="/docs/tools">tool reference</Link> has every argument and result field.
        </p>
      </Section>

      <Section id="prompts" title="Example prompts">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">To…</th>
              <th scope="col">Try</th>
            </tr>
          </thead>
          <tbody>
            {EXAMPLE_PROMPTS.map((p) => (
              <tr key={p.workflow}>
                <td>{p.workflow}</td>
                <td>{p.prompt}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          For JSON payloads, see the <Link href="/docs/import-format">import format</Link>.
        </p>
      </Section>

      <Section id="privacy" title="Privacy and your data">
        <ul>
          <li>ChatGPT gets only what the Spectral tools it calls return, and only the tools you let it call.</li>
          <li>
            The access ChatGPT holds is limited to one resource (<Value c={c} k="resource" />) and the scopes you approved, and it
            expires quickly; ChatGPT renews it in the background until you disconnect.
          </li>
          <li>Model names, element data, viewer data and your prompts appear in the conversation, like anything else in a chat.</li>
          <li>Write tools change your models, so review each proposed call before you approve it.</li>
        </ul>
      </Section>

      <Section id="disconnect" title="Disconnect Spectral">
        <p>
          In ChatGPT, open Settings and remove or turn off the Spectral app. To cut ChatGPT off from Spectral&apos;s side as well,
          revoke it on the <Link href="/settings/connections">Connected apps</Link> page: its tokens stop working immediately.
        </p>
      </Section>

      <Section id="troubleshooting" title="Troubleshooting">
        <h3 id="no-developer-mode">Developer Mode is missing</h3>
        <p>Your plan or workspace may not offer it. Ask the workspace owner whether apps and Developer Mode are allowed.</p>

        <h3 id="oauth-fails">The sign-in window does not open, or sign-in fails</h3>
        <p>
          Allow pop-ups for ChatGPT and try again. Check that the server URL is exactly <Value c={c} k="mcp-url" /> and that the issuer
          ChatGPT reports is <Value c={c} k="issuer" />.
        </p>

        <h3 id="no-tools">Connected, but no tools appear</h3>
        <p>
          Refresh the app in Developer Mode. ChatGPT caches tool descriptions, schemas and widget settings; after Spectral changes them
          the draft app has to be reloaded.
        </p>

        <h3 id="confirmation">A write asks for confirmation, or is blocked</h3>
        <p>
          That is intended. Every tool that creates, changes or deletes data is marked as a write tool, so ChatGPT asks you to review it
          before it runs.
        </p>

        <h3 id="get-405">
          <code>GET /mcp</code> answers 405
        </h3>
        <p>
          Also expected: the endpoint takes MCP messages as <code>POST</code> requests only, and has no stream to open with{" "}
          <code>GET</code>.
        </p>

        <h3 id="expired">Access expired</h3>
        <p>Reconnect the Spectral app in ChatGPT and go through the sign-in again.</p>
        <p>
          More cases, with the exact responses, are in <Link href="/docs/mcp/troubleshooting">Troubleshooting</Link>.
        </p>
      </Section>

      <Section id="next" title="Help and next steps">
        <ul>
          <li>
            How the MCP server works: <Link href="/docs/mcp/overview">overview</Link>; shared problems and fixes:{" "}
            <Link href="/docs/mcp/troubleshooting">troubleshooting</Link>.
          </li>
          <li>
            How sign-in, scopes and tokens work: <Link href="/docs/mcp/authentication">authentication</Link>.
          </li>
          <li>
            Still stuck? Contact Spectral support with your ChatGPT workspace type, roughly when you tried to connect, the MCP URL you
            used (<Value c={c} k="mcp-url" />) and the step that failed.
          </li>
        </ul>
      </Section>
    </article>
  );
}
