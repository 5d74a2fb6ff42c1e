/**
 * Readiness of this instance for the load balancer: the database answers a query and, when
 * REDIS_URL is set, Redis answers PING, each within a short timeout. An instance that is
 * shutting down (scripts/serve.mjs got SIGTERM) reports 503 so that no new work is sent to it.
 */
import "server-only";
import { database } from "@/lib/db/client";
import { env } from "@/lib/env";
import { redis } from "@/lib/limits/store";
import pkg from "@/package.json";

export type Check = "ok" | "error" | "not_configured";

export interface Health {
  status: "ok" | "error";
  db: Check;
  redis: Check;
  provider: "sqlite" | "postgres";
  version: string;
  uptimeSeconds: number;
  shuttingDown?: true;
  errors?: Record<string, string>;
}

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
    }),
  ]);
}

export function shuttingDown(): boolean {
  return Boolean((globalThis as { [k: symbol]: unknown })[Symbol.for("spectral.shuttingDown")]);
}

export async function checkHealth(): Promise<Health> {
  const e = env();
  const errors: Record<string, string> = {};
  const dbCheck = (async (): Promise<Check> => {
    try {
      const d = database();
      await withTimeout(d.ready.then(() => d.db.$queryRawUnsafe("SELECT 1")), "the database");
      return "ok";
    } catch (err) {
      errors.db = err instanceof Error ? err.message.split("\n")[0]! : String(err);
      return "error";
    }
  })();
  const redisCheck = (async (): Promise<Check> => {
    if (!e.REDIS_URL) return "not_configured";
    try {
      const r = await redis();
      await withTimeout(r.ping(), "Redis");
      return "ok";
    } catch (err) {
      errors.redis = err instanceof Error ? err.message.split("\n")[0]! : String(err);
      return "error";
    }
  })();
  const [db, rd] = await Promise.all([dbCheck, redisCheck]);
  const down = shuttingDown();
  const ok = db === "ok" && rd !== "error" && !down;
  return {
    status: ok ? "ok" : "error",
    db,
    redis: rd,
    provider: e.dbProvider,
    version: pkg.version,
    uptimeSeconds: Math.round(process.uptime()),
    ...(down ? { shuttingDown: true as const } : {}),
    ...(Object.keys(errors).length ? { errors } : {}),
  };
}
