/**
 * truss: a plane truss in the vertical plane through `direction`, spanning `span` with `panels`
 * panels of equal width p = span / n. Chords are continuous (no releases); web members (verticals,
 * diagonals) are pinned at both ends ("FFFFRR": bending released, torsion kept so a member cannot
 * spin). Vierendeel verticals are rigid. All members have role "truss".
 *
 * SHAPES
 *   parallel  top chord at `depth` above the bottom chord along the whole span (GSA truss wizards);
 *   pitched   top chord rises linearly from the supports (where it meets the bottom chord) to
 *             `depth` (the rise) at midspan — the ETABS-MCP roof-truss geometry;
 *   bowstring top chord on a parabola through the supports with `depth` at midspan;
 *   fink / scissors are pitched by definition.
 *
 * COUNTS (n = panels; J joints, M members). ETABS-MCP's verified roof trusses (23.34 m span) add two
 * RC columns and their two base joints: their "joints/frames" = J + 2 / M + 2, e.g. 8-panel pitched
 * Pratt 18/31 = 16/29 + 2.
 *   pratt, howe       parallel  n even   J = 2(n+1)  M = 4n + 1  (2n chords, n+1 verticals incl. the
 *                                                               two end posts, n diagonals)
 *                     pitched   n even   J = 2n      M = 4n − 3  (2n chords, n−1 verticals, n−2 diags)
 *   modified_warren   parallel  n even   J = 2(n+1)  M = 4n + 1  (verticals + alternating diagonals)
 *                     pitched   n even   J = 2n      M = 4n − 3
 *   warren            parallel  n ≥ 1    J = 2n + 1  M = 4n − 1  (top nodes over mid-panels:
 *                                                               n bottom + n−1 top chord, 2n diags)
 *                     pitched   n even≥4 J = 2n      M = 3n − 2  (alternating diagonals, no verticals)
 *   k                 parallel  n even   J = 3n + 2  M = 6n + 1  (verticals split at mid-height
 *                                                               except the centre one — continuous
 *                                                               through that node; 2 diags/panel)
 *   vierendeel        parallel  n ≥ 1    J = 2(n+1)  M = 3n + 1  (rigid verticals, no diagonals)
 *   fink              pitched   n = 4k   J = n + 3   M = n + 7   (classic W web: bottom nodes at
 *                                                               span/3 and 2·span/3; n top panels,
 *                                                               extra top nodes are purlin points)
 *   bowstring         curved    n ≥ 2    J = 2n      M = 3n − 1  (hangers only, a tied arch)
 *                               + diagonals (n even):  M = 4n − 3
 *   scissors          pitched   n even   J = 2n      M = 4n − 3  (verticals + Pratt diagonals)
 *                               diagonals: false:      M = 3n − 1  (ETABS-MCP's scissors)
 * Matching ETABS-MCP exactly (tested): pitched pratt/howe/modified_warren n=8 → 16/29, pitched
 * warren n=8 → 16/22, bowstring n=10 → 20/29, parallel ("flat") pratt n=10 → 22/41, scissors n=8
 * without diagonals → 16/23. Not matched: ETABS-MCP's Fink (12/20 + columns) has a web member lying
 * along the top chord; ours is the classic W (7/11 for n = 4).
 *
 * SUPPORTS. Pin at the left end of the bottom chord, roller at the right end (or pins at both
 * ends: supports "pin_pin"). A plane truss inside a 3D model is unstable out of its plane unless
 * something holds it, so by default (out_of_plane "restrain") EVERY joint is restrained against
 * the out-of-plane translation and the two out-of-plane rotations (about the span axis and about
 * the vertical) — the usual "2D frame in a 3D program" restraint (SAP2000's XZ-plane option). This
 * needs the truss plane to be a global plane (direction a multiple of 90°). Codes, e.g. span
 * along X, Z up (order ux uy uz rx ry rz):
 *   pin "FFFFRF", roller "RFFFRF", every other joint "RFRFRF".
 * With out_of_plane "none" only the two end supports exist: pin = translations + rotation about
 * the span axis (a torsion "fork"), roller = the same with the span translation released; the
 * truss then needs bracing (purlins, bracing) added by the user before analysis. For skewed
 * directions the default falls back to "none" with a warning (pin = translations + rotation about
 * the vertical, roller = vertical translation only, since a skewed span axis is not a global DOF).
 */
import { safeText } from "../text";
import { z } from "zod";
import {
  Builder,
  PINNED_END,
  codeFrom,
  commonFields,
  count,
  describePlacement,
  dimension,
  fail,
  fmtLen,
  makePlacement,
  round9,
  type GeneratedStructure,
} from "./common";

export const TRUSS_STYLES = ["pratt", "howe", "warren", "modified_warren", "k", "fink", "bowstring", "vierendeel", "scissors"] as const;
export type TrussStyle = (typeof TRUSS_STYLES)[number];

const DEFAULT_PANELS: Record<TrussStyle, number> = {
  pratt: 8,
  howe: 8,
  warren: 8,
  modified_warren: 8,
  k: 8,
  vierendeel: 6,
  fink: 4,
  bowstring: 10,
  scissors: 8,
};

export const TrussInputSchema = z
  .object({
    type: z.literal("truss").describe("Plane truss"),
    style: z
      .enum(TRUSS_STYLES)
      .default("pratt")
      .describe("pratt (diagonals in tension under gravity), howe (diagonals in compression), warren (no verticals), modified_warren (warren + verticals), k, fink (W web, pitched), bowstring (parabolic top chord), vierendeel (no diagonals, rigid), scissors (pitched top and bottom chords). Default pratt."),
    span: dimension("span").default(20).describe("Span between the supports in metres. Default 20."),
    depth: dimension("depth")
      .optional()
      .describe("Depth between the chords for parallel shapes, or the rise of the apex above the supports for pitched, fink, scissors and bowstring, in metres. Default span/10 (parallel), span/8 (pitched, bowstring), span/6 (fink, scissors)."),
    rise: dimension("rise").optional().describe("Alias of depth, for pitched trusses."),
    panels: count("panels")
      .optional()
      .describe("Number of panels along the span (bottom-chord panels; top-chord panels for fink). Must be even for pratt, howe, modified_warren, k, scissors and pitched warren; a multiple of 4 for fink. Default 8 (vierendeel 6, fink 4, bowstring 10)."),
    shape: z
      .enum(["parallel", "pitched"])
      .optional()
      .describe('Chord shape for pratt, howe, warren and modified_warren: "parallel" (default; flat chords) or "pitched" (triangular: top chord meets the bottom chord at the supports). k and vierendeel are parallel; fink and scissors pitched; bowstring curved.'),
    bottom_rise: dimension("bottom_rise").optional().describe("Scissors only: rise of the bottom chord at midspan. Default depth/2."),
    diagonals: z
      .boolean()
      .optional()
      .describe("Bowstring and scissors only: add Pratt-pattern diagonals (default: false for bowstring — hangers only, true for scissors)."),
    chord_section: safeText(1, 200).default("SHS120x120x5").describe("Top and bottom chord section. Default SHS120x120x5."),
    top_chord_section: safeText(1, 200).optional().describe("Top chord section, overriding chord_section."),
    bottom_chord_section: safeText(1, 200).optional().describe("Bottom chord section, overriding chord_section."),
    web_section: safeText(1, 200).default("SHS80x80x4").describe("Verticals and diagonals section. Default SHS80x80x4."),
    vertical_section: safeText(1, 200).optional().describe("Verticals section, overriding web_section."),
    supports: z.enum(["pin_roller", "pin_pin"]).default("pin_roller").describe('"pin_roller" (default: pin left, roller right) or "pin_pin".'),
    out_of_plane: z
      .enum(["restrain", "none"])
      .optional()
      .describe('"restrain": restrain every joint out of the truss plane (default when the truss lies in a global plane); "none": only the end supports — brace the truss yourself.'),
    ...commonFields("TR1-"),
  })
  .strict()
  .describe("Plane truss between a pin and a roller at the ends of the bottom chord, in the vertical plane along `direction`.");
export type TrussInput = z.infer<typeof TrussInputSchema>;

type Kind = "TC" | "BC" | "V" | "D";
interface TrussGeometry {
  /** key → (a, c) in the truss plane */
  nodes: Map<string, [number, number]>;
  /** key order for labels */
  order: string[];
  /** rigid: no releases; end: release only that end (a web member continuous through the other end) */
  members: { i: string; j: string; kind: Kind; rigid?: boolean; end?: "i" | "j" }[];
  left: string;
  right: string;
}

/** Member counts by formula (see file header); used by tests and to describe the result. */
export function trussCounts(style: TrussStyle, shape: "parallel" | "pitched", n: number, diagonals: boolean): { joints: number; members: number } {
  switch (style) {
    case "pratt":
    case "howe":
    case "modified_warren":
      return shape === "parallel" ? { joints: 2 * (n + 1), members: 4 * n + 1 } : { joints: 2 * n, members: 4 * n - 3 };
    case "warren":
      return shape === "parallel" ? { joints: 2 * n + 1, members: 4 * n - 1 } : { joints: 2 * n, members: 3 * n - 2 };
    case "k":
      return { joints: 3 * n + 2, members: 6 * n + 1 };
    case "vierendeel":
      return { joints: 2 * (n + 1), members: 3 * n + 1 };
    case "fink":
      return { joints: n + 3, members: n + 7 };
    case "bowstring":
    case "scissors":
      return { joints: 2 * n, members: diagonals ? 4 * n - 3 : 3 * n - 1 };
  }
}

interface Resolved {
  style: TrussStyle;
  shape: "parallel" | "pitched";
  n: number;
  depth: number;
  bottomRise: number;
  diagonals: boolean;
}

function resolve(input: TrussInput, problems: string[]): Resolved {
  const style = input.style;
  const n = input.panels ?? DEFAULT_PANELS[style];
  if (input.depth !== undefined && input.rise !== undefined && input.depth !== input.rise) problems.push("give depth or rise, not both with different values");
  const parallelOnly = style === "k" || style === "vierendeel";
  const pitchedOnly = style === "fink" || style === "scissors" || style === "bowstring";
  let shape: "parallel" | "pitched" = input.shape ?? (pitchedOnly ? "pitched" : "parallel");
  if (parallelOnly && input.shape === "pitched") {
    problems.push(`a ${style} truss has parallel chords; shape "pitched" is not available for it`);
    shape = "parallel";
  }
  if (pitchedOnly && input.shape === "parallel") {
    problems.push(`a ${style} truss is ${style === "bowstring" ? "curved" : "pitched"} by definition; shape "parallel" is not available for it (use pratt or howe for parallel chords)`);
    shape = "pitched";
  }
  const L = input.span;
  const defaultDepth = shape === "parallel" && !pitchedOnly ? L / 10 : style === "fink" || style === "scissors" ? L / 6 : L / 8;
  const depth = round9(input.depth ?? input.rise ?? defaultDepth);
  const diagonals = input.diagonals ?? style === "scissors";
  if (input.diagonals !== undefined && style !== "bowstring" && style !== "scissors") problems.push("diagonals applies only to bowstring and scissors trusses");
  if (input.bottom_rise !== undefined && style !== "scissors") problems.push("bottom_rise applies only to scissors trusses");
  const bottomRise = round9(input.bottom_rise ?? depth / 2);
  if (style === "scissors" && bottomRise >= depth) problems.push(`bottom_rise (${bottomRise} m) must be less than the rise of the top chord (${depth} m)`);

  const needsEven =
    style === "pratt" || style === "howe" || style === "modified_warren" || style === "k" || style === "scissors" || (style === "warren" && shape === "pitched") || (style === "bowstring" && diagonals);
  if (style === "fink") {
    if (n % 4 !== 0) problems.push(`a fink truss needs panels to be a multiple of 4 (4 = classic W; 8, 12… add purlin nodes on the top chord); got ${n}`);
  } else if (needsEven && n % 2 !== 0) {
    problems.push(`a ${shape === "pitched" && !pitchedOnly ? "pitched " : ""}${style.replace("_", " ")} truss needs an even number of panels so that it is symmetric about midspan; got ${n} (use ${n - 1 >= 2 ? `${n - 1} or ` : ""}${n + 1})`);
  }
  if (style === "warren" && shape === "pitched" && n < 4) problems.push("a pitched warren truss needs at least 4 panels");
  if (style === "bowstring" && n < 2) problems.push("a bowstring truss needs at least 2 panels");
  const minPanel = style === "warren" && shape === "parallel" ? L / n / 2 : L / n;
  if (minPanel < 0.01) problems.push("panels is too large for the span: panel points would be closer than 1 cm");
  if (style === "k" && depth / 2 < 0.01) problems.push("depth is too small for a k truss");
  return { style, shape, n, depth, bottomRise, diagonals };
}

/**
 * The truss drawn in its plane: panel nodes by key (b = bottom chord, t = top chord, m = k-truss
 * mid-height), members between keys. An aliased key (a top-chord end on the bottom chord) resolves to
 * its target; a member already drawn between the same two nodes is not drawn again.
 */
class TrussSketch {
  readonly nodes = new Map<string, [number, number]>();
  readonly order: string[] = [];
  readonly members: TrussGeometry["members"] = [];
  private readonly alias = new Map<string, string>();
  private readonly seen = new Set<string>();
  readonly p: number;
  readonly half: number;

  constructor(
    readonly r: Resolved,
    readonly L: number,
  ) {
    this.p = L / r.n;
    this.half = r.n / 2;
  }

  add(key: string, a: number, c: number): void {
    this.nodes.set(key, [round9(a), round9(c)]);
    this.order.push(key);
  }
  member(i0: string, j0: string, kind: Kind, rigid = false, end?: "i" | "j"): void {
    const i = this.alias.get(i0) ?? i0;
    const j = this.alias.get(j0) ?? j0;
    if (i === j) return;
    const key = i < j ? `${i}|${j}` : `${j}|${i}`;
    if (this.seen.has(key)) return; // coincides with a member already generated (pitched end panels)
    this.seen.add(key);
    this.members.push(rigid ? { i, j, kind, rigid } : end ? { i, j, kind, end } : { i, j, kind });
  }
  /** Height h at the ends rising linearly to h at midspan. */
  linear(i: number, h: number): number {
    return h * (1 - Math.abs((2 * i) / this.r.n - 1));
  }
  chords(bottomKey = "b"): void {
    for (let i = 0; i < this.r.n; i++) this.member(`${bottomKey}${i}`, `${bottomKey}${i + 1}`, "BC");
    for (let i = 0; i < this.r.n; i++) this.member(`t${i}`, `t${i + 1}`, "TC");
  }
  topNodes(height: (i: number) => number, endsOnBottom: boolean): void {
    for (let i = 0; i <= this.r.n; i++) {
      if (endsOnBottom && (i === 0 || i === this.r.n)) this.alias.set(`t${i}`, `b${i}`);
      else this.add(`t${i}`, i * this.p, height(i));
    }
  }
  prattDiagonals(): void {
    for (let i = 0; i < this.half; i++) this.member(`t${i}`, `b${i + 1}`, "D");
    for (let i = this.half; i < this.r.n; i++) this.member(`t${i + 1}`, `b${i}`, "D");
  }
  howeDiagonals(): void {
    for (let i = 0; i < this.half; i++) this.member(`b${i}`, `t${i + 1}`, "D");
    for (let i = this.half; i < this.r.n; i++) this.member(`b${i + 1}`, `t${i}`, "D");
  }
  alternating(): void {
    for (let i = 0; i < this.r.n; i++) {
      if (i % 2 === 0) this.member(`b${i}`, `t${i + 1}`, "D");
      else this.member(`t${i}`, `b${i + 1}`, "D");
    }
  }
  verticals(rigid = false): void {
    for (let i = 0; i <= this.r.n; i++) this.member(`b${i}`, `t${i}`, "V", rigid);
  }
}

/** One function per style; each adds its top (and special) nodes and its members. */
const STYLES: Record<TrussStyle, (t: TrussSketch) => void> = {
  pratt: (t) => chordsAndVerticals(t, () => t.prattDiagonals()),
  howe: (t) => chordsAndVerticals(t, () => t.howeDiagonals()),
  modified_warren: (t) => chordsAndVerticals(t, () => t.alternating()),
  warren: warrenTruss,
  k: kTruss,
  vierendeel: (t) => {
    t.topNodes(() => t.r.depth, false);
    t.chords();
    t.verticals(true);
  },
  bowstring: (t) => {
    const { depth } = t.r;
    const L = t.L;
    t.topNodes((i) => {
      const x = i * t.p;
      return (4 * depth * x * (L - x)) / (L * L);
    }, true);
    t.chords();
    t.verticals();
    if (t.r.diagonals) t.prattDiagonals();
  },
  scissors: (t) => {
    // bottom chord "b" follows the lower pitch; it meets the top chord at the supports
    for (let i = 0; i <= t.r.n; i++) t.add(`b${i}`, i * t.p, t.linear(i, t.r.bottomRise));
    t.topNodes((i) => t.linear(i, t.r.depth), true);
    t.chords();
    t.verticals();
    if (t.r.diagonals) t.prattDiagonals();
  },
  fink: finkTruss,
};

function chordsAndVerticals(t: TrussSketch, diagonals: () => void): void {
  const { shape, depth } = t.r;
  t.topNodes(shape === "parallel" ? () => depth : (i) => t.linear(i, depth), shape === "pitched");
  t.chords();
  t.verticals();
  diagonals();
}

function warrenTruss(t: TrussSketch): void {
  const { n, depth } = t.r;
  if (t.r.shape !== "parallel") {
    t.topNodes((i) => t.linear(i, depth), true);
    t.chords();
    t.alternating();
    return;
  }
  for (let i = 0; i < n; i++) t.add(`t${i}`, (i + 0.5) * t.p, depth);
  for (let i = 0; i < n; i++) t.member(`b${i}`, `b${i + 1}`, "BC");
  for (let i = 0; i + 1 < n; i++) t.member(`t${i}`, `t${i + 1}`, "TC");
  for (let i = 0; i < n; i++) {
    t.member(`b${i}`, `t${i}`, "D");
    t.member(`t${i}`, `b${i + 1}`, "D");
  }
}

function kTruss(t: TrussSketch): void {
  const { n, depth } = t.r;
  const half = t.half;
  t.topNodes(() => depth, false);
  for (let i = 0; i <= n; i++) if (i !== half) t.add(`m${i}`, i * t.p, depth / 2);
  t.chords();
  for (let i = 0; i <= n; i++) {
    if (i === half) t.member(`b${i}`, `t${i}`, "V");
    else {
      // the vertical is continuous through its mid-height node and pinned at the chords
      t.member(`b${i}`, `m${i}`, "V", false, "i");
      t.member(`m${i}`, `t${i}`, "V", false, "j");
    }
  }
  for (let i = 0; i < half; i++) {
    t.member(`m${i}`, `t${i + 1}`, "D");
    t.member(`m${i}`, `b${i + 1}`, "D");
  }
  for (let i = half; i < n; i++) {
    t.member(`m${i + 1}`, `t${i}`, "D");
    t.member(`m${i + 1}`, `b${i}`, "D");
  }
}

/** n top panels (n = 4q); W web between the thirds of the bottom chord and the quarter points. */
function finkTruss(t: TrussSketch): void {
  const { n, depth } = t.r;
  const L = t.L;
  t.add("b0", 0, 0);
  t.add("bl", L / 3, 0);
  t.add("br", (2 * L) / 3, 0);
  t.add(`b${n}`, L, 0);
  t.topNodes((i) => t.linear(i, depth), true);
  t.member("b0", "bl", "BC");
  t.member("bl", "br", "BC");
  t.member("br", `b${n}`, "BC");
  for (let i = 0; i < n; i++) t.member(`t${i}`, `t${i + 1}`, "TC");
  t.member("bl", `t${n / 4}`, "D");
  t.member("bl", `t${n / 2}`, "D");
  t.member("br", `t${n / 2}`, "D");
  t.member("br", `t${(3 * n) / 4}`, "D");
}

function buildGeometry(r: Resolved, L: number): TrussGeometry {
  const t = new TrussSketch(r, L);
  // flat bottom chord nodes (fink has its bottom nodes at thirds, scissors a pitched bottom chord)
  if (r.style !== "fink" && r.style !== "scissors") for (let i = 0; i <= r.n; i++) t.add(`b${i}`, i * t.p, 0);
  STYLES[r.style](t);
  return { nodes: t.nodes, order: t.order, members: t.members, left: "b0", right: `b${r.n}` };
}

export function generateTruss(input: TrussInput): GeneratedStructure {
  const problems: string[] = [];
  const p = makePlacement(input, problems);
  const r = resolve(input, problems);
  fail(problems);

  const aligned = p.uAxis !== null && p.vAxis !== null;
  const outOfPlane = input.out_of_plane ?? (aligned ? "restrain" : "none");
  if (outOfPlane === "restrain" && !aligned) {
    fail([
      `out_of_plane "restrain" needs the truss to lie in a global plane (direction a multiple of 90°), because supports restrain global directions; got direction ${p.angle}°. Use out_of_plane: "none" and add bracing, or generate along an axis.`,
    ]);
  }

  const g = buildGeometry(r, input.span);
  let shortest = Infinity;
  for (const m of g.members) {
    const [a1, c1] = g.nodes.get(m.i) as [number, number];
    const [a2, c2] = g.nodes.get(m.j) as [number, number];
    shortest = Math.min(shortest, Math.hypot(a2 - a1, c2 - c1));
  }
  if (shortest < 0.01) {
    fail([`with ${r.n} panels and ${r.shape === "parallel" ? "depth" : "rise"} ${r.depth} m some members would be shorter than 1 cm (${+shortest.toPrecision(3)} m); use fewer panels or a larger depth`]);
  }
  const b = new Builder(input.label_prefix, p, input.material);
  const topSec = input.top_chord_section ?? input.chord_section;
  const botSec = input.bottom_chord_section ?? input.chord_section;
  const vertSec = input.vertical_section ?? input.web_section;
  const used = new Set<Kind>(g.members.map((m) => m.kind));
  b.checkSections([topSec, botSec, ...(used.has("V") ? [vertSec] : []), ...(used.has("D") ? [input.web_section] : [])]);

  const refOf = new Map<string, string>();
  for (const key of g.order) {
    const [a, c] = g.nodes.get(key) as [number, number];
    refOf.set(key, b.node(a, 0, c));
  }
  const sectionOf: Record<Kind, string> = { TC: topSec, BC: botSec, V: vertSec, D: input.web_section };
  const groupOf: Record<Kind, string> = { TC: "top-chord", BC: "bottom-chord", V: "verticals", D: "diagonals" };
  // label order: bottom chord, top chord, verticals, diagonals
  for (const kind of ["BC", "TC", "V", "D"] as const) {
    for (const m of g.members) {
      if (m.kind !== kind) continue;
      const web = (kind === "V" || kind === "D") && !m.rigid;
      const f = b.frame(kind, refOf.get(m.i) as string, refOf.get(m.j) as string, {
        section: sectionOf[kind],
        role: "truss",
        releaseI: web && m.end !== "j" ? PINNED_END : undefined,
        releaseJ: web && m.end !== "i" ? PINNED_END : undefined,
      });
      b.group(groupOf[kind], f);
    }
  }

  // supports
  const left = refOf.get(g.left) as string;
  const right = refOf.get(g.right) as string;
  const restrained = (base: number[]): string => {
    const r6 = [false, false, false, false, false, false];
    for (const k of base) r6[k] = true;
    return codeFrom(r6);
  };
  let pin: string;
  let roller: string;
  let pinNote: string;
  if (outOfPlane === "restrain") {
    const ua = p.uAxis as number;
    const va = p.vAxis as number;
    const rot = [3 + ua, 3 + p.wAxis];
    pin = restrained([0, 1, 2, ...rot]);
    roller = restrained([va, p.wAxis, ...rot]);
    const joint = restrained([va, ...rot]);
    for (const key of g.order) {
      const ref = refOf.get(key) as string;
      if (ref === left) b.support(ref, pin);
      else if (ref === right) b.support(ref, input.supports === "pin_pin" ? pin : roller);
      else b.support(ref, joint);
    }
    pinNote = `out-of-plane translation and rotations restrained at every joint (${joint}); pin ${pin}, ${input.supports === "pin_pin" ? "pin" : `roller ${roller}`}`;
  } else {
    if (aligned) {
      const ua = p.uAxis as number;
      pin = restrained([0, 1, 2, 3 + ua]);
      roller = restrained([0, 1, 2, 3 + ua].filter((k) => k !== ua));
    } else {
      pin = restrained([0, 1, 2, 3 + p.wAxis]);
      roller = restrained([p.wAxis]);
    }
    b.support(left, pin);
    b.support(right, input.supports === "pin_pin" ? pin : roller);
    pinNote = `end supports only (pin ${pin}, ${input.supports === "pin_pin" ? "pin" : `roller ${roller}`})`;
    b.warn(
      `The truss is not restrained out of its plane${input.out_of_plane === undefined ? " (its direction is not along a global axis)" : ""}: add purlins or bracing to the top chord before analysing it, or the solver will report a mechanism.`,
    );
  }
  b.group("supports", left, right);

  const cnt = trussCounts(r.style, r.shape, r.n, r.diagonals);
  if (cnt.joints !== b.nodes.length || cnt.members !== b.frames.length) {
    throw new Error(`internal: ${r.style} truss count mismatch (${b.nodes.length}/${b.frames.length} vs formula ${cnt.joints}/${cnt.members})`);
  }
  const shapeText = r.style === "bowstring" ? `rise ${fmtLen(r.depth)}` : r.shape === "parallel" ? `depth ${fmtLen(r.depth)}` : `pitched, rise ${fmtLen(r.depth)}`;
  const counts = (["BC", "TC", "V", "D"] as const).map((kind) => [kind, b.countOf(kind)] as const).filter(([, c]) => c > 0);
  const names: Record<Kind, string> = { BC: "bottom chord", TC: "top chord", V: "verticals", D: "diagonals" };
  const summary =
    `${r.style.replace("_", " ")} truss, span ${fmtLen(input.span)}, ${r.n} panels of ${fmtLen(input.span / r.n)}, ${shapeText}` +
    `${r.style === "scissors" ? `, bottom chord rise ${fmtLen(r.bottomRise)}` : ""} (${describePlacement(p)}): ${b.nodes.length} joints, ${b.frames.length} members ` +
    `(${counts.map(([kind, c]) => `${c} ${names[kind]}`).join(", ")}; chords ${topSec === botSec ? topSec : `${topSec}/${botSec}`} continuous, web ${used.has("V") && vertSec !== input.web_section ? `${input.web_section}, verticals ${vertSec}` : input.web_section} ${r.style === "vierendeel" ? "rigid" : "pinned at both ends"}; ${input.material}); ` +
    `supports: ${pinNote}. Labels ${input.label_prefix}N1…, ${input.label_prefix}BC1…, ${input.label_prefix}TC1…${used.has("V") ? `, ${input.label_prefix}V1…` : ""}${used.has("D") ? `, ${input.label_prefix}D1…` : ""}.`;
  return b.result(summary);
}
