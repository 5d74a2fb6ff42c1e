/** Import steps for supports and load cases (declared cases, then SkyCiv self_weight groups). */
import { LOAD_CASE_TYPES, MAX_NAME_LENGTH } from "../schema";
import type { IssuePath } from "../issues";
import type { ElementsInput } from "../elements-input";
import { guessLoadCaseType } from "../elements";
import type { ImportContext } from "./context";
import { KEYS_CASE_TYPE, KEYS_CODE, KEYS_LOAD_CASES, KEYS_NODE_REF, KEYS_SELF_WEIGHT, KEYS_SELF_WEIGHT_FACTOR, KEYS_SUPPORTS, idOf, isIntegerId, isObj, nodeRefOf, parseDof, pick, readNum, rowPath, rowsOf } from "./read";

type LoadCaseInput = NonNullable<ElementsInput["loadCases"]>[number];

export function readSupports(ctx: ImportContext): void {
  const { c, input, p, sourcePaths, stats, nodeIds } = ctx;
  const supHit = pick(p, KEYS_SUPPORTS);
  if (supHit) {
    const rows = rowsOf(supHit[1]);
    if (!rows) c.error("INVALID_INPUT", " must be an array or an object keyed by node.", { path: [supHit[0]] });
    else {
      input.supports = [];
      for (const r of rows) {
        const path = rowPath([supHit[0]], r);
        const row = r.row;
        let nodeTok: string | undefined;
        let spec: unknown;
        let specPath: IssuePath = path;
        if (isObj(row)) {
          const n = pick(row, KEYS_NODE_REF);
          nodeTok = n ? idOf(n[1]) : (r.key ?? undefined);
          if (!n && r.key === null) nodeTok = idOf(row.id);
          const codeHit = pick(row, KEYS_CODE);
          spec = codeHit ? codeHit[1] : row;
          if (codeHit) specPath = [...path, codeHit[0]];
        } else {
          nodeTok = r.key ?? undefined;
          spec = row;
        }
        if (nodeTok === undefined) {
          c.error("INVALID_INPUT", " does not say which node it supports; give node.", { path });
          continue;
        }
        const state = nodeIds.get(nodeTok);
        if (state === undefined) {
          c.error("UNKNOWN_NODE", ` refers to node '${nodeTok}', which is not in nodes.`, { path });
          continue;
        }
        const code = parseDof(spec, "support", input.verticalAxis, c, specPath);
        if (code === undefined || state === "bad") continue;
        input.supports.push({ node: nodeRefOf(nodeTok), code });
        sourcePaths.supports.push(path);
      }
      stats.supports = input.supports.length;
    }
  }
}

/** Add a load case to the input under `name` (declared, from self_weight, or created for a reference). */
export function addCase(ctx: ImportContext, name: string, extra: Partial<LoadCaseInput>, path: IssuePath): void {
  (ctx.input.loadCases ??= []).push({ name, ...extra });
  ctx.sourcePaths.loadCases.push(path);
  ctx.casesDeclared.add(name.toLowerCase());
  ctx.caseName.set(name, name);
}

export function readLoadCases(ctx: ImportContext): void {
  const { c, input, p, casesDeclared, caseName } = ctx;
  input.loadCases = [];
  const caseHit = pick(p, KEYS_LOAD_CASES);
  if (caseHit) {
    const rows = rowsOf(caseHit[1]);
    if (!rows) c.error("INVALID_INPUT", " must be an array or an object keyed by id.", { path: [caseHit[0]] });
    else {
      for (const r of rows) {
        const path = rowPath([caseHit[0]], r);
        const row = r.row;
        if (typeof row === "string" || typeof row === "number") {
          const name = String(row);
          if (casesDeclared.has(name.toLowerCase())) { c.error("DUPLICATE_NAME", ` "${name}" is declared twice.`, { path }); continue; }
          addCase(ctx, name.slice(0, MAX_NAME_LENGTH), {}, path);
          if (r.key !== null) caseName.set(r.key, name);
          continue;
        }
        if (!isObj(row)) {
          c.error("INVALID_INPUT", " must be an object { name, type, self_weight } or a name.", { path });
          continue;
        }
        const id = idOf(row.id) ?? r.key ?? undefined;
        const name = (idOf(row.name) ?? (r.key !== null && !isIntegerId(r.key) ? r.key : undefined) ?? (id !== undefined && !isIntegerId(id) ? id : `LC${id ?? r.index + 1}`)).slice(0, MAX_NAME_LENGTH);
        if (casesDeclared.has(name.toLowerCase())) {
          c.error("DUPLICATE_NAME", ` "${name}" is declared twice; load case names must be unique.`, { path });
          continue;
        }
        const extra: Partial<NonNullable<ElementsInput["loadCases"]>[number]> = {};
        const t = pick(row, KEYS_CASE_TYPE);
        if (t && typeof t[1] === "string") {
          const tv = t[1].toLowerCase();
          extra.type = (LOAD_CASE_TYPES as readonly string[]).includes(tv) ? (tv as (typeof LOAD_CASE_TYPES)[number]) : guessLoadCaseType(tv);
        }
        const sw = pick(row, KEYS_SELF_WEIGHT_FACTOR);
        if (sw) {
          const v = sw[1];
          if (typeof v === "boolean") extra.selfWeightFactor = v ? 1 : null;
          else if (typeof v === "number" && Number.isFinite(v)) extra.selfWeightFactor = v;
          else if (isObj(v)) {
            const f = readNum(v.factor);
            extra.selfWeightFactor = v.enabled === false ? null : typeof f === "number" ? f : 1;
          } else c.error("INVALID_INPUT", " must be true/false or a factor.", { path: [...path, sw[0]] });
        }
        addCase(ctx, name, extra, path);
        if (id !== undefined) caseName.set(id, name);
      }
    }
  }
}

/** SkyCiv self_weight: { "1": { enabled, x, y, z, load_group } } sets (or creates) the case's self-weight factor. */
export function readSelfWeight(ctx: ImportContext): void {
  const { input, p, features, caseName } = ctx;
  const swHit = pick(p, KEYS_SELF_WEIGHT);
  if (swHit && (isObj(swHit[1]) || Array.isArray(swHit[1]))) {
    for (const r of rowsOf(swHit[1]) ?? []) {
      const row = r.row;
      if (!isObj(row) || row.enabled === false) continue;
      const group = idOf(row.load_group ?? row.case ?? row.load_case) ?? "SW";
      const comp = readNum(input.verticalAxis === "Y" ? row.y : row.z);
      const factor = typeof comp === "number" ? -comp : 1;
      const existingCase = (input.loadCases as NonNullable<ElementsInput["loadCases"]>).find((x) => x.name.toLowerCase() === (caseName.get(group) ?? group).toLowerCase());
      if (existingCase) existingCase.selfWeightFactor = factor;
      else addCase(ctx, group, { type: "dead", selfWeightFactor: factor }, rowPath([swHit[0]], r));
      features.add("skyciv");
    }
  }
}

/**
 * The case a load or combination factor refers to; an undeclared case is created (a warning when
 * the payload declares cases, since it is then a likely typo; info otherwise, e.g. SkyCiv load groups).
 */
export function resolveCaseName(ctx: ImportContext, v: unknown, path: IssuePath): string | undefined {
  const { c, input, caseName } = ctx;
  let t = idOf(v);
  if (t === undefined) {
    const list = input.loadCases ?? [];
    if (list.length === 1) return (list[0] as { name: string }).name;
    if (list.length === 0) {
      t = "Default";
    } else {
      c.error("INVALID_INPUT", ` does not say which load case it belongs to; give case (one of ${list.slice(0, 6).map((x) => `"${x.name}"`).join(", ")}).`, { path });
      return undefined;
    }
  }
  const known = caseName.get(t) ?? [...caseName.values()].find((n) => n.toLowerCase() === (t as string).toLowerCase());
  if (known) return known;
  const name = (isIntegerId(t) ? `LC${t}` : t).slice(0, MAX_NAME_LENGTH);
  addCase(ctx, name, {}, path);
  caseName.set(t, name);
  const msg = ` refers to load case "${t}", which was not declared; case "${name}" was created.`;
  if (ctx.autoCaseSeverity === "warning") c.warning("AUTO_CREATED", `${msg} Check for a typo if you meant an existing case.`, { path });
  else c.info("AUTO_CREATED", msg, { path });
  return name;
}
