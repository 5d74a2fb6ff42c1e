/**
 * Starts the real app (`next start`, from the build `npm test` makes) on a free loopback port
 * with its own database, for browser and end-to-end tests.
 *
 * Client addresses: the tests stand where a reverse proxy would, so the server trusts loopback
 * peers as proxies (SPECTRAL_TRUSTED_PROXIES, override it through `env`) and a test gives each of
 * its users its own address with an X-Forwarded-For header (`testAddress()`, `asClient()`), the way
 * a proxy reports real clients: per-address limits stay on at their defaults.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import net from "node:net";
import { fileURLToPath } from "node:url";
import { deployMigrations } from "@/lib/db/migrate.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

/** The trusted-proxy setting test servers start with: loopback peers are proxies. */
export const TRUSTED_LOOPBACK = "127.0.0.0/8,::1";

let addressSeq = 0;
/** A new client address for one test user (198.18.0.0/15: reserved for benchmarking, never routed). */
export function testAddress(): string {
  const n = (process.pid * 997 + addressSeq++) % (1 << 17);
  return `198.${18 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
}

/** Headers that make a request come from `address` through the (trusted) loopback proxy. */
export function asClient(address: string = testAddress()): Record<string, string> {
  return { "x-forwarded-for": address };
}

export interface RunningServer {
  url: string;
  port: number;
  databaseUrl: string;
  logs: () => string;
  stop(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  databaseUrl?: string;
}

export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  if (!existsSync(join(ROOT, ".next", "BUILD_ID"))) {
    throw new Error("No production build: run `npm test` (it builds first) or `npx next build`.");
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "spectral-srv-"));
  const databaseUrl = opts.databaseUrl ?? `file:${join(dir, "app.db")}`;
  await deployMigrations(databaseUrl);
  const url = `http://localhost:${port}`;
  let out = "";
  const child: ChildProcess = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      SPECTRAL_APP_URL: url,
      NEXT_TELEMETRY_DISABLED: "1",
      SPECTRAL_SECRET: "test-secret-test-secret-test-secret-0123456789",
      SPECTRAL_TRUSTED_PROXIES: TRUSTED_LOOPBACK,
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (out += d));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${out}`);
    try {
      const res = await fetch(`${url}/`, { redirect: "manual" });
      if (res.status < 500) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`next start did not answer within 60 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    port,
    databaseUrl,
    logs: () => out,
    async stop() {
      if (child.exitCode === null && child.pid) {
        try { process.kill(-child.pid, "SIGTERM"); } catch { /* gone */ }
        await new Promise<void>((resolve) => {
          const t = setTimeout(() => { try { process.kill(-child.pid!, "SIGKILL"); } catch { /* gone */ } resolve(); }, 5000);
          child.once("exit", () => { clearTimeout(t); resolve(); });
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
