import type { Metadata } from "next";
import { ToolsReference, TOOLS_PAGE } from "@/components/docs/pages/tools";
import { toolDocs } from "@/lib/docs/tools";
import { SCOPES } from "@/lib/oauth/scopes";

// GET /docs/tools – generated from the tool registry (lib/mcp/tools.ts) at render time.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: TOOLS_PAGE.title, description: TOOLS_PAGE.summary };

export default function Page() {
  return <ToolsReference tools={toolDocs()} scopes={SCOPES} />;
}
