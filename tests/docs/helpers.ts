/**
 * Shared pieces of the docs suites: a loopback TCP forwarder (to serve one app under several
 * origins, as production does with app., auth. and mcp. hosts), page loading with console-error
 * capture, and the internal-link check.
 */
import net from "node:net";
import type { Browser, Page } from "playwright-core";

export interface Forwarder {
  port: number;
  /** Points the forwarder at the app (connections before this are refused). */
  target(port: number): void;
  close(): Promise<void>;
}

/** Listens on a free loopback port now; forwards every connection to `target` once it is set. */
export async function startForwarder(): Promise<Forwarder> {
  let targetPort: number | undefined;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    if (targetPort === undefined) {
      client.destroy();
      return;
    }
    const upstream = net.connect(targetPort, "127.0.0.1");
    sockets.add(upstream);
    upstream.on("close", () => sockets.delete(upstream));
    client.pipe(upstream).pipe(client);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    target(p) {
      targetPort = p;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface LoadedPage {
  page: Page;
  status: number | undefined;
  errors: string[];
}

/** Opens `url` in a fresh, signed-out browser context and records console errors and page errors. */
export async function openPage(browser: Browser, url: string): Promise<LoadedPage & { close(): Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    const where = m.location().url;
    // Chromium probes /favicon.ico on its own; the site has none, which is not a page error.
    if (where && new URL(where).pathname === "/favicon.ico" && m.text().includes("404")) return;
    errors.push(`console: ${m.text()}${where ? ` (${where})` : ""}`);
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  // Failed page resources (scripts, styles, data), by URL.
  page.on("response", (r) => {
    if (r.status() >= 400) errors.push(`response ${r.status()}: ${r.url()}`);
  });
  const res = await page.goto(url, { waitUntil: "load" });
  // Let hydration finish (React reports hydration mismatches as console errors).
  await page.waitForLoadState("networkidle").catch(() => undefined);
  return { page, status: res?.status(), errors, close: () => context.close() };
}

/** Every distinct internal link (href starting with "/") on the page, without fragments. */
export async function internalLinks(page: Page): Promise<string[]> {
  const hrefs = await page.locator('a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  return [...new Set(hrefs.map((h) => h.split("#")[0]!).filter((h) => h && !h.startsWith("//")))].sort();
}

/** Statuses of GET requests to each link (redirects followed, as a browser would), signed out. */
export async function linkStatuses(base: string, links: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  await Promise.all(
    links.map(async (href) => {
      const res = await fetch(new URL(href, base), { redirect: "follow" });
      await res.arrayBuffer();
      out[href] = res.status;
    }),
  );
  return out;
}

/** `{ testid: text }` for every element carrying a data-testid starting with `prefix`. */
export async function testIdValues(page: Page, prefix: string): Promise<Record<string, string>> {
  const pairs = await page
    .locator(`[data-testid^="${prefix}"]`)
    .evaluateAll((els) => els.map((e) => [e.getAttribute("data-testid") ?? "", (e.textContent ?? "").trim()] as [string, string]));
  return Object.fromEntries(pairs);
}

/** `[key, text]` for every element carrying data-config (every live value the page shows). */
export async function configValues(page: Page): Promise<[string, string][]> {
  return page.locator("[data-config]").evaluateAll((els) => els.map((e) => [e.getAttribute("data-config") ?? "", (e.textContent ?? "").trim()] as [string, string]));
}
