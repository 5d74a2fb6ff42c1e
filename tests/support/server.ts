/**
 * Starts the real app (`next start`, from the build `npm test` makes) on a free loopback port
 * with its own database, for browser and end-to-end tests.
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
