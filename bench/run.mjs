#!/usr/bin/env node
// `npm run bench`: every server benchmark, figures as ratios measured in the same run.
//   0. tools/list: bytes per tool in both protocol eras next to the 40 KB budget (bench/tools.bench.ts; no build needed)
//   1. MCP tool calls: get_model and add_elements next to the framework's ceiling (bench/mcp.bench.ts)
//   2. one small edit (add, update, remove, get_model) on empty, 10k- and 100k-frame models (bench/edits.bench.ts)
//   3. import_model of 10k and 100k frames next to the database driver, SQLite and PostgreSQL,
//      with the server's peak RSS during the 100k import (bench/import.bench.ts)
//   4. live viewers: tool answer → change on screen in Chromium, next to a page reload (bench/live.bench.ts;
//      only with --only live: it needs Debian chromium)
// Needs a production build (`npm run build`). PostgreSQL parts run when one answers on
// SPECTRAL_TEST_PG_URL / 127.0.0.1:5432. Options: --only tools|mcp|edits|import|live, --calls N (edits per round), --rounds N, --seconds N,
// --sizes 10k,100k. The TypeScript benches run through jiti (already installed with vite/prisma).
import { createJiti } from "jiti";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const jiti = createJiti(import.meta.url, {
  alias: { "@/": root, "server-only": `${root}tests/support/empty.ts` },
  fsCache: false,
});

const only = flag("only", "all");
const rounds = Number(flag("rounds", "3"));
const out = [`# npm run bench — ${new Date().toISOString()} (${(await import("node:os")).cpus().length} cores, Node ${process.version})`, ""];
const t0 = performance.now();
if (only === "all" || only === "tools") {
  const { benchTools } = await jiti.import("./tools.bench.ts");
  const section = await benchTools();
  console.log(section + "\n");
  out.push(section, "");
}
const { requireBuild } = await jiti.import("./support.ts");
if (only !== "tools") requireBuild();
if (only === "all" || only === "mcp") {
  const { benchMcp } = await jiti.import("./mcp.bench.ts");
  const section = await benchMcp({ rounds, seconds: Number(flag("seconds", "5")), concurrency: flag("connections", "1,10").split(",").map(Number) });
  console.log(section + "\n");
  out.push(section, "");
}
if (only === "all" || only === "edits") {
  const { benchEdits } = await jiti.import("./edits.bench.ts");
  const section = await benchEdits({ rounds, perRound: Number(flag("calls", "20")) });
  console.log(section + "\n");
  out.push(section, "");
}
if (only === "all" || only === "import") {
  const { benchImport } = await jiti.import("./import.bench.ts");
  const section = await benchImport({ rounds, sizes: flag("sizes", "10k,100k").split(",") });
  console.log(section + "\n");
  out.push(section, "");
}
if (only === "live") {
  const { benchLive } = await jiti.import("./live.bench.ts");
  const section = await benchLive({ rounds, perRound: Number(flag("calls", "10")) });
  console.log(section + "\n");
  out.push(section, "");
}
console.log(`(${Math.round((performance.now() - t0) / 1000)} s)`);
process.exit(0);
