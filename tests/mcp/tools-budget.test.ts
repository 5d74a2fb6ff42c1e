/**
 * The tool surface an assistant reads on every turn stays small (issue #12): the JSON of the
 * tools/list result, measured with a real MCP client in both protocol eras, is under 40 KB, and
 * every argument is still described.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "@modelcontextprotocol/client";
import { connectClient } from "../support/mcp-inprocess";
import { TOOLS_LIST_BUDGET_BYTES, toolsListSizes } from "@/lib/mcp/budget";

type Schema = { description?: string; properties?: Record<string, Schema>; items?: Schema | false; anyOf?: Schema[]; oneOf?: Schema[]; pipe?: unknown };

const isVector = (s: Schema) => JSON.stringify(Object.keys(s.properties ?? {})) === JSON.stringify(["x", "y", "z"]);

/** Paths of properties that carry no description (neither on the property nor on its items). */
function undescribed(schema: Schema, path = ""): string[] {
  const out: string[] = [];
  for (const [name, p] of Object.entries(schema.properties ?? {})) {
    const here = `${path}${name}`;
    const items = typeof p.items === "object" ? p.items : undefined;
    if (!p.description && !items?.description) out.push(here);
    out.push(...undescribed(p, `${here}.`));
    if (items) out.push(...undescribed(items, `${here}[].`));
    // A vector's {x, y, z} form is described by the field it is an alternative of.
    for (const alt of [...(p.anyOf ?? []), ...(p.oneOf ?? [])]) if (!isVector(alt)) out.push(...undescribed(alt, `${here}|`));
    for (const alt of [...(items?.anyOf ?? []), ...(items?.oneOf ?? [])]) out.push(...undescribed(alt, `${here}[]|`));
  }
  return out;
}

describe("tools/list budget", () => {
  const clients: Record<string, Client> = {};
  beforeAll(async () => {
    clients.legacy = await connectClient({ userId: "budget", era: "legacy" });
    clients.modern = await connectClient({ userId: "budget", era: "modern" });
  });
  afterAll(async () => {
    for (const c of Object.values(clients)) await c.close();
  });

  it("marks every read as read-only and non-destructive (no confirmation), and only overwriting tools destructive", async () => {
    const { tools } = await clients.modern!.listTools();
    const hints = Object.fromEntries(tools.map((t) => [t.name, t.annotations]));
    for (const name of ["list_models", "get_model", "get_viewer", "get_model_geometry", "validate_model", "analyze_model", "get_results", "export_model", "list_revisions"]) {
      expect(hints[name], name).toMatchObject({ readOnlyHint: true, destructiveHint: false, openWorldHint: false });
    }
    for (const name of ["create_model", "add_elements", "import_model", "generate_structure"]) expect(hints[name], name).toMatchObject({ readOnlyHint: false, destructiveHint: false });
    for (const name of ["update_elements", "remove_elements", "undo_change", "repair_model"]) expect(hints[name], name).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(hints.repair_model!.idempotentHint).toBe(true);
    expect(tools.find((t) => t.name === "validate_model")!.inputSchema.properties).not.toHaveProperty("fix");
    const old = await clients.modern!.callTool({ name: "validate_model", arguments: { modelId: "any", fix: true } });
    expect(old.isError).toBe(true);
    expect(JSON.stringify(old.content)).toMatch(/repair_model/);
    expect(tools.find((t) => t.name === "analyze_model")!.description).toMatch(/Never changes the model; stores the results/);
  });

  for (const era of ["legacy", "modern"] as const) {
    it(`is under ${TOOLS_LIST_BUDGET_BYTES / 1024} KB of JSON in the ${era} era, every argument described`, async () => {
      const result = await clients[era]!.listTools();
      const { total, tools } = toolsListSizes(result);
      console.log(`tools/list (${era}): ${total} bytes\n` + tools.map((t) => `  ${t.name.padEnd(20)} ${String(t.bytes).padStart(6)}  (input ${t.input}, output ${t.output}, description ${t.description})`).join("\n"));
      expect(total).toBeLessThan(TOOLS_LIST_BUDGET_BYTES);
      for (const t of result.tools) expect(undescribed(t.inputSchema as Schema), t.name).toEqual([]);
    });
  }
});
