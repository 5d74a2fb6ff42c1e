#!/usr/bin/env node
// `npm start`: the production server. It first applies pending migrations (`node scripts/db.mjs
// deploy`, in a child process: the Wasm engine keeps its SQLite connection open until collected),
// then serves Next.js (programmatic API, the `next build` output) on a plain node:http server,
// adding what `next start` lacks for running behind a load balancer. One process, so signals
// from npm, Docker or Kubernetes reach it directly (SPECTRAL_SKIP_MIGRATIONS=1 skips the step):
//   - a request id per request (X-Request-Id in when it is a sane token, else generated), echoed
//     in the response and kept in an AsyncLocalStorage the app reads (lib/observability/context.ts);
//   - one JSON access-log line per request: time, method, path (no query string), status,
//     duration, request id, and the user/client ids the app learned (never tokens, codes, bodies);
//   - graceful shutdown on SIGTERM/SIGINT: /api/health turns 503, the listener closes, idle
//     keep-alive connections close, in-flight requests finish (bounded by
//     SPECTRAL_SHUTDOWN_TIMEOUT_MS, default 25 s), then the app's shutdown hooks run (pg-boss
//     worker, Redis) and the database connections close. A second signal exits at once.
// Environment: PORT (3000), SPECTRAL_LISTEN_HOST (all interfaces), SPECTRAL_KEEP_ALIVE_TIMEOUT_MS
// (65000: above the usual 60 s idle timeout of load balancers), LOG_LEVEL.
import http from "node:http";
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";

process.env.NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const root = fileURLToPath(new URL("..", import.meta.url));
const port = Number(process.env.PORT || 3000);
const host = process.env.SPECTRAL_LISTEN_HOST || undefined;
const shutdownTimeoutMs = Number(process.env.SPECTRAL_SHUTDOWN_TIMEOUT_MS ?? 25_000);
const keepAliveTimeoutMs = Number(process.env.SPECTRAL_KEEP_ALIVE_TIMEOUT_MS ?? 65_000);

for (const [name, value] of Object.entries({ PORT: port, SPECTRAL_SHUTDOWN_TIMEOUT_MS: shutdownTimeoutMs, SPECTRAL_KEEP_ALIVE_TIMEOUT_MS: keepAliveTimeoutMs })) {
  if (!Number.isInteger(value) || value < 0) {
    console.error(`Invalid Spectral configuration:\n  ${name}: must be a whole number (got "${process.env[name]}")`);
    process.exit(1);
  }
}

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
const threshold = LEVELS[process.env.LOG_LEVEL ?? "info"] ?? LEVELS.info;
function log(level, msg, fields = {}) {
  if (LEVELS[level] < threshold) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(line + "\n");
}

// Shared with the app through global symbols (see lib/observability).
const STORE = Symbol.for("spectral.requestContext");
const HOOKS = Symbol.for("spectral.shutdownHooks");
const SHUTTING_DOWN = Symbol.for("spectral.shuttingDown");
globalThis[STORE] ??= new AsyncLocalStorage();
const store = globalThis[STORE];

const ID_SHAPE = /^[A-Za-z0-9._:\-]{1,128}$/;
const QUIET = /^\/(_next\/|favicon\.ico$)/;

if (process.env.SPECTRAL_SKIP_MIGRATIONS !== "1") {
  const migrated = spawnSync(process.execPath, ["scripts/db.mjs", "deploy"], { cwd: root, stdio: "inherit" });
  if (migrated.status !== 0) {
    log("error", "migrations failed; not starting", { exitCode: migrated.status ?? migrated.signal });
    process.exit(1);
  }
}

const { default: next } = await import("next");
const app = next({ dev: false, dir: root, port, hostname: host ?? "localhost" });
const t0 = performance.now();
await app.prepare();
const handle = app.getRequestHandler();

let inFlight = 0;
let draining = false;
let onIdle = null;

const server = http.createServer((req, res) => {
  const started = performance.now();
  const given = req.headers["x-request-id"];
  const requestId = typeof given === "string" && ID_SHAPE.test(given) ? given : randomUUID();
  req.headers["x-request-id"] = requestId;
  res.setHeader("X-Request-Id", requestId);
  if (draining) res.setHeader("Connection", "close");
  const ctx = { requestId, owner: "server" };
  const path = (req.url ?? "/").split("?")[0];
  inFlight++;
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    inFlight--;
    const status = res.writableFinished ? res.statusCode : res.headersSent ? res.statusCode : 499;
    const level = status >= 500 ? "error" : QUIET.test(path) || path === "/api/health" ? "debug" : "info";
    log(level, "request", {
      requestId,
      method: req.method,
      path,
      status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      ...(ctx.userId ? { userId: ctx.userId } : {}),
      ...(ctx.clientId ? { clientId: ctx.clientId } : {}),
      ...(ctx.tools?.length ? { tools: ctx.tools } : {}),
      ...(ctx.refused ? { refused: ctx.refused } : {}),
      ...(res.writableFinished ? {} : { aborted: true }),
    });
    if (inFlight === 0 && onIdle) onIdle();
  };
  res.once("finish", finish);
  res.once("close", finish);
  store.run(ctx, () => {
    Promise.resolve(handle(req, res)).catch((err) => {
      log("error", "unhandled request error", { requestId, error: err instanceof Error ? err.stack : String(err) });
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end("Internal Server Error");
      }
    });
  });
});
server.keepAliveTimeout = keepAliveTimeoutMs;
server.headersTimeout = keepAliveTimeoutMs + 1_000;
// Long imports and analyses stream for up to two minutes (app/mcp/route.ts maxDuration).
server.requestTimeout = 0;

server.on("error", (err) => {
  log("error", "server error", { error: err.message });
  process.exit(1);
});

server.listen(port, host, () => {
  log("info", "ready", { url: `http://${host ?? "localhost"}:${port}`, pid: process.pid, startupMs: Math.round(performance.now() - t0) });
});

async function withTimeout(promise, ms) {
  let timer;
  const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve("timeout"), ms)));
  try {
    return await Promise.race([promise.then(() => "done"), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function shutdown(signal) {
  if (draining) {
    log("warn", "second signal: exiting now", { signal, inFlight });
    process.exit(1);
  }
  draining = true;
  globalThis[SHUTTING_DOWN] = true;
  const t = performance.now();
  log("info", "shutting down", { signal, inFlight, timeoutMs: shutdownTimeoutMs });
  server.close();
  server.closeIdleConnections();
  const idle = inFlight === 0 ? Promise.resolve() : new Promise((resolve) => (onIdle = resolve));
  // Keep-alive connections that turn idle after their last response close too.
  const sweeper = setInterval(() => server.closeIdleConnections(), 250);
  const drained = await withTimeout(idle, shutdownTimeoutMs);
  clearInterval(sweeper);
  if (drained === "timeout") log("warn", "in-flight requests did not finish in time", { inFlight, timeoutMs: shutdownTimeoutMs });
  const hooks = globalThis[HOOKS];
  if (hooks) {
    // Kept in phase order by lib/observability/shutdown.ts: stop taking work, flush buffers, close connections.
    for (const [name, { hook }] of hooks) {
      const r = await withTimeout(Promise.resolve().then(hook), 10_000).catch((err) => `error: ${err?.message ?? err}`);
      if (r !== "done") log("warn", "shutdown hook did not finish", { hook: name, result: r });
    }
    hooks.clear();
  }
  const db = globalThis.__spectralDb;
  if (db) await withTimeout(Promise.resolve().then(() => db.db.$disconnect()), 5_000).catch(() => undefined);
  server.closeAllConnections();
  log("info", "stopped", { signal, drained: drained === "done", durationMs: Math.round(performance.now() - t) });
  process.exit(drained === "done" ? 0 : 1);
}

process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
