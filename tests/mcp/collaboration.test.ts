/**
 * Collaboration through a real MCP client (in-process): editors write, viewers are refused with a
 * clear message, a removed collaborator's next call finds no model, list_models shows the role,
 * and undo through the web's function (lib/history/undo.ts) and through undo_change agree.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Client } from "@modelcontextprotocol/client";
import { loadModel } from "@/lib/db/models";
import type { AppError } from "@/lib/structural/errors";
import { inviteCollaborator, removeCollaborator } from "@/lib/db/collaborators";
import { undoModel } from "@/lib/history/undo";
import type { StructuralModel } from "@/lib/structural";
import { describeOnEachDatabase } from "../support/db";
import { createUser } from "../support/fixtures";
import { connectClient, ok, textOf } from "../support/mcp-inprocess";

const portal = {
  nodes: [{ ref: "a", x: 0, y: 0, z: 0 }, { ref: "b", x: 6, y: 0, z: 0 }, { ref: "A", x: 0, y: 0, z: 4 }, { ref: "B", x: 6, y: 0, z: 4 }],
  frames: [{ i: "a", j: "A", section: "HEA240", material: "S355", role: "column" }, { i: "b", j: "B", section: "HEA240", material: "S355", role: "column" }, { i: "A", j: "B", section: "IPE300", material: "S355", role: "beam" }],
  supports: [{ node: "a", type: "fixed" }, { node: "b", type: "fixed" }],
};

const norm = (m: StructuralModel) =>
  JSON.stringify([
    m.meta.name,
    ...(["nodes", "frames", "supports", "sections", "materials", "loadCases", "loads", "combinations"] as const).map((k) =>
      [...(m[k] as { id: string }[])].sort((a, b) => a.id.localeCompare(b.id)),
    ),
  ]);

describeOnEachDatabase("collaboration over MCP", (t) => {
  let owner: { id: string; email: string }, editor: { id: string; email: string }, viewer: { id: string; email: string };
  let ownerC: Client, editorC: Client, viewerC: Client;
  let modelId: string;

  beforeAll(async () => {
    [owner, editor, viewer] = await Promise.all([createUser(t.db, "Owner"), createUser(t.db, "Editor"), createUser(t.db, "Viewer")]);
    const clients = await Promise.all([owner, editor, viewer].map((u) => connectClient({ userId: u.id, clientId: `client-${u.id}` })));
    [ownerC, editorC, viewerC] = clients as [Client, Client, Client];
    modelId = ok<{ modelId: string }>(await ownerC.callTool({ name: "add_elements", arguments: { name: "Shared portal", ...portal } })).modelId;
    await inviteCollaborator(owner.id, modelId, editor.email, "editor");
    await inviteCollaborator(owner.id, modelId, viewer.email, "viewer");
  });
  afterAll(async () => {
    for (const c of [ownerC, editorC, viewerC]) await c?.close();
  });

  it("list_models shows shared models with the user's role", async () => {
    for (const [c, role] of [[ownerC, "owner"], [editorC, "editor"], [viewerC, "viewer"]] as const) {
      const listed = ok<{ models: { modelId: string; role: string }[] }>(await c.callTool({ name: "list_models", arguments: {} }));
      expect(listed.models.find((m) => m.modelId === modelId)?.role).toBe(role);
    }
  });

  it("an editor can add elements; a viewer can read but gets a clear refusal on writes", async () => {
    const added = ok<{ revision: number }>(await editorC.callTool({ name: "add_elements", arguments: { modelId, nodes: [{ x: 3, y: 0, z: 6 }] } }));
    expect(added.revision).toBe(2);
    ok(await viewerC.callTool({ name: "get_model", arguments: { modelId } }));
    for (const [name, args] of [
      ["add_elements", { modelId, nodes: [{ x: 9, y: 0, z: 0 }] }],
      ["undo_change", { modelId }],
    ] as const) {
      const res = await viewerC.callTool({ name, arguments: args });
      expect(res.isError, name).toBe(true);
      expect(textOf(res)).toMatch(/can view model .* but not change it/);
      expect((res.structuredContent as { error?: { code?: string } } | undefined)?.error?.code).toBe("forbidden");
    }
    expect((await loadModel(modelId, owner.id))!.model.meta.revision).toBe(2);
  });

  it("undo through the web function and through undo_change give the same model", async () => {
    const base = (await loadModel(modelId, owner.id))!.model;
    ok(await editorC.callTool({ name: "remove_elements", arguments: { modelId, nodes: ["N5"] } }));
    const edited = (await loadModel(modelId, owner.id))!.model;
    // Tool undo, then undo that (back to edited), then web undo.
    ok(await ownerC.callTool({ name: "undo_change", arguments: { modelId } }));
    const viaTool = (await loadModel(modelId, owner.id))!.model;
    ok(await ownerC.callTool({ name: "undo_change", arguments: { modelId } }));
    expect(norm((await loadModel(modelId, owner.id))!.model)).toBe(norm(edited));
    const web = await undoModel(modelId, { userId: editor.id, source: "web" });
    const viaWeb = (await loadModel(modelId, owner.id))!.model;
    expect(norm(viaTool)).toBe(norm(base));
    expect(norm(viaWeb)).toBe(norm(viaTool));
    expect(web.revision).toBe(viaWeb.meta.revision);
    expect(web.name).toBe(viaWeb.meta.name);
    // Web undo to an explicit revision: same as the tool's to_revision.
    const r1 = await undoModel(modelId, { userId: owner.id, source: "web" }, 1);
    expect(r1.restoredRevision).toBe(1);
    const hist = ok<{ revisions: { revision: number; summary: string; source: string }[] }>(await ownerC.callTool({ name: "list_revisions", arguments: { modelId } }));
    expect(hist.revisions[0]).toMatchObject({ revision: r1.revision, summary: "Reverted to revision 1", source: "web" });
    ok(await ownerC.callTool({ name: "undo_change", arguments: { modelId } })); // back to the latest edit state for the next test
    await expect(undoModel(modelId, { userId: viewer.id, source: "web" })).rejects.toMatchObject({ code: "forbidden" } satisfies Partial<AppError>);
  });

  it("a removed collaborator gets 'No model' on their very next call", async () => {
    ok(await editorC.callTool({ name: "get_model", arguments: { modelId } }));
    await removeCollaborator(owner.id, modelId, editor.id);
    for (const [name, args] of [
      ["get_model", { modelId }],
      ["add_elements", { modelId, nodes: [{ x: 1, y: 1, z: 1 }] }],
      ["undo_change", { modelId }],
      ["list_revisions", { modelId }],
    ] as const) {
      const res = await editorC.callTool({ name, arguments: args });
      expect(res.isError, name).toBe(true);
      expect(textOf(res), name).toMatch(/No model with id/);
    }
    const listed = ok<{ models: { modelId: string }[] }>(await editorC.callTool({ name: "list_models", arguments: {} }));
    expect(listed.models.find((m) => m.modelId === modelId)).toBeUndefined();
  });
});
