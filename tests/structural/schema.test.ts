import { describe, expect, it } from "vitest";
import {
  FrameSchema,
  LoadSchema,
  MaterialSchema,
  ModelMetaSchema,
  ModelPatchSchema,
  NodeSchema,
  SectionSchema,
  SectionShapeSchema,
  StructuralModelSchema,
  SupportSchema,
  emptyPatch,
  type ModelPatch,
} from "@/lib/structural";
import { portal } from "./fixtures";

const node = { id: "n1", label: "N1", x: 0, y: 0, z: 0 };
const frame = { id: "f1", label: "F1", i: "n1", j: "n2", sectionId: null, materialId: null };
const section = { id: "s1", name: "Box", A: 1e-3, Iy: 1e-6, Iz: 2e-6, J: 1e-6 };
const material = { id: "m1", name: "Steel", E: 210e9, G: 81e9, nu: 0.3, density: 7850 };

describe("schema: accepts and rejects", () => {
  const cases: { name: string; schema: { safeParse(v: unknown): { success: boolean } }; value: unknown; ok: boolean }[] = [
    { name: "node", schema: NodeSchema, value: node, ok: true },
    { name: "node with NaN coordinate", schema: NodeSchema, value: { ...node, x: Number.NaN }, ok: false },
    { name: "node with Infinity coordinate", schema: NodeSchema, value: { ...node, z: Number.POSITIVE_INFINITY }, ok: false },
    { name: "node with empty label", schema: NodeSchema, value: { ...node, label: "" }, ok: false },
    { name: "node with 65-char label", schema: NodeSchema, value: { ...node, label: "x".repeat(65) }, ok: false },
    { name: "node with 129-char id", schema: NodeSchema, value: { ...node, id: "x".repeat(129) }, ok: false },
    { name: "frame with defaults", schema: FrameSchema, value: frame, ok: true },
    { name: "frame with lowercase release", schema: FrameSchema, value: { ...frame, releaseJ: "ffffrr" }, ok: false },
    { name: "frame with 5-char release", schema: FrameSchema, value: { ...frame, releaseI: "FFFFR" }, ok: false },
    { name: "frame with spring letter", schema: FrameSchema, value: { ...frame, releaseI: "FFFFFS" }, ok: false },
    { name: "frame with unknown role", schema: FrameSchema, value: { ...frame, role: "girder" }, ok: false },
    { name: "frame with NaN roll", schema: FrameSchema, value: { ...frame, roll: Number.NaN }, ok: false },
    { name: "support FFFRRR", schema: SupportSchema, value: { id: "s", nodeId: "n1", code: "FFFRRR" }, ok: true },
    { name: "support with 7 letters", schema: SupportSchema, value: { id: "s", nodeId: "n1", code: "FFFRRRR" }, ok: false },
    { name: "section", schema: SectionSchema, value: section, ok: true },
    { name: "section with A = 0", schema: SectionSchema, value: { ...section, A: 0 }, ok: false },
    { name: "section with negative J", schema: SectionSchema, value: { ...section, J: -1 }, ok: false },
    { name: "section with valid I shape", schema: SectionSchema, value: { ...section, shape: { type: "I", h: 0.3, b: 0.15, tw: 0.0071, tf: 0.0107 } }, ok: true },
    { name: "section with impossible I shape (2tf > h)", schema: SectionSchema, value: { ...section, shape: { type: "I", h: 0.02, b: 0.15, tw: 0.007, tf: 0.011 } }, ok: false },
    { name: "material", schema: MaterialSchema, value: material, ok: true },
    { name: "material with nu 0.6", schema: MaterialSchema, value: { ...material, nu: 0.6 }, ok: false },
    { name: "material with E = Infinity", schema: MaterialSchema, value: { ...material, E: Number.POSITIVE_INFINITY }, ok: false },
    { name: "material with negative density", schema: MaterialSchema, value: { ...material, density: -1 }, ok: false },
    { name: "nodal load", schema: LoadSchema, value: { id: "l", kind: "nodal", caseId: "c", nodeId: "n1", fz: -1000 }, ok: true },
    { name: "point load at 1.2", schema: LoadSchema, value: { id: "l", kind: "frame_point", caseId: "c", frameId: "f", position: 1.2 }, ok: false },
    { name: "distributed load end < start", schema: LoadSchema, value: { id: "l", kind: "frame_distributed", caseId: "c", frameId: "f", start: 0.6, end: 0.4, w1: { x: 0, y: 0, z: -1 }, w2: { x: 0, y: 0, z: -1 } }, ok: false },
    { name: "load of unknown kind", schema: LoadSchema, value: { id: "l", kind: "area", caseId: "c" }, ok: false },
    { name: "meta with description over 2000 chars", schema: ModelMetaSchema, value: { id: "m", name: "M", description: "x".repeat(2001), displayUnits: { length: "m", force: "kN" }, revision: 0, ownerId: "u" }, ok: false },
    { name: "meta with unit 'yd'", schema: ModelMetaSchema, value: { id: "m", name: "M", displayUnits: { length: "yd", force: "kN" }, revision: 0, ownerId: "u" }, ok: false },
  ];
  for (const c of cases) {
    it(`${c.ok ? "accepts" : "rejects"} ${c.name}`, () => {
      expect(c.schema.safeParse(c.value).success).toBe(c.ok);
    });
  }

  it("fills the documented defaults", () => {
    expect(FrameSchema.parse(frame)).toMatchObject({ roll: 0, orientation: null, releaseI: "FFFFFF", releaseJ: "FFFFFF", role: "other" });
    expect(ModelMetaSchema.parse({ id: "m", name: "M", displayUnits: { length: "m", force: "kN" }, revision: 0, ownerId: "u" })).toMatchObject({ description: "", verticalAxis: "Z" });
    expect(LoadSchema.parse({ id: "l", kind: "frame_distributed", caseId: "c", frameId: "f", w1: { x: 0, y: 0, z: -1 }, w2: { x: 0, y: 0, z: -1 } })).toMatchObject({ start: 0, end: 1, axes: "global", projected: false });
  });

  it("validates a whole model built by the planner", () => {
    expect(StructuralModelSchema.safeParse(portal()).success).toBe(true);
  });

  it("rejects an unknown section shape type", () => {
    expect(SectionShapeSchema.safeParse({ type: "tee", h: 1, b: 1 }).success).toBe(false);
  });
});

describe("ModelPatchSchema", () => {
  it("accepts the empty patch and partial updates, and does not invent defaults in updates", () => {
    const p: ModelPatch = emptyPatch();
    p.update.frames.push({ id: "f1", sectionId: null });
    const parsed = ModelPatchSchema.parse(p);
    expect(parsed.update.frames[0]).toEqual({ id: "f1", sectionId: null });
  });
  it("rejects unknown fields in an update row", () => {
    const p = emptyPatch() as unknown as { update: { nodes: unknown[] } };
    p.update.nodes.push({ id: "n1", colour: "red" });
    expect(ModelPatchSchema.safeParse(p).success).toBe(false);
  });
});
