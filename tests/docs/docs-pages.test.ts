/**
 * Every docs page in a real browser, signed out: it renders (200), its <h1> and <title> are right,
 * the sidebar links every docs page, every internal link answers 200, and the console stays clean.
 * Plus /docs/tools against the tool registry, and /docs/import-format's examples against the importer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";
import { ALL_DOCS_PAGES } from "@/lib/docs/nav";
import { ANNOTATION_KEYS } from "@/lib/docs/tools";
import { EXPORT_FORMAT_INFO, EXPORT_FORMATS } from "@/lib/structural/export/format-info";
import { IMPORT_EXAMPLES, expectedCounts } from "@/lib/docs/import-examples";
import { TOOLS } from "@/lib/mcp/tools";
import { SCOPES } from "@/lib/oauth/scopes";
import { normalizeImport } from "@/lib/structural";
import { internalLinks, linkStatuses, openPage } from "./helpers";

describe("docs pages in a real browser, signed out", () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const doc of ALL_DOCS_PAGES) {
    it(`${doc.href} renders with its title, working links and no console errors`, async () => {
      const p = await openPage(browser, `${server.url}${doc.href}`);
      try {
        expect(p.status).toBe(200);
        expect(new URL(p.page.url()).pathname).toBe(doc.href); // not bounced to sign-in
        expect((await p.page.locator("main h1").textContent())?.trim()).toBe(doc.title);
        expect(await p.page.locator("h1").count()).toBe(1);
        expect(await p.page.title()).toBe(`${doc.title} · Spectral`);

        const nav = await p.page.locator("nav.docs-nav a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
        expect(nav).toEqual(ALL_DOCS_PAGES.map((d) => d.href));
        expect(await p.page.locator('nav.docs-nav a[aria-current="page"]').getAttribute("href")).toBe(doc.href);

        const links = await internalLinks(p.page);
        expect(links.length).toBeGreaterThan(ALL_DOCS_PAGES.length);
        const statuses = await linkStatuses(server.url, links);
        const broken = Object.entries(statuses).filter(([, s]) => s !== 200);
        expect(broken, `links on ${doc.href} that do not answer 200`).toEqual([]);

        expect(p.errors, `console errors on ${doc.href}`).toEqual([]);
      } finally {
        await p.close();
      }
    });
  }

  it("/docs/tools lists every tool of the registry, in order, with its scope, annotations and schemas", async () => {
    const p = await openPage(browser, `${server.url}/docs/tools`);
    try {
      const cards = await p.page.locator('[data-testid="tool"]').evaluateAll((els) =>
        els.map((el) => ({
          name: el.getAttribute("data-tool-name"),
          scope: el.querySelector('[data-testid="tool-scope"]')?.textContent?.trim(),
          description: el.querySelector('[data-testid="tool-description"]')?.textContent?.trim(),
          annotations: Object.fromEntries(
            [...el.querySelectorAll("[data-annotation]")].map((r) => [r.getAttribute("data-annotation"), r.getAttribute("data-value")]),
          ),
          input: el.querySelector('[data-testid="tool-input-schema"] pre')?.textContent ?? "",
          output: el.querySelector('[data-testid="tool-output-schema"] pre')?.textContent ?? "",
          collapsed: !(el.querySelector('[data-testid="tool-input-schema"]') as HTMLDetailsElement | null)?.open,
          appOnly: !!el.querySelector('[data-testid="tool-app-only"]'),
        })),
      );
      expect(cards.map((c) => c.name)).toEqual(TOOLS.map((t) => t.name));
      for (const [i, t] of TOOLS.entries()) {
        const c = cards[i]!;
        expect(c.scope, t.name).toBe(t.scope === "write" ? SCOPES.write : SCOPES.read);
        expect(c.description, t.name).toBe(t.description.trim());
        expect(c.annotations, t.name).toEqual(Object.fromEntries(ANNOTATION_KEYS.map((k) => [k, String(t.annotations[k])])));
        const input = JSON.parse(c.input) as { type?: string; properties?: Record<string, unknown> };
        expect(input.type, t.name).toBe("object");
        expect(Object.keys(input.properties ?? {}), t.name).toEqual(Object.keys((t.inputSchema as unknown as { shape?: object }).shape ?? input.properties ?? {}));
        expect(JSON.parse(c.output), t.name).toBeTypeOf("object");
        expect(c.collapsed, `${t.name} schemas start collapsed`).toBe(true);
        expect(c.appOnly, `${t.name} app-only badge`).toBe(Boolean(t.appOnly));
      }
      expect(p.errors).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it("/docs/tools lists every export format with what it carries and what it does not", async () => {
    const p = await openPage(browser, `${server.url}/docs/tools`);
    try {
      const rows = await p.page.locator('[data-testid="export-formats"] tbody tr').evaluateAll((trs) => trs.map((tr) => ({ format: tr.getAttribute("data-format"), cells: [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "") })));
      expect(rows.map((r) => r.format)).toEqual([...EXPORT_FORMATS]);
      for (const r of rows) {
        const info = EXPORT_FORMAT_INFO[r.format as (typeof EXPORT_FORMATS)[number]];
        expect(r.cells[1]).toBe(info.suffix);
        expect(r.cells[2]).toBe(info.carries);
        expect(r.cells[3]).toBe(info.omits);
      }
      const exportTool = TOOLS.find((t) => t.name === "export_model")!;
      for (const f of EXPORT_FORMATS) expect(exportTool.description).toContain(f);
    } finally {
      await p.close();
    }
  });

  it("/docs/import-format shows every example as valid JSON that imports with the counts it states", async () => {
    const p = await openPage(browser, `${server.url}/docs/import-format`);
    try {
      const blocks = await p.page.locator('pre[data-testid="import-example"]').evaluateAll((els) =>
        els.map((el) => ({ name: el.getAttribute("data-example-name") ?? "", counts: el.getAttribute("data-expected-counts") ?? "", text: el.textContent ?? "" })),
      );
      expect(blocks.map((b) => b.name)).toEqual(IMPORT_EXAMPLES.map((e) => e.name));
      for (const b of blocks) {
        const example = IMPORT_EXAMPLES.find((e) => e.name === b.name)!;
        const payload = JSON.parse(b.text) as unknown;
        expect(payload, b.name).toEqual(example.payload);
        expect(JSON.parse(b.counts), b.name).toEqual(expectedCounts(example));
        const r = normalizeImport(payload);
        expect(r.issues.filter((i) => i.severity === "error"), b.name).toEqual([]);
        expect(r.ok, b.name).toBe(true);
      }
      expect(p.errors).toEqual([]);
    } finally {
      await p.close();
    }
  });
});
