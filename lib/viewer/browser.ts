/**
 * One headless Chromium per server process for server-side rendering (screenshots), launched
 * lazily on first use, relaunched if it dies, with a concurrency limit (software WebGL is CPU
 * bound: more parallel renders than cores only makes each slower) and a bounded wait queue.
 * Debian's /usr/bin/chromium driven by playwright-core; never a downloaded browser.
 */
import "server-only";
import type { Browser } from "playwright-core";
import { env } from "@/lib/env";
import { AppError } from "@/lib/structural/errors";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
  "--headless",
] as const;

const renderBusy = () => new AppError("busy", "The renderer is busy; retry in a few seconds.");

const state: typeof globalThis & {
  __spectralBrowser?: Promise<Browser>;
  __spectralRenderSlots?: { active: number; waiting: (() => void)[] };
} = globalThis;

/** The shared browser (launched on first call). */
export function sharedBrowser(): Promise<Browser> {
  if (!state.__spectralBrowser) {
    const launching = (async () => {
      const { chromium } = await import("playwright-core");
      const b = await chromium.launch({
        executablePath: env().SPECTRAL_CHROMIUM,
        headless: true,
        args: [...CHROMIUM_ARGS],
        timeout: 30_000,
      });
      b.on("disconnected", () => {
        if (state.__spectralBrowser === launching) state.__spectralBrowser = undefined;
      });
      return b;
    })();
    state.__spectralBrowser = launching;
    launching.catch(() => {
      if (state.__spectralBrowser === launching) state.__spectralBrowser = undefined;
    });
  }
  return state.__spectralBrowser;
}

/**
 * Runs `fn` when a render slot is free (at most `limit` at once, at most `maxQueue` waiting,
 * waiting at most `waitMs`); throws RenderBusyError otherwise.
 */
export async function withRenderSlot<T>(fn: () => Promise<T>, opts: { limit?: number; maxQueue?: number; waitMs?: number } = {}): Promise<T> {
  const limit = opts.limit ?? 2;
  const slots = (state.__spectralRenderSlots ??= { active: 0, waiting: [] });
  if (slots.active >= limit) {
    if (slots.waiting.length >= (opts.maxQueue ?? 8)) throw renderBusy();
    await new Promise<void>((resolve, reject) => {
      const wake = () => {
        clearTimeout(t);
        resolve();
      };
      const t = setTimeout(() => {
        const i = slots.waiting.indexOf(wake);
        if (i >= 0) slots.waiting.splice(i, 1);
        reject(renderBusy());
      }, opts.waitMs ?? 20_000);
      slots.waiting.push(wake);
    });
  } else {
    slots.active++;
  }
  try {
    return await fn();
  } finally {
    const next = slots.waiting.shift();
    if (next) next();
    else slots.active--;
  }
}

/** Closes the shared browser (tests, shutdown). */
export async function closeSharedBrowser(): Promise<void> {
  const b = state.__spectralBrowser;
  state.__spectralBrowser = undefined;
  if (b) await (await b.catch(() => null))?.close().catch(() => undefined);
}
