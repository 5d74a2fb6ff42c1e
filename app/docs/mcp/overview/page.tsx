import type { Metadata } from "next";
import { Overview, OVERVIEW_PAGE } from "@/components/docs/pages/overview";
import { docsConfig } from "@/lib/docs/config";
import { MAX_BODY_MIB } from "@/lib/docs/facts";
import { protocolVersions, serverSurface } from "@/lib/docs/surface";
import { toolDocs } from "@/lib/docs/tools";

// GET /docs/mcp/overview – endpoints from the configuration, tools/prompts/resources from the registries.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: OVERVIEW_PAGE.title, description: OVERVIEW_PAGE.summary };

export default function Page() {
  const { prompts, resources } = serverSurface();
  return (
    <Overview c={docsConfig()} tools={toolDocs()} prompts={prompts} resources={resources} protocol={protocolVersions()} maxBodyMib={MAX_BODY_MIB} />
  );
}
