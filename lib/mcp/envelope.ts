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
 * A cursor over a JSON text that reads only what the envelope needs. Strings are skipped with
 * indexOf and containers by depth; each method leaves `i` just past what it read, or answers
 * null/false when the text is not JSON it can follow.
 */
class TopLevelScanner {
  i = 0;
  constructor(private readonly body: string) {}

  private at(): number {
    return this.body.charCodeAt(this.i);
  }

  ws(): void {
    while (this.i < this.body.length && WS.has(this.at())) this.i++;
  }

  /** Index just past the string starting at `from` (body[from] === '"'), or -1. */
  private stringEnd(from: number): number {
    let j = from + 1;
    for (;;) {
      const q = this.body.indexOf('"', j);
      if (q < 0) return -1;
      let backslashes = 0;
      for (let k = q - 1; k > from && this.body.charCodeAt(k) === 0x5c; k--) backslashes++;
      if (backslashes % 2 === 0) return q + 1;
      j = q + 1;
    }
  }

  /** The string at the cursor, decoded (escapes through JSON.parse). */
  readString(): string | null {
    const end = this.stringEnd(this.i);
    if (end < 0) return null;
    const raw = this.body.slice(this.i, end);
    this.i = end;
    if (raw.indexOf("\\") < 0) return raw.slice(1, -1);
    try {
      return JSON.parse(raw) as string;
    } catch {
      return null;
    }
  }

  private skipString(): boolean {
    const end = this.stringEnd(this.i);
    if (end < 0) return false;
    this.i = end;
    return true;
  }

  private skipContainer(): boolean {
    let depth = 0;
    while (this.i < this.body.length) {
      const d = this.at();
      if (d === 0x22) {
        if (!this.skipString()) return false;
        continue;
      }
      if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d || d === 0x5d) {
        depth--;
        if (depth === 0) {
          this.i++;
          return true;
        }
      }
      this.i++;
    }
    return false;
  }

  /** Skips any value; false when the text is not one. */
  skipValue(): boolean {
    const c = this.at();
    if (c === 0x22) return this.skipString();
    if (c === 0x7b || c === 0x5b) return this.skipContainer();
    const start = this.i;
    while (this.i < this.body.length) {
      const d = this.at();
      if (d === 0x2c || d === 0x7d || d === 0x5d || WS.has(d)) break;
      this.i++;
    }
    return this.i > start;
  }

  /** One member's value into `out` when it is "method" or "id" (else skipped). */
  private readMember(key: string, out: Message): boolean {
    const start = this.i;
    if (key === "method" && this.at() === 0x22) {
      const v = this.readString();
      if (v === null) return false;
      out.method = v;
      return true;
    }
    if (!this.skipValue()) return false;
    if (key === "method") out.method = undefined;
    if (key !== "id") return true;
    const raw = this.body.slice(start, this.i);
    if (raw.length > 1024) {
      out.id = undefined;
      return true;
    }
    try {
      out.id = JSON.parse(raw) as unknown;
      return true;
    } catch {
      return false;
    }
  }

  /** The object at the cursor as a Message (only method and id kept). */
  readObject(): Message | null {
    const out: Message = {};
    this.i++; // {
    this.ws();
    if (this.at() === 0x7d) {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      if (this.at() !== 0x22) return null;
      const key = this.readString();
      if (key === null) return null;
      this.ws();
      if (this.at() !== 0x3a) return null;
      this.i++;
      this.ws();
      if (!this.readMember(key, out)) return null;
      this.ws();
      const c = this.at();
      this.i++;
      if (c === 0x7d) return out;
      if (c !== 0x2c) return null;
    }
  }

  /** The batch at the cursor: each element's Message ({} for an element that is not an object). */
  readBatch(): Message[] | null {
    const list: Message[] = [];
    this.i++; // [
    this.ws();
    if (this.at() === 0x5d) {
      this.i++;
      return list;
    }
    for (;;) {
      this.ws();
      if (this.at() === 0x7b) {
        const m = this.readObject();
        if (!m) return null;
        list.push(m);
      } else {
        if (!this.skipValue()) return null;
        list.push({});
      }
      this.ws();
      const c = this.at();
      this.i++;
      if (c === 0x5d) return list;
      if (c !== 0x2c) return null;
    }
  }

  atEnd(): boolean {
    return this.i === this.body.length;
  }
}

/**
 * The top-level message(s) of a JSON body as `{ method, id }` objects (an array for a batch), read
 * without building the params (an import's 10 MB of nodes). Keys and method strings with escapes
 * are decoded with JSON.parse, and a repeated key keeps its last value, as JSON.parse does, so the
 * result is what the MCP handler will see. null when the text is not JSON this scanner can follow:
 * the caller then parses it.
 */
export function scanMessages(body: string): Message | Message[] | null {
  const s = new TopLevelScanner(body);
  s.ws();
  const first = body.charCodeAt(s.i);
  const result = first === 0x7b ? s.readObject() : first === 0x5b ? s.readBatch() : null;
  if (!result) return null;
  s.ws();
  return s.atEnd() ? result : null;
}
