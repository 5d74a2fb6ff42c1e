/**
 * The error responses the troubleshooting and authentication pages quote, produced by the MCP
 * endpoint's own code (lib/mcp/http.ts) at render time. Each example request is refused before any
 * token lookup or database access, so rendering them is cheap and side-effect free, and the pages
 * always show the exact status, headers and messages clients receive.
 */
import { authenticate, checkOrigin, handleMcpPost, methodNotAllowed, MAX_BODY_BYTES } from "@/lib/mcp/http";
import { resourceMetadataUrl } from "@/lib/oauth/resource-url";
import { env } from "@/lib/env";
import { SCOPES } from "@/lib/oauth/scopes";

export interface HttpExample {
  request: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

const SHOWN_HEADERS = ["www-authenticate", "allow", "content-type"];
const HEADER_NAMES: Record<string, string> = { "www-authenticate": "WWW-Authenticate", allow: "Allow", "content-type": "Content-Type" };

async function describe(request: string, res: Response): Promise<HttpExample> {
  const headers: Record<string, string> = {};
  for (const name of SHOWN_HEADERS) {
    const v = res.headers.get(name);
    if (v) headers[name] = v;
  }
  let body = await res.text();
  try {
    body = JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    /* not JSON: shown as is */
  }
  return { request, status: res.status, headers, body };
}

/** Formats an example as an HTTP exchange for a <pre> block. */
export function formatExchange(x: HttpExample): string {
  const head = Object.entries(x.headers).map(([k, v]) => `${HEADER_NAMES[k] ?? k}: ${v}`);
  return [`${x.request}`, "", `HTTP/1.1 ${x.status}`, ...head, "", x.body].join("\n");
}

export interface LiveErrors {
  unauthenticated: HttpExample;
  invalidToken: HttpExample;
  queryToken: HttpExample;
  getMethod: HttpExample;
  badOrigin: HttpExample;
  badHost: HttpExample;
  tooLarge: HttpExample;
  /** The challenge a write tool sends when the token lacks the write scope (HTTP 403 or, for ChatGPT, inside the result). */
  insufficientScopeChallenge: string;
  insufficientScopeToolResult: string;
}

export async function liveErrors(): Promise<LiveErrors> {
  const mcpUrl = env().mcpUrl;
  const path = new URL(mcpUrl).pathname;
  const post = (init: RequestInit = {}, url = mcpUrl) => new Request(url, { method: "POST", ...init });

  const unauthenticated = await describe(`POST ${path}   (no Authorization header)`, (await authenticate(post())) as Response);
  // A token that cannot be well-formed (a space inside) is refused by the syntax check, before any lookup.
  const invalidToken = await describe(
    `POST ${path}\nAuthorization: Bearer <expired, revoked or unknown token>`,
    (await authenticate(post({ headers: { authorization: "Bearer not a token" } }))) as Response,
  );
  const queryToken = await describe(`POST ${path}?access_token=…`, (await authenticate(post({}, `${mcpUrl}?access_token=redacted`))) as Response);
  const getMethod = await describe(`GET ${path}`, methodNotAllowed());
  const badOrigin = await describe(
    `POST ${path}\nOrigin: https://evil.example`,
    checkOrigin(post({ headers: { origin: "https://evil.example" } })) ?? new Response(null, { status: 200 }),
  );
  const badHost = await describe(
    `POST ${path}\nHost: evil.example`,
    checkOrigin(post({ headers: { host: "evil.example" } })) ?? new Response(null, { status: 200 }),
  );
  const tooLarge = await describe(
    `POST ${path}\nContent-Length: ${MAX_BODY_BYTES + 1}`,
    await handleMcpPost(post({ headers: { "content-length": String(MAX_BODY_BYTES + 1) }, body: "{}" }), {
      // Never reached: the size check answers first. Guarantees no token lookup happens here.
      authenticate: async () => new Response(null, { status: 500 }),
    }),
  );

  const challenge = `Bearer error="insufficient_scope", scope="${SCOPES.write}", resource_metadata="${resourceMetadataUrl()}", error_description="…"`;
  const toolResult = JSON.stringify(
    {
      isError: true,
      content: [{ type: "text", text: `<tool title> needs the "${SCOPES.write}" permission, which this connection was not granted. …` }],
      structuredContent: { error: { code: "insufficient_scope", scope: SCOPES.write } },
      _meta: { "mcp/www_authenticate": [challenge] },
    },
    null,
    2,
  );
  return { unauthenticated, invalidToken, queryToken, getMethod, badOrigin, badHost, tooLarge, insufficientScopeChallenge: challenge, insufficientScopeToolResult: toolResult };
}
