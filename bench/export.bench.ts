/**
 * Exports of the reference 100k-frame building (bench/lib/building.mjs, 20×20×78: 34,839 nodes,
 * 99,918 frames) in every format, written chunk by chunk as the download route streams them: time,
 * file size, and the largest heap growth over the model while writing (sampled after each chunk,
 * after a full GC), next to the file size — streaming holds one chunk, not the file (let alone twice).
 * Run: `node --expose-gc bench/export.mjs [--size 10k|100k] [--formats ifc4,dxf]` (no build or database).
 */
import { normalizeImport, planAddElements } from "@/lib/structural";
import { blankModel } from "@/lib/mcp/tools/create-model";
import { applyPatch } from "@/lib/structural/elements";
import { EXPORT_FORMATS, exportFile } from "@/lib/structural/export";
import { newId } from "@/lib/db/ids";
import { buildingPayload, SIZES } from "./lib/building.mjs";

const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;

export function benchExport(size: keyof typeof SIZES = "100k", formats: readonly string[] = EXPORT_FORMATS): string {
  const { payload, frames } = buildingPayload(SIZES[size]);
  const norm = normalizeImport(payload);
  const { name, description, displayUnits, verticalAxis, ...elements } = norm.input as typeof norm.input & Record<string, unknown>;
  const blank = blankModel({ ownerId: "bench", name: name as string, description: (description as string) ?? "", verticalAxis: verticalAxis as "Z", displayUnits: displayUnits as never });
  const plan = planAddElements(blank, elements as never, { newId });
  const model = applyPatch(blank, plan.patch);
  const gc = (globalThis as { gc?: () => void }).gc;
  const rows = [`## Export of ${frames.toLocaleString("en")} frames, streamed in chunks`, "", "| format | file | time | peak heap growth while writing | growth / file |", "|---|---:|---:|---:|---:|"];
  for (const f of EXPORT_FORMATS.filter((x) => formats.includes(x))) {
    // pass 1: time and size, as the route writes it
    let bytes = 0;
    const t0 = performance.now();
    for (const chunk of exportFile(model, f).chunks()) bytes += Buffer.byteLength(chunk);
    const ms = performance.now() - t0;
    // pass 2: live heap over the model, after a full GC every 4 chunks
    gc?.();
    const base = process.memoryUsage().heapUsed;
    let peak = 0;
    let k = 0;
    for (const chunk of exportFile(model, f).chunks()) {
      void chunk;
      if (++k % 4 === 0) {
        gc?.();
        peak = Math.max(peak, process.memoryUsage().heapUsed - base);
      }
    }
    rows.push(`| ${f} | ${mb(bytes)} | ${(ms / 1000).toFixed(2)} s | ${mb(Math.max(0, peak))} | ${(Math.max(0, peak) / bytes).toFixed(2)} |`);
  }
  if (!gc) rows.push("", "(run with node --expose-gc for the heap column to mean anything)");
  return rows.join("\n");
}
