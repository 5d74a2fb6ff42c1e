"use client";
/**
 * Result numbers for the selected node (displacement, rotation, reaction) or frame (end forces,
 * largest moment along it), in the model's display units; shown in the properties card.
 */
import { fmtMoment } from "./results-panel";
import { fmt, fmtForce, fmtLength } from "./units";
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

export function ResultsProperties({ payload: p, set, selected }: { payload: ViewerPayload; set: ViewerResultSet; selected: Pick }) {
  const u = p.units;
  if (selected.kind === "node") {
    const i = selected.index;
    const d = [0, 1, 2].map((c) => set.displacements[3 * i + c] ?? 0);
    const r = [0, 1, 2].map((c) => set.rotations[3 * i + c] ?? 0);
    const reaction = set.reactions.find((x) => x.node === i);
    return (
      <>
        <div className="sv-props-sub">Results ({set.name})</div>
        <dl>
          <Row k="ux, uy, uz" v={d.map((v) => fmtLength(v, u.length)).join(", ")} testId="res-displacement" />
          <Row k="|u|" v={fmtLength(Math.hypot(d[0]!, d[1]!, d[2]!), u.length)} testId="res-displacement-total" />
          <Row k="rx, ry, rz" v={`${r.map((v) => fmt(v, 3)).join(", ")} rad`} />
          {reaction && (
            <>
              <Row k="Rx, Ry, Rz" v={reaction.f.map((v) => fmtForce(v, u.force)).join(", ")} testId="res-reaction" />
              <Row k="Mx, My, Mz" v={reaction.m.map((v) => fmtMoment(v, u)).join(", ")} testId="res-reaction-moment" />
            </>
          )}
        </dl>
      </>
    );
  }
  const f = selected.index;
  const e = (c: number) => set.endForces[12 * f + c] ?? 0;
  const names = ["N", "Vy", "Vz", "T", "My", "Mz"];
  const val = (c: number) => (c >= 3 ? fmtMoment(e(c), u) : fmtForce(e(c), u.force));
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
          <Row k="Max |M| along" v={fmtMoment(mMax, u)} testId="res-frame-max-moment" />
        </dl>
      )}
    </>
  );
}
