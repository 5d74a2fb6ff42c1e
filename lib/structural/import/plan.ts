/**
 * planImport(payload, opts): normalizeImport + planAddElements on an empty model, with planner
 * issue paths mapped back into the payload: everything import_model needs in one call.
 */
import type { EntityKind, ModelMeta, StructuralModel } from "../schema";
import { emptyModel } from "../schema";
import type { Issue, IssuePath } from "../issues";
import { formatPath, hasErrors } from "../issues";
import type { PlanAddOptions, PlanResult } from "../elements";
import { planAddElements } from "../elements";
import { emptyStats, type ImportStats, type NormalizeOptions } from "./context";
import { normalizeImport } from "./normalize";

export interface PlanImportResult extends Omit<PlanResult, "ok"> {
  ok: boolean;
  meta: Pick<ModelMeta, "name" | "description" | "displayUnits" | "verticalAxis">;
  stats: ImportStats;
  detectedFormat: string;
}

/** Map a planner issue path ["frames", 12, "j"] back to the payload (["members", "12", "node_B"]≈). */
function remap(issue: Issue, sourcePaths: Record<EntityKind, IssuePath[]>): Issue {
  const path = issue.path;
  if (!path || path.length < 2) return issue;
  const [kind, k, ...rest] = path;
  const src = typeof k === "number" ? sourcePaths[kind as EntityKind]?.[k] : undefined;
  if (!src) return issue;
  const inputWhere = formatPath([kind as string, k as number]);
  const srcWhere = formatPath(src);
  return { ...issue, path: [...src, ...rest], message: issue.message.split(inputWhere).join(srcWhere) };
}

/**
 * Normalise a payload and plan it into an empty model: everything import_model needs in one call.
 * `ok` is false when either step found an error; `issues` has both steps' issues with payload paths.
 */
export function planImport(payload: unknown, opts: PlanAddOptions & NormalizeOptions): PlanImportResult {
  const norm = normalizeImport(payload, opts);
  const { name, description, displayUnits, verticalAxis, ...elements } = norm.input;
  const meta = { name, description, displayUnits, verticalAxis };
  const blank: StructuralModel = emptyModel({ id: "import", ownerId: "import", revision: 0, ...meta });
  const plan = planAddElements(blank, elements, opts);
  const issues = [...norm.issues, ...plan.issues.map((i) => remap(i, norm.sourcePaths))];
  const stats = emptyStats();
  for (const k of Object.keys(stats) as EntityKind[]) stats[k] = plan.patch.add[k].length;
  return { ok: !hasErrors(issues), patch: plan.patch, refs: plan.refs, issues, meta, stats, detectedFormat: norm.detectedFormat };
}
