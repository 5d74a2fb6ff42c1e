/**
 * Shutdown hooks: work a process must finish or stop before it exits (e.g. the pg-boss worker).
 * scripts/serve.mjs runs them (through the same global) after in-flight requests are done.
 */
const KEY = Symbol.for("spectral.shutdownHooks");
type Hook = () => Promise<void> | void;
type Holder = { [KEY]?: Map<string, Hook> };

function hooks(): Map<string, Hook> {
  const g = globalThis as Holder;
  g[KEY] ??= new Map();
  return g[KEY];
}

/** Registers (or replaces) a named hook. */
export function onShutdown(name: string, hook: Hook): void {
  hooks().set(name, hook);
}

/** Runs every hook once, in registration order; failures are returned, not thrown. */
export async function runShutdownHooks(): Promise<{ name: string; error?: string }[]> {
  const out: { name: string; error?: string }[] = [];
  for (const [name, hook] of hooks()) {
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
