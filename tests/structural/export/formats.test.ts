/**
 * The format registry: every format writes through exportFile in chunks that join to the whole
 * file, JSON chunks equal JSON.stringify's output, and each format says what it carries and omits.
 */
import { describe, expect, it } from "vitest";
import { EXPORT_FORMAT_INFO, EXPORT_FORMATS, exportFile, exportOpenSeesPy, exportSkyCivS3D, jsonChunks } from "@/lib/structural/export";
import { exportCanonical } from "@/lib/structural/import";
import { build, gridPayload, portal } from "../fixtures";
import { normalizeImport } from "@/lib/structural/import";

describe("export formats", () => {
  it("JSON chunks join to exactly JSON.stringify(value, null, 1)", () => {
    const m = portal();
    for (const v of [exportCanonical(m), exportSkyCivS3D(m), { a: [], b: {}, c: [1, [2, { d: undefined, e: "x\ny" }], null], f: undefined }, [], "s", 3]) {
      expect([...jsonChunks(v)].join("")).toBe(JSON.stringify(v, null, 1));
    }
  });

  it("every format has a file name, a MIME type, and says what it carries and what it does not", () => {
    const m = portal();
    for (const f of EXPORT_FORMATS) {
      const info = EXPORT_FORMAT_INFO[f];
      expect(info.carries.length).toBeGreaterThan(20);
      expect(info.omits.length).toBeGreaterThan(10);
      const file = exportFile(m, f);
      expect(file.filename).toBe(`Test_model${info.suffix}`);
      expect(file.mimeType).toBe(info.mimeType);
      const text = [...file.chunks()].join("");
      expect(text.length).toBeGreaterThan(100);
      expect([...file.chunks()].join("")).toBe(text); // a fresh iterator each time
    }
    expect([...exportFile(m, "opensees_py").chunks()].join("")).toBe(exportOpenSeesPy(m));
  });

  it("writes a large model in chunks of about 64 KiB", () => {
    const norm = normalizeImport(gridPayload(8, 8, 6), {});
    const m = build(norm.input as Parameters<typeof build>[0]);
    for (const f of EXPORT_FORMATS) {
      const sizes = [...exportFile(m, f).chunks()].map((c) => c.length);
      expect(sizes.length, f).toBeGreaterThan(2);
      expect(Math.max(...sizes.slice(0, -1)), f).toBeLessThan(200_000);
    }
  });
});
