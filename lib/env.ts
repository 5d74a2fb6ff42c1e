/**
 * Spectral's configuration: every environment variable the app reads, validated once with zod.
 * Defaults serve local use (one origin, SQLite file under ./data). In production one deployment
 * serves three hosts, e.g. SPECTRAL_APP_URL=https://app.spectralco.co,
 * SPECTRAL_ISSUER_URL=https://auth.spectralco.co, SPECTRAL_MCP_URL=https://mcp.spectralco.co/mcp,
 * so nothing may assume that the request's origin is the app's.
 */
import { isIP } from "node:net";
import { z } from "zod";

const urlWithoutTrailingSlash = z
  .string()
  .url()
  .transform((u) => u.replace(/\/+$/, ""));

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_URL: z
      .string()
      .min(1)
      .default("file:./data/spectral.db")
      .refine((u) => /^(file:|postgres(ql)?:\/\/)/.test(u), "DATABASE_URL must be a file: (SQLite) or postgres:// URL"),
    /** Pool size per instance for PostgreSQL. */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    SPECTRAL_APP_URL: urlWithoutTrailingSlash.optional(),
    SPECTRAL_ISSUER_URL: urlWithoutTrailingSlash.optional(),
    SPECTRAL_MCP_URL: urlWithoutTrailingSlash.optional(),
    /** Secret for session cookies and signing; required in production, generated and kept in ./data otherwise. */
    SPECTRAL_SECRET: z.string().min(32, "SPECTRAL_SECRET must be at least 32 characters").optional(),
    REDIS_URL: z.string().url().optional(),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    /** Test-only: registers the MCP conformance suite's fixture tools. Refused in production. */
    SPECTRAL_CONFORMANCE_FIXTURES: z.enum(["0", "1"]).default("0"),
    /** MCP tool calls per minute per user (0 turns the limit off). Counted in Redis when REDIS_URL is set, else in the database. */
    SPECTRAL_RATE_LIMIT_TOOL_CALLS_PER_USER: z.coerce.number().int().min(0).default(600),
    /** MCP tool calls per minute per OAuth client, all its users together (0 turns the limit off). */
    SPECTRAL_RATE_LIMIT_TOOL_CALLS_PER_CLIENT: z.coerce.number().int().min(0).default(6000),
    /** OAuth dynamic client registrations per minute per client address (0 turns the limit off). ChatGPT and Claude use client ID metadata documents and do not register. */
    SPECTRAL_RATE_LIMIT_REGISTRATIONS_PER_MINUTE: z.coerce.number().int().min(0).default(60),
    /** Sign-ups per hour per client address (0 turns the limit off). */
    SPECTRAL_RATE_LIMIT_SIGN_UPS_PER_HOUR: z.coerce.number().int().min(0).default(20),
    /** Failed password sign-ins per 15 minutes per email address, unknown emails included (0 turns the limit off). */
    SPECTRAL_RATE_LIMIT_SIGN_IN_FAILURES_PER_EMAIL: z.coerce.number().int().min(0).default(5),
    /** Failed password sign-ins per 15 minutes per client address (0 turns the limit off). */
    SPECTRAL_RATE_LIMIT_SIGN_IN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(0).default(50),
    /**
     * Which reverse proxies to believe about the client (X-Forwarded-For) and the host
     * (X-Forwarded-Host): unset or 0 = none, the socket's peer is the client; a hop count N (1–10) =
     * the N nearest hops are proxies; or a comma-separated list of proxy addresses/CIDRs.
     */
    SPECTRAL_TRUSTED_PROXIES: z
      .string()
      .default("0")
      .transform((v, ctx) => {
        const parsed = parseTrustedProxies(v);
        if (typeof parsed === "string") {
          ctx.addIssue({ code: "custom", message: parsed });
          return z.NEVER;
        }
        return parsed;
      }),
    /** Extra browser origins allowed to call /mcp, comma-separated (e.g. the MCP Inspector's web UI). */
    SPECTRAL_ALLOWED_ORIGINS: z
      .string()
      .default("")
      .transform((v, ctx) => {
        const list = v.split(",").map((s) => s.trim().replace(/\/+$/, "").toLowerCase()).filter(Boolean);
        for (const o of list) {
          if (!/^https?:\/\/[^/\s]+$/.test(o)) ctx.addIssue({ code: "custom", message: `"${o}" is not an origin (scheme://host[:port])` });
        }
        return list;
      }),
    /** Graceful shutdown: how long SIGTERM waits for in-flight requests before exiting anyway. */
    SPECTRAL_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(25_000),
    /** 0: this instance queues analyses but leaves running them to the other instances (PostgreSQL). */
    SPECTRAL_JOB_WORKER: z.enum(["0", "1"]).default("1"),
    /** Models one account may own. */
    SPECTRAL_MAX_MODELS_PER_USER: z.coerce.number().int().min(1).default(1000),
    /** Tool-call activity older than this many days is pruned. */
    SPECTRAL_ACTIVITY_RETENTION_DAYS: z.coerce.number().int().min(1).default(90),
    /** Analyses run at once per instance, each in a worker thread. */
    SPECTRAL_ANALYSIS_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
    /** Path of the analysis worker script (default: generated/analysis-worker.mjs under the working directory). */
    SPECTRAL_ANALYSIS_WORKER: z.string().optional(),
    /** Chromium used for server-side screenshots. */
    SPECTRAL_CHROMIUM: z.string().default("/usr/bin/chromium"),
    /** Tests only: fetch client ID metadata documents from loopback over http. */
    SPECTRAL_CIMD_ALLOW_LOOPBACK: z.string().optional(),
    /** Bench-only: adds /api/bench/mcp (a no-op MCP tool, no auth, no database) as the framework's ceiling. Refused in production. */
    SPECTRAL_BENCH_ROUTES: z.enum(["0", "1"]).default("0"),
  })
  .transform((e) => {
    const app = e.SPECTRAL_APP_URL ?? `http://localhost:${e.PORT}`;
    const issuer = e.SPECTRAL_ISSUER_URL ?? app;
    const mcp = e.SPECTRAL_MCP_URL ?? `${app}/mcp`;
    return {
      ...e,
      appUrl: app,
      issuerUrl: issuer,
      mcpUrl: mcp,
      dbProvider: /^postgres(ql)?:\/\//.test(e.DATABASE_URL) ? ("postgres" as const) : ("sqlite" as const),
      conformanceFixtures: e.SPECTRAL_CONFORMANCE_FIXTURES === "1",
      jobWorker: e.SPECTRAL_JOB_WORKER === "1",
      benchRoutes: e.SPECTRAL_BENCH_ROUTES === "1",
    };
  })
  .superRefine((e, ctx) => {
    if (e.NODE_ENV === "production" && e.conformanceFixtures && !/^http:\/\/(localhost|127\.0\.0\.1)(:|$)/.test(e.mcpUrl)) {
      ctx.addIssue({ code: "custom", message: "SPECTRAL_CONFORMANCE_FIXTURES is for local tests only" });
    }
    if (e.NODE_ENV === "production" && e.benchRoutes && !/^http:\/\/(localhost|127\.0\.0\.1)(:|$)/.test(e.mcpUrl)) {
      ctx.addIssue({ code: "custom", message: "SPECTRAL_BENCH_ROUTES is for local benchmarks only" });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

/** Which proxies to believe (SPECTRAL_TRUSTED_PROXIES): none, the N nearest hops, or those in a list of networks. */
export type TrustedProxies = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "networks"; networks: { address: string; prefix: number; family: "ipv4" | "ipv6" }[] };

/** Parses SPECTRAL_TRUSTED_PROXIES; a string says what is wrong. */
export function parseTrustedProxies(value: string): TrustedProxies | string {
  const v = value.trim();
  if (v === "" || v === "0" || v.toLowerCase() === "none") return { kind: "none" };
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return hops <= 10 ? { kind: "hops", hops } : "SPECTRAL_TRUSTED_PROXIES: a hop count must be between 0 and 10";
  }
  const networks: { address: string; prefix: number; family: "ipv4" | "ipv6" }[] = [];
  for (const item of v.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [address = "", prefixText, extra] = item.split("/");
    const version = isIP(address);
    const max = version === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
    if (!version || extra !== undefined || !(prefix >= 0 && prefix <= max)) {
      return `SPECTRAL_TRUSTED_PROXIES: "${item}" is not an IP address or CIDR (use a hop count such as 1, or addresses/CIDRs such as 10.0.0.0/8,::1)`;
    }
    networks.push({ address, prefix, family: version === 4 ? "ipv4" : "ipv6" });
  }
  return networks.length ? { kind: "networks", networks } : { kind: "none" };
}

/** Parses an environment (process.env by default); throws one error listing every problem. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const res = EnvSchema.safeParse(cleaned);
  if (!res.success) {
    const lines = res.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid Spectral configuration:\n${lines.join("\n")}`);
  }
  return res.data;
}

let cached: Env | undefined;
/** The validated configuration of this process (parsed on first use). */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/**
 * LOG_LEVEL as set, without validating the rest of the configuration: the logger must be able to
 * report an invalid configuration. Silent under vitest unless set.
 */
export function rawLogLevel(): string {
  return process.env.LOG_LEVEL ?? (process.env.VITEST ? "silent" : "info");
}

/** next-auth v4 reads its base URL from NEXTAUTH_URL only; default it to the issuer. */
export function defaultNextAuthUrl(issuerUrl: string): void {
  process.env.NEXTAUTH_URL ??= issuerUrl;
}

/** Origins (scheme://host[:port]) this deployment answers on: app, issuer and MCP hosts. */
export function ownOrigins(e: Env = env()): string[] {
  return [...new Set([e.appUrl, e.issuerUrl, e.mcpUrl].map((u) => new URL(u).origin))];
}
