#!/usr/bin/env node
// `npm run bench:load`: N concurrent MCP clients with real OAuth tokens run a realistic mix for a
// fixed time against the production server, on SQLite and (when reachable) PostgreSQL; prints
// throughput, p50/p95/p99 latency and errors, then checks that every acknowledged write is in the
// database and nothing else is (exit code 1 otherwise). Needs `npm run build`.
// Options: --clients N (8), --seconds N (20), --db sqlite,postgres
import { createJiti } from "jiti";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const jiti = createJiti(import.meta.url, { alias: { "@/": root, "server-only": `${root}tests/support/empty.ts` }, fsCache: false });
const { requireBuild, postgresAvailable } = await jiti.import("./support.ts");
requireBuild();
const { loadTest } = await jiti.import("./load.bench.ts");
const dbs = flag("db", (await postgresAvailable()) ? "sqlite,postgres" : "sqlite").split(",");
let failed = false;
for (const kind of dbs) {
  const { report, failures } = await loadTest(kind, { clients: Number(flag("clients", "8")), seconds: Number(flag("seconds", "20")) });
  console.log(report + "\n");
  failed ||= failures.length > 0;
}
process.exit(failed ? 1 : 0);
