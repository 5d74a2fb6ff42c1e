/**
 * Live viewers (`next start` on SQLite + Debian chromium): while an assistant edits a model
 * through /mcp, the open viewer shows each revision without a reload, says what changed and by
 * whom, and keeps the camera; a viewer whose connection dropped catches up when it comes back;
 * a viewer pinned to an older revision stays on it and says a newer one exists; share links
 * follow too; the stream itself answers bad requests, strangers and too many tabs clearly.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { appWithBrowser } from "../support/app";
import type { RunningServer } from "../support/server";
import { startBalancer, type Balancer } from "../support/balancer";
import { MAX_STREAMS_PER_VIEWER } from "@/lib/web/live";
import { LIVE_DELTA_MAX_ROWS } from "@/lib/structural/live";
import {
  PORTAL, connectAssistant, nodeOnScreen, openMarked, orbit, shown, signedInPage, stillSamePage, toastText, waitForRevision, type Assistant,
} from "../support/live";
import { writesAppearLive } from "../support/live-scenario";

let server: RunningServer;
let front: Balancer;
let browser: Browser;
let chatgpt: Assistant;
let page: Page;

const app = appWithBrowser();

beforeAll(async () => {
  ({ server, browser } = app.current());
  // The browser reaches the app through a front whose network the tests can cut.
  front = await startBalancer([server.port]);
  chatgpt = await connectAssistant(server, `${server.url}/mcp`);
  page = await signedInPage(browser, server.url, chatgpt.user);
}, 180_000);

afterAll(async () => {
  await front?.close();
});

async function newModel(name: string): Promise<{ modelId: string; viewerUrl: string }> {
  const r = await chatgpt.call<{ modelId: string }>("add_elements", { name, ...PORTAL });
  return { modelId: r.modelId, viewerUrl: `${front.url}/models/${r.modelId}` };
}

describe("the open viewer follows the model", () => {
  it("shows add, update, remove and undo as they happen, without a reload, keeping the camera and the selection", { timeout: 120_000 }, async () => {
    const { modelId, viewerUrl } = await newModel("Live portal");
    await openMarked(page, viewerUrl);
    expect(await shown(page)).toEqual({ revision: 1, nodes: 3, frames: 2 });
    await orbit(page);
    const before = await nodeOnScreen(page, 0);
    // The user is inspecting node C: the selection must survive the updates.
    const c = await nodeOnScreen(page, 2);
    const box = (await page.locator(".sv-stage canvas").first().boundingBox())!;
    await page.mouse.click(box.x + c.x, box.y + c.y);
    expect(await page.getByTestId("selection-title").innerText()).toBe("Node C");
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
    expect(await page.getByTestId("selection-title").innerText()).toBe("Node C");
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

  it("updates a share link's read-only viewer too", { timeout: 90_000 }, async () => {
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

interface SseEvent { id?: string; event: string; data: Record<string, unknown> }

/** Reads a live stream until `until` says stop (or `ms` pass); returns the events and closes it. */
async function readEvents(url: string, headers: Record<string, string>, until: (e: SseEvent[]) => boolean, ms = 15_000): Promise<{ events: SseEvent[]; ended: boolean }> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), ms);
  const res = await fetch(url, { headers, signal: ac.signal });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let ended = false;
  const events: SseEvent[] = [];
  try {
    while (!until(events)) {
      const { value, done } = await reader.read();
      if (done) {
        ended = true;
        break;
      }
      text += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = text.indexOf("\n\n")) >= 0) {
        const block = text.slice(0, cut);
        text = text.slice(cut + 2);
        const field = (name: string) => block.split("\n").find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
        const event = field("event");
        if (event) events.push({ id: field("id"), event, data: JSON.parse(field("data") ?? "{}") });
        else if (block.startsWith("retry: ")) events.push({ event: "retry", data: { ms: Number(block.slice(7)) } });
      }
    }
  } finally {
    clearTimeout(timer);
    ac.abort();
  }
  return { events, ended };
}

describe("GET /api/models/[id]/live", () => {
  it("resumes from Last-Event-ID: one event per revision, ids = revisions, and 'reload' for a change too large to send", { timeout: 60_000 }, async () => {
    const { modelId } = await newModel("Resume");
    await chatgpt.call("add_elements", { modelId, nodes: [{ label: "D", x: 6, y: 0, z: 0 }] });
    await chatgpt.call("update_elements", { modelId, nodes: [{ node: "D", at: [7, 0, 0] }] });
    await chatgpt.call("add_elements", { modelId, nodes: Array.from({ length: LIVE_DELTA_MAX_ROWS + 1 }, (_, k) => ({ x: k, y: 30, z: 0 })) });
    const cookie = (await page.context().cookies(server.url)).map((c) => `${c.name}=${c.value}`).join("; ");
    // ?after says 3, the header says 1: the header wins (it is what EventSource sends on reconnect).
    const { events } = await readEvents(`${server.url}/api/models/${modelId}/live?after=3`, { cookie, "last-event-id": "1" }, (e) => e.some((x) => x.id === "4"));
    expect(events.map((e) => [e.event, e.id ?? null])).toEqual([["retry", null], ["ready", null], ["revision", "2"], ["revision", "3"], ["reload", "4"]]);
    expect(events[0]!.data.ms).toBe(2_000);
    expect(events[2]!.data).toMatchObject({ revision: 2, text: "rev 2: added 1 node by ChatGPT", delta: { nodes: { add: [{ label: "D", x: 6, y: 0, z: 0 }] } } });
    expect(events[3]!.data).toMatchObject({ revision: 3, text: "rev 3: updated 1 node by ChatGPT", delta: { nodes: { update: [{ label: "D", x: 7 }] } } });
    expect(events[4]!.data).toMatchObject({ revision: 4, text: `rev 4: added ${LIVE_DELTA_MAX_ROWS + 1} nodes by ChatGPT` });
    expect(events[4]!.data.delta).toBeUndefined();
  });

  it("tells a share-link viewer 'gone' and ends the stream when the link is revoked", { timeout: 60_000 }, async () => {
    const { modelId } = await newModel("Revoked");
    const { createShareLink, revokeShareLink } = await import("@/lib/db/share-links");
    const { db, useDatabase, openDb } = await import("@/lib/db/client");
    useDatabase(openDb(server.databaseUrl));
    await db();
    try {
      const link = await createShareLink(chatgpt.user.id, modelId);
      const url = `${server.url}/api/models/${modelId}/live?share=${link.token}`;
      // Read until the server ends the stream.
      const reading = readEvents(url, {}, () => false, 30_000);
      await new Promise((r) => setTimeout(r, 500));
      const { listShareLinks } = await import("@/lib/db/share-links");
      const [info] = await listShareLinks(chatgpt.user.id, modelId);
      await revokeShareLink(chatgpt.user.id, info!.id);
      // The next change (or heartbeat) re-checks access.
      await chatgpt.call("add_elements", { modelId, nodes: [{ label: "D", x: 6, y: 0, z: 0 }] });
      const { events, ended } = await reading;
      expect(events.map((e) => e.event)).toEqual(["retry", "ready", "gone"]);
      expect(ended).toBe(true);
      expect((await fetch(url)).status).toBe(404);
    } finally {
      useDatabase(null);
    }
  });

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
