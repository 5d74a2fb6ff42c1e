/**
 * Every answer stays under 1 MiB on a model at the import limit (≈100k frames), in the legacy
 * protocol era that ChatGPT uses (responses as SSE; the official Python SDK client refuses any
 * SSE event over 1 MiB): each tool call and resources/read is sent to the production server and
 * every SSE event and JSON response is measured. Write answers say what changed in a few KB,
 * whatever the model's size, and the model row's counts stay exact through the edits.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startProdServer, type ProdServer } from "../support/prod-server";
import { mintTokens } from "../support/tokens";
import { structured, type McpCallResult } from "../support/mcp-http";
import { buildingPayload, SIZES } from "../../bench/lib/building.mjs";

const MiB = 1024 * 1024;

/** The raw body of one legacy-era request, with the size of each SSE event. */
async function raw(url: string, token: string, method: string, params: Record<string, unknown>): Promise<{ body: string; events: number[]; message: McpCallResult["message"] }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-06-18", authorization: `Bearer ${token}` },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = await res.text();
  expect(res.status, body.slice(0, 300)).toBe(200);
  const sse = (res.headers.get("content-type") ?? "").includes("text/event-stream");
  const events = sse ? body.split("\n\n").filter((e) => e.trim()).map((e) => Buffer.byteLength(e)) : [Buffer.byteLength(body)];
  const data = sse ? body.split("\n").filter((l) => l.startsWith("data:")).map((l) => JSON.parse(l.slice(5))) : [JSON.parse(body)];
  return { body, events, message: data.find((m) => "result" in m || "error" in m) ?? null };
}

describe("answers stay under 1 MiB on a 100k-frame model (legacy era)", () => {
  let server: ProdServer;
  let url: string;
  let token: string;
  let big: string;
  let frames: number;
  const sizes: [string, number, number][] = [];

  /** Sends one request, records its largest event, and returns the JSON-RPC message. */
  async function send(label: string, method: string, params: Record<string, unknown>) {
    const t0 = performance.now();
    const r = await raw(url, token, method, params);
    const largest = Math.max(...r.events);
    sizes.push([label, largest, Math.round(performance.now() - t0)]);
    console.log(`${label}: ${largest} B, ${sizes.at(-1)![2]} ms`);
    expect(largest, `${label}: largest event ${largest} bytes`).toBeLessThan(MiB);
    return { r, largest };
  }
  const call = (label: string, name: string, args: Record<string, unknown>) => send(label, "tools/call", { name, arguments: args });
  const ok = <T = Record<string, unknown>>(m: { r: { message: McpCallResult["message"] } }) => structured<T>({ status: 200, message: m.r.message, headers: new Headers(), ms: 0 });

  beforeAll(async () => {
    server = await startProdServer({ quiet: true });
    url = `${server.url}/mcp`;
    const [t] = await mintTokens(server, 1);
    token = t!.token;
    const b = buildingPayload({ ...SIZES["100k"], name: "Answer size" });
    frames = b.frames;
    const imported = await raw(url, token, "tools/call", { name: "import_model", arguments: { payload: b.payload } });
    big = structured<{ modelId: string }>({ status: 200, message: imported.message, headers: new Headers(), ms: 0 }).modelId;
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("every tool and resource answers under 1 MiB; writes answer in a few KB", async () => {
    expect(frames).toBeGreaterThan(95_000);
    const tools = await send("tools/list", "tools/list", {});
    const names = ((tools.r.message?.result as { tools: { name: string }[] }).tools).map((t) => t.name);

    // Writes: a few KB, no viewer payload, the model's counts in the text.
    const add = await call("add_elements", "add_elements", { modelId: big, nodes: [{ ref: "a", at: [-50, -50, 0] }, { ref: "b", at: [-50, -45, 0] }], frames: [{ ref: "f", i: "a", j: "b", section: "IPE300", material: "S355" }] });
    expect(add.largest).toBeLessThan(8 * 1024);
    expect(JSON.stringify(add.r.message)).not.toContain("spectral/viewer\"");
    const refs = ok<{ refs: Record<string, string> }>(add).refs;
    const upd = await call("update_elements", "update_elements", { modelId: big, nodes: [{ node: refs.b!, z: 2 }] });
    expect(upd.largest).toBeLessThan(8 * 1024);
    const rm = await call("remove_elements", "remove_elements", { modelId: big, frames: [refs.f!] });
    expect(rm.largest).toBeLessThan(8 * 1024);
    const summary = ok<{ counts: { frames: number; nodes: number } }>(await call("get_model summary", "get_model", { modelId: big }));
    expect(summary.counts.frames).toBe(frames);

    await call("get_model elements (5000 of each kind)", "get_model", { modelId: big, include_elements: true, limit: 5000 });
    await call("list_models", "list_models", {});
    await call("get_viewer", "get_viewer", { modelId: big });
    await call("validate_model", "validate_model", { modelId: big });
    await call("list_revisions", "list_revisions", { modelId: big });
    await call("undo_change", "undo_change", { modelId: big });
    for (const format of ["spectral_json", "opensees_py", "skyciv_s3d"]) await call(`export_model ${format}`, "export_model", { modelId: big, format });
    await call("generate_structure", "generate_structure", { modelId: big, structure: { type: "frame_2d", bays: 2, storeys: 1, origin: [0, -200, 0] } });
    await call("create_model", "create_model", { name: "Small" });
    await call("import_model", "import_model", { payload: buildingPayload({ nx: 2, ny: 1, ns: 1, name: "Tiny" }).payload });
    await call("analyze_model", "analyze_model", { modelId: big, wait_seconds: 0 });
    await call("get_results", "get_results", { modelId: big });
    for (const name of names.filter((n) => !sizes.some(([l]) => l.split(" ")[0] === n))) {
      await call(name, name, { modelId: big });
    }

    // Resources: the model (summarised when large) and every listed resource, the widget included.
    const listed = await send("resources/list", "resources/list", {});
    const uris = ((listed.r.message?.result as { resources: { uri: string }[] }).resources).map((r) => r.uri);
    expect(uris).toContain(`spectral://models/${big}`);
    for (const uri of uris) await send(`resources/read ${uri}`, "resources/read", { uri });
    await send("resources/read widget", "resources/read", { uri: "ui://spectral/viewer.html" });
  }, 300_000);
});
