/**
 * The in-chat widget (generated/widget/viewer.html, built by scripts/build-widget.mjs): one
 * self-contained file that renders the payload it gets from the host — through the MCP Apps
 * postMessage bridge (a test page plays the host: ui/initialize handshake, then the tool result)
 * or through ChatGPT's window.openai globals — under a CSP that allows only inline code.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Frame, Page } from "playwright-core";
import { launchBrowser } from "../support/browser";
import { ensureWidgetBuilt } from "./widget-build";
import { decodePng, litPixels } from "./png";
import { VIEWER_WIDGET_MIME, VIEWER_WIDGET_URI, getViewerWidgetHtml, widgetResourceMeta } from "@/lib/viewer/widget";
// @ts-expect-error: plain JavaScript module shared with the benchmark
import { building, portalFrame } from "../../bench/viewer/synthetic.mjs";

let WIDGET = "";
const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:";
const VIEWER_URL = "https://app.spectral.test/models/portal";

let browser: Browser;
beforeAll(async () => {
  WIDGET = readFileSync(await ensureWidgetBuilt(), "utf8");
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

function withOpenAi(globals: unknown): string {
  const json = JSON.stringify(globals).replace(/</g, "\\u003c");
  return WIDGET.replace("<head>", `<head><script>window.openai = ${json};</script>`);
}

async function nonBlank(frame: Frame | Page): Promise<number> {
  const dataUrl = await frame.evaluate(() => window.__spectralViewer!.capturePng());
  return litPixels(decodePng(Buffer.from(dataUrl.slice(dataUrl.indexOf(",") + 1), "base64")));
}

describe("widget resource", () => {
  it("is one HTML document with everything inline", async () => {
    const html = await getViewerWidgetHtml();
    expect(html).toBe(WIDGET);
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toMatch(/<(script|link|img|iframe)\b[^>]*\b(src|href)=["'](?!data:)/i);
    expect(html.length).toBeLessThan(4 * 1024 * 1024);
  });

  it("declares an empty CSP allow-list and ChatGPT's widget keys", () => {
    expect(VIEWER_WIDGET_URI).toBe("ui://spectral/viewer.html");
    expect(VIEWER_WIDGET_MIME).toBe("text/html;profile=mcp-app");
    const meta = widgetResourceMeta("https://app.spectral.test/some/path");
    expect(meta.ui.csp).toEqual({ connectDomains: [], resourceDomains: [], frameDomains: [], baseUriDomains: [] });
    expect(meta.ui.prefersBorder).toBe(true);
    expect(meta["openai/widgetCSP"]).toEqual({ connect_domains: [], resource_domains: [], frame_domains: [], redirect_domains: ["https://app.spectral.test"] });
    expect(meta["openai/widgetDomain"]).toBe("https://app.spectral.test");
    expect(meta["openai/widgetPrefersBorder"]).toBe(true);
    expect(meta["openai/widgetDescription"]).toMatch(/3D/);
  });
});

describe("widget in an MCP Apps host", () => {
  it("completes the ui/initialize handshake, renders the tool result's payload and links out", async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.setContent(`<!doctype html><html><body style="margin:0;background:#fff">
      <iframe id="app" sandbox="allow-scripts" style="width:1000px;height:600px;border:1px solid #ccc"></iframe>
      <script>
        window.hostLog = [];
        const frame = document.getElementById("app");
        window.addEventListener("message", (e) => {
          if (e.source !== frame.contentWindow) return;
          const m = e.data; window.hostLog.push(m.method || ("response:" + m.id));
          const reply = (result) => frame.contentWindow.postMessage({ jsonrpc: "2.0", id: m.id, result }, "*");
          if (m.method === "ui/initialize") {
            reply({ protocolVersion: m.params.protocolVersion, hostInfo: { name: "test-host", version: "1.0.0" },
              hostCapabilities: { openLinks: {} }, hostContext: { displayMode: "inline", theme: "dark" } });
          } else if (m.method === "ui/notifications/initialized") {
            window.initialized = true;
          } else if (m.method === "ui/open-link") {
            window.openedLink = m.params.url; reply({});
          } else if (m.id !== undefined && m.method) {
            reply({});
          }
        });
        window.sendToolResult = (result) => frame.contentWindow.postMessage({ jsonrpc: "2.0", method: "ui/notifications/tool-result", params: result }, "*");
      </script></body></html>`);
    await page.evaluate(
      ([html, csp]) => {
        (document.getElementById("app") as HTMLIFrameElement).srcdoc = html.replace("<head>", `<head><meta http-equiv="Content-Security-Policy" content="${csp}">`);
      },
      [WIDGET, CSP] as const,
    );
    await page.waitForFunction(() => (window as unknown as { initialized?: boolean }).initialized === true, null, { timeout: 20_000 });
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    await frame.waitForSelector('[data-testid="widget-waiting"]');

    const payload = portalFrame();
    await page.evaluate(
      ([p, url]) =>
        (window as unknown as { sendToolResult: (r: unknown) => void }).sendToolResult({
          content: [{ type: "text", text: "Portal frame: 4 nodes, 3 frames." }],
          structuredContent: { modelId: "portal", revision: 1, viewerUrl: url },
          _meta: { "spectral/viewer": p },
        }),
      [payload, VIEWER_URL] as const,
    );
    await frame.waitForSelector('.sv-root[data-ready="true"]', { timeout: 30_000 });
    expect(await nonBlank(frame)).toBeGreaterThan(800);
    expect(await frame.locator(".sv-root").getAttribute("class")).toContain("sv-widget");
    // wide enough: the panel is open with the counts
    expect(await frame.getByTestId("count-nodes").innerText()).toBe("4");
    expect(await frame.getByTestId("count-frames").innerText()).toBe("3");
    expect(await frame.getByTestId("count-loads").innerText()).toBe("2");
    // the link out goes through the host (ui/open-link)
    const link = frame.getByRole("link", { name: /Open full viewer/ });
    expect(await link.getAttribute("href")).toBe(VIEWER_URL);
    await link.click();
    await page.waitForFunction((u) => (window as unknown as { openedLink?: string }).openedLink === u, VIEWER_URL);
    expect(violations).toEqual([]);
    await page.close();
  });

  it("also reads the payload from structuredContent.viewer", async () => {
    const page = await browser.newPage({ viewport: { width: 700, height: 600 } });
    await page.setContent(`<!doctype html><iframe id="app" sandbox="allow-scripts" style="width:680px;height:580px"></iframe><script>
      const frame = document.getElementById("app");
      window.addEventListener("message", (e) => {
        const m = e.data;
        if (m.method === "ui/initialize") frame.contentWindow.postMessage({ jsonrpc: "2.0", id: m.id, result: { protocolVersion: m.params.protocolVersion, hostInfo: { name: "h", version: "1" }, hostCapabilities: {}, hostContext: {} } }, "*");
        if (m.method === "ui/notifications/initialized") window.initialized = true;
      });</script>`);
    await page.evaluate((html) => ((document.getElementById("app") as HTMLIFrameElement).srcdoc = html), WIDGET);
    await page.waitForFunction(() => (window as unknown as { initialized?: boolean }).initialized === true);
    const payload = { ...portalFrame(), name: "Inline payload" };
    await page.evaluate(
      (p) => (document.getElementById("app") as HTMLIFrameElement).contentWindow!.postMessage({ jsonrpc: "2.0", method: "ui/notifications/tool-result", params: { content: [], structuredContent: { viewer: p } } }, "*"),
      payload,
    );
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    await frame.waitForSelector('.sv-root[data-ready="true"]');
    expect(await nonBlank(frame)).toBeGreaterThan(500);
    // narrow frame: the panel starts closed; the toolbar opens it
    expect(await frame.getByTestId("count-frames").count()).toBe(0);
    await frame.getByRole("button", { name: "Toggle the model panel" }).click();
    expect(await frame.locator(".sv-title").innerText()).toBe("Inline payload");
    await page.close();
  });
});

describe("widget with ChatGPT's window.openai globals", () => {
  it("renders toolOutput / toolResponseMetadata present at load", async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 600 } });
    // ChatGPT defines window.openai before the widget's scripts run.
    const globals = { toolOutput: { viewerUrl: VIEWER_URL }, toolResponseMetadata: { "spectral/viewer": portalFrame() }, displayMode: "inline" };
    await page.setContent(withOpenAi(globals));
    await page.waitForSelector('.sv-root[data-ready="true"]');
    expect(await nonBlank(page)).toBeGreaterThan(800);
    expect(await page.getByRole("link", { name: /Open full viewer/ }).getAttribute("href")).toBe(VIEWER_URL);
    await page.close();
  });

  it("renders when the globals arrive later (openai:set_globals)", async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 600 } });
    await page.setContent(withOpenAi({}));
    await page.waitForSelector('[data-testid="widget-waiting"]');
    await page.evaluate(
      ([p, url]) => {
        const w = window as unknown as { openai: Record<string, unknown> };
        w.openai.toolOutput = { viewerUrl: url, viewer: p };
        window.dispatchEvent(new CustomEvent("openai:set_globals", { detail: { globals: { toolOutput: w.openai.toolOutput } } }));
      },
      [portalFrame(), VIEWER_URL] as const,
    );
    await page.waitForSelector('.sv-root[data-ready="true"]');
    expect(await page.getByTestId("count-frames").innerText()).toBe("3");
    await page.close();
  });
});

describe("render mode (server screenshots use it)", () => {
  it("keeps draw calls constant as the model grows, in line and in solid mode", async () => {
    const calls: Record<string, number> = {};
    for (const [name, payload] of [
      ["small", building({ nx: 2, ny: 2, ns: 2 })],
      ["large", building({ nx: 8, ny: 8, ns: 12 })],
    ] as const) {
      for (const solid of [false, true]) {
        const page = await browser.newPage({ viewport: { width: 800, height: 500 } });
        await page.setContent(WIDGET.replace("<head>", "<head><script>window.__SPECTRAL_RENDER_ONLY__ = true;</script>"));
        await page.evaluate(([p, s]) => window.spectralRender!(p, { view: "iso", display: { solid: s } }), [payload, solid] as const);
        const info = await page.evaluate(() => window.__spectralViewer!.info());
        calls[`${name}-${solid ? "solid" : "lines"}`] = info.calls;
        expect(await nonBlank(page)).toBeGreaterThan(1000);
        await page.close();
      }
    }
    expect(calls["large-lines"]).toBe(calls["small-lines"]);
    expect(calls["large-solid"]).toBe(calls["small-solid"]);
    // grid, frames, nodes, fixed supports, load shafts + heads; solid adds one mesh per section shape (3)
    expect(calls["small-lines"]).toBeLessThanOrEqual(6);
    expect(calls["small-solid"]! - calls["small-lines"]!).toBe(3);
  });
});
