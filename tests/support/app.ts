/**
 * The real app and a real browser for a browser test file: `next start` on its own database
 * (tests/support/server.ts), Debian's chromium (tests/support/browser.ts) and a Prisma client on the
 * app's database for arranging data and checking what was stored.
 *
 *   const app = appWithBrowser();                 // registers beforeAll/afterAll for the file
 *   beforeAll(async () => { ({ server, browser, db } = app.current()); … });
 *
 * The fixture's beforeAll runs before the file's (registration order) and its afterAll after the
 * file's (vitest runs after-hooks as a stack), so contexts the file opens are closed first.
 */
import { afterAll, beforeAll } from "vitest";
import { expect } from "vitest";
import type { Browser, Page } from "playwright-core";
import { openDb, type Db } from "@/lib/db/client";
import { launchBrowser } from "./browser";
import { startServer, type RunningServer, type StartOptions } from "./server";

export interface AppWithBrowser {
  server: RunningServer;
  browser: Browser;
  db: Db;
}

export interface AppFixture {
  current(): AppWithBrowser;
  /** Opens `path` of the app in `page`: it must answer 200 and the viewer must draw its first frame. */
  openViewer(page: Page, path: string): Promise<void>;
}

export function appWithBrowser(opts: StartOptions & { alsoWaitFor?: () => Promise<unknown> } = {}): AppFixture {
  let app: AppWithBrowser | undefined;
  beforeAll(async () => {
    const [server, browser] = await Promise.all([startServer(opts), launchBrowser(), opts.alsoWaitFor?.()]);
    app = { server, browser, db: openDb(server.databaseUrl).db };
  }, 180_000);
  afterAll(async () => {
    await app?.browser.close();
    await app?.db.$disconnect();
    await app?.server.stop();
  });
  const current = (): AppWithBrowser => {
    if (!app) throw new Error("the app is not started yet: use it from beforeAll or a test");
    return app;
  };
  return {
    current,
    async openViewer(page, path) {
      const res = await page.goto(`${current().server.url}${path}`);
      expect(res?.status()).toBe(200);
      await page.waitForSelector('.sv-root[data-ready="true"]', { timeout: 30_000 });
    },
  };
}
