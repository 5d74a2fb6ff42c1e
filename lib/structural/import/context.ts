/**
 * The shared state of one `normalizeImport` run. Each step (./steps-*.ts) reads the payload `p`,
 * appends to `input`, `stats` and `sourcePaths`, and leaves look-up tables for the steps after it
 * (materials before sections, nodes before frames, frames and cases before loads).
 */
import type { DisplayUnits, EntityKind, VerticalAxis } from "../schema";
import { IssueSink, type Issue, type IssuePath } from "../issues";
import type { ElementsInput } from "../elements-input";
import { unitScale, type UnitScale } from "../units";
import type { Obj } from "./read";

export type ImportedInput = ElementsInput & {
  name: string;
  description: string;
  displayUnits: DisplayUnits;
  verticalAxis: VerticalAxis;
};

export type ImportStats = Record<EntityKind, number>;

export interface NormalizedImport {
  /** False when any error-level issue was found (bad rows are left out of `input`). */
  ok: boolean;
  /** The payload as add_elements input, in SI (no `units`), plus model-level fields. */
  input: ImportedInput;
  issues: Issue[];
  stats: ImportStats;
  /** "spectral", "canonical", "skyciv" or "lenient: …" listing the variants recognised. */
  detectedFormat: string;
  /** For each row of `input.<kind>`, where it came from in the payload (maps planner issues back). */
  sourcePaths: Record<EntityKind, IssuePath[]>;
}

export interface NormalizeOptions {
  /** Default display units when the payload gives none (default m / kN). */
  defaultDisplayUnits?: DisplayUnits;
}

export type NodeState = "ok" | "bad";

export interface ImportContext {
  /** Issues, each message starting with its payload path. */
  readonly c: IssueSink;
  readonly input: ImportedInput;
  readonly stats: ImportStats;
  readonly sourcePaths: Record<EntityKind, IssuePath[]>;
  /** Lenient variants recognised (they name the detected format). */
  readonly features: Set<string>;
  /** The payload as given (object or JSON string), then the parsed and unwrapped object. */
  root: unknown;
  p: Obj;
  settings: Obj;
  /** Payload units → SI. */
  s: UnitScale;
  /** payload id or name → material name */
  readonly materialName: Map<string, string>;
  readonly sectionName: Map<string, string>;
  readonly sectionMaterial: Map<string, string>;
  readonly nodeIds: Map<string, NodeState>;
  /** Nodes were given (or addressed) by position, so frame ends may be 1-based positions. */
  arrayNodes: boolean;
  /** payload frame id → its label (what loads refer to), or null when the row had an error */
  readonly frameIds: Map<string, string | null>;
  /** rounded coordinates → ref of the node created for a frame end given as [x, y, z] */
  readonly coordNodes: Map<string, string>;
  /** load case id or name → name */
  readonly caseName: Map<string, string>;
  readonly casesDeclared: Set<string>;
  /** Severity of AUTO_CREATED for an undeclared case a load refers to (set by the loads step). */
  autoCaseSeverity: "info" | "warning";
  format: string;
}

export const emptyStats = (): ImportStats => ({ nodes: 0, frames: 0, supports: 0, sections: 0, materials: 0, loadCases: 0, loads: 0, combinations: 0 });
export const emptyPaths = (): Record<EntityKind, IssuePath[]> => ({ nodes: [], frames: [], supports: [], sections: [], materials: [], loadCases: [], loads: [], combinations: [] });

export function newImportContext(payload: unknown, opts: NormalizeOptions): ImportContext {
  return {
    c: new IssueSink({ prefixPath: true }),
    input: { name: "Imported model", description: "", displayUnits: opts.defaultDisplayUnits ?? { length: "m", force: "kN" }, verticalAxis: "Z" },
    stats: emptyStats(),
    sourcePaths: emptyPaths(),
    features: new Set<string>(),
    root: payload,
    p: {},
    settings: {},
    s: unitScale({}),
    materialName: new Map(),
    sectionName: new Map(),
    sectionMaterial: new Map(),
    nodeIds: new Map(),
    arrayNodes: false,
    frameIds: new Map(),
    coordNodes: new Map(),
    caseName: new Map(),
    casesDeclared: new Set(),
    autoCaseSeverity: "info",
    format: "unknown",
  };
}
