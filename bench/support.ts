/** Shared pieces of the benchmarks: servers, tokens, statistics, memory sampling. */
import { readFileSync } from "node:fs";
import { startProdServer, hasBuild, type ProdServer, type ProdServerOptions } from "../tests/support/prod-server";
import { mintTokens, type MintedToken } from "../tests/support/tokens";
import { createPostgresDatabase, postgresAvailable, type TestDatabase } from "../tests/support/db";

export { startProdServer, mintTokens, postgresAvailable, createPostgresDatabase, type ProdServer, type MintedToken, type TestDatabase };

/** Limits so high that they never refuse, but still counted (their cost is part of every call). */
export const BENCH_LIMITS = { SPECTRAL_RATE_LIMIT_TOOL_CALLS_PER_USER: "1000000000", SPECTRAL_RATE_LIMIT_TOOL_CALLS_PER_CLIENT: "1000000000" };

export function requireBuild(): void {
  if (!hasBuild()) {
    console.error("No production build: run `npm run build` first.");
    process.exit(1);
  }
}

/** A server on SQLite (own file) or PostgreSQL (own database); `drop` removes everything. */
export async function benchServer(kind: "sqlite" | "postgres", opts: ProdServerOptions = {}): Promise<{ server: ProdServer; drop(): Promise<void> }> {
  const pg = kind === "postgres" ? await createPostgresDatabase() : undefined;
  const server = await startProdServer({ quiet: true, ...opts, databaseUrl: pg?.url, env: { ...BENCH_LIMITS, ...opts.env } });
  return {
    server,
    async drop() {
      await server.stop();
      await pg?.drop();
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
}

/** Samples a process's resident memory (VmRSS) until stopped; returns the peak in MB. */
export function rssSampler(pid: number, everyMs = 10): { stop(): { peakMb: number; hwmMb: number } } {
  const read = (field: string) => {
    try {
      const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      return m ? Number(m[1]) / 1024 : 0;
    } catch {
      return 0;
    }
  };
  let peak = read("VmRSS");
  const timer = setInterval(() => (peak = Math.max(peak, read("VmRSS"))), everyMs);
  return {
    stop() {
      clearInterval(timer);
      return { peakMb: Math.round(Math.max(peak, read("VmRSS"))), hwmMb: Math.round(read("VmHWM")) };
    },
  };
}

export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(cells[0]!), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.slice(1).map(line)].join("\n");
}

export const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d }) : "–");
