/**
 * Each tool's JSON Schema is converted once per process and reused (tools/list and every
 * tools/call ask for it again on a stateless server), and nothing else about the schema changes.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { memoiseJsonSchema } from "@/lib/mcp/json-schema-cache";
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
    expect(a).toEqual(fresh.input);
    expect(Object.isFrozen(a)).toBe(true);
    // input and output differ for a default (required on output only); each is kept apart.
    expect(std(schema).jsonSchema.output({ target: "draft-2020-12" })).toEqual(fresh.output);
    expect(fresh.output).not.toEqual(fresh.input);
    // Validation is untouched.
    expect(schema.safeParse({ name: "" }).success).toBe(false);
    expect(std(schema).validate({ name: "x" })).toEqual({ value: { name: "x", count: 3 } });
  });

  it("every registered tool's schemas still convert to what zod gives", () => {
    for (const t of TOOLS) {
      memoiseJsonSchema(t.inputSchema);
      memoiseJsonSchema(t.outputSchema);
      expect(std(t.inputSchema).jsonSchema.input({ target: "draft-2020-12" }), t.name).toEqual(z.toJSONSchema(t.inputSchema, { target: "draft-2020-12", io: "input" }));
      expect(std(t.outputSchema).jsonSchema.output({ target: "draft-2020-12" }), t.name).toEqual(z.toJSONSchema(t.outputSchema, { target: "draft-2020-12", io: "output" }));
    }
  });
});
