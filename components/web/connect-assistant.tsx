import Link from "next/link";
import { CopyButton } from "@/components/docs/copy-button";

export interface ConnectAssistantProps {
  mcpUrl: string;
  /** The deployment is not on a public HTTPS address (ChatGPT cannot reach it). */
  mcpIsLocal: boolean;
  /** Heading level of the block's title. */
  compact?: boolean;
}

/**
 * "Connect your assistant": the MCP server URL with a copy button, the exact ChatGPT steps and a
 * link to the full guides. Shown after sign-up (/connect) and on an empty "My models" page.
 */
export function ConnectAssistant({ mcpUrl, mcpIsLocal, compact }: ConnectAssistantProps) {
  const H = compact ? "h2" : "h1";
  return (
    <section className="card" aria-labelledby="connect-h" data-testid="connect-assistant">
      <H id="connect-h">Connect your assistant</H>
      <p className="muted">Spectral works from ChatGPT, Claude or any MCP client. Give it this MCP server URL:</p>
      <div className="connect-url">
        <code data-testid="mcp-url">{mcpUrl}</code>
        <CopyButton text={mcpUrl} label="Copy URL" />
      </div>
      {mcpIsLocal && (
        <p className="notice">
          This deployment runs on a local address: ChatGPT connects from OpenAI&apos;s servers and cannot reach it. Use a public HTTPS deployment for ChatGPT;
          local clients such as the MCP Inspector work here.
        </p>
      )}
      <h3>ChatGPT, step by step</h3>
      <ol className="connect-steps" data-testid="chatgpt-steps">
        <li>
          In ChatGPT open <strong>Settings → Apps → Advanced settings</strong> and switch <strong>Developer Mode</strong> on.
        </li>
        <li>
          In Developer Mode, add a custom app (MCP connector): name <em>Spectral</em>, <strong>MCP server URL</strong> the URL above, transport
          Streaming HTTP, authentication <strong>OAuth</strong>.
        </li>
        <li>ChatGPT opens a Spectral page: sign in, check the app, where it sends you back and the access it asks for, and approve.</li>
        <li>
          In a chat, turn the Spectral app on and ask: <em>&ldquo;Use Spectral to create a 2-bay, 3-storey steel frame and give me the viewer link.&rdquo;</em>
        </li>
      </ol>
      <p>
        Full guides: <Link href="/docs/mcp/chatgpt">ChatGPT</Link> · <Link href="/docs/mcp/claude">Claude</Link> · <Link href="/docs/mcp/clients">other MCP clients</Link>. You
        can see and revoke connected apps under <Link href="/settings/connections">Connected apps</Link>.
      </p>
    </section>
  );
}
