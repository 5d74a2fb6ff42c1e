/**
 * The viewer as a structural engineer uses it (issue 15), against `next start` + Debian chromium:
 * the tabbed panel (order, width, resizing), one load-case selector for loads and results, the
 * end-forces units (j-end forces in kN, not kN·m), engineering units and the per-user SI/US choice,
 * values and a matching legend on the view, isolation, the results table (sort, CSV), the PNG sheet
 * and keyboard shortcuts after a panel control was used.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { appWithBrowser } from "../support/app";
import type { RunningServer } from "../support/server";
import type { Db } from "@/lib/db/client";
import { insertPortal, signUp, type PortalIds } from "../support/viewer-fixtures";
import { decodePng } from "../support/png";

let server: RunningServer;
let browser: Browser;
let db: Db;
let ctx: BrowserContext;
let owner: { id: string; email: string };
let portal: PortalIds;

async function clickFrame(page: Page, index: number): Promise<void> {
  const p = await page.evaluate((i) => window.__spectralViewer!.screenPosition({ kind: "frame", index: i }), index);
  const box = (await page.locator("canvas").boundingBox())!;
  await page.mouse.click(box.x + p!.x, box.y + p!.y);
}

/** Analyses the portal through the Results tab (once per suite). */
async function analysed(page: Page): Promise<void> {
  await page.getByTestId("tab-results").click();
  if (await page.getByTestId("results-none").count()) {
    await page.getByTestId("analyse").click();
  }
  await page.getByTestId("results-max-displacement").waitFor({ timeout: 90_000 });
}

const app = appWithBrowser();

beforeAll(async () => {
  ({ server, browser, db } = app.current());
  ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await ctx.newPage();
  owner = await signUp(page, server.url, db, "Erin Engineer");
  await page.close();
  portal = await insertPortal(db, owner.id, "Portal frame");
}, 180_000);

afterAll(async () => {
  await ctx?.close();
});

describe("the side panel", () => {
  it("has tabs Model, Loads, Results, History, Sharing, nothing wider than the panel, and can be resized", async () => {
    const page = await ctx.newPage();
    await app.openViewer(page, `/models/${portal.modelId}`);
    await expect(page.getByRole("tab").allInnerTexts()).resolves.toEqual(["Model", "Loads", "Results", "History", "Sharing"]);
    // The counts are on the first tab, above the fold.
    const counts = await page.getByTestId("count-frames").boundingBox();
    expect(counts!.y + counts!.height).toBeLessThan(800);
    for (const tab of ["model", "loads", "results", "history", "sharing"]) {
      await page.getByTestId(`tab-${tab}`).click();
      const overflow = await page.evaluate(() => {
        const scroll = document.querySelector(".sv-panel-scroll") as HTMLElement;
        const right = scroll.getBoundingClientRect().right;
        const wide = [...scroll.querySelectorAll("*")].filter((el) => (el as HTMLElement).offsetParent !== null && el.getBoundingClientRect().right > right + 0.5);
        return { sideways: scroll.scrollWidth - scroll.clientWidth, wide: wide.map((el) => el.outerHTML.slice(0, 80)) };
      });
      expect(overflow, tab).toEqual({ sideways: 0, wide: [] });
    }
    const before = (await page.getByTestId("side-panel").boundingBox())!.width;
    await page.getByTestId("panel-resize").focus();
    for (let k = 0; k < 3; k++) await page.keyboard.press("ArrowRight");
    const after = (await page.getByTestId("side-panel").boundingBox())!.width;
    expect(after).toBeGreaterThanOrEqual(before + 59);
    // ☰ hides it.
    await page.getByRole("button", { name: "Toggle the model panel" }).click();
    expect(await page.getByTestId("side-panel").count()).toBe(0);
    await page.close();
  });

  it("on a 390 px phone opens on the model; the panel is a drawer that leaves part of the view", async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, storageState: await ctx.storageState() });
    const page = await phone.newPage();
    await app.openViewer(page, `/models/${portal.modelId}`);
    expect(await page.getByTestId("side-panel").count()).toBe(0);
    await page.getByRole("button", { name: "Toggle the model panel" }).click();
    const box = (await page.getByTestId("side-panel").boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(0.9 * 390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.close();
  });

  it("keeps the keyboard shortcuts working after a panel checkbox or list was used", async () => {
    const page = await ctx.newPage();
    await app.openViewer(page, `/models/${portal.modelId}`);
    await page.getByRole("checkbox", { name: "Grid" }).click();
    await page.keyboard.press("s");
    await expect(page.getByRole("button", { name: "Solid" }).getAttribute("aria-pressed")).resolves.toBe("true");
    await page.getByTestId("load-case").selectOption({ label: "Dead (1 load)" });
    await page.keyboard.press("2");
    await expect(page.locator(".sv-root").getAttribute("data-view")).resolves.toBe("front");
    await page.close();
  });
});

describe("units and results", () => {
  it("labels every end force with its own unit: N, V in kN and T, M in kN·m at both ends", async () => {
    const page = await ctx.newPage();
    await app.openViewer(page, `/models/${portal.modelId}`);
    await page.getByTestId("load-case").selectOption({ label: "Dead (1 load)" });
    await analysed(page);
    await clickFrame(page, 0);
    const rows = await page.locator("[data-testid='res-end-forces'] tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText)));
    expect(rows.map((r) => r[0])).toEqual(["N", "Vy", "Vz", "T", "My", "Mz"]);
    for (const [name, i, j] of rows) {
      const unit = name === "T" || name!.startsWith("M") ? / kN·m$/ : / kN$/;
      expect(i, `${name} at i`).toMatch(unit);
      expect(j, `${name} at j`).toMatch(unit);
    }
    await page.close();
  });

  it("one load-case selector drives the drawn loads and the results", async () => {
    const page = await ctx.newPage();
    await app.openViewer(page, `/models/${portal.modelId}`);
    await analysed(page);
    expect(await page.locator("select").evaluateAll((s) => s.filter((x) => /load case/i.test(x.closest("label")?.innerText ?? "")).length)).toBe(1);
    await page.getByTestId("load-case").selectOption({ label: "Dead (1 load)" });
    await expect.poll(() => page.locator(".sv-results-head strong").innerText()).toBe("Results: Dead");
    await page.getByTestId("tab-loads").click();
    await expect(page.getByTestId("loads-table").innerText()).resolves.toContain("B1");
    await expect(page.getByTestId("stage-legend").innerText()).resolves.toContain("Loads: Dead");
    await page.getByTestId("load-case").selectOption({ label: "Wind (1 load)" });
    await expect(page.getByTestId("loads-table").innerText()).resolves.toContain("N2");
    await expect(page.getByTestId("stage-legend").innerText()).resolves.toContain("Loads: Wind");
    await page.getByTestId("tab-results").click();
    await expect.poll(() => page.locator(".sv-results-head strong").innerText()).toBe("Results: Wind");
    await page.close();
  });

  it("shows engineering units, strong/weak axes, and the user's SI/US choice is kept", async () => {
    const page = await ctx.newPage();
    await app.openViewer(page, `/models/${portal.modelId}`);
    await clickFrame(page, 1);
    await expect(page.getByTestId("prop-iz").innerText()).resolves.toBe("8356 cm⁴");
    await expect(page.locator("dt", { hasText: "Iz (strong)" }).count()).resolves.toBe(1);
    await expect(page.locator("dt", { hasText: "Iy (weak)" }).count()).resolves.toBe(1);
    await expect(page.getByTestId("prop-length").innerText()).resolves.toBe("6 m");
    await page.getByTestId("unit-system").selectOption("US");
    await expect(page.getByTestId("prop-iz").innerText()).resolves.toBe("200.8 in⁴");
    await expect(page.getByTestId("prop-length").innerText()).resolves.toBe("19.69 ft");
    await expect.poll(async () => (await db.user.findUnique({ where: { id: owner.id }, select: { unitSystem: true } }))?.unitSystem).toBe("US");
    await app.openViewer(page, `/models/${portal.modelId}`);
    await expect(page.getByTestId("unit-system").inputValue()).resolves.toBe("US");
    await page.getByTestId("unit-system").selectOption("SI");
    await expect.poll(async () => (await db.user.findUnique({ where: { id: owner.id }, select: { unitSystem: true } }))?.unitSystem).toBe("SI");
    await page.close();
  });

  it("writes extremes and reactions on the model, and the legend follows what is drawn", async () => {
    const page = await ctx.newPage();
    await app.openViewer(page, `/models/${portal.modelId}`);
    await page.getByTestId("load-case").selectOption({ label: "Dead (1 load)" });
    await analysed(page);
    await expect(page.getByTestId("stage-legend").innerText()).resolves.toContain("Sections");
    await page.getByTestId("results-color").selectOption("N");
    const legend = await page.getByTestId("stage-legend").innerText();
    expect(legend).toContain("Frames by |N|");
    expect(legend).not.toContain("Sections");
    await page.getByTestId("tab-model").click();
    await expect(page.getByTestId("model-legend-replaced").innerText()).resolves.toContain("|N|");
    await page.getByTestId("tab-results").click();
    await page.getByTestId("results-diagram").selectOption("Mz");
    await page.getByTestId("results-reactions").check();
    await expect.poll(() => page.locator(".sv-value:visible").count()).toBeGreaterThan(1);
    const values = await page.locator(".sv-value:visible").allInnerTexts();
    expect(values.some((v) => / kN·m$/.test(v))).toBe(true);
    expect(values.some((v) => /^R .* kN$/.test(v))).toBe(true);
    await expect(page.getByTestId("stage-legend").innerText()).resolves.toMatch(/Moment Mz, strong axis \(kN·m\)[\s\S]*sagging/);
    await page.getByTestId("results-deflected").check();
    await expect(page.getByTestId("stage-legend").innerText()).resolves.toContain("Undeformed model");
    await page.close();
  });

  it("isolates a storey in plan and a grid line in elevation", async () => {
    const page = await ctx.newPage();
    await app.openViewer(page, `/models/${portal.modelId}`);
    const options = await page.getByTestId("isolate").locator("option").allInnerTexts();
    expect(options).toContain("Z = 4 m");
    await page.getByTestId("isolate").selectOption({ label: "Z = 4 m" });
    await expect(page.locator(".sv-root").getAttribute("data-view")).resolves.toBe("top");
    await expect(page.getByTestId("stage-legend").innerText()).resolves.toContain("Z = 4 m");
    await page.getByTestId("isolate").selectOption({ label: "Y = 0 m" });
    await expect(page.locator(".sv-root").getAttribute("data-view")).resolves.toBe("front");
    await page.close();
  });

  it("has a sortable results table with a CSV download", async () => {
    const page = await ctx.newPage();
    await app.openViewer(page, `/models/${portal.modelId}`);
    await page.getByTestId("load-case").selectOption({ label: "Dead (1 load)" });
    await analysed(page);
    await page.getByTestId("open-results-table").click();
    const table = page.getByTestId("results-table");
    await expect(table.locator("th").allInnerTexts()).resolves.toEqual(["Frame", "End", "N (kN)", "Vy (kN)", "Vz (kN)", "T (kN·m)", "My (kN·m)", "Mz (kN·m)"]);
    await table.getByTestId("sort-7").click(); // Mz, largest first
    const mz = (await table.locator("tbody tr td:nth-child(8)").allInnerTexts()).map(Number);
    expect(mz).toEqual([...mz].sort((a, b) => b - a));
    await table.getByTestId("results-table-kind").selectOption("reactions");
    const [download] = await Promise.all([page.waitForEvent("download"), table.getByTestId("results-csv").click()]);
    const csv = readFileSync((await download.path())!, "utf8").split("\r\n");
    expect(csv[0]).toBe("Node,Rx (kN),Ry (kN),Rz (kN),|R| (kN),Mx (kN·m),My (kN·m),Mz (kN·m)");
    expect(csv.filter(Boolean)).toHaveLength(3); // header + two supports
    // Dead load: 5 kN/m over 6 m, so the vertical reactions sum to 30 kN.
    const rz = csv.slice(1).filter(Boolean).map((l) => Number(l.split(",")[3]));
    expect(Math.abs(rz[0]! + rz[1]! - 30)).toBeLessThan(1e-3);
    await page.close();
  });

  it("downloads a PNG sheet with a title block and legend above and below the view", async () => {
    const page = await ctx.newPage();
    await app.openViewer(page, `/models/${portal.modelId}`);
    await page.keyboard.press("2"); // front elevation: parallel, so the sheet has a scale bar
    const canvas = await page.evaluate(() => (document.querySelector("canvas") as HTMLCanvasElement).height);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download PNG" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^Portal-frame-rev1-front\.png$/);
    const png = decodePng(readFileSync((await download.path())!));
    expect(png.height).toBeGreaterThan(canvas + 60);
    await page.close();
  });
});
