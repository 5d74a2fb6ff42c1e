// GET/POST /authorize – alias of /oauth/authorize, served in-process (some MCP clients build
// {issuer}/authorize instead of reading authorization_endpoint; see shared notes on Claude).
import { handleOidc } from "@/lib/oauth/bridge";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const handler = (req: Request) => handleOidc(req, { path: "/oauth/authorize" });
export { handler as GET, handler as POST };
