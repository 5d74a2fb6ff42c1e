/**
 * Shutdown hooks run phase by phase (stop → flush → close), in registration order within a phase,
 * whatever order the resources opened in: a rate-limit flush must reach Redis before Redis closes.
 */
import { describe, expect, it } from "vitest";
import { onShutdown, runShutdownHooks } from "@/lib/observability/shutdown";

describe("shutdown hooks", () => {
  it("run stop, then flush, then close hooks, each phase in registration order, once", async () => {
    const ran: string[] = [];
    const hook = (name: string) => () => void ran.push(name);
    onShutdown("t-redis", hook("redis"), "close");
    onShutdown("t-rate-limits", hook("rate-limits"), "flush");
    onShutdown("t-writers", hook("writers"), "close");
    onShutdown("t-jobs", hook("jobs"), "stop");
    onShutdown("t-activity", hook("activity"), "flush");
    // Registering again (every buffered entry may) replaces the hook and keeps its place.
    onShutdown("t-redis", hook("redis again"), "close");
    const out = await runShutdownHooks();
    expect(ran).toEqual(["jobs", "rate-limits", "activity", "redis again", "writers"]);
    expect(out.map((o) => o.name)).toEqual(["t-jobs", "t-rate-limits", "t-activity", "t-redis", "t-writers"]);
    expect(await runShutdownHooks()).toEqual([]);
  });

  it("reports a failing hook and still runs the others", async () => {
    const ran: string[] = [];
    onShutdown("t-bad", () => Promise.reject(new Error("boom")), "flush");
    onShutdown("t-good", () => void ran.push("good"), "close");
    const out = await runShutdownHooks();
    expect(out).toEqual([{ name: "t-bad", error: "boom" }, { name: "t-good" }]);
    expect(ran).toEqual(["good"]);
  });
});
