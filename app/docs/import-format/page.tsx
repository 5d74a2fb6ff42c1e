import type { Metadata } from "next";
import { ImportFormat, IMPORT_FORMAT_PAGE } from "@/components/docs/pages/import-format";
import { catalogueSummary, IMPORT_EXAMPLES } from "@/lib/docs/import-examples";
import { toJsonSchema, toolDocs } from "@/lib/docs/tools";
import { MAX_IMPORT_JSON_CHARS } from "@/lib/mcp/tools/import-model";
import { CanonicalImportSchema, DENSITY_UNITS, FORCE_UNITS, LENGTH_UNITS, listCatalogue, MAX_FRAMES_PER_CALL, MAX_NODES_PER_CALL, STRESS_UNITS } from "@/lib/structural";

// GET /docs/import-format – schema, units, catalogue and limits come from lib/structural.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: IMPORT_FORMAT_PAGE.title, description: IMPORT_FORMAT_PAGE.summary };

export default function Page() {
  return (
    <ImportFormat
      examples={IMPORT_EXAMPLES}
      importTool={toolDocs().find((t) => t.name === "import_model")}
      payloadSchema={toJsonSchema(CanonicalImportSchema, "input")}
      units={{ length: LENGTH_UNITS, force: FORCE_UNITS, stress: STRESS_UNITS, density: DENSITY_UNITS }}
      limits={{ maxFrames: MAX_FRAMES_PER_CALL, maxNodes: MAX_NODES_PER_CALL, maxJsonMib: Math.round(MAX_IMPORT_JSON_CHARS / 1024 / 1024) }}
      catalogue={catalogueSummary(listCatalogue())}
    />
  );
}
