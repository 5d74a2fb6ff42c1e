/**
 * The activity log over a real MCP client (in-process): every tool call is recorded with its
 * client, tool, model, outcome and a short summary of the arguments (never a secret), and calls
 * made in a burst are all written (entries are queued and written in batches).
 */
import { afterAll, expect, it } from "vitest";
import type { Client } from "@modelcontextprotocol/client";
import { flushActivity, listActivity } from "@/lib/db/activity";
import { describeOnEachDatabase } from "../support/db";
import { createUser } from "../support/fixtures";
import { connectClient, ok } from "../support/mcp-inprocess";

describeOnEachDatabase("activity log", (t) => {
  afterAll(async () => {
    await flushActivity().catch(() => undefined);
  });

  it("records each call with client, tool, model, outcome and a safe summary", async () => {
    const u = await createUser(t.db);
    const c: Client = await connectClient({ userId: u.id, clientId: `chatgpt-${u.id}` });
    try {
      const { modelId } = ok<{ modelId: string }>(await c.callTool({ name: "create_model", arguments: { name: "Logged" } }));
      await c.callTool({ name: "get_model", arguments: { modelId } });
      await c.callTool({ name: "get_model", arguments: { modelId: "m_does_not_exist" } });
      const rows = await listActivity(u.id, { clientId: `chatgpt-${u.id}` });
      expect(rows.map((r) => [r.tool, r.outcome])).toEqual([["get_model", "not_found"], ["get_model", "ok"], ["create_model", "ok"]]);
      expect(rows[1]).toMatchObject({ userId: u.id, clientId: `chatgpt-${u.id}`, modelId });
      expect(rows[2]!.summary).toContain('name: "Logged"');
      expect(typeof rows[0]!.durationMs).toBe("number");
      // Another client's filter sees none of them.
      expect(await listActivity(u.id, { clientId: "someone-else" })).toEqual([]);
    } finally {
      await c.close();
    }
  });

  it("writes every call of a burst, in batches, with the time of each call", async () => {
    const u = await createUser(t.db);
    const c: Client = await connectClient({ userId: u.id });
    try {
      const before = Date.now();
      await Promise.all(Array.from({ length: 30 }, () => c.callTool({ name: "list_models", arguments: {} })));
      await flushActivity();
      const rows = await t.db.activityLog.findMany({ where: { userId: u.id } });
      expect(rows).toHaveLength(30);
      for (const r of rows) {
        expect(r.tool).toBe("list_models");
        expect(r.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
        expect(r.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
      }
      expect(new Set(rows.map((r) => r.id)).size).toBe(30);
    } finally {
      await c.close();
    }
  });
});
