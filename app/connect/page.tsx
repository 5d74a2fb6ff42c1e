import type { Metadata } from "next";
import Link from "next/link";
import { docsConfig } from "@/lib/docs/config";
import { ConnectAssistant } from "@/components/web/connect-assistant";

export const metadata: Metadata = { title: "Connect your assistant" };
export const dynamic = "force-dynamic";

// GET /connect – where a new account lands: how to connect ChatGPT, Claude or another MCP client.
export default function ConnectPage() {
  const c = docsConfig();
  return (
    <main className="container narrow-wide">
      <ConnectAssistant mcpUrl={c.mcpUrl} mcpIsLocal={c.mcpIsLocal} />
      <p className="actions">
        <Link className="btn" href="/models">
          Go to My models
        </Link>
      </p>
    </main>
  );
}
