/**
 * Load test: N concurrent MCP clients (real OAuth tokens, one user each, spread over two OAuth
 * clients) run a realistic mix for a fixed time against the production server (scripts/serve.mjs):
 *   list_models 25 %, get_model 35 %, add_elements 30 % (2 nodes + 1 frame), import_model 10 %
 *   (a small building, 45 nodes + 84 frames).
 * Each client writes only to its own models, so every write is acknowledged or not, never racing.
 * Afterwards the database is checked: every acknowledged write is there (models, nodes, frames,
 * revision counts) and nothing else is (no model, node or revision that no call acknowledged).
 */
import { openDb } from "@/lib/db/client";
import { callTool, type McpCallResult } from "../tests/support/mcp-http";
import { benchServer, fmt, mintTokens, percentile, rssMb, table } from "./support";
import { buildingPayload } from "./lib/building.mjs";

type Op = "list_models" | "get_model" | "add_elements" | "import_model";
const MIX: [Op, number][] = [["list_models", 0.25], ["get_model", 0.35], ["add_elements", 0.3], ["import_model", 0.1]];
const SMALL = buildingPayload({ nx: 2, ny: 2, ns: 4, name: "Load import" });

interface ClientState {
  token: string;
  userId: string;
  /** modelId → labels of acknowledged additions, and the number of acknowledged revisions. */
  models: Map<string, { labels: string[]; revisions: number; imported: boolean }>;
  unknown: number;
}

function pick(r: number): Op {
  let acc = 0;
  for (const [op, w] of MIX) if ((acc += w) >= r) return op;
  return "list_models";
}

function ok(r: McpCallResult): Record<string, unknown> | null {
  const res = r.message?.result as { isError?: boolean; structuredContent?: Record<string, unknown> } | undefined;
  return r.status === 200 && res && !res.isError ? (res.structuredContent ?? {}) : null;
}

export async function loadTest(kind: "sqlite" | "postgres", opts: { clients: number; seconds: number }): Promise<{ report: string; failures: string[] }> {
  const { server, drop } = await benchServer(kind, { env: { DATABASE_POOL_SIZE: "10" } });
  const failures: string[] = [];
  try {
    const url = `${server.url}/mcp`;
    const tokens = await mintTokens(server, opts.clients, 2);
    const states: ClientState[] = [];
    for (const t of tokens) {
      const s: ClientState = { token: t.token, userId: t.userId, models: new Map(), unknown: 0 };
      const created = ok(await callTool(url, t.token, "create_model", { name: "Load model" }));
      if (!created) throw new Error("create_model failed at setup");
      s.models.set(created.modelId as string, { labels: [], revisions: 1, imported: false });
      states.push(s);
    }
    const latencies = new Map<Op, number[]>(MIX.map(([op]) => [op, []]));
    const errors = new Map<string, number>();
    const deadline = Date.now() + opts.seconds * 1000;
    const started = performance.now();
    let peakRss = 0;
    const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, rssMb(server.child.pid!))), 100);
    await Promise.all(
      states.map(async (s, c) => {
        let seq = 0;
        while (Date.now() < deadline) {
          const op = pick(Math.random());
          const ids = [...s.models.keys()];
          const modelId = ids[Math.floor(Math.random() * ids.length)]!;
          let r: McpCallResult;
          const label = `L${c}-${++seq}`;
          try {
            if (op === "list_models") r = await callTool(url, s.token, op, {});
            else if (op === "get_model") r = await callTool(url, s.token, op, { modelId });
            else if (op === "add_elements") {
              const x = seq * 7.3 + c * 1000;
              r = await callTool(url, s.token, op, {
                modelId,
                nodes: [{ ref: "a", label: `${label}a`, at: [x, 500, 0] }, { ref: "b", label: `${label}b`, at: [x, 500, 4] }],
                frames: [{ i: "a", j: "b", label: `${label}f` }],
              });
            } else r = await callTool(url, s.token, op, { payload: SMALL.payload });
          } catch (err) {
            // No answer: the write may or may not have happened; it is not acknowledged.
            if (op === "add_elements" || op === "import_model") s.unknown++;
            errors.set(`${op}: ${(err as Error).message}`, (errors.get(`${op}: ${(err as Error).message}`) ?? 0) + 1);
            continue;
          }
          latencies.get(op)!.push(r.ms);
          const out = ok(r);
          if (!out) {
            const why = r.message?.error?.message ?? JSON.stringify((r.message?.result as { content?: unknown })?.content ?? r.status).slice(0, 120);
            errors.set(`${op}: HTTP ${r.status} ${why}`, (errors.get(`${op}: HTTP ${r.status} ${why}`) ?? 0) + 1);
            continue;
          }
          if (op === "add_elements") {
            const m = s.models.get(modelId)!;
            m.labels.push(`${label}a`, `${label}b`, `${label}f`);
            m.revisions++;
          } else if (op === "import_model") {
            s.models.set(out.modelId as string, { labels: [], revisions: 1, imported: true });
          }
        }
      }),
    );
    clearInterval(rssTimer);
    const elapsed = (performance.now() - started) / 1000;

    // ── Afterwards: every acknowledged write is in the database, and nothing else is.
    const { db } = openDb(server.databaseUrl);
    let checkedWrites = 0;
    try {
      for (const s of states) {
        const rows = await db.model.findMany({ where: { ownerId: s.userId }, select: { id: true, revision: true } });
        const inDb = new Map(rows.map((r) => [r.id, r.revision]));
        for (const [id, m] of s.models) {
          if (!inDb.has(id)) { failures.push(`acknowledged model ${id} is missing`); continue; }
          if (s.unknown === 0 && inDb.get(id) !== m.revisions) failures.push(`model ${id}: revision ${inDb.get(id)} in the database, ${m.revisions} acknowledged`);
          const revs = await db.modelRevision.count({ where: { modelId: id } });
          if (s.unknown === 0 && revs !== m.revisions) failures.push(`model ${id}: ${revs} revision rows, ${m.revisions} acknowledged`);
          const nodes = await db.node.findMany({ where: { modelId: id }, select: { label: true } });
          const frames = await db.frame.findMany({ where: { modelId: id }, select: { label: true } });
          const labels = new Set([...nodes, ...frames].map((n) => n.label));
          for (const l of m.labels) if (!labels.has(l)) failures.push(`model ${id}: acknowledged element ${l} is missing`);
          const base = m.imported ? SMALL.nodes + SMALL.frames : 0;
          if (s.unknown === 0 && labels.size !== base + m.labels.length) failures.push(`model ${id}: ${labels.size} elements in the database, ${base + m.labels.length} acknowledged`);
          checkedWrites += m.revisions;
        }
        if (s.unknown === 0) for (const id of inDb.keys()) if (!s.models.has(id)) failures.push(`model ${id} is in the database but no call acknowledged it`);
      }
    } finally {
      await db.$disconnect();
    }

    const all = [...latencies.values()].flat().sort((a, b) => a - b);
    const rows = MIX.map(([op]) => {
      const l = latencies.get(op)!.sort((a, b) => a - b);
      return [op, fmt(l.length), fmt(l.length / elapsed, 1), fmt(percentile(l, 50), 1), fmt(percentile(l, 95), 1), fmt(percentile(l, 99), 1)];
    });
    rows.push(["all", fmt(all.length), fmt(all.length / elapsed, 1), fmt(percentile(all, 50), 1), fmt(percentile(all, 95), 1), fmt(percentile(all, 99), 1)]);
    const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
    const report = [
      `### Load: ${opts.clients} clients × ${opts.seconds} s on ${kind} (${fmt(elapsed, 1)} s measured, peak server RSS ${peakRss} MB)`,
      "",
      table(["tool", "calls", "calls/s", "p50 ms", "p95 ms", "p99 ms"], rows),
      "",
      `errors: ${errorCount}${errorCount ? ` (${[...errors].map(([k, v]) => `${v}× ${k}`).join("; ")})` : ""}`,
      `writes checked afterwards: ${fmt(checkedWrites)} acknowledged revisions in ${states.reduce((a, s) => a + s.models.size, 0)} models; ${failures.length ? `${failures.length} PROBLEMS: ${failures.slice(0, 5).join("; ")}` : "all present, nothing else"}; unacknowledged (no answer): ${states.reduce((a, s) => a + s.unknown, 0)}`,
    ].join("\n");
    return { report, failures };
  } finally {
    await drop();
  }
}
