/**
 * Command replay for exported OpenSeesPy scripts: run the script with python3 against the stand-in
 * `openseespy.opensees` module (standin/), read the commands it recorded, and rebuild one analysis
 * model per `analyze` call with OpenSees' documented semantics:
 *
 *   node tag x y z; fix tag f1..f6; geomTransf Linear|PDelta tag vecxz (local y = vecxz × x,
 *   z = x × y); element elasticBeamColumn tag i j A E G J Iy Iz transf [-releasez c] [-releasey c]
 *   (c: 1 = i, 2 = j, 3 = both; J = 0: no torsional stiffness); equalDOF master slave dofs (the
 *   slave follows the master in those global DOFs);
 *   timeSeries Constant tag -factor f; pattern Plain tag ts; load node 6 values (× factor);
 *   eleLoad -beamUniform Wy Wz [Wx] (full length) | Wy Wz Wx aOverL bOverL [Wyb Wzb Wxb]
 *   (partial, linearly varying; OpenSees uses a uniform full-length load, start values only,
 *   unless aOverL > 0 or bOverL < 1); eleLoad -beamPoint Py Pz xOverL [Px].
 *
 * Our own solver then analyses each rebuilt model; an equalDOF tie is rebuilt as the element-end
 * release it stands for (untied global DOFs mapped to local axes, which must coincide).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AnalysisFrame, AnalysisLoad, AnalysisModel } from "@/lib/structural/analysis";

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

interface Building {
  nodes: Map<number, V>;
  fixes: Map<number, number[]>;
  transf: Map<number, V>;
  elements: Map<number, { i: number; j: number; A: number; E: number; G: number; J: number; Iy: number; Iz: number; transf: number; rel: string[] }>;
  ties: { master: number; slave: number; dofs: number[] }[];
  series: Map<number, number>;
  factor: number;
  loads: AnalysisLoad[];
  settings: Map<string, (number | string)[]>;
}

/** One rebuilt model per `analyze` call, in script order. */
export function replay(commands: Command[]): { model: AnalysisModel; settings: Map<string, (number | string)[]> }[] {
  const runs: { model: AnalysisModel; settings: Map<string, (number | string)[]> }[] = [];
  let b: Building | null = null;
  const fresh = (): Building => ({ nodes: new Map(), fixes: new Map(), transf: new Map(), elements: new Map(), ties: [], series: new Map(), factor: 1, loads: [], settings: new Map() });
  for (const { cmd, args } of commands) {
    const n = args.filter((a): a is number => typeof a === "number");
    if (cmd === "wipe") {
      b = fresh();
      continue;
    }
    if (!b) throw new Error(`command ${cmd} before wipe`);
    switch (cmd) {
      case "model":
        expectEqual(args, ["basic", "-ndm", 3, "-ndf", 6], "model");
        break;
      case "node":
        b.nodes.set(n[0] as number, [n[1], n[2], n[3]] as V);
        break;
      case "fix":
        b.fixes.set(n[0] as number, n.slice(1, 7));
        break;
      case "geomTransf":
        if (args[0] !== "Linear" && args[0] !== "PDelta") throw new Error(`geomTransf ${args[0]}`);
        b.transf.set(args[1] as number, [args[2], args[3], args[4]] as V);
        break;
      case "element": {
        if (args[0] !== "elasticBeamColumn") throw new Error(`element ${args[0]}`);
        const [tag, i, j, A, E, G, J, Iy, Iz, transf] = args.slice(1, 11) as number[];
        const rel = ["FFFFFF", "FFFFFF"].map((c) => [...c]);
        for (let k = 11; k < args.length; k += 2) {
          const flag = args[k];
          const code = args[k + 1] as number;
          const dof = flag === "-releasez" ? 5 : flag === "-releasey" ? 4 : -1;
          if (dof < 0) throw new Error(`element option ${flag}`);
          if (code & 1) (rel[0] as string[])[dof] = "R";
          if (code & 2) (rel[1] as string[])[dof] = "R";
        }
        b.elements.set(tag as number, { i: i as number, j: j as number, A: A as number, E: E as number, G: G as number, J: J as number, Iy: Iy as number, Iz: Iz as number, transf: transf as number, rel: rel.map((r) => r.join("")) });
        break;
      }
      case "equalDOF":
        b.ties.push({ master: n[0] as number, slave: n[1] as number, dofs: n.slice(2) });
        break;
      case "timeSeries":
        expectEqual(args.slice(0, 1).concat(args.slice(2, 3)), ["Constant", "-factor"], "timeSeries");
        b.series.set(args[1] as number, args[3] as number);
        break;
      case "pattern":
        if (args[0] !== "Plain") throw new Error(`pattern ${args[0]}`);
        b.factor = b.series.get(args[2] as number) as number;
        break;
      case "load": {
        const f = n.slice(1, 7).map((v) => v * b!.factor);
        b.loads.push({ kind: "nodal", case: "run", node: String(n[0]), fx: f[0], fy: f[1], fz: f[2], mx: f[3], my: f[4], mz: f[5] });
        break;
      }
      case "eleLoad":
        b.loads.push(eleLoad(args, b.factor));
        break;
      case "analyze":
        runs.push({ model: toModel(b), settings: new Map(b.settings) });
        break;
      case "constraints":
      case "numberer":
      case "system":
      case "algorithm":
      case "integrator":
      case "analysis":
        b.settings.set(cmd, args);
        break;
      case "nodeDisp":
        break;
      default:
        throw new Error(`the replay does not know ops.${cmd}`);
    }
  }
  return runs;
}

function expectEqual(a: unknown[], b: unknown[], what: string): void {
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`${what}: ${JSON.stringify(a)}`);
}

function eleLoad(args: (number | string)[], factor: number): AnalysisLoad {
  if (args[0] !== "-ele" || args[2] !== "-type") throw new Error(`eleLoad ${JSON.stringify(args)}`);
  const frame = String(args[1]);
  const v = (args.slice(4) as number[]).map((x) => x * 1);
  const s = (x: number) => x * factor;
  if (args[3] === "-beamPoint") {
    const [Py, Pz, xL, Px = 0] = v as [number, number, number, number?];
    return { kind: "frame_point", case: "run", frame, position: xL, axes: "local", fx: s(Px), fy: s(Py), fz: s(Pz) };
  }
  if (args[3] !== "-beamUniform") throw new Error(`eleLoad type ${args[3]}`);
  const [wy, wz, wx = 0, aL = 0, bL = 1] = v as number[];
  const wa: V = [s(wx as number), s(wy as number), s(wz as number)];
  let wb: V = wa;
  if (v.length === 8) wb = [s(v[7] as number), s(v[5] as number), s(v[6] as number)];
  if (!((aL as number) > 0 || (bL as number) < 1)) return { kind: "frame_distributed", case: "run", frame, start: 0, end: 1, axes: "local", w1: wa, w2: wa };
  return { kind: "frame_distributed", case: "run", frame, start: aL as number, end: bL as number, axes: "local", w1: wa, w2: wb };
}

function toModel(b: Building): AnalysisModel {
  const slaveOf = new Map(b.ties.map((t) => [t.slave, t]));
  const frames: AnalysisFrame[] = [];
  for (const [tag, e] of b.elements) {
    const pi = b.nodes.get(e.i) as V;
    const pj = b.nodes.get(e.j) as V;
    const x = unit([pj[0] - pi[0], pj[1] - pi[1], pj[2] - pi[2]]);
    const vecxz = b.transf.get(e.transf) as V;
    const y = unit(cross(vecxz, x));
    const axes = [x, y, cross(x, y)];
    const rel = e.rel.map((r) => [...r]);
    let J = e.J;
    if (J === 0) {
      J = 1;
      (rel[0] as string[])[3] = "R"; // no torsional stiffness = torsion released
    }
    let A = e.A;
    if (A === 0) {
      A = 1;
      (rel[0] as string[])[0] = "R"; // no axial stiffness = axial force released (valid while no axial load acts on it)
      if (b.loads.some((l) => l.kind !== "nodal" && l.frame === String(tag) && ((l.kind === "frame_point" && l.fx) || (l.kind === "frame_distributed" && (l.w1[0] || l.w2[0]))))) throw new Error(`axial load on element ${tag} without axial stiffness`);
    }
    const ends = [e.i, e.j].map((nodeTag, end) => {
      const tie = slaveOf.get(nodeTag);
      if (!tie) return nodeTag;
      for (let g = 0; g < 6; g++) {
        if (tie.dofs.includes(g + 1)) continue;
        const k = axes.findIndex((a) => Math.abs(Math.abs(a[g % 3] as number) - 1) < 1e-12);
        if (k < 0) throw new Error(`equalDOF ${tie.master}-${tie.slave}: untied global DOF ${g + 1} is not a local axis of element ${tag}`);
        (rel[end] as string[])[(g < 3 ? 0 : 3) + k] = "R";
      }
      return tie.master;
    });
    frames.push({ id: String(tag), i: String(ends[0]), j: String(ends[1]), E: e.E, G: e.G, A, Iy: e.Iy, Iz: e.Iz, J, density: 0, roll: 0, orientation: { x: y[0], y: y[1], z: y[2] }, releases: { i: (rel[0] as string[]).join(""), j: (rel[1] as string[]).join("") } });
  }
  for (const l of b.loads) if (l.kind === "nodal" && slaveOf.has(Number(l.node))) throw new Error("load on a tied node");
  return {
    nodes: [...b.nodes].map(([tag, p]) => ({ id: String(tag), x: p[0], y: p[1], z: p[2] })),
    frames,
    supports: [...b.fixes].map(([tag, f]) => ({ node: String(tag), code: f.map((v) => (v ? "F" : "R")).join("") })),
    verticalAxis: "Z",
    loadCases: [{ id: "run", name: "run" }],
    loads: b.loads,
    combinations: [],
  };
}
