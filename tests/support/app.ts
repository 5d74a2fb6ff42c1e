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
import type { Browser } from "playwright-core";
import { openDb, type Db } from "@/lib/db/client";
import { launchBrowser } from "./browser";
import { startServer, type RunningServer, type StartOptions } from "./server";

export interface AppWithBrowser {
  server: RunningServer;
  browser: Browser;
  db: Db;
}

export function appWithBrowser(opts: StartOptions & { alsoWaitFor?: () => Promise<unknown> } = {}): { current(): AppWithBrowser } {
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
  return {
    current() {
      if (!app) throw new Error("the app is not started yet: use it from beforeAll or a test");
      return app;
    },
  };
}
