/**
 * Analysis results for the viewer: GET /api/models/[id]/results?set=<id>[&share=TOKEN].
 *
 * Same access rules as the viewer page (owner and collaborators by session, anyone with a live
 * share token). Answers the latest finished analysis job of the model in a compact form keyed by
 * the viewer payload's node and frame INDICES of the revision the job analysed (so the client can
 * draw straight from its typed arrays). When the model changed since, `stale` is true and
 * `revision` says which revision the numbers belong to: the viewer draws them only over that
 * revision and otherwise shows "model changed since this analysis".
 */
import "server-only";
import { getJobResults, latestJob } from "@/lib/db/analysis";
import type { StoredResults } from "@/lib/analysis/jobs";
import type { ResultSet } from "@/lib/structural/analysis/types";
import { loadViewer } from "@/lib/viewer/load";

export interface ViewerResultSetInfo {
  id: string;
  name: string;
  kind: "case" | "combination";
}

export interface ViewerExtreme {
  value: number;
  /** Frame index. */
  frame: number;
  x: number;
  component: string;
}

export interface ViewerResultSet {
  id: string;
  name: string;
  kind: "case" | "combination";
  /** Flat ux, uy, uz per payload node index (global, m). */
  displacements: number[];
  /** Flat rx, ry, rz per payload node index (rad). */
  rotations: number[];
  /** Reactions at supported nodes (forces the supports apply to the structure, global, N and N·m). */
  reactions: { node: number; f: [number, number, number]; m: [number, number, number] }[];
  /** Flat per frame index: N, Vy, Vz, T, My, Mz at i, then the same at j (local axes, N and N·m). */
  endForces: number[];
  /** Member diagrams (local axes) when the analysis kept them. */
  diagrams?: { frame: number; x: number[]; N: number[]; Vy: number[]; Vz: number[]; T: number[]; My: number[]; Mz: number[]; ux: number[]; uy: number[]; uz: number[] }[];
  /** Local axes per frame index ([x, y, z] unit vectors, model coordinates) when diagrams were kept. */
  axes?: ([[number, number, number], [number, number, number], [number, number, number]] | null)[];
  extremes: {
    maxDisplacement: { value: number; node: number; ux: number; uy: number; uz: number } | null;
    maxN: ViewerExtreme | null;
    maxV: ViewerExtreme | null;
    maxM: ViewerExtreme | null;
    maxT: ViewerExtreme | null;
  };
  equilibrium: { relativeResidual: number; ok: boolean };
}

export type ViewerResults =
  | { none: true }
  | {
      none?: false;
      jobId: string;
      /** The model revision the analysis was made for. */
      revision: number;
      /** The model's current revision. */
      latestRevision: number;
      /** True when the model changed since this analysis. */
      stale: boolean;
      status: "succeeded" | "failed";
      error?: string;
      finishedAt: string | null;
      /** Whether member diagrams were kept (small enough models). */
      diagrams: boolean;
      sets: ViewerResultSetInfo[];
      set: ViewerResultSet | null;
      /** Largest translation of the chosen set: value (m) and node index. */
      maxDisplacement: { value: number; node: number } | null;
    };

const round = (v: number): number => (v === 0 || !Number.isFinite(v) ? v : Number(v.toPrecision(8)));

function mapSet(rs: ResultSet, nodeIndex: Map<string, number>, frameIndex: Map<string, number>, nodeCount: number, frameCount: number, stored: StoredResults): ViewerResultSet {
  const displacements = new Array<number>(3 * nodeCount).fill(0);
  const rotations = new Array<number>(3 * nodeCount).fill(0);
  for (const d of rs.displacements) {
    const k = nodeIndex.get(d.node);
    if (k === undefined) continue;
    displacements[3 * k] = d.ux;
    displacements[3 * k + 1] = d.uy;
    displacements[3 * k + 2] = d.uz;
    rotations[3 * k] = d.rx;
    rotations[3 * k + 1] = d.ry;
    rotations[3 * k + 2] = d.rz;
  }
  const reactions: ViewerResultSet["reactions"] = [];
  for (const r of rs.reactions) {
    const k = nodeIndex.get(r.node);
    if (k === undefined) continue;
    reactions.push({ node: k, f: [r.fx, r.fy, r.fz], m: [r.mx, r.my, r.mz] });
  }
  const endForces = new Array<number>(12 * frameCount).fill(0);
  for (const m of rs.memberForces) {
    const k = frameIndex.get(m.frame);
    if (k === undefined) continue;
    const e = [m.i.N, m.i.Vy, m.i.Vz, m.i.T, m.i.My, m.i.Mz, m.j.N, m.j.Vy, m.j.Vz, m.j.T, m.j.My, m.j.Mz];
    for (let c = 0; c < 12; c++) endForces[12 * k + c] = e[c]!;
  }
  const out: ViewerResultSet = {
    id: rs.id,
    name: rs.name,
    kind: rs.kind,
    displacements,
    rotations,
    reactions,
    endForces,
    extremes: {
      maxDisplacement: null,
      maxN: null,
      maxV: null,
      maxM: null,
      maxT: null,
    },
    equilibrium: { relativeResidual: rs.equilibrium.relativeResidual, ok: rs.equilibrium.ok },
  };
  const s = rs.summary;
  if (s.maxDisplacement) {
    const k = nodeIndex.get(s.maxDisplacement.node);
    if (k !== undefined) out.extremes.maxDisplacement = { value: s.maxDisplacement.value, node: k, ux: s.maxDisplacement.ux, uy: s.maxDisplacement.uy, uz: s.maxDisplacement.uz };
  }
  for (const key of ["maxN", "maxV", "maxM", "maxT"] as const) {
    const e = s[key];
    const k = e ? frameIndex.get(e.frame) : undefined;
    if (e && k !== undefined) out.extremes[key] = { value: e.value, frame: k, x: e.x, component: e.component };
  }
  if (stored.diagrams && rs.diagrams.length) {
    out.diagrams = [];
    for (const d of rs.diagrams) {
      const k = frameIndex.get(d.frame);
      if (k === undefined) continue;
      out.diagrams.push({
        frame: k,
        x: d.x.map(round),
        N: d.N.map(round),
        Vy: d.Vy.map(round),
        Vz: d.Vz.map(round),
        T: d.T.map(round),
        My: d.My.map(round),
        Mz: d.Mz.map(round),
        ux: d.ux.map(round),
        uy: d.uy.map(round),
        uz: d.uz.map(round),
      });
    }
    const axes: ViewerResultSet["axes"] = new Array(frameCount).fill(null);
    for (const a of stored.frameAxes) {
      const k = frameIndex.get(a.frame);
      if (k !== undefined) axes[k] = [a.x, a.y, a.z];
    }
    out.axes = axes;
  }
  return out;
}

/**
 * The results the caller may see, or null when the model does not exist for them (404).
 * `setId` picks the load case or combination (default: the first case).
 */
export async function resultsForViewer(modelId: string, access: { userId: string | null; shareToken: string | null }, setId?: string | null): Promise<ViewerResults | null> {
  const current = await loadViewer(modelId, access.userId, access.shareToken);
  if (!current) return null;
  const job = await latestJob(modelId, { finished: true });
  if (!job) return { none: true };
  const stale = job.revision !== current.latestRevision;
  const base = {
    jobId: job.id,
    revision: job.revision,
    latestRevision: current.latestRevision,
    stale,
    status: job.status as "succeeded" | "failed",
    finishedAt: job.finishedAt ? new Date(job.finishedAt).toISOString() : null,
  };
  const stored = job.status === "succeeded" ? ((await getJobResults(job.id)) as StoredResults | null) : null;
  if (!stored) {
    return { ...base, error: job.error ?? "The analysis failed.", diagrams: false, sets: [], set: null, maxDisplacement: null };
  }
  const all = [...stored.cases, ...stored.combinations];
  const sets = all.map((s) => ({ id: s.id, name: s.name, kind: s.kind }));
  const chosen = (setId ? all.find((s) => s.id === setId) : undefined) ?? all[0];
  // Indices of the revision analysed (the current payload when not stale).
  const viewer = stale ? await loadViewer(modelId, access.userId, access.shareToken, job.revision) : current;
  if (!chosen || !viewer) return { ...base, diagrams: stored.diagrams, sets, set: null, maxDisplacement: null };
  const p = viewer.payload;
  const nodeIndex = new Map(p.nodes.ids.map((id, k) => [id, k]));
  const frameIndex = new Map(p.frames.ids.map((id, k) => [id, k]));
  const set = mapSet(chosen, nodeIndex, frameIndex, p.nodes.ids.length, p.frames.ids.length, stored);
  const md = set.extremes.maxDisplacement;
  return { ...base, diagrams: stored.diagrams, sets, set, maxDisplacement: md ? { value: md.value, node: md.node } : null };
}

/** The route handler's body: JSON, never cached; 404 without access. */
export async function resultsResponse(req: Request, modelId: string): Promise<Response> {
  const url = new URL(req.url);
  const shareToken = url.searchParams.get("share");
  const setId = url.searchParams.get("set");
  const headers = { "Cache-Control": "private, no-store" };
  if (!modelId || modelId.length > 100 || (setId && setId.length > 200) || (shareToken && shareToken.length > 200)) {
    return Response.json({ error: "not_found", message: "No such model." }, { status: 404, headers });
  }
  const { getCurrentUser } = await import("@/lib/auth/session");
  const user = await getCurrentUser();
  const r = await resultsForViewer(modelId, { userId: user?.id ?? null, shareToken }, setId);
  if (!r) return Response.json({ error: "not_found", message: "No such model." }, { status: 404, headers });
  return Response.json(r, { headers });
}

export type AnalyseOutcome =
  | { ok: true; jobId: string; status: "queued" | "running" | "succeeded" | "failed"; revision: number; error?: string }
  | { ok: false; error: string };

/**
 * The viewer's "Analyse" button (owner and editors): submits an analysis of the model's current
 * revision and waits for it up to `waitMs`. Unknown model, no access and read-only access look alike.
 */
export async function analyseForCurrentUser(modelId: string, waitMs = 40_000): Promise<AnalyseOutcome> {
  const { getCurrentUser } = await import("@/lib/auth/session");
  const user = await getCurrentUser();
  if (!user) return { ok: false, error: "Sign in to analyse this model." };
  if (typeof modelId !== "string" || !modelId || modelId.length > 100) return { ok: false, error: "No such model." };
  const [{ loadModel }, { submitAnalysis, waitForJob }, { validateModel, hasErrors }, { toAnalysisModel }] = await Promise.all([
    import("@/lib/db/models"),
    import("@/lib/analysis/jobs"),
    import("@/lib/structural"),
    import("@/lib/structural/to-analysis"),
  ]);
  const found = await loadModel(modelId, user.id);
  if (!found || (found.role !== "owner" && found.role !== "editor")) return { ok: false, error: "No such model, or you may only view it." };
  const { model } = found;
  if (model.frames.length === 0) return { ok: false, error: "The model has no frames to analyse." };
  if (model.loadCases.length === 0) return { ok: false, error: "The model has no load cases: add one with loads first." };
  const blocking = [...validateModel(model), ...toAnalysisModel(model).issues].filter((i) => i.severity === "error");
  if (hasErrors(blocking)) {
    return { ok: false, error: `The model cannot be analysed yet: ${blocking.slice(0, 5).map((i) => i.message).join(" ")}${blocking.length > 5 ? ` (+${blocking.length - 5} more)` : ""}` };
  }
  const job = await submitAnalysis(model, user.id);
  const done = (await waitForJob(job.id, Math.max(0, Math.min(waitMs, 55_000)))) ?? job;
  return { ok: true, jobId: done.id, status: done.status, revision: done.revision, ...(done.error ? { error: done.error } : {}) };
}
