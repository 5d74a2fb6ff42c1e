// POST /mcp – the remote MCP server (Streamable HTTP, both protocol eras); see lib/mcp/http.ts.
// GET and DELETE /mcp – 405, before any auth check: there is no GET stream.
import { handleMcpPost, methodNotAllowed } from "@/lib/mcp/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const maxDuration = 120;

export const POST = (req: Request) => handleMcpPost(req);
export const GET = () => methodNotAllowed();
export const DELETE = () => methodNotAllowed();
