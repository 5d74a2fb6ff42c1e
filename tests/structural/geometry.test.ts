import { describe, expect, it } from "vitest";
import {
  ViewerPayloadSchema,
  bounds,
  frameLength,
  localAxes,
  nodeMap,
  toViewerPayload,
  type Frame,
  type Node,
  type V3,
  type VerticalAxis,
} from "@/lib/structural";
import { blank, build, portal } from "./fixtures";

const nodes = (pts: Record<string, V3>): Map<string, Node> =>
  nodeMap(Object.entries(pts).map(([id, [x, y, z]]) => ({ id, label: id, x, y, z })));
const frame = (over: Partial<Frame> = {}): Frame => ({
  id: "f", label: "F", i: "a", j: "b", sectionId: null, materialId: null, roll: 0, orientation: null, releaseI: "FFFFFF", releaseJ: "FFFFFF", role: "other", ...over,
});
const close = (got: V3, want: V3) => got.forEach((v, k) => expect(v).toBeCloseTo(want[k]!, 12));

describe("localAxes: the convention shared with the solver", () => {
  const cases: { name: string; a: V3; b: V3; up?: VerticalAxis; roll?: number; orientation?: V3; x: V3; y: V3; z: V3 }[] = [
    { name: "beam along +X, Z up: y up, z = x × y", a: [0, 0, 0], b: [6, 0, 0], x: [1, 0, 0], y: [0, 0, 1], z: [0, -1, 0] },
    { name: "beam along +Y, Z up", a: [0, 0, 0], b: [0, 5, 0], x: [0, 1, 0], y: [0, 0, 1], z: [1, 0, 0] },
    { name: "column up +Z: y = global +X", a: [0, 0, 0], b: [0, 0, 4], x: [0, 0, 1], y: [1, 0, 0], z: [0, 1, 0] },
    { name: "column drawn downwards: y = global +X", a: [0, 0, 4], b: [0, 0, 0], x: [0, 0, -1], y: [1, 0, 0], z: [0, -1, 0] },
    { name: "beam along +X rolled 90°", a: [0, 0, 0], b: [6, 0, 0], roll: 90, x: [1, 0, 0], y: [0, -1, 0], z: [0, 0, -1] },
    { name: "rafter sloping 3:4", a: [0, 0, 0], b: [4, 0, 3], x: [0.8, 0, 0.6], y: [-0.6, 0, 0.8], z: [0, -1, 0] },
    { name: "Y up: beam along +X", a: [0, 0, 0], b: [6, 0, 0], up: "Y", x: [1, 0, 0], y: [0, 1, 0], z: [0, 0, 1] },
    { name: "Y up: column along +Y", a: [0, 0, 0], b: [0, 3, 0], up: "Y", x: [0, 1, 0], y: [1, 0, 0], z: [0, 0, -1] },
    { name: "orientation vector overrides 'up'", a: [0, 0, 0], b: [6, 0, 0], orientation: [0, 1, 1], x: [1, 0, 0], y: [0, Math.SQRT1_2, Math.SQRT1_2], z: [0, -Math.SQRT1_2, Math.SQRT1_2] },
    { name: "orientation parallel to the member is ignored", a: [0, 0, 0], b: [6, 0, 0], orientation: [3, 0, 0], x: [1, 0, 0], y: [0, 0, 1], z: [0, -1, 0] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const ax = localAxes(
        frame({ roll: c.roll ?? 0, orientation: c.orientation ? { x: c.orientation[0], y: c.orientation[1], z: c.orientation[2] } : null }),
        nodes({ a: c.a, b: c.b }),
        c.up ?? "Z",
      )!;
      close(ax.x, c.x);
      close(ax.y, c.y);
      close(ax.z, c.z);
    });
  }
  it("is orthonormal and right-handed for arbitrary members and rolls", () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 20 - 10;
    for (let k = 0; k < 200; k++) {
      const ax = localAxes(frame({ roll: rnd() * 36 }), nodes({ a: [rnd(), rnd(), rnd()], b: [rnd(), rnd(), rnd()] }), k % 2 ? "Y" : "Z")!;
      const dot = (u: V3, v: V3) => u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
      for (const v of [ax.x, ax.y, ax.z]) expect(dot(v, v)).toBeCloseTo(1, 12);
      expect(dot(ax.x, ax.y)).toBeCloseTo(0, 12);
      expect(dot(ax.y, ax.z)).toBeCloseTo(0, 12);
      const cz: V3 = [ax.x[1] * ax.y[2] - ax.x[2] * ax.y[1], ax.x[2] * ax.y[0] - ax.x[0] * ax.y[2], ax.x[0] * ax.y[1] - ax.x[1] * ax.y[0]];
      close(cz, ax.z);
    }
  });
  it("returns null for zero-length or dangling frames", () => {
    expect(localAxes(frame(), nodes({ a: [1, 1, 1], b: [1, 1, 1] }), "Z")).toBeNull();
    expect(localAxes(frame({ j: "ghost" }), nodes({ a: [0, 0, 0] }), "Z")).toBeNull();
  });
});

describe("frameLength and bounds", () => {
  it("measures frames and the model box", () => {
    const m = portal();
    const byId = nodeMap(m.nodes);
    expect(m.frames.map((f) => frameLength(f, byId))).toEqual([4, 6, 4]);
    expect(bounds(m)).toEqual({ min: [0, 0, 0], max: [6, 0, 4] });
    expect(bounds(blank())).toEqual({ min: [0, 0, 0], max: [0, 0, 0] });
    expect(frameLength(frame({ j: "ghost" }), byId)).toBeNaN();
  });
});

describe("toViewerPayload", () => {
  it("produces the compact, schema-valid payload", () => {
    const m = build(
      {
        nodes: [{ ref: "a", x: 0, y: 0, z: 0 }, { ref: "b", x: 1.23456789, y: 0, z: 0 }, { ref: "c", x: 1.23456789, y: 0, z: 2 }],
        frames: [
          { i: "a", j: "b", section: "IPE300", material: "S355", releaseJ: "FFFFFR" },
          { i: "b", j: "c", roll: 30 },
        ],
        supports: [{ node: "a", type: "pinned" }],
        loadCases: [{ name: "L" }],
        loads: [
          { kind: "nodal", case: "L", node: "c", fx: 1, mz: 2 },
          { kind: "frame_point", case: "L", frame: "F1", position: 0.25, fz: -3, axes: "local" },
          { kind: "frame_distributed", case: "L", frame: "F2", w1: [0, 0, -1], w2: [0, 0, -2], start: 0.1, end: 0.9 },
        ],
      },
      blank({ id: "model-1", name: "Viewer", revision: 4 }),
    );
    const p = toViewerPayload(m, { revision: 5 });
    expect(ViewerPayloadSchema.parse(p)).toEqual(p);
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
    expect(p).toMatchObject({ modelId: "model-1", name: "Viewer", revision: 5, verticalAxis: "Z", units: { length: "m", force: "kN" } });
    expect(p.nodes.labels).toEqual(["N1", "N2", "N3"]);
    expect(p.nodes.positions).toEqual([0, 0, 0, 1.234568, 0, 0, 1.234568, 0, 2]);
    expect(p.bounds).toEqual({ min: [0, 0, 0], max: [1.234568, 0, 2] });
    expect(p.frames.pairs).toEqual([0, 1, 1, 2]);
    expect(p.frames.section).toEqual([0, -1]);
    expect(p.frames.material).toEqual([0, -1]);
    expect(p.frames.roll).toEqual([0, 30]);
    expect(p.frames.releases).toEqual(["FFFFFF/FFFFFR", ""]);
    expect(p.sections[0]).toMatchObject({ name: "IPE300", shape: { type: "I" } });
    expect(p.supports).toEqual({ node: [0], code: ["FFFRRR"] });
    expect(p.loadCases).toEqual([{ id: m.loadCases[0]!.id, name: "L" }]);
    expect(p.loads).toEqual([
      { caseIndex: 0, kind: "nodal", target: 2, vector: [1, 0, 0], moment: [0, 0, 2] },
      { caseIndex: 0, kind: "frame_point", target: 0, vector: [0, 0, -3], position: 0.25, axes: "local" },
      { caseIndex: 0, kind: "frame_distributed", target: 1, vector: [0, 0, -1], start: 0.1, end: 0.9, vectorEnd: [0, 0, -2] },
    ]);
  });
  it("uses the model revision by default", () => {
    expect(toViewerPayload(portal()).revision).toBe(0);
  });
});
