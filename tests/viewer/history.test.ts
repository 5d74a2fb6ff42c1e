/**
 * History and sharing in the viewer, as users get them (`next start` + Debian chromium): the owner
 * sees the history, opens an old revision read-only, undoes the last change and sees the model
 * change back; invites a viewer (who sees the model but no undo) and removes them again, after
 * which the viewer's URL answers "not found".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { appWithBrowser } from "../support/app";
import type { RunningServer } from "../support/server";
import type { Db } from "@/lib/db/client";
import { addSecondBay, insertConnection, insertPortal, signUp, type PortalIds } from "../support/viewer-fixtures";

let server: RunningServer;
let browser: Browser;
let db: Db;
let ownerCtx: BrowserContext, viewerCtx: BrowserContext;
let owner: { id: string; email: string }, viewer: { id: string; email: string };
let portal: PortalIds;

const app = appWithBrowser();

beforeAll(async () => {
  ({ server, browser, db } = app.current());
  [ownerCtx, viewerCtx] = await Promise.all([browser.newContext({ viewport: { width: 1280, height: 900 } }), browser.newContext({ viewport: { width: 1280, height: 900 } })]);
  const [p1, p2] = await Promise.all([ownerCtx.newPage(), viewerCtx.newPage()]);
  owner = await signUp(p1, server.url, db, "Olivia Owner");
  viewer = await signUp(p2, server.url, db, "Victor Viewer");
  await Promise.all([p1.close(), p2.close()]);
  portal = await insertPortal(db, owner.id, "History frame");
  await addSecondBay(db, portal, owner.id);
}, 180_000);

afterAll(async () => {
  await ownerCtx?.close();
  await viewerCtx?.close();
});

describe("history", () => {
  it("the owner sees the history, opens an old revision read-only and undoes the last change", async () => {
    const page = await ownerCtx.newPage();
    await app.openViewer(page, `/models/${portal.modelId}`);
    await page.getByTestId("tab-history").click();
    const panel = page.getByTestId("history-panel");
    await expect(panel.locator("li[data-revision='2']").textContent()).resolves.toMatch(/#2 Added a bay[\s\S]*you/);
    expect(await page.getByTestId("readonly-banner").count()).toBe(0);

    // An old revision, read-only and clearly marked.
    await Promise.all([page.waitForURL(/\?rev=1$/), panel.locator("li[data-revision='1'] a").click()]);
    await page.waitForSelector('.sv-root[data-ready="true"]', { timeout: 30_000 });
    await expect(page.getByTestId("readonly-banner").textContent()).resolves.toMatch(/Read-only.*revision 1.*latest is 2/);
    await expect(page.getByTestId("revision-of").textContent()).resolves.toMatch(/Revision 1 of 2/);

    // Back to the latest, undo the bay.
    await app.openViewer(page, `/models/${portal.modelId}`);
    await page.getByTestId("tab-history").click();
    await page.getByTestId("undo-last").click();
    await page.waitForSelector("[data-testid='history-panel'] li[data-revision='3']", { timeout: 30_000 });
    await expect(page.locator("li[data-revision='3']").textContent()).resolves.toMatch(/Undid revision 2/);
    await expect(page.getByTestId("revision-of").textContent()).resolves.toMatch(/Revision 3 of 3/);
    expect(await db.node.count({ where: { modelId: portal.modelId } })).toBe(4);
    expect(await db.frame.count({ where: { modelId: portal.modelId } })).toBe(3);

    // Restore revision 2 from the list: the bay comes back as revision 4.
    await page.getByRole("button", { name: "Restore revision 2" }).click();
    await page.waitForSelector("[data-testid='history-panel'] li[data-revision='4']", { timeout: 30_000 });
    expect(await db.node.count({ where: { modelId: portal.modelId } })).toBe(5);
    await page.close();
  });
});

describe("sharing", () => {
  it("the owner invites a viewer who sees the model but no undo; after removal their URL is not found", async () => {
    const page = await ownerCtx.newPage();
    await app.openViewer(page, `/models/${portal.modelId}`);
    await page.getByTestId("tab-sharing").click();
    const sharing = page.getByTestId("sharing-panel");
    await sharing.getByLabel("Invite by email").fill("nobody-here@example.test");
    await sharing.getByRole("button", { name: "Invite" }).click();
    await expect(sharing.getByRole("alert").textContent()).resolves.toMatch(/No Spectral account uses that email/);
    await sharing.getByLabel("Invite by email").fill(viewer.email);
    await sharing.getByLabel("Role", { exact: true }).selectOption("viewer");
    await sharing.getByRole("button", { name: "Invite" }).click();
    await sharing.getByRole("button", { name: "Remove Victor Viewer" }).waitFor({ timeout: 15_000 });

    const vpage = await viewerCtx.newPage();
    await app.openViewer(vpage, `/models/${portal.modelId}`);
    await vpage.getByTestId("tab-history").click();
    await vpage.getByTestId("history-panel").waitFor();
    expect(await vpage.getByTestId("undo-last").count()).toBe(0);
    expect(await vpage.getByRole("button", { name: /Restore/ }).count()).toBe(0);
    await expect(vpage.getByTestId("sharing-panel").textContent()).resolves.toMatch(/Victor Viewer \(you\)viewer/);

    await sharing.getByRole("button", { name: "Remove Victor Viewer" }).click();
    await sharing.getByRole("button", { name: "Remove Victor Viewer" }).waitFor({ state: "detached", timeout: 15_000 });
    const res = await vpage.goto(`${server.url}/models/${portal.modelId}`);
    expect(res?.status()).toBe(404);
    await Promise.all([page.close(), vpage.close()]);
  });
});

describe("who and activity", () => {
  it("names the OAuth client in the history and lists its recent tool calls on the connected-apps page", async () => {
    const clientId = "https://chatgpt.example.test/oauth/client.json";
    await insertConnection(db, owner.id, { clientId, clientName: "ChatGPT", scopes: ["spectral:read"] });
    const other = await insertPortal(db, owner.id, "Assistant frame");
    await addSecondBay(db, other, owner.id);
    await db.modelRevision.updateMany({ where: { modelId: other.modelId, revision: 2 }, data: { source: "mcp", clientId } });
    await db.activityLog.createMany({
      data: [
        { id: `a1_${owner.id}`, userId: owner.id, clientId, tool: "add_elements", modelId: other.modelId, outcome: "ok", durationMs: 42, summary: "nodes: 1" },
        { id: `a2_${owner.id}`, userId: owner.id, clientId, tool: "remove_elements", modelId: other.modelId, outcome: "forbidden", durationMs: 7, summary: "" },
        { id: `a3_${owner.id}`, userId: viewer.id, clientId, tool: "list_models", modelId: null, outcome: "ok", durationMs: 3, summary: "" },
      ],
    });

    const page = await ownerCtx.newPage();
    await app.openViewer(page, `/models/${other.modelId}`);
    await page.getByTestId("tab-history").click();
    await expect(page.locator("[data-testid='history-panel'] li[data-revision='2']").textContent()).resolves.toMatch(/ChatGPT \(OAuth client https:\/\/chatgpt\.example\.test\/[^)]*\) for you/);

    const res = await page.goto(`${server.url}/settings/connections`);
    expect(res?.status()).toBe(200);
    const rows = page.locator(`[data-client-id="${clientId}"] [data-testid='activity-row']`);
    expect(await rows.count()).toBe(2); // the owner's calls only, never another user's
    const text = (await rows.allTextContents()).join("\n");
    expect(text).toMatch(/add_elements.*ok.*42 ms/);
    expect(text).toMatch(/add_elements.*Assistant frame.*ok/); // the model's name, not its id
    expect(text).toMatch(/remove_elements.*forbidden.*7 ms/);
    await page.close();
  });
});
