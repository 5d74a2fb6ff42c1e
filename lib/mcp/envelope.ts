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
 * Bodies over 64 KiB (imports) are not parsed a second time: scanMessages reads their top level
 * (method and id of each message) exactly as JSON.parse would, about 8× faster than a parse, and
 * their era comes from the MCP-Protocol-Version header alone (2026-07-28 requests must send it).
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

/** Bodies above this are scanned (scanMessages) instead of parsed a second time: imports reach 10 MB. */
export const SCAN_ABOVE_BYTES = 64 * 1024;

/** Reads a POST /mcp body (see the file comment). */
export function inspectEnvelope(body: string, headers: Headers): Envelope {
  let parsed: unknown;
  const scanned = body.length > SCAN_ABOVE_BYTES ? scanMessages(body) : null;
  if (scanned) parsed = scanned;
  else {
    try {
      parsed = body.length ? JSON.parse(body) : undefined;
    } catch {
      return { ok: true, toolCalls: 0, era: "legacy", id: null };
    }
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

// ───────────── the top level of a large body, without building it ─────────────

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * The top-level message(s) of a JSON body as `{ method, id }` objects (an array for a batch), read
 * without building the params (an import's 10 MB of nodes): strings are skipped with indexOf and
 * containers by depth. Keys and method strings with escapes are decoded with JSON.parse, and a
 * repeated key keeps its last value, as JSON.parse does, so the result is what the MCP handler will
 * see. null when the text is not JSON this scanner can follow: the caller then parses it.
 */
export function scanMessages(body: string): Message | Message[] | null {
  let i = 0;
  const n = body.length;
  const ws = () => {
    while (i < n && WS.has(body.charCodeAt(i))) i++;
  };
  /** Index just past the string starting at i (body[i] === '"'), or -1. */
  const stringEnd = (from: number): number => {
    let j = from + 1;
    for (;;) {
      const q = body.indexOf('"', j);
      if (q < 0) return -1;
      let backslashes = 0;
      for (let k = q - 1; k > from && body.charCodeAt(k) === 0x5c; k--) backslashes++;
      if (backslashes % 2 === 0) return q + 1;
      j = q + 1;
    }
  };
  const readString = (): string | null => {
    const end = stringEnd(i);
    if (end < 0) return null;
    const raw = body.slice(i, end);
    i = end;
    if (raw.indexOf("\\") < 0) return raw.slice(1, -1);
    try {
      return JSON.parse(raw) as string;
    } catch {
      return null;
    }
  };
  /** Skips any value; false when the text is not one. */
  const skipValue = (): boolean => {
    const c = body.charCodeAt(i);
    if (c === 0x22) {
      const end = stringEnd(i);
      if (end < 0) return false;
      i = end;
      return true;
    }
    if (c === 0x7b || c === 0x5b) {
      let depth = 0;
      while (i < n) {
        const d = body.charCodeAt(i);
        if (d === 0x22) {
          const end = stringEnd(i);
          if (end < 0) return false;
          i = end;
          continue;
        }
        if (d === 0x7b || d === 0x5b) depth++;
        else if (d === 0x7d || d === 0x5d) {
          depth--;
          if (depth === 0) {
            i++;
            return true;
          }
        }
        i++;
      }
      return false;
    }
    const start = i;
    while (i < n) {
      const d = body.charCodeAt(i);
      if (d === 0x2c || d === 0x7d || d === 0x5d || WS.has(d)) break;
      i++;
    }
    return i > start;
  };
  const readObject = (): Message | null => {
    const out: Message = {};
    i++; // {
    ws();
    if (body.charCodeAt(i) === 0x7d) {
      i++;
      return out;
    }
    for (;;) {
      ws();
      if (body.charCodeAt(i) !== 0x22) return null;
      const key = readString();
      if (key === null) return null;
      ws();
      if (body.charCodeAt(i) !== 0x3a) return null;
      i++;
      ws();
      const start = i;
      if (key === "method" && body.charCodeAt(i) === 0x22) {
        const v = readString();
        if (v === null) return null;
        out.method = v;
      } else {
        if (!skipValue()) return null;
        if (key === "method") out.method = undefined;
        if (key === "id") {
          const raw = body.slice(start, i);
          if (raw.length > 1024) out.id = undefined;
          else {
            try {
              out.id = JSON.parse(raw) as unknown;
            } catch {
              return null;
            }
          }
        }
      }
      ws();
      const c = body.charCodeAt(i);
      i++;
      if (c === 0x7d) return out;
      if (c !== 0x2c) return null;
    }
  };
  ws();
  let result: Message | Message[] | null;
  if (body.charCodeAt(i) === 0x7b) result = readObject();
  else if (body.charCodeAt(i) === 0x5b) {
    const list: Message[] = [];
    i++;
    ws();
    if (body.charCodeAt(i) === 0x5d) i++;
    else
      for (;;) {
        ws();
        if (body.charCodeAt(i) === 0x7b) {
          const m = readObject();
          if (!m) return null;
          list.push(m);
        } else {
          if (!skipValue()) return null;
          list.push({});
        }
        ws();
        const c = body.charCodeAt(i);
        i++;
        if (c === 0x5d) break;
        if (c !== 0x2c) return null;
      }
    result = list;
  } else return null;
  if (!result) return null;
  ws();
  return i === n ? result : null;
}
