/**
 * Unit plausibility checks (issue #12: "units that cannot silently go wrong"). Numbers are stored
 * in SI; a client that leaves out `units` sends newtons and metres, so `w: [0, 0, -0.6]` meant as
 * 0.6 kN/m is stored as 0.6 N/m. Each check below flags one kind of magnitude that no real
 * structure has in SI and names the unit the number was most likely meant in, with the `units`
 * to send instead. All are warnings: the values are allowed, but probably a mistake.
 *
 * One rule per function, each `(model, opts) => Issue[]` like checks.ts, wired into MODEL_CHECKS.
 * At most MAX_PER_RULE issues per rule (then one summary line), so a model with 10,000 frames of
 * the same mistake still gives a short answer.
 */
import type { Frame, Load, Material, ModelPatch, Section, StructuralModel } from "./schema";
import { applyPatch } from "./patch";
import { warning, type ElementRef, type Issue } from "./issues";
// Type-only: checks.ts imports this file to run the rules, so nothing is imported back at runtime.
import type { CheckOptions } from "./checks";

export const UNIT_LIMITS = {
  /** N/m: under this a line load is no building load (a light beam's own weight is ≈ 100 N/m). */
  minLineLoad: 10,
  /** N: under 1 N or over 1 GN a nodal force is not a structural load. */
  minNodalForce: 1,
  maxNodalForce: 1e9,
  /** m: no frame member spans a kilometre. */
  maxSpan: 1_000,
  /** Pa: E of structural materials lies between timber across the grain (≈ 0.3 GPa) and diamond (≈ 1.2 TPa). */
  minE: 1e8,
  maxE: 1e12,
  /** m²: no section is larger. */
  maxArea: 10,
} as const;

const MAX_PER_RULE = 20;
const g = (v: number): string => `${+v.toPrecision(4)}`;

/** Keeps the first MAX_PER_RULE issues and sums up the rest in one more. */
function capped(issues: Issue[], what: string): Issue[] {
  if (issues.length <= MAX_PER_RULE) return issues;
  const first = issues[0]!;
  const rest = issues.length - MAX_PER_RULE;
  return [...issues.slice(0, MAX_PER_RULE), warning(first.code, `… and ${rest} more ${what} like these.`, first.hint ? { hint: first.hint } : {})];
}

const frameRef = (f: Pick<Frame, "id" | "label">): ElementRef => ({ kind: "frame", id: f.id, label: f.label });
const loadRef = (l: Load): ElementRef => ({ kind: "load", id: l.id });

/** Label of a node or frame by id, from the shared index when the caller built one. */
function labelOf(model: StructuralModel, opts: CheckOptions, kind: "node" | "frame", id: string): string {
  const row = kind === "node" ? (opts.index?.nodeById.get(id) ?? model.nodes.find((n) => n.id === id)) : (opts.index?.frameById.get(id) ?? model.frames.find((f) => f.id === id));
  return row?.label ?? id;
}

function targetName(model: StructuralModel, l: Load, opts: CheckOptions): string {
  return l.kind === "nodal" ? `node "${labelOf(model, opts, "node", l.nodeId)}"` : `frame "${labelOf(model, opts, "frame", l.frameId)}"`;
}

/**
 * UNITS_LINE_LOAD (warning): a line load's largest component is above 0 and under 10 N/m. The
 * number was most likely meant in kN/m: send units { force: "kN" }.
 */
export function checkLineLoadUnits(model: StructuralModel, opts: CheckOptions = {}): Issue[] {
  const out: Issue[] = [];
  for (const l of model.loads) {
    if (l.kind !== "frame_distributed") continue;
    const w = Math.max(Math.abs(l.w1.x), Math.abs(l.w1.y), Math.abs(l.w1.z), Math.abs(l.w2.x), Math.abs(l.w2.y), Math.abs(l.w2.z));
    if (!(w > 0 && w < UNIT_LIMITS.minLineLoad)) continue;
    out.push(
      warning("UNITS_LINE_LOAD", `The line load on ${targetName(model, l, opts)} is ${g(w)} N/m, too small for a structural load (forces are in N unless units say otherwise). If you meant ${g(w)} kN/m (${g(w * 1000)} N/m), send it again with units: {"force": "kN"}.`, {
        elements: [loadRef(l)],
        hint: 'Likely unit: kN/m; use units {"force": "kN"} (or "kip" with length "ft" for kip/ft).',
      }),
    );
  }
  return capped(out, "line loads");
}

/**
 * UNITS_NODAL_FORCE (warning): a nodal load's largest force component is above 0 and under 1 N
 * (meant in kN), or over 1e9 N (meant in N but sent with a larger force unit, or mm read as m in
 * a moment).
 */
export function checkNodalForceUnits(model: StructuralModel, opts: CheckOptions = {}): Issue[] {
  const out: Issue[] = [];
  for (const l of model.loads) {
    if (l.kind !== "nodal") continue;
    const f = Math.max(Math.abs(l.fx), Math.abs(l.fy), Math.abs(l.fz));
    if (f > 0 && f < UNIT_LIMITS.minNodalForce) {
      out.push(
        warning("UNITS_NODAL_FORCE", `The force at ${targetName(model, l, opts)} is ${g(f)} N, too small for a structural load (forces are in N unless units say otherwise). If you meant ${g(f)} kN, send it again with units: {"force": "kN"}.`, {
          elements: [loadRef(l)],
          hint: 'Likely unit: kN; use units {"force": "kN"}.',
        }),
      );
    } else if (f > UNIT_LIMITS.maxNodalForce) {
      out.push(
        warning("UNITS_NODAL_FORCE", `The force at ${targetName(model, l, opts)} is ${g(f)} N (${g(f / 1e3)} kN), more than any structure carries. If the numbers were already in N, send them again with units: {"force": "N"} (or without units).`, {
          elements: [loadRef(l)],
          hint: "Likely unit: N; check units.force.",
        }),
      );
    }
  }
  return capped(out, "nodal forces");
}

/**
 * UNITS_SPAN (warning): a frame is longer than 1 km: the coordinates were most likely in mm.
 */
export function checkSpanUnits(model: StructuralModel, opts: CheckOptions = {}): Issue[] {
  const nodeById = opts.index?.nodeById ?? new Map(model.nodes.map((n) => [n.id, n]));
  const out: Issue[] = [];
  for (const f of model.frames) {
    const a = nodeById.get(f.i);
    const b = nodeById.get(f.j);
    if (!a || !b) continue;
    const L = Math.hypot(b.x - a.x, b.y - a.y, b.z - a.z);
    if (!(L > UNIT_LIMITS.maxSpan)) continue;
    out.push(
      warning("UNITS_SPAN", `Frame "${f.label}" is ${g(L)} m long (${g(L / 1000)} km). If the coordinates were millimetres (${g(L)} mm = ${g(L / 1000)} m), send them again with units: {"length": "mm"}.`, {
        elements: [frameRef(f)],
        hint: 'Likely unit: mm; use units {"length": "mm"}.',
      }),
    );
  }
  return capped(out, "frames");
}

/** The stress unit that brings `e` (read as Pa) into range, with its factor to Pa. */
function likelyStressUnit(e: number): { unit: string; factor: number } | null {
  const candidates = e < UNIT_LIMITS.minE
    ? [{ unit: "MPa", factor: 1e6 }, { unit: "GPa", factor: 1e9 }, { unit: "ksi", factor: 6.894757e6 }, { unit: "kPa", factor: 1e3 }, { unit: "psi", factor: 6894.757 }]
    : [{ unit: "Pa (the value looks multiplied by 1000 once too often)", factor: 1e-3 }];
  // Of the units that bring E into range, the one nearest the middle of the usual materials (≈ 5e10 Pa).
  const fits = candidates.filter((c) => e * c.factor >= UNIT_LIMITS.minE && e * c.factor <= UNIT_LIMITS.maxE);
  const distance = (c: { factor: number }) => Math.abs(Math.log10(e * c.factor) - Math.log10(5e10));
  return fits.sort((a, b) => distance(a) - distance(b))[0] ?? null;
}

/**
 * UNITS_MODULUS (warning): a material's E is outside 1e8–1e12 Pa: most likely given in MPa, GPa
 * or ksi without units { stress }.
 */
export function checkModulusUnits(model: StructuralModel, _opts: CheckOptions = {}): Issue[] {
  const out: Issue[] = [];
  for (const m of model.materials as Material[]) {
    if (!(m.E > 0) || (m.E >= UNIT_LIMITS.minE && m.E <= UNIT_LIMITS.maxE)) continue;
    const likely = likelyStressUnit(m.E);
    const meant = likely && likely.factor > 1 ? ` If you meant ${g(m.E)} ${likely.unit} (${g(m.E * likely.factor)} Pa), send it again with units: {"stress": "${likely.unit}"}.` : "";
    out.push(
      warning("UNITS_MODULUS", `Material "${m.name}" has E = ${g(m.E)} Pa, outside 1e8–1e12 Pa (steel 2.1e11 Pa, concrete ≈ 3.3e10 Pa).${meant}`, {
        elements: [{ kind: "material", id: m.id, label: m.name }],
        hint: likely ? `Likely unit: ${likely.unit.split(" ")[0]}.` : "Check units.stress.",
      }),
    );
  }
  return capped(out, "materials");
}

/**
 * UNITS_SECTION_AREA (warning): a section's area is over 10 m²: most likely cm² or mm² without
 * units { sectionLength }.
 */
export function checkSectionAreaUnits(model: StructuralModel, _opts: CheckOptions = {}): Issue[] {
  const out: Issue[] = [];
  for (const s of model.sections as Section[]) {
    if (!(s.A > UNIT_LIMITS.maxArea)) continue;
    const unit = s.A > 1e4 ? "mm" : "cm";
    const factor = unit === "mm" ? 1e-6 : 1e-4;
    out.push(
      warning("UNITS_SECTION_AREA", `Section "${s.name}" has A = ${g(s.A)} m², larger than any member. If you meant ${g(s.A)} ${unit}² (${g(s.A * factor)} m²), send it again with units: {"sectionLength": "${unit}"} (I and J then in ${unit}⁴).`, {
        elements: [{ kind: "section", id: s.id, label: s.name }],
        hint: `Likely unit: ${unit}²; use units {"sectionLength": "${unit}"}.`,
      }),
    );
  }
  return capped(out, "sections");
}

/** The unit checks, in the order validateModel runs them (after checks.ts' own). */
export const UNIT_CHECKS = [
  { name: "lineLoadUnits", run: checkLineLoadUnits },
  { name: "nodalForceUnits", run: checkNodalForceUnits },
  { name: "spanUnits", run: checkSpanUnits },
  { name: "modulusUnits", run: checkModulusUnits },
  { name: "sectionAreaUnits", run: checkSectionAreaUnits },
] as const;

/**
 * The unit warnings of the rows a write adds or changes (not the rest of the model): what a write
 * tool's answer shows. `model` is what the patch was planned on (a slice is enough: it holds the
 * rows the patch touches and their end nodes).
 */
export function unitIssuesOfPatch(model: StructuralModel, patch: ModelPatch): Issue[] {
  const after = applyPatch(model, patch);
  const touched = (kind: "frames" | "loads" | "sections" | "materials") => {
    const ids = new Set<string>([...patch.add[kind].map((r) => r.id), ...patch.update[kind].map((r) => r.id)]);
    return (r: { id: string }) => ids.has(r.id);
  };
  const sub: StructuralModel = {
    ...after,
    frames: after.frames.filter(touched("frames")),
    loads: after.loads.filter(touched("loads")),
    sections: after.sections.filter(touched("sections")),
    materials: after.materials.filter(touched("materials")),
  };
  return UNIT_CHECKS.flatMap((c) => c.run(sub, {}));
}
