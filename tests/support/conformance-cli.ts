/**
 * Runs the official MCP conformance CLI (@modelcontextprotocol/conformance, server mode) under
 * Node 22 (it crashes on Node 20) and reads back its per-scenario results.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const CONFORMANCE_CLI = join(ROOT, "node_modules/@modelcontextprotocol/conformance/dist/index.js");
export const CONFORMANCE_VERSION = (JSON.parse(readFileSync(join(ROOT, "node_modules/@modelcontextprotocol/conformance/package.json"), "utf8")) as { version: string })
  .version;

export interface Check {
  id: string;
  name: string;
  description?: string;
  status: "SUCCESS" | "FAILURE" | "WARNING" | "INFO" | string;
  errorMessage?: string;
  details?: { message?: string };
}

export interface ScenarioResult {
  scenario: string;
  checks: Check[];
  passed: number;
  failed: number;
  warnings: number;
  /** The CLI's own rule: a scenario fails when any check is FAILURE or WARNING. */
  ok: boolean;
}

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  results: ScenarioResult[];
}

export async function runConformance(node22: string, args: string[], outputDir: string, timeoutMs = 300_000): Promise<CliRun> {
  const child = spawn(node22, [CONFORMANCE_CLI, ...args, "-o", outputDir], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const exitCode = await new Promise<number>((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
  return { exitCode, stdout, stderr, results: readResults(outputDir) };
}

/** `<out>/server-<scenario>-<ISO timestamp>/checks.json` → one result per scenario. */
export function readResults(outputDir: string): ScenarioResult[] {
  if (!existsSync(outputDir)) return [];
  const out: ScenarioResult[] = [];
  for (const dir of readdirSync(outputDir).sort()) {
    const m = /^server-(.+)-\d{4}-\d{2}-\d{2}T[\d-]+Z$/.exec(dir);
    const file = join(outputDir, dir, "checks.json");
    if (!m || !existsSync(file)) continue;
    const checks = JSON.parse(readFileSync(file, "utf8")) as Check[];
    const passed = checks.filter((c) => c.status === "SUCCESS").length;
    const failed = checks.filter((c) => c.status === "FAILURE").length;
    const warnings = checks.filter((c) => c.status === "WARNING").length;
    out.push({ scenario: m[1]!, checks, passed, failed, warnings, ok: failed === 0 && warnings === 0 });
  }
  return out;
}

/** Scenario names under `server:` in the expected-failures YAML (the CLI's baseline format). */
export function readBaseline(file: string): string[] {
  const names: string[] = [];
  let inServer = false;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (/^\S/.test(line)) inServer = /^server:\s*(#.*)?$/.test(line);
    const m = inServer ? /^\s+-\s+([\w.-]+)/.exec(line) : null;
    if (m) names.push(m[1]!);
  }
  return names;
}

/** A fixed-width table of the results, for the test log. */
export function formatResults(title: string, results: ScenarioResult[], expected: string[]): string {
  const rows = results.map((r) => {
    const status = r.ok ? "PASS" : expected.includes(r.scenario) ? "FAIL (expected)" : "FAIL";
    const first = r.checks.find((c) => c.status === "FAILURE") ?? r.checks.find((c) => c.status === "WARNING");
    const why = r.ok || !first ? "" : `${first.status === "WARNING" ? "warning: " : ""}${first.errorMessage ?? first.details?.message ?? first.description ?? first.name}`;
    return [r.scenario, status, `${r.passed}/${r.passed + r.failed}`, String(r.warnings), why.replace(/\s+/g, " ").slice(0, 110)];
  });
  const head = ["scenario", "result", "checks ok", "warn", "first failure / warning"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ");
  const passed = results.filter((r) => r.ok).length;
  const unexpected = results.filter((r) => !r.ok && !expected.includes(r.scenario)).length;
  return [
    `${title}: ${passed}/${results.length} scenarios pass, ${results.length - passed - unexpected} expected failures, ${unexpected} unexpected failures`,
    line(head),
    widths.map((w) => "-".repeat(w)).join("-|-"),
    ...rows.map(line),
  ].join("\n");
}
