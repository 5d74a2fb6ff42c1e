/**
 * analyze_model / get_results / validate_model through a real MCP client: the solver runs in a
 * worker thread (generated/analysis-worker.mjs, built by `npm run build`), results are stored
 * with the revision, mechanisms come back as checks naming nodes, never as NaN.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import type { Client } from "@modelcontextprotocol/client";
import { loadModel } from "@/lib/db/models";
import { setUnitSystem } from "@/lib/db/users";
import { workerPath } from "@/lib/analysis/runner";
import { stopJobQueue } from "@/lib/analysis/jobs";
import { describeOnEachDatabase } from "../support/db";
import { createUser } from "../support/fixtures";
import { connectClient, ok, textOf } from "../support/mcp-inprocess";

const E = 210e9, G = 81e9, Iz = 2e-5, L = 3, P = 10_000;
const cantilever = {
  sections: [{ name: "Test", A: 0.01, Iy: 1e-5, Iz, J: 1e-5 }],
  materials: [{ name: "Steel", E, G, density: 7850 }],
  nodes: [{ ref: "root", label: "ROOT", x: 0, y: 0, z: 0 }, { ref: "tip", label: "TIP", x: L, y: 0, z: 0 }],
  frames: [{ ref: "beam", label: "B1", i: "root", j: "tip", section: "Test", material: "Steel" }],
  supports: [{ node: "root", type: "fixed" }],
  loadCases: [{ name: "Tip load" }, { name: "Own weight", selfWeight: true }],
  loads: [{ kind: "nodal", case: "Tip load", node: "tip", fz: -P }],
  combinations: [{ name: "ULS", factors: { "Tip load": 1.5, "Own weight": 1.35 } }],
};

describeOnEachDatabase("analysis tools", (t) => {
  let user: { id: string };
  let client: Client;
  beforeAll(async () => {
    if (!existsSync(workerPath())) execFileSync(process.execPath, ["scripts/build-worker.mjs"], { stdio: "inherit" });
    user = await createUser(t.db);
    client = await connectClient({ userId: user.id });
  });
  afterAll(async () => {
    await client?.close();
    await stopJobQueue();
  });

  it("analyses a cantilever: tip deflection PL³/3EI, fixed-end moment PL, reactions equal the loads, combination = factored cases", async () => {
    const { modelId } = ok<{ modelId: string }>(await client.callTool({ name: "add_elements", arguments: { name: "Cantilever", ...cantilever } }));
    const r = ok<{ status: string; stale: boolean; results: { name: string; maxDisplacement: { value: number; node: string }; maxM: { value: number; frame: string } }[] }>(
      await client.callTool({ name: "analyze_model", arguments: { modelId } }),
    );
    expect(r.status).toBe("succeeded");
    expect(r.stale).toBe(false);
    const tip = r.results.find((s) => s.name === "Tip load")!;
    expect(tip.maxDisplacement.node).toBe("TIP");
    expect(tip.maxDisplacement.value).toBeCloseTo((P * L ** 3) / (3 * E * Iz), 8);
    expect(Math.abs(tip.maxM.value)).toBeCloseTo(P * L, 3);
    expect(tip.maxM.frame).toBe("B1");
    const reactions = ok<{ rows: { node: string; fz: number; my: number }[] }>(
      await client.callTool({ name: "get_results", arguments: { modelId, what: "reactions", set: "Tip load" } }),
    );
    expect(reactions.rows).toHaveLength(1);
    expect(reactions.rows[0]!.node).toBe("ROOT");
    expect(reactions.rows[0]!.fz).toBeCloseTo(P, 4);
    const disp = async (set: string) =>
      ok<{ rows: { node: string; uz: number }[] }>(await client.callTool({ name: "get_results", arguments: { modelId, what: "displacements", set, nodes: ["TIP"] } })).rows[0]!.uz;
    const [a, b, c] = [await disp("Tip load"), await disp("Own weight"), await disp("ULS")];
    expect(c).toBeCloseTo(1.5 * a + 1.35 * b, 10);
    // Own weight: total reaction = ρ·A·g·L.
    const sw = ok<{ rows: { fz: number }[] }>(await client.callTool({ name: "get_results", arguments: { modelId, what: "reactions", set: "Own weight" } }));
    expect(sw.rows[0]!.fz).toBeCloseTo(7850 * 0.01 * 9.80665 * L, 4);
    const diag = ok<{ rows: { frame: string; x: number[]; Mz: number[] }[] }>(await client.callTool({ name: "get_results", arguments: { modelId, what: "diagrams", set: "Tip load" } }));
    expect(diag.rows[0]!.x.length).toBeGreaterThanOrEqual(11);
    // A later change makes the stored results stale.
    ok(await client.callTool({ name: "update_elements", arguments: { modelId, nodes: [{ node: "TIP", x: 3.5 }] } }));
    const again = ok<{ stale: boolean }>(await client.callTool({ name: "get_results", arguments: { modelId } }));
    expect(again.stale).toBe(true);
  });

  it("writes analysis text in the user's unit system (the viewer's SI/US choice); structured values stay SI", async () => {
    const us = await createUser(t.db);
    await setUnitSystem(us.id, "US", t.db);
    const usClient = await connectClient({ userId: us.id });
    try {
      const { modelId } = ok<{ modelId: string }>(await usClient.callTool({ name: "add_elements", arguments: { name: "Cantilever US", ...cantilever } }));
      const res = await usClient.callTool({ name: "analyze_model", arguments: { modelId } });
      const r = ok<{ results: { name: string; maxDisplacement: { value: number } }[] }>(res);
      const tip = r.results.find((s) => s.name === "Tip load")!;
      expect(tip.maxDisplacement.value).toBeCloseTo((P * L ** 3) / (3 * E * Iz), 8);
      const text = textOf(res);
      expect(text).toContain(`${(tip.maxDisplacement.value / 0.0254).toFixed(2)} in`);
      expect(text).toMatch(/kip·ft/);
      expect(text).not.toMatch(/ mm | kN·m/);
    } finally {
      await usClient.close();
    }
  });

  it("reports a mechanism as a check naming the node and free DOFs, never NaN", async () => {
    const { modelId } = ok<{ modelId: string }>(await client.callTool({
      name: "add_elements",
      arguments: {
        name: "Mechanism",
        ...cantilever,
        supports: [{ node: "root", code: "FFFRRR" }, { node: "tip", code: "FFFRRR" }],
        frames: [{ i: "root", j: "tip", section: "Test", material: "Steel", release: "pinned" }],
      },
    }));
    const v = ok<{ ready: boolean; issues: { code: string; message: string }[] }>(await client.callTool({ name: "validate_model", arguments: { modelId } }));
    expect(v.ready).toBe(false);
    expect(v.issues.some((i) => i.code === "INSUFFICIENT_RESTRAINT" || i.code === "UNSTABLE_RELEASES")).toBe(true);
    const res = await client.callTool({ name: "analyze_model", arguments: { modelId } });
    const text = textOf(res);
    expect(text).not.toMatch(/NaN/);
    expect(text).toMatch(/ROOT|TIP|mechanism|restrain/i);
  });

  // validate_model is read-only now; the repairs moved to repair_model (issue #12).
  it("validate_model finds coincident nodes and repair_model merges them as one undoable revision", async () => {
    const { modelId } = ok<{ modelId: string }>(await client.callTool({ name: "add_elements", arguments: { name: "Fix", ...cantilever } }));
    // A second node 0.5 mm from TIP (added with merging off by going through an explicit far-then-move edit).
    ok(await client.callTool({ name: "add_elements", arguments: { modelId, nodes: [{ label: "NEAR", x: 10, y: 0, z: 0 }], frames: [{ i: "NEAR", j: "ROOT", section: "Test", material: "Steel" }] } }));
    ok(await client.callTool({ name: "update_elements", arguments: { modelId, nodes: [{ node: "NEAR", x: 3.0005 }] } }));
    const v = ok<{ issues: { code: string }[] }>(await client.callTool({ name: "validate_model", arguments: { modelId } }));
    expect(v.issues.map((i) => i.code)).toContain("COINCIDENT_NODES");
    const fixed = ok<{ revision: number; fixed: { code: string }[]; issues: { code: string }[] }>(await client.callTool({ name: "repair_model", arguments: { modelId } }));
    expect(fixed.fixed.map((i) => i.code)).toEqual(expect.arrayContaining(["NODE_MERGED", "DUPLICATE_FRAME"]));
    expect(fixed.issues.map((i) => i.code)).not.toContain("COINCIDENT_NODES");
    const m = (await loadModel(modelId, user.id))!.model;
    expect(m.nodes.map((n) => n.label).sort()).toEqual(["ROOT", "TIP"]);
    expect(m.frames).toHaveLength(1);
    ok(await client.callTool({ name: "undo_change", arguments: { modelId } }));
    expect((await loadModel(modelId, user.id))!.model.nodes).toHaveLength(3);
  });

  it("generates a small three-bay frame with supports into a model, and again without label clashes", async () => {
    const { modelId } = ok<{ modelId: string }>(await client.callTool({ name: "create_model", arguments: { name: "My test model" } }));
    const g1 = ok<{ added: { nodes: number; frames: number; supports: number }; groups: { name: string; labels: string[] }[] }>(
      await client.callTool({ name: "generate_structure", arguments: { modelId, structure: { type: "frame_2d", bays: 3 } } }),
    );
    expect(g1.added).toMatchObject({ nodes: 8, frames: 7, supports: 4 });
    const g2 = ok<{ groups: { labels: string[] }[] }>(
      await client.callTool({ name: "generate_structure", arguments: { modelId, structure: { type: "truss", style: "pratt", span: 12, depth: 1.5, panels: 6, origin: [0, 20, 0] } } }),
    );
    const l1 = new Set(g1.groups.flatMap((g) => g.labels));
    expect(g2.groups.flatMap((g) => g.labels).some((l) => l1.has(l))).toBe(false);
    const m = (await loadModel(modelId, user.id))!.model;
    expect(m.supports.length).toBeGreaterThanOrEqual(6);
    // The generated frame is ready for analysis.
    const v = ok<{ ready: boolean }>(await client.callTool({ name: "validate_model", arguments: { modelId } }));
    expect(v.ready).toBe(true);
    const bad = await client.callTool({ name: "generate_structure", arguments: { modelId, structure: { type: "truss", style: "pratt", panels: 5 } } });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/even|panels/i);
  });

  it("exports canonical JSON that imports back to the same model, and an OpenSeesPy script", async () => {
    const { modelId } = ok<{ modelId: string }>(await client.callTool({ name: "add_elements", arguments: { name: "Round trip", ...cantilever } }));
    const exp = ok<{ content: string; filename: string }>(await client.callTool({ name: "export_model", arguments: { modelId } }));
    const back = ok<{ modelId: string }>(await client.callTool({ name: "import_model", arguments: { payload: JSON.parse(exp.content), name: "Round trip copy" } }));
    const a = (await loadModel(modelId, user.id))!.model, b = (await loadModel(back.modelId, user.id))!.model;
    const strip = (m: typeof a) => JSON.stringify({
      nodes: m.nodes.map(({ id: _i, ...n }) => n).sort((x, y) => x.label.localeCompare(y.label)),
      frames: m.frames.map((f) => ({ label: f.label, roll: f.roll, releaseI: f.releaseI, releaseJ: f.releaseJ })),
      sections: m.sections.map(({ id: _i, ...s }) => s), materials: m.materials.map(({ id: _i, ...x }) => x),
      supports: m.supports.map((s) => s.code), loads: m.loads.length, cases: m.loadCases.map((c) => [c.name, c.selfWeightFactor]).sort(), combos: m.combinations.length,
    });
    expect(strip(b)).toBe(strip(a));
    const py = ok<{ content: string }>(await client.callTool({ name: "export_model", arguments: { modelId, format: "opensees_py" } }));
    expect(py.content).toMatch(/ops\.model\('basic', '-ndm', 3, '-ndf', 6\)/);
    expect(py.content).toMatch(/elasticBeamColumn/);
  });

  it("exports IFC4 and DXF too, with file name, size and download URL", async () => {
    const { modelId } = ok<{ modelId: string }>(await client.callTool({ name: "add_elements", arguments: { name: "Formats", ...cantilever } }));
    const ifc = ok<{ content: string; filename: string; bytes: number; downloadUrl: string; mimeType: string }>(await client.callTool({ name: "export_model", arguments: { modelId, format: "ifc4" } }));
    expect(ifc.filename).toBe("Formats.ifc");
    expect(ifc.mimeType).toBe("application/x-step");
    expect(ifc.content).toMatch(/^ISO-10303-21;\nHEADER;/);
    expect(ifc.content).toContain("IFCSTRUCTURALANALYSISMODEL(");
    expect(ifc.bytes).toBe(Buffer.byteLength(ifc.content));
    expect(ifc.downloadUrl).toMatch(new RegExp(`/api/models/${modelId}/export\\?format=ifc4$`));
    const dxf = ok<{ content: string; filename: string }>(await client.callTool({ name: "export_model", arguments: { modelId, format: "dxf" } }));
    expect(dxf.filename).toBe("Formats.dxf");
    expect(dxf.content).toMatch(/\nENTITIES\n/);
    expect(dxf.content.trimEnd().endsWith("EOF")).toBe(true);
  });
});
