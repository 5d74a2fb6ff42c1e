/**
 * The connected-apps activity on SQLite and (when reachable) PostgreSQL: each client's latest 10
 * calls come from one windowed query for all clients (not a query per connection), with the names
 * of the models the user can still open, never the names of models they cannot.
 */
import { expect, it } from "vitest";
import { listActivityByClient } from "@/lib/db/activity";
import { getUnitSystem, setUnitSystem } from "@/lib/db/users";
import { newId } from "@/lib/db/ids";
import { describeOnEachDatabase } from "../support/db";
import { createUser } from "../support/fixtures";

describeOnEachDatabase("activity by client", (t) => {

  it("answers each client's latest 10 calls and the names of the models the user may open", async () => {
    const u = await createUser(t.db, "Ada");
    const other = await createUser(t.db, "Bob");
    const mine = newId(), theirs = newId();
    await t.db.model.create({ data: { id: mine, ownerId: u.id, name: "Warehouse frame", lengthUnit: "mm", forceUnit: "kN", verticalAxis: "Z", revision: 1 } });
    await t.db.model.create({ data: { id: theirs, ownerId: other.id, name: "Bob's secret", lengthUnit: "mm", forceUnit: "kN", verticalAxis: "Z", revision: 1 } });
    const t0 = Date.now() - 100_000;
    const rows = [];
    // Client A is chatty (25 calls, the newest), client B quiet (3 older calls).
    for (let k = 0; k < 25; k++) rows.push({ id: newId(), userId: u.id, clientId: "client-a", tool: "get_model", modelId: k % 2 ? mine : theirs, outcome: "ok", durationMs: k, summary: "", createdAt: new Date(t0 + 10_000 + k * 100) });
    for (let k = 0; k < 3; k++) rows.push({ id: newId(), userId: u.id, clientId: "client-b", tool: "list_models", modelId: null, outcome: "ok", durationMs: k, summary: "", createdAt: new Date(t0 + k * 100) });
    rows.push({ id: newId(), userId: other.id, clientId: "client-a", tool: "get_model", modelId: theirs, outcome: "ok", durationMs: 1, summary: "", createdAt: new Date(t0 + 50_000) });
    await t.db.activityLog.createMany({ data: rows });

    const { byClient, modelNames } = await listActivityByClient(u.id, 10);
    expect(byClient.get("client-a")?.map((r) => r.durationMs)).toEqual([24, 23, 22, 21, 20, 19, 18, 17, 16, 15]);
    expect(byClient.get("client-b")?.length).toBe(3);
    expect(modelNames.get(mine)).toBe("Warehouse frame");
    expect(modelNames.has(theirs)).toBe(false);
  });

  it("stores the user's unit system", async () => {
    const u = await createUser(t.db);
    expect(await getUnitSystem(u.id, t.db)).toBeNull();
    await setUnitSystem(u.id, "US", t.db);
    expect(await getUnitSystem(u.id, t.db)).toBe("US");
  });
});
