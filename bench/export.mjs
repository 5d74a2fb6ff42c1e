#!/usr/bin/env node
// Export benchmark (bench/export.bench.ts): node --expose-gc bench/export.mjs [--size 10k|100k]
import { createJiti } from "jiti";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const jiti = createJiti(import.meta.url, { alias: { "@/": root, "server-only": `${root}tests/support/empty.ts` }, fsCache: false });
const i = process.argv.indexOf("--size");
const { benchExport } = await jiti.import("./export.bench.ts");
const f = process.argv.indexOf("--formats");
console.log(benchExport(i > 0 ? process.argv[i + 1] : "100k", f > 0 ? process.argv[f + 1].split(",") : undefined));
