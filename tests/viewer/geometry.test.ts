/**
 * The viewer's pure parts: model → world (Z-up and Y-up), re-centring before Float32, local axes
 * (the Spectral convention, with roll), zoom-to-fit, screen-space picking, label capping, support
 * kinds, colour-by legends, load arrows, units, and what the widget bridge reads from tool results.
 */
import { describe, expect, it } from "vitest";
import * as THREE from "three";
import { buildModelBuffers, localAxes, toModel, toWorld } from "@/components/viewer/geometry";
import { fitDistance, VIEWS } from "@/components/viewer/views";
import { chooseLabels, pickAt } from "@/components/viewer/picking";
import { supportKind } from "@/components/viewer/supports";
import { frameColors, PALETTE, COLORS } from "@/components/viewer/palette";
import { loadArrows } from "@/components/viewer/loads";
import { gridSpec, niceStep } from "@/components/viewer/ground-grid";
import { fmt, fmtLength, fmtPower, toForceValue } from "@/components/viewer/units";
import { extractToolData, normaliseCallToolResponse } from "@/widget/bridge";
import { ViewerPayloadSchema } from "@/lib/structural";
import type { Vec3, ViewerPayload } from "@/components/viewer/types";
// @ts-expect-error: plain JavaScript module shared with the benchmark
import { building, portalFrame } from "../../bench/viewer/synthetic.mjs";

const portal = (): ViewerPayload => portalFrame();
const close = (a: ArrayLike<number>, b: ArrayLike<number>, eps = 1e-9) => Array.from(a).every((v, i) => Math.abs(v - b[i]!) <= eps);

describe("model → world", () => {
  it.each([
    ["Z", [1, 2, 3], [1, 3, -2]],
    ["Y", [1, 2, 3], [1, 2, 3]],
  ] as const)("verticalAxis %s maps %j to %j and back", (axis, m, w) => {
    expect(toWorld([...m] as Vec3, axis)).toEqual(w);
    expect(toModel([...w] as Vec3, axis)).toEqual(m);
  });

  it("puts a Z-up model's vertical on three.js +Y and its X on +X", () => {
    const b = buildModelBuffers(portal());
    // N1 (0,0,0) and N2 (0,0,4): same world x and z, N2 4 m higher in world y
    const n1 = Array.from(b.nodePositions.slice(0, 3)), n2 = Array.from(b.nodePositions.slice(3, 6));
    expect(n2[1]! - n1[1]!).toBeCloseTo(4);
    expect(n2[0]).toBeCloseTo(n1[0]!);
    expect(n2[2]).toBeCloseTo(n1[2]!);
    const n4 = Array.from(b.nodePositions.slice(9, 12));
    expect(n4[0]! - n1[0]!).toBeCloseTo(6);
    expect(b.groundY).toBeCloseTo(-2);
  });

  it("re-centres on the bounding box in double precision before Float32 (site coordinates do not jitter)", () => {
    const p = portal();
    const E = 512_345.678, N = 6_543_210.123; // UTM-like offsets: Float32 steps there are 0.03–0.5 m
    p.nodes.positions = p.nodes.positions.map((v: number, i: number) => (i % 3 === 0 ? v + E : i % 3 === 1 ? v + N : v));
    const b = buildModelBuffers(p);
    expect(b.centre[0]).toBeCloseTo(E + 3, 6);
    expect(b.centre[1]).toBeCloseTo(N, 6);
    expect(close(b.nodePositions, [-3, -2, 0, -3, 2, 0, 3, 2, 0, 3, -2, 0], 1e-5)).toBe(true);
    expect(b.frameLengths[1]).toBeCloseTo(6, 9);
  });

  it("keeps frames with a missing node out of the buffers", () => {
    const p = portal();
    p.frames.pairs[3] = 99;
    const b = buildModelBuffers(p);
    expect(Array.from(b.framePairs)).toEqual([0, 1, -1, -1, 3, 2]);
    expect(b.frameLengths[1]).toBe(0);
  });

  it("handles an empty model", () => {
    const p = portal();
    p.nodes = { labels: [], ids: [], positions: [] };
    p.frames = { labels: [], ids: [], pairs: [], section: [], material: [], roll: [], releases: [] };
    const b = buildModelBuffers(p);
    expect(b.nodeCount).toBe(0);
    expect(b.radius).toBeGreaterThan(0);
  });
});

describe("local axes (x from i to j; y up, or global +X for vertical members; then roll)", () => {
  it.each([
    ["beam along X, Z-up", [0, 0, 0], [6, 0, 0], 0, "Z", { x: [1, 0, 0], y: [0, 0, 1], z: [0, -1, 0] }],
    ["column, Z-up: y = +X", [0, 0, 0], [0, 0, 4], 0, "Z", { x: [0, 0, 1], y: [1, 0, 0], z: [0, 1, 0] }],
    ["beam along X, Y-up", [0, 0, 0], [6, 0, 0], 0, "Y", { x: [1, 0, 0], y: [0, 1, 0], z: [0, 0, 1] }],
    ["beam along X rolled 90°", [0, 0, 0], [6, 0, 0], 90, "Z", { x: [1, 0, 0], y: [0, -1, 0], z: [0, 0, -1] }],
  ] as const)("%s", (_, i, j, roll, axis, want) => {
    const ax = localAxes([...i] as Vec3, [...j] as Vec3, roll, axis)!;
    expect(close(ax.x, want.x)).toBe(true);
    expect(close(ax.y, want.y)).toBe(true);
    expect(close(ax.z, want.z)).toBe(true);
  });

  it("an inclined member's y is perpendicular to x, in the vertical plane, pointing up", () => {
    const ax = localAxes([0, 0, 0], [3, 0, 4], 0, "Z")!;
    expect(ax.length).toBeCloseTo(5);
    expect(close(ax.y, [-0.8, 0, 0.6])).toBe(true);
    expect(ax.x[0] * ax.y[0] + ax.x[1] * ax.y[1] + ax.x[2] * ax.y[2]).toBeCloseTo(0);
  });

  it("is null for a zero-length frame", () => {
    expect(localAxes([1, 1, 1], [1, 1, 1], 0, "Z")).toBeNull();
  });
});

describe("standard views and zoom-to-fit", () => {
  it("fits every corner of the box inside the frustum", () => {
    const lo: Vec3 = [-10, -2, -3], hi: Vec3 = [10, 2, 3];
    for (const [name, v] of Object.entries(VIEWS)) {
      for (const aspect of [0.5, 1.6]) {
        const d = fitDistance(lo, hi, v, 35, aspect);
        const cam = new THREE.PerspectiveCamera(35, aspect, 0.01, 1e4);
        cam.position.set(v.eye[0] * d, v.eye[1] * d, v.eye[2] * d);
        cam.up.set(...v.up);
        cam.lookAt(0, 0, 0);
        cam.updateMatrixWorld();
        for (let k = 0; k < 8; k++) {
          const p = new THREE.Vector3(k & 1 ? hi[0] : lo[0], k & 2 ? hi[1] : lo[1], k & 4 ? hi[2] : lo[2]).project(cam);
          expect(Math.abs(p.x), `${name} ${aspect}`).toBeLessThanOrEqual(1);
          expect(Math.abs(p.y), `${name} ${aspect}`).toBeLessThanOrEqual(1);
        }
      }
    }
  });
});

function viewport(b: ReturnType<typeof buildModelBuffers>, view: keyof typeof VIEWS, width = 800, height = 600) {
  const v = VIEWS[view];
  const cam = new THREE.PerspectiveCamera(35, width / height, 0.01, 1e4);
  const d = fitDistance(b.boxMin, b.boxMax, v, 35, width / height);
  cam.position.set(v.eye[0] * d, v.eye[1] * d, v.eye[2] * d);
  cam.lookAt(0, 0, 0);
  cam.updateMatrixWorld();
  const m = new THREE.Matrix4().multiplyMatrices(cam.projectionMatrix, cam.matrixWorldInverse);
  const screen = (x: number, y: number, z: number) => {
    const p = new THREE.Vector3(x, y, z).project(cam);
    return { x: ((p.x + 1) / 2) * width, y: ((1 - p.y) / 2) * height };
  };
  return { vp: { viewProj: m.elements, width, height }, screen };
}

describe("picking", () => {
  const b = buildModelBuffers(portal());
  const { vp, screen } = viewport(b, "front");
  const np = b.nodePositions;

  it("picks the node under the cursor, preferring nodes over frames", () => {
    const s = screen(np[6]!, np[7]!, np[8]!); // N3
    expect(pickAt(b, vp, s.x + 3, s.y - 2)).toEqual({ kind: "node", index: 2 });
  });

  it("picks a frame along its length, and nothing in empty space", () => {
    const a = screen(np[3]!, np[4]!, np[5]!), c = screen(np[6]!, np[7]!, np[8]!); // B1 from N2 to N3
    expect(pickAt(b, vp, (a.x + c.x) / 2, (a.y + c.y) / 2 + 3)).toEqual({ kind: "frame", index: 1 });
    expect(pickAt(b, vp, (a.x + c.x) / 2, (a.y + c.y) / 2 + 60)).toBeNull();
  });

  it("respects what is pickable", () => {
    const s = screen(np[6]!, np[7]!, np[8]!);
    expect(pickAt(b, vp, s.x, s.y, { nodes: false })?.kind).toBe("frame");
  });

  it("caps labels to the items nearest the centre of the view", () => {
    const big = buildModelBuffers(building({ nx: 6, ny: 6, ns: 6 }));
    const { vp: v2 } = viewport(big, "iso");
    const all = chooseLabels(big, v2, 1_000_000, { nodes: true, frames: true });
    expect(all.nodes.length).toBe(big.nodeCount);
    const capped = chooseLabels(big, v2, 50, { nodes: true, frames: true });
    expect(capped.nodes.length + capped.frames.length).toBe(50);
  });
});

describe("supports, colours, loads, grid, units", () => {
  it.each([
    ["FFFFFF", "fixed"],
    ["FFFRRR", "pinned"],
    ["RFFRRR", "roller"],
    ["RRFRRR", "roller"],
    ["RRRRRR", null],
  ] as const)("support %s is %s", (code, kind) => {
    expect(supportKind(code, "Z")).toBe(kind);
  });

  it("colours frames by section with a legend (most used first) and keeps the selection colour out of the palette", () => {
    const { colors, legend } = frameColors(portal(), "section");
    expect(legend).toEqual([
      { color: PALETTE[0], label: "HEA200", count: 2 },
      { color: PALETTE[1], label: "IPE300", count: 1 },
    ]);
    expect(Array.from(colors)).toEqual([PALETTE[0], PALETTE[1], PALETTE[0]]);
    expect(PALETTE).not.toContain(COLORS.selected);
    expect(frameColors(portal(), "none").legend).toEqual([]);
  });

  it("draws one arrow per nodal load and five per distributed load, ending at the loaded point", () => {
    const p = portal();
    const b = buildModelBuffers(p);
    const wind = loadArrows(p, b, 0);
    expect(wind.count).toBe(1);
    expect(close(wind.heads.slice(0, 3), b.nodePositions.slice(3, 6), 1e-6)).toBe(true); // tip at N2
    expect(close(wind.heads.slice(3, 6), [1, 0, 0], 1e-6)).toBe(true); // +X
    const dead = loadArrows(p, b, 1);
    expect(dead.count).toBe(5);
    expect(close(dead.heads.slice(3, 6), [0, -1, 0], 1e-6)).toBe(true); // model −Z is world −Y
  });

  it("turns local-axis loads into global directions", () => {
    const p = portal();
    p.loads = [{ caseIndex: 0, kind: "frame_point", target: 0, vector: [0, 1000, 0], position: 0.5, axes: "local" }]; // column C1: local y = +X
    const a = loadArrows(p, buildModelBuffers(p), 0);
    expect(close(a.heads.slice(3, 6), [1, 0, 0], 1e-6)).toBe(true);
  });

  it("chooses a 1-2-5 grid cell", () => {
    expect([0.7, 1, 1.5, 3, 7, 30].map(niceStep)).toEqual([1, 1, 2, 5, 10, 50]);
    expect(gridSpec(buildModelBuffers(portal())).cell).toBe(1);
  });

  it("formats values in display units", () => {
    expect(fmtLength(6, "mm")).toBe("6000 mm");
    expect(fmtLength(0.3048, "ft")).toBe("1 ft");
    expect(fmtPower(0.00538, 2, "mm")).toBe("5380 mm²");
    expect(toForceValue(-5000, "kN", "m")).toBe(-5);
    expect(fmt(1.23456e-7)).toBe("1.23e-7");
  });
});

describe("widget bridge", () => {
  it("reads the model id, revision and an http(s) viewer link from a tool result's structured content", () => {
    expect(extractToolData({ modelId: "m1", revision: 4, viewerUrl: "https://x.test/models/m1" })).toEqual({ modelId: "m1", revision: 4, viewerUrl: "https://x.test/models/m1" });
    expect(extractToolData({ modelId: "m1", revision: 0, viewerUrl: "javascript:alert(1)" })).toEqual({ modelId: "m1", revision: null, viewerUrl: null });
    expect(extractToolData(null)).toEqual({ modelId: null, revision: null, viewerUrl: null });
    expect(extractToolData([1, 2])).toEqual({ modelId: null, revision: null, viewerUrl: null });
  });

  it("accepts ChatGPT's callTool answer as the CallToolResult or wrapped in { result }", () => {
    const r = { structuredContent: { modelId: "m" }, content: [] };
    expect(normaliseCallToolResponse(r)).toBe(r);
    expect(normaliseCallToolResponse({ result: r })).toBe(r);
    expect(normaliseCallToolResponse({ result: JSON.stringify(r) })).toEqual(r);
    expect(normaliseCallToolResponse({ result: "not json" }).isError).toBe(true);
    expect(normaliseCallToolResponse(undefined).isError).toBe(true);
  });

  it("the synthetic payloads match lib/structural's ViewerPayloadSchema (tests draw what the app sends)", () => {
    expect(ViewerPayloadSchema.safeParse(portal()).success).toBe(true);
    expect(ViewerPayloadSchema.safeParse(building({ nx: 2, ny: 1, ns: 2 })).success).toBe(true);
  });
});
