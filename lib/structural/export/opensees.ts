/**
 * OpenSeesPy script export: a runnable Python script that rebuilds the model in OpenSees and runs a
 * linear static analysis per load case and per combination, printing nodal displacements.
 *
 * MAPPING (SI units throughout: m, N, Pa, kg/m³):
 *   node            → ops.node(tag, x, y, z)                     tags 1…N in model order
 *   support         → ops.fix(tag, ux, uy, uz, rx, ry, rz)       1 = restrained ("F")
 *   frame           → ops.geomTransf('Linear', t, *vecxz) + ops.element('elasticBeamColumn',
 *                     tag, i, j, A, E, G, J, Iy, Iz, t [, '-releasez', c] [, '-releasey', c])
 *   load case       → a function defining timeSeries('Constant', '-factor', f) + pattern('Plain')
 *   nodal load      → ops.load(node, Fx, Fy, Fz, Mx, My, Mz)
 *   distributed     → ops.eleLoad('-ele', e, '-type', '-beamUniform', Wy, Wz, Wx [, aOverL, bOverL])
 *                     (member local axes); trapezoidal loads → 20 equivalent -beamPoint loads
 *   point on frame  → ops.eleLoad('-ele', e, '-type', '-beamPoint', Py, Pz, xOverL, Px)
 *   self-weight     → -beamUniform of factor·ρ·A·g downwards, resolved into local axes
 *   combination     → the case functions called with their factors in one analysis
 *
 * LOCAL AXES. OpenSees defines local y = vecxz × x and z = x × y. Spectral's local z (after roll
 * and orientation, see geometry.ts) is passed as vecxz, so z × x = y: the OpenSees local axes ARE
 * Spectral's. OpenSees' Iy/Iz are the second moments about local y/z, exactly Spectral's Iy (weak)
 * and Iz (strong) — no swap. eleLoad's Wy, Wz, Wx are along those same local axes.
 *
 * RELEASES. elasticBeamColumn (OpenSees ≥ 3.5) accepts -releasez (bending about local z = "rz")
 * and -releasey (about local y = "ry") with codes 1 = end i, 2 = end j, 3 = both. Released
 * translations or torsion (ux uy uz rx) cannot be represented; they are listed as warnings.
 */
import { STANDARD_GRAVITY } from "../units";
import type { Frame, StructuralModel } from "../schema";
import type { LocalAxes } from "../geometry";
import { axesOf, indexModel, isZero, projectionFactor, sig, snapVec, toLocal, vec } from "./common";

/** Python literal for a finite number. */
export function py(v: number): string {
  const s = String(sig(v));
  return s;
}

const comment = (s: string): string => s.replace(/[\r\n\u2028\u2029]+/g, " ");
const pyStr = (s: string): string => JSON.stringify(s);
const TRAPEZOID_POINTS = 20;

interface ElementInfo {
  tag: number;
  frame: Frame;
  axes: LocalAxes;
  A: number;
  density: number;
}

export function exportOpenSeesPy(model: StructuralModel): string {
  const maps = indexModel(model);
  const warnings: string[] = [];
  const body: string[] = [];
  const out = (indent: number, line: string) => body.push(`${" ".repeat(indent)}${line}`);

  // ── model ───────────────────────────────────────────────────────────────────────────────
  out(0, "def build_model():");
  out(4, '"""Create nodes, supports, transformations and elements."""');
  out(4, "ops.wipe()");
  out(4, "ops.model('basic', '-ndm', 3, '-ndf', 6)");
  out(0, "");
  out(4, `# Nodes (${model.nodes.length})`);
  model.nodes.forEach((n, k) => out(4, `ops.node(${k + 1}, ${py(n.x)}, ${py(n.y)}, ${py(n.z)})  # ${comment(n.label)}`));

  const connected = new Set<string>();
  for (const f of model.frames) {
    connected.add(f.i);
    connected.add(f.j);
  }
  out(0, "");
  out(4, `# Supports (1 = restrained), order ux uy uz rx ry rz`);
  const fixed = new Set<string>();
  for (const s of model.supports) {
    const tag = maps.nodeIndex.get(s.nodeId);
    if (tag === undefined) {
      warnings.push(`Support ${s.id} refers to a missing node; skipped.`);
      continue;
    }
    fixed.add(s.nodeId);
    const flags = [...s.code].map((c) => (c === "F" ? 1 : 0)).join(", ");
    out(4, `ops.fix(${tag + 1}, ${flags})  # ${comment(maps.nodes.get(s.nodeId)?.label ?? "")} ${s.code}`);
  }
  const loose = model.nodes.filter((n) => !connected.has(n.id) && !fixed.has(n.id));
  if (loose.length > 0) {
    out(4, "# Nodes not connected to any frame are fixed so that the stiffness matrix is not singular");
    for (const n of loose) out(4, `ops.fix(${(maps.nodeIndex.get(n.id) as number) + 1}, 1, 1, 1, 1, 1, 1)  # ${comment(n.label)} (unconnected)`);
    warnings.push(`${loose.length} node(s) are not connected to any frame; they are fully fixed in the script.`);
  }

  // elements
  const elements: ElementInfo[] = [];
  const elementLines: string[] = [];
  const transforms = new Map<string, number>();
  const transformLines: string[] = [];
  model.frames.forEach((f) => {
    const section = f.sectionId !== null ? maps.sections.get(f.sectionId) : undefined;
    const material = f.materialId !== null ? maps.materials.get(f.materialId) : undefined;
    const axes = axesOf(f, maps, model);
    const label = comment(f.label);
    if (!section || !material || !axes) {
      const why = !axes ? "it has a missing end node or zero length" : !section ? "it has no section" : "it has no material";
      warnings.push(`Frame ${label} is not exported because ${why}.`);
      return;
    }
    const z = snapVec(axes.z).map((c) => sig(c));
    const key = z.join(",");
    let t = transforms.get(key);
    if (t === undefined) {
      t = transforms.size + 1;
      transforms.set(key, t);
      transformLines.push(`ops.geomTransf('Linear', ${t}, ${z.map(py).join(", ")})`);
    }
    const tag = elements.length + 1;
    const rel: string[] = [];
    const code = (k: number) => (f.releaseI[k] === "R" ? 1 : 0) + (f.releaseJ[k] === "R" ? 2 : 0);
    const rz = code(5);
    const ry = code(4);
    if (rz) rel.push(`'-releasez', ${rz}`);
    if (ry) rel.push(`'-releasey', ${ry}`);
    for (const [k, name] of ["ux", "uy", "uz", "rx"].entries()) {
      if (code(k)) warnings.push(`Frame ${label}: release of ${name} (${code(k) === 3 ? "both ends" : code(k) === 1 ? "end i" : "end j"}) cannot be modelled by elasticBeamColumn and is ignored.`);
    }
    const i = (maps.nodeIndex.get(f.i) as number) + 1;
    const j = (maps.nodeIndex.get(f.j) as number) + 1;
    elementLines.push(
      `ops.element('elasticBeamColumn', ${tag}, ${i}, ${j}, ${py(section.A)}, ${py(material.E)}, ${py(material.G)}, ${py(section.J)}, ${py(section.Iy)}, ${py(section.Iz)}, ${t}${rel.length ? `, ${rel.join(", ")}` : ""})  # ${label} ${comment(section.name)} ${comment(material.name)}${f.releaseI !== "FFFFFF" || f.releaseJ !== "FFFFFF" ? ` releases ${f.releaseI}/${f.releaseJ}` : ""}`,
    );
    elements.push({ tag, frame: f, axes, A: section.A, density: material.density });
  });
  const elementByFrame = new Map(elements.map((e) => [e.frame.id, e]));

  out(0, "");
  out(4, "# Geometric transformations: vecxz = Spectral local z, so OpenSees local axes = Spectral local axes");
  for (const l of transformLines) out(4, l);
  out(0, "");
  out(4, "# Elements: elasticBeamColumn tag i j A E G J Iy Iz transf  (Iy weak axis, Iz strong axis)");
  for (const l of elementLines) out(4, l);
  if (elementLines.length === 0) out(4, "pass");

  // ── load cases ──────────────────────────────────────────────────────────────────────────
  const caseTag = new Map<string, number>();
  model.loadCases.forEach((c, k) => caseTag.set(c.id, k + 1));
  const loadsByCase = new Map<string, string[]>();
  for (const c of model.loadCases) loadsByCase.set(c.id, []);
  const up = model.meta.verticalAxis === "Y" ? [0, 1, 0] : [0, 0, 1];

  for (const c of model.loadCases) {
    const lines = loadsByCase.get(c.id) as string[];
    if (c.selfWeightFactor !== null && c.selfWeightFactor !== 0) {
      lines.push(`# Self-weight × ${py(c.selfWeightFactor)} (ρ·A·g, g = ${STANDARD_GRAVITY} m/s²)`);
      for (const e of elements) {
        const w = c.selfWeightFactor * e.density * e.A * STANDARD_GRAVITY;
        if (w === 0) continue;
        const [wx, wy, wz] = snapVec(toLocal(e.axes, [-w * (up[0] as number), -w * (up[1] as number), -w * (up[2] as number)]));
        lines.push(`ops.eleLoad('-ele', ${e.tag}, '-type', '-beamUniform', ${py(wy)}, ${py(wz)}, ${py(wx)})  # ${comment(e.frame.label)}`);
      }
    }
  }

  for (const l of model.loads) {
    const lines = loadsByCase.get(l.caseId);
    if (!lines) {
      warnings.push(`Load ${l.id} refers to a missing load case; skipped.`);
      continue;
    }
    if (l.kind === "nodal") {
      const tag = maps.nodeIndex.get(l.nodeId);
      if (tag === undefined) {
        warnings.push(`Load ${l.id} refers to a missing node; skipped.`);
        continue;
      }
      lines.push(`ops.load(${tag + 1}, ${[l.fx, l.fy, l.fz, l.mx, l.my, l.mz].map(py).join(", ")})  # ${comment(maps.nodes.get(l.nodeId)?.label ?? "")}`);
      continue;
    }
    const e = elementByFrame.get(l.frameId);
    const label = comment(maps.frames.get(l.frameId)?.label ?? l.frameId);
    if (!e) {
      warnings.push(`Load ${l.id} on frame ${label} is skipped because the frame is not exported.`);
      continue;
    }
    if (l.kind === "frame_point") {
      const f: [number, number, number] = [l.fx, l.fy, l.fz];
      const [px, py_, pz] = l.axes === "local" ? f : snapVec(toLocal(e.axes, f));
      lines.push(`ops.eleLoad('-ele', ${e.tag}, '-type', '-beamPoint', ${py(py_)}, ${py(pz)}, ${py(l.position)}, ${py(px)})  # ${label}`);
      if (l.mx !== 0 || l.my !== 0 || l.mz !== 0) warnings.push(`Load ${l.id} on frame ${label}: concentrated moments on members are not supported by eleLoad and are omitted.`);
      continue;
    }
    // frame_distributed
    let w1 = vec(l.w1);
    let w2 = vec(l.w2);
    if (l.axes === "global") {
      const k = l.projected ? projectionFactor(e.axes, w1, w2) : 1;
      w1 = snapVec(toLocal(e.axes, [w1[0] * k, w1[1] * k, w1[2] * k]));
      w2 = snapVec(toLocal(e.axes, [w2[0] * k, w2[1] * k, w2[2] * k]));
    }
    if (isZero(w1) && isZero(w2)) continue;
    const uniform = w1[0] === w2[0] && w1[1] === w2[1] && w1[2] === w2[2];
    const full = l.start === 0 && l.end === 1;
    if (uniform) {
      const extent = full ? "" : `, ${py(l.start)}, ${py(l.end)}`;
      lines.push(`ops.eleLoad('-ele', ${e.tag}, '-type', '-beamUniform', ${py(w1[1])}, ${py(w1[2])}, ${py(w1[0])}${extent})  # ${label}${l.axes === "global" ? " (from global)" : ""}`);
    } else {
      // linearly varying: TRAPEZOID_POINTS equal strips, each strip's resultant at its centroid
      const a = l.start;
      const b = l.end;
      const n1 = maps.nodes.get(e.frame.i);
      const n2 = maps.nodes.get(e.frame.j);
      const len = n1 && n2 ? Math.hypot(n2.x - n1.x, n2.y - n1.y, n2.z - n1.z) : 0;
      lines.push(`# ${label}: linearly varying load approximated by ${TRAPEZOID_POINTS} point loads`);
      for (let s = 0; s < TRAPEZOID_POINTS; s++) {
        const t0 = s / TRAPEZOID_POINTS;
        const t1 = (s + 1) / TRAPEZOID_POINTS;
        const q0 = w1.map((v, k) => v + ((w2[k] as number) - v) * t0);
        const q1 = w1.map((v, k) => v + ((w2[k] as number) - v) * t1);
        const dx = (b - a) * len / TRAPEZOID_POINTS;
        const P = q0.map((v, k) => ((v + (q1[k] as number)) / 2) * dx);
        // centroid of each component's trapezoidal strip (clamped inside the strip where the load changes sign)
        const tc = (k: number) => {
          const s0 = q0[k] as number;
          const s1 = q1[k] as number;
          return s0 + s1 === 0 ? 0.5 : (s0 + 2 * s1) / (3 * (s0 + s1));
        };
        const pos = (k: number) => a + (b - a) * (t0 + (t1 - t0) * Math.min(1, Math.max(0, tc(k))));
        // one eleLoad per non-zero local component keeps each component at its own centroid
        if (P[1] !== 0) lines.push(`ops.eleLoad('-ele', ${e.tag}, '-type', '-beamPoint', ${py(P[1] as number)}, 0, ${py(pos(1))}, 0)`);
        if (P[2] !== 0) lines.push(`ops.eleLoad('-ele', ${e.tag}, '-type', '-beamPoint', 0, ${py(P[2] as number)}, ${py(pos(2))}, 0)`);
        if (P[0] !== 0) lines.push(`ops.eleLoad('-ele', ${e.tag}, '-type', '-beamPoint', 0, 0, ${py(pos(0))}, ${py(P[0] as number)})`);
      }
    }
  }

  for (const c of model.loadCases) {
    const tag = caseTag.get(c.id) as number;
    out(0, "");
    out(0, "");
    out(0, `def load_case_${tag}(factor=1.0):`);
    out(4, `"""Load case ${pyStr(c.name).slice(1, -1).replace(/"""/g, "'''")} (${c.type}); all loads are multiplied by factor."""`);
    out(4, `ops.timeSeries('Constant', ${tag}, '-factor', factor)`);
    out(4, `ops.pattern('Plain', ${tag}, ${tag})`);
    for (const l of loadsByCase.get(c.id) as string[]) out(4, l);
  }

  // ── analysis ────────────────────────────────────────────────────────────────────────────
  const caseName = new Map(model.loadCases.map((c) => [c.id, c.name]));
  out(0, "");
  out(0, "");
  out(0, `LOAD_CASES = {${model.loadCases.map((c) => `${caseTag.get(c.id)}: (${pyStr(c.name)}, load_case_${caseTag.get(c.id)})`).join(", ")}}`);
  out(0, "COMBINATIONS = {");
  for (const cb of model.combinations) {
    const parts: string[] = [];
    for (const f of cb.factors) {
      const tag = caseTag.get(f.caseId);
      if (tag === undefined) {
        warnings.push(`Combination ${cb.name} refers to a missing load case; that factor is skipped.`);
        continue;
      }
      parts.push(`${tag}: ${py(f.factor)}`);
    }
    out(4, `${pyStr(cb.name)}: {${parts.join(", ")}},  # ${comment(cb.factors.map((f) => `${py(f.factor)}×${caseName.get(f.caseId) ?? "?"}`).join(" + "))}`);
  }
  out(0, "}");
  out(0, `NODE_LABELS = {${model.nodes.map((n, k) => `${k + 1}: ${pyStr(n.label)}`).join(", ")}}`);
  out(0, "");
  out(0, "");
  out(0, "def analyze(factors):");
  out(4, '"""Rebuild the model, apply {load case tag: factor} and run one linear static step."""');
  out(4, "build_model()");
  out(4, "for tag, factor in factors.items():");
  out(8, "LOAD_CASES[tag][1](factor)");
  out(4, "ops.constraints('Transformation')");
  out(4, "ops.numberer('RCM')");
  out(4, "ops.system('BandGeneral')");
  out(4, "ops.algorithm('Linear')");
  out(4, "ops.integrator('LoadControl', 1.0)");
  out(4, "ops.analysis('Static')");
  out(4, "return ops.analyze(1)");
  out(0, "");
  out(0, "");
  out(0, "def print_displacements(title):");
  out(4, "print()");
  out(4, "print(title)");
  out(4, "print(f\"{'node':>12} {'ux':>13} {'uy':>13} {'uz':>13} {'rx':>13} {'ry':>13} {'rz':>13}\")");
  out(4, "for tag, label in NODE_LABELS.items():");
  out(8, "d = ops.nodeDisp(tag)");
  out(8, "print(f'{label:>12} ' + ' '.join(f'{v:13.5e}' for v in d))");
  out(0, "");
  out(0, "");
  out(0, "if __name__ == '__main__':");
  out(4, "if not LOAD_CASES:");
  out(8, "print('The model has no load cases: nothing to analyse.')");
  out(4, "for tag, (name, _) in LOAD_CASES.items():");
  out(8, "if analyze({tag: 1.0}) != 0:");
  out(12, "print(f'Load case {name}: analysis FAILED (check supports and connectivity)')");
  out(12, "continue");
  out(8, "print_displacements(f'Load case {name}: nodal displacements (m, rad)')");
  out(4, "for name, factors in COMBINATIONS.items():");
  out(8, "if analyze(factors) != 0:");
  out(12, "print(f'Combination {name}: analysis FAILED')");
  out(12, "continue");
  out(8, "print_displacements(f'Combination {name}: nodal displacements (m, rad)')");

  // ── header ──────────────────────────────────────────────────────────────────────────────
  const m = model.meta;
  const header = [
    `# OpenSeesPy script exported by Spectral`,
    `# Model: ${comment(m.name)} (id ${comment(m.id)}, revision ${m.revision})`,
    `# ${[[model.nodes.length, "node"], [elements.length, "element"], [model.supports.length, "support"], [model.loadCases.length, "load case"], [model.combinations.length, "combination"]].map(([n, w]) => `${n} ${w}${n === 1 ? "" : "s"}`).join(", ")}`,
    `#`,
    `# Units: SI — metres, newtons, pascals, kg/m³ (forces N, moments N·m, line loads N/m). Vertical axis: ${m.verticalAxis}.`,
    `# Requires: pip install openseespy  (OpenSeesPy 3.5 or later for the -releasez/-releasey end releases)`,
    `# Run: python this_file.py — analyses each load case and combination and prints nodal displacements.`,
    `#`,
    `# Local axes: OpenSees takes local y = vecxz × x, z = x × y. Each geomTransf uses vecxz = Spectral's`,
    `# local z (x = i→j; y "up", or global +X for vertical members; turned by roll/orientation), so the`,
    `# OpenSees local axes equal Spectral's: Iy (weak, about local y) and Iz (strong, about local z) are`,
    `# passed unchanged, and eleLoad -beamUniform takes Wy, Wz, Wx in those local axes.`,
    `# End releases: -releasez = moment about local z (rz), -releasey = about local y (ry); 1 = end i,`,
    `# 2 = end j, 3 = both. Released translations and torsion cannot be modelled by elasticBeamColumn.`,
    `# Shear deformation is ignored (Euler-Bernoulli), as in Spectral's solver.`,
  ];
  if (warnings.length > 0) {
    header.push(`#`, `# WARNINGS (${warnings.length}):`);
    for (const w of warnings.slice(0, 200)) header.push(`#   - ${comment(w)}`);
    if (warnings.length > 200) header.push(`#   … and ${warnings.length - 200} more`);
  }
  header.push("", "import openseespy.opensees as ops", "", "");
  return `${header.join("\n")}${body.join("\n")}\n`;
}
