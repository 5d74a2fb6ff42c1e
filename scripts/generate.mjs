// Generates both Prisma clients (SQLite and PostgreSQL) without the native schema engine.
// `prisma generate` never runs that engine, but the CLI insists it exists and would try to
// download it; pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file skips the download.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const prismaCli = fileURLToPath(new URL("../node_modules/prisma/build/index.js", import.meta.url));

for (const provider of ["sqlite", "postgres"]) {
  const res = spawnSync(process.execPath, [prismaCli, "generate", "--schema", `prisma/${provider}`], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
  });
  if (res.status !== 0) {
    process.stderr.write(res.stdout);
    process.stderr.write(res.stderr);
    console.error(`prisma generate failed for ${provider}`);
    process.exit(res.status ?? 1);
  }
}
console.log("Prisma clients generated: generated/sqlite, generated/postgres");
