import type { Metadata } from "next";
import { Authentication, AUTHENTICATION_PAGE } from "@/components/docs/pages/authentication";
import { docsConfig } from "@/lib/docs/config";
import { liveErrors } from "@/lib/docs/live-errors";
import { toolDocs } from "@/lib/docs/tools";

// GET /docs/mcp/authentication – the OAuth flow with this deployment's endpoints and the real 401.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: AUTHENTICATION_PAGE.title, description: AUTHENTICATION_PAGE.summary };

export default async function Page() {
  const errors = await liveErrors();
  return <Authentication c={docsConfig()} tools={toolDocs()} unauthenticated={errors.unauthenticated} />;
}
