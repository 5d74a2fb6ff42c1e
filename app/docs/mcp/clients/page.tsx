import type { Metadata } from "next";
import { ClientsGuide, CLIENTS_PAGE } from "@/components/docs/pages/clients";
import { docsConfig } from "@/lib/docs/config";
import { toolDocs } from "@/lib/docs/tools";

// GET /docs/mcp/clients – commands built from the configured MCP URL and the tool registry.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: CLIENTS_PAGE.title, description: CLIENTS_PAGE.summary };

export default function Page() {
  return <ClientsGuide c={docsConfig()} tools={toolDocs()} />;
}
