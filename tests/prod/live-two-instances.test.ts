/**
 * Live viewers across instances: two production servers (`npm start`) on ONE PostgreSQL behind a
 * round-robin balancer. The owner's browser is pinned to instance 0, the assistant's writes to
 * instance 1, so the only way the viewer can learn of them is the database: each revision must
 * still appear in the open page without a navigation, and a viewer whose connection was cut
 * catches up when it is back. SIGTERM with open live streams exits promptly.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { hasBuild, startProdServer, type ProdServer } from "../support/prod-server";
import { createPostgresDatabase, postgresAvailable, type TestDatabase } from "../support/db";
import { launchBrowser } from "../support/browser";
import { startBalancer, type Balancer } from "../support/balancer";
import { PORTAL, connectAssistant, openMarked, shown, signedInPage, stillSamePage, waitForRevision, type Assistant } from "../support/live";
import { writesAppearLive } from "../support/live-scenario";

const viewerOn = { "x-instance": "0" };
const writesOn = { "x-instance": "1" };

describe.skipIf(!hasBuild() || !(await postgresAvailable()))("live viewers with two instances on one PostgreSQL", () => {
  let pg: TestDatabase;
  let lb: Balancer;
  let servers: ProdServer[] = [];
  let browser: Browser;
  let chatgpt: Assistant;
  let page: Page;

  beforeAll(async () => {
    pg = await createPostgresDatabase();
    lb = await startBalancer();
    const env = { SPECTRAL_APP_URL: lb.url };
    [servers, browser] = await Promise.all([Promise.all([startProdServer({ databaseUrl: pg.url, env }), startProdServer({ databaseUrl: pg.url, env })]), launchBrowser()]);
    lb.targets = servers.map((s) => s.port);
    chatgpt = await connectAssistant({ url: lb.url, databaseUrl: pg.url }, `${lb.url}/mcp`, writesOn);
    page = await signedInPage(browser, lb.url, chatgpt.user, viewerOn);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map((s) => s.stop()));
    await lb?.close();
    await pg?.drop();
  });

  const streamsServedBy = (s: ProdServer) => s.logLines().filter((l) => l.msg === "request" && typeof l.path === "string" && (l.path as string).endsWith("/live")).length;

  it("shows each write made on the other instance without a navigation", { timeout: 120_000 }, async () => {
    const { modelId } = await chatgpt.call<{ modelId: string }>("add_elements", { name: "Two-instance live", ...PORTAL });
    await openMarked(page, `${lb.url}/models/${modelId}`);
    await writesAppearLive(page, chatgpt, modelId, 1);
    // The writes went to instance 1 only; the page and its stream to instance 0 only.
    const mcpOn = servers.map((s) => s.logLines().filter((l) => l.msg === "request" && l.path === "/mcp").length);
    expect(mcpOn[0]).toBe(0);
    expect(mcpOn[1]).toBeGreaterThanOrEqual(5);
    expect(streamsServedBy(servers[1]!)).toBe(0);
  });

  it("catches up after the connection was cut while the other instance took writes", { timeout: 120_000 }, async () => {
    const { modelId } = await chatgpt.call<{ modelId: string }>("add_elements", { name: "Two-instance lid", ...PORTAL });
    await openMarked(page, `${lb.url}/models/${modelId}`);
    // Only the browser loses the network; the assistant keeps writing on instance 1.
    lb.cut((req) => req.headers["x-instance"] === "0");
    await page.waitForSelector('[data-testid="live-state"]:not([data-state="live"])', { timeout: 10_000 });
    await chatgpt.call("add_elements", { modelId, nodes: [{ label: "D", x: 6, y: 0, z: 0 }], frames: [{ label: "C2", i: "D", j: "C" }] });
    await chatgpt.call("remove_elements", { modelId, frames: ["B1"] });
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await shown(page)).revision).toBe(1);
    lb.restore();
    await waitForRevision(page, 3, 20_000);
    expect(await shown(page)).toEqual({ revision: 3, nodes: 4, frames: 2 });
    expect(await stillSamePage(page)).toBe(true);
  });

  it("exits promptly on SIGTERM with live streams open", { timeout: 60_000 }, async () => {
    const { modelId } = await chatgpt.call<{ modelId: string }>("add_elements", { name: "Shutdown", ...PORTAL });
    await openMarked(page, `${lb.url}/models/${modelId}`);
    const s = servers[0]!;
    const t0 = Date.now();
    s.child.kill("SIGTERM");
    const code = await s.exited();
    expect(code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });
});
