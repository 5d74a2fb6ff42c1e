/**
 * Starts the production server the way `npm start` runs it (`node scripts/serve.mjs`, from the
 * `next build` output) on a free loopback port with its own database, and gives access to its
 * process: tests send signals to it (graceful shutdown, SIGKILL mid-import) and read its logs.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { deployMigrations } from "@/lib/db/migrate.mjs";
import { freePort, TRUSTED_LOOPBACK } from "./server";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface ProdServer {
  url: string;
  port: number;
  databaseUrl: string;
  child: ChildProcess;
  logs(): string;
  /** JSON log lines written so far. */
  logLines(): Record<string, unknown>[];
  /** Waits for the process to exit; resolves with its code or signal. */
  exited(): Promise<number | string | null>;
  /** Starts the same server again on the same port and database (after a crash). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface ProdServerOptions {
  env?: Record<string, string>;
  databaseUrl?: string;
  /** Do not keep stdout (benchmarks: the access log of many requests is not needed). */
  quiet?: boolean;
  /** Extra node flags (e.g. --cpu-prof for profiling). */
  nodeArgs?: string[];
}

export function hasBuild(): boolean {
  return existsSync(join(ROOT, ".next", "BUILD_ID"));
}

async function waitUntilUp(url: string, child: ChildProcess, out: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`serve.mjs exited (${child.exitCode ?? child.signalCode}):\n${out()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`serve.mjs did not answer within 60 s:\n${out()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startProdServer(opts: ProdServerOptions = {}): Promise<ProdServer> {
  if (!hasBuild()) throw new Error("No production build: run `npm run build` (npm test builds first).");
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "spectral-prod-"));
  const databaseUrl = opts.databaseUrl ?? `file:${join(dir, "app.db")}`;
  await deployMigrations(databaseUrl);
  const url = `http://localhost:${port}`;
  let out = "";
  let child!: ChildProcess;
  let exit!: Promise<number | string | null>;
  const spawnIt = () => {
    child = spawn(process.execPath, [...(opts.nodeArgs ?? []), "scripts/serve.mjs"], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        SPECTRAL_LISTEN_HOST: "127.0.0.1",
        DATABASE_URL: databaseUrl,
        SPECTRAL_APP_URL: url,
        NEXT_TELEMETRY_DISABLED: "1",
        SPECTRAL_SECRET: "test-secret-test-secret-test-secret-0123456789",
        LOG_LEVEL: "info",
        VITEST: "",
        // Loopback peers (tests, the balancer of two-instances) are proxies, as for tests/support/server.ts.
        SPECTRAL_TRUSTED_PROXIES: TRUSTED_LOOPBACK,
        ...opts.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    if (opts.quiet) child.stdout?.resume();
    else child.stdout?.on("data", (d) => (out += d));
    child.stderr?.on("data", (d) => (out += d));
    exit = new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));
  };
  spawnIt();
  await waitUntilUp(url, child, () => out);
  const server: ProdServer = {
    url,
    port,
    databaseUrl,
    get child() {
      return child;
    },
    logs: () => out,
    logLines: () =>
      out
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => {
          try {
            return JSON.parse(l) as Record<string, unknown>;
          } catch {
            return {};
          }
        }),
    exited: () => exit,
    async restart() {
      if (child.exitCode === null && child.signalCode === null) throw new Error("still running");
      spawnIt();
      await waitUntilUp(url, child, () => out);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const t = setTimeout(() => child.kill("SIGKILL"), 30_000);
        await exit;
        clearTimeout(t);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}
