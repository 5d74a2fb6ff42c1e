#!/usr/bin/env node
// Bundles the analysis worker thread (lib/analysis/worker-entry.ts + the pure solver it imports)
// into one ES module, generated/analysis-worker.mjs, with rolldown (installed with vite).
import { build } from "rolldown";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const t0 = performance.now();
await build({
  input: `${root}lib/analysis/worker-entry.ts`,
  platform: "node",
  logLevel: "warn",
  output: { file: `${root}generated/analysis-worker.mjs`, format: "esm", minify: false },
});
console.log(`Analysis worker built: generated/analysis-worker.mjs (${Math.round(performance.now() - t0)} ms)`);
