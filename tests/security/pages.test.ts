/**
 * Pages under attack, in a real browser against the real server (issue 13, item 5 and "Also"):
 *   - every page sends anti-framing and the other security headers, and another site cannot frame
 *     sign-in, the model list, the viewer or connected apps;
 *   - the viewer (WebGL), docs and sign-in/sign-up work under the CSP: no violation reported;
 *   - a server action called with a foreign Origin answers 403, not 500;
 *   - the sign-up form refuses a name with control characters and keeps RTL text and emoji.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { openDb, type Db } from "@/lib/db/client";
import { launchBrowser } from "../support/browser";
import { startServer, asClient, type RunningServer } from "../support/server";
import { rawRequest } from "../support/raw-http";
import { insertPortal, signUp, type PortalIds } from "../support/viewer-fixtures";
import { decodePng, litPixels } from "../support/png";

let server: RunningServer;
let browser: Browser;
let db: Db;
let ownerCtx: BrowserContext;
let portal: PortalIds;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  db = openDb(server.databaseUrl).db;
  ownerCtx = await browser.newContext({ viewport: { width: 1280, height: 760 }, extraHTTPHeaders: asClient() });
  const page = await ownerCtx.newPage();
  const owner = await signUp(page, server.url, db, "Fatima فاطمة 🏗️");
  await page.close();
  portal = await insertPortal(db, owner.id, "Framed?");
}, 180_000);

afterAll(async () => {
  await ownerCtx?.close();
  await browser?.close();
  await db?.$disconnect();
  await server?.stop();
});

/** Collects CSP violations and console errors of a page. */
async function watch(page: Page): Promise<{ violations: string[]; errors: string[] }> {
  const out = { violations: [] as string[], errors: [] as string[] };
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) out.violations.push(m.text());
    else if (m.type() === "error") out.errors.push(m.text());
  });
  await page.exposeFunction("__reportCsp", (s: string) => out.violations.push(s));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => (window as unknown as { __reportCsp(s: string): void }).__reportCsp(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return out;
}

describe("security headers (item 5)", () => {
  it.each(["/", "/signin", "/signup", "/models", "/settings/connections", "/docs", "/docs/tools", "/docs/mcp/chatgpt", "/api/health", "/.well-known/oauth-authorization-server"])("%s sends anti-framing, CSP, nosniff and a referrer policy", async (path) => {
    const res = await fetch(`${server.url}${path}`, { redirect: "manual" });
    expect(res.status).toBeLessThan(500);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
  });

  it("the viewer page of a signed-in user sends them too", async () => {
    const page = await ownerCtx.newPage();
    const res = await page.goto(`${server.url}/models/${portal.modelId}`);
    expect(res!.status()).toBe(200);
    expect(await res!.headerValue("x-frame-options")).toBe("DENY");
    expect(await res!.headerValue("content-security-policy")).toContain("frame-ancestors 'none'");
    await page.close();
  });

  it("another site cannot frame sign-in, models, the viewer or connected apps", async () => {
    const page = await ownerCtx.newPage();
    const paths = ["/signin", "/models", `/models/${portal.modelId}`, "/settings/connections"];
    // An attacker's page (opaque origin) framing ours, as a clickjacking page would.
    const html = paths.map((p) => `<iframe src="${server.url}${p}" width="400" height="300"></iframe>`).join("");
    await page.goto(`data:text/html,${encodeURIComponent(`<!doctype html><body>${html}</body>`)}`, { waitUntil: "load" });
    await page.waitForTimeout(1_000);
    const frames = page.frames().slice(1);
    expect(frames).toHaveLength(paths.length);
    for (const f of frames) {
      // Chromium replaces a frame refused by frame-ancestors / X-Frame-Options with its error page.
      const text = await f.evaluate(() => document.body?.innerText ?? "").catch(() => "");
      expect(f.url().startsWith("chrome-error://") || text === "").toBe(true);
      expect(text).not.toMatch(/Sign in|Framed\?|Connected apps|Spectral/);
    }
    await page.close();
  });

  it("the viewer renders its WebGL scene with no CSP violation", async () => {
    const page = await ownerCtx.newPage();
    const seen = await watch(page);
    await page.goto(`${server.url}/models/${portal.modelId}`);
    await page.waitForSelector('.sv-root[data-ready="true"]', { timeout: 30_000 });
    // Something was drawn: the viewer's own capture of its canvas has lit pixels.
    const dataUrl = await page.evaluate(() => (window as unknown as { __spectralViewer: { capturePng(): string } }).__spectralViewer.capturePng());
    const drawn = litPixels(decodePng(Buffer.from(dataUrl.slice(dataUrl.indexOf(",") + 1), "base64"))) > 500;
    expect(drawn).toBe(true);
    await page.waitForTimeout(500);
    expect(seen.violations).toEqual([]);
    await page.close();
  });

  it.each(["/docs", "/docs/tools", "/docs/mcp/chatgpt", "/signin", "/"])("%s renders with no CSP violation", async (path) => {
    const ctx = await browser.newContext({ extraHTTPHeaders: asClient() });
    const page = await ctx.newPage();
    const seen = await watch(page);
    const res = await page.goto(`${server.url}${path}`, { waitUntil: "networkidle" });
    expect(res!.status()).toBe(200);
    await expect.poll(() => page.locator("h1").count()).toBeGreaterThan(0);
    expect(seen.violations).toEqual([]);
    await ctx.close();
  });
});

describe("server actions (Also)", () => {
  it("a server action called with a foreign Origin answers 403, not 500", async () => {
    const r = await rawRequest(`${server.url}/signup`, {
      method: "POST",
      headers: { origin: "https://attacker.example", "next-action": "0123456789abcdef0123456789abcdef01234567", "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
      body: "[]",
    });
    expect(r.status).toBe(403);
    expect(r.text).toMatch(/server actions only accept requests from this site/);
  });

  it.each(["/models/m%00x", "/models/m1?rev=1%0A", "/api/models/m%00/export?format=spectral_json", "/api/models/m1/screenshot?view=%1B", "/s/tok%00en"])("%s: a control character in a model or share URL is a 400 at the edge", async (path) => {
    const res = await fetch(`${server.url}${path}`, { redirect: "manual" });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/control character/);
  });

  it("the sign-up form refuses a name with a control character, and accepts RTL text and emoji", async () => {
    const ctx = await browser.newContext({ extraHTTPHeaders: asClient() });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/signup`);
    await page.getByLabel("Name").fill("Mallory\u0007\u0000");
    await page.getByLabel("Email").fill(`ctrl-${Date.now()}@example.test`);
    await page.getByLabel("Password").fill("correct horse battery staple 42");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect.poll(() => page.locator("body").innerText(), { timeout: 15_000 }).toMatch(/control character U\+0007/);
    expect(new URL(page.url()).pathname).toBe("/signup");
    await ctx.close();
    // The owner signed up in beforeAll with Arabic text and an emoji.
    const owner = await db.user.findFirst({ where: { name: "Fatima فاطمة 🏗️" } });
    expect(owner).not.toBeNull();
  });
});
