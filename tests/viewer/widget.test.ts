/**
 * The in-chat widget (generated/widget/viewer.html) in a real browser against the real server:
 * a test page plays an MCP Apps host (ui/initialize handshake, then the tool result of a real
 * write tool) and forwards the widget's `tools/call` requests to Spectral's /mcp with a real
 * OAuth'd MCP client. The widget must fetch its geometry from the app-only get_model_geometry,
 * draw it, orbit, select and link out, under a CSP that allows only inline code; a model above the
 * simplified-view threshold is drawn simplified and says so. ChatGPT's window.openai globals
 * (toolOutput + callTool) work the same way. The screenshot renderer bundle (render.html) keeps
 * the web viewer for server-side PNGs.
 */
import { readFileSync, statSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "@modelcontextprotocol/client";
import type { Browser, Frame, Page } from "playwright-core";
import { launchBrowser } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";
import { uniqueEmail } from "../support/oauth";
import { TestOAuthProvider, approveInBrowser, newClient, startAuthorization, transportFor } from "../support/mcp-client";
import { ensureRendererBuilt, ensureWidgetBuilt, WIDGET_FILE } from "./widget-build";
import { decodePng, litPixels } from "../support/png";
import { VIEWER_WIDGET_MIME, VIEWER_WIDGET_URI, getViewerWidgetHtml, widgetResourceMeta } from "@/lib/viewer/widget";
import { SIMPLIFIED_VIEW_ABOVE_FRAMES } from "@/lib/structural";
import { buildingPayload } from "../../bench/lib/building.mjs";
// @ts-expect-error: plain JavaScript module shared with the benchmark
import { building } from "../../bench/viewer/synthetic.mjs";

const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:";
const CALLBACK = "http://127.0.0.1:9/callback";
const threeBay = {
  nodes: [
    { ref: "a", x: 0, y: 0, z: 0 }, { ref: "b", x: 6, y: 0, z: 0 }, { ref: "c", x: 12, y: 0, z: 0 }, { ref: "d", x: 18, y: 0, z: 0 },
    { ref: "A", x: 0, y: 0, z: 4 }, { ref: "B", x: 6, y: 0, z: 4 }, { ref: "C", x: 12, y: 0, z: 4 }, { ref: "D", x: 18, y: 0, z: 4 },
  ],
  frames: [
    { i: "a", j: "A", section: "HEA240", material: "S355" }, { i: "b", j: "B", section: "HEA240", material: "S355" },
    { i: "c", j: "C", section: "HEA240", material: "S355" }, { i: "d", j: "D", section: "HEA240", material: "S355" },
    { i: "A", j: "B", section: "IPE300", material: "S355" }, { i: "B", j: "C", section: "IPE300", material: "S355" },
    { i: "C", j: "D", section: "IPE300", material: "S355" },
  ],
  supports: [{ node: "a", type: "fixed" }, { node: "b", type: "fixed" }, { node: "c", type: "fixed" }, { node: "d", type: "fixed" }],
};

type ToolResult = { content?: unknown; structuredContent?: Record<string, unknown>; isError?: boolean; _meta?: unknown };

let WIDGET = "";
let server: RunningServer;
let browser: Browser;
let client: Client;

beforeAll(async () => {
  WIDGET = readFileSync(await ensureWidgetBuilt(), "utf8");
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const provider = new TestOAuthProvider(CALLBACK, { clientName: "Widget host" });
  const { transport, authorizationUrl } = await startAuthorization(server.url, provider);
  const returned = await approveInBrowser(browser, authorizationUrl, CALLBACK, { email: uniqueEmail("widget"), password: "widget test password 7" }, { signUp: true });
  await transport.finishAuth(returned.searchParams);
  client = newClient();
  await client.connect(transportFor(server.url, provider));
}, 180_000);
afterAll(async () => {
  await client?.close();
  await browser?.close();
  await server?.stop();
});

/** What the write tool answered, as the host hands it to the widget (without _meta: the widget must not need it). */
async function toolResult(name: string, args: Record<string, unknown>): Promise<ToolResult> {
  const res = (await client.callTool({ name, arguments: args }, { timeout: 300_000 })) as ToolResult;
  if (res.isError) throw new Error(JSON.stringify(res.content));
  return { content: res.content, structuredContent: res.structuredContent };
}

/** The host page's record of what the widget asked for. */
interface HostLog {
  methods: string[];
  calls: { name: string; arguments: Record<string, unknown>; bytes: number }[];
  openedLink?: string;
}

/** A page that plays an MCP Apps host around the widget; the widget's tools/call goes to the real server. */
async function openInHost(page: Page): Promise<Frame> {
  await page.exposeFunction("hostCallTool", async (params: { name: string; arguments: Record<string, unknown> }) => {
    const res = await client.callTool({ name: params.name, arguments: params.arguments });
    return { ...res, bytes: Buffer.byteLength(JSON.stringify(res)) };
  });
  await page.setContent(`<!doctype html><html><body style="margin:0;background:#fff">
    <iframe id="app" sandbox="allow-scripts" style="width:900px;height:600px;border:0"></iframe>
    <script>
      window.hostLog = { methods: [], calls: [] };
      const frame = document.getElementById("app");
      window.addEventListener("message", async (e) => {
        if (e.source !== frame.contentWindow) return;
        const m = e.data; window.hostLog.methods.push(m.method || ("response:" + m.id));
        const reply = (result) => frame.contentWindow.postMessage({ jsonrpc: "2.0", id: m.id, result }, "*");
        if (m.method === "ui/initialize") {
          reply({ protocolVersion: m.params.protocolVersion, hostInfo: { name: "test-host", version: "1.0.0" },
            hostCapabilities: { openLinks: {}, serverTools: {} }, hostContext: { displayMode: "inline", theme: "dark" } });
        } else if (m.method === "ui/notifications/initialized") {
          window.initialized = true;
        } else if (m.method === "tools/call") {
          const { bytes, ...result } = await window.hostCallTool(m.params);
          window.hostLog.calls.push({ name: m.params.name, arguments: m.params.arguments, bytes });
          reply(result);
        } else if (m.method === "ui/open-link") {
          window.hostLog.openedLink = m.params.url; reply({});
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
  return page.frames().find((f) => f !== page.mainFrame())!;
}

const hostLog = (page: Page) => page.evaluate(() => (window as unknown as { hostLog: HostLog }).hostLog);
const state = (f: Frame | Page) => f.evaluate(() => window.__spectralWidget!.state());

async function pixels(f: Frame | Page): Promise<{ lit: number; png: string }> {
  const dataUrl = await f.evaluate(() => window.__spectralWidget!.capturePng());
  const png = dataUrl!.slice(dataUrl!.indexOf(",") + 1);
  return { lit: litPixels(decodePng(Buffer.from(png, "base64"))), png };
}

/** Clicks the canvas at the CSS pixel where the widget draws a node or a frame's midpoint. */
async function clickOn(page: Page, f: Frame, kind: "node" | "frame", index: number): Promise<void> {
  const at = await f.evaluate(([k, i]) => window.__spectralWidget!.screenPoint(k, i), [kind, index] as const);
  const canvas = (await (await f.$(".sw-stage canvas"))!.boundingBox())!;
  await page.mouse.click(canvas.x + at!.x, canvas.y + at!.y);
}

describe("widget resource", () => {
  it("is one HTML document under 512 KiB with everything inline and no framework", async () => {
    const html = await getViewerWidgetHtml();
    expect(html).toBe(WIDGET);
    expect(statSync(WIDGET_FILE).size).toBeLessThan(512 * 1024);
    expect(Buffer.byteLength(html)).toBeLessThan(512 * 1024);
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toMatch(/<(script|link|img|iframe)\b[^>]*\b(src|href)=["'](?!data:)/i);
    expect(html).not.toMatch(/react-dom|__REACT_DEVTOOLS|@react-three/);
  });

  it("declares an empty CSP allow-list and ChatGPT's widget keys", () => {
    expect(VIEWER_WIDGET_URI).toBe("ui://spectral/viewer.html");
    expect(VIEWER_WIDGET_MIME).toBe("text/html;profile=mcp-app");
    const meta = widgetResourceMeta("https://app.spectral.test/some/path");
    expect(meta.ui.csp).toEqual({ connectDomains: [], resourceDomains: [], frameDomains: [], baseUriDomains: [] });
    expect(meta.ui.prefersBorder).toBe(true);
    expect(meta["openai/widgetCSP"]).toEqual({ connect_domains: [], resource_domains: [], frame_domains: [], redirect_domains: ["https://app.spectral.test"] });
    expect(meta["openai/widgetDomain"]).toBe("https://app.spectral.test");
    expect(meta["openai/widgetDescription"]).toMatch(/3D/);
  });
});

describe("widget in an MCP Apps host, fed by the real server", () => {
  it("loads the model from get_model_geometry, renders, selects, orbits and links out", { timeout: 120_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    try {
      const frame = await openInHost(page);
      await frame.waitForSelector('[data-testid="widget-waiting"]');
      const created = await toolResult("add_elements", { name: "Widget three-bay", ...threeBay });
      const { modelId, revision, viewerUrl } = created.structuredContent as { modelId: string; revision: number; viewerUrl: string };
      await page.evaluate((r) => (window as unknown as { sendToolResult: (r: unknown) => void }).sendToolResult(r), created);
      await frame.waitForSelector('#app[data-state="ready"]', { timeout: 30_000 });

      expect(await state(frame)).toMatchObject({ nodes: "8", frames: "7", supports: "4", simplified: "false", pages: "1", revision: String(revision) });
      expect(await frame.getByTestId("model-name").innerText()).toBe("Widget three-bay");
      expect(await frame.getByTestId("simplified-note").isVisible()).toBe(false);
      const log = await hostLog(page);
      expect(log.calls).toEqual([{ name: "get_model_geometry", arguments: { modelId, revision, cursor: 0 }, bytes: expect.any(Number) }]);
      expect(log.methods.slice(0, 2)).toEqual(["ui/initialize", "ui/notifications/initialized"]);
      const first = await pixels(frame);
      expect(first.lit).toBeGreaterThan(800);

      // Select a beam (frame 5: A–B, IPE300, 6 m), then a support node.
      await clickOn(page, frame, "frame", 4);
      await frame.waitForFunction(() => window.__spectralWidget!.state().selected === "frame:4");
      expect(await frame.getByTestId("selection").innerText()).toMatch(/^Frame F5 · IPE300 · N5 → N6 · 6\.000 m$/);
      await clickOn(page, frame, "node", 0);
      await frame.waitForFunction(() => window.__spectralWidget!.state().selected === "node:0");
      expect(await frame.getByTestId("selection").innerText()).toBe("Node N1 · (0.000, 0.000, 0.000) m · support FFFFFF");

      // Orbit: a drag turns the camera and changes the picture.
      const before = await frame.evaluate(() => window.__spectralWidget!.cameraPosition());
      const canvas = (await (await frame.$(".sw-stage canvas"))!.boundingBox())!;
      await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
      await page.mouse.down();
      await page.mouse.move(canvas.x + canvas.width / 2 + 180, canvas.y + canvas.height / 2 + 40, { steps: 8 });
      await page.mouse.up();
      const after = await frame.evaluate(() => window.__spectralWidget!.cameraPosition());
      expect(Math.hypot(...after!.map((v, k) => v - before![k]!))).toBeGreaterThan(1);
      const turned = await pixels(frame);
      expect(turned.png).not.toBe(first.png);
      expect(turned.lit).toBeGreaterThan(500);
      expect((await state(frame)).selected).toBe("node:0"); // a drag is not a click

      // The link out goes through the host (ui/open-link).
      const link = frame.getByRole("link", { name: /Open full viewer/ });
      expect(await link.getAttribute("href")).toBe(viewerUrl);
      await link.click();
      await page.waitForFunction((u) => (window as unknown as { hostLog: HostLog }).hostLog.openedLink === u, viewerUrl);
      expect(violations).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("says when a newer revision exists (kept open across turns) and loads it on request", { timeout: 120_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    try {
      const frame = await openInHost(page);
      const created = await toolResult("add_elements", { name: "Widget stale", ...threeBay });
      const { modelId } = created.structuredContent as { modelId: string };
      await page.evaluate((r) => (window as unknown as { sendToolResult: (r: unknown) => void }).sendToolResult(r), created);
      await frame.waitForSelector('#app[data-state="ready"]', { timeout: 30_000 });
      expect(await frame.getByTestId("stale").isVisible()).toBe(false);
      expect(await frame.getByTestId("refresh").isVisible()).toBe(true);

      // A later turn changes the model; the host keeps this widget open and does not tell it.
      await toolResult("add_elements", { modelId, nodes: [{ x: 24, y: 0, z: 0 }] });
      await frame.evaluate(() => window.dispatchEvent(new Event("focus")));
      const stale = frame.getByTestId("stale");
      await stale.waitFor({ state: "visible", timeout: 15_000 });
      expect(await stale.innerText()).toBe("Stale: revision 2 exists (showing 1)");
      expect((await state(frame)).revision).toBe("1");
      // The check asked for an empty page of the revision on screen (cheap), not for the model again.
      const check = (await hostLog(page)).calls.at(-1)!;
      expect(check.arguments).toEqual({ modelId, revision: 1, cursor: 8 + 7 + 4 + 2 }); // the end: nodes + frames + supports + sections
      expect(check.bytes).toBeLessThan(2_000);

      await frame.getByTestId("refresh").click();
      await frame.waitForFunction(() => window.__spectralWidget!.state().revision === "2", null, { timeout: 30_000 });
      expect(await state(frame)).toMatchObject({ state: "ready", nodes: "9", frames: "7", revision: "2", latest: "2" });
      expect(await frame.getByTestId("stale").isVisible()).toBe(false);
    } finally {
      await page.close();
    }
  });

  it("draws a model above the simplified-view threshold page by page, and says so", { timeout: 300_000 }, async () => {
    const { payload, frames, nodes } = buildingPayload({ nx: 20, ny: 20, ns: 40, name: "Large building" });
    expect(frames).toBeGreaterThan(SIMPLIFIED_VIEW_ABOVE_FRAMES);
    const imported = await toolResult("import_model", { payload });
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    try {
      const frame = await openInHost(page);
      await page.evaluate((r) => (window as unknown as { sendToolResult: (r: unknown) => void }).sendToolResult(r), imported);
      await frame.waitForSelector('#app[data-state="ready"]', { timeout: 120_000 });
      const s = await state(frame);
      expect(s).toMatchObject({ nodes: String(nodes), frames: String(frames), simplified: "true" });
      const log = await hostLog(page);
      expect(log.calls.length).toBe(Number(s.pages));
      expect(log.calls.length).toBeGreaterThan(1);
      expect(log.calls.every((c) => c.name === "get_model_geometry" && c.arguments.revision === imported.structuredContent!.revision)).toBe(true);
      expect(log.calls.map((c) => c.arguments.cursor)[0]).toBe(0);
      expect(Math.max(...log.calls.map((c) => c.bytes))).toBeLessThan(512 * 1024);
      const note = frame.getByTestId("simplified-note");
      expect(await note.isVisible()).toBe(true);
      expect(await note.innerText()).toMatch(/Simplified view of a large model \(51,240 frames\).*Open the full viewer/);
      expect((await pixels(frame)).lit).toBeGreaterThan(5000);
      // Selection still works, by index (no labels in the simplified view); in this dense a picture
      // a node may lie under the frame's midpoint, and nodes win.
      await clickOn(page, frame, "frame", 0);
      await frame.waitForFunction(() => /^(Frame #1 · #1 → #442 · 3\.500 m|Node #\d+ · \(.*\) m.*)$/.test(window.__spectralWidget!.state().selection ?? ""));
    } finally {
      await page.close();
    }
  });
});

describe("widget with ChatGPT's window.openai globals", () => {
  async function openWithOpenAi(globals: Record<string, unknown>): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 900, height: 600 } });
    await page.exposeFunction("hostCallTool", (name: string, args: Record<string, unknown>) => client.callTool({ name, arguments: args }));
    const json = JSON.stringify(globals).replace(/</g, "\\u003c");
    await page.setContent(
      WIDGET.replace(
        "<head>",
        `<head><script>window.openai = Object.assign(${json}, { callTool: (name, args) => window.hostCallTool(name, args), openExternal: (o) => { window.openedExternal = o.href; } });</script>`,
      ),
    );
    return page;
  }

  it("loads toolOutput's model through window.openai.callTool and links out with openExternal", { timeout: 60_000 }, async () => {
    const created = await toolResult("add_elements", { name: "ChatGPT widget", ...threeBay });
    const page = await openWithOpenAi({ toolOutput: created.structuredContent, displayMode: "inline" });
    try {
      await page.waitForSelector('#app[data-state="ready"]', { timeout: 30_000 });
      expect(await state(page)).toMatchObject({ nodes: "8", frames: "7" });
      expect((await pixels(page)).lit).toBeGreaterThan(800);
      await page.getByRole("link", { name: /Open full viewer/ }).click();
      expect(await page.evaluate(() => (window as unknown as { openedExternal?: string }).openedExternal)).toBe(created.structuredContent!.viewerUrl);
    } finally {
      await page.close();
    }
  });

  it("loads when the tool output arrives later (openai:set_globals)", { timeout: 60_000 }, async () => {
    const created = await toolResult("generate_structure", { name: "Later portal", structure: { type: "portal_frame" } });
    const page = await openWithOpenAi({});
    try {
      await page.waitForSelector('[data-testid="widget-waiting"]');
      await page.evaluate((out) => {
        const w = window as unknown as { openai: Record<string, unknown> };
        w.openai.toolOutput = out;
        window.dispatchEvent(new CustomEvent("openai:set_globals", { detail: { globals: { toolOutput: out } } }));
      }, created.structuredContent);
      await page.waitForSelector('#app[data-state="ready"]', { timeout: 30_000 });
      expect(Number((await state(page)).frames)).toBeGreaterThan(0);
      expect(await page.getByTestId("model-name").innerText()).toBe("Later portal");
    } finally {
      await page.close();
    }
  });
});

describe("screenshot renderer (render.html, server-side only)", () => {
  it("keeps draw calls constant as the model grows, in line and in solid mode", { timeout: 120_000 }, async () => {
    const html = readFileSync(await ensureRendererBuilt(), "utf8");
    const calls: Record<string, number> = {};
    for (const [name, payload] of [
      ["small", building({ nx: 2, ny: 2, ns: 2 })],
      ["large", building({ nx: 8, ny: 8, ns: 12 })],
    ] as const) {
      for (const solid of [false, true]) {
        const page = await browser.newPage({ viewport: { width: 800, height: 500 } });
        await page.setContent(html);
        await page.evaluate(([p, s]) => (window as unknown as { spectralRender: (a: unknown, b: unknown) => Promise<void> }).spectralRender(p, { view: "iso", display: { solid: s } }), [payload, solid] as const);
        const info = await page.evaluate(() => (window as unknown as { __spectralViewer: { info(): { calls: number } } }).__spectralViewer.info());
        calls[`${name}-${solid ? "solid" : "lines"}`] = info.calls;
        const dataUrl = await page.evaluate(() => (window as unknown as { __spectralViewer: { capturePng(): string } }).__spectralViewer.capturePng());
        expect(litPixels(decodePng(Buffer.from(dataUrl.slice(dataUrl.indexOf(",") + 1), "base64")))).toBeGreaterThan(1000);
        await page.close();
      }
    }
    expect(calls["large-lines"]).toBe(calls["small-lines"]);
    expect(calls["large-solid"]).toBe(calls["small-solid"]);
    expect(calls["small-lines"]).toBeLessThanOrEqual(6);
    expect(calls["small-solid"]! - calls["small-lines"]!).toBe(3);
  });
});
