/**
 * What a POST /mcp body asks the server to run, read from the body itself (never from headers),
 * so that rate limits count what is executed. Decides, in order:
 *   1. the era: 2026-07-28 when the body carries the per-request `_meta` protocol-version claim or
 *      the MCP-Protocol-Version header names 2026-07-28 or later; legacy (`initialize` era) otherwise;
 *   2. JSON-RPC batches (a top-level array):
 *      - 2026-07-28: refused (Streamable HTTP: "the body is a single request or notification");
 *      - legacy, MCP-Protocol-Version 2025-06-18 or later: refused (2025-06-18 removed batching);
 *      - legacy, 2025-03-26 or no version header (the spec says to assume 2025-03-26): accepted,
 *        as that revision defines them; every call in the batch counts;
 *   3. `Mcp-Method` must equal the body's `method` (2026-07-28 transport: HTTP 400 with
 *      -32020 HeaderMismatch; the legacy era does not define the header, but one that disagrees
 *      with the body is refused there too, with -32600);
 *   4. the number of `tools/call` requests.
 * A body that is not JSON is left to the MCP handler (it answers -32700) and counts no call.
 */
export const HEADER_MISMATCH = -32020;
export const INVALID_REQUEST = -32600;
export const MODERN_PROTOCOL_VERSION = "2026-07-28";
const PROTOCOL_VERSION_META = "io.modelcontextprotocol/protocolVersion";
/** The first revision without JSON-RPC batching. */
const NO_BATCH_FROM = "2025-06-18";

export type Envelope =
  | { ok: true; toolCalls: number; era: "modern" | "legacy"; id: string | number | null }
  | { ok: false; status: number; code: number; message: string; id: string | number | null };

type Message = { method?: unknown; id?: unknown; params?: { _meta?: Record<string, unknown> } };

const isMessage = (m: unknown): m is Message => m !== null && typeof m === "object" && !Array.isArray(m);
const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const claimsModern = (m: unknown): boolean => isMessage(m) && isRecord(m.params) && isRecord(m.params._meta) && typeof m.params._meta[PROTOCOL_VERSION_META] === "string";
const idOf = (m: unknown): string | number | null => (isMessage(m) && (typeof m.id === "string" || typeof m.id === "number") ? m.id : null);

/** Reads a POST /mcp body (see the file comment). */
export function inspectEnvelope(body: string, headers: Headers): Envelope {
  let parsed: unknown;
  try {
    parsed = body.length ? JSON.parse(body) : undefined;
  } catch {
    return { ok: true, toolCalls: 0, era: "legacy", id: null };
  }
  const messages = Array.isArray(parsed) ? parsed : [parsed];
  const version = headers.get("mcp-protocol-version")?.trim() ?? "";
  const era = version >= MODERN_PROTOCOL_VERSION || messages.some(claimsModern) ? "modern" : "legacy";
  const id = Array.isArray(parsed) ? null : idOf(parsed);

  if (Array.isArray(parsed) && (era === "modern" || version >= NO_BATCH_FROM)) {
    return {
      ok: false,
      status: 400,
      code: INVALID_REQUEST,
      id,
      message: `JSON-RPC batches are not accepted with protocol version ${era === "modern" ? MODERN_PROTOCOL_VERSION : version} (MCP removed batching in ${NO_BATCH_FROM}): send one message per POST.`,
    };
  }

  const header = headers.get("mcp-method");
  if (header !== null) {
    const method = !Array.isArray(parsed) && isMessage(parsed) ? parsed.method : undefined;
    if (method !== header) {
      return {
        ok: false,
        status: 400,
        code: era === "modern" ? HEADER_MISMATCH : INVALID_REQUEST,
        id,
        message: `The Mcp-Method header ("${header.slice(0, 100)}") does not match the body's method (${typeof method === "string" ? `"${method.slice(0, 100)}"` : Array.isArray(parsed) ? "a batch" : "none"}). Send the body's method in Mcp-Method.`,
      };
    }
  }

  const toolCalls = messages.filter((m) => isMessage(m) && m.method === "tools/call").length;
  return { ok: true, toolCalls, era, id };
}
