/**
 * import_model of 10k and 100k frames, end to end over HTTP on the production server (token
 * check, JSON-RPC, zod, normalizeImport, planAddElements, the write transaction, the result),
 * next to the storage limit: the same rows inserted directly with the database driver in one
 * transaction (SQLite: better-sqlite3 prepared statements; PostgreSQL: COPY via pg-copy-streams),
 * alternating in each round. Also: the server's peak RSS during the 100k import, and an
 * in-process profile of the import path's phases (where the time goes).
 */
import Database from "better-sqlite3";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { normalizeImport, planAddElements, type ModelPatch } from "@/lib/structural";
import { importModel } from "@/lib/mcp/tools/import-model";
import { blankModel } from "@/lib/mcp/tools/create-model";
import { newId } from "@/lib/db/ids";
import { bulkNewId } from "@/lib/db/bulk";
import { ELEMENT_KINDS, TABLES, toRow, type ElementKind } from "@/lib/db/mappers";
import { deployMigrations } from "@/lib/db/migrate.mjs";
import { useDatabase } from "@/lib/db/client";
import { createModel } from "@/lib/db/models";
import { createSqliteDatabase } from "../tests/support/db";
import { createUser } from "../tests/support/fixtures";
import { benchServer, createPostgresDatabase, fmt, median, mintTokens, postgresAvailable, rssMb, rssSampler, table } from "./support";
import { buildingPayload, SIZES } from "./lib/building.mjs";

interface Rows {
  tables: { table: string; columns: readonly string[]; rows: unknown[][] }[];
  total: number;
}

/** The rows import_model writes for a payload (same planner, same mappers). */
function rowsFor(payload: unknown): Rows {
  const norm = normalizeImport(payload);
  const { name, description, displayUnits, verticalAxis, ...elements } = norm.input as typeof norm.input & Record<string, unknown>;
  const blank = blankModel({ ownerId: "bench", name: name as string, description: (description as string) ?? "", verticalAxis: verticalAxis as "Z", displayUnits: displayUnits as never });
  const plan = planAddElements(blank, elements as never, { newId });
  const add = plan.patch.add as unknown as Record<ElementKind, unknown[]>;
  const tables = ELEMENT_KINDS.filter((k) => add[k]?.length).map((k) => ({
    table: TABLES[k].table,
    columns: TABLES[k].columns,
    rows: add[k].map((el) => (toRow[k] as (m: string, e: unknown) => unknown[])("MODEL", el)),
  }));
  return { tables, total: tables.reduce((a, t) => a + t.rows.length, 0) };
}

function withModel(rows: Rows, modelId: string): Rows["tables"] {
  // Fresh ids per round (primary keys), same shape and sizes.
  const suffix = modelId.slice(-6);
  return rows.tables.map((t) => ({
    ...t,
    rows: t.rows.map((r) => {
      const c = [...r];
      c[0] = `${c[0]}${suffix}`;
      c[1] = modelId;
      return c;
    }),
  }));
}

async function driverSqlite(file: string, ownerId: string, rows: Rows): Promise<number> {
  const modelId = newId();
  const tables = withModel(rows, modelId);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  const now = new Date().toISOString().replace("Z", "+00:00");
  const t0 = performance.now();
  db.transaction(() => {
    db.prepare(`INSERT INTO "Model" ("id","ownerId","name","description","lengthUnit","forceUnit","verticalAxis","revision","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?,?,?)`).run(modelId, ownerId, "driver", "", "m", "kN", "Z", 1, now, now);
    for (const t of tables) {
      const st = db.prepare(`INSERT INTO "${t.table}" (${t.columns.map((c) => `"${c}"`).join(",")}) VALUES (${t.columns.map(() => "?").join(",")})`);
      for (const r of t.rows) st.run(r.map((v) => v ?? null));
    }
    db.prepare(`INSERT INTO "ModelRevision" ("id","modelId","revision","source","summary","changes","createdAt") VALUES (?,?,?,?,?,?,?)`).run(newId(), modelId, 1, "api", "driver", "{}", now);
  })();
  const ms = performance.now() - t0;
  db.close();
  return ms;
}

function copyText(v: unknown): string {
  if (v === null || v === undefined) return "\\N";
  return String(v).replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

async function driverPg(url: string, ownerId: string, rows: Rows): Promise<number> {
  const modelId = newId();
  const tables = withModel(rows, modelId);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const now = new Date().toISOString();
  const t0 = performance.now();
  await c.query("BEGIN");
  await c.query(`INSERT INTO "Model" ("id","ownerId","name","description","lengthUnit","forceUnit","verticalAxis","revision","createdAt","updatedAt") VALUES ($1,$2,'driver','','m','kN','Z',1,$3,$3)`, [modelId, ownerId, now]);
  for (const t of tables) {
    const stream = c.query(copyFrom(`COPY "${t.table}" (${t.columns.map((x) => `"${x}"`).join(",")}) FROM STDIN`));
    const done = new Promise<void>((resolve, reject) => { stream.on("finish", resolve); stream.on("error", reject); });
    const CHUNK = 5_000;
    for (let i = 0; i < t.rows.length; i += CHUNK) {
      const text = t.rows.slice(i, i + CHUNK).map((r) => r.map(copyText).join("\t")).join("\n") + "\n";
      if (!stream.write(text)) await new Promise((r) => stream.once("drain", r));
    }
    stream.end();
    await done;
  }
  await c.query(`INSERT INTO "ModelRevision" ("id","modelId","revision","source","summary","changes","createdAt") VALUES ($1,$2,1,'api','driver','{}',$3)`, [newId(), modelId, now]);
  await c.query("COMMIT");
  const ms = performance.now() - t0;
  await c.end();
  return ms;
}

function driverSqliteOrPg(kind: "sqlite" | "postgres", target: string, ownerId: string, rows: Rows): Promise<number> {
  return kind === "postgres" ? driverPg(target, ownerId, rows) : driverSqlite(target, ownerId, rows);
}

async function importOverHttp(url: string, token: string, body: string): Promise<{ ms: number; ok: boolean; text: string }> {
  const t0 = performance.now();
  const res = await fetch(`${url}/mcp`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-06-18", authorization: `Bearer ${token}` },
    body,
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  return { ms, ok: res.status === 200 && text.includes('"modelId":"c') && !text.includes('"isError":true'), text: text.slice(0, 400) };
}

/** Where an import's time goes, in this process (same code the server runs). */
async function profile(payload: Record<string, unknown>): Promise<(string | number)[][]> {
  const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "import_model", arguments: { payload } } });
  const t = () => performance.now();
  const phases: [string, number][] = [];
  let t0 = t();
  const msg = JSON.parse(body) as { params: { arguments: unknown } };
  phases.push(["JSON.parse of the request body", t() - t0]);
  t0 = t();
  const input = importModel.inputSchema.parse(msg.params.arguments);
  phases.push(["zod: import_model input schema", t() - t0]);
  t0 = t();
  const norm = normalizeImport(input.payload);
  phases.push(["lib/structural normalizeImport", t() - t0]);
  const { name, description, displayUnits, verticalAxis, ...elements } = norm.input as typeof norm.input & Record<string, unknown>;
  const blank = blankModel({ ownerId: "u", name: name as string, description: "", verticalAxis: verticalAxis as "Z", displayUnits: displayUnits as never });
  t0 = t();
  const plan = planAddElements(blank, elements as never, { newId: bulkNewId });
  phases.push(["lib/structural planAddElements (ids: bulkNewId, as import_model)", t() - t0]);
  const db = await createSqliteDatabase();
  useDatabase(db);
  try {
    const u = await createUser(db.db);
    t0 = t();
    await createModel({ userId: u.id, source: "mcp" }, { name: name as string }, plan.patch as ModelPatch);
    phases.push(["createModel: rows + revision inverse + driver transaction (SQLite)", t() - t0]);
  } finally {
    useDatabase(null);
    await db.drop();
  }
  const total = phases.reduce((a, [, ms]) => a + ms, 0);
  return phases.map(([p, ms]) => [p, fmt(ms), `${fmt((100 * ms) / total)} %`]);
}

export async function benchImport(opts: { rounds: number; sizes: string[] }): Promise<string> {
  const kinds: ("sqlite" | "postgres")[] = (await postgresAvailable()) ? ["sqlite", "postgres"] : ["sqlite"];
  const rows: (string | number)[][] = [];
  const memory: (string | number)[][] = [];
  const payloads = Object.fromEntries(opts.sizes.map((s) => [s, buildingPayload({ ...SIZES[s as "10k"], name: `Import ${s}` })]));
  for (const kind of kinds) {
    const { server, drop } = await benchServer(kind, { env: { SPECTRAL_MAX_MODELS_PER_USER: "100000" } });
    const dir = mkdtempSync(join(tmpdir(), "spectral-bench-driver-"));
    const pgDriver = kind === "postgres" ? await createPostgresDatabase() : undefined;
    const driverUrl = pgDriver?.url ?? `file:${join(dir, "driver.db")}`;
    try {
      if (!pgDriver) await deployMigrations(driverUrl);
      // The driver's model needs an owner row.
      const ownerId = "bench-owner";
      if (pgDriver) await pgDriver.db.user.create({ data: { id: ownerId, name: "bench", email: "bench@example.test" } });
      else {
        const d = new Database(join(dir, "driver.db"));
        d.prepare(`INSERT INTO "User" ("id","name","email","createdAt","updatedAt") VALUES (?,?,?,?,?)`).run(ownerId, "bench", "bench@example.test", new Date().toISOString().replace("Z", "+00:00"), new Date().toISOString().replace("Z", "+00:00"));
        d.close();
      }
      const [tok] = await mintTokens(server, 1);
      // Warm-up (JIT, connections, caches): one unmeasured 10k import.
      const warm = await importOverHttp(server.url, tok!.token, JSON.stringify({ jsonrpc: "2.0", id: 0, method: "tools/call", params: { name: "import_model", arguments: { payload: buildingPayload(SIZES["10k"]).payload } } }));
      if (!warm.ok) throw new Error(`warm-up import failed: ${warm.text}`);
      await driverSqliteOrPg(kind, kind === "postgres" ? driverUrl : join(dir, "driver.db"), ownerId, rowsFor(buildingPayload(SIZES["10k"]).payload));
      for (const size of opts.sizes) {
        const { payload, nodes, frames } = payloads[size]!;
        const r = rowsFor(payload);
        let seq = 0;
        const body = () => JSON.stringify({ jsonrpc: "2.0", id: ++seq, method: "tools/call", params: { name: "import_model", arguments: { payload } } });
        const imports: number[] = [];
        const drivers: number[] = [];
        let peak = 0;
        const idle = rssMb(server.child.pid!);
        for (let round = 0; round < opts.rounds; round++) {
          const b = body();
          const sampler = rssSampler(server.child.pid!);
          const res = await importOverHttp(server.url, tok!.token, b);
          peak = Math.max(peak, sampler.stop().peakMb);
          if (!res.ok) throw new Error(`import failed: ${res.text}`);
          imports.push(res.ms);
          drivers.push(await driverSqliteOrPg(kind, kind === "postgres" ? driverUrl : join(dir, "driver.db"), ownerId, r));
        }
        const imp = median(imports);
        const drv = median(drivers);
        rows.push([kind, size, `${fmt(nodes)} + ${fmt(frames)}`, fmt(r.total + 2), fmt(imp), fmt(drv), fmt(((r.total + 2) / drv) * 1000), fmt(imp / drv, 2)]);
        memory.push([kind, size, idle, peak]);
      }
    } finally {
      await drop();
      await pgDriver?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const big = opts.sizes.includes("100k") ? "100k" : opts.sizes[opts.sizes.length - 1]!;
  const prof = await profile(payloads[big]!.payload);
  return [
    `### import_model vs the database driver (${opts.rounds} rounds, medians)`,
    "",
    "import = the whole tool call over HTTP as a client sees it; driver = the same rows inserted with the driver in one transaction (SQLite: better-sqlite3 prepared statements; PostgreSQL: COPY).",
    "",
    table(["db", "size", "nodes + frames", "rows", "import ms", "driver ms", "driver rows/s", "import ÷ driver"], rows),
    "",
    "### Server memory during the imports (RSS, MB)",
    "",
    table(["db", "size", "RSS before", "peak RSS during import"], memory),
    "",
    `### Where an import's time goes (${big}, in-process, one run)`,
    "",
    table(["phase", "ms", "share"], prof),
  ].join("\n");
}
