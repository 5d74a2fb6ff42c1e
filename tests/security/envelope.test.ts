/**
 * lib/mcp/envelope.ts as pure functions: the scanner that reads the top level of large bodies
 * must see exactly what JSON.parse (and so the MCP handler) sees, including the tricks a client
 * could use to hide a tools/call from a scanner.
 */
import { describe, expect, it } from "vitest";
import { inspectEnvelope, scanMessages } from "@/lib/mcp/envelope";

const pad = "x".repeat(70_000);
const summary = (v: unknown) => (Array.isArray(v) ? v : [v]).map((m) => (m && typeof m === "object" && !Array.isArray(m) ? { method: (m as { method?: unknown }).method, id: (m as { id?: unknown }).id } : {}));

describe("scanMessages reads the top level as JSON.parse does", () => {
  it.each([
    ["a plain call", `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"x","arguments":{"p":"${pad}"}}}`],
    ["method after huge params", `{"jsonrpc":"2.0","params":{"arguments":{"nodes":[[1,2,3],{"a":"}]\\"{["}],"p":"${pad}"}},"id":"a-b","method":"tools/call"}`],
    ["an escaped key", `{"id":2,"params":{"p":"${pad}"},"\\u006dethod":"tools/call"}`],
    ["an escaped method value", `{"id":2,"params":{"p":"${pad}"},"method":"tools\\/call"}`],
    ["a repeated key (the last wins)", `{"method":"tools/list","params":{"p":"${pad}"},"method":"tools/call","id":3}`],
    ["method only inside params", `{"method":"tools/list","id":4,"params":{"method":"tools/call","p":"${pad}"}}`],
    ["a string with escaped quotes and backslashes", `{"id":5,"params":{"p":"a\\\\\\"b\\\\","q":"${pad}"},"method":"tools/call"}`],
    ["a padded batch", JSON.stringify([...Array(30)].map((_, i) => ({ jsonrpc: "2.0", id: i, method: "tools/call", params: { name: "list_models", pad: "y".repeat(3000) } })))],
    ["a batch with non-objects", `[1,"tools/call",null,{"method":"tools/call","id":1,"params":{"p":"${pad}"}},[{"method":"tools/call"}]]`],
    ["whitespace everywhere", ` \n{ "id" : 7 ,\n "params" : { "p" : "${pad}" } ,\t"method" : "tools/call" } \n`],
  ])("%s", (_name, body) => {
    expect(body.length).toBeGreaterThan(64 * 1024);
    expect(summary(scanMessages(body))).toEqual(summary(JSON.parse(body)));
  });

  it.each([
    ["truncated", `{"method":"tools/call","params":{"p":"${pad}"`],
    ["trailing garbage", `{"method":"tools/call","params":{"p":"${pad}"}} x`],
    ["not JSON", `method=tools/call&p=${pad}`],
  ])("gives up on %s (the caller then parses, and the handler refuses it)", (_name, body) => {
    expect(scanMessages(body)).toBeNull();
  });

  it("counts the same through inspectEnvelope for large and small bodies", () => {
    const h = new Headers();
    const big = JSON.stringify([...Array(100)].map((_, i) => ({ jsonrpc: "2.0", id: i, method: "tools/call", params: { name: "list_models", pad: "x".repeat(1000) } })));
    expect(inspectEnvelope(big, h)).toMatchObject({ ok: true, toolCalls: 100 });
    expect(inspectEnvelope(`{"id":1,"params":{"p":"${pad}"},"\\u006dethod":"tools/call"}`, h)).toMatchObject({ ok: true, toolCalls: 1, id: 1 });
    expect(inspectEnvelope(`{"id":1,"params":{"p":"${pad}"},"method":"tools/call"}`, new Headers({ "mcp-method": "tools/list", "mcp-protocol-version": "2026-07-28" }))).toMatchObject({ ok: false, status: 400, code: -32020 });
    expect(inspectEnvelope(big, new Headers({ "mcp-protocol-version": "2025-11-25" }))).toMatchObject({ ok: false, status: 400, code: -32600 });
  });
});
