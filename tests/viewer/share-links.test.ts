/**
 * Share links (lib/db/share-links.ts) on a throwaway database: unguessable tokens stored only as
 * SHA-256, owner/editor only, revocation, and the viewer's access through getViewerModel.
 */
import { createHash, randomBytes } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { describeOnEachDatabase } from "../support/db";
import { createShareLink, listShareLinks, resolveShareToken, revokeShareLink } from "@/lib/db/share-links";
import { AppError } from "@/lib/structural/errors";
import { getViewerModel } from "@/lib/db/models";
import { addMember, insertPortal, insertUser, type PortalIds } from "../support/viewer-fixtures";

process.env.SPECTRAL_APP_URL ??= "https://app.spectral.test";

describeOnEachDatabase("share links", (t) => {
  let owner: { id: string }, editor: { id: string }, viewer: { id: string }, stranger: { id: string };
  let model: PortalIds;

  beforeAll(async () => {
    owner = await insertUser(t.db, "Owner");
    editor = await insertUser(t.db, "Editor");
    viewer = await insertUser(t.db, "Viewer");
    stranger = await insertUser(t.db, "Stranger");
    model = await insertPortal(t.db, owner.id);
    await addMember(t.db, model.modelId, editor.id, "editor");
    await addMember(t.db, model.modelId, viewer.id, "viewer");
  });

  it("makes a 256-bit base64url token, stores only its SHA-256 and returns the /s/ URL", async () => {
    const link = await createShareLink(owner.id, model.modelId);
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.url).toBe(`${process.env.SPECTRAL_APP_URL}/s/${link.token}`);
    const row = await t.db.shareLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(link.token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(link.token);
    expect(await resolveShareToken(link.token)).toBe(model.modelId);
    const listed = await listShareLinks(owner.id, model.modelId);
    expect(listed.map((l) => l.id)).toContain(link.id);
    expect(JSON.stringify(listed)).not.toContain(link.token);
  });

  it("lets editors share; refuses viewers (forbidden) and strangers (not found, as for no model)", async () => {
    await expect(createShareLink(editor.id, model.modelId)).resolves.toMatchObject({ url: expect.stringContaining("/s/") });
    await expect(createShareLink(viewer.id, model.modelId)).rejects.toMatchObject({ code: "forbidden" });
    await expect(createShareLink(stranger.id, model.modelId)).rejects.toMatchObject({ code: "not_found" });
    await expect(createShareLink(owner.id, "no-such-model")).rejects.toBeInstanceOf(AppError);
    await expect(listShareLinks(stranger.id, model.modelId)).rejects.toMatchObject({ code: "not_found" });
  });

  it("opens the model read-only through getViewerModel, until revoked", async () => {
    const link = await createShareLink(owner.id, model.modelId);
    const viewed = await getViewerModel(model.modelId, { shareToken: link.token });
    expect(viewed?.role).toBe("share");
    expect(viewed?.model.frames).toHaveLength(3);
    expect(await getViewerModel(model.modelId, { shareToken: randomBytes(32).toString("base64url") })).toBeNull();

    expect(await revokeShareLink(stranger.id, link.id)).toBe(false); // not theirs: nothing happens
    expect(await resolveShareToken(link.token)).toBe(model.modelId);
    expect(await revokeShareLink(owner.id, link.id)).toBe(true);
    expect(await revokeShareLink(owner.id, link.id)).toBe(true); // idempotent
    expect(await resolveShareToken(link.token)).toBeNull();
    expect(await getViewerModel(model.modelId, { shareToken: link.token })).toBeNull();
    const row = (await listShareLinks(owner.id, model.modelId)).find((l) => l.id === link.id);
    expect(row?.revokedAt).toBeInstanceOf(Date);
  });

  it("a token for one model opens no other", async () => {
    const other = await insertPortal(t.db, owner.id, "Second");
    const link = await createShareLink(owner.id, model.modelId);
    expect(await getViewerModel(other.modelId, { shareToken: link.token })).toBeNull();
  });

  it.each([null, undefined, "", "short", "x".repeat(43) + "=", "../../etc/passwd", randomBytes(32).toString("base64url")])("resolves %j to nothing", async (tok) => {
    expect(await resolveShareToken(tok)).toBeNull();
  });
});
