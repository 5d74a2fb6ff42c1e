/**
 * Shutdown hooks: work a process must finish or stop before it exits (e.g. the pg-boss worker).
 * scripts/serve.mjs runs them (through the same global) after in-flight requests are done.
 */
const KEY = Symbol.for("spectral.shutdownHooks");
type Hook = () => Promise<void> | void;
/**
 * When a hook runs: "stop" takes no new work (job queues), "flush" writes what is buffered (rate
 * counters, the activity log), "close" closes connections. Within a phase, registration order.
 * The map is kept in that order, so whoever runs the hooks (runShutdownHooks, scripts/serve.mjs)
 * simply iterates it.
 */
export type ShutdownPhase = "stop" | "flush" | "close";
const PHASES: readonly ShutdownPhase[] = ["stop", "flush", "close"];
type Holder = { [KEY]?: Map<string, { hook: Hook; phase: ShutdownPhase }> };

function hooks(): Map<string, { hook: Hook; phase: ShutdownPhase }> {
  const g = globalThis as Holder;
  g[KEY] ??= new Map();
  return g[KEY];
}

/**
 * Registers (or replaces) a named hook. Register where the resource starts (the connection opens,
 * the first entry is buffered), never on module load: a process that never opens it has nothing to
 * close, and one that does always closes it.
 */
export function onShutdown(name: string, hook: Hook, phase: ShutdownPhase = "close"): void {
  const all = hooks();
  const known = all.has(name);
  all.set(name, { hook, phase });
  if (known) return;
  const ordered = [...all].sort(([, a], [, b]) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase));
  all.clear();
  for (const [k, v] of ordered) all.set(k, v);
}

/** Runs every hook once, phase by phase; failures are returned, not thrown. */
export async function runShutdownHooks(): Promise<{ name: string; error?: string }[]> {
  const out: { name: string; error?: string }[] = [];
  for (const [name, { hook }] of hooks()) {
    try {
      await hook();
      out.push({ name });
    } catch (err) {
      out.push({ name, error: err instanceof Error ? err.message : String(err) });
    }
  }
  hooks().clear();
  return out;
}
