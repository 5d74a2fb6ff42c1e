/**
 * Live viewers: the time from a write tool's answer (the moment ChatGPT could tell the user "done")
 * to the open viewer showing that revision, in headless Debian Chromium against a production
 * server, on SQLite and (when reachable) PostgreSQL. Compared in the same run with:
 *   - a large change (LIVE_DELTA_MAX_ROWS + 100 nodes in one call): no delta, the stream says
 *     "reload" and the page fetches the payload again;
 *   - the baseline before live viewers: the user reloads the page right after the answer (the best
 *     case of "nothing changes until you reload"), timed to the viewer's first frame.
 * Live times are taken in the page (a MutationObserver on the revision it shows, wall clock), the
 * answer's time in this process (same machine, same clock). LIVE_POLL_MS bounds the wait for the
 * poller: median ≈ half of it plus the stream and the patch.
 */
import { launchBrowser } from "../tests/support/browser";
import { benchServer, fmt, median, percentile, postgresAvailable, table } from "./support";
import { PORTAL, connectAssistant, openMarked, signedInPage } from "../tests/support/live";
import { LIVE_DELTA_MAX_ROWS } from "../lib/structural/live";
import { LIVE_POLL_MS } from "../lib/web/live";
import type { Page } from "playwright-core";

const now = () => performance.timeOrigin + performance.now();

async function watchRevisions(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __seen: Record<string, number> };
    w.__seen = {};
    const el = document.querySelector<HTMLElement>(".sv-root")!;
    new MutationObserver(() => {
      const r = el.dataset.revision ?? "";
      w.__seen[r] ??= performance.timeOrigin + performance.now();
    }).observe(el, { attributes: true, attributeFilter: ["data-revision"] });
  });
}

async function seenAt(page: Page, revision: number): Promise<number> {
  const h = await page.waitForFunction((r) => (window as unknown as { __seen: Record<string, number> }).__seen[String(r)], revision, { timeout: 30_000 });
  return Number(await h.jsonValue());
}

async function benchOn(kind: "sqlite" | "postgres", rounds: number, perRound: number): Promise<(string | number)[][]> {
  const { server, drop } = await benchServer(kind);
  const browser = await launchBrowser();
  try {
    const a = await connectAssistant(server, `${server.url}/mcp`);
    const page = await signedInPage(browser, server.url, a.user);
    const { modelId } = await a.call<{ modelId: string }>("add_elements", { name: "Live bench", ...PORTAL });
    const url = `${server.url}/models/${modelId}`;
    const small: number[] = [], large: number[] = [], reload: number[] = [];
    let x = 100;
    for (let r = 0; r < rounds; r++) {
      await openMarked(page, url);
      await watchRevisions(page);
      for (let k = 0; k < perRound; k++) {
        const { revision } = await a.call<{ revision: number }>("add_elements", { modelId, nodes: [{ x: x++, y: 0, z: 0 }] });
        const answered = now();
        small.push((await seenAt(page, revision)) - answered);
      }
      const nodes = Array.from({ length: LIVE_DELTA_MAX_ROWS + 100 }, () => ({ x: x++, y: 20, z: 0 }));
      const { revision } = await a.call<{ revision: number }>("add_elements", { modelId, nodes });
      const answered = now();
      large.push((await seenAt(page, revision)) - answered);
      // Baseline: reload right after the answer, until the viewer has drawn the new revision.
      for (let k = 0; k < Math.min(perRound, 5); k++) {
        const done = await a.call<{ revision: number }>("add_elements", { modelId, nodes: [{ x: x++, y: 0, z: 0 }] });
        const t0 = now();
        await page.reload();
        await page.waitForSelector(`.sv-root[data-ready="true"][data-revision="${done.revision}"]`, { timeout: 60_000 });
        reload.push(now() - t0);
      }
    }
    const row = (what: string, xs: number[]) => {
      const s = [...xs].sort((p, q) => p - q);
      return [kind, what, xs.length, fmt(median(xs)), fmt(percentile(s, 90)), fmt(s.at(-1) ?? NaN)];
    };
    return [
      row("live: add 1 node (delta on the stream)", small),
      row(`live: add ${LIVE_DELTA_MAX_ROWS + 100} nodes ("reload" event, payload refetch)`, large),
      row("baseline: reload the page after the answer", reload),
    ];
  } finally {
    await browser.close();
    await drop();
  }
}

export async function benchLive(opts: { rounds: number; perRound: number }): Promise<string> {
  const rows = await benchOn("sqlite", opts.rounds, opts.perRound);
  if (await postgresAvailable()) rows.push(...(await benchOn("postgres", opts.rounds, opts.perRound)));
  return [
    `## Live viewer: tool answer → change on screen (ms; poll interval ${LIVE_POLL_MS} ms)`,
    "",
    table(["db", "path", "n", "median", "p90", "max"], rows),
  ].join("\n");
}
