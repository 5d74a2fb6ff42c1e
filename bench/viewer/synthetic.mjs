// Synthetic viewer payloads (ViewerPayload shape) for the viewer benchmark and the viewer tests:
// an orthogonal building (columns + beams both ways, fixed bases, sections by role, one gravity
// load case) sized to a target frame count, and a small portal frame with known geometry.

const I = (h, b, tw, tf) => ({ type: "I", h, b, tw, tf });

/** nx × ny bays, ns storeys: (nx+1)(ny+1)(ns+1) nodes, columns + x beams + y beams. */
export function building({ nx, ny, ns, bay = 6, storey = 3.5, name = "Synthetic building" }) {
  const labels = [], ids = [], positions = [];
  const idx = (i, j, k) => k * (nx + 1) * (ny + 1) + j * (nx + 1) + i;
  for (let k = 0; k <= ns; k++)
    for (let j = 0; j <= ny; j++)
      for (let i = 0; i <= nx; i++) {
        const n = labels.length;
        labels.push(`N${n + 1}`);
        ids.push(`n${n + 1}`);
        positions.push(i * bay, j * bay, k * storey);
      }
  const f = { labels: [], ids: [], pairs: [], section: [], material: [], roll: [], releases: [] };
  const add = (a, b, sec) => {
    const n = f.labels.length;
    f.labels.push(`F${n + 1}`);
    f.ids.push(`f${n + 1}`);
    f.pairs.push(a, b);
    f.section.push(sec);
    f.material.push(0);
    f.roll.push(0);
    f.releases.push(sec === 2 && n % 7 === 0 ? "FFFFFF/FFFFRR" : "");
  };
  for (let k = 0; k < ns; k++)
    for (let j = 0; j <= ny; j++) for (let i = 0; i <= nx; i++) add(idx(i, j, k), idx(i, j, k + 1), 0);
  for (let k = 1; k <= ns; k++) {
    for (let j = 0; j <= ny; j++) for (let i = 0; i < nx; i++) add(idx(i, j, k), idx(i + 1, j, k), 1);
    for (let j = 0; j < ny; j++) for (let i = 0; i <= nx; i++) add(idx(i, j, k), idx(i, j + 1, k), 2);
  }
  const supports = { node: [], code: [] };
  for (let j = 0; j <= ny; j++) for (let i = 0; i <= nx; i++) { supports.node.push(idx(i, j, 0)); supports.code.push("FFFFFF"); }
  const loads = [];
  for (let j = 0; j <= ny; j++) for (let i = 0; i <= nx; i++) loads.push({ caseIndex: 0, kind: "nodal", target: idx(i, j, ns), vector: [0, 0, -10e3] });
  return {
    modelId: `bench-${nx}x${ny}x${ns}`,
    name,
    revision: 1,
    verticalAxis: "Z",
    units: { length: "m", force: "kN" },
    bounds: { min: [0, 0, 0], max: [nx * bay, ny * bay, ns * storey] },
    nodes: { labels, ids, positions },
    frames: f,
    supports,
    sections: [
      { id: "s1", name: "HEB300", shape: I(0.3, 0.3, 0.011, 0.019), A: 0.0149, Iy: 8.563e-5, Iz: 2.517e-4, J: 1.85e-6 },
      { id: "s2", name: "IPE400", shape: I(0.4, 0.18, 0.0086, 0.0135), A: 0.00845, Iy: 1.318e-5, Iz: 2.313e-4, J: 5.1e-7 },
      { id: "s3", name: "IPE300", shape: I(0.3, 0.15, 0.0071, 0.0107), A: 0.00538, Iy: 6.04e-6, Iz: 8.356e-5, J: 2.0e-7 },
    ],
    materials: [{ id: "m1", name: "S355", E: 210e9, density: 7850 }],
    loadCases: [{ id: "lc1", name: "Roof live" }],
    loads,
  };
}

/** A building with about `frames` frames (square plan, as many storeys as needed). */
export function buildingOfSize(frames) {
  const n = frames <= 1500 ? 4 : frames <= 15000 ? 9 : 19;
  const perStorey = (n + 1) * (n + 1) + 2 * n * (n + 1);
  const ns = Math.max(1, Math.round(frames / perStorey));
  return building({ nx: n, ny: n, ns, name: `Synthetic building ${n}×${n}×${ns}` });
}

/**
 * A single-bay portal frame in the XZ plane (Z up): columns at x = 0 and x = 6 m, 4 m high,
 * a beam across the top; fixed bases; a 10 kN sideways load at the left knee and a UDL on the beam.
 */
export function portalFrame({ revision = 1, span = 6, height = 4, name = "Portal frame" } = {}) {
  return {
    modelId: "portal",
    name,
    revision,
    verticalAxis: "Z",
    units: { length: "mm", force: "kN" },
    bounds: { min: [0, 0, 0], max: [span, 0, height] },
    nodes: { labels: ["N1", "N2", "N3", "N4"], ids: ["n1", "n2", "n3", "n4"], positions: [0, 0, 0, 0, 0, height, span, 0, height, span, 0, 0] },
    frames: {
      labels: ["C1", "B1", "C2"],
      ids: ["f1", "f2", "f3"],
      pairs: [0, 1, 1, 2, 3, 2],
      section: [0, 1, 0],
      material: [0, 0, 0],
      roll: [0, 0, 0],
      releases: ["", "FFFFFR/FFFFFR", ""],
    },
    supports: { node: [0, 3], code: ["FFFFFF", "FFFRRR"] },
    sections: [
      { id: "s1", name: "HEA200", shape: I(0.19, 0.2, 0.0065, 0.01), A: 0.00538, Iy: 1.336e-5, Iz: 3.692e-5, J: 2.1e-7 },
      { id: "s2", name: "IPE300", shape: I(0.3, 0.15, 0.0071, 0.0107), A: 0.00538, Iy: 6.04e-6, Iz: 8.356e-5, J: 2.0e-7 },
    ],
    materials: [{ id: "m1", name: "S275", E: 210e9, density: 7850 }],
    loadCases: [{ id: "lc1", name: "Wind" }, { id: "lc2", name: "Dead" }],
    loads: [
      { caseIndex: 0, kind: "nodal", target: 1, vector: [10e3, 0, 0] },
      { caseIndex: 1, kind: "frame_distributed", target: 1, vector: [0, 0, -5e3] },
    ],
  };
}
