/**
 * A minimal MCP client over HTTP for load tests and benchmarks: one POST per JSON-RPC request,
 * stateless (no initialize needed: mcp-handler serves each request on its own), with a real
 * bearer token. Keep-alive connections (undici's global agent) like a real client.
 */
export interface McpCallResult {
  status: number;
  /** The JSON-RPC response (parsed from JSON or from the SSE `data:` line). */
  message: { id?: unknown; result?: Record<string, unknown>; error?: { code: number; message: string; data?: unknown } } | null;
  headers: Headers;
  ms: number;
}

let seq = 0;

export async function mcpRequest(url: string, token: string | null, method: string, params: Record<string, unknown>, extraHeaders: Record<string, string> = {}): Promise<McpCallResult> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/json, text/event-stream",
    "mcp-protocol-version": "2025-06-18",
    ...extraHeaders,
  };
  if (token) headers.authorization = `Bearer ${token}`;
  const t0 = performance.now();
  const res = await fetch(url, { method: "POST", headers, body: JSON.stringify({ jsonrpc: "2.0", id: ++seq, method, params }) });
  const text = await res.text();
  const ms = performance.now() - t0;
  let message: McpCallResult["message"] = null;
  try {
    if ((res.headers.get("content-type") ?? "").includes("text/event-stream")) {
      // The last `data:` line of the stream is the response (earlier ones are notifications).
      const lines = text.split("\n").filter((l) => l.startsWith("data:"));
      for (const l of lines) {
        const m = JSON.parse(l.slice(5)) as NonNullable<McpCallResult["message"]>;
        if ("result" in m || "error" in m) message = m;
      }
    } else if (text) {
      message = JSON.parse(text) as McpCallResult["message"];
    }
  } catch {
    message = null;
  }
  return { status: res.status, message, headers: res.headers, ms };
}

export function callTool(url: string, token: string | null, name: string, args: Record<string, unknown>, extraHeaders?: Record<string, string>) {
  return mcpRequest(url, token, "tools/call", { name, arguments: args }, extraHeaders);
}

/** structuredContent of a successful tool call; throws with the text otherwise. */
export function structured<T = Record<string, unknown>>(r: McpCallResult): T {
  const result = r.message?.result as { isError?: boolean; structuredContent?: unknown; content?: { text?: string }[] } | undefined;
  if (r.status !== 200 || !result || result.isError) {
    throw new Error(`tool call failed (HTTP ${r.status}): ${r.message?.error?.message ?? result?.content?.map((c) => c.text).join(" ") ?? "no result"}`);
  }
  return result.structuredContent as T;
}
