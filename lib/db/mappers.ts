/**
 * Rows ⇄ lib/structural types: the single place where the database vocabulary and the domain
 * vocabulary meet. Element tables store scalars in columns; nested values (section shapes,
 * load values, combination factors) are JSON text, validated by the domain schemas on write.
 */
import { cellKey, labelNumber, type Combination, type Frame, type Load, type LoadCase, type Material, type Node, type Section, type Support } from "@/lib/structural";

export type ElementKind = "nodes" | "frames" | "supports" | "sections" | "materials" | "loadCases" | "loads" | "combinations";
export const ELEMENT_KINDS: readonly ElementKind[] = ["sections", "materials", "nodes", "frames", "supports", "loadCases", "loads", "combinations"];

/** Table and columns of each element kind, in insert order (columns after id/modelId). */
export const TABLES: Record<ElementKind, { table: string; columns: readonly string[] }> = {
  // cell and num are derived (spatial.ts cellKey, labels.ts labelNumber): written, never read back.
  nodes: { table: "Node", columns: ["id", "modelId", "label", "x", "y", "z", "cell", "num"] },
  frames: {
    table: "Frame",
    columns: ["id", "modelId", "label", "nodeI", "nodeJ", "sectionId", "materialId", "roll", "orientX", "orientY", "orientZ", "releaseI", "releaseJ", "role", "num"],
  },
  supports: { table: "Support", columns: ["id", "modelId", "nodeId", "code"] },
  sections: { table: "Section", columns: ["id", "modelId", "name", "A", "Iy", "Iz", "J", "shape"] },
  materials: { table: "Material", columns: ["id", "modelId", "name", "E", "G", "nu", "density", "fy", "kind"] },
  loadCases: { table: "LoadCase", columns: ["id", "modelId", "name", "type", "selfWeightFactor"] },
  loads: { table: "Load", columns: ["id", "modelId", "caseId", "kind", "targetId", "data"] },
  combinations: { table: "Combination", columns: ["id", "modelId", "name", "kind", "factors"] },
};

type Row = Record<string, unknown>;

export const toRow = {
  nodes: (m: string, n: Node): unknown[] => [n.id, m, n.label, n.x, n.y, n.z, cellKey(n.x, n.y, n.z), labelNumber("N", n.label)],
  frames: (m: string, f: Frame): unknown[] => [
    f.id, m, f.label, f.i, f.j, f.sectionId, f.materialId, f.roll,
    f.orientation?.x ?? null, f.orientation?.y ?? null, f.orientation?.z ?? null, f.releaseI, f.releaseJ, f.role, labelNumber("F", f.label),
  ],
  supports: (m: string, s: Support): unknown[] => [s.id, m, s.nodeId, s.code],
  sections: (m: string, s: Section): unknown[] => [s.id, m, s.name, s.A, s.Iy, s.Iz, s.J, s.shape ? JSON.stringify(s.shape) : null],
  materials: (m: string, x: Material): unknown[] => [x.id, m, x.name, x.E, x.G, x.nu, x.density, x.fy, x.kind],
  loadCases: (m: string, c: LoadCase): unknown[] => [c.id, m, c.name, c.type, c.selfWeightFactor],
  loads: (m: string, l: Load): unknown[] => {
    const { id, caseId, kind, ...rest } = l as Load & Row;
    const targetId = (rest.nodeId ?? rest.frameId) as string;
    delete rest.nodeId;
    delete rest.frameId;
    return [id, m, caseId, kind, targetId, JSON.stringify(rest)];
  },
  combinations: (m: string, c: Combination): unknown[] => [c.id, m, c.name, c.kind, JSON.stringify(c.factors)],
} satisfies Record<ElementKind, (modelId: string, el: never) => unknown[]>;

/** Column values for a partial update of one element (only the fields present). */
export function toUpdateData(kind: ElementKind, change: Row): Row {
  const d: Row = {};
  const copy = (...keys: string[]) => keys.forEach((k) => { if (k in change) d[k] = change[k]; });
  switch (kind) {
    case "nodes": copy("label", "x", "y", "z"); break;
    case "frames":
      copy("label", "sectionId", "materialId", "roll", "releaseI", "releaseJ", "role");
      if ("i" in change) d.nodeI = change.i;
      if ("j" in change) d.nodeJ = change.j;
      if ("orientation" in change) {
        const o = change.orientation as { x: number; y: number; z: number } | null;
        d.orientX = o?.x ?? null; d.orientY = o?.y ?? null; d.orientZ = o?.z ?? null;
      }
      break;
    case "supports": copy("nodeId", "code"); break;
    case "sections":
      copy("name", "A", "Iy", "Iz", "J");
      if ("shape" in change) d.shape = change.shape ? JSON.stringify(change.shape) : null;
      break;
    case "materials": copy("name", "E", "G", "nu", "density", "fy", "kind"); break;
    case "loadCases": copy("name", "type", "selfWeightFactor"); break;
    case "combinations":
      copy("name", "kind");
      if ("factors" in change) d.factors = JSON.stringify(change.factors);
      break;
    case "loads": break; // loads are replaced whole (see fromRow.loads / applyUpdates)
  }
  return d;
}

export const fromRow = {
  nodes: (r: Row): Node => ({ id: r.id as string, label: r.label as string, x: r.x as number, y: r.y as number, z: r.z as number }),
  frames: (r: Row): Frame => ({
    id: r.id as string,
    label: r.label as string,
    i: r.nodeI as string,
    j: r.nodeJ as string,
    sectionId: (r.sectionId as string | null) ?? null,
    materialId: (r.materialId as string | null) ?? null,
    roll: r.roll as number,
    orientation: r.orientX == null ? null : { x: r.orientX as number, y: r.orientY as number, z: r.orientZ as number },
    releaseI: r.releaseI as string,
    releaseJ: r.releaseJ as string,
    role: r.role as Frame["role"],
  }),
  supports: (r: Row): Support => ({ id: r.id as string, nodeId: r.nodeId as string, code: r.code as string }),
  sections: (r: Row): Section => ({
    id: r.id as string, name: r.name as string, A: r.A as number, Iy: r.Iy as number, Iz: r.Iz as number, J: r.J as number,
    shape: r.shape ? (JSON.parse(r.shape as string) as Section["shape"]) : null,
  }),
  materials: (r: Row): Material => ({
    id: r.id as string, name: r.name as string, E: r.E as number, G: r.G as number, nu: r.nu as number,
    density: r.density as number, fy: (r.fy as number | null) ?? null, kind: r.kind as Material["kind"],
  }),
  loadCases: (r: Row): LoadCase => ({
    id: r.id as string, name: r.name as string, type: r.type as LoadCase["type"], selfWeightFactor: (r.selfWeightFactor as number | null) ?? null,
  }),
  loads: (r: Row): Load => {
    const data = JSON.parse(r.data as string) as Row;
    const target = r.kind === "nodal" ? { nodeId: r.targetId } : { frameId: r.targetId };
    return { id: r.id, caseId: r.caseId, kind: r.kind, ...target, ...data } as unknown as Load;
  },
  combinations: (r: Row): Combination => ({
    id: r.id as string, name: r.name as string, kind: r.kind as Combination["kind"], factors: JSON.parse(r.factors as string) as Combination["factors"],
  }),
};
