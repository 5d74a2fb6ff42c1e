/**
 * One load row of the payload → a LoadInput (nodal, frame point or frame distributed), or undefined
 * after reporting why it was left out. Loads on rows that had their own error are left out silently.
 */
import type { IssuePath } from "../issues";
import type { LoadInput } from "../elements-input";
import type { ImportContext } from "./context";
import { resolveCaseName } from "./steps-cases";
import { KEYS_AXES, KEYS_CASE_REF, KEYS_DISTANCE, KEYS_DISTRIBUTED_HINT, KEYS_FRAME_REF, KEYS_LOAD_KIND, KEYS_NODE_REF, KEYS_POINT_AXES, KEYS_POSITION, idOf, nodeRefOf, pick, readNum, readPosition, readVec, type Obj } from "./read";

type KindHint = "force" | "moment" | "distributed" | undefined;
const DISTRIBUTED_KINDS = ["frame_distributed", "distributed", "udl", "dist", "line", "uniform", "trapezoidal", "member_distributed"];

/** What every load row starts with: its case, its target (node ref or frame label) and its kind. */
interface LoadHead {
  caseName: string;
  target: string;
  targetIsNode: boolean;
  isDist: boolean;
  kindStr: string;
}

export function readLoad(ctx: ImportContext, o: Obj, kindHint: KindHint, path: IssuePath): LoadInput | undefined {
  const head = loadHead(ctx, o, kindHint, path);
  if (!head) return undefined;
  if (head.isDist) return distributedLoad(ctx, o, path, head);
  return pointLoad(ctx, o, kindHint, path, head);
}

function loadHead(ctx: ImportContext, o: Obj, kindHint: KindHint, path: IssuePath): LoadHead | undefined {
  const { c, nodeIds, frameIds } = ctx;
  const caseHit = pick(o, KEYS_CASE_REF);
  const nodeHit = pick(o, KEYS_NODE_REF);
  const frameHit = pick(o, KEYS_FRAME_REF);
  const kindRaw = pick(o, KEYS_LOAD_KIND);
  const kindStr = kindRaw ? String(kindRaw[1]).toLowerCase().replace(/[\s-]+/g, "_") : "";
  const skycivNodal = kindStr === "n";
  const isDist = kindHint === "distributed" || DISTRIBUTED_KINDS.includes(kindStr) || (kindStr === "" && pick(o, KEYS_DISTRIBUTED_HINT) !== undefined);
  // target
  const targetIsNode = nodeHit !== undefined && (skycivNodal || frameHit === undefined);
  if (!targetIsNode && !frameHit) {
    c.error("INVALID_INPUT", " names no target; give node (nodal load) or frame (frame load).", { path });
    return undefined;
  }
  const caseNameV = resolveCaseName(ctx, caseHit?.[1], caseHit ? [...path, caseHit[0]] : path);
  let target: string | undefined;
  if (targetIsNode) {
    const t = idOf(nodeHit?.[1]);
    const st = t !== undefined ? nodeIds.get(t) : undefined;
    if (st === "bad") return undefined;
    if (st === undefined) {
      c.error("UNKNOWN_NODE", ` refers to node '${t}', which is not in nodes.`, { path: [...path, (nodeHit as [string, unknown])[0]] });
      return undefined;
    }
    target = nodeRefOf(t as string);
  } else {
    const t = idOf(frameHit?.[1]);
    const label = t !== undefined ? frameIds.get(t) : undefined;
    if (label === null) return undefined;
    if (label === undefined) {
      c.error("UNKNOWN_FRAME", ` refers to frame '${t}', which is not in frames.`, { path: [...path, (frameHit as [string, unknown])[0]] });
      return undefined;
    }
    target = label;
  }
  if (caseNameV === undefined) return undefined;
  return { caseName: caseNameV, target, targetIsNode, isDist, kindStr };
}

/** A vector from `keysVec` ([x, y, z] or {x, y, z}) or from three scalar keys, times k; null after an error, undefined when absent. */
function vec3(ctx: ImportContext, o: Obj, path: IssuePath, keysVec: readonly string[], keysXYZ: readonly [string, string, string], k: number): [number, number, number] | null | undefined {
  const { c } = ctx;
  const hv = pick(o, keysVec);
  if (hv) {
    const v = readVec(hv[1]);
    if (!v) {
      c.error("INVALID_INPUT", " must be a vector [x, y, z].", { path: [...path, hv[0]] });
      return null;
    }
    return Array.isArray(v) ? [v[0] * k, v[1] * k, v[2] * k] : [v.x * k, v.y * k, v.z * k];
  }
  let any = false;
  const out: [number, number, number] = [0, 0, 0];
  for (let d = 0; d < 3; d++) {
    const key = keysXYZ[d] as string;
    if (o[key] === undefined || o[key] === null) continue;
    const n = readNum(o[key]);
    if (typeof n !== "number") {
      c.error(n === null ? "NON_FINITE_VALUE" : "INVALID_INPUT", " must be a finite number.", { path: [...path, key] });
      return null;
    }
    out[d] = n * k;
    any = true;
  }
  return any ? out : undefined;
}

function distributedLoad(ctx: ImportContext, o: Obj, path: IssuePath, head: LoadHead): LoadInput | undefined {
  const { c, s } = ctx;
  const { targetIsNode, target } = head;
  const caseNameV = head.caseName;
  if (targetIsNode) {
    c.error("INVALID_INPUT", " is a distributed load on a node; give frame instead of node.", { path });
    return undefined;
  }
  let w1 = vec3(ctx, o, path, ["w1", "w", "wA", "w_start", "value"], ["x_mag_A", "y_mag_A", "z_mag_A"], s.distributed);
  if (w1 === undefined) w1 = vec3(ctx, o, path, ["w_uniform"], ["wx", "wy", "wz"], s.distributed);
  const w2 = vec3(ctx, o, path, ["w2", "wB", "w_end"], ["x_mag_B", "y_mag_B", "z_mag_B"], s.distributed);
  if (w1 === null || w2 === null) return undefined;
  if (w1 === undefined) {
    c.error("INVALID_INPUT", " has no intensity; give w: [wx, wy, wz] (force/length), or w1 and w2 for a trapezoidal load.", { path });
    return undefined;
  }
  const l: Extract<LoadInput, { kind: "frame_distributed" }> = { kind: "frame_distributed", case: caseNameV, frame: target, w1, w2: w2 ?? [...w1] };
  const pct = o.position_A !== undefined || o.position_B !== undefined;
  for (const [keys, end] of [[["start", "position_A", "from", "a"], "start"], [["end", "position_B", "to", "b"], "end"]] as const) {
    const hit = pick(o, keys);
    if (hit) {
      const pos = readPosition(hit[1], pct);
      if (!pos) {
        c.error("INVALID_LOAD_POSITION", ` is ${JSON.stringify(hit[1])}; use a fraction 0..1, "50%", or { abs: distance }.`, { path: [...path, hit[0]] });
        return undefined;
      }
      if (pos.distance !== undefined) l[end === "start" ? "startDistance" : "endDistance"] = pos.distance * s.length;
      else if (!((pos.fraction as number) >= 0 && (pos.fraction as number) <= 1)) {
        c.error("INVALID_LOAD_POSITION", ` is ${JSON.stringify(hit[1])}, outside the frame; use a fraction 0..1 or a percentage "0%".."100%".`, { path: [...path, hit[0]] });
        return undefined;
      } else l[end] = pos.fraction as number;
    }
  }
  const x1 = readNum(o.x1);
  const x2 = readNum(o.x2);
  if (typeof x1 === "number") l.startDistance = x1 * s.length;
  if (typeof x2 === "number") l.endDistance = x2 * s.length;
  const ax = pick(o, KEYS_AXES);
  if (ax && typeof ax[1] === "string") {
    const a = ax[1].toLowerCase();
    if (a.startsWith("local")) l.axes = "local";
    if (a.includes("projected")) l.projected = true;
  }
  if (o.projected === true || o.is_projected === true) l.projected = true;
  return l;
}

function pointLoad(ctx: ImportContext, o: Obj, kindHint: KindHint, path: IssuePath, head: LoadHead): LoadInput | undefined {
  const { c, s } = ctx;
  const { targetIsNode, target, kindStr } = head;
  const caseNameV = head.caseName;
  const moment = kindHint === "moment";
  const f = vec3(ctx, o, path, ["f", "force", "forces"], moment ? ["__none", "__none", "__none"] : ["fx", "fy", "fz"], s.force);
  const fMag = moment ? undefined : vec3(ctx, o, path, ["__none"], ["x_mag", "y_mag", "z_mag"], s.force);
  const m = vec3(ctx, o, path, ["m", "moment", "moments"], ["mx", "my", "mz"], s.moment);
  const mMag = moment ? vec3(ctx, o, path, ["__none"], ["x_mag", "y_mag", "z_mag"], s.moment) : undefined;
  if (f === null || m === null || fMag === null || mMag === null) return undefined;
  const F = f ?? fMag ?? [0, 0, 0];
  const M = m ?? mMag ?? [0, 0, 0];
  if (f === undefined && fMag === undefined && m === undefined && mMag === undefined) {
    c.error("INVALID_INPUT", " has no values; give fx, fy, fz (and/or mx, my, mz), or f: [fx, fy, fz].", { path });
    return undefined;
  }
  const values = { fx: F[0], fy: F[1], fz: F[2], mx: M[0], my: M[1], mz: M[2] };
  if (targetIsNode) return { kind: "nodal", case: caseNameV, node: target, ...values };
  const posHit = pick(o, KEYS_POSITION);
  const distHit = pick(o, KEYS_DISTANCE);
  const l: Extract<LoadInput, { kind: "frame_point" }> = { kind: "frame_point", case: caseNameV, frame: target, ...values };
  if (distHit) {
    const d = readNum(distHit[1]);
    if (typeof d !== "number" || d < 0) {
      c.error("INVALID_LOAD_POSITION", " must be a distance ≥ 0 from end i.", { path: [...path, distHit[0]] });
      return undefined;
    }
    l.distance = d * s.length;
  } else if (posHit) {
    const pos = readPosition(posHit[1], kindStr === "m" || (o.position !== undefined && kindHint !== undefined));
    if (!pos) {
      c.error("INVALID_LOAD_POSITION", ` is ${JSON.stringify(posHit[1])}; use a fraction 0..1, "50%", or { abs: distance }.`, { path: [...path, posHit[0]] });
      return undefined;
    }
    if (pos.distance !== undefined) l.distance = pos.distance * s.length;
    else if (!((pos.fraction as number) >= 0 && (pos.fraction as number) <= 1)) {
      c.error("INVALID_LOAD_POSITION", ` is ${JSON.stringify(posHit[1])}, outside the frame; positions are fractions 0..1 of the length (or "50%", or { abs: 2.5 }).`, { path: [...path, posHit[0]] });
      return undefined;
    } else l.position = pos.fraction as number;
  } else {
    c.error("INVALID_LOAD_POSITION", " is a point load on a frame without a position; give position (0..1), \"50%\" or { abs: distance }.", { path });
    return undefined;
  }
  const ax = pick(o, KEYS_POINT_AXES);
  if (ax && typeof ax[1] === "string" && ax[1].toLowerCase().startsWith("local")) l.axes = "local";
  return l;
}
