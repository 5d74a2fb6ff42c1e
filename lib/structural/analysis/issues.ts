/**
 * The solver reports through the domain's IssueSink (../issues.ts) like every other producer; its
 * codes are domain codes (ISSUE_CODES lists them; `IssueSink<IssueCode>` would not compile if one
 * were missing). At most MAX_ISSUES_PER_CODE per code are listed, then one "N more" note.
 *
 * AnalysisOutput keeps its own issue shape ({ code, severity, nodes, frames, dofs, message, hint }:
 * the worker's result, analyze_model and the jobs read it), projected from the domain issues once,
 * when analyze() or prepare() returns.
 */
import { IssueSink, type ElementRef, type Issue, type IssueExtras } from "../issues";
import type { AnalysisIssue, DofName, IssueCode } from "./types";

export const MAX_ISSUES_PER_CODE = 25;

export type SolverIssue = Issue<IssueCode>;
export type SolverSink = IssueSink<IssueCode>;

export const solverSink = (): SolverSink => new IssueSink<IssueCode>({ maxPerCode: MAX_ISSUES_PER_CODE });

export interface SolverRefs {
  nodes?: string[];
  frames?: string[];
  dofs?: DofName[];
}

/** A hint and the node/frame ids and DOFs involved, as IssueExtras. */
export function solverExtras(hint: string, refs: SolverRefs = {}): IssueExtras {
  const elements: ElementRef[] = [];
  for (const id of refs.nodes ?? []) elements.push({ kind: "node", id });
  for (const id of refs.frames ?? []) elements.push({ kind: "frame", id });
  return refs.dofs ? { hint, elements, dofs: refs.dofs } : { hint, elements };
}

const idsOf = (i: SolverIssue, kind: "node" | "frame"): string[] => (i.elements ?? []).filter((e) => e.kind === kind).map((e) => e.id ?? "");

/** The public shape of a solver issue (AnalysisOutput.issues / warnings). */
export function toAnalysisIssue(i: SolverIssue): AnalysisIssue {
  return {
    code: i.code,
    severity: i.severity === "error" ? "error" : "warning",
    nodes: idsOf(i, "node"),
    frames: idsOf(i, "frame"),
    dofs: i.dofs ?? [],
    message: i.message,
    hint: i.hint ?? "",
  };
}

export const toAnalysisIssues = (list: readonly SolverIssue[]): AnalysisIssue[] => list.map(toAnalysisIssue);
