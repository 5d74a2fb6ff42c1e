/**
 * Unit level, no server: every example on /docs/import-format is valid JSON (it survives a
 * stringify/parse round trip unchanged), normalizeImport accepts it with the counts the page states,
 * and the full import plan (what import_model does before writing) creates exactly those rows.
 */
import { describe, expect, it } from "vitest";
import { COUNT_KINDS, IMPORT_EXAMPLES, expectedCounts, importModelArguments } from "@/lib/docs/import-examples";
import { describeExampleCounts } from "@/components/docs/pages/import-format";
import { exportCanonical, normalizeImport, planImport, applyPatch, emptyModel } from "@/lib/structural";
import { findTool } from "@/lib/mcp/tools";

describe("import format examples", () => {
  it("have unique names and cover the canonical format and the main variants", () => {
    const names = IMPORT_EXAMPLES.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain("canonical");
    const formats = new Set(IMPORT_EXAMPLES.map((e) => e.detectedFormat));
    for (const f of ["spectral", "canonical", "lenient", "skyciv"]) expect(formats).toContain(f);
  });

  for (const e of IMPORT_EXAMPLES) {
    describe(e.name, () => {
      const text = JSON.stringify(e.payload, null, 2);

      it("is valid JSON", () => {
        expect(JSON.parse(text)).toEqual(e.payload);
      });

      it("normalizeImport returns ok with the stated counts and format", () => {
        const r = normalizeImport(JSON.parse(text));
        expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
        expect(r.ok).toBe(true);
        expect(r.detectedFormat.startsWith(e.detectedFormat)).toBe(true);
        const want = expectedCounts(e);
        for (const k of COUNT_KINDS) {
          if (k === "sections" || k === "materials") {
            // Catalogue names referenced only from frames are resolved by the planner (next test).
            expect(r.stats[k], k).toBeLessThanOrEqual(want[k]);
          } else {
            expect(r.stats[k], k).toBe(want[k]);
          }
        }
        // The string form (a payload pasted as text) reads the same.
        expect(normalizeImport(text).stats).toEqual(r.stats);
      });

      it("plans into a model with exactly the stated counts (what import_model reports)", () => {
        let n = 0;
        const plan = planImport(JSON.parse(text), { newId: () => `id${++n}` });
        expect(plan.issues.filter((i) => i.severity === "error")).toEqual([]);
        expect(plan.ok).toBe(true);
        expect(plan.stats).toEqual(expectedCounts(e));
        expect(describeExampleCounts(e)).toMatch(/\d+ nodes?/);
      });

      it("is accepted by import_model's input schema", () => {
        const tool = findTool("import_model");
        expect(tool).toBeDefined();
        const parsed = tool!.inputSchema.safeParse(importModelArguments(e));
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      });
    });
  }

  it("the canonical example is what exportCanonical writes for the model it creates", () => {
    const e = IMPORT_EXAMPLES.find((x) => x.name === "canonical")!;
    let n = 0;
    const plan = planImport(e.payload, { newId: () => `id${++n}` });
    const model = applyPatch(emptyModel({ id: "m", ownerId: "u", revision: 0, ...plan.meta }), plan.patch);
    const exported = exportCanonical(model) as unknown as Record<string, unknown>;
    const { loads: exportedLoads, ...rest } = exported;
    const { loads: exampleLoads, ...exampleRest } = e.payload as Record<string, unknown>;
    expect(rest).toEqual(exampleRest);
    // Exported loads also carry their ids (for update_elements); otherwise identical.
    expect((exportedLoads as Record<string, unknown>[]).map(({ id: _id, ...l }) => l)).toEqual(exampleLoads);
  });
});
