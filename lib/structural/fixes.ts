/**
 * Safe repairs for validate_model's `fix: true`, planned as ONE patch (so they land as one
 * revision and can be undone together):
 *   1. coincident nodes (within tolerance) are merged into the first in model order: frames,
 *      supports and nodal loads are moved to the kept node; the others are removed;
 *   2. frames that became zero-length through the merge are removed with their loads;
 *   3. duplicate frames (same node pair in either direction, same section and material) are
 *      removed, keeping the first; their loads move to the kept frame.
 * Nothing that changes the structure's meaning beyond that is touched (no supports invented,
 * no sections guessed).
 */
import type { ModelPatch, StructuralModel } from "./schema";
import { emptyPatch } from "./schema";
import { PointGrid } from "./spatial";
import { info, type Issue } from "./issues";

export interface SafeFixPlan {
  patch: ModelPatch;
  fixed: Issue[];
  counts: { mergedNodes: number; removedZeroLength: number; removedDuplicates: number };
}

export function planSafeFixes(model: StructuralModel, opts: { tolerance?: number } = {}): SafeFixPlan {
  const tol = opts.tolerance ?? 1e-3;
  const patch = emptyPatch();
  const fixed: Issue[] = [];
  // 1. coincident nodes → representative: the first in model order (the oldest) is kept
  const sorted = model.nodes;
  const grid = new PointGrid(tol);
  const kept: string[] = [];
  const rep = new Map<string, string>();
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  for (const n of sorted) {
    const hit = grid.nearest(n.x, n.y, n.z, tol);
    const keep = hit >= 0 ? kept[hit] : undefined;
    if (keep) {
      rep.set(n.id, keep);
      patch.remove.nodes.push(n.id);
      fixed.push(info("NODE_MERGED", `Merged node ${n.label} into ${byId.get(keep)!.label} (they were within ${tol * 1000} mm).`, {
        elements: [{ kind: "node", id: n.id, label: n.label }, { kind: "node", id: keep, label: byId.get(keep)!.label }],
      }));
    } else {
      grid.add(n.x, n.y, n.z);
      kept.push(n.id);
    }
  }
  const to = (id: string) => rep.get(id) ?? id;
  const removedFrames = new Set<string>();
  const frameRep = new Map<string, string>();
  const seenPair = new Map<string, string>();
  let removedZeroLength = 0;
  let removedDuplicates = 0;
  for (const f of model.frames) {
    const i = to(f.i), j = to(f.j);
    if (i === j) {
      removedFrames.add(f.id);
      removedZeroLength++;
      fixed.push(info("ZERO_LENGTH_FRAME", `Removed frame ${f.label}: both its ends are now the same node.`, { elements: [{ kind: "frame", id: f.id, label: f.label }] }));
      continue;
    }
    const key = `${i < j ? i : j}|${i < j ? j : i}|${f.sectionId}|${f.materialId}`;
    const first = seenPair.get(key);
    if (first) {
      removedFrames.add(f.id);
      frameRep.set(f.id, first);
      removedDuplicates++;
      fixed.push(info("DUPLICATE_FRAME", `Removed frame ${f.label}: it duplicated another frame between the same nodes.`, { elements: [{ kind: "frame", id: f.id, label: f.label }] }));
      continue;
    }
    seenPair.set(key, f.id);
    if (i !== f.i || j !== f.j) patch.update.frames.push({ id: f.id, i, j });
  }
  patch.remove.frames.push(...removedFrames);
  // supports: move to the kept node unless it already has one
  const supported = new Set(model.supports.filter((s) => !rep.has(s.nodeId)).map((s) => s.nodeId));
  for (const s of model.supports) {
    if (!rep.has(s.nodeId)) continue;
    const target = rep.get(s.nodeId)!;
    if (supported.has(target)) patch.remove.supports.push(s.id);
    else {
      patch.update.supports.push({ id: s.id, nodeId: target });
      supported.add(target);
    }
  }
  // loads: follow their node or frame; loads on frames removed as zero-length go
  for (const l of model.loads) {
    if (l.kind === "nodal" && rep.has(l.nodeId)) patch.update.loads.push({ id: l.id, nodeId: rep.get(l.nodeId)! });
    else if (l.kind !== "nodal" && removedFrames.has(l.frameId)) {
      const moved = frameRep.get(l.frameId);
      if (moved) patch.update.loads.push({ id: l.id, frameId: moved });
      else patch.remove.loads.push(l.id);
    }
  }
  return { patch, fixed, counts: { mergedNodes: rep.size, removedZeroLength, removedDuplicates } };
}
