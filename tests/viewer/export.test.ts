/**
 * Exporting from the web app, against `next start` and Debian chromium: the viewer's Export menu
 * lists every format with its file name and what it carries, downloads the revision on screen or
 * the current one, works on share links; the download route streams, and answers a clear error for
 * a bad format, a bad revision and a model the visitor cannot see.
 */
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { appWithBrowser } from "../support/app";
import type { RunningServer } from "../support/server";
import type { Db } from "@/lib/db/client";
import { EXPORT_FORMAT_INFO, EXPORT_FORMATS } from "@/lib/structural/export/format-info";
import { addSecondBay, insertPortal, insertUser, signUp, type PortalIds } from "../support/viewer-fixtures";

let server: RunningServer;
let browser: Browser;
let db: Db;
let ctx: BrowserContext;
let owner: { id: string; email: string };
let portal: PortalIds;
let foreign: PortalIds;

const app = appWithBrowser();

beforeAll(async () => {
  ({ server, browser, db } = app.current());
  ctx = await browser.newContext({ viewport: { width: 1280, height: 760 }, acceptDownloads: true });
  const page = await ctx.newPage();
  owner = await signUp(page, server.url, db, "Erin Exporter");
  await page.close();
  portal = await insertPortal(db, owner.id, "Export portal");
  await addSecondBay(db, portal, owner.id);
  foreign = await insertPortal(db, (await insertUser(db, "Frank Foreign")).id, "Frank's frame");
}, 180_000);

afterAll(async () => {
  await ctx?.close();
});

describe("the viewer's Export menu", () => {
  it("lists every format with its file name and what it carries, and downloads the current revision", async () => {
    const page = await ctx.newPage();
    await app.openViewer(page, `/models/${portal.modelId}`);
    await page.getByRole("button", { name: "Export" }).click();
    const dialog = page.getByRole("dialog", { name: "Export the model" });
    await expect(dialog.isVisible()).resolves.toBe(true);
    expect(await dialog.textContent()).toContain("Export revision 2");
    expect(await dialog.getByRole("radiogroup").count()).toBe(0); // on the latest revision: nothing to choose
    const box = (await dialog.boundingBox())!;
    expect(box.height).toBeGreaterThan(300); // the list is shown, not clipped to a sliver
    const last = (await dialog.locator('a[data-format="dxf"]').boundingBox())!;
    expect(last.y + last.height).toBeLessThanOrEqual(box.y + box.height);
    for (const f of EXPORT_FORMATS) {
      const info = EXPORT_FORMAT_INFO[f];
      const link = dialog.locator(`a[data-format="${f}"]`);
      expect(await link.textContent()).toContain(info.label);
      expect(await link.textContent()).toContain(`Export_portal${info.suffix}`);
      expect(await dialog.textContent()).toContain(info.carries);
      expect(await link.getAttribute("href")).toBe(`/api/models/${portal.modelId}/export?format=${f}`);
    }
    const [download] = await Promise.all([page.waitForEvent("download"), dialog.locator('a[data-format="ifc4"]').click()]);
    expect(download.suggestedFilename()).toBe("Export_portal.ifc");
    const ifc = readFileSync((await download.path())!, "utf8");
    expect(ifc.startsWith("ISO-10303-21;")).toBe(true);
    expect(ifc).toContain("FILE_SCHEMA(('IFC4'));");
    expect(ifc.match(/IFCSTRUCTURALCURVEMEMBER\(/g)).toHaveLength(4); // revision 2 has the second bay
    await page.close();
  });

  it("on an older revision offers that revision or the current one, and exports what was chosen", async () => {
    const page = await ctx.newPage();
    await app.openViewer(page, `/models/${portal.modelId}?rev=1`);
    await page.getByRole("button", { name: "Export" }).click();
    const dialog = page.getByRole("dialog", { name: "Export the model" });
    expect(await dialog.textContent()).toContain("Export revision 1");
    const json = dialog.locator('a[data-format="spectral_json"]');
    expect(await json.getAttribute("href")).toBe(`/api/models/${portal.modelId}/export?format=spectral_json&rev=1`);
    const [d1] = await Promise.all([page.waitForEvent("download"), json.click()]);
    expect((JSON.parse(readFileSync((await d1.path())!, "utf8")) as { frames: unknown[] }).frames).toHaveLength(3);
    await dialog.getByLabel("Current (2)").check();
    expect(await dialog.textContent()).toContain("Export revision 2");
    expect(await json.getAttribute("href")).toBe(`/api/models/${portal.modelId}/export?format=spectral_json`);
    const [d2] = await Promise.all([page.waitForEvent("download"), json.click()]);
    expect((JSON.parse(readFileSync((await d2.path())!, "utf8")) as { frames: unknown[] }).frames).toHaveLength(4);
    await page.close();
  });

  it("works on a share link without an account (the link carries the token)", async () => {
    const token = randomBytes(32).toString("base64url");
    await db.shareLink.create({ data: { id: `sl${randomBytes(6).toString("hex")}`, modelId: portal.modelId, tokenHash: createHash("sha256").update(token).digest("hex"), createdBy: owner.id } });
    const anon = await browser.newContext({ acceptDownloads: true });
    const page = await anon.newPage();
    await app.openViewer(page, `/s/${token}`);
    await page.getByRole("button", { name: "Export" }).click();
    const link = page.locator('a[data-format="dxf"]');
    expect(await link.getAttribute("href")).toBe(`/api/models/${portal.modelId}/export?format=dxf&share=${token}`);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(readFileSync((await download.path())!, "utf8")).toMatch(/^999\nSpectral DXF export/);
    await anon.close();
  });
});

describe("GET /api/models/:id/export", () => {
  it("serves every format to the owner, streamed, with its type and file name", async () => {
    for (const f of EXPORT_FORMATS) {
      const res = await ctx.request.get(`${server.url}/api/models/${portal.modelId}/export?format=${f}`);
      expect(res.status(), f).toBe(200);
      expect(res.headers()["content-type"]).toBe(`${EXPORT_FORMAT_INFO[f].mimeType}; charset=utf-8`);
      expect(res.headers()["content-disposition"]).toBe(`attachment; filename="Export_portal${EXPORT_FORMAT_INFO[f].suffix}"`);
      expect(res.headers()["content-length"]).toBeUndefined(); // streamed (chunked), not buffered
      expect((await res.body()).length).toBeGreaterThan(200);
    }
  });

  it("answers 400 with the list of formats for an unknown format, and 400 for a bad revision", async () => {
    const bad = await ctx.request.get(`${server.url}/api/models/${portal.modelId}/export?format=step`);
    expect(bad.status()).toBe(400);
    const body = (await bad.json()) as { error: string };
    expect(body.error).toMatch(/Unknown export format "step"/);
    for (const f of EXPORT_FORMATS) expect(body.error).toContain(f);
    const rev = await ctx.request.get(`${server.url}/api/models/${portal.modelId}/export?format=dxf&rev=0`);
    expect(rev.status()).toBe(400);
    expect(((await rev.json()) as { error: string }).error).toMatch(/rev must be a revision number/);
  });

  it("answers 404 for another user's model, an unknown model or revision, and a signed-out visitor, revealing nothing", async () => {
    for (const path of [`/api/models/${foreign.modelId}/export?format=ifc4`, `/api/models/nope-${randomBytes(4).toString("hex")}/export`, `/api/models/${portal.modelId}/export?rev=9`]) {
      const res = await ctx.request.get(`${server.url}${path}`);
      expect(res.status(), path).toBe(404);
      const text = await res.text();
      expect(text).toMatch(/Model not found.*or you have no access to it/);
      expect(text).not.toContain("Frank");
    }
    const anon = await fetch(`${server.url}/api/models/${portal.modelId}/export?format=opensees_py`);
    expect(anon.status).toBe(404);
  });
});
