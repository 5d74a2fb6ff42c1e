#!/usr/bin/env node
// Database commands that work offline (see lib/db/migrate.mjs for why).
//   node scripts/db.mjs deploy           apply committed migrations to DATABASE_URL (default SQLite file)
//   node scripts/db.mjs diff <name>      write a new migration for both providers from prisma/models.prisma
//                                        (uses a scratch SQLite file and, for PostgreSQL, a scratch
//                                        database on SPECTRAL_TEST_PG_URL / 127.0.0.1:5432)
import { rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deployMigrations, createMigration, providerOf } from "../lib/db/migrate.mjs";

const DEFAULT_URL = "file:./data/spectral.db";
const [cmd, name] = process.argv.slice(2);

async function main() {
  if (cmd === "deploy") {
    const url = process.env.DATABASE_URL || DEFAULT_URL;
    const t0 = performance.now();
    const applied = await deployMigrations(url);
    const where = providerOf(url) === "postgres" ? "PostgreSQL" : url;
    console.log(
      applied.length
        ? `Applied ${applied.length} migration(s) to ${where} in ${Math.round(performance.now() - t0)} ms: ${applied.join(", ")}`
        : `Database ${where} is up to date.`,
    );
    return;
  }
  if (cmd === "diff") {
    if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: node scripts/db.mjs diff <snake_case_name>");
    const dir = mkdtempSync(join(tmpdir(), "spectral-migrate-"));
    try {
      const out = await createMigration("sqlite", name, `file:${join(dir, "scratch.db")}`);
      console.log(out ? `sqlite: wrote ${out}` : "sqlite: no changes");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const pgBase = process.env.SPECTRAL_TEST_PG_URL || "postgresql://postgres@127.0.0.1:5432/test";
    const pg = (await import("pg")).default;
    const admin = new pg.Client({ connectionString: pgBase });
    await admin.connect();
    const db = `spectral_migrate_${process.pid}`;
    await admin.query(`CREATE DATABASE ${db}`);
    try {
      const u = new URL(pgBase);
      u.pathname = `/${db}`;
      const out = await createMigration("postgres", name, u.toString());
      console.log(out ? `postgres: wrote ${out}` : "postgres: no changes");
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await admin.end();
    }
    return;
  }
  throw new Error("usage: node scripts/db.mjs deploy | diff <name>");
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
