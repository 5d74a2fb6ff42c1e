/**
 * The viewer as users get it: `next start` + Debian chromium. Access rules (owner, collaborator,
 * share link, nobody else), rendering (a portal frame's columns appear left and right),
 * selection properties, revisions, share links and their revocation, the screenshot route.
 */
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { appWithBrowser } from "../support/app";
import { ensureRendererBuilt } from "./widget-build";
import type { RunningServer } from "../support/server";
import type { Db } from "@/lib/db/client";
import { addMember, addSecondBay, insertPortal, insertUser, signUp, type PortalIds } from "../support/viewer-fixtures";
import { decodePng, litColumns, litPixels, pngSize } from "../support/png";

let server: RunningServer;
let browser: Browser;
let db: Db;
let ownerCtx: BrowserContext;
let owner: { id: string; email: string };
let portal: PortalIds;
let othersModel: PortalIds;
let sharedWithOwner: PortalIds;

/** The canvas as the viewer draws it now (rendered on demand, decoded). */
async function capture(page: Page) {
  const dataUrl = await page.evaluate(() => window.__spectralViewer!.capturePng());
  return decodePng(Buffer.from(dataUrl.slice(dataUrl.indexOf(",") + 1), "base64"));
}

/** Clicks a node or frame where the viewer draws it. */
async function clickElement(page: Page, kind: "node" | "frame", index: number): Promise<void> {
  const p = await page.evaluate(([k, i]) => window.__spectralViewer!.screenPosition({ kind: k, index: i }), [kind, index] as const);
  const box = (await page.locator("canvas").boundingBox())!;
  expect(p).not.toBeNull();
  await page.mouse.click(box.x + p!.x, box.y + p!.y);
}

const app = appWithBrowser({ alsoWaitFor: ensureRendererBuilt });

beforeAll(async () => {
  ({ server, browser, db } = app.current());
  ownerCtx = await browser.newContext({ viewport: { width: 1280, height: 760 } });
  const page = await ownerCtx.newPage();
  owner = await signUp(page, server.url, db, "Olivia Owner");
  await page.close();
  portal = await insertPortal(db, owner.id, "Portal frame");
  await addSecondBay(db, portal, owner.id);
  const other = await insertUser(db, "Oscar Other");
  othersModel = await insertPortal(db, other.id, "Oscar's private frame");
  sharedWithOwner = await insertPortal(db, other.id, "Shared with Olivia");
  await addMember(db, sharedWithOwner.modelId, owner.id, "viewer");
}, 180_000);

afterAll(async () => {
  await ownerCtx?.close();
});

describe("access", () => {
  it("sends a signed-out visitor to sign-in, then back to the model", async () => {
    const res = await fetch(`${server.url}/models/${portal.modelId}?rev=1`, { redirect: "manual" });
    expect([303, 307, 308]).toContain(res.status);
    const loc = new URL(res.headers.get("location")!, server.url);
    expect(loc.pathname).toBe("/signin");
    expect(loc.searchParams.get("callbackUrl")).toBe(`/models/${portal.modelId}?rev=1`);
  });

  it("answers 'not found' for another user's model, an unknown model and a bad revision", async () => {
    const page = await ownerCtx.newPage();
    for (const path of [`/models/${othersModel.modelId}`, `/models/nope-${randomBytes(4).toString("hex")}`, `/models/${portal.modelId}?rev=9`, `/models/${portal.modelId}?rev=x`]) {
      const res = await page.goto(`${server.url}${path}`);
      expect(res?.status(), path).toBe(404);
      expect(await page.textContent("body")).toMatch(/not (be )?found/i);
      expect(await page.textContent("body")).not.toContain("Oscar's private frame");
    }
    await page.close();
  });

  it("lists the user's own and shared models with role, counts and revision, and not others'", async () => {
    const page = await ownerCtx.newPage();
    await page.goto(`${server.url}/models`);
    const own = page.locator(`tr[data-model-id="${portal.modelId}"]`);
    await expect(own.locator("td").allInnerTexts()).resolves.toEqual([expect.stringMatching(/^Portal frame\n/), "owner", "5", "4", "2", "2", "2", "Not analysed", expect.any(String)]);
    const shared = page.locator(`tr[data-model-id="${sharedWithOwner.modelId}"]`);
    expect(await shared.locator("td").nth(1).innerText()).toBe("viewer");
    expect(await page.locator(`tr[data-model-id="${othersModel.modelId}"]`).count()).toBe(0);
    await page.locator(`tr[data-model-id="${portal.modelId}"] a`).click();
    await page.waitForURL(`**/models/${portal.modelId}`);
    await page.close();
  });

  it("opens a model shared with the user (viewer role) without the Share action", async () => {
    const page = await ownerCtx.newPage();
    await app.openViewer(page, `/models/${sharedWithOwner.modelId}`);
    expect(await page.getByRole("button", { name: "Share" }).count()).toBe(0);
    expect(await page.locator(".sv-role").innerText()).toContain("viewer");
    await page.close();
  });
});

describe("rendering and inspection", () => {
  it("draws the portal frame: columns left and right in the front view, a beam across the top", async () => {
    const page = await ownerCtx.newPage();
    await app.openViewer(page, `/models/${portal.modelId}?rev=1`);
    const iso = await capture(page);
    expect(litPixels(iso)).toBeGreaterThan(1500);
    await page.keyboard.press("g"); // grid off: only the model remains
    await page.keyboard.press("2"); // front view
    expect(await page.locator(".sv-root").getAttribute("data-view")).toBe("front");
    const front = await capture(page);
    const cols = litColumns(front, 0.3, { y0: 0.25, y1: 0.75 });
    expect(cols.length).toBeGreaterThan(0);
    expect(Math.min(...cols)).toBeLessThan(0.3); // left column
    expect(Math.max(...cols)).toBeGreaterThan(0.7); // right column
    expect(cols.filter((x) => x > 0.35 && x < 0.65)).toEqual([]); // nothing vertical in between
    // the beam: lit pixels across the middle of the upper part, none across the middle of the lower part
    expect(litPixels(front, { x0: 0.4, x1: 0.6, y0: 0.05, y1: 0.4 })).toBeGreaterThan(20);
    expect(litPixels(front, { x0: 0.4, x1: 0.6, y0: 0.5, y1: 0.8 })).toBe(0);
    // few draw calls: grid is off; frames, nodes, supports (2 kinds), load arrows (2)
    const info = await page.evaluate(() => window.__spectralViewer!.info());
    expect(info.calls).toBeLessThanOrEqual(8);
    // "Download PNG" saves what the canvas shows, on a sheet with a title block above and the legend below
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download PNG" }).click()]);
    expect(download.suggestedFilename()).toBe("Portal-frame-rev1-front.png");
    const saved = readFileSync((await download.path())!);
    expect(pngSize(saved).width).toBe(front.width);
    expect(pngSize(saved).height).toBeGreaterThan(front.height + 60);
    await page.close();
  });

  it("shows the model's name, revision, counts and display units in the panel", async () => {
    const page = await ownerCtx.newPage();
    await app.openViewer(page, `/models/${portal.modelId}`);
    expect(await page.locator(".sv-title").innerText()).toBe("Portal frame");
    expect(await page.getByTestId("revision").innerText()).toBe("rev 2");
    expect(await page.getByTestId("count-nodes").innerText()).toBe("5");
    expect(await page.getByTestId("count-frames").innerText()).toBe("4");
    expect(await page.getByTestId("count-supports").innerText()).toBe("2");
    expect(await page.locator(".sv-sub").innerText()).toContain("mm, kN");
    expect(await page.getByTestId("revision-of").innerText()).toBe("Revision 2 of 2");
    expect(await page.title()).toBe("Portal frame · rev 2 · Spectral");
    await page.close();
  });

  it("selects a node and a frame and shows their properties in display units; Esc clears", async () => {
    const page = await ownerCtx.newPage();
    await app.openViewer(page, `/models/${portal.modelId}?rev=1`);
    await page.keyboard.press("2");
    await clickElement(page, "node", 2); // N3 at (6, 0, 4) m
    await expect(page.getByTestId("selection-title").innerText()).resolves.toBe("Node N3");
    expect(await page.getByTestId("prop-x").innerText()).toBe("6 m");
    expect(await page.getByTestId("prop-y").innerText()).toBe("0 m");
    expect(await page.getByTestId("prop-z").innerText()).toBe("4 m");
    await clickElement(page, "frame", 1); // B1
    await expect(page.getByTestId("selection-title").innerText()).resolves.toBe("Frame B1");
    expect(await page.getByTestId("prop-length").innerText()).toBe("6 m");
    expect(await page.getByTestId("prop-section").innerText()).toBe("IPE300");
    expect(await page.getByTestId("prop-material").innerText()).toBe("S275");
    expect(await page.getByTestId("prop-releases").innerText()).toBe("i FFFFFR, j FFFFFR");
    expect(await page.getByTestId("prop-nodes").innerText()).toBe("N2 → N3");
    expect(await page.getByTestId("prop-local-y").innerText()).toBe("(0, 0, 1)"); // a beam's local y is up
    await clickElement(page, "node", 0); // N1: fixed support
    await expect(page.getByTestId("prop-support").innerText()).resolves.toBe("FFFFFF (fixed)");
    await page.keyboard.press("Escape");
    expect(await page.getByTestId("selection-title").count()).toBe(0);
    await page.close();
  });

  it("?rev=1 shows the earlier revision", async () => {
    const page = await ownerCtx.newPage();
    await app.openViewer(page, `/models/${portal.modelId}?rev=1`);
    expect(await page.getByTestId("revision").innerText()).toBe("rev 1");
    expect(await page.getByTestId("revision-of").innerText()).toBe("Revision 1 of 2");
    expect(await page.getByTestId("count-nodes").innerText()).toBe("4");
    expect(await page.getByTestId("count-frames").innerText()).toBe("3");
    await page.close();
  });
});

describe("share links", () => {
  it("a link opens the viewer without an account and stops working when revoked", async () => {
    const page = await ownerCtx.newPage();
    await app.openViewer(page, `/models/${portal.modelId}`);
    await page.getByRole("button", { name: "Share" }).click();
    await page.getByRole("button", { name: "Create link" }).click();
    const input = page.getByLabel("Share link");
    await input.waitFor();
    const url = await input.inputValue();
    expect(url).toMatch(new RegExp(`^${server.url}/s/[A-Za-z0-9_-]{43}$`));
    const token = url.split("/s/")[1]!;
    // only the hash is stored
    const row = await db.shareLink.findFirst({ where: { modelId: portal.modelId }, orderBy: { createdAt: "desc" } });
    expect(row?.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token);

    const anon = await browser.newContext();
    const viewer = await anon.newPage();
    await viewer.goto(url);
    await viewer.waitForSelector('.sv-root[data-ready="true"]');
    expect(await viewer.getByTestId("count-frames").innerText()).toBe("4");
    expect(await viewer.getByRole("button", { name: "Share" }).count()).toBe(0);
    expect(await viewer.locator(".sv-role").innerText()).toContain("read-only");
    // the shared link also serves earlier revisions
    await viewer.goto(`${url}?rev=1`);
    await viewer.waitForSelector('.sv-root[data-ready="true"]');
    expect(await viewer.getByTestId("count-frames").innerText()).toBe("3");

    await page.getByRole("button", { name: "Revoke" }).first().click();
    await expect.poll(async () => (await db.shareLink.findUnique({ where: { id: row!.id } }))?.revokedAt ?? null, { timeout: 10_000 }).not.toBeNull();
    const res = await viewer.goto(url);
    expect(res?.status()).toBe(404);
    await anon.close();
    await page.close();
  });

  it("a made-up or malformed token is not found", async () => {
    for (const t of [randomBytes(32).toString("base64url"), "short", "../../etc"]) {
      const res = await fetch(`${server.url}/s/${encodeURIComponent(t)}`);
      expect(res.status, t).toBe(404);
    }
  });
});

describe("screenshot route", () => {
  it("returns a PNG of the requested size for the owner, with the same access rules as the page", async () => {
    const path = `/api/models/${portal.modelId}/screenshot?view=front&width=640&height=400`;
    const res = await ownerCtx.request.get(`${server.url}${path}`);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("image/png");
    const png = await res.body();
    expect(pngSize(png)).toEqual({ width: 640, height: 400 });
    const img = decodePng(png);
    expect(litPixels(img, { x0: 0, x1: 1, y0: 0, y1: 0.9 })).toBeGreaterThan(500);

    expect((await fetch(`${server.url}${path}`)).status).toBe(401);
    expect((await ownerCtx.request.get(`${server.url}/api/models/${othersModel.modelId}/screenshot`)).status()).toBe(404);
    expect((await ownerCtx.request.get(`${server.url}/api/models/${portal.modelId}/screenshot?view=sideways`)).status()).toBe(400);

    // a share token grants the picture without an account
    const token = randomBytes(32).toString("base64url");
    await db.shareLink.create({ data: { id: `sl${randomBytes(6).toString("hex")}`, modelId: portal.modelId, tokenHash: createHash("sha256").update(token).digest("hex"), createdBy: owner.id } });
    const shared = await fetch(`${server.url}/api/models/${portal.modelId}/screenshot?view=iso&width=300&height=200&share=${token}`);
    expect(shared.status).toBe(200);
    expect(pngSize(new Uint8Array(await shared.arrayBuffer()))).toEqual({ width: 300, height: 200 });
    // …but only for the model it was made for
    expect((await fetch(`${server.url}/api/models/${othersModel.modelId}/screenshot?share=${token}`)).status).toBe(404);
  });
});
