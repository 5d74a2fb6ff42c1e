// Next.js proxy (before routing), only for the requests the matcher below selects:
//   - server-action POSTs (Next-Action header): one called from a foreign Origin is CSRF. Next.js
//     refuses it too, but by throwing, which answers 500; this answers 403 with a reason first.
//     Same-origin means the request's own host (Host, or X-Forwarded-Host from a trusted proxy) or
//     one of this deployment's origins;
//   - pages and routes that take a model id or share token from the URL: a control character
//     there (%00, %0A…) is refused with 400 at the edge, as in every other input (a NUL in a
//     query parameter is an error in PostgreSQL, which would surface as a 500).
import { NextResponse, type NextRequest } from "next/server";
import { ownOrigins } from "@/lib/env";
import { requestHost } from "@/lib/http/client-address";
import { CONTROL_CHARACTER } from "@/lib/structural/text";

function refuse(status: number, message: string): NextResponse {
  return new NextResponse(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

function foreignOrigin(request: NextRequest): string | null {
  const origin = request.headers.get("origin");
  if (!origin) return null;
  let host: string | null = null;
  try {
    host = origin === "null" ? null : new URL(origin).host.toLowerCase();
  } catch {
    host = null;
  }
  const ours = host !== null && (host === requestHost(request.headers) || ownOrigins().some((o) => new URL(o).host === host));
  return ours ? null : origin;
}

function hasControlCharacter(url: URL): boolean {
  for (const part of [url.pathname, ...url.searchParams.keys(), ...url.searchParams.values()]) {
    let text = part;
    try {
      text = decodeURIComponent(part);
    } catch {
      /* malformed escapes: the raw text is checked */
    }
    if (CONTROL_CHARACTER.test(text)) return true;
  }
  return false;
}

export function proxy(request: NextRequest) {
  if (request.headers.has("next-action")) {
    const origin = foreignOrigin(request);
    if (origin) return refuse(403, `Forbidden: server actions only accept requests from this site, not from origin ${origin.slice(0, 200)}.`);
  }
  if (hasControlCharacter(request.nextUrl)) return refuse(400, "Bad request: the URL contains a control character (such as %00 or %0A). Remove it.");
  return NextResponse.next();
}

export const config = {
  matcher: [{ source: "/:path*", has: [{ type: "header", key: "next-action" }] }, "/models/:path*", "/api/models/:path*", "/s/:path*"],
};
