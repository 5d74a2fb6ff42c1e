// Next.js proxy (before routing), for server-action POSTs only (the matcher below): a server
// action called from a foreign Origin is CSRF. Next.js refuses it too, but by throwing, which
// answers 500; this answers 403 with a reason first. Same-origin means the request's own host
// (Host, or X-Forwarded-Host from a trusted proxy) or one of this deployment's origins.
import { NextResponse, type NextRequest } from "next/server";
import { ownOrigins } from "@/lib/env";
import { requestHost } from "@/lib/http/client-address";

export function proxy(request: NextRequest) {
  const origin = request.headers.get("origin");
  if (!origin) return NextResponse.next();
  let host: string | null = null;
  try {
    host = origin === "null" ? null : new URL(origin).host.toLowerCase();
  } catch {
    host = null;
  }
  const ours = host !== null && (host === requestHost(request.headers) || ownOrigins().some((o) => new URL(o).host === host));
  if (ours) return NextResponse.next();
  return new NextResponse(`Forbidden: server actions only accept requests from this site, not from origin ${origin.slice(0, 200)}.`, {
    status: 403,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

export const config = {
  matcher: [{ source: "/:path*", has: [{ type: "header", key: "next-action" }] }],
};
