/**
 * The MCP SDK turns each tool's zod schemas into JSON Schema through zod's Standard JSON Schema
 * hook (`schema["~standard"].jsonSchema.input|output`) — for every `tools/list` and, for the
 * output schema, on every `tools/call`. A stateless server registers its tools anew per request,
 * so the SDK's own memo never outlives a request: `tools/list` spent ≈16 ms and every call ≈0.1 ms
 * converting the same schemas again. The schemas never change while the process runs, so each
 * conversion is done once and the (deep-frozen) result reused.
 */
type Io = "input" | "output";
type Converter = (options?: { target?: string; libraryOptions?: Record<string, unknown> }) => Record<string, unknown>;
interface StandardWithJson {
  validate: unknown;
  vendor: string;
  version: number;
  jsonSchema?: Record<Io, Converter>;
}

const done = new WeakSet<object>();

function deepFreeze<T>(v: T): T {
  if (v && typeof v === "object" && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v as Record<string, unknown>)) deepFreeze(x);
  }
  return v;
}

/** Makes `schema`'s JSON Schema conversions compute once per (direction, target) and then reuse. */
export function memoiseJsonSchema(schema: object): void {
  if (done.has(schema)) return;
  done.add(schema);
  const holder = schema as { "~standard"?: StandardWithJson };
  const std = holder["~standard"];
  const convert = std?.jsonSchema;
  if (!std || !convert) return;
  const cache = new Map<string, Record<string, unknown>>();
  const memo = (io: Io): Converter => (options) => {
    // Only the plain calls (target and nothing else) are cached; anything else converts afresh.
    if (options?.libraryOptions) return convert[io](options);
    const key = `${io}:${options?.target ?? ""}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = deepFreeze(convert[io](options));
      cache.set(key, hit);
    }
    return hit;
  };
  // zod 4 lets `~standard` be replaced per instance (its setter stores an own property).
  holder["~standard"] = { ...std, jsonSchema: { input: memo("input"), output: memo("output") } };
}
