/**
 * The size of the tool surface (issue #12): the JSON of the tools/list result, read by a real MCP
 * client (@modelcontextprotocol/client) from the in-process /mcp pipeline in both protocol eras,
 * per tool (whole definition, input schema, output schema, description), next to the budget
 * (lib/mcp/budget.ts) in the same run. No build needed: the handler runs in this process.
 */
import { connectClient } from "../tests/support/mcp-inprocess";
import { TOOLS_LIST_BUDGET_BYTES, toolsListSizes } from "../lib/mcp/budget";

export async function benchTools(): Promise<string> {
  const lines = ["## tools/list size (budget " + TOOLS_LIST_BUDGET_BYTES + " bytes)", ""];
  for (const era of ["legacy", "modern"] as const) {
    const client = await connectClient({ userId: "bench", era });
    try {
      const { total, tools } = toolsListSizes(await client.listTools());
      lines.push(`### ${era} era: ${total} bytes, ${((100 * total) / TOOLS_LIST_BUDGET_BYTES).toFixed(1)} % of the budget (${total < TOOLS_LIST_BUDGET_BYTES ? "within" : "OVER"})`, "");
      lines.push("| tool | bytes | input | output | description |", "|---|---|---|---|---|");
      for (const t of [...tools].sort((a, b) => b.bytes - a.bytes)) lines.push(`| ${t.name} | ${t.bytes} | ${t.input} | ${t.output} | ${t.description} |`);
      lines.push("");
    } finally {
      await client.close();
    }
  }
  return lines.join("\n");
}
