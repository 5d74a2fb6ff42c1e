#!/usr/bin/env node
// `npm test`: everything a change must pass, in one command.
//  1. makes sure the tools the tests drive are here (Debian's chromium for browser tests,
//     a Node 22 binary from the npm registry for the MCP conformance suite), installing them when missing;
//  2. lints (`npm run lint`: Next's rules and the layer boundaries of ARCHITECTURE.md), unless only
//     some test files were named (`npm test -- tests/x.test.ts`);
//  3. builds the app (browser and end-to-end tests run against `next start`, as users get it);
//  4. runs vitest (unit, integration on SQLite and, when reachable, PostgreSQL, and end-to-end).
// PostgreSQL: set SPECTRAL_TEST_PG_URL (e.g. postgresql://postgres@127.0.0.1:5432/test); without it
// the suite probes 127.0.0.1:5432 and skips the PostgreSQL variants when nothing answers.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ensureChromium, ensureNode22 } from "./tools.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);

function run(cmd, argv, extraEnv = {}) {
  const t0 = Date.now();
  const res = spawnSync(cmd, argv, { cwd: root, stdio: "inherit", env: { ...process.env, ...extraEnv } });
  if (res.status !== 0) {
    console.error(`\n✗ ${cmd} ${argv.join(" ")} failed (exit ${res.status ?? res.signal})`);
    process.exit(res.status ?? 1);
  }
  console.log(`✓ ${cmd} ${argv.slice(0, 2).join(" ")} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

ensureChromium();
ensureNode22();
if (!args.some((a) => !a.startsWith("-"))) {
  run(process.execPath, ["node_modules/eslint/bin/eslint.js", ".", "--cache", "--cache-location", "node_modules/.cache/eslint/"]);
}
if (!process.env.SPECTRAL_SKIP_BUILD || !existsSync(`${root}/.next/BUILD_ID`)) {
  // The same steps as `npm run build`.
  run(process.execPath, ["scripts/build-worker.mjs"]);
  run(process.execPath, ["scripts/build-widget.mjs"]);
  run(process.execPath, ["node_modules/next/dist/bin/next", "build"], { NEXT_TELEMETRY_DISABLED: "1" });
}
// Vitest's own summary, plus one plain closing line with the counts (read from its JSON report).
const report = `${root}test-results/vitest.json`;
const res = spawnSync(
  process.execPath,
  ["node_modules/vitest/vitest.mjs", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...args],
  { cwd: root, stdio: "inherit", env: process.env },
);
try {
  const r = JSON.parse(readFileSync(report, "utf8"));
  console.log(`\nvitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + (r.numTodoTests ?? 0)} skipped`);
} catch {
  console.log("\nvitest: no report was written");
}
process.exit(res.status ?? 1);
