/**
 * A rename is a revision like any other: undoing it (or reading the revision before it) gives the
 * old name back, on SQLite and (when reachable) PostgreSQL.
 */
import { expect, it } from "vitest";
import { createModel, emptyPatch, getViewerModel, writeModel } from "@/lib/db/models";
import { undoModel } from "@/lib/history/undo";
import { describeOnEachDatabase } from "../support/db";
import { createUser } from "../support/fixtures";

describeOnEachDatabase("rename and undo", (t) => {

  it("restores the old name", async () => {
    const u = await createUser(t.db);
    const actor = { userId: u.id, source: "web" as const };
    const { id } = await createModel(actor, { name: "Shed", description: "", displayUnits: { length: "mm", force: "kN" }, verticalAxis: "Z" }, emptyPatch());
    const r = await writeModel(id, actor, () => ({ patch: emptyPatch(), inverse: emptyPatch(), summary: "Renamed", meta: { name: "Big shed" }, result: null }));
    expect(r.ok).toBe(true);
    expect((await getViewerModel(id, { userId: u.id }, 1))?.model.meta.name).toBe("Shed");
    await undoModel(id, actor);
    const now = await t.db.model.findUniqueOrThrow({ where: { id } });
    expect(now.name).toBe("Shed");
    expect(now.revision).toBe(3);
  });
});
