/**
 * Every MCP tool through a real MCP client, in-process, on SQLite and (when reachable)
 * PostgreSQL: valid calls, validation errors that say what to fix and write nothing, scope
 * errors, and other users' models staying invisible.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Client } from "@modelcontextprotocol/client";
import { loadModel } from "@/lib/db/models";
import { SCOPES } from "@/lib/oauth/scopes";
import { TOOLS } from "@/lib/mcp/tools";
import { describeOnEachDatabase } from "../support/db";
import { createUser } from "../support/fixtures";
import { connectClient, ok, textOf } from "../support/mcp-inprocess";

const threeBay = {
  nodes: [
    { ref: "a", x: 0, y: 0, z: 0 }, { ref: "b", x: 6, y: 0, z: 0 }, { ref: "c", x: 12, y: 0, z: 0 }, { ref: "d", x: 18, y: 0, z: 0 },
    { ref: "A", x: 0, y: 0, z: 4 }, { ref: "B", x: 6, y: 0, z: 4 }, { ref: "C", x: 12, y: 0, z: 4 }, { ref: "D", x: 18, y: 0, z: 4 },
  ],
  frames: [
    { i: "a", j: "A", section: "HEA240", material: "S355", role: "column" },
    { i: "b", j: "B", section: "HEA240", material: "S355", role: "column" },
    { i: "c", j: "C", section: "HEA240", material: "S355", role: "column" },
    { i: "d", j: "D", section: "HEA240", material: "S355", role: "column" },
    { i: "A", j: "B", section: "IPE300", material: "S355", role: "beam" },
    { i: "B", j: "C", section: "IPE300", material: "S355", role: "beam" },
    { i: "C", j: "D", section: "IPE300", material: "S355", role: "beam" },
  ],
  supports: [{ node: "a", type: "fixed" }, { node: "b", type: "fixed" }, { node: "c", type: "fixed" }, { node: "d", type: "fixed" }],
};

describeOnEachDatabase("MCP tools", (t) => {
  let alice: { id: string }, bob: { id: string };
  let client: Client, bobClient: Client, readOnly: Client, chatgptReadOnly: Client, modern: Client;

  beforeAll(async () => {
    alice = await createUser(t.db, "Alice");
    bob = await createUser(t.db, "Bob");
    client = await connectClient({ userId: alice.id });
    modern = await connectClient({ userId: alice.id, era: "modern" });
    bobClient = await connectClient({ userId: bob.id });
    readOnly = await connectClient({ userId: alice.id, scopes: [SCOPES.read] });
    chatgptReadOnly = await connectClient({ userId: alice.id, scopes: [SCOPES.read], userAgent: "openai-mcp/1.0.0" });
  });
  afterAll(async () => {
    for (const c of [client, modern, bobClient, readOnly, chatgptReadOnly]) await c?.close();
  });

  it("lists every registry tool with a title, annotations, scopes and schemas, in both protocol eras", async () => {
    for (const c of [client, modern]) {
      const { tools } = await c.listTools();
      expect(tools.map((x) => x.name)).toEqual(TOOLS.map((x) => x.name));
      for (const tool of tools) {
        const def = TOOLS.find((d) => d.name === tool.name)!;
        expect(tool.title).toBeTruthy();
        expect(tool.description!.length).toBeGreaterThan(60);
        expect(tool.annotations).toMatchObject(def.annotations);
        for (const hint of ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] as const) expect(typeof tool.annotations?.[hint]).toBe("boolean");
        // Write tools are never read-only; a read-only tool never needs the write scope.
        if (def.scope === "write") expect(tool.annotations!.readOnlyHint).toBe(false);
        if (tool.annotations!.readOnlyHint) expect(def.scope).toBe("read");
        expect(tool._meta?.securitySchemes).toEqual([{ type: "oauth2", scopes: [def.scope === "write" ? SCOPES.write : SCOPES.read] }]);
        expect(tool.inputSchema.type).toBe("object");
        expect(tool.outputSchema?.type).toBe("object");
      }
      const widgetTools = tools.filter((x) => (x._meta?.ui as { resourceUri?: string } | undefined)?.resourceUri === "ui://spectral/viewer.html").map((x) => x.name);
      expect(widgetTools).toEqual(expect.arrayContaining(["get_viewer", "create_model", "add_elements", "import_model"]));
    }
  });

  it("creates an empty model and returns its id, revision and viewer URL (guide smoke test)", async () => {
    const res = ok<{ modelId: string; revision: number; viewerUrl: string }>(await client.callTool({ name: "create_model", arguments: { name: "ChatGPT MCP Smoke Test" } }));
    expect(res.revision).toBe(1);
    expect(res.viewerUrl).toBe(`http://localhost:3000/models/${res.modelId}`);
    const listed = ok<{ models: { modelId: string; name: string }[] }>(await client.callTool({ name: "list_models", arguments: {} }));
    expect(listed.models.find((m) => m.modelId === res.modelId)?.name).toBe("ChatGPT MCP Smoke Test");
    const stored = await loadModel(res.modelId, alice.id);
    expect(stored?.model.meta.name).toBe("ChatGPT MCP Smoke Test");
  });

  it("adds a three-bay frame in one call with refs and catalogue sections, then reads it back", async () => {
    const { modelId } = ok<{ modelId: string }>(await client.callTool({ name: "create_model", arguments: { name: "Test model" } }));
    const added = ok<{ revision: number; added: Record<string, number>; refs: Record<string, string>; viewerUrl: string }>(
      await client.callTool({ name: "add_elements", arguments: { modelId, ...threeBay } }),
    );
    expect(added.revision).toBe(2);
    expect(added.added).toMatchObject({ nodes: 8, frames: 7, supports: 4, sections: 2, materials: 1 });
    expect(Object.keys(added.refs)).toEqual(expect.arrayContaining(["a", "D"]));
    const m = (await loadModel(modelId, alice.id))!.model;
    expect(m.frames).toHaveLength(7);
    expect(m.sections.map((s) => s.name).sort()).toEqual(["HEA240", "IPE300"]);
    const got = ok<{ counts: { frames: number }; elements: { frames: { start?: string; end?: string }[]; hasMore: boolean } }>(
      await client.callTool({ name: "get_model", arguments: { modelId, include_elements: true, kinds: ["frames"], limit: 5 } }),
    );
    expect(got.counts.frames).toBe(7);
    const summary = ok<{ counts: Record<string, number>; bounds: { min: number[]; max: number[] } }>(await client.callTool({ name: "get_model", arguments: { modelId } }));
    expect(summary.counts).toEqual({ nodes: 8, frames: 7, supports: 4, sections: 2, materials: 1, loadCases: 0, loads: 0, combinations: 0 });
    expect(summary.bounds).toEqual({ min: [0, 0, 0], max: [18, 0, 4] });
    expect(got.elements.frames).toHaveLength(5);
    expect(got.elements.hasMore).toBe(true);
  });

  it("reports every problem at once and writes nothing when any is an error", async () => {
    const { modelId } = ok<{ modelId: string }>(await client.callTool({ name: "create_model", arguments: { name: "Errors" } }));
    const res = await client.callTool({
      name: "add_elements",
      arguments: {
        modelId,
        nodes: [{ ref: "a", x: 0, y: 0, z: 0 }, { ref: "b", x: 5, y: 0, z: 0 }],
        frames: [{ i: "a", j: "nowhere" }, { i: "a", j: "a" }, { i: "a", j: "b", section: "NOT-A-SECTION" }],
      },
    });
    expect(res.isError).toBe(true);
    const text = textOf(res);
    expect(text).toMatch(/nothing was written/i);
    expect(text).toMatch(/UNKNOWN_NODE/);
    expect(text).toMatch(/ZERO_LENGTH_FRAME/);
    expect(text).toMatch(/UNKNOWN_SECTION/);
    const m = (await loadModel(modelId, alice.id))!.model;
    expect(m.nodes).toHaveLength(0);
    expect(m.meta.revision).toBe(1);
  });

  it("rejects malformed arguments with a message naming the field", async () => {
    const res = await client.callTool({ name: "add_elements", arguments: { modelId: "x", nodes: [{ x: "one", y: 0, z: 0 }] } });
    expect(res.isError).toBe(true);
    expect(textOf(res)).toMatch(/nodes/);
    const nan = await client.callTool({ name: "create_model", arguments: { name: "" } });
    expect(nan.isError).toBe(true);
  });

  it("create_model takes a name and options only: elements are refused with a pointer to add_elements, which creates a model with them in one call", async () => {
    const refused = await client.callTool({ name: "create_model", arguments: { name: "With elements", ...threeBay } });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/add_elements/);
    const listed = ok<{ models: { name: string }[] }>(await client.callTool({ name: "list_models", arguments: {} }));
    expect(listed.models.map((m) => m.name)).not.toContain("With elements");
    const made = ok<{ modelId: string; revision: number; added: Record<string, number> }>(await client.callTool({ name: "add_elements", arguments: { name: "With elements", ...threeBay } }));
    expect(made).toMatchObject({ revision: 1, added: { nodes: 8, frames: 7, supports: 4 } });
    const both = await client.callTool({ name: "add_elements", arguments: { name: "X", modelId: made.modelId, nodes: [{ x: 0, y: 0, z: 0 }] } });
    expect(textOf(both)).toMatch(/modelId .* or name/);
  });

  it("dry runs write nothing", async () => {
    const { modelId } = ok<{ modelId: string }>(await client.callTool({ name: "create_model", arguments: { name: "Dry" } }));
    const dry = ok<{ dryRun: boolean; added: { frames: number } }>(await client.callTool({ name: "add_elements", arguments: { modelId, dry_run: true, ...threeBay } }));
    expect(dry).toMatchObject({ dryRun: true, added: { frames: 7 } });
    expect((await loadModel(modelId, alice.id))!.model.frames).toHaveLength(0);
  });

  it("updates and removes elements (cascade only when asked), and undo restores the earlier model exactly", async () => {
    const { modelId } = ok<{ modelId: string }>(await client.callTool({ name: "add_elements", arguments: { name: "Edit", ...threeBay } }));
    const before = (await loadModel(modelId, alice.id))!.model;
    const upd = ok<{ revision: number }>(await client.callTool({ name: "update_elements", arguments: { modelId, nodes: [{ node: "N5", z: 4.5 }] } }));
    expect(upd.revision).toBe(2);
    // A catalogue section that is not in the model yet is pulled in by the update.
    const sec = ok<{ revision: number }>(await client.callTool({ name: "update_elements", arguments: { modelId, frames: [{ frame: "F5", section: "IPE400" }] } }));
    expect(sec.revision).toBe(3);
    ok(await client.callTool({ name: "undo_change", arguments: { modelId } }));
    const blocked = await client.callTool({ name: "remove_elements", arguments: { modelId, nodes: ["N5"] } });
    expect(blocked.isError).toBe(true);
    expect(textOf(blocked)).toMatch(/NODE_IN_USE/);
    const rem = ok<{ revision: number; removed: { nodes: number; frames: number } }>(await client.callTool({ name: "remove_elements", arguments: { modelId, nodes: ["N5"], cascade: true } }));
    expect(rem.removed.nodes).toBe(1);
    expect(rem.removed.frames).toBeGreaterThanOrEqual(2);
    const undo = ok<{ revision: number; restoredRevision: number }>(await client.callTool({ name: "undo_change", arguments: { modelId, to_revision: 1 } }));
    expect(undo).toMatchObject({ revision: 6, restoredRevision: 1 });
    const after = (await loadModel(modelId, alice.id))!.model;
    const norm = (m: typeof before) => JSON.stringify(
      (["nodes", "frames", "supports", "sections", "materials", "loadCases", "loads", "combinations"] as const).map((k) =>
        [...(m[k] as { id: string }[])].sort((a, b) => a.id.localeCompare(b.id))),
    );
    expect(norm(after)).toBe(norm(before));
    const hist = ok<{ revisions: { revision: number }[] }>(await client.callTool({ name: "list_revisions", arguments: { modelId } }));
    expect(hist.revisions.map((r) => r.revision)).toEqual([6, 5, 4, 3, 2, 1]);
    // Undo of the undo brings the removal back.
    ok(await client.callTool({ name: "undo_change", arguments: { modelId } }));
    expect((await loadModel(modelId, alice.id))!.model.nodes).toHaveLength(7);
  });

  it("imports a nodes-and-frames payload in mm with a dry run first, then for real", async () => {
    const payload = {
      name: "Imported grid",
      units: "mm",
      nodes: [{ id: "1", x: 0, y: 0, z: 0 }, { id: "2", x: 5000, y: 0, z: 0 }, { id: "3", x: 5000, y: 0, z: 3000 }],
      members: [{ id: "m1", node_A: "1", node_B: "2", section: "IPE300", material: "S355" }, { id: "m2", node_A: "2", node_B: "3", section: "IPE300", material: "S355" }],
      supports: [{ node: "1", code: "FFFFFF" }],
    };
    const dry = ok<{ dryRun: boolean; counts: { frames: number }; planned: { nodes: { x: number }[] }; modelId: null }>(
      await client.callTool({ name: "import_model", arguments: { payload, dry_run: true } }),
    );
    expect(dry).toMatchObject({ dryRun: true, modelId: null, counts: { frames: 2 } });
    expect(dry.planned.nodes[1]!.x).toBeCloseTo(5);
    const real = ok<{ modelId: string; viewerUrl: string }>(await client.callTool({ name: "import_model", arguments: { payload } }));
    const m = (await loadModel(real.modelId, alice.id))!.model;
    expect(m.meta.name).toBe("Imported grid");
    expect(m.nodes.map((n) => n.x).sort()).toEqual([0, 5, 5]);
    const bad = await client.callTool({ name: "import_model", arguments: { payload: { nodes: [{ id: "1", x: 0, y: 0, z: 0 }], frames: [{ id: "f", start: "1", end: "99" }] } } });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/99/);
    expect(textOf(bad)).toMatch(/frames\[0\]|frames\.0/);
  });

  it("returns the viewer link without the model in _meta, and the payload only when asked and small", async () => {
    const { modelId } = ok<{ modelId: string }>(await client.callTool({ name: "add_elements", arguments: { name: "Viewer", ...threeBay } }));
    const res = await client.callTool({ name: "get_viewer", arguments: { modelId } });
    const s = ok<{ viewerUrl: string; counts: { frames: number }; bounds: { max: number[] }; payload?: unknown }>(res);
    expect(s.counts.frames).toBe(7);
    expect(s.bounds.max).toEqual([18, 0, 4]);
    expect(s.payload).toBeUndefined();
    expect(res._meta?.["spectral/viewer"]).toBeUndefined();
    expect(JSON.stringify(res).length).toBeLessThan(2_000);
    const withPayload = ok<{ payload: { nodes: { positions: number[] }; frames: { pairs: number[] } } }>(
      await client.callTool({ name: "get_viewer", arguments: { modelId, include_payload: true } }),
    );
    expect(withPayload.payload.nodes.positions).toHaveLength(24);
    expect(withPayload.payload.frames.pairs).toHaveLength(14);
  });

  it("serves the widget's geometry in pages through the app-only get_model_geometry", async () => {
    const { modelId, revision } = ok<{ modelId: string; revision: number }>(await client.callTool({ name: "add_elements", arguments: { name: "Geometry", ...threeBay } }));
    const page = ok<{
      revision: number; simplified: boolean; nextCursor: number | null; total: number; counts: { nodes: number; frames: number; supports: number };
      nodes: { positions: number[]; labels: { prefix: string[]; first: number[]; count: number[] } }; frames: { pairs: number[]; section: number[] };
      supports: { node: number[]; code: string[] }; sections: { names: string[] };
    }>(await client.callTool({ name: "get_model_geometry", arguments: { modelId } }));
    expect(page.revision).toBe(revision);
    expect(page.simplified).toBe(false);
    expect(page.nextCursor).toBeNull();
    expect(page.total).toBe(2 + 8 + 4 + 7);
    expect(page.counts).toMatchObject({ nodes: 8, frames: 7, supports: 4 });
    expect(page.nodes.positions.slice(0, 6)).toEqual([0, 0, 0, 6, 0, 0]);
    expect(page.nodes.labels).toEqual({ prefix: ["N"], first: [1], count: [8] });
    expect(page.frames.pairs.slice(0, 2)).toEqual([0, 4]);
    expect(page.sections.names.sort()).toEqual(["HEA240", "IPE300"]);
    expect(page.supports.code).toEqual(["FFFFFF", "FFFFFF", "FFFFFF", "FFFFFF"]);
    const past = await client.callTool({ name: "get_model_geometry", arguments: { modelId, cursor: 1000 } });
    expect(past.isError).toBe(true);
    expect(textOf(past)).toMatch(/cursor 1000 is past the end.*Start again with cursor 0/);
    const other = await bobClient.callTool({ name: "get_model_geometry", arguments: { modelId } });
    expect(other.isError).toBe(true);
    expect(textOf(other)).toMatch(/No model/);
  });

  it("marks get_model_geometry app-only in tools/list (MCP Apps ui.visibility, ChatGPT keys) and no other tool", async () => {
    for (const c of [client, modern]) {
      const { tools } = await c.listTools();
      const appOnly = tools.filter((t) => JSON.stringify((t._meta?.ui as { visibility?: string[] } | undefined)?.visibility) === JSON.stringify(["app"]));
      expect(appOnly.map((t) => t.name)).toEqual(["get_model_geometry"]);
      const meta = appOnly[0]!._meta as Record<string, unknown>;
      expect(meta["openai/widgetAccessible"]).toBe(true);
      expect(meta["openai/visibility"]).toBe("private");
      expect(appOnly[0]!.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, openWorldHint: false });
      for (const t of tools.filter((x) => x.name !== "get_model_geometry")) {
        expect((t._meta?.ui as { visibility?: string[] } | undefined)?.visibility, t.name).toBeUndefined();
        expect(t._meta?.["openai/visibility"], t.name).toBeUndefined();
      }
    }
  });

  it("never reveals another user's model", async () => {
    const { modelId } = ok<{ modelId: string }>(await client.callTool({ name: "create_model", arguments: { name: "Private" } }));
    for (const [name, args] of [
      ["get_model", { modelId }], ["get_viewer", { modelId }], ["add_elements", { modelId, nodes: [{ x: 0, y: 0, z: 0 }] }],
      ["remove_elements", { modelId, nodes: ["N1"] }], ["list_revisions", { modelId }], ["undo_change", { modelId }],
    ] as const) {
      const res = await bobClient.callTool({ name, arguments: args as Record<string, unknown> });
      expect(res.isError, name).toBe(true);
      expect(textOf(res), name).toMatch(/No model/);
    }
    const listed = ok<{ models: { modelId: string }[] }>(await bobClient.callTool({ name: "list_models", arguments: {} }));
    expect(listed.models.map((m) => m.modelId)).not.toContain(modelId);
  });

  it("refuses write tools to a read-only token: HTTP 403 insufficient_scope, or in the result for ChatGPT", async () => {
    await expect(readOnly.callTool({ name: "create_model", arguments: { name: "Nope" } })).rejects.toThrow(/403|insufficient_scope|Insufficient scope/i);
    const res = await chatgptReadOnly.callTool({ name: "create_model", arguments: { name: "Nope" } });
    expect(res.isError).toBe(true);
    const challenge = (res._meta as Record<string, string[]>)["mcp/www_authenticate"]![0]!;
    expect(challenge).toMatch(/error="insufficient_scope"/);
    expect(challenge).toMatch(/scope="mcp:models:write"/);
    expect(challenge).toMatch(/resource_metadata="http:\/\/localhost:3000\/.well-known\/oauth-protected-resource\/mcp"/);
    // Reads still work with the read scope.
    ok(await readOnly.callTool({ name: "list_models", arguments: {} }));
  });

  it("serves each model as a spectral:// resource and the guide's workflows as prompts", async () => {
    const { modelId } = ok<{ modelId: string }>(await client.callTool({ name: "add_elements", arguments: { name: "Resource", ...threeBay } }));
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toContain(`spectral://models/${modelId}`);
    const read = await client.readResource({ uri: `spectral://models/${modelId}` });
    const json = JSON.parse((read.contents[0] as { text: string }).text);
    expect(json.frames).toHaveLength(7);
    const widget = await client.readResource({ uri: "ui://spectral/viewer.html" });
    expect(widget.contents[0]!.mimeType).toBe("text/html;profile=mcp-app");
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(expect.arrayContaining(["create_draft_model", "add_three_bay_frame", "create_from_json"]));
    const p = await client.getPrompt({ name: "create_draft_model", arguments: { name: "Concept Grid A" } });
    expect(JSON.stringify(p.messages)).toMatch(/Concept Grid A/);
  });

  it("applies a retried write with the same idempotency key only once", async () => {
    const { modelId } = ok<{ modelId: string }>(await client.callTool({ name: "create_model", arguments: { name: "Idem" } }));
    const args = { modelId, idempotency_key: `retry-${modelId}`, nodes: [{ ref: "a", x: 0, y: 0, z: 0 }] };
    const first = ok<{ revision: number; refs: Record<string, string> }>(await client.callTool({ name: "add_elements", arguments: args }));
    const second = ok<{ revision: number; refs: Record<string, string> }>(await client.callTool({ name: "add_elements", arguments: args }));
    expect(second).toEqual(first);
    expect((await loadModel(modelId, alice.id))!.model.nodes).toHaveLength(1);
    const misuse = await client.callTool({ name: "remove_elements", arguments: { modelId, nodes: ["N1"], idempotency_key: args.idempotency_key } });
    expect(misuse.isError).toBe(true);
    expect(textOf(misuse)).toMatch(/already used for add_elements/);
    // A failed call releases its key: fixing the arguments and retrying with the same key works.
    const key = `fix-${modelId}`;
    const bad = await client.callTool({ name: "add_elements", arguments: { modelId, idempotency_key: key, frames: [{ i: "N1", j: "nope" }] } });
    expect(bad.isError).toBe(true);
    ok(await client.callTool({ name: "add_elements", arguments: { modelId, idempotency_key: key, nodes: [{ x: 5, y: 0, z: 0 }] } }));
  });
});
