/**
 * Issues: the typed values every check, planner and importer returns instead of throwing.
 *
 * An Issue has a STABLE `code` (clients, tests and the LLM may branch on it), a severity, and a
 * message that says what is wrong AND what to do about it. `path` points into the input that caused
 * it (e.g. ["frames", 12, "j"]); `elements` names the model rows involved.
 *
 * Severity rule of thumb: `error` = the change must not be applied / the model cannot be analysed;
 * `warning` = allowed but probably a mistake; `info` = something was done for the user (merged,
 * pulled from the catalogue, auto-created).
 *
 * Every producer reports through one IssueSink (code, message, extras). This file imports nothing at
 * run time (the solver's worker bundle uses it); the zod schema of an Issue and the zod-error
 * adapter are in ./issues-schema.ts.
 */
import type { DofName } from "./schema";

/** Every code, with the rule it reports. Add codes; never rename or reuse one. */
export const ISSUE_CODES = {
  INVALID_INPUT: "The input does not have the expected shape (wrong type, missing field, out of range).",
  TOO_MANY_ELEMENTS: "More rows in one call than the configured limit.",
  EMPTY_MODEL: "The model has no frames yet.",
  DUPLICATE_ID: "Two rows of the same kind share an id.",
  DUPLICATE_NODE: "Two nodes share a label.",
  DUPLICATE_LABEL: "Two frames share a label.",
  DUPLICATE_NAME: "Two sections, materials, load cases or combinations share a name.",
  DUPLICATE_REF: "A `ref` is used twice in one call.",
  DUPLICATE_FRAME: "Two frames connect the same pair of nodes (in either direction).",
  DUPLICATE_SUPPORT: "A node has more than one support.",
  COINCIDENT_NODES: "Two distinct nodes lie within the merge tolerance of each other.",
  NODE_MERGED: "A new node coincided with another node and was merged into it.",
  SUPPORT_REPLACED: "A node already had a support; its code was replaced.",
  CATALOGUE_ADDED: "A catalogue section or material was copied into the model.",
  AUTO_CREATED: "The importer created a row the payload referred to but did not declare.",
  ZERO_LENGTH_FRAME: "A frame's two ends are the same node or coincide.",
  UNKNOWN_NODE: "A reference to a node that does not exist.",
  UNKNOWN_FRAME: "A reference to a frame that does not exist.",
  UNKNOWN_SECTION: "A reference to a section that is neither in the model nor in the catalogue.",
  UNKNOWN_MATERIAL: "A reference to a material that is neither in the model nor in the catalogue.",
  UNKNOWN_LOAD_CASE: "A reference to a load case that does not exist.",
  UNKNOWN_LOAD: "A reference to a load id that does not exist.",
  UNKNOWN_SUPPORT: "A reference to a support that does not exist.",
  UNKNOWN_COMBINATION: "A reference to a combination that does not exist.",
  UNKNOWN_UNIT: "A unit name that is not recognised.",
  NON_FINITE_COORDINATE: "A node coordinate is NaN or infinite.",
  NON_FINITE_VALUE: "A numeric value is NaN or infinite.",
  INVALID_DOF_CODE: "A support or release code is not 6 characters of F/R.",
  INVALID_PROPERTY: "A section or material property is out of range (E, G, A, I, J must be > 0).",
  INVALID_ORIENTATION: "A frame's orientation vector is zero or parallel to the frame.",
  INVALID_LOAD_POSITION: "A load position is outside 0..1 or a distributed load has end ≤ start.",
  MISSING_SECTION: "A frame has no section (analysis needs A, I, J).",
  MISSING_MATERIAL: "A frame has no material (analysis needs E, G).",
  SECTION_AXES_SUSPECT: "An I/channel section has Iy > Iz; Spectral's Iz is the strong axis.",
  UNCONNECTED_NODE: "A node is not used by any frame.",
  DISCONNECTED_PARTS: "The frames form more than one connected structure.",
  UNSUPPORTED_PART: "A connected part of the structure has no support (rigid-body motion).",
  NO_SUPPORTS: "The model has frames but no supports.",
  INSUFFICIENT_RESTRAINT: "The supports of a part leave a rigid-body motion free.",
  UNSTABLE_RELEASES: "A frame's end releases make the frame itself a mechanism.",
  SELFWEIGHT_NO_DENSITY: "A load case includes self-weight but some frames' material has zero density.",
  UNITS_SUSPECT: "A size or property is implausible for its unit; probably a unit mistake.",
  EMPTY_COMBINATION: "A combination has no factors.",
  NODE_IN_USE: "A node to remove is still used by frames.",
  SECTION_IN_USE: "A section to remove is still assigned to frames.",
  MATERIAL_IN_USE: "A material to remove is still assigned to frames.",
  LOAD_CASE_IN_USE: "A load case to remove still has loads or appears in combinations.",
  // Reported by the solver (lib/structural/analysis): its validation of the analysis model and the
  // stability found while factorizing. analyze_model and validate_model translate them (lib/mcp/tools/analysis-support.ts).
  STRUCT_MECHANISM: "The stiffness matrix is singular: part of the structure can move without resistance.",
  STRUCT_NO_SUPPORT: "A connected part of the structure (or all of it) has no support.",
  NODE_UNSTABLE_DOF: "A loaded node has no stiffness in one of its degrees of freedom.",
  MODEL_EMPTY: "The analysis model has no nodes or no frames.",
  REF_MISSING: "An analysis row refers to a node, frame, section, material or load case that is not in the model.",
  PROP_INVALID: "An analysis input value (coordinate, property, factor) is not a finite number in range.",
  CODE_INVALID: "A support or release code in the analysis model is not 6 letters F/R.",
  FRAME_ZERO_LENGTH: "A frame in the analysis model has zero length.",
  LOAD_INVALID: "A load in the analysis model is malformed (position, axes or values).",
  MODEL_TOO_LARGE: "The solver could not factorize the stiffness matrix in the memory available.",
  NODE_UNCONNECTED: "Nodes no frame uses were left out of the analysis.",
  NODE_DOF_AUTO_RESTRAINED: "DOFs no member gives stiffness to were restrained automatically.",
  FRAME_ORIENTATION_IGNORED: "A frame's orientation vector could not be used; the default was.",
  FRAME_RELEASE_MECHANISM: "A frame's releases leave it with a local mechanism.",
  EQUILIBRIUM_RESIDUAL: "Applied loads and reactions of a result set do not balance.",
  SELECTION_EMPTY: "A selection (where: role and/or section) matched no existing frame.",
  UNITS_LINE_LOAD: "A line load is under 10 N/m: probably kN/m (or kip/ft) sent without units.",
  UNITS_NODAL_FORCE: "A nodal force is under 1 N or over 1e9 N: probably the wrong force unit.",
  UNITS_SPAN: "A frame is longer than 1 km: probably millimetres sent as metres.",
  UNITS_MODULUS: "A material's E is outside 1e8-1e12 Pa: probably MPa, GPa or ksi sent as Pa.",
  UNITS_SECTION_AREA: "A section's area is over 10 m²: probably mm² or cm² sent as m².",
} as const;

export type IssueCode = keyof typeof ISSUE_CODES;
export const ISSUE_CODE_LIST = Object.keys(ISSUE_CODES) as IssueCode[];

export const SEVERITIES = ["error", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ELEMENT_KINDS = ["node", "frame", "support", "section", "material", "loadCase", "load", "combination"] as const;
export type ElementKind = (typeof ELEMENT_KINDS)[number];
export interface ElementRef {
  kind: ElementKind;
  id?: string;
  label?: string;
}

export type IssuePath = (string | number)[];

/** One issue. `C` narrows the code for a producer that reports only some codes (the solver). */
export interface Issue<C extends IssueCode = IssueCode> {
  code: C;
  severity: Severity;
  /** What is wrong and what to do about it, in one or two sentences. */
  message: string;
  /** Where in the input (e.g. ["frames", 12, "j"]). */
  path?: IssuePath;
  elements?: ElementRef[];
  hint?: string;
  /** Degrees of freedom involved (solver issues only). */
  dofs?: DofName[];
}

export interface IssueExtras {
  path?: IssuePath;
  elements?: ElementRef[];
  hint?: string;
  dofs?: DofName[];
}

/** Build an Issue, leaving out absent optional fields (keeps serialized output and deep-equality clean). */
export function makeIssue<C extends IssueCode>(code: C, severity: Severity, message: string, extras: IssueExtras = {}): Issue<C> {
  const issue: Issue<C> = { code, severity, message };
  if (extras.path !== undefined) issue.path = extras.path;
  if (extras.elements !== undefined && extras.elements.length > 0) issue.elements = extras.elements;
  if (extras.hint !== undefined) issue.hint = extras.hint;
  if (extras.dofs !== undefined) issue.dofs = extras.dofs;
  return issue;
}

export const error = (code: IssueCode, message: string, extras?: IssueExtras): Issue => makeIssue(code, "error", message, extras);
export const warning = (code: IssueCode, message: string, extras?: IssueExtras): Issue => makeIssue(code, "warning", message, extras);
export const info = (code: IssueCode, message: string, extras?: IssueExtras): Issue => makeIssue(code, "info", message, extras);

// ── The sink ────────────────────────────────────────────────────────────────────────────────────

export interface IssueSinkOptions {
  /** Start every message with its formatted path ("frames[3].j is …"), the importer's style. */
  prefixPath?: boolean;
  /**
   * Keep at most this many issues of each code; the rest are counted and `finish()` adds one
   * "N more issue(s) of this kind were not listed." per code (the solver's style).
   */
  maxPerCode?: number;
}

interface IssueGroup<C extends IssueCode> {
  code: C;
  message: (n: number, first: IssuePath) => string;
  hint?: string;
  paths: IssuePath[];
}

/**
 * The one collector of the domain: every check, planner, importer and the solver report through it,
 * always as (code, message, extras). `finish()` returns the issues in the order reported, followed
 * by grouped errors and per-code overflow notes.
 */
export class IssueSink<C extends IssueCode = IssueCode> {
  readonly list: Issue<C>[] = [];
  private readonly groups = new Map<string, IssueGroup<C>>();
  private readonly counts = new Map<C, number>();
  private readonly overflow = new Map<C, number>();

  constructor(private readonly opts: IssueSinkOptions = {}) {}

  report(severity: Severity, code: C, message: string, extras: IssueExtras = {}): void {
    const max = this.opts.maxPerCode;
    if (max !== undefined) {
      const n = this.counts.get(code) ?? 0;
      this.counts.set(code, n + 1);
      if (n >= max) {
        this.overflow.set(code, (this.overflow.get(code) ?? 0) + 1);
        return;
      }
    }
    const text = this.opts.prefixPath && extras.path ? `${formatPath(extras.path)}${message}` : message;
    this.list.push(makeIssue(code, severity, text, extras));
  }
  error(code: C, message: string, extras?: IssueExtras): void {
    this.report("error", code, message, extras);
  }
  warning(code: C, message: string, extras?: IssueExtras): void {
    this.report("warning", code, message, extras);
  }
  info(code: C, message: string, extras?: IssueExtras): void {
    this.report("info", code, message, extras);
  }
  /** One error per `key` however many paths hit it (a 100k-row typo is one issue), written by `finish()`. */
  groupedError(key: string, code: C, path: IssuePath, message: (n: number, first: IssuePath) => string, hint?: string): void {
    const g = this.groups.get(key);
    if (g) g.paths.push(path);
    else this.groups.set(key, { code, message, paths: [path], ...(hint !== undefined ? { hint } : {}) });
  }
  /** Append issues another sink already finished (not counted against maxPerCode). */
  adopt(issues: readonly Issue<C>[]): void {
    for (const i of issues) this.list.push(i);
  }
  get size(): number {
    return this.list.length + this.groups.size;
  }
  finish(): Issue<C>[] {
    for (const g of this.groups.values()) {
      const first = g.paths[0] as IssuePath;
      this.list.push(makeIssue(g.code, "error", g.message(g.paths.length, first), { path: first, ...(g.hint !== undefined ? { hint: g.hint } : {}) }));
    }
    this.groups.clear();
    for (const [code, n] of this.overflow) {
      const sample = this.list.find((i) => i.code === code);
      this.list.push(makeIssue(code, sample?.severity ?? "error", `${n} more issue(s) of this kind were not listed.`, { hint: sample?.hint ?? "" }));
    }
    this.overflow.clear();
    return this.list;
  }
}

export const hasErrors = (issues: readonly Issue[]): boolean => issues.some((i) => i.severity === "error");
export const errorsOf = (issues: readonly Issue[]): Issue[] => issues.filter((i) => i.severity === "error");
export const warningsOf = (issues: readonly Issue[]): Issue[] => issues.filter((i) => i.severity === "warning");

export function countBySeverity(issues: readonly Issue[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const i of issues) out[i.severity]++;
  return out;
}

/**
 * Keep at most `maxPerCode` issues of each code (in order) and report how many were left out, so a
 * systematic mistake in a 100k-frame import does not produce a 100k-line answer.
 */
export function limitIssues(
  issues: readonly Issue[],
  maxPerCode: number,
): { issues: Issue[]; omitted: Partial<Record<IssueCode, number>> } {
  const seen = new Map<IssueCode, number>();
  const kept: Issue[] = [];
  const omitted: Partial<Record<IssueCode, number>> = {};
  for (const i of issues) {
    const n = (seen.get(i.code) ?? 0) + 1;
    seen.set(i.code, n);
    if (n <= maxPerCode) kept.push(i);
    else omitted[i.code] = (omitted[i.code] ?? 0) + 1;
  }
  return { issues: kept, omitted };
}

/** ["frames", 12, "end"] → "frames[12].end" */
export function formatPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(p)) out += out === "" ? p : `.${p}`;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out;
}

/** One line per issue, for text tool results: "error ZERO_LENGTH_FRAME frames[3]: …". */
export function formatIssue(i: Issue): string {
  const where = i.path && i.path.length > 0 ? ` ${formatPath(i.path)}` : "";
  return `${i.severity} ${i.code}${where}: ${i.message}${i.hint ? ` (${i.hint})` : ""}`;
}

/** Human label for an element in messages: `frame "F12"` or `node id abc`. */
export function describeElement(kind: ElementKind, label: string | undefined, id?: string): string {
  if (label !== undefined && label !== "") return `${kind} "${label}"`;
  return `${kind} ${id ?? "?"}`;
}
