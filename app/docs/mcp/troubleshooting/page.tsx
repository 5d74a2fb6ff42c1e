import type { Metadata } from "next";
import { Troubleshooting, TROUBLESHOOTING_PAGE } from "@/components/docs/pages/troubleshooting";
import { docsConfig } from "@/lib/docs/config";
import { MAX_BODY_MIB } from "@/lib/docs/facts";
import { liveErrors } from "@/lib/docs/live-errors";
import { toolDocs } from "@/lib/docs/tools";

// GET /docs/mcp/troubleshooting – the error responses are produced by lib/mcp/http.ts at render time.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: TROUBLESHOOTING_PAGE.title, description: TROUBLESHOOTING_PAGE.summary };

export default async function Page() {
  return <Troubleshooting c={docsConfig()} e={await liveErrors()} tools={toolDocs()} maxBodyMib={MAX_BODY_MIB} />;
}
