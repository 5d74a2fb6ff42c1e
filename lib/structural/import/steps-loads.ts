/** Import steps for loads and combinations, and the closing steps (load-case count, detected format). */
import { MAX_NAME_LENGTH } from "../schema";
import type { IssuePath } from "../issues";
import type { ImportContext } from "./context";
import { resolveCaseName } from "./steps-cases";
import { readLoad } from "./load-row";
import { KEYS_COMBINATIONS, KEYS_COMBO_KIND, idOf, isIntegerId, isObj, pick, readNum, rowPath, rowsOf } from "./read";

const LOAD_SOURCES: readonly { key: string; kindHint?: "force" | "moment" | "distributed" }[] = [
  { key: "loads" }, { key: "nodal_loads" }, { key: "member_loads" }, { key: "point_loads", kindHint: "force" }, { key: "moments", kindHint: "moment" }, { key: "distributed_loads", kindHint: "distributed" },
];

export function readLoads(ctx: ImportContext): void {
  const { c, input, p, features, sourcePaths, stats } = ctx;
  // decided once, from the cases declared before any load refers to one
  ctx.autoCaseSeverity = ctx.casesDeclared.size > 0 ? "warning" : "info";
  input.loads = [];
  for (const src of LOAD_SOURCES) {
    const v = p[src.key];
    if (v === undefined || v === null) continue;
    const rows = rowsOf(v);
    if (!rows) {
      c.error("INVALID_INPUT", " must be an array of loads or an object keyed by id.", { path: [src.key] });
      continue;
    }
    if (src.key !== "loads") features.add(src.key);
    for (const r of rows) {
      const path = rowPath([src.key], r);
      if (!isObj(r.row)) {
        c.error("INVALID_INPUT", " must be an object like { case, node, fx } or { case, frame, w }.", { path });
        continue;
      }
      const l = readLoad(ctx, r.row, src.kindHint, path);
      if (l) {
        input.loads.push(l);
        sourcePaths.loads.push(path);
      }
    }
  }
  stats.loads = input.loads.length;
}

export function readCombinations(ctx: ImportContext): void {
  const { c, input, p, sourcePaths, stats } = ctx;
  const comboHit = pick(p, KEYS_COMBINATIONS);
  if (comboHit) {
    const rows = rowsOf(comboHit[1]);
    if (!rows) c.error("INVALID_INPUT", " must be an array or an object keyed by id.", { path: [comboHit[0]] });
    else {
      input.combinations = [];
      const names = new Set<string>();
      const META = new Set(["id", "name", "kind", "type", "category", "criteria", "factors", "description", "label"]);
      for (const r of rows) {
        const path = rowPath([comboHit[0]], r);
        const row = r.row;
        if (!isObj(row)) {
          c.error("INVALID_INPUT", ' must be { name, factors: { "Dead": 1.35 } }.', { path });
          continue;
        }
        const name = (idOf(row.name) ?? (r.key !== null && !isIntegerId(r.key) ? r.key : undefined) ?? idOf(row.id) ?? `C${r.index + 1}`).slice(0, MAX_NAME_LENGTH);
        if (names.has(name.toLowerCase())) {
          c.error("DUPLICATE_NAME", ` "${name}" is declared twice; combination names must be unique.`, { path });
          continue;
        }
        names.add(name.toLowerCase());
        const kindHit = pick(row, KEYS_COMBO_KIND);
        const kv = kindHit ? String(kindHit[1]).toLowerCase() : "";
        const kind = kv === "uls" || kv === "strength" || kv === "ultimate" ? "ULS" : kv === "sls" || kv === "service" || kv === "serviceability" ? "SLS" : "other";
        const entries: [unknown, unknown, IssuePath][] = [];
        if (isObj(row.factors)) for (const [k, f] of Object.entries(row.factors)) entries.push([k, f, [...path, "factors", k]]);
        else if (Array.isArray(row.factors)) {
          row.factors.forEach((f, k) => {
            if (isObj(f)) entries.push([f.case ?? f.load_case ?? f.caseId ?? f.name, f.factor ?? f.value, [...path, "factors", k]]);
          });
        } else for (const [k, f] of Object.entries(row)) if (!META.has(k)) entries.push([k, f, [...path, k]]);
        const factors: Record<string, number> = {};
        let bad = false;
        for (const [tok, f, fp] of entries) {
          const n = readNum(f);
          if (typeof n !== "number") {
            c.error(n === null ? "NON_FINITE_VALUE" : "INVALID_INPUT", " must be a finite number (the factor).", { path: fp });
            bad = true;
            continue;
          }
          const cn = resolveCaseName(ctx, tok, fp);
          if (cn === undefined) { bad = true; continue; }
          factors[cn] = (factors[cn] ?? 0) + n;
        }
        if (bad) continue;
        input.combinations.push({ name, kind, factors });
        sourcePaths.combinations.push(path);
      }
      stats.combinations = input.combinations.length;
    }
  }
}

export function countLoadCases(ctx: ImportContext): void {
  const { input, stats } = ctx;
  stats.loadCases = input.loadCases?.length ?? 0;
  if (input.loadCases?.length === 0) delete input.loadCases;
}

export function detectFormat(ctx: ImportContext): void {
  const { features } = ctx;
  if (features.has("spectral")) ctx.format = "spectral";
  else if (features.has("skyciv") || (features.has("members") && features.has("node_A/node_B") && features.has("nodes keyed by id"))) ctx.format = "skyciv";
  else if (features.size === 0 || [...features].every((f) => f.endsWith(" units"))) ctx.format = "canonical";
  else ctx.format = `lenient: ${[...features].join(", ")}`;
}
