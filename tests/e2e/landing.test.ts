import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

describe("landing page in a real browser", () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("says what Spectral is and links to sign-in, My models and the docs", async () => {
    const page = await browser.newPage();
    const res = await page.goto(`${server.url}/`);
    expect(res?.status()).toBe(200);
    await expect(page.title()).resolves.toBe("Spectral");
    expect(await page.locator("h1").textContent()).toMatch(/structural models/i);
    const links = await page.locator("main a").evaluateAll((as) => as.map((a) => [a.textContent?.trim(), a.getAttribute("href")]));
    expect(links).toEqual(expect.arrayContaining([["Sign in", "/signin"], ["My models", "/models"], ["Connect ChatGPT (docs)", "/docs/mcp/chatgpt"]]));
    await page.close();
  });
});
