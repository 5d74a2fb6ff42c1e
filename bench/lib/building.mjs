// A synthetic steel building as an import_model payload (canonical format, metres): nx × ny bays,
// ns storeys; columns, beams both ways, fixed bases. 20×20×78 is the reference "100k frames"
// model (34,839 nodes + 99,918 frames, shared/reference/performance-anchors.md); 10×10×29 gives
// 9,889 frames (the "10k" one).

export const SIZES = {
  "10k": { nx: 10, ny: 10, ns: 29 },
  "100k": { nx: 20, ny: 20, ns: 78 },
};

/** @returns {{ payload: object, nodes: number, frames: number }} */
export function buildingPayload({ nx, ny, ns, bay = 6, storey = 3.5, name = `Building ${nx}x${ny}x${ns}` }) {
  const idx = (i, j, k) => k * (nx + 1) * (ny + 1) + j * (nx + 1) + i;
  const nodes = [];
  for (let k = 0; k <= ns; k++)
    for (let j = 0; j <= ny; j++)
      for (let i = 0; i <= nx; i++) nodes.push({ id: `N${idx(i, j, k) + 1}`, x: i * bay, y: j * bay, z: k * storey });
  const frames = [];
  const add = (a, b, section) => frames.push({ id: `F${frames.length + 1}`, start: `N${a + 1}`, end: `N${b + 1}`, section, material: "S355" });
  for (let k = 0; k < ns; k++) for (let j = 0; j <= ny; j++) for (let i = 0; i <= nx; i++) add(idx(i, j, k), idx(i, j, k + 1), "HEB300");
  for (let k = 1; k <= ns; k++) {
    for (let j = 0; j <= ny; j++) for (let i = 0; i < nx; i++) add(idx(i, j, k), idx(i + 1, j, k), "IPE400");
    for (let j = 0; j < ny; j++) for (let i = 0; i <= nx; i++) add(idx(i, j, k), idx(i, j + 1, k), "IPE360");
  }
  const supports = [];
  for (let j = 0; j <= ny; j++) for (let i = 0; i <= nx; i++) supports.push({ node: `N${idx(i, j, 0) + 1}`, code: "FFFFFF" });
  return {
    payload: { name, units: { length: "m", force: "kN" }, nodes, frames, supports },
    nodes: nodes.length,
    frames: frames.length,
  };
}
