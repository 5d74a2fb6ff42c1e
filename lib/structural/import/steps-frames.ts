/**
 * Import step for frames: objects with two ends under any of END_PAIRS (or nodes: [a, b]), [a, b]
 * pairs, or maps keyed by id. Ends may be node ids, 1-based positions, or coordinates (a node is
 * then created and shared by every end at the same point).
 */
import { FRAME_ROLES, MAX_LABEL_LENGTH } from "../schema";
import type { IssuePath } from "../issues";
import type { ElementsInput } from "../elements-input";
import type { ImportContext } from "./context";
import { END_PAIRS, FRAME_KEYS, KEYS_FRAME_ID, KEYS_FRAME_MATERIAL, KEYS_FRAME_NODE_LIST, KEYS_LABEL, KEYS_ORIENTATION, KEYS_ROLE, KEYS_ROLL, KEYS_SECTION, idOf, isIntegerId, isObj, nodeRefOf, pick, readNum, readNumber, readReleases, readVec, rowPath, rowsOf, type Obj } from "./read";

type Row = { key: string | null; index: number; row: unknown };
type FrameInput = NonNullable<ElementsInput["frames"]>[number];
/** The two end values of a row and the fields they came from (`sub`: both in one list field). */
interface Ends {
  a: unknown;
  b: unknown;
  fa: string | number;
  fb: string | number;
  sub: boolean;
  o: Obj;
}

export function readFrames(ctx: ImportContext): void {
  const { c, input, p, features } = ctx;
  const frameHit = pick(p, FRAME_KEYS);
  input.frames = [];
  if (!frameHit) {
    c.error("INVALID_INPUT", " is missing: the payload has no frames. Give frames: [{ id, start, end, section }, …] (members, elements and beams are accepted too).", { path: ["frames"] });
    return;
  }
  if (frameHit[0] !== "frames") features.add(frameHit[0]);
  const rows = rowsOf(frameHit[1]);
  if (!rows) {
    c.error("INVALID_INPUT", " must be an array of frames or an object keyed by frame id.", { path: [frameHit[0]] });
    return;
  }
  if (!Array.isArray(frameHit[1])) features.add("frames keyed by id");
  const shift = oneBasedShift(ctx, rows, frameHit[0]);
  for (const r of rows) readFrameRow(ctx, frameHit[0], r, shift);
}

/** Counts once every frame step is done (frame ends given as coordinates add nodes). */
export function countNodesAndFrames(ctx: ImportContext): void {
  ctx.stats.nodes = ctx.input.nodes?.length ?? 0;
  ctx.stats.frames = ctx.input.frames?.length ?? 0;
}

/** 1-based index detection for [x, y, z] node arrays: refs run 1..n with no 0. */
function oneBasedShift(ctx: ImportContext, rows: Row[], key: string): number {
  const nodeCount = ctx.input.nodes?.length ?? 0;
  if (!ctx.arrayNodes || nodeCount === 0) return 0;
  let sawZero = false;
  let sawN = false;
  const n = String(nodeCount);
  for (const r of rows) {
    const ends = Array.isArray(r.row) ? r.row : isObj(r.row) ? END_PAIRS.map(([a, b]) => [(r.row as Obj)[a], (r.row as Obj)[b]]).find(([a, b]) => a !== undefined && b !== undefined) ?? (Array.isArray((r.row as Obj).nodes) ? ((r.row as Obj).nodes as unknown[]) : []) : [];
    for (const e of ends) {
      const t = idOf(e);
      if (t === "0") sawZero = true;
      if (t === n) sawN = true;
    }
  }
  if (!sawN || sawZero) return 0;
  ctx.c.info("INVALID_INPUT", ": node numbers run from 1 to the node count, so they were read as 1-based positions in the nodes array.", { path: [key] });
  return 1;
}

/** The node ref for one frame end: a string, null after an error reported here, undefined when the node's own error explains it. */
function endRef(ctx: ImportContext, v: unknown, rowP: IssuePath, field: string | number, sub: number | undefined, shift: number): string | null | undefined {
  const { c, input, s, features, coordNodes, nodeIds, sourcePaths } = ctx;
  const mk = (): IssuePath => (sub === undefined ? [...rowP, field] : [...rowP, field, sub]);
  // coordinates instead of a node id: create (and de-duplicate) a node
  if (Array.isArray(v)) {
    const vals = v.map(readNum);
    if (vals.length !== 3 || vals.some((x) => typeof x !== "number")) {
      c.error("INVALID_INPUT", " must be a node id or coordinates [x, y, z].", { path: mk() });
      return null;
    }
    features.add("frame ends as coordinates");
    const xyz = (vals as number[]).map((x) => x * s.length);
    const key = xyz.map((x) => Math.round(x * 1e6)).join(",");
    let ref = coordNodes.get(key);
    if (!ref) {
      ref = `@${key}`;
      coordNodes.set(key, ref);
      (input.nodes ??= []).push({ ref, x: xyz[0] as number, y: xyz[1] as number, z: xyz[2] as number });
      sourcePaths.nodes.push(mk());
    }
    return ref;
  }
  let t = idOf(v);
  if (t === undefined) {
    c.error("INVALID_INPUT", ` must be a node id, got ${JSON.stringify(v)}.`, { path: mk() });
    return null;
  }
  if (shift && isIntegerId(t)) t = String(Number(t) - shift);
  const state = nodeIds.get(t);
  if (state === "ok") return nodeRefOf(t);
  if (state === "bad") return undefined; // the node's own error explains it
  c.error("UNKNOWN_NODE", ` refers to node '${idOf(v)}', which is not in nodes.`, { path: mk(), hint: nodeIds.size > 0 ? `Node ids include: ${[...nodeIds.keys()].slice(0, 8).join(", ")}${nodeIds.size > 8 ? ", …" : ""}.` : undefined });
  return null;
}

/** Where a row keeps its two ends; null (reported) when it has none. */
function frameEnds(ctx: ImportContext, row: unknown, path: IssuePath): Ends | null {
  const { c, features } = ctx;
  if (Array.isArray(row)) {
    if (row.length !== 2) {
      c.error("INVALID_INPUT", " must be [startNode, endNode] or an object with start and end.", { path });
      return null;
    }
    features.add("frames as [a, b] pairs");
    return { a: row[0], b: row[1], fa: 0, fb: 1, sub: false, o: {} };
  }
  if (!isObj(row)) {
    c.error("INVALID_INPUT", " must be an object with start and end, or a [start, end] pair.", { path });
    return null;
  }
  const o = row;
  const pair = END_PAIRS.find((pr) => o[pr[0]] !== undefined && o[pr[1]] !== undefined);
  if (pair) {
    if (pair[0] !== "start" && pair[0] !== "i") features.add(`${pair[0]}/${pair[1]}`);
    return { a: o[pair[0]], b: o[pair[1]], fa: pair[0], fb: pair[1], sub: false, o };
  }
  const list = pick(o, KEYS_FRAME_NODE_LIST);
  if (list && Array.isArray(list[1]) && list[1].length === 2) {
    features.add(`${list[0]}: [a, b]`);
    const [a, b] = list[1] as unknown[];
    return { a, b, fa: list[0], fb: list[0], sub: true, o };
  }
  c.error("INVALID_INPUT", " has no end nodes; give start and end (or i/j, node_A/node_B, nodes: [a, b]).", { path });
  return null;
}

function readFrameRow(ctx: ImportContext, key: string, r: Row, shift: number): void {
  const { c, input, frameIds, sourcePaths } = ctx;
  const path = rowPath([key], r);
  const ends = frameEnds(ctx, r.row, path);
  if (!ends) return;
  const { o } = ends;
  const ra = endRef(ctx, ends.a, path, ends.fa, ends.sub ? 0 : undefined, shift);
  const rb = endRef(ctx, ends.b, path, ends.fb, ends.sub ? 1 : undefined, shift);
  const idHit = pick(o, KEYS_FRAME_ID);
  const id = idHit ? idOf(idHit[1]) : (r.key ?? undefined);
  const numericId = idHit ? typeof idHit[1] === "number" : r.key !== null && isIntegerId(r.key);
  if (id !== undefined && frameIds.has(id)) {
    c.error("DUPLICATE_LABEL", ` has id "${id}", which another frame already uses. Frame ids must be unique.`, { path });
    return;
  }
  const refuse = (): void => {
    if (id !== undefined) frameIds.set(id, null);
  };
  if (ra === undefined || rb === undefined || ra === null || rb === null) return refuse();
  const lab = pick(o, KEYS_LABEL);
  const label = (lab ? idOf(lab[1]) : undefined) ?? (id !== undefined ? (numericId ? `F${id}` : id) : undefined);
  if (label !== undefined && label.length > MAX_LABEL_LENGTH) {
    c.error("INVALID_INPUT", ` id/label "${label.slice(0, 20)}…" is longer than ${MAX_LABEL_LENGTH} characters.`, { path });
    return refuse();
  }
  const f: FrameInput = { i: ra, j: rb };
  if (label !== undefined) f.label = label;
  if (!readFrameProperties(ctx, o, f, path)) return refuse();
  if (id !== undefined) frameIds.set(id, label as string);
  (input.frames ??= []).push(f);
  sourcePaths.frames.push(path);
}

/** Section, material, roll, orientation, releases and role of a frame row; false when the row must be left out. */
function readFrameProperties(ctx: ImportContext, o: Obj, f: FrameInput, path: IssuePath): boolean {
  const { c, input, sectionName, sectionMaterial, materialName } = ctx;
  const sec = pick(o, KEYS_SECTION);
  let secName: string | undefined;
  if (sec) {
    const t = idOf(sec[1]);
    secName = t === undefined ? undefined : (sectionName.get(t) ?? t);
    if (secName !== undefined && typeof sec[1] === "number" && !sectionName.has(t as string)) {
      c.error("UNKNOWN_SECTION", ` refers to section ${t}, which is not in sections.`, { path: [...path, sec[0]] });
      return false;
    }
    if (secName !== undefined) f.section = secName;
  }
  const mat = pick(o, KEYS_FRAME_MATERIAL);
  if (mat) {
    const t = idOf(mat[1]);
    if (t !== undefined) {
      if (typeof mat[1] === "number" && !materialName.has(t)) {
        c.error("UNKNOWN_MATERIAL", ` refers to material ${t}, which is not in materials.`, { path: [...path, mat[0]] });
        return false;
      }
      f.material = materialName.get(t) ?? t;
    }
  } else if (secName !== undefined && sectionMaterial.has(secName)) {
    f.material = sectionMaterial.get(secName) as string;
  }
  const roll = readNumber(c, o, KEYS_ROLL, path, "roll", false);
  if (roll !== undefined) f.roll = roll;
  const ori = pick(o, KEYS_ORIENTATION);
  if (ori) {
    const v = readVec(ori[1]);
    if (!v) c.error("INVALID_INPUT", " must be a vector [x, y, z].", { path: [...path, ori[0]] });
    else f.orientation = v;
  }
  if (!readReleases(o, f, input.verticalAxis, c, path)) return false;
  const roleHit = pick(o, KEYS_ROLE);
  if (roleHit && typeof roleHit[1] === "string") {
    const rv = roleHit[1].toLowerCase();
    if ((FRAME_ROLES as readonly string[]).includes(rv)) f.role = rv as (typeof FRAME_ROLES)[number];
    else if (rv === "girder" || rv === "joist" || rv === "rafter") f.role = "beam";
    else if (rv === "post" || rv === "strut") f.role = rv === "post" ? "column" : "brace";
  }
  return true;
}
