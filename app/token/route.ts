// POST /token – alias of /oauth/token, served in-process (method, body and query preserved).
import { handleOidc } from "@/lib/oauth/bridge";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const handler = (req: Request) => handleOidc(req, { path: "/oauth/token" });
export { handler as POST, handler as OPTIONS, handler as GET };
