// Offline migrations for Prisma 7 without the native schema engine.
//
// The Prisma CLI needs a native `schema-engine` binary that it downloads from the internet;
// this module drives the Wasm build of the same engine (@prisma/schema-engine-wasm) through
// our driver adapters instead. It reads and writes the standard layout
// (prisma/<provider>/migrations/<timestamp>_<name>/migration.sql + migration_lock.toml) and the
// standard `_prisma_migrations` table, so a deployment with internet access can switch to
// `prisma migrate deploy` at any time and find the same history.
//
// Plain JavaScript on purpose: `npm start` runs it before Next.js, and tests import it.
import { readFileSync, readdirSync, existsSync, mkdirSync, writeFileSync, lstatSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** "postgres" for postgres:// and postgresql:// URLs, otherwise "sqlite". */
export function providerOf(url) {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgres" : "sqlite";
}

/** Resolves a `file:` SQLite URL relative to the project root and makes sure its folder exists. */
export function sqliteFilePath(url) {
  const raw = url.replace(/^file:/, "");
  if (raw === ":memory:") return raw;
  const path = raw.startsWith("/") ? raw : join(ROOT, raw);
  mkdirSync(dirname(path), { recursive: true });
  return path;
}

let enginePromise;
/** Loads the Wasm schema engine without --experimental-wasm-modules. */
async function loadEngineModule() {
  enginePromise ??= (async () => {
    const pkgDir = dirname(require.resolve("@prisma/schema-engine-wasm"));
    const bg = await import(join(pkgDir, "schema_engine_bg.js"));
    const bytes = readFileSync(join(pkgDir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start?.();
    return bg;
  })();
  return enginePromise;
}

/**
 * A driver-adapter factory for the engine that remembers the connections it opens, so they can
 * be closed when the engine is done (the engine does not close them, and an open SQLite
 * connection would keep the app's first connection from switching to WAL).
 */
async function adapterFactory(url) {
  const { bindMigrationAwareSqlAdapterFactory } = await import("@prisma/driver-adapter-utils");
  let inner;
  if (providerOf(url) === "postgres") {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    inner = new PrismaPg({ connectionString: url });
  } else {
    const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
    inner = new PrismaBetterSqlite3({ url: `file:${sqliteFilePath(url)}` });
  }
  const opened = [];
  const tracking = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      const a = await inner.connect();
      opened.push(a);
      return a;
    },
    async connectToShadowDb() {
      const a = await inner.connectToShadowDb();
      opened.push(a);
      return a;
    },
  };
  return {
    factory: bindMigrationAwareSqlAdapterFactory(tracking),
    async close() {
      for (const a of opened.splice(0)) await a.dispose?.().catch(() => undefined);
    },
  };
}

function schemaFiles(provider) {
  const dir = join(ROOT, "prisma", provider);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".prisma"))
    .sort()
    .map((f) => {
      const p = join(dir, f);
      // models.prisma is a symlink to ../models.prisma; reading follows it. Keep a copy-safe
      // fallback for checkouts that turned the link into a text file holding the target path.
      let content = readFileSync(p, "utf8");
      if (!lstatSync(p).isSymbolicLink() && content.trim() === "../models.prisma") {
        content = readFileSync(join(ROOT, "prisma", "models.prisma"), "utf8");
      }
      return { path: p, content };
    });
}

function migrationsList(provider) {
  const baseDir = join(ROOT, "prisma", provider, "migrations");
  const lockPath = join(baseDir, "migration_lock.toml");
  const dirs = existsSync(baseDir)
    ? readdirSync(baseDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  return {
    baseDir,
    lockfile: { path: lockPath, content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => {
      const file = join(baseDir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: existsSync(file) ? { tag: "ok", value: readFileSync(file, "utf8") } : { tag: "error", value: "missing migration.sql" },
        },
      };
    }),
  };
}

async function withEngine(url, fn) {
  const provider = providerOf(url);
  const bg = await loadEngineModule();
  const logs = [];
  const adapters = await adapterFactory(url);
  const engine = await bg.SchemaEngine.new(
    { datamodels: schemaFiles(provider).map((f) => [f.path, f.content]) },
    (msg) => logs.push(msg),
    adapters.factory,
  );
  try {
    return await fn(engine, provider);
  } finally {
    engine.free?.();
    await adapters.close();
  }
}

const noFilters = { externalTables: [], externalEnums: [] };

/**
 * Applies every committed migration that the database has not seen yet (what
 * `prisma migrate deploy` does). Returns the names of the migrations applied.
 */
export async function deployMigrations(url) {
  return withEngine(url, async (engine, provider) => {
    const out = await engine.applyMigrations({ migrationsList: migrationsList(provider), filters: noFilters });
    return out.appliedMigrationNames;
  });
}

/**
 * Writes a new migration for `provider`: the SQL from the models the last migration was made
 * from (a snapshot kept beside the migrations, or nothing for the first one) to the models in
 * prisma/models.prisma. Diffing two datamodels needs no live database, which matters because
 * the Wasm engine cannot introspect a live PostgreSQL database. Returns the new folder, or null
 * when nothing changed.
 */
export async function createMigration(provider, name, scratchUrl) {
  return withEngine(scratchUrl, async (engine) => {
    const baseDir = join(ROOT, "prisma", provider, "migrations");
    // Not a .prisma file: the Prisma CLI reads every .prisma file under the schema folder.
    const snapshotPath = join(baseDir, "models.snapshot.txt");
    const files = schemaFiles(provider);
    const datasource = files.filter((f) => !f.path.endsWith("models.prisma"));
    const models = files.find((f) => f.path.endsWith("models.prisma"));
    const from = existsSync(snapshotPath)
      ? { tag: "schemaDatamodel", files: [...datasource, { path: snapshotPath, content: readFileSync(snapshotPath, "utf8") }] }
      : { tag: "empty" };
    const res = await engine.diff({ from, to: { tag: "schemaDatamodel", files }, script: true, exitCode: null, filters: noFilters });
    const sql = (res.stdout ?? "").trim();
    if (!sql || /^-- This is an empty migration/.test(sql)) return null;
    const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
    const dir = join(baseDir, `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "migration.sql"), sql + "\n");
    writeFileSync(snapshotPath, models.content);
    const lock = join(baseDir, "migration_lock.toml");
    if (!existsSync(lock)) {
      writeFileSync(
        lock,
        `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider === "postgres" ? "postgresql" : "sqlite"}"\n`,
      );
    }
    // The new migration must apply cleanly: prove it on the scratch database.
    await engine.applyMigrations({ migrationsList: migrationsList(provider), filters: noFilters });
    return dir;
  });
}
