/**
 * The canonical import payload as a zod schema, for MCP input schemas and the import-format docs.
 * Nothing is transformed: `normalizeImport` (./normalize.ts) does the real reading and validation.
 */
import { z } from "zod";
import { MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH } from "../schema";

const Num = z.number();
const IdLike = z.union([z.string().max(200), z.number()]);
const loose = <T extends z.ZodRawShape>(shape: T) => z.object(shape).loose();
const RowsOrMap = z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]);

/**
 * The canonical import payload, described for an LLM. Every object is `.loose()` and nothing is
 * transformed, so a payload that matches keeps every field (lenient aliases included) for
 * `normalizeImport`, which does the real validation.
 */
export const CanonicalImportSchema = loose({
  name: z.string().max(MAX_NAME_LENGTH).optional().describe("Model name"),
  description: z.string().max(MAX_DESCRIPTION_LENGTH).optional(),
  units: z
    .union([
      z.string(),
      loose({
        length: z.string().optional().describe("m, mm, cm, in or ft (default m)"),
        force: z.string().optional().describe("N, kN, kip or lbf (default N)"),
        section_length: z.string().optional().describe("Unit of section dimensions/properties (default = length)"),
        stress: z.string().optional().describe("Unit of E, G, fy: Pa, kPa, MPa, GPa, psi, ksi (default force/length²)"),
        density: z.string().optional().describe("kg/m3 (default), t/m3, lb/ft3, kN/m3"),
      }),
    ])
    .optional()
    .describe('Units of the numbers in the payload, e.g. "mm" or { length: "ft", force: "kip" }. Converted to SI on import.'),
  vertical_axis: z.enum(["Z", "Y", "z", "y"]).optional().describe("Vertical axis (default Z)"),
  nodes: z
    .union([
      z.array(z.union([loose({ id: IdLike.optional(), x: Num, y: Num, z: Num.optional() }), z.array(Num)])),
      z.record(z.string(), z.unknown()),
    ])
    .describe('Nodes: [{ id: "N1", x, y, z }], or [[x, y, z], …] (id = index), or { "1": { x, y, z } }'),
  frames: z
    .array(
      loose({
        id: IdLike.optional(),
        start: z.union([IdLike, z.array(Num)]).optional().describe("Start node id (or i, node_A)"),
        end: z.union([IdLike, z.array(Num)]).optional().describe("End node id (or j, node_B)"),
        section: IdLike.optional().describe("Section name/id or catalogue name (IPE300, W14x22, …)"),
        material: IdLike.optional().describe("Material name/id or catalogue name (S355, A992, …)"),
        roll: Num.optional().describe("Degrees about the member axis"),
        releases: z.unknown().optional().describe('{ i: "FFFFFF", j: "FFFFRR" } or "pinned"'),
      }),
    )
    .optional()
    .describe("Frames (also accepted as members / elements / beams)"),
  supports: RowsOrMap.optional().describe('[{ node: "N1", code: "FFFFFF" }] or { "N1": "fixed" }'),
  sections: RowsOrMap.optional().describe('[{ name, A, Iy, Iz, J }] (Iz = strong axis) or { "B1": { catalogue: "IPE300" } }'),
  materials: RowsOrMap.optional().describe('[{ name, E, nu, density, fy }] or catalogue names like "S355"'),
  load_cases: RowsOrMap.optional().describe('[{ name: "Dead", type: "dead", self_weight: true }]'),
  loads: z.array(z.unknown()).optional().describe('[{ case: "Live", frame: "B1", w: [0, 0, -10] }, { case: "Live", node: "N3", fx: 5 }]'),
  combinations: RowsOrMap.optional().describe('[{ name: "ULS1", factors: { "Dead": 1.35, "Live": 1.5 } }]'),
});
export type CanonicalImport = z.infer<typeof CanonicalImportSchema>;
