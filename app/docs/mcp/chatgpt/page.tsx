import type { Metadata } from "next";
import { ChatGptGuide, CHATGPT_PAGE } from "@/components/docs/pages/chatgpt";
import { docsConfig } from "@/lib/docs/config";
import { toolsByScope } from "@/lib/docs/tools";

// GET /docs/mcp/chatgpt – every URL and scope comes from the running configuration.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: CHATGPT_PAGE.title, description: CHATGPT_PAGE.summary };

export default function Page() {
  return <ChatGptGuide c={docsConfig()} tools={toolsByScope()} />;
}
