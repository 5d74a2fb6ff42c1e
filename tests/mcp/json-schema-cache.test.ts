/**
 * Each tool's JSON Schema is converted once per process and reused (tools/list and every
 * tools/call ask for it again on a stateless server), compacted (issue #12: tools/list under
 * 40 KB) into a schema that accepts the same values. Updated for the compaction: the cached schema
 * is now compactJsonSchema(what zod gives), and a table checks that each rewrite accepts and
 * refuses the same values as zod's original (Ajv, draft 2020-12).
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import Ajv2020 from "ajv/dist/2020";
import { compactJsonSchema, memoiseJsonSchema } from "@/lib/mcp/json-schema-cache";
import { TOOLS } from "@/lib/mcp/tools";

type Std = { validate(v: unknown): unknown; jsonSchema: Record<"input" | "output", (o?: { target?: string }) => Record<string, unknown>> };
const std = (s: object) => (s as { "~standard": Std })["~standard"];

describe("JSON Schema conversion cache", () => {
  it("converts once and returns the same frozen schema a fresh conversion gives", () => {
    const schema = z.object({ name: z.string().min(1).describe("Name"), count: z.number().int().default(3) });
    const fresh = { input: std(schema).jsonSchema.input({ target: "draft-2020-12" }), output: std(schema).jsonSchema.output({ target: "draft-2020-12" }) };
    memoiseJsonSchema(schema);
    const a = std(schema).jsonSchema.input({ target: "draft-2020-12" });
    expect(std(schema).jsonSchema.input({ target: "draft-2020-12" })).toBe(a);
    expect(a).toEqual(compactJsonSchema(fresh.input, "input"));
    expect(Object.isFrozen(a)).toBe(true);
    // input and output differ for a default (required on output only); each is kept apart.
    expect(std(schema).jsonSchema.output({ target: "draft-2020-12" })).toEqual(compactJsonSchema(fresh.output, "output"));
    expect(fresh.output).not.toEqual(fresh.input);
    // Validation is untouched.
    expect(schema.safeParse({ name: "" }).success).toBe(false);
    expect(std(schema).validate({ name: "x" })).toEqual({ value: { name: "x", count: 3 } });
  });

  it("every registered tool's schemas convert to the compacted form of what zod gives", () => {
    for (const t of TOOLS) {
      memoiseJsonSchema(t.inputSchema);
      memoiseJsonSchema(t.outputSchema);
      expect(std(t.inputSchema).jsonSchema.input({ target: "draft-2020-12" }), t.name).toEqual(compactJsonSchema(z.toJSONSchema(t.inputSchema, { target: "draft-2020-12", io: "input" }), "input"));
      expect(std(t.outputSchema).jsonSchema.output({ target: "draft-2020-12" }), t.name).toEqual(compactJsonSchema(z.toJSONSchema(t.outputSchema, { target: "draft-2020-12", io: "output" }), "output"));
    }
  });

  it("each compaction rule accepts and refuses the same values as zod's schema", () => {
    const ajv = new Ajv2020({ strict: false });
    const cases: { schema: z.ZodType; values: unknown[] }[] = [
      { schema: z.object({ n: z.number().int() }), values: [{ n: 1 }, { n: -5 }, { n: 1.5 }, { n: "1" }, {}] },
      { schema: z.object({ v: z.tuple([z.number(), z.number(), z.number()]) }), values: [{ v: [1, 2, 3] }, { v: [1, 2] }, { v: [1, 2, 3, 4] }, { v: [1, "2", 3] }] },
      { schema: z.object({ r: z.union([z.string(), z.number().int()]) }), values: [{ r: "N1" }, { r: 3 }, { r: 2.5 }, { r: null }, { r: [] }] },
      { schema: z.object({ m: z.record(z.string(), z.unknown()) }), values: [{ m: { a: 1 } }, { m: {} }, { m: [] }, { m: 3 }] },
      { schema: z.object({ s: z.string().min(1).max(20) }), values: [{ s: "a" }, { s: "" }, { s: "x".repeat(21) }] },
    ];
    for (const { schema, values } of cases) {
      const original = ajv.compile(z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" }));
      const compact = ajv.compile(compactJsonSchema(z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" }), "input"));
      for (const v of values) expect(compact(v), JSON.stringify(v)).toBe(original(v));
    }
  });

  it("leaves only far-away size limits to the server (strings of 64+ characters, arrays of 1,000+ items)", () => {
    const json = compactJsonSchema(z.toJSONSchema(z.object({ short: z.string().min(8).max(32), long: z.string().min(1).max(200), list: z.array(z.number()).max(10_000) }), { io: "input" }), "input") as {
      properties: Record<string, Record<string, unknown>>;
    };
    expect(json.properties.short).toMatchObject({ minLength: 8, maxLength: 32 });
    expect(json.properties.long).toEqual({ type: "string" });
    expect(json.properties.list).toEqual({ type: "array", items: { type: "number" } });
  });
});
