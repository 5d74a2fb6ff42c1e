/** Whether the machine's optional services answer (tests that need them skip otherwise). */
import net from "node:net";

export const TEST_REDIS_URL = process.env.SPECTRAL_TEST_REDIS_URL ?? "redis://127.0.0.1:6379/0";

/** True when a TCP connection to the Redis at `url` opens within a second. */
export function redisAvailable(url = TEST_REDIS_URL): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = net.connect({ host: u.hostname, port: Number(u.port || 6379) });
    s.setTimeout(1000);
    s.once("connect", () => { s.destroy(); resolve(true); });
    s.once("error", () => resolve(false));
    s.once("timeout", () => { s.destroy(); resolve(false); });
  });
}
