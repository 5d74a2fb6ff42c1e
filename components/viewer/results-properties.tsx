"use client";
/**
 * Result numbers for the selected node (displacement, rotation, reaction) or frame (end forces,
 * largest moment along it), in engineering units; shown in the properties card.
 */
import { fmt, fmtQ, type EngUnits } from "./units";
import type { Pick, ViewerPayload } from "./types";
import type { ViewerResultSet } from "./use-results";

function Row({ k, v, testId }: { k: string; v: React.ReactNode; testId?: string }) {
  return (
    <>
      <dt>{k}</dt>
      <dd data-testid={testId}>{v}</dd>
    </>
  );
}

/** End-force components in the order of ViewerResultSet.endForces (i end, then j end). */
export const END_FORCE_NAMES = ["N", "Vy", "Vz", "T", "My", "Mz"] as const;

/** Component c (0..11) of a frame's end forces, formatted: forces for N, Vy, Vz; moments for T, My, Mz. */
export function fmtEndForce(u: EngUnits, c: number, v: number): string {
  return fmtQ(u, c % 6 >= 3 ? "moment" : "force", v);
}

export function ResultsProperties({ payload: p, set, selected, units: u }: { payload: ViewerPayload; set: ViewerResultSet; selected: Pick; units: EngUnits }) {
  if (selected.kind === "node") {
    const i = selected.index;
    const d = [0, 1, 2].map((c) => set.displacements[3 * i + c] ?? 0);
    const r = [0, 1, 2].map((c) => set.rotations[3 * i + c] ?? 0);
    const reaction = set.reactions.find((x) => x.node === i);
    return (
      <>
        <div className="sv-props-sub">Results ({set.name})</div>
        <dl>
          <Row k="ux, uy, uz" v={d.map((v) => fmtQ(u, "disp", v)).join(", ")} testId="res-displacement" />
          <Row k="|u|" v={fmtQ(u, "disp", Math.hypot(d[0]!, d[1]!, d[2]!))} testId="res-displacement-total" />
          <Row k="rx, ry, rz" v={`${r.map((v) => fmt(v * 1000, 3)).join(", ")} mrad`} />
          {reaction && (
            <>
              <Row k="|R|" v={fmtQ(u, "force", Math.hypot(...reaction.f))} testId="res-reaction-total" />
              <Row k="Rx, Ry, Rz" v={reaction.f.map((v) => fmtQ(u, "force", v)).join(", ")} testId="res-reaction" />
              <Row k="Mx, My, Mz" v={reaction.m.map((v) => fmtQ(u, "moment", v)).join(", ")} testId="res-reaction-moment" />
            </>
          )}
        </dl>
      </>
    );
  }
  const f = selected.index;
  const e = (c: number) => set.endForces[12 * f + c] ?? 0;
  const names = END_FORCE_NAMES;
  const val = (c: number) => fmtEndForce(u, c, e(c));
  const diag = set.diagrams?.find((d) => d.frame === f);
  let mMax = 0;
  if (diag) for (const a of [diag.My, diag.Mz]) for (const v of a) mMax = Math.max(mMax, Math.abs(v));
  return (
    <>
      <div className="sv-props-sub">End forces ({set.name}, local axes)</div>
      <table className="sv-endforces" data-testid="res-end-forces">
        <thead>
          <tr>
            <th />
            <th>i</th>
            <th>j</th>
          </tr>
        </thead>
        <tbody>
          {names.map((n, c) => (
            <tr key={n}>
              <th>{n}</th>
              <td>{val(c)}</td>
              <td>{val(c + 6)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {diag && (
        <dl>
          <Row k="Max |M| along" v={fmtQ(u, "moment", mMax)} testId="res-frame-max-moment" />
        </dl>
      )}
    </>
  );
}
