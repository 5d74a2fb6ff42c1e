/**
 * Reference data as MCP resources (issue #12): what only some calls need is read on demand instead
 * of riding in every tools/list. Each answers in one `resources/read`, in small pages where a list
 * could be long, and the tool descriptions name them:
 *   spectral://catalogue/sections{?family,min_depth_mm,max_depth_mm,page}  sections, 50 a page
 *   spectral://catalogue/materials                                        every catalogue material
 *   spectral://docs/import-format                                         import_model's payload
 *   spectral://docs/elements                                              exact element row schemas
 *   spectral://docs/generators                                            generator parameters, defaults
 * All SI (m, m², m⁴, Pa, kg/m³). Nothing here reads user data.
 */
import { z } from "zod";
import type { McpServer, ResourceTemplate as RT } from "@modelcontextprotocol/server";
import { ProtocolError, ProtocolErrorCode, UriTemplate } from "@modelcontextprotocol/server";
import { CanonicalImportSchema, ElementsInputSchema, ElementsUpdateSchema, listCatalogue, type CatalogueSection } from "@/lib/structural";
import { GenerateStructureInputSchema } from "@/lib/structural/generators";
import { IMPORT_EXAMPLES } from "@/lib/docs/import-examples";

export const SECTIONS_PAGE_SIZE = 50;
const JSON_MIME = "application/json";

const json = (uri: string, value: unknown) => ({ contents: [{ uri, mimeType: JSON_MIME, text: JSON.stringify(value) }] });
const schemaOf = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", target: "draft-2020-12", unrepresentable: "any" });

/** Depth of a section's outline in mm (h, or d for round ones). */
function depthMm(s: CatalogueSection): number {
  const shape = s.shape as { h?: number; d?: number };
  return Math.round((shape.h ?? shape.d ?? 0) * 1000 * 10) / 10;
}

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function numberParam(name: string, v: string | undefined): number | undefined {
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `${name} must be a number ≥ 0 (got "${v}").`);
  return n;
}

/** One page of the section catalogue, filtered by family and depth. */
export function sectionsPage(params: { family?: string; min_depth_mm?: string; max_depth_mm?: string; page?: string }) {
  const all = listCatalogue().sections;
  const families = [...new Set(all.map((s) => s.family))];
  const family = params.family?.trim();
  if (family && !families.some((f) => f.toLowerCase() === family.toLowerCase())) {
    throw new ProtocolError(ProtocolErrorCode.InvalidParams, `No section family "${family}". Families: ${families.join(", ")}.`);
  }
  const lo = numberParam("min_depth_mm", params.min_depth_mm);
  const hi = numberParam("max_depth_mm", params.max_depth_mm);
  const page = Math.max(1, Math.floor(numberParam("page", params.page) ?? 1));
  const hits = all.filter((s) => (!family || s.family.toLowerCase() === family.toLowerCase()) && (lo === undefined || depthMm(s) >= lo) && (hi === undefined || depthMm(s) <= hi));
  const rows = hits.slice((page - 1) * SECTIONS_PAGE_SIZE, page * SECTIONS_PAGE_SIZE).map((s) => ({
    name: s.name, family: s.family, standard: s.standard, depth_mm: depthMm(s), A: s.A, Iy: s.Iy, Iz: s.Iz, J: s.J,
  }));
  const more = page * SECTIONS_PAGE_SIZE < hits.length;
  const query = (p: number) => {
    const q = new URLSearchParams();
    if (family) q.set("family", family);
    if (lo !== undefined) q.set("min_depth_mm", String(lo));
    if (hi !== undefined) q.set("max_depth_mm", String(hi));
    q.set("page", String(p));
    return `spectral://catalogue/sections?${q.toString()}`;
  };
  return {
    units: "A m², Iy (weak axis) Iz (strong axis) J m⁴, depth mm",
    families,
    total: hits.length,
    page,
    sections: rows,
    next: more ? query(page + 1) : null,
    use: 'Name a section on a frame ({"section": "IPE300"}) or in generate_structure; it is copied into the model on first use.',
  };
}

/**
 * `base{?a,b,…}` matched the way RFC 6570 form-style queries are written in practice: any subset of
 * the parameters, in any order (the SDK's matcher wants every one, in the template's order), and
 * `base` alone. Unknown parameters do not match.
 */
class QueryTemplate extends UriTemplate {
  constructor(
    private readonly base: string,
    private readonly names: readonly string[],
  ) {
    super(`${base}{?${names.join(",")}}`);
  }

  override match(uri: string): Record<string, string> | null {
    const at = uri.indexOf("?");
    if ((at < 0 ? uri : uri.slice(0, at)) !== this.base) return null;
    const out: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(at < 0 ? "" : uri.slice(at + 1))) {
      if (!this.names.includes(k)) return null;
      out[k] = v;
    }
    return out;
  }
}

export function registerReferenceResources(server: McpServer, ResourceTemplate: typeof RT): void {
  server.registerResource(
    "catalogue-sections",
    new ResourceTemplate(new QueryTemplate("spectral://catalogue/sections", ["family", "min_depth_mm", "max_depth_mm", "page"]), {
      list: async () => ({
        resources: [{ uri: "spectral://catalogue/sections", name: "catalogue-sections", title: "Section catalogue", description: "Steel sections (EN and AISC), 50 a page", mimeType: JSON_MIME }],
      }),
    }),
    {
      title: "Section catalogue",
      description: "Catalogue sections (IPE, HEA, HEB, W, SHS, RHS, CHS, …) with A, Iy, Iz, J in SI; filter by family and depth (mm), 50 a page.",
      mimeType: JSON_MIME,
    },
    async (uri, v) =>
      json(uri.href, sectionsPage({ family: one(v.family), min_depth_mm: one(v.min_depth_mm), max_depth_mm: one(v.max_depth_mm), page: one(v.page) })),
  );
  server.registerResource(
    "catalogue-materials",
    "spectral://catalogue/materials",
    { title: "Material catalogue", description: "Catalogue materials (steel, concrete, timber, aluminium) with E, G, nu, density, fy in SI.", mimeType: JSON_MIME },
    async (uri) =>
      json(uri.href, {
        units: "E, G, fy Pa; density kg/m³",
        materials: listCatalogue().materials.map((m) => ({ name: m.name, kind: m.kind, standard: m.standard, E: m.E, G: m.G, nu: m.nu, density: m.density, fy: m.fy })),
      }),
  );
  server.registerResource(
    "import-format",
    "spectral://docs/import-format",
    { title: "Import format", description: "The nodes-and-frames JSON that import_model reads: accepted variants, units, the canonical JSON Schema and an example.", mimeType: JSON_MIME },
    async (uri) =>
      json(uri.href, {
        summary:
          "import_model reads Spectral's canonical format (what export_model spectral_json writes) and common variants: nodes as [x, y, z] arrays or maps keyed by id, members/elements with node_A/node_B or i/j, " +
          'units "mm", "cm", "m", "in", "ft" (or {length, force}); everything is converted to SI. Undeclared load cases and catalogue sections/materials are created. Up to 100,000 frames.',
        canonicalSchema: schemaOf(CanonicalImportSchema),
        examples: IMPORT_EXAMPLES.slice(0, 2).map((e) => ({ name: e.name, title: e.title, payload: e.payload })),
        more: "/docs/import-format on the Spectral web app",
      }),
  );
  server.registerResource(
    "element-schemas",
    "spectral://docs/elements",
    { title: "Element row schemas", description: "The exact JSON Schemas of add_elements and update_elements rows (sections, materials, combinations, loads, …).", mimeType: JSON_MIME },
    async (uri) => json(uri.href, { add_elements: schemaOf(ElementsInputSchema), update_elements: schemaOf(ElementsUpdateSchema) }),
  );
  server.registerResource(
    "generator-parameters",
    "spectral://docs/generators",
    { title: "Generator parameters", description: "Every generate_structure parameter per type, with its default (exact JSON Schema).", mimeType: JSON_MIME },
    async (uri) => json(uri.href, { note: "Pass the common parameters in structure and the others in structure.more.", schema: schemaOf(GenerateStructureInputSchema) }),
  );
}
