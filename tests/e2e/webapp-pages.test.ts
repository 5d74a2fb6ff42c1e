/**
 * The web app's pages as a new user and an engineer meet them (issue 15), against `next start` +
 * Debian chromium: no page scrolls sideways at 1280×800 or 390×844, unknown models and revoked
 * share links get the app's 404 with a way back, sign-up leads to "connect your assistant", the
 * landing page knows a signed-in user, the model list renames (undoable), deletes after a
 * confirmation and shows the analysis status, sign-up errors mark their fields, sign-in offers help
 * with a forgotten password.
 */
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";
import { openDb, type Db } from "@/lib/db/client";
import { insertConnection, insertPortal, signUp, type PortalIds } from "../support/viewer-fixtures";

let server: RunningServer;
let browser: Browser;
let db: Db;
let ctx: BrowserContext;
let portal: PortalIds;
let shareToken: string;

/** Widest thing on the page beyond the viewport (0 = no sideways scroll). */
async function sideways(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  db = openDb(server.databaseUrl).db;
  ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  const owner = await signUp(page, server.url, db, "Nadia New-User");
  expect(new URL(page.url()).pathname).toBe("/connect");
  await page.close();
  portal = await insertPortal(db, owner.id, "A rather long model name for a two-bay portal frame with a mezzanine");
  // A connected app with recent activity (the connected-apps page's widest content).
  const clientId = "https://chatgpt.example.test/oauth/a-rather-long-client-metadata-document-path/client.json";
  await insertConnection(db, owner.id, { clientId, clientName: "ChatGPT", scopes: ["mcp:models:read", "mcp:models:write"] });
  await db.activityLog.create({ data: { id: `a1_${owner.id}`, userId: owner.id, clientId, tool: "add_elements", modelId: portal.modelId, outcome: "ok", durationMs: 42, summary: "" } });
  shareToken = randomBytes(32).toString("base64url");
  await db.shareLink.create({
    data: { id: `sl${randomBytes(6).toString("hex")}`, modelId: portal.modelId, createdBy: owner.id, tokenHash: createHash("sha256").update(shareToken).digest("hex") },
  });
}, 180_000);

afterAll(async () => {
  await ctx?.close();
  await browser?.close();
  await db?.$disconnect();
  await server?.stop();
});

describe("layout", () => {
  const pages = () => [
    "/", "/signin", "/signup", "/signin/reset", "/connect", "/models", "/settings/connections", "/docs", "/docs/mcp/chatgpt", "/docs/mcp/claude",
    "/docs/mcp/clients", "/docs/mcp/authentication", "/docs/mcp/troubleshooting", "/docs/tools", "/docs/import-format",
    `/models/${portal.modelId}`, `/s/${shareToken}`, "/models/nope",
  ];
  for (const [w, h] of [[1280, 800], [390, 844]] as const) {
    it(`no page scrolls sideways at ${w}×${h}`, async () => {
      const c = await browser.newContext({ viewport: { width: w, height: h }, storageState: await ctx.storageState() });
      const page = await c.newPage();
      const bad: string[] = [];
      for (const path of pages()) {
        await page.goto(`${server.url}${path}`);
        if (path.startsWith("/models/m") || path.startsWith("/s/")) await page.waitForSelector('.sv-root[data-ready="true"]', { timeout: 30_000 });
        const over = await sideways(page);
        if (over > 0) bad.push(`${path}: ${over}px`);
      }
      expect(bad).toEqual([]);
      await c.close();
    }, 240_000);
  }

  it("the header fits a phone: every link is on screen", async () => {
    const c = await browser.newContext({ viewport: { width: 390, height: 844 }, storageState: await ctx.storageState() });
    const page = await c.newPage();
    await page.goto(`${server.url}/models`);
    const boxes = await page.locator(".site-header a, .site-header button").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
    for (const r of boxes) expect(r).toBeLessThanOrEqual(390);
    await c.close();
  });
});

describe("connected apps", () => {
  it("names the model in the activity, and Revoke is on screen on a phone", async () => {
    const c = await browser.newContext({ viewport: { width: 390, height: 844 }, storageState: await ctx.storageState() });
    const page = await c.newPage();
    await page.goto(`${server.url}/settings/connections`);
    await expect(page.getByTestId("activity-model").first().innerText()).resolves.toBe("A rather long model name for a two-bay portal frame with a mezzanine");
    const revoke = (await page.getByRole("button", { name: /^Revoke/ }).boundingBox())!;
    expect(revoke.x + revoke.width).toBeLessThanOrEqual(390);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await c.close();
  });
});

describe("not found", () => {
  it("an unknown model and a revoked share link get the app's 404 with a way back", async () => {
    const page = await ctx.newPage();
    const res = await page.goto(`${server.url}/models/nope-${randomBytes(4).toString("hex")}`);
    expect(res?.status()).toBe(404);
    await expect(page.getByTestId("not-found").innerText()).resolves.toContain("Not found");
    expect(await page.locator(".site-header").count()).toBe(1);
    await expect(page.getByTestId("not-found").getByRole("link", { name: "My models" }).getAttribute("href")).resolves.toBe("/models");
    await db.shareLink.updateMany({ where: { modelId: portal.modelId }, data: { revokedAt: new Date() } });
    const res2 = await page.goto(`${server.url}/s/${shareToken}`);
    expect(res2?.status()).toBe(404);
    await expect(page.getByTestId("not-found").innerText()).resolves.toContain("revoked");
    await page.close();
  });
});

describe("getting started", () => {
  it("sign-up leads to 'connect your assistant' with the MCP URL, a copy button, ChatGPT steps and the docs", async () => {
    const c = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await c.newPage();
    await signUp(page, server.url, db, "Sam Second");
    expect(new URL(page.url()).pathname).toBe("/connect");
    await expect(page.getByTestId("mcp-url").innerText()).resolves.toBe(`${server.url}/mcp`);
    expect(await page.getByRole("button", { name: "Copy URL" }).count()).toBe(1);
    await expect(page.getByTestId("chatgpt-steps").innerText()).resolves.toContain("Developer Mode");
    expect(await page.getByRole("link", { name: "ChatGPT" }).getAttribute("href")).toBe("/docs/mcp/chatgpt");
    // The empty model list shows the same help.
    await page.goto(`${server.url}/models`);
    await expect(page.getByTestId("connect-assistant").getByTestId("mcp-url").innerText()).resolves.toBe(`${server.url}/mcp`);
    // The landing page offers My models, not Sign in / Create account.
    await page.goto(`${server.url}/`);
    const actions = await page.getByTestId("landing-actions").getByRole("link").allInnerTexts();
    expect(actions).toContain("My models");
    expect(actions).not.toContain("Sign in");
    expect(actions).not.toContain("Create account");
    await c.close();
  });

  it("sign-up errors mark the fields they name; sign-in links to password help", async () => {
    const c = await browser.newContext();
    const page = await c.newPage();
    await page.goto(`${server.url}/signup`);
    await page.getByLabel("Name").fill("Pat");
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect.poll(() => page.getByLabel("Email").getAttribute("aria-invalid")).toBe("true");
    await expect(page.getByLabel("Password").getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(page.getByLabel("Name").getAttribute("aria-invalid")).resolves.toBe("false");
    const border = await page.getByLabel("Email").evaluate((e) => getComputedStyle(e).borderTopColor);
    expect(border).toBe("rgb(255, 107, 107)");
    await page.goto(`${server.url}/signin`);
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await expect(page.getByTestId("password-reset").innerText()).resolves.toContain("no email service configured");
    await c.close();
  });
});

describe("my models", () => {
  it("renames (and undoes it), shows the analysis status, and deletes only after a confirmation", async () => {
    const page = await ctx.newPage();
    const m = await insertPortal(db, (await db.model.findUniqueOrThrow({ where: { id: portal.modelId } })).ownerId, "Shed");
    await page.goto(`${server.url}/models`);
    const row = page.locator(`tr[data-model-id="${m.modelId}"]`);
    await expect(row.getByTestId("analysis-status").innerText()).resolves.toBe("Not analysed");
    await row.getByText("Rename").click();
    await row.getByLabel("New name for Shed").fill("Big shed");
    await row.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.getByTestId("models-notice").innerText()).toContain('Renamed to "Big shed"');
    await expect(row.locator("td").first().getByRole("link").innerText()).resolves.toBe("Big shed");
    expect((await db.model.findUniqueOrThrow({ where: { id: m.modelId } })).revision).toBe(2);
    await page.getByTestId("models-notice").getByRole("button", { name: "Undo" }).click();
    await expect.poll(() => page.getByTestId("models-notice").innerText()).toBe("Undone.");
    await expect(row.locator("td").first().getByRole("link").innerText()).resolves.toBe("Shed");
    expect((await db.model.findUniqueOrThrow({ where: { id: m.modelId } })).name).toBe("Shed");
    // Delete: the button does nothing until the box is ticked.
    await row.getByText("Delete…").click();
    await row.getByRole("button", { name: "Delete" }).click();
    expect(await db.model.count({ where: { id: m.modelId } })).toBe(1);
    await row.getByRole("checkbox").check();
    await row.getByRole("button", { name: "Delete" }).click();
    await expect.poll(() => page.getByTestId("models-notice").innerText()).toContain("deleted");
    expect(await db.model.count({ where: { id: m.modelId } })).toBe(0);
    await page.close();
  });
});
