/**
 * Each example prompt of the ChatGPT guide, and the common follow-ups, in at most two tool calls
 * (issue #12), made by a real MCP client against the real server with the arguments an assistant
 * builds from the tool schemas; each test asserts the result and the exact number of calls. Also:
 * the unit warnings in a write answer, and the reference resources.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "@modelcontextprotocol/client";
import { loadModel } from "@/lib/db/models";
import { getJob } from "@/lib/db/analysis";
import { describeOnEachDatabase } from "../support/db";
import { createUser } from "../support/fixtures";
import { connectClient, ok, textOf } from "../support/mcp-inprocess";

/** A client that counts its tool calls (what "at most two calls" is measured with). */
function counting(client: Client) {
  let calls = 0;
  return {
    call: async (name: string, args: Record<string, unknown>) => {
      calls++;
      return client.callTool({ name, arguments: args });
    },
    get calls() {
      return calls;
    },
  };
}

describeOnEachDatabase("guide prompts in ≤ 2 tool calls", (t) => {
  let user: { id: string };
  let client: Client;

  beforeAll(async () => {
    user = await createUser(t.db, "Prompter");
    client = await connectClient({ userId: user.id });
  });
  afterAll(async () => {
    await client?.close();
  });

  it('"Create a new Spectral model named "Concept Grid A" and tell me the viewer link." — 1 call', async () => {
    const c = counting(client);
    const res = await c.call("create_model", { name: "Concept Grid A" });
    const out = ok<{ modelId: string; viewerUrl: string }>(res);
    expect(textOf(res)).toContain(out.viewerUrl);
    expect(out.viewerUrl).toBe(`http://localhost:3000/models/${out.modelId}`);
    expect((await loadModel(out.modelId, user.id))!.model.meta.name).toBe("Concept Grid A");
    expect(c.calls).toBe(1);
  });

  it('"Use Spectral to create an empty model named ChatGPT MCP Smoke Test." — 1 call', async () => {
    const c = counting(client);
    const out = ok<{ modelId: string; revision: number }>(await c.call("create_model", { name: "ChatGPT MCP Smoke Test" }));
    expect(out.revision).toBe(1);
    expect((await loadModel(out.modelId, user.id))!.model.nodes).toHaveLength(0);
    expect(c.calls).toBe(1);
  });

  it('"Add a small three-bay frame to my test model." — list_models, generate_structure: 2 calls', async () => {
    ok(await client.callTool({ name: "create_model", arguments: { name: "My test model" } }));
    const c = counting(client);
    const { models } = ok<{ models: { modelId: string; name: string }[] }>(await c.call("list_models", {}));
    const target = models.find((m) => /test model/i.test(m.name))!;
    const res = await c.call("generate_structure", { modelId: target.modelId, structure: { type: "frame_2d", bays: 3 } });
    const out = ok<{ added: Record<string, number>; viewerUrl: string }>(res);
    expect(out.added).toMatchObject({ frames: 7, supports: 4 });
    expect(textOf(res)).toContain(out.viewerUrl);
    const m = (await loadModel(target.modelId, user.id))!.model;
    expect(m.frames.filter((f) => f.role === "beam")).toHaveLength(3);
    expect(m.frames.filter((f) => f.role === "column")).toHaveLength(4);
    expect(c.calls).toBe(2);
  });

  it('"Create a Spectral model from this nodes-and-frames JSON payload and show the planned arguments first." — dry run, import: 2 calls', async () => {
    const payload = {
      name: "From JSON",
      nodes: [{ id: "1", x: 0, y: 0, z: 0 }, { id: "2", x: 6, y: 0, z: 0 }, { id: "3", x: 6, y: 0, z: 4 }],
      frames: [{ id: "a", start: "1", end: "2", section: "IPE300", material: "S355" }, { id: "b", start: "2", end: "3", section: "HEA200", material: "S355" }],
      supports: [{ node: "1", code: "FFFFFF" }],
    };
    const c = counting(client);
    const dry = ok<{ dryRun: boolean; modelId: null; counts: Record<string, number>; planned: { frames: unknown[] } }>(await c.call("import_model", { payload, dry_run: true }));
    expect(dry).toMatchObject({ dryRun: true, modelId: null, counts: { nodes: 3, frames: 2 } });
    expect(dry.planned.frames).toHaveLength(2);
    const real = ok<{ modelId: string }>(await c.call("import_model", { payload }));
    expect((await loadModel(real.modelId, user.id))!.model.frames).toHaveLength(2);
    expect(c.calls).toBe(2);
  });

  describe("follow-ups on a generated frame", () => {
    let modelId: string;
    beforeAll(async () => {
      modelId = ok<{ modelId: string }>(await client.callTool({ name: "generate_structure", arguments: { name: "Follow-ups", structure: { type: "frame_2d", bays: 3 } } })).modelId!;
    });

    it('"Make the beams IPE400" — 1 call (update_elements with where)', async () => {
      const c = counting(client);
      const res = await c.call("update_elements", { modelId, frames: [{ where: { role: "beam" }, section: "IPE400" }] });
      const out = ok<{ updated: Record<string, number> }>(res);
      expect(out.updated.frames).toBe(3);
      const m = (await loadModel(modelId, user.id))!.model;
      const ipe400 = m.sections.find((s) => s.name === "IPE400")!;
      expect(m.frames.filter((f) => f.role === "beam").every((f) => f.sectionId === ipe400.id)).toBe(true);
      expect(m.frames.filter((f) => f.role === "column").some((f) => f.sectionId === ipe400.id)).toBe(false);
      expect(c.calls).toBe(1);
    });

    it('"Add 10 kN/m dead load on all beams" — 1 call (add_elements: units kN, a Dead case, a line load where role = beam)', async () => {
      const c = counting(client);
      const res = await c.call("add_elements", {
        modelId,
        units: { force: "kN" },
        loadCases: [{ name: "Dead", type: "dead" }],
        loads: [{ kind: "frame_distributed", case: "Dead", where: { role: "beam" }, w: [0, 0, -10] }],
      });
      const out = ok<{ added: Record<string, number>; warnings: unknown[] }>(res);
      expect(out.added).toMatchObject({ loadCases: 1, loads: 3 });
      expect(out.warnings).toEqual([]);
      expect(textOf(res)).toMatch(/Units read: m, kN/);
      const m = (await loadModel(modelId, user.id))!.model;
      const w = m.loads.map((l) => (l.kind === "frame_distributed" ? l.w1.z : NaN));
      expect(w).toEqual([-10_000, -10_000, -10_000]);
      expect(c.calls).toBe(1);
    });

    it('"What is the max deflection?" — 1 call (analyze_model)', async () => {
      const c = counting(client);
      const res = await c.call("analyze_model", { modelId });
      const out = ok<{ jobId: string; status: string; results: { name: string; maxDisplacement: { value: number; node: string } | null }[] }>(res);
      expect(out.status, (await getJob(out.jobId))?.error ?? "").toBe("succeeded");
      const dead = out.results.find((r) => r.name === "Dead")!;
      expect(dead.maxDisplacement!.value).toBeGreaterThan(0);
      expect(dead.maxDisplacement!.value).toBeLessThan(0.1);
      expect(textOf(res)).toMatch(/max displacement \d+(\.\d+)? mm at /);
      expect(c.calls).toBe(1);
    });

    it("refuses a selection that matches nothing, naming it, and writes nothing", async () => {
      const before = (await loadModel(modelId, user.id))!.model.meta.revision;
      const res = await client.callTool({ name: "update_elements", arguments: { modelId, frames: [{ where: { role: "cable" }, section: "IPE400" }] } });
      expect(res.isError).toBe(true);
      expect(textOf(res)).toMatch(/SELECTION_EMPTY.*role "cable"/);
      expect((await loadModel(modelId, user.id))!.model.meta.revision).toBe(before);
    });
  });

  it("warns in the answer when a line load without units is implausible (0.6 N/m), naming kN/m", async () => {
    const { modelId } = ok<{ modelId: string }>(
      await client.callTool({ name: "generate_structure", arguments: { name: "Units", structure: { type: "frame_2d", bays: 1 } } }),
    );
    const res = await client.callTool({
      name: "add_elements",
      arguments: { modelId, loadCases: [{ name: "Live" }], loads: [{ kind: "frame_distributed", case: "Live", where: { role: "beam" }, w: [0, 0, -0.6] }] },
    });
    const out = ok<{ warnings: { code: string; message: string }[] }>(res);
    expect(out.warnings.map((w) => w.code)).toEqual(["UNITS_LINE_LOAD"]);
    expect(out.warnings[0]!.message).toMatch(/0\.6 N\/m.*0\.6 kN\/m.*"force": "kN"/);
    expect(textOf(res)).toMatch(/UNITS|0\.6 N\/m/);
    expect(textOf(res)).toMatch(/Units read: m, N \(SI: no units given\)/);
    // validate_model reports the same code (read-only).
    const checked = ok<{ issues: { code: string }[] }>(await client.callTool({ name: "validate_model", arguments: { modelId, stability: false } }));
    expect(checked.issues.map((i) => i.code)).toContain("UNITS_LINE_LOAD");
  });

  it("serves the catalogue, the import format and the schemas as resources, each in one read", async () => {
    const { resources } = await client.listResources();
    const { resourceTemplates } = await client.listResourceTemplates();
    const uris = [...resources.map((r) => r.uri), ...resourceTemplates.map((r) => r.uriTemplate)];
    for (const u of ["spectral://catalogue/sections", "spectral://catalogue/materials", "spectral://docs/import-format", "spectral://docs/elements", "spectral://docs/generators"]) {
      expect(uris.some((x) => x.startsWith(u)), u).toBe(true);
    }
    const read = async (uri: string) => {
      const item = (await client.readResource({ uri })).contents[0]!;
      return JSON.parse("text" in item ? item.text : "");
    };
    const ipe = await read("spectral://catalogue/sections?family=IPE&min_depth_mm=300&max_depth_mm=400");
    expect(ipe.sections.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(["IPE300", "IPE400"]));
    expect(ipe.sections.every((s: { family: string; depth_mm: number }) => s.family === "IPE" && s.depth_mm >= 300 && s.depth_mm <= 400)).toBe(true);
    const first = await read("spectral://catalogue/sections");
    expect(first.sections.length).toBeLessThanOrEqual(50);
    if (first.total > 50) expect(first.next).toMatch(/page=2/);
    const mats = await read("spectral://catalogue/materials");
    expect(mats.materials.map((m: { name: string }) => m.name)).toEqual(expect.arrayContaining(["S355", "C30/37"]));
    const fmt = await read("spectral://docs/import-format");
    expect(fmt.canonicalSchema.properties.nodes).toBeDefined();
    expect(fmt.examples.length).toBeGreaterThan(0);
    const gens = await read("spectral://docs/generators");
    expect(JSON.stringify(gens.schema)).toContain("bracing");
    await expect(client.readResource({ uri: "spectral://catalogue/sections?family=NOPE" })).rejects.toThrow(/No section family "NOPE"/);
  });
});
