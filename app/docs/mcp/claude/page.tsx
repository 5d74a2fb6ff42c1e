import type { Metadata } from "next";
import { ClaudeGuide, CLAUDE_PAGE } from "@/components/docs/pages/claude";
import { docsConfig } from "@/lib/docs/config";

// GET /docs/mcp/claude – the connector URL comes from the running configuration.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: CLAUDE_PAGE.title, description: CLAUDE_PAGE.summary };

export default function Page() {
  return <ClaudeGuide c={docsConfig()} />;
}
