// Minimal declarations for the benchmark-only packages that ship no types.
declare module "pg-copy-streams" {
  import type { Writable } from "node:stream";
  export function from(sql: string): Writable & { submit(...a: unknown[]): void };
}
declare module "autocannon" {
  function autocannon(opts: Record<string, unknown>, cb: (err: Error | null, result: never) => void): unknown;
  export default autocannon;
}
