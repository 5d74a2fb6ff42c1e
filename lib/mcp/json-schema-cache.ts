/**
 * The JSON Schemas of tools/list: converted once, then compacted.
 *
 * 1. Converted once. The MCP SDK turns each tool's zod schemas into JSON Schema through zod's
 *    Standard JSON Schema hook (`schema["~standard"].jsonSchema.input|output`) — for every
 *    `tools/list` and, for the output schema, on every `tools/call`. A stateless server registers
 *    its tools anew per request, so the SDK's own memo never outlives a request: `tools/list` spent
 *    ≈16 ms and every call ≈0.1 ms converting the same schemas again. The schemas never change while
 *    the process runs, so each conversion is done once and the (deep-frozen) result reused.
 * 2. Compacted. An assistant reads every tool definition on every turn (issue #12: tools/list was
 *    129 KB), so zod's output is rewritten into the shortest equivalent JSON Schema, without $ref
 *    (several MCP clients drop `$defs`, e.g. github/copilot-cli#1876, n8n-io/n8n#25964):
 *    - no `$schema` (MCP: a schema without one is JSON Schema 2020-12);
 *    - no integer bounds that only restate the safe-integer range (±9007199254740991);
 *    - a tuple of n equal item schemas becomes `items` with minItems = maxItems = n;
 *    - output schemas drop `additionalProperties: false` (the server sends only declared keys),
 *      and no schema restates `propertyNames: {type: "string"}` or `additionalProperties: {}`;
 *    - `anyOf` of bare types becomes a type list (`{"type": ["string", "integer"]}`);
 *    - size limits no assistant's call comes near (strings of 64+ characters, arrays of 1,000+
 *      items, and the "non-empty" minimum of such strings) are left to the server.
 *    Every other rewrite accepts exactly the values the original accepted; the server validates
 *    every call against the zod schema itself and names the limit when one is exceeded.
 */
type Io = "input" | "output";
type Json = Record<string, unknown>;
type Converter = (options?: { target?: string; libraryOptions?: Record<string, unknown> }) => Json;
interface StandardWithJson {
  validate: unknown;
  vendor: string;
  version: number;
  jsonSchema?: Record<Io, Converter>;
}

const done = new WeakSet<object>();
const SAFE = Number.MAX_SAFE_INTEGER;
/** String and array limits at or above these are not restated in tools/list (see compactNode). */
const LONG_STRING = 64;
const LONG_ARRAY = 1000;

function deepFreeze<T>(v: T): T {
  if (v && typeof v === "object" && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v as Record<string, unknown>)) deepFreeze(x);
  }
  return v;
}

const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** `{type: "string"}`-like: a bare type and nothing else. */
function bareType(v: unknown): string | null {
  return isObj(v) && Object.keys(v).length === 1 && typeof v.type === "string" ? v.type : null;
}

/** Rewrites one (already compacted-below) schema node. */
function compactNode(node: Json, io: Io): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "$schema") continue;
    // Every JSON object key is a string; and the server never sends keys its output schema lacks.
    if (k === "propertyNames" && bareType(v) === "string") continue;
    if (io === "output" && k === "additionalProperties" && v === false) continue;
    // `additionalProperties: {}` (any value) is what an absent keyword means.
    if (k === "additionalProperties" && isObj(v) && Object.keys(v).length === 0) continue;
    if ((k === "minimum" && v === -SAFE) || (k === "maximum" && v === SAFE)) continue;
    // Limits no assistant call comes near are the server's business (it refuses with a message
    // naming the limit), not something to read on every turn.
    if (k === "maxLength" && typeof v === "number" && v >= LONG_STRING) continue;
    if (k === "maxItems" && typeof v === "number" && v >= LONG_ARRAY) continue;
    if (k === "minLength" && v === 1 && typeof node.maxLength === "number" && node.maxLength >= LONG_STRING) continue;
    out[k] = v;
  }
  // Tuple of n identical items → items + fixed length.
  const prefix = out.prefixItems;
  if (Array.isArray(prefix) && prefix.length > 0 && out.items === false) {
    const first = JSON.stringify(prefix[0]);
    if (prefix.every((p) => JSON.stringify(p) === first) && out.minItems === prefix.length && out.maxItems === prefix.length) {
      delete out.prefixItems;
      out.items = prefix[0];
    }
  }
  // anyOf of bare types → a list of types.
  const any = out.anyOf;
  if (Array.isArray(any) && any.length > 1 && out.type === undefined) {
    const types = any.map(bareType);
    if (types.every((t) => t !== null)) {
      delete out.anyOf;
      out.type = [...new Set(types)];
    }
  }
  return out;
}

/** The compact equivalent of a JSON Schema (see the file header); the input is not modified. */
export function compactJsonSchema<T>(schema: T, io: Io = "input"): T {
  if (Array.isArray(schema)) return schema.map((x) => compactJsonSchema(x, io)) as T;
  if (!isObj(schema)) return schema;
  const children: Json = {};
  for (const [k, v] of Object.entries(schema)) {
    // Property names and enum/const/default values are data, not schemas: copy them as they are.
    if (k === "properties" && isObj(v)) children[k] = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, compactJsonSchema(s, io)]));
    else if (k === "enum" || k === "const" || k === "default" || k === "examples" || k === "required") children[k] = v;
    else children[k] = compactJsonSchema(v, io);
  }
  return compactNode(children, io) as T;
}

/** Makes `schema`'s JSON Schema conversions compute once per (direction, target), compacted, and then reuse. */
export function memoiseJsonSchema(schema: object): void {
  if (done.has(schema)) return;
  done.add(schema);
  const holder = schema as { "~standard"?: StandardWithJson };
  const std = holder["~standard"];
  const convert = std?.jsonSchema;
  if (!std || !convert) return;
  const cache = new Map<string, Json>();
  const memo = (io: Io): Converter => (options) => {
    // Only the plain calls (target and nothing else) are cached; anything else converts afresh.
    if (options?.libraryOptions) return convert[io](options);
    const key = `${io}:${options?.target ?? ""}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = deepFreeze(compactJsonSchema(convert[io](options), io));
      cache.set(key, hit);
    }
    return hit;
  };
  // zod 4 lets `~standard` be replaced per instance (its setter stores an own property).
  holder["~standard"] = { ...std, jsonSchema: { input: memo("input"), output: memo("output") } };
}
