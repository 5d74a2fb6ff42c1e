/**
 * normalizeImport(payload): unknown JSON → ElementsInput in SI + issues. The edge: nothing inside
 * lib/structural sees the raw payload. The work is a list of steps over one ImportContext, run in
 * order; a step that returns "stop" ends the run (nothing usable to read).
 *
 * Lenient variants accepted (each documented at the step that handles it):
 *   - nodes as objects, as [x, y, z] arrays (id = index), or as maps keyed by id (SkyCiv);
 *   - frames under frames | members | elements | beams | bars, as objects, [a, b] pairs or keyed maps;
 *   - frame ends as start/end, i/j, node_A/node_B, nodeI/nodeJ, n1/n2, from/to, nodes: [a, b], or
 *     coordinates [x, y, z] (nodes are then created and merged);
 *   - units as "mm" or { length, force, section_length, stress | material_strength, density };
 *   - supports as codes "FFFRRR", words ("fixed", "pinned", "roller"), booleans or 0/1 arrays
 *     (true = restrained), objects { ux: true, … }, arrays or maps keyed by node;
 *   - releases as codes, words ("pinned"), { i, j } / { start, end } / [i, j], fixity_A/fixity_B,
 *     booleans (true = released);
 *   - sections/materials as catalogue names or explicit properties (Ix/Iy in the AISC convention
 *     becomes Iz/Iy); SkyCiv `load_section: [..., "W14x22"]`;
 *   - loads with case | load_case | load_group; SkyCiv point_loads, moments, distributed_loads,
 *     self_weight; positions as fractions, "50%" or { abs: 2.5 }; undeclared cases are created.
 */
import { hasErrors } from "../issues";
import { newImportContext, type ImportContext, type NormalizedImport, type NormalizeOptions } from "./context";
import { parsePayload, readMeta, readPayloadUnits, refuseControlCharacters, unwrapEnvelope } from "./steps-payload";
import { readMaterials, readSections } from "./steps-properties";
import { readNodes } from "./steps-nodes";
import { countNodesAndFrames, readFrames } from "./steps-frames";
import { readLoadCases, readSelfWeight, readSupports } from "./steps-cases";
import { countLoadCases, detectFormat, readCombinations, readLoads } from "./steps-loads";

type ImportStep = (ctx: ImportContext) => "stop" | void;

/** In order: each step may use what the steps before it read (materials → sections → frames, nodes → frames → loads). */
const STEPS: readonly ImportStep[] = [
  parsePayload,
  refuseControlCharacters,
  unwrapEnvelope,
  readMeta,
  readPayloadUnits,
  readMaterials,
  readSections,
  readNodes,
  readFrames,
  countNodesAndFrames,
  readSupports,
  readLoadCases,
  readSelfWeight,
  readLoads,
  readCombinations,
  countLoadCases,
  detectFormat,
];

/**
 * Read an import payload (object or JSON string) in any supported variant and return add_elements
 * input in SI, with every problem found. Rows with errors are left out of `input`; rows that only
 * depend on them (frames on a bad node, loads on a bad frame) are left out silently.
 */
export function normalizeImport(payload: unknown, opts: NormalizeOptions = {}): NormalizedImport {
  const ctx = newImportContext(payload, opts);
  for (const step of STEPS) if (step(ctx) === "stop") break;
  const issues = ctx.c.finish();
  return { ok: !hasErrors(issues), input: ctx.input, issues, stats: ctx.stats, detectedFormat: ctx.format, sourcePaths: ctx.sourcePaths };
}
