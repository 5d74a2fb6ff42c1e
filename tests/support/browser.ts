/** Headless Debian chromium driven by playwright-core (never a downloaded browser). */
import { chromium, type Browser } from "playwright-core";
import { CHROMIUM } from "../../scripts/tools.mjs";

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
      "--use-angle=swiftshader",
      "--enable-unsafe-swiftshader",
      "--host-resolver-rules=MAP localhost 127.0.0.1",
    ],
  });
}
