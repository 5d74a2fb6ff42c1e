// POST /register – alias of /oauth/register (RFC 7591), served in-process.
import { handleOidc, registrationPreflight } from "@/lib/oauth/bridge";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const handler = (req: Request) => handleOidc(req, { path: "/oauth/register" });
export { handler as POST, handler as GET };
export const OPTIONS = () => registrationPreflight();
