/**
 * Collaborators (lib/db/collaborators.ts) on SQLite and (when reachable) PostgreSQL: only the owner
 * invites, changes, removes and transfers; each role (owner, editor, viewer, stranger, removed)
 * against those and against reading and writing the model; a removed collaborator loses access at once.
 */
import { beforeAll, expect, it } from "vitest";
import {
  changeCollaboratorRole, inviteCollaborator, listCollaborators, removeCollaborator, transferOwnership,
} from "@/lib/db/collaborators";
import { createModel, emptyPatch, getViewerModel, listModelsForUser, loadModel, writeModel } from "@/lib/db/models";
import { newId } from "@/lib/db/ids";
import type { ModelPatch } from "@/lib/structural";
import { describeOnEachDatabase } from "../support/db";
import { createUser } from "../support/fixtures";

type U = { id: string; email: string; name: string };

/** A write that adds one node (the plan writeModel runs). */
function addNode(label: string) {
  return () => {
    const n = { id: newId(), label, x: Math.random(), y: 0, z: 0 };
    const patch = emptyPatch() as unknown as { add: Record<string, unknown[]>; remove: Record<string, string[]> };
    patch.add.nodes = [n];
    const inverse = emptyPatch() as unknown as { remove: Record<string, string[]> };
    inverse.remove.nodes = [n.id];
    return { patch: patch as unknown as ModelPatch, inverse: inverse as unknown as ModelPatch, summary: `add ${label}`, result: n.id };
  };
}

describeOnEachDatabase("collaborators", (t) => {
  let owner: U, editor: U, viewer: U, stranger: U, removed: U;
  let modelId: string;

  beforeAll(async () => {
    const users = await Promise.all(["Olivia Owner", "Ed Editor", "Vera Viewer", "Sam Stranger", "Rita Removed"].map((n) => createUser(t.db, n)));
    [owner, editor, viewer, stranger, removed] = users as [U, U, U, U, U];
    modelId = (await createModel({ userId: owner.id, source: "web" }, { name: "Shared frame" })).id;
    await inviteCollaborator(owner.id, modelId, editor.email, "editor");
    await inviteCollaborator(owner.id, modelId, `  ${viewer.email.toUpperCase()} `, "viewer"); // normalized
    await inviteCollaborator(owner.id, modelId, removed.email, "editor");
    await removeCollaborator(owner.id, modelId, removed.id);
  });

  it("lists the owner and collaborators with roles (emails for the owner only); refuses strangers and removed users", async () => {
    const list = await listCollaborators(owner.id, modelId);
    expect(list.map((c) => [c.name, c.role])).toEqual([["Olivia Owner", "owner"], ["Ed Editor", "editor"], ["Vera Viewer", "viewer"]]);
    expect(list[1]!.email).toBe(editor.email);
    const asViewer = await listCollaborators(viewer.id, modelId);
    expect(asViewer.map((c) => c.role)).toEqual(["owner", "editor", "viewer"]);
    expect(asViewer.every((c) => c.email === null)).toBe(true);
    await expect(listCollaborators(stranger.id, modelId)).rejects.toMatchObject({ code: "not_found" });
    await expect(listCollaborators(removed.id, modelId)).rejects.toMatchObject({ code: "not_found" });
  });

  it("invite: unknown email, duplicates, self and bad input give clear errors", async () => {
    await expect(inviteCollaborator(owner.id, modelId, "nobody@example.test", "viewer")).rejects.toThrow(
      "No Spectral account uses that email; ask them to sign up first.",
    );
    await expect(inviteCollaborator(owner.id, modelId, editor.email, "viewer")).rejects.toMatchObject({ code: "conflict" });
    await expect(inviteCollaborator(owner.id, modelId, owner.email, "editor")).rejects.toMatchObject({ code: "invalid" });
    await expect(inviteCollaborator(owner.id, modelId, "not an email", "viewer")).rejects.toMatchObject({ code: "invalid" });
    await expect(inviteCollaborator(owner.id, modelId, stranger.email, "owner")).rejects.toMatchObject({ code: "invalid" });
  });

  it.each([
    ["editor", "forbidden"],
    ["viewer", "forbidden"],
    ["stranger", "not_found"],
    ["removed", "not_found"],
  ] as const)("a %s can not invite, change, remove or transfer (%s)", async (who, code) => {
    const actor = { editor, viewer, stranger, removed }[who];
    await expect(inviteCollaborator(actor.id, modelId, stranger.email, "viewer")).rejects.toMatchObject({ code });
    await expect(changeCollaboratorRole(actor.id, modelId, viewer.id, "editor")).rejects.toMatchObject({ code });
    await expect(removeCollaborator(actor.id, modelId, viewer.id)).rejects.toMatchObject({ code });
    await expect(transferOwnership(actor.id, modelId, editor.id)).rejects.toMatchObject({ code });
    // Nothing changed.
    expect((await listCollaborators(owner.id, modelId)).map((c) => c.role)).toEqual(["owner", "editor", "viewer"]);
  });

  it("reading and writing by role: owner and editor write, viewer reads only, stranger and removed see nothing", async () => {
    expect((await loadModel(modelId, owner.id))?.role).toBe("owner");
    expect((await loadModel(modelId, editor.id))?.role).toBe("editor");
    expect((await loadModel(modelId, viewer.id))?.role).toBe("viewer");
    expect(await loadModel(modelId, stranger.id)).toBeNull();
    expect(await loadModel(modelId, removed.id)).toBeNull();
    expect(await getViewerModel(modelId, { userId: removed.id })).toBeNull();

    await expect(writeModel(modelId, { userId: owner.id, source: "web" }, addNode("O1"))).resolves.toMatchObject({ ok: true });
    await expect(writeModel(modelId, { userId: editor.id, source: "mcp", clientId: "c1" }, addNode("E1"))).resolves.toMatchObject({ ok: true });
    await expect(writeModel(modelId, { userId: viewer.id, source: "web" }, addNode("V1"))).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringContaining("can view"),
    });
    await expect(writeModel(modelId, { userId: stranger.id, source: "web" }, addNode("S1"))).rejects.toMatchObject({ code: "not_found" });
    await expect(writeModel(modelId, { userId: removed.id, source: "web" }, addNode("R1"))).rejects.toMatchObject({ code: "not_found" });
    expect((await loadModel(modelId, owner.id))!.model.nodes.map((n) => n.label).sort()).toEqual(["E1", "O1"]);

    const shared = await listModelsForUser(viewer.id);
    expect(shared.items.find((m) => m.id === modelId)?.role).toBe("viewer");
    expect((await listModelsForUser(removed.id)).items.find((m) => m.id === modelId)).toBeUndefined();
  });

  it("changing a role takes effect at once; removal ends access at once", async () => {
    const other = await createUser(t.db, "Otto Other");
    await inviteCollaborator(owner.id, modelId, other.email, "viewer");
    await expect(writeModel(modelId, { userId: other.id, source: "web" }, addNode("X1"))).rejects.toMatchObject({ code: "forbidden" });
    await changeCollaboratorRole(owner.id, modelId, other.id, "editor");
    await expect(writeModel(modelId, { userId: other.id, source: "web" }, addNode("X2"))).resolves.toMatchObject({ ok: true });
    await expect(changeCollaboratorRole(owner.id, modelId, other.id, "owner")).rejects.toMatchObject({ code: "invalid" });
    await expect(changeCollaboratorRole(owner.id, modelId, stranger.id, "viewer")).rejects.toMatchObject({ code: "not_found" });
    await removeCollaborator(owner.id, modelId, other.id);
    expect(await getViewerModel(modelId, { userId: other.id })).toBeNull();
    await expect(writeModel(modelId, { userId: other.id, source: "web" }, addNode("X3"))).rejects.toMatchObject({ code: "not_found" });
    await expect(removeCollaborator(owner.id, modelId, other.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("transfers ownership to a collaborator; the old owner becomes an editor", async () => {
    const a = await createUser(t.db, "Ann A"), b = await createUser(t.db, "Ben B");
    const { id } = await createModel({ userId: a.id, source: "web" }, { name: "To transfer" });
    await expect(transferOwnership(a.id, id, b.id)).rejects.toMatchObject({ code: "invalid" }); // not a collaborator yet
    await expect(transferOwnership(a.id, id, a.id)).rejects.toMatchObject({ code: "invalid" });
    await inviteCollaborator(a.id, id, b.email, "viewer");
    await transferOwnership(a.id, id, b.id);
    expect((await loadModel(id, b.id))?.role).toBe("owner");
    expect((await loadModel(id, a.id))?.role).toBe("editor");
    expect((await loadModel(id, b.id))!.model.meta.ownerId).toBe(b.id);
    expect((await listCollaborators(b.id, id)).map((c) => [c.userId, c.role])).toEqual([[b.id, "owner"], [a.id, "editor"]]);
    // The old owner can no longer manage access; the new one can.
    await expect(removeCollaborator(a.id, id, b.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(transferOwnership(a.id, id, a.id)).rejects.toMatchObject({ code: "forbidden" });
    await removeCollaborator(b.id, id, a.id);
    expect(await loadModel(id, a.id)).toBeNull();
  });
});
