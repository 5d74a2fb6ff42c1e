// GET /.well-known/oauth-protected-resource/mcp – RFC 9728 metadata of the MCP resource (/mcp),
// named by the WWW-Authenticate challenge of /mcp.
import { metadataPreflight, protectedResourceResponse } from "@/lib/oauth/metadata";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = () => protectedResourceResponse();
export const OPTIONS = () => metadataPreflight();
