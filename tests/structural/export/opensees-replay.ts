/**
 * Command replay for exported OpenSeesPy scripts: run the script with python3 against the stand-in
 * `openseespy.opensees` module (standin/), read the commands it recorded, and solve the model of each
 * `analyze` call directly with OpenSees' documented semantics — its own assembly, constraints and
 * dense solve, not Spectral's solver (only the textbook element formulas are shared):
 *
 *   node tag x y z; fix tag f1..f6 (1 = restrained);
 *   geomTransf Linear tag vecxz — local y = vecxz × x (normalised), z = x × y;
 *   element elasticBeamColumn tag i j A E G J Iy Iz transf [-releasez c] [-releasey c]
 *     — Euler–Bernoulli 12×12 stiffness (A = 0 or J = 0 give no axial / torsional stiffness);
 *     c: 1 = end i, 2 = end j, 3 = both: the end moment about local z (y) is condensed out of the
 *     stiffness and of the element's fixed-end forces;
 *   uniaxialMaterial Elastic tag E — stiffness E;
 *   element zeroLength tag i j -mat m.. -dir d.. [-orient x1 x2 x3 yp1 yp2 yp3] — local x = x,
 *     z = x × yp, y = z × x; direction 1–3 = relative translation along x, y, z, 4–6 = relative
 *     rotation about x, y, z; force = E × that deformation;
 *   equalDOF retained constrained dofs.. — the constrained DOFs ARE the retained ones (Transformation
 *     handler): one equation, loads on either add up;
 *   timeSeries Constant tag -factor f; pattern Plain tag ts; load node 6 values (× factor);
 *   eleLoad -beamUniform Wy Wz [Wx] (full length) | Wy Wz Wx aOverL bOverL [Wyb Wzb Wxb]
 *     (partial, linearly varying; OpenSees uses a uniform full-length load, start values only,
 *     unless aOverL > 0 or bOverL < 1); eleLoad -beamPoint Py Pz xOverL [Px];
 *   reactions: the unbalance K·u + F0 − P summed over each restrained equation.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { condense, condenseLoad, fixedEndForces, localStiffness, localToGlobal12, toGlobal, type LocalLoad } from "@/lib/structural/analysis/element";

export interface Command {
  cmd: string;
  args: (number | string)[];
}

export interface ScriptRun {
  status: number | null;
  stdout: string;
  stderr: string;
  commands: Command[];
}

const STANDIN = path.join(__dirname, "standin");

export function runScript(script: string): ScriptRun {
  const dir = mkdtempSync(path.join(tmpdir(), "spectral-ops-"));
  try {
    const file = path.join(dir, "model.py");
    const rec = path.join(dir, "commands.jsonl");
    writeFileSync(file, script, "utf8");
    writeFileSync(rec, "");
    const r = spawnSync("python3", [file], { cwd: dir, env: { ...process.env, PYTHONPATH: STANDIN, OPS_RECORD: rec, PYTHONDONTWRITEBYTECODE: "1" }, encoding: "utf8", timeout: 60_000 });
    const commands = readFileSync(rec, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Command);
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, commands };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type V = [number, number, number];
const cross = (a: V, b: V): V => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const unit = (a: V): V => {
  const n = Math.hypot(...a);
  return [a[0] / n, a[1] / n, a[2] / n];
};

interface Beam {
  i: number;
  j: number;
  A: number;
  E: number;
  G: number;
  J: number;
  Iy: number;
  Iz: number;
  transf: number;
  released: number[];
}

interface Spring {
  i: number;
  j: number;
  mats: number[];
  dirs: number[];
  x: V;
  yp: V;
}

interface Building {
  nodes: Map<number, V>;
  fixes: Map<number, number[]>;
  transf: Map<number, V>;
  beams: Map<number, Beam>;
  springs: Map<number, Spring>;
  materials: Map<number, number>;
  ties: { master: number; slave: number; dofs: number[] }[];
  series: Map<number, number>;
  factor: number;
  nodal: { node: number; v: number[] }[];
  eleLoads: { ele: number; args: (number | string)[]; factor: number }[];
  settings: Map<string, (number | string)[]>;
}

/** Results of one `analyze`, by OpenSees tag. Element end forces: internal forces at x = 0 and x = L, local. */
export interface ReplayResult {
  disp: Map<number, number[]>;
  /** Restrained nodes: the 6 reaction components (0 where free). */
  reactions: Map<number, number[]>;
  beamForces: Map<number, { i: number[]; j: number[] }>;
  settings: Map<string, (number | string)[]>;
}

/** One solved model per `analyze` call, in script order. */
export function replay(commands: Command[]): ReplayResult[] {
  const runs: ReplayResult[] = [];
  let b: Building | null = null;
  for (const { cmd, args } of commands) {
    if (cmd === "wipe") {
      b = { nodes: new Map(), fixes: new Map(), transf: new Map(), beams: new Map(), springs: new Map(), materials: new Map(), ties: [], series: new Map(), factor: 1, nodal: [], eleLoads: [], settings: new Map() };
      continue;
    }
    if (!b) throw new Error(`command ${cmd} before wipe`);
    if (cmd === "analyze") runs.push(solve(b));
    else record(b, cmd, args);
  }
  return runs;
}

function record(b: Building, cmd: string, args: (number | string)[]): void {
  const n = args.filter((a): a is number => typeof a === "number");
  switch (cmd) {
    case "model":
      expectEqual(args, ["basic", "-ndm", 3, "-ndf", 6], "model");
      return;
    case "node":
      b.nodes.set(n[0] as number, [n[1], n[2], n[3]] as V);
      return;
    case "fix":
      b.fixes.set(n[0] as number, n.slice(1, 7));
      return;
    case "geomTransf":
      if (args[0] !== "Linear" && args[0] !== "PDelta") throw new Error(`geomTransf ${args[0]}`);
      b.transf.set(args[1] as number, [args[2], args[3], args[4]] as V);
      return;
    case "uniaxialMaterial":
      if (args[0] !== "Elastic") throw new Error(`uniaxialMaterial ${args[0]}`);
      b.materials.set(args[1] as number, args[2] as number);
      return;
    case "element":
      element(b, args);
      return;
    case "equalDOF":
      b.ties.push({ master: n[0] as number, slave: n[1] as number, dofs: n.slice(2) });
      return;
    case "timeSeries":
      expectEqual(args.slice(0, 1).concat(args.slice(2, 3)), ["Constant", "-factor"], "timeSeries");
      b.series.set(args[1] as number, args[3] as number);
      return;
    case "pattern":
      if (args[0] !== "Plain") throw new Error(`pattern ${args[0]}`);
      b.factor = b.series.get(args[2] as number) as number;
      return;
    case "load":
      b.nodal.push({ node: n[0] as number, v: n.slice(1, 7).map((v) => v * b.factor) });
      return;
    case "eleLoad":
      if (args[0] !== "-ele" || args[2] !== "-type") throw new Error(`eleLoad ${JSON.stringify(args)}`);
      b.eleLoads.push({ ele: args[1] as number, args: args.slice(3), factor: b.factor });
      return;
    case "constraints":
    case "numberer":
    case "system":
    case "algorithm":
    case "integrator":
    case "analysis":
      b.settings.set(cmd, args);
      return;
    case "nodeDisp":
      return;
    default:
      throw new Error(`the replay does not know ops.${cmd}`);
  }
}

function element(b: Building, args: (number | string)[]): void {
  if (args[0] === "elasticBeamColumn") {
    const [tag, i, j, A, E, G, J, Iy, Iz, transf] = args.slice(1, 11) as number[];
    const released: number[] = [];
    for (let k = 11; k < args.length; k += 2) {
      const dof = args[k] === "-releasez" ? 5 : args[k] === "-releasey" ? 4 : -1;
      if (dof < 0) throw new Error(`element option ${args[k]}`);
      const code = args[k + 1] as number;
      if (code & 1) released.push(dof);
      if (code & 2) released.push(6 + dof);
    }
    b.beams.set(tag as number, { i: i as number, j: j as number, A: A as number, E: E as number, G: G as number, J: J as number, Iy: Iy as number, Iz: Iz as number, transf: transf as number, released });
    return;
  }
  if (args[0] !== "zeroLength") throw new Error(`element ${args[0]}`);
  const [tag, i, j] = args.slice(1, 4) as number[];
  const s: Spring = { i: i as number, j: j as number, mats: [], dirs: [], x: [1, 0, 0], yp: [0, 1, 0] };
  let list: number[] | null = null;
  for (let k = 4; k < args.length; k++) {
    const a = args[k];
    if (a === "-mat") list = s.mats;
    else if (a === "-dir") list = s.dirs;
    else if (a === "-orient") {
      const v = args.slice(k + 1, k + 7) as number[];
      s.x = [v[0], v[1], v[2]] as V;
      s.yp = [v[3], v[4], v[5]] as V;
      k += 6;
      list = null;
    } else if (typeof a === "number" && list) list.push(a);
    else throw new Error(`zeroLength option ${String(a)}`);
  }
  if (s.mats.length !== s.dirs.length) throw new Error("zeroLength: -mat and -dir differ in length");
  b.springs.set(tag as number, s);
}

function expectEqual(a: unknown[], b: unknown[], what: string): void {
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`${what}: ${JSON.stringify(a)}`);
}

/** A recorded eleLoad as a local load on an element of length L. */
function localLoad(args: (number | string)[], factor: number, L: number): LocalLoad {
  const v = (args.slice(1) as number[]).map((x) => x * 1);
  const s = (x: number) => x * factor;
  if (args[0] === "-beamPoint") {
    const [Py, Pz, xL, Px = 0] = v as [number, number, number, number?];
    return { type: "point", a: xL * L, f: [s(Px), s(Py), s(Pz)], m: [0, 0, 0] };
  }
  if (args[0] !== "-beamUniform") throw new Error(`eleLoad type ${String(args[0])}`);
  const [wy = 0, wz = 0, wx = 0, aL = 0, bL = 1] = v;
  const wa: V = [s(wx), s(wy), s(wz)];
  const wb: V = v.length === 8 ? [s(v[7] as number), s(v[5] as number), s(v[6] as number)] : wa;
  if (!(aL > 0 || bL < 1)) return { type: "dist", a: 0, b: L, q1: wa, q2: wa };
  return { type: "dist", a: aL * L, b: bL * L, q1: wa, q2: wb };
}

interface BeamGeometry {
  R: Float64Array;
  L: number;
}

function beamGeometry(b: Building, e: Beam): BeamGeometry {
  const pi = b.nodes.get(e.i) as V;
  const pj = b.nodes.get(e.j) as V;
  const d: V = [pj[0] - pi[0], pj[1] - pi[1], pj[2] - pi[2]];
  const x = unit(d);
  const y = unit(cross(b.transf.get(e.transf) as V, x));
  const z = cross(x, y);
  return { R: Float64Array.from([...x, ...y, ...z]), L: Math.hypot(...d) };
}

function solve(b: Building): ReplayResult {
  const tags = [...b.nodes.keys()];
  const index = new Map(tags.map((t, k) => [t, k]));
  const N = 6 * tags.length;
  const dof = (tag: number, d: number) => {
    const k = index.get(tag);
    if (k === undefined) throw new Error(`unknown node ${tag}`);
    return 6 * k + d;
  };
  // equalDOF: each constrained DOF is its retained DOF
  const rep = Array.from({ length: N }, (_, p) => p);
  const find = (p: number): number => (rep[p] === p ? p : find(rep[p] as number));
  for (const t of b.ties) for (const d of t.dofs) rep[dof(t.slave, d - 1)] = find(dof(t.master, d - 1));
  const fixed = new Set<number>();
  for (const [tag, f] of b.fixes) f.forEach((v, d) => v && fixed.add(find(dof(tag, d))));

  const K = new Float64Array(N * N);
  const F = new Float64Array(N); // element fixed-end forces (global)
  const P = new Float64Array(N); // nodal loads
  const addK = (p: number[], kg: ArrayLike<number>, n: number) => {
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) K[(p[r] as number) * N + (p[c] as number)]! += kg[r * n + c] as number;
  };
  const geo = new Map<number, BeamGeometry & { k: Float64Array; F0: Float64Array; dofs: number[] }>();
  for (const [tag, e] of b.beams) {
    const g = beamGeometry(b, e);
    const k = localStiffness({ E: e.E, G: e.G, A: e.A, Iy: e.Iy, Iz: e.Iz, J: e.J }, g.L);
    const cond = e.released.length ? condense(k, e.released) : null;
    const loads = b.eleLoads.filter((l) => l.ele === tag).map((l) => localLoad(l.args, l.factor, g.L));
    const F0 = fixedEndForces(g.L, loads);
    if (cond) condenseLoad(cond, F0);
    const dofs = [...Array(6).keys()].map((d) => dof(e.i, d)).concat([...Array(6).keys()].map((d) => dof(e.j, d)));
    addK(dofs, toGlobal(k, g.R), 12);
    const Fg = localToGlobal12(g.R, F0, new Float64Array(12));
    dofs.forEach((p, r) => (F[p]! += Fg[r] as number));
    geo.set(tag, { ...g, k, F0, dofs });
  }
  for (const l of b.eleLoads) if (!b.beams.has(l.ele)) throw new Error(`eleLoad on element ${l.ele}, which is not a beam`);
  for (const s of b.springs.values()) addSpring(b, s, dof, addK);
  for (const l of b.nodal) l.v.forEach((v, d) => (P[dof(l.node, d)]! += v));

  // reduced system over the free equations
  const eq = new Map<number, number>();
  for (let p = 0; p < N; p++) {
    const r = find(p);
    if (!fixed.has(r) && !eq.has(r)) eq.set(r, eq.size);
  }
  const n = eq.size;
  const Kr = new Float64Array(n * n);
  const rhs = new Float64Array(n);
  const at = Array.from({ length: N }, (_, p) => eq.get(find(p)) ?? -1);
  for (let p = 0; p < N; p++) {
    const r = at[p] as number;
    if (r < 0) continue;
    rhs[r]! += (P[p] as number) - (F[p] as number);
    for (let q = 0; q < N; q++) {
      const c = at[q] as number;
      if (c >= 0) Kr[r * n + c]! += K[p * N + q] as number;
    }
  }
  const x = denseSolve(Kr, rhs, n);
  const u = Float64Array.from(at, (r) => (r >= 0 ? (x[r] as number) : 0));
  return results(b, { tags, index, N, K, F, P, u, fixed, find, geo });
}

function addSpring(b: Building, s: Spring, dof: (tag: number, d: number) => number, addK: (p: number[], kg: ArrayLike<number>, n: number) => void): void {
  const x = unit(s.x);
  const z = unit(cross(x, s.yp));
  const y = cross(z, x);
  const axes = [x, y, z];
  s.dirs.forEach((dir, m) => {
    const k = b.materials.get(s.mats[m] as number);
    if (k === undefined) throw new Error(`zeroLength: unknown material ${s.mats[m]}`);
    const a = axes[(dir - 1) % 3] as V;
    const off = dir <= 3 ? 0 : 3;
    const dofs = [0, 1, 2].map((c) => dof(s.i, off + c)).concat([0, 1, 2].map((c) => dof(s.j, off + c)));
    const B = [-a[0], -a[1], -a[2], a[0], a[1], a[2]];
    const kg = new Float64Array(36);
    for (let r = 0; r < 6; r++) for (let c = 0; c < 6; c++) kg[r * 6 + c] = k * (B[r] as number) * (B[c] as number);
    addK(dofs, kg, 6);
  });
}

function results(
  b: Building,
  s: { tags: number[]; index: Map<number, number>; N: number; K: Float64Array; F: Float64Array; P: Float64Array; u: Float64Array; fixed: Set<number>; find: (p: number) => number; geo: Map<number, BeamGeometry & { k: Float64Array; F0: Float64Array; dofs: number[] }> },
): ReplayResult {
  const { N, K, F, P, u } = s;
  const unbalance = new Float64Array(N);
  for (let p = 0; p < N; p++) {
    let v = (F[p] as number) - (P[p] as number);
    for (let q = 0; q < N; q++) v += (K[p * N + q] as number) * (u[q] as number);
    unbalance[p] = v;
  }
  const perEquation = new Map<number, number>();
  for (let p = 0; p < N; p++) {
    const r = s.find(p);
    if (s.fixed.has(r)) perEquation.set(r, (perEquation.get(r) ?? 0) + (unbalance[p] as number));
  }
  const disp = new Map<number, number[]>();
  const reactions = new Map<number, number[]>();
  s.tags.forEach((tag, k) => {
    disp.set(tag, Array.from(u.subarray(6 * k, 6 * k + 6)));
    const r = [0, 1, 2, 3, 4, 5].map((d) => (s.find(6 * k + d) === 6 * k + d && s.fixed.has(6 * k + d) ? (perEquation.get(6 * k + d) as number) : 0));
    if (b.fixes.has(tag)) reactions.set(tag, r);
  });
  const beamForces = new Map<number, { i: number[]; j: number[] }>();
  for (const [tag, g] of s.geo) {
    const ug = g.dofs.map((p) => u[p] as number);
    const ul = new Float64Array(12);
    for (let blk = 0; blk < 4; blk++) for (let r = 0; r < 3; r++) ul[3 * blk + r] = [0, 1, 2].reduce((acc, c) => acc + (g.R[3 * r + c] as number) * (ug[3 * blk + c] as number), 0);
    const f = Array.from({ length: 12 }, (_, r) => (g.F0[r] as number) + [...Array(12).keys()].reduce((acc, c) => acc + (g.k[r * 12 + c] as number) * (ul[c] as number), 0));
    beamForces.set(tag, { i: f.slice(0, 6).map((v) => -v), j: f.slice(6) });
  }
  return { disp, reactions, beamForces, settings: new Map(b.settings) };
}

/** Gaussian elimination with partial pivoting; a zero pivot (singular matrix) is an error, as in OpenSees. */
function denseSolve(A: Float64Array, rhs: Float64Array, n: number): Float64Array {
  const a = Float64Array.from(A);
  const x = Float64Array.from(rhs);
  let scale = 0;
  for (let d = 0; d < n; d++) scale = Math.max(scale, Math.abs(a[d * n + d] as number));
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r * n + c] as number) > Math.abs(a[piv * n + c] as number)) piv = r;
    if (!(Math.abs(a[piv * n + c] as number) > 1e-13 * scale)) throw new Error(`singular stiffness matrix at equation ${c}`);
    if (piv !== c) {
      for (let k = 0; k < n; k++) {
        const t = a[c * n + k] as number;
        a[c * n + k] = a[piv * n + k] as number;
        a[piv * n + k] = t;
      }
      const t = x[c] as number;
      x[c] = x[piv] as number;
      x[piv] = t;
    }
    const p = a[c * n + c] as number;
    for (let r = c + 1; r < n; r++) {
      const f = (a[r * n + c] as number) / p;
      if (f === 0) continue;
      for (let k = c; k < n; k++) a[r * n + k]! -= f * (a[c * n + k] as number);
      x[r]! -= f * (x[c] as number);
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let v = x[r] as number;
    for (let k = r + 1; k < n; k++) v -= (a[r * n + k] as number) * (x[k] as number);
    x[r] = v / (a[r * n + r] as number);
  }
  return x;
}
