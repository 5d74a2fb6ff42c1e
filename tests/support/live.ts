/**
 * Pieces of the live-viewer suites (tests/viewer/live.test.ts, tests/prod/live-two-instances.test.ts)
 * and benchmark (bench/live.bench.ts): an assistant ("ChatGPT", a real OAuth client with a real
 * token) edits a model through /mcp while its owner watches it in a real browser.
 */
import type { Browser, Page } from "playwright-core";
import { connect, registerClient, type TestUser } from "./oauth";
import { callTool, structured } from "./mcp-http";
import type { RunningServer } from "./server";

export interface Assistant {
  user: TestUser;
  token: string;
  /** Calls a tool on `mcpUrl` and returns its structured content. */
  call<T = Record<string, unknown>>(name: string, args: Record<string, unknown>): Promise<T>;
}

/** A user connected to "ChatGPT" (a registered OAuth client of that name) through `server`. */
export async function connectAssistant(server: { url: string; databaseUrl: string }, mcpUrl: string, headers: Record<string, string> = {}): Promise<Assistant> {
  const s = server as RunningServer;
  const client = await registerClient(s, { client_name: "ChatGPT", redirect_uris: ["http://127.0.0.1:9/callback"] });
  const r = await connect(s, { client });
  const token = r.tokens.access_token;
  if (!token) throw new Error("no access token");
  return { user: r.user, token, call: async (name, args) => structured(await callTool(mcpUrl, token, name, args, headers)) };
}

/** Signs `user` in through the app's sign-in page in a new browser context. */
export async function signedInPage(browser: Browser, appUrl: string, user: TestUser, headers: Record<string, string> = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, extraHTTPHeaders: headers });
  const page = await context.newPage();
  await page.goto(`${appUrl}/signin`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/signin"), { timeout: 30_000 }), page.getByRole("button", { name: "Sign in" }).click()]);
  return page;
}

/** Opens a viewer URL and marks the window: the mark survives only while the page is not reloaded. */
export async function openMarked(page: Page, url: string): Promise<void> {
  const res = await page.goto(url);
  if (res?.status() !== 200) throw new Error(`${url} answered ${res?.status()}`);
  await page.waitForSelector('.sv-root[data-ready="true"]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid="live-state"][data-state="live"]', { timeout: 30_000 });
  await page.evaluate(() => ((window as unknown as { __liveMark: string }).__liveMark = "still here"));
}

export async function stillSamePage(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __liveMark?: string }).__liveMark === "still here");
}

export interface Shown {
  revision: number;
  nodes: number;
  frames: number;
}

export async function shown(page: Page): Promise<Shown> {
  return page.evaluate(() => {
    const el = document.querySelector<HTMLElement>(".sv-root")!;
    return { revision: Number(el.dataset.revision), nodes: Number(el.dataset.nodes), frames: Number(el.dataset.frames) };
  });
}

/** Waits (≤ `ms`) until the page shows `revision`; returns how long that took. */
export async function waitForRevision(page: Page, revision: number, ms = 15_000): Promise<number> {
  const t0 = Date.now();
  await page.waitForSelector(`.sv-root[data-revision="${revision}"]`, { timeout: ms });
  return Date.now() - t0;
}

export async function toastText(page: Page): Promise<string> {
  return (await page.getByTestId("live-toast").textContent({ timeout: 5_000 })) ?? "";
}

/** Where node 0 is on screen (CSS px): unchanged when the camera was kept. */
export async function nodeOnScreen(page: Page, index = 0): Promise<{ x: number; y: number }> {
  const p = await page.evaluate((i) => window.__spectralViewer?.screenPosition({ kind: "node", index: i }) ?? null, index);
  if (!p) throw new Error(`node ${index} is not on screen`);
  return p;
}

/** Orbits the camera a little with the mouse (so a re-fit would be visible). */
export async function orbit(page: Page): Promise<void> {
  const box = await page.locator(".sv-stage canvas").first().boundingBox();
  if (!box) throw new Error("no canvas");
  const x = box.x + box.width / 2, y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 80, y + 30, { steps: 6 });
  await page.mouse.up();
}

/** A portal frame as add_elements input (with name, it creates the model): A(0,0,0) B(0,0,4) C(6,0,4), columns C1, beam B1, A fixed. */
export const PORTAL = {
  nodes: [{ ref: "a", label: "A", x: 0, y: 0, z: 0 }, { ref: "b", label: "B", x: 0, y: 0, z: 4 }, { ref: "c", label: "C", x: 6, y: 0, z: 4 }],
  frames: [{ ref: "c1", label: "C1", i: "a", j: "b" }, { ref: "b1", label: "B1", i: "b", j: "c" }],
  supports: [{ node: "a", type: "fixed" }],
};
