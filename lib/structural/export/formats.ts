/**
 * Every export format in one list: what it is for, what it carries and what it does not, and how
 * to write it as a sequence of text chunks (≈64 KiB each), so a large model streams to a download
 * without the whole file existing twice in memory. The MCP tool, the download route, the viewer's
 * Export menu and /docs/tools all read this list.
 */
import { exportCanonical } from "./canonical";
import type { StructuralModel } from "../schema";
import { dxfChunks } from "./dxf";
import { ifcChunks } from "./ifc";
import { openSeesPyChunks } from "./opensees";
import { exportSkyCivS3D } from "./skyciv";
import { CHUNK } from "./step";
import { EXPORT_FORMAT_INFO, fileBaseOf, type ExportFormat } from "./format-info";

export { EXPORT_FORMATS, EXPORT_FORMAT_INFO, fileBaseOf, type ExportFormat, type ExportFormatInfo } from "./format-info";

export interface ExportFile {
  filename: string;
  mimeType: string;
  /** A fresh iterator over the file's text each call. */
  chunks(): Iterable<string>;
}

/** A file-name base from the model name: letters, digits, . _ - only. */
export const fileBase = (model: StructuralModel): string => fileBaseOf(model.meta.name);

export function exportFile(model: StructuralModel, format: ExportFormat): ExportFile {
  const info = EXPORT_FORMAT_INFO[format];
  const chunks = (): Iterable<string> => {
    switch (format) {
      case "spectral_json":
        return jsonChunks(exportCanonical(model));
      case "opensees_py":
        return openSeesPyChunks(model);
      case "skyciv_s3d":
        return jsonChunks(exportSkyCivS3D(model));
      case "ifc4":
        return ifcChunks(model);
      case "dxf":
        return dxfChunks(model);
    }
  };
  return { filename: `${fileBase(model)}${info.suffix}`, mimeType: info.mimeType, chunks };
}

/**
 * JSON text identical to JSON.stringify(value, null, 1), produced in chunks: containers at the top
 * two levels are walked, deeper values are stringified one at a time.
 */
export function* jsonChunks(value: unknown): Generator<string> {
  let buf = "";
  for (const piece of pieces(value, 0)) {
    buf += piece;
    if (buf.length >= CHUNK) {
      yield buf;
      buf = "";
    }
  }
  if (buf) yield buf;
}

function* pieces(v: unknown, depth: number): Generator<string> {
  const pad = (d: number) => "\n" + " ".repeat(d);
  if (depth >= 2 || v === null || typeof v !== "object") {
    const s = JSON.stringify(v, null, 1);
    yield s === undefined ? "null" : depth ? s.replace(/\n/g, pad(depth)) : s;
    return;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return yield "[]";
    for (let k = 0; k < v.length; k++) {
      yield k === 0 ? `[${pad(depth + 1)}` : `,${pad(depth + 1)}`;
      const item: unknown = v[k];
      yield* pieces(item === undefined || typeof item === "function" ? null : item, depth + 1);
    }
    return yield `${pad(depth)}]`;
  }
  const entries = Object.entries(v).filter(([, x]) => x !== undefined && typeof x !== "function");
  if (entries.length === 0) return yield "{}";
  for (let k = 0; k < entries.length; k++) {
    const [key, x] = entries[k] as [string, unknown];
    yield `${k === 0 ? "{" : ","}${pad(depth + 1)}${JSON.stringify(key)}: `;
    yield* pieces(x, depth + 1);
  }
  yield `${pad(depth)}}`;
}
