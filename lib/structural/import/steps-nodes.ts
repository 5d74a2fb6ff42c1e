/** Import step for nodes: objects { id, x, y, z }, [x, y, z] arrays (id = index) or maps keyed by id. */
import { MAX_LABEL_LENGTH } from "../schema";
import type { ImportContext } from "./context";
import { KEYS_COORD_ARRAY, KEYS_LABEL, KEYS_NODE_ID, KEYS_X, KEYS_Y, KEYS_Z, NODE_KEYS, idOf, isIntegerId, isObj, nodeRefOf, pick, readNum, readNumber, rowPath, rowsOf, type Obj } from "./read";

type Row = { key: string | null; index: number; row: unknown };
type Coords = [number | undefined, number | undefined, number | undefined];
/** What a row says before the checks common to both forms; null when the row was refused. */
interface NodeHead {
  id: string;
  numericId: boolean;
  label: string | undefined;
  xyz: Coords;
}

export function readNodes(ctx: ImportContext): void {
  const { c, input, p, features } = ctx;
  const nodeHit = pick(p, NODE_KEYS);
  input.nodes = [];
  if (!nodeHit) {
    c.error("INVALID_INPUT", " is missing: the payload has no nodes. Give nodes: [{ id, x, y, z }, …].", { path: ["nodes"] });
    return;
  }
  const rows = rowsOf(nodeHit[1]);
  if (!rows) {
    c.error("INVALID_INPUT", " must be an array of nodes or an object keyed by node id.", { path: [nodeHit[0]] });
    return;
  }
  if (!Array.isArray(nodeHit[1])) features.add("nodes keyed by id");
  if (nodeHit[0] !== "nodes") features.add(nodeHit[0]);
  const missingZ = { count: 0 };
  for (const r of rows) readNodeRow(ctx, nodeHit[0], r, missingZ);
  if (ctx.arrayNodes) features.add("nodes as [x, y, z] arrays");
  if (missingZ.count > 0) c.info("INVALID_INPUT", `: ${missingZ.count} node(s) have no z coordinate; z = 0 was used.`, { path: [nodeHit[0]] });
}

function readNodeRow(ctx: ImportContext, key: string, r: Row, missingZ: { count: number }): void {
  const { c, input, s, nodeIds, sourcePaths } = ctx;
  const path = rowPath([key], r);
  const row = r.row;
  let head: NodeHead | null;
  if (Array.isArray(row)) head = arrayNodeHead(ctx, r, row, path, missingZ);
  else if (isObj(row)) head = objectNodeHead(ctx, r, row, path, missingZ);
  else {
    c.error("INVALID_INPUT", " must be { id, x, y, z } or [x, y, z].", { path });
    return;
  }
  if (!head) return;
  const { id, numericId, xyz } = head;
  if (nodeIds.has(id)) {
    c.error("DUPLICATE_NODE", ` has id "${id}", which another node already uses. Node ids must be unique.`, { path });
    return;
  }
  if (xyz.some((v) => v === undefined)) {
    nodeIds.set(id, "bad");
    return;
  }
  const label = head.label ?? (numericId ? `N${id}` : id);
  if (label.length > MAX_LABEL_LENGTH) {
    c.error("INVALID_INPUT", ` id/label "${label.slice(0, 20)}…" is longer than ${MAX_LABEL_LENGTH} characters.`, { path });
    nodeIds.set(id, "bad");
    return;
  }
  nodeIds.set(id, "ok");
  (input.nodes ??= []).push({ ref: nodeRefOf(id), label, x: (xyz[0] as number) * s.length, y: (xyz[1] as number) * s.length, z: (xyz[2] as number) * s.length });
  sourcePaths.nodes.push(path);
}

/** [x, y, z] (or [x, y]): the id is the map key or the position. */
function arrayNodeHead(ctx: ImportContext, r: Row, row: unknown[], path: (string | number)[], missingZ: { count: number }): NodeHead | null {
  const { c, nodeIds } = ctx;
  ctx.arrayNodes = true;
  const id = r.key ?? String(r.index);
  const numericId = r.key === null || isIntegerId(r.key);
  const label = r.key === null ? `N${r.index + 1}` : undefined;
  const vals = row.map(readNum);
  if (vals.length < 2 || vals.length > 3) {
    c.error("INVALID_INPUT", ` must be [x, y, z], got ${row.length} values.`, { path });
    nodeIds.set(id, "bad");
    return null;
  }
  if (vals.some((v) => v === null)) {
    c.error("NON_FINITE_COORDINATE", " has a non-finite coordinate; coordinates must be finite numbers.", { path });
    nodeIds.set(id, "bad");
    return null;
  }
  if (vals.some((v) => v === undefined)) {
    c.error("INVALID_INPUT", " must contain numbers only.", { path });
    nodeIds.set(id, "bad");
    return null;
  }
  if (vals.length === 2) missingZ.count++;
  return { id, numericId, label, xyz: [vals[0] as number, vals[1] as number, (vals[2] ?? 0) as number] };
}

/** { id, x, y, z } or { id, at: [x, y, z] }; objects without ids are addressed by position. */
function objectNodeHead(ctx: ImportContext, r: Row, row: Obj, path: (string | number)[], missingZ: { count: number }): NodeHead | null {
  const { c, nodeIds } = ctx;
  const idHit = pick(row, KEYS_NODE_ID);
  let id = idHit ? idOf(idHit[1]) : (r.key ?? undefined);
  let numericId = idHit ? typeof idHit[1] === "number" : r.key !== null ? isIntegerId(r.key) : false;
  let label: string | undefined;
  if (id === undefined) {
    if (idHit) {
      c.error("INVALID_INPUT", " must be a string or a number.", { path: [...path, idHit[0]] });
      return null;
    }
    // objects without ids are addressed by position, like [x, y, z] rows
    id = String(r.index);
    numericId = true;
    label = `N${r.index + 1}`;
    ctx.arrayNodes = true;
  }
  const lab = pick(row, KEYS_LABEL);
  if (lab) label = idOf(lab[1]);
  const arr = pick(row, KEYS_COORD_ARRAY);
  if (arr && Array.isArray(arr[1])) {
    const vals = (arr[1] as unknown[]).map(readNum);
    if (vals.length !== 3 || vals.some((v) => typeof v !== "number")) {
      c.error(vals.some((v) => v === null) ? "NON_FINITE_COORDINATE" : "INVALID_INPUT", " must be [x, y, z] with finite numbers.", { path: [...path, arr[0]] });
      nodeIds.set(id, "bad");
      return null;
    }
    return { id, numericId, label, xyz: [vals[0] as number, vals[1] as number, vals[2] as number] };
  }
  const x = readNumber(c, row, KEYS_X, path, "x", true);
  const y = readNumber(c, row, KEYS_Y, path, "y", true);
  const zHit = pick(row, KEYS_Z);
  const zz = zHit ? readNumber(c, row, KEYS_Z, path, "z", true) : 0;
  if (!zHit) missingZ.count++;
  return { id, numericId, label, xyz: [x, y, zz] };
}
