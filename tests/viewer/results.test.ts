/**
 * Analysis results in the viewer, against `next start` + Debian chromium: the "Analyse" button
 * runs the solver, GET /api/models/[id]/results answers the cantilever's textbook numbers keyed by
 * payload indices, the deflected shape is drawn where the tip deflects, the panel shows the
 * maximum displacement, other users get 404, and a later revision marks the results stale.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { appWithBrowser } from "../support/app";
import type { RunningServer } from "../support/server";
import type { Db } from "@/lib/db/client";
import { EMPTY, insertFirstRevision, signUp, uid } from "../support/viewer-fixtures";
import { decodePng, litPixels } from "../support/png";

const L = 4; // m
const P = 10e3; // N, downward at the tip
const E = 210e9;
const Iz = 8.356e-5; // strong axis: a horizontal beam's local y is up, so vertical bending uses Iz
const DELTA = (P * L ** 3) / (3 * E * Iz); // ≈ 12.16 mm

/** A cantilever along +X (Z up, mm/kN): N1 fixed at the origin, N2 free at x = L with P downward. */
async function insertCantilever(db: Db, ownerId: string): Promise<{ modelId: string; nodes: string[]; frame: string; loadCase: string }> {
  const modelId = uid("m");
  const nodes = [`${modelId}na`, `${modelId}nb`];
  const frame = `${modelId}fa`;
  const sec = `${modelId}sa`, mat = `${modelId}ma`, lc = `${modelId}la`;
  await db.model.create({ data: { id: modelId, ownerId, name: "Cantilever", lengthUnit: "mm", forceUnit: "kN", verticalAxis: "Z", revision: 1 } });
  await db.section.create({ data: { id: sec, modelId, name: "IPE300", A: 0.00538, Iy: 6.04e-6, Iz, J: 2.0e-7, shape: JSON.stringify({ type: "I", h: 0.3, b: 0.15, tw: 0.0071, tf: 0.0107 }) } });
  await db.material.create({ data: { id: mat, modelId, name: "S275", E, G: 81e9, nu: 0.3, density: 7850, fy: 275e6, kind: "steel" } });
  await db.node.createMany({
    data: [
      { id: nodes[0]!, modelId, label: "N1", x: 0, y: 0, z: 0 },
      { id: nodes[1]!, modelId, label: "N2", x: L, y: 0, z: 0 },
    ],
  });
  await db.frame.create({ data: { id: frame, modelId, label: "B1", nodeI: nodes[0]!, nodeJ: nodes[1]!, sectionId: sec, materialId: mat, role: "beam" } });
  await db.support.create({ data: { id: `${modelId}ua`, modelId, nodeId: nodes[0]!, code: "FFFFFF" } });
  await db.loadCase.create({ data: { id: lc, modelId, name: "Tip load", type: "live" } });
  await db.load.create({ data: { id: `${modelId}pa`, modelId, caseId: lc, kind: "nodal", targetId: nodes[1]!, data: JSON.stringify({ fx: 0, fy: 0, fz: -P, mx: 0, my: 0, mz: 0 }) } });
  await insertFirstRevision(db, modelId, ownerId, "Cantilever");
  return { modelId, nodes, frame, loadCase: lc };
}

let server: RunningServer;
let browser: Browser;
let db: Db;
let ownerCtx: BrowserContext;
let owner: { id: string; email: string };
let model: Awaited<ReturnType<typeof insertCantilever>>;

type Results = {
  none?: boolean;
  jobId: string;
  revision: number;
  stale: boolean;
  status: string;
  sets: { id: string; name: string; kind: string }[];
  set: {
    id: string;
    displacements: number[];
    reactions: { node: number; f: number[]; m: number[] }[];
    endForces: number[];
    diagrams?: { frame: number; x: number[]; Mz: number[]; uy: number[] }[];
    axes?: number[][][];
  };
  maxDisplacement: { value: number; node: number } | null;
};

async function capture(page: Page) {
  const dataUrl = await page.evaluate(() => window.__spectralViewer!.capturePng());
  return decodePng(Buffer.from(dataUrl.slice(dataUrl.indexOf(",") + 1), "base64"));
}

/** Keyboard shortcuts are ignored while a form field has focus. */
async function blur(page: Page) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

const app = appWithBrowser();

beforeAll(async () => {
  ({ server, browser, db } = app.current());
  ownerCtx = await browser.newContext({ viewport: { width: 1280, height: 760 } });
  const page = await ownerCtx.newPage();
  owner = await signUp(page, server.url, db, "Rita Results");
  await page.close();
  model = await insertCantilever(db, owner.id);
}, 180_000);

afterAll(async () => {
  await ownerCtx?.close();
});

describe("analysis results in the viewer", () => {
  it("answers { none: true } before any analysis", async () => {
    const res = await ownerCtx.request.get(`${server.url}/api/models/${model.modelId}/results`);
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({ none: true });
  });

  it("Analyse runs the solver; the endpoint gives the cantilever's PL³/3EI, reactions and Mz(0) = −PL", async () => {
    const page = await ownerCtx.newPage();
    await page.goto(`${server.url}/models/${model.modelId}`);
    await page.waitForSelector('.sv-root[data-ready="true"]', { timeout: 30_000 });
    await page.getByTestId("tab-results").click();
    await expect(page.getByTestId("results-none").innerText()).resolves.toContain("Not analysed yet");
    await page.getByTestId("analyse").click();
    await page.getByTestId("results-max-displacement").waitFor({ timeout: 90_000 });

    const res = await ownerCtx.request.get(`${server.url}/api/models/${model.modelId}/results?set=${model.loadCase}`);
    expect(res.status()).toBe(200);
    expect(res.headers()["cache-control"]).toContain("no-store");
    const r = (await res.json()) as Results;
    expect(r.status).toBe("succeeded");
    expect(r.revision).toBe(1);
    expect(r.stale).toBe(false);
    expect(r.sets).toEqual([{ id: model.loadCase, name: "Tip load", kind: "case" }]);
    expect(r.set.id).toBe(model.loadCase);
    expect(r.set.displacements).toHaveLength(6);
    const uz = r.set.displacements[3 * 1 + 2]!;
    expect(Math.abs(uz + DELTA) / DELTA).toBeLessThan(1e-6);
    expect(Math.abs(r.set.displacements[3 * 1]!)).toBeLessThan(1e-12);
    expect(r.set.displacements.slice(0, 3)).toEqual([0, 0, 0]); // the fixed end
    expect(r.maxDisplacement?.node).toBe(1);
    expect(Math.abs(r.maxDisplacement!.value - DELTA) / DELTA).toBeLessThan(1e-6);
    // reaction at the support (node index 0): P upward and the fixed-end moment about Y
    expect(r.set.reactions).toHaveLength(1);
    expect(r.set.reactions[0]!.node).toBe(0);
    expect(r.set.reactions[0]!.f[2]).toBeCloseTo(P, 6);
    expect(Math.abs(Math.abs(r.set.reactions[0]!.m[1]!) - P * L) / (P * L)).toBeLessThan(1e-9);
    // diagrams keyed by frame index, in local axes: Mz(0) = −PL, tip deflection uy(L) = −δ
    const d = r.set.diagrams?.[0];
    expect(d?.frame).toBe(0);
    expect(d!.Mz[0]! / (-P * L)).toBeCloseTo(1, 6);
    expect(d!.uy.at(-1)! / -DELTA).toBeCloseTo(1, 6);
    expect(r.set.axes?.[0]?.[1]).toEqual([0, 0, 1]); // local y up
    // end forces: flat 12 per frame (N, Vy, Vz, T, My, Mz at i, then j)
    expect(r.set.endForces).toHaveLength(12);
    expect(r.set.endForces[5]! / (-P * L)).toBeCloseTo(1, 6);
    await page.close();
  }, 150_000);

  it("shows the max displacement in the panel and the deflected shape where the tip deflects", async () => {
    const page = await ownerCtx.newPage();
    await page.goto(`${server.url}/models/${model.modelId}`);
    await page.waitForSelector('.sv-root[data-ready="true"]', { timeout: 30_000 });
    await page.getByTestId("tab-results").click();
    const max = page.getByTestId("results-max-displacement");
    await max.waitFor({ timeout: 30_000 });
    expect(await max.innerText()).toBe(`${Number((DELTA * 1000).toPrecision(4))} mm`);
    expect(Number(await max.getAttribute("data-value"))).toBeCloseTo(DELTA, 9);

    // Only the beam and the support remain: grid, nodes and load arrows off; front elevation.
    await page.getByTestId("tab-model").click();
    await page.getByRole("checkbox", { name: "Loads", exact: true }).uncheck();
    await page.getByRole("checkbox", { name: "Nodes", exact: true }).uncheck();
    await page.getByRole("checkbox", { name: "Grid", exact: true }).uncheck();
    await blur(page);
    await page.keyboard.press("2");
    expect(await page.locator(".sv-root").getAttribute("data-view")).toBe("front");
    const canvas = (await page.locator("canvas").boundingBox())!;
    const tip = (await page.evaluate(() => window.__spectralViewer!.screenPosition({ kind: "node", index: 1 })))!;
    expect(tip).not.toBeNull();
    // The deflected tip is drawn 5 % of the model size (0.2 m) below the tip: look just under it.
    const before = await capture(page);
    const sx = before.width / canvas.width, sy = before.height / canvas.height;
    const region = {
      x0: (tip.x - 30) * sx / before.width,
      x1: (tip.x + 4) * sx / before.width,
      y0: (tip.y + 6) * sy / before.height,
      y1: (tip.y + 90) * sy / before.height,
    };
    const litBefore = litPixels(before, region);
    await page.getByTestId("tab-results").click();
    await page.getByTestId("results-deflected").check();
    const after = await capture(page);
    const litAfter = litPixels(after, region);
    expect(litBefore).toBeLessThan(3);
    expect(litAfter).toBeGreaterThan(litBefore + 8);

    // Diagram and reactions add a constant number of draw calls.
    const calls0 = (await page.evaluate(() => window.__spectralViewer!.info())).calls;
    await page.getByTestId("results-diagram").selectOption("Mz");
    await page.getByTestId("results-reactions").check();
    await capture(page);
    const calls1 = (await page.evaluate(() => window.__spectralViewer!.info())).calls;
    expect(calls1 - calls0).toBeLessThanOrEqual(3);
    expect(calls1 - calls0).toBeGreaterThan(0);

    // Toggling the deflected shape off restores the picture.
    await page.getByTestId("results-deflected").uncheck();
    await page.getByTestId("results-diagram").selectOption("none");
    await page.getByTestId("results-reactions").uncheck();
    expect(litPixels(await capture(page), region)).toBeLessThan(3);

    // The selected tip node shows its displacement in the properties card.
    await page.getByTestId("tab-model").click();
    await page.getByRole("checkbox", { name: "Nodes", exact: true }).check();
    await page.mouse.click(canvas.x + tip.x, canvas.y + tip.y);
    await expect(page.getByTestId("selection-title").innerText()).resolves.toBe("Node N2");
    await expect(page.getByTestId("res-displacement-total").innerText()).resolves.toBe(`${Number((DELTA * 1000).toPrecision(4))} mm`);
    await page.close();
  }, 120_000);

  it("another user, and a visitor without a session, get 404 from the endpoint", async () => {
    const otherCtx = await browser.newContext();
    const page = await otherCtx.newPage();
    await signUp(page, server.url, db, "Mallory");
    const res = await otherCtx.request.get(`${server.url}/api/models/${model.modelId}/results`);
    expect(res.status()).toBe(404);
    expect(JSON.stringify(await res.json())).not.toContain("Tip load");
    expect((await fetch(`${server.url}/api/models/${model.modelId}/results`)).status).toBe(404);
    expect((await ownerCtx.request.get(`${server.url}/api/models/nope-${uid("x")}/results`)).status()).toBe(404);
    await otherCtx.close();
  }, 60_000);

  it("marks the results stale once the model changes, and does not draw them over the new revision", async () => {
    const node = `${model.modelId}nc`;
    await db.node.create({ data: { id: node, modelId: model.modelId, label: "N3", x: 2 * L, y: 0, z: 0 } });
    await db.model.update({ where: { id: model.modelId }, data: { revision: 2 } });
    await db.modelRevision.create({
      data: {
        id: uid("r"),
        modelId: model.modelId,
        revision: 2,
        actorId: owner.id,
        source: "web",
        summary: "Added a node",
        changes: JSON.stringify({ counts: { added: { nodes: 1 }, updated: {}, removed: {} }, inverse: { add: EMPTY(), update: EMPTY(), remove: { ...EMPTY(), nodes: [node] } } }),
      },
    });
    const r = (await (await ownerCtx.request.get(`${server.url}/api/models/${model.modelId}/results`)).json()) as Results;
    expect(r.stale).toBe(true);
    expect(r.revision).toBe(1);
    expect(r.set.displacements).toHaveLength(6); // keyed by revision 1's nodes
    const page = await ownerCtx.newPage();
    await page.goto(`${server.url}/models/${model.modelId}`);
    await page.waitForSelector('.sv-root[data-ready="true"]', { timeout: 30_000 });
    await page.getByTestId("tab-results").click();
    await expect(page.getByTestId("results-stale").innerText()).resolves.toContain("model changed since this analysis");
    expect(await page.getByTestId("results-deflected").count()).toBe(0);
    // …but over revision 1 they are drawn
    await page.goto(`${server.url}/models/${model.modelId}?rev=1`);
    await page.waitForSelector('.sv-root[data-ready="true"]', { timeout: 30_000 });
    await page.getByTestId("tab-results").click();
    await page.getByTestId("results-deflected").waitFor();
    await page.close();
  }, 60_000);
});
