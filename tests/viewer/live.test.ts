/**
 * Live viewers (`next start` on SQLite + Debian chromium): while an assistant edits a model
 * through /mcp, the open viewer shows each revision without a reload, says what changed and by
 * whom, and keeps the camera; a viewer whose connection dropped catches up when it comes back;
 * a viewer pinned to an older revision stays on it and says a newer one exists; share links
 * follow too; the stream itself answers bad requests, strangers and too many tabs clearly.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";
import { startBalancer, type Balancer } from "../support/balancer";
import { MAX_STREAMS_PER_VIEWER } from "@/lib/web/live";
import {
  PORTAL, connectAssistant, nodeOnScreen, openMarked, orbit, shown, signedInPage, stillSamePage, toastText, waitForRevision, type Assistant,
} from "./live-support";
import { writesAppearLive } from "./live-scenario";

let server: RunningServer;
let front: Balancer;
let browser: Browser;
let chatgpt: Assistant;
let page: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  // The browser reaches the app through a front whose network the tests can cut.
  front = await startBalancer([server.port]);
  chatgpt = await connectAssistant(server, `${server.url}/mcp`);
  page = await signedInPage(browser, server.url, chatgpt.user);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await front?.close();
  await server?.stop();
});

async function newModel(name: string): Promise<{ modelId: string; viewerUrl: string }> {
  const r = await chatgpt.call<{ modelId: string }>("create_model", { name, ...PORTAL });
  return { modelId: r.modelId, viewerUrl: `${front.url}/models/${r.modelId}` };
}

describe("the open viewer follows the model", () => {
  it("shows add, update, remove and undo as they happen, without a reload, keeping the camera", { timeout: 120_000 }, async () => {
    const { modelId, viewerUrl } = await newModel("Live portal");
    await openMarked(page, viewerUrl);
    expect(await shown(page)).toEqual({ revision: 1, nodes: 3, frames: 2 });
    await orbit(page);
    const before = await nodeOnScreen(page, 0);
    const refetches: string[] = [];
    const onRequest = (r: { url(): string }) => void (r.url().includes("/payload") && refetches.push(r.url()));
    page.on("request", onRequest);

    const took = await writesAppearLive(page, chatgpt, modelId, 1);
    page.off("request", onRequest);
    // Every change arrived as its delta: the geometry was never fetched again.
    expect(refetches).toEqual([]);
    expect(Math.max(...took), `ms from each tool answer to the page: ${took.join(", ")}`).toBeLessThan(5_000);

    // The model grew and shifted its centre, yet node A is where the user left it on screen.
    const after = await nodeOnScreen(page, 0);
    expect(Math.hypot(after.x - before.x, after.y - before.y)).toBeLessThan(1.5);
    expect(await page.getByTestId("revision-of").textContent()).toBe("Revision 5 of 5");
  });

  it("catches up after the connection dropped (a closed lid): every write made meanwhile appears", { timeout: 120_000 }, async () => {
    const { modelId, viewerUrl } = await newModel("Lid closed");
    await openMarked(page, viewerUrl);
    front.cut();
    await page.waitForSelector('[data-testid="live-state"]:not([data-state="live"])', { timeout: 10_000 });
    await chatgpt.call("add_elements", { modelId, nodes: [{ label: "D", x: 6, y: 0, z: 0 }], frames: [{ label: "C2", i: "D", j: "C" }] });
    await chatgpt.call("update_elements", { modelId, nodes: [{ node: "C", at: [6, 0, 4.5] }] });
    await chatgpt.call("remove_elements", { modelId, frames: ["B1"] });
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await shown(page)).revision).toBe(1);
    front.restore();
    await waitForRevision(page, 4, 20_000);
    expect(await shown(page)).toEqual({ revision: 4, nodes: 4, frames: 2 });
    await page.waitForSelector('[data-testid="live-state"][data-state="live"]', { timeout: 10_000 });
    expect(await stillSamePage(page)).toBe(true);
  });

  it("keeps a viewer of an older revision where it is and says a newer one exists", { timeout: 90_000 }, async () => {
    const { modelId, viewerUrl } = await newModel("Pinned");
    await chatgpt.call("add_elements", { modelId, nodes: [{ label: "D", x: 6, y: 0, z: 0 }] });
    await openMarked(page, `${viewerUrl}?rev=1`);
    expect(await page.getByTestId("readonly-banner").textContent()).toMatch(/revision 1; the latest is 2/);
    expect(await page.getByTestId("newer-revision").count()).toBe(0);

    await chatgpt.call("add_elements", { modelId, frames: [{ label: "C2", i: "D", j: "C" }] });
    const notice = page.getByTestId("newer-revision");
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toMatch(/A newer revision exists: rev 3/);
    expect(await notice.locator("a").getAttribute("href")).toBe(`/models/${modelId}`);
    expect(await toastText(page)).toMatch(/^rev 3: added 1 frame by ChatGPT$/);
    expect(await page.getByTestId("readonly-banner").textContent()).toMatch(/revision 1; the latest is 3/);
    expect(await page.getByTestId("revision-of").textContent()).toBe("Revision 1 of 3");
    // The model on screen is still revision 1.
    expect(await shown(page)).toEqual({ revision: 1, nodes: 3, frames: 2 });
    expect(await stillSamePage(page)).toBe(true);
  });

  it("updates a share link's read-only viewer too, without naming people", { timeout: 90_000 }, async () => {
    const { modelId } = await newModel("Shared live");
    const { createShareLink } = await import("@/lib/db/share-links");
    const { db, useDatabase, openDb } = await import("@/lib/db/client");
    useDatabase(openDb(server.databaseUrl));
    await db();
    const link = await createShareLink(chatgpt.user.id, modelId);
    useDatabase(null);
    const visitor = await (await browser.newContext()).newPage();
    await openMarked(visitor, `${front.url}/s/${link.token}`);
    await chatgpt.call("add_elements", { modelId, nodes: [{ label: "D", x: 6, y: 0, z: 0 }] });
    await waitForRevision(visitor, 2);
    expect(await toastText(visitor)).toMatch(/^rev 2: added 1 node by ChatGPT$/);
    expect(await stillSamePage(visitor)).toBe(true);
    await visitor.context().close();
  });
});

describe("GET /api/models/[id]/live", () => {
  it("refuses strangers (404), names a bad parameter (400) and limits streams per user (429)", { timeout: 60_000 }, async () => {
    const { modelId } = await newModel("Stream rules");
    // No other stream of this user stays open (the viewer tab leaves the model page).
    await page.goto(`${server.url}/models`);
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await fetch(`${server.url}/api/models/${modelId}/live`)).status).toBe(404);
    const cookies = (await page.context().cookies(server.url)).map((c) => `${c.name}=${c.value}`).join("; ");
    const bad = await fetch(`${server.url}/api/models/${modelId}/live?after=-3`, { headers: { cookie: cookies } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/^after: /);

    const open: AbortController[] = [];
    for (let k = 0; k < MAX_STREAMS_PER_VIEWER + 1; k++) {
      const ac = new AbortController();
      open.push(ac);
      const res = await fetch(`${server.url}/api/models/${modelId}/live?after=1`, { headers: { cookie: cookies }, signal: ac.signal });
      if (k < MAX_STREAMS_PER_VIEWER) {
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
      } else {
        expect(res.status).toBe(429);
        expect(((await res.json()) as { message: string }).message).toMatch(/close another tab/);
      }
    }
    for (const ac of open) ac.abort();
  });
});
