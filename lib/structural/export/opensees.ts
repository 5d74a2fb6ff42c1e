/**
 * OpenSeesPy script export: a runnable Python script that rebuilds the model in OpenSees and runs a
 * linear static analysis per load case and per combination, printing nodal displacements.
 * What is built (nodes, restraints, elements, ties, loads) is decided in opensees-plan.ts; this file
 * only writes it.
 *
 * MAPPING (SI units throughout: m, N, Pa, kg/m³):
 *   node            → ops.node(tag, x, y, z)                     model nodes 1…N, then added nodes
 *   restraint       → ops.fix(tag, ux, uy, uz, rx, ry, rz)       1 = restrained
 *   frame           → ops.geomTransf('Linear', t, *vecxz) + ops.element('elasticBeamColumn',
 *                     tag, i, j, A, E, G, J, Iy, Iz, t [, '-releasez', c] [, '-releasey', c])
 *   tie             → ops.equalDOF(master, slave, *dofs)
 *   spring          → ops.uniaxialMaterial('Elastic', m, k) + ops.element('zeroLength', tag, i, aux,
 *                     '-mat', m, '-dir', 4, '-orient', *axis, *yp)   (rotation about `axis`)
 *   load case       → a function defining timeSeries('Constant', tag, '-factor', f) + pattern('Plain')
 *   nodal load      → ops.load(node, Fx, Fy, Fz, Mx, My, Mz)
 *   distributed     → ops.eleLoad('-ele', e, '-type', '-beamUniform', Wy, Wz, Wx)  (full, uniform)
 *                     ops.eleLoad('-ele', e, '-type', '-beamUniform', Wya, Wza, Wxa, aOverL, bOverL,
 *                     Wyb, Wzb, Wxb)                                                 (partial/varying)
 *                     — only under RECENT_BEAM_LOADS = True (needs OpenSees PR #1755, in no PyPI
 *                     release yet); by default the element's equivalent nodal loads ops.load(…)
 *   released point  → likewise under RECENT_BEAM_LOADS (point loads on -releasey/-releasez elements
 *                     need OpenSees PR #1793); by default equivalent nodal loads
 *   point on frame  → ops.eleLoad('-ele', e, '-type', '-beamPoint', Py, Pz, xOverL, Px)
 *   combination     → the case functions called with their factors in one analysis
 *
 * LOCAL AXES. OpenSees defines local y = vecxz × x and z = x × y. Spectral's local z (after roll
 * and orientation, see geometry.ts) is passed as vecxz, so z × x = y: the OpenSees local axes ARE
 * Spectral's, Iy (weak) and Iz (strong) pass unchanged, and eleLoad's Wy, Wz, Wx are local.
 *
 * SECURITY. Line 1 declares UTF-8 and no user text appears on lines 1–2 (Python reads the source
 * encoding there). User text appears only in comments (pyComment: no control characters, no
 * backslashes) and as string literals built by pyString.
 */
import type { StructuralModel } from "../schema";
import { planOpenSees, type OpenSeesPlan, type OsLoad } from "./opensees-plan";
import { pyComment, pyString } from "./text";

/** Python literal for a finite number: shortest round-trip form, so the script is exact. */
export function py(v: number): string {
  return Object.is(v, -0) ? "0" : String(v);
}

const CHUNK = 1 << 16;

/** The script as one string (small models, tests). */
export function exportOpenSeesPy(model: StructuralModel): string {
  return [...openSeesPyChunks(model)].join("");
}

/** The script in chunks of about 64 KiB, so a large model streams without one giant string. */
export function* openSeesPyChunks(model: StructuralModel): Generator<string> {
  const plan = planOpenSees(model);
  let buf = "";
  for (const line of scriptLines(model, plan)) {
    buf += `${line}\n`;
    if (buf.length >= CHUNK) {
      yield buf;
      buf = "";
    }
  }
  if (buf) yield buf;
}

function* scriptLines(model: StructuralModel, plan: OpenSeesPlan): Generator<string> {
  yield* header(model, plan);
  yield* buildModel(plan);
  yield* loadCases(model, plan);
  yield* analysis(model, plan);
}

function* header(model: StructuralModel, plan: OpenSeesPlan): Generator<string> {
  const m = model.meta;
  const count = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  yield "# -*- coding: utf-8 -*-";
  yield "# OpenSeesPy script exported by Spectral";
  yield `# Model: ${pyComment(m.name)} (id ${pyComment(m.id)}, revision ${m.revision})`;
  yield `# ${[count(model.nodes.length, "node"), count(plan.elements.length, "element"), ...(plan.springs.length ? [count(plan.springs.length, "rotational spring")] : []), count(model.supports.length, "support"), count(model.loadCases.length, "load case"), count(model.combinations.length, "combination")].join(", ")}`;
  yield "#";
  yield `# Units: SI — metres, newtons, pascals, kg/m³ (forces N, moments N·m, line loads N/m). Vertical axis: ${m.verticalAxis}.`;
  yield "# Requires: pip install openseespy — OpenSeesPy 3.5 or later (elasticBeamColumn -releasey/-releasez,";
  yield "# zeroLength -orient, UmfPack).";
  if (plan.usesPartialLoads) {
    yield "# This model has partial or linearly varying member loads. As element loads they take the 8-value form";
    yield "#   eleLoad('-ele', e, '-type', '-beamUniform', Wya, Wza, Wxa, aOverL, bOverL, Wyb, Wzb, Wxb)";
    yield "# which needs an OpenSees whose 3D elasticBeamColumn applies linearly varying partial loads: OpenSees";
    yield "# pull request #1755 (opened mid-2026). No OpenSeesPy on PyPI includes it yet (the latest, 3.8.0.0 of";
    yield "# March 2026, predates it); earlier builds keep only the start values of such a load (OpenSees issue";
    yield "# #1612). So by default (RECENT_BEAM_LOADS = False) they are written as equivalent nodal loads instead.";
  }
  if (plan.usesLoadsOnReleased) {
    yield "# Point or partial loads act on elements with -releasey/-releasez: OpenSees applies the release to";
    yield "# such element loads only since pull request #1793 (August 2026; not in OpenSeesPy 3.8.0.0), so by";
    yield "# default they too are written as equivalent nodal loads.";
  }
  yield "# Run: python this_file.py — analyses each load case and combination and prints nodal displacements.";
  yield "#";
  yield "# Local axes: OpenSees takes local y = vecxz × x, z = x × y. Each geomTransf uses vecxz = Spectral's";
  yield '# local z (x = i→j; y "up", or global +X for vertical members; turned by roll/orientation), so the';
  yield "# OpenSees local axes equal Spectral's: Iy (weak) and Iz (strong) pass unchanged, and eleLoad takes";
  yield "# Wy, Wz, Wx in those local axes.";
  yield "# End releases: -releasez = moment about local z (rz), -releasey = about local y (ry); 1 = end i,";
  yield "# 2 = end j, 3 = both. A torsion release (rx) makes the end element torsion-free (J = 0). A translation";
  yield "# released along global axes puts a duplicate node at that end, tied to the model node with equalDOF on";
  yield "# the kept DOFs. One released along a skew local axis: ux gives A = 0; uy (uz) removes the element's";
  yield "# bending about local z (y) and puts back what the released member keeps there, E·I/L between its end";
  yield "# rotations, as a zeroLength rotational spring; loads in such a block are equivalent nodal loads.";
  yield "# A concentrated moment inside a member splits it with an internal node carrying the moment; one at a";
  yield "# member end is the element's equivalent nodal loads (on the member side of a release there).";
  yield "# Equivalent nodal loads and springs give exact displacements and reactions; the element forces";
  yield "# OpenSees reports for those elements leave out their part.";
  yield "# DOFs no member gives stiffness to (pin-jointed joints) are fixed, as Spectral's solver does.";
  yield "# Shear deformation is ignored (Euler-Bernoulli), as in Spectral's solver.";
  if (plan.warnings.length > 0) {
    yield "#";
    yield `# WARNINGS (${plan.warnings.length}):`;
    for (const w of plan.warnings.slice(0, 200)) yield `#   - ${pyComment(w)}`;
    if (plan.warnings.length > 200) yield `#   … and ${plan.warnings.length - 200} more`;
  }
  yield "";
  yield "import sys";
  yield "";
  yield "import openseespy.opensees as ops";
  yield "";
  yield "";
}

function* buildModel(plan: OpenSeesPlan): Generator<string> {
  yield "def build_model():";
  yield '    """Create nodes, restraints, transformations, elements and ties."""';
  yield "    ops.wipe()";
  yield "    ops.model('basic', '-ndm', 3, '-ndf', 6)";
  yield "";
  yield `    # Nodes (${plan.nodes.length})`;
  for (const n of plan.nodes) yield `    ops.node(${n.tag}, ${py(n.x)}, ${py(n.y)}, ${py(n.z)})  # ${n.note}`;
  yield "";
  yield "    # Restraints (1 = restrained), order ux uy uz rx ry rz";
  for (const f of plan.fixes) yield `    ops.fix(${f.tag}, ${f.flags.join(", ")})  # ${pyComment(plan.nodes[f.tag - 1]?.note ?? "")}: ${f.note}`;
  yield "";
  yield "    # Geometric transformations: vecxz = Spectral local z, so OpenSees local axes = Spectral local axes";
  for (const t of plan.transforms) yield `    ops.geomTransf('Linear', ${t.tag}, ${t.vecxz.map(py).join(", ")})`;
  yield "";
  yield "    # Elements: elasticBeamColumn tag i j A E G J Iy Iz transf  (Iy weak axis, Iz strong axis)";
  for (const e of plan.elements) {
    const rel = [e.releaseZ ? `'-releasez', ${e.releaseZ}` : "", e.releaseY ? `'-releasey', ${e.releaseY}` : ""].filter(Boolean);
    yield `    ops.element('elasticBeamColumn', ${e.tag}, ${e.i}, ${e.j}, ${[e.A, e.E, e.G, e.J, e.Iy, e.Iz].map(py).join(", ")}, ${e.transf}${rel.length ? `, ${rel.join(", ")}` : ""})  # ${e.note}`;
  }
  if (plan.springs.length) {
    yield "";
    yield "    # Rotational springs (zeroLength, '-dir' 4 = rotation about the '-orient' x axis): the bending a";
    yield "    # member keeps after a skew shear release, k = E·I/L, between node i and an auxiliary node tied to node j";
    for (const s of plan.springs) {
      yield `    ops.uniaxialMaterial('Elastic', ${s.mat}, ${py(s.k)})`;
      yield `    ops.element('zeroLength', ${s.tag}, ${s.i}, ${s.aux}, '-mat', ${s.mat}, '-dir', 4, '-orient', ${[...s.axis, ...s.yp].map(py).join(", ")})  # ${s.note}`;
    }
  }
  if (plan.ties.length) {
    yield "";
    yield "    # Duplicate end nodes (released translations) and auxiliary nodes tied on the kept DOFs (equalDOF master slave dofs)";
    for (const t of plan.ties) yield `    ops.equalDOF(${t.master}, ${t.slave}, ${t.dofs.join(", ")})  # ${t.note}`;
  }
  yield "";
  yield "";
}

function loadLine(l: OsLoad): string {
  switch (l.kind) {
    case "nodal":
      return `ops.load(${l.node}, ${l.v.map(py).join(", ")})  # ${l.note}`;
    case "uniform":
      return `ops.eleLoad('-ele', ${l.ele}, '-type', '-beamUniform', ${py(l.w[1])}, ${py(l.w[2])}, ${py(l.w[0])})  # ${l.note}`;
    case "partial":
      return `ops.eleLoad('-ele', ${l.ele}, '-type', '-beamUniform', ${py(l.wa[1])}, ${py(l.wa[2])}, ${py(l.wa[0])}, ${py(l.a)}, ${py(l.b)}, ${py(l.wb[1])}, ${py(l.wb[2])}, ${py(l.wb[0])})  # ${l.note}`;
    case "point":
      return `ops.eleLoad('-ele', ${l.ele}, '-type', '-beamPoint', ${py(l.p[1])}, ${py(l.p[2])}, ${py(l.x)}, ${py(l.p[0])})  # ${l.note}`;
  }
}

function* loadCases(model: StructuralModel, plan: OpenSeesPlan): Generator<string> {
  if (plan.hasFallbacks) {
    yield "# Member loads that need a recent OpenSees (see the header): True writes them as element loads";
    yield "# (eleLoad; OpenSees' element forces include them) and needs a build with pull requests #1755 and";
    yield "# #1793; False writes each as the same member's equivalent nodal loads, which gives the same";
    yield "# displacements and reactions on every OpenSeesPy release (element forces then leave them out).";
    yield "RECENT_BEAM_LOADS = False";
    yield "";
    yield "";
  }
  for (const [k, c] of model.loadCases.entries()) {
    const tag = k + 1;
    yield `def load_case_${tag}(factor=1.0):`;
    yield `    # Load case ${pyComment(c.name)} (${c.type}); every load is multiplied by factor.`;
    yield `    ops.timeSeries('Constant', ${tag}, '-factor', factor)`;
    yield `    ops.pattern('Plain', ${tag}, ${tag})`;
    for (const l of plan.loads.get(c.id) as OsLoad[]) {
      if (l.kind !== "nodal" && l.kind !== "uniform" && l.fallback) {
        yield "    if RECENT_BEAM_LOADS:";
        yield `        ${loadLine(l)}`;
        yield "    else:";
        if (l.fallback.length === 0) yield "        pass  # no equivalent nodal load (the load acts on a released, stiffness-free direction)";
        for (const f of l.fallback) yield `        ${loadLine(f)}`;
      } else yield `    ${loadLine(l)}`;
    }
    yield "";
    yield "";
  }
}

function* analysis(model: StructuralModel, plan: OpenSeesPlan): Generator<string> {
  const caseTag = new Map(model.loadCases.map((c, k) => [c.id, k + 1]));
  yield `LOAD_CASES = {${model.loadCases.map((c, k) => `${k + 1}: (${pyString(c.name)}, load_case_${k + 1})`).join(", ")}}`;
  yield "COMBINATIONS = {";
  for (const cb of model.combinations) {
    const parts = cb.factors.filter((f) => caseTag.has(f.caseId)).map((f) => `${caseTag.get(f.caseId)}: ${py(f.factor)}`);
    yield `    ${pyString(cb.name)}: {${parts.join(", ")}},`;
  }
  yield "}";
  yield `NODE_LABELS = {${model.nodes.map((n, k) => `${k + 1}: ${pyString(n.label)}`).join(", ")}}`;
  yield `HAS_FREE_DOF = ${plan.hasFreeDof ? "True" : "False"}`;
  yield "";
  yield "";
  yield "def analyze(factors):";
  yield '    """Rebuild the model, apply {load case tag: factor} and run one linear static step."""';
  yield "    build_model()";
  yield "    for tag, factor in factors.items():";
  yield "        LOAD_CASES[tag][1](factor)";
  yield "    ops.constraints('Transformation')";
  yield "    ops.numberer('RCM')";
  yield "    ops.system('UmfPack')";
  yield "    ops.algorithm('Linear')";
  yield "    ops.integrator('LoadControl', 1.0)";
  yield "    ops.analysis('Static')";
  yield "    return ops.analyze(1)";
  yield "";
  yield "";
  yield "def print_displacements(title):";
  yield "    print()";
  yield "    print(title)";
  yield "    print(f\"{'node':>12} {'ux':>13} {'uy':>13} {'uz':>13} {'rx':>13} {'ry':>13} {'rz':>13}\")";
  yield "    for tag, label in NODE_LABELS.items():";
  yield "        d = ops.nodeDisp(tag)";
  yield "        print(f'{label:>12} ' + ' '.join(f'{v:13.5e}' for v in d))";
  yield "";
  yield "";
  yield "def main():";
  yield "    if not HAS_FREE_DOF:";
  yield "        print('Every degree of freedom of this model is restrained (supports and members without stiffness):')";
  yield "        print('there is nothing to analyse; every displacement is zero. Stopping before OpenSees is called.')";
  yield "        return 1";
  yield "    if not LOAD_CASES:";
  yield "        print('The model has no load cases: nothing to analyse.')";
  yield "    for tag, (name, _) in LOAD_CASES.items():";
  yield "        if analyze({tag: 1.0}) != 0:";
  yield "            print(f'Load case {name}: analysis FAILED (check supports and connectivity)')";
  yield "            continue";
  yield "        print_displacements(f'Load case {name}: nodal displacements (m, rad)')";
  yield "    for name, factors in COMBINATIONS.items():";
  yield "        if analyze(factors) != 0:";
  yield "            print(f'Combination {name}: analysis FAILED')";
  yield "            continue";
  yield "        print_displacements(f'Combination {name}: nodal displacements (m, rad)')";
  yield "    return 0";
  yield "";
  yield "";
  yield "if __name__ == '__main__':";
  yield "    sys.exit(main())";
}
