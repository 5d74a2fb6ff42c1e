/**
 * The nodes-and-frames JSON import (structural-domain.md §1.5).
 *
 *   normalizeImport(payload)   unknown JSON → ElementsInput in SI + issues (./normalize.ts, steps in ./steps-*.ts)
 *   planImport(payload, opts)  normalizeImport + planAddElements on an empty model (./plan.ts)
 *   CanonicalImportSchema      the canonical payload as a zod schema (./canonical-schema.ts)
 *
 * The canonical export lives with the other exporters (../export/canonical.ts) and is re-exported
 * here because import and export are each other's round trip.
 */
export { CanonicalImportSchema, type CanonicalImport } from "./canonical-schema";
export type { ImportedInput, ImportStats, NormalizedImport, NormalizeOptions } from "./context";
export { normalizeImport } from "./normalize";
export { planImport, type PlanImportResult } from "./plan";
export { exportCanonical, type CanonicalExport } from "../export/canonical";
