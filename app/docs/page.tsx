import type { Metadata } from "next";
import { DocsHome } from "@/components/docs/pages/index";
import { docsConfig } from "@/lib/docs/config";
import { DOCS_INDEX } from "@/lib/docs/nav";

// GET /docs – the documentation's table of contents.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: DOCS_INDEX.title, description: DOCS_INDEX.summary };

export default function Page() {
  return <DocsHome c={docsConfig()} />;
}
