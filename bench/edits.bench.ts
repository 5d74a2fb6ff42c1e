/**
 * What one small edit costs as the model grows: one-node add, one-node update, one-frame remove
 * and get_model's summary on an empty model and on models of 10k and 100k frames, side by side,
 * on SQLite and (when reachable) PostgreSQL, through /mcp with a real OAuth token. Each call is
 * timed client-side, one at a time (the latency a chat turn sees); sizes alternate within each
 * round; medians over rounds. Also the bytes of each answer and the server's RSS across the
 * edits on the largest model. Goal (issue "Every call costs what it changes"): at 100k frames
 * each call within 2× of the empty model, bytes per answer independent of size.
 */
import { benchServer, fmt, median, mintTokens, postgresAvailable, rssMb, table } from "./support";
import { callTool, structured, type McpCallResult } from "../tests/support/mcp-http";
import { buildingPayload, SIZES } from "./lib/building.mjs";

type Size = "empty" | "10k" | "100k";
type Call = "add_elements (1 node)" | "update_elements (1 node)" | "remove_elements (1 frame)" | "get_model (summary)";
const CALLS: Call[] = ["add_elements (1 node)", "update_elements (1 node)", "remove_elements (1 frame)", "get_model (summary)"];

interface Target {
  size: Size;
  modelId: string;
  /** Labels of nodes to move and frames to remove, made for the benchmark. */
  movable: string[];
  removable: string[];
  frames: number;
}

function bytes(r: McpCallResult): number {
  return Buffer.byteLength(JSON.stringify(r.message ?? {}));
}

async function prepare(url: string, token: string, size: Size, spare: number): Promise<Target> {
  let modelId: string;
  let frames = 0;
  if (size === "empty") modelId = structured<{ modelId: string }>(await callTool(url, token, "create_model", { name: "Bench empty" })).modelId;
  else {
    const b = buildingPayload({ ...SIZES[size], name: `Bench ${size}` });
    frames = b.frames;
    modelId = structured<{ modelId: string }>(await callTool(url, token, "import_model", { payload: b.payload })).modelId;
  }
  // Spare nodes to move and frames to remove, far from the building (so nothing merges).
  const nodes = Array.from({ length: 2 * spare }, (_, k) => ({ ref: `s${k}`, label: `BM${k}`, at: [5000 + k * 3, 5000, 0] }));
  const fr = Array.from({ length: spare }, (_, k) => ({ i: `s${2 * k}`, j: `s${2 * k + 1}`, label: `BF${k}` }));
  structured(await callTool(url, token, "add_elements", { modelId, nodes, frames: fr }));
  return { size, modelId, frames, movable: nodes.map((n) => n.label), removable: fr.map((f) => f.label) };
}

async function benchOn(kind: "sqlite" | "postgres", rounds: number, perRound: number): Promise<{ rows: (string | number)[][]; rss: string }> {
  const { server, drop } = await benchServer(kind);
  try {
    const [tok] = await mintTokens(server, 1);
    const url = `${server.url}/mcp`;
    const token = tok!.token;
    const spare = rounds * perRound;
    const targets: Target[] = [];
    for (const size of ["empty", "10k", "100k"] as const) targets.push(await prepare(url, token, size, spare));
    const ms = new Map<string, number[]>();
    const size = new Map<string, number[]>();
    const cursor = new Map<string, number>();
    const call = async (c: Call, t: Target): Promise<McpCallResult> => {
      const k = cursor.get(`${c}|${t.size}`) ?? 0;
      cursor.set(`${c}|${t.size}`, k + 1);
      switch (c) {
        case "add_elements (1 node)":
          return callTool(url, token, c.split(" ")[0]!, { modelId: t.modelId, nodes: [{ at: [-5000 - k * 2, -5000, 0] }] });
        case "update_elements (1 node)":
          return callTool(url, token, "update_elements", { modelId: t.modelId, nodes: [{ node: t.movable[k % t.movable.length], z: 1 + (k % 7) }] });
        case "remove_elements (1 frame)":
          return callTool(url, token, "remove_elements", { modelId: t.modelId, frames: [t.removable[k]] });
        case "get_model (summary)":
          return callTool(url, token, "get_model", { modelId: t.modelId });
      }
    };
    const big = targets[2]!;
    const rssBefore = rssMb(server.child.pid!);
    let rssPeak = rssBefore;
    /** RSS growth over each batch of calls on the largest model (MB). */
    const batchGrowth: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const c of CALLS) {
        for (const t of targets) {
          const key = `${c}|${t.size}`;
          const rssStart = t === big ? rssMb(server.child.pid!) : 0;
          for (let i = 0; i < perRound; i++) {
            const t0 = performance.now();
            const res = await call(c, t);
            const dt = performance.now() - t0;
            structured(res);
            (ms.get(key) ?? ms.set(key, []).get(key)!).push(dt);
            (size.get(key) ?? size.set(key, []).get(key)!).push(bytes(res));
            if (t === big) rssPeak = Math.max(rssPeak, rssMb(server.child.pid!));
          }
          if (t === big) batchGrowth.push(rssMb(server.child.pid!) - rssStart);
        }
      }
    }
    const rows = CALLS.map((c) => {
      const m = (s: Size) => median(ms.get(`${c}|${s}`)!);
      const b = (s: Size) => median(size.get(`${c}|${s}`)!);
      return [c, fmt(m("empty"), 2), fmt(m("10k"), 2), fmt(m("100k"), 2), `${fmt(m("100k") / m("empty"), 2)}×`, fmt(b("empty")), fmt(b("100k"))];
    });
    const growth = `RSS growth over a batch of ${perRound} calls on it: median ${fmt(median(batchGrowth))} MB, largest ${fmt(Math.max(...batchGrowth))} MB`;
    return { rows, rss: `server RSS ${rssBefore} MB before the edits on the ${fmt(big.frames)}-frame model, peak ${rssPeak} MB during ${rounds * perRound * CALLS.length} calls on it; ${growth}` };
  } finally {
    await drop();
  }
}

export async function benchEdits(opts: { rounds: number; perRound: number }): Promise<string> {
  const out: string[] = [];
  for (const kind of (await postgresAvailable()) ? (["sqlite", "postgres"] as const) : (["sqlite"] as const)) {
    const { rows, rss } = await benchOn(kind, opts.rounds, opts.perRound);
    out.push(
      `### One small edit against model size, ${kind === "sqlite" ? "SQLite" : "PostgreSQL"} (client-side ms per call, ${opts.rounds} rounds × ${opts.perRound} calls, medians)`,
      "",
      table(["call", "empty ms", "10k frames ms", "100k frames ms", "100k ÷ empty", "answer bytes (empty)", "answer bytes (100k)"], rows),
      "",
      rss,
      "",
    );
  }
  return out.join("\n");
}
