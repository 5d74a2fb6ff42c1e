/**
 * Every export format in one list: what it is for, what it carries and what it does not, and how
 * to write it as a sequence of text chunks (≈64 KiB each), so a large model streams to a download
 * without the whole file existing twice in memory. The MCP tool, the download route, the viewer's
 * Export menu and /docs/tools all read this list.
 */
import { exportCanonical } from "../import";
import type { StructuralModel } from "../schema";
import { dxfChunks } from "./dxf";
import { ifcChunks } from "./ifc";
import { openSeesPyChunks } from "./opensees";
import { exportSkyCivS3D } from "./skyciv";
import { CHUNK } from "./step";

export const EXPORT_FORMATS = ["spectral_json", "opensees_py", "skyciv_s3d", "ifc4", "dxf"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFormatInfo {
  id: ExportFormat;
  label: string;
  /** File name suffix after the model name. */
  suffix: string;
  mimeType: string;
  /** One line: what the file is for and what it carries. */
  carries: string;
  /** One line: what it does not carry. */
  omits: string;
}

export const EXPORT_FORMAT_INFO: Readonly<Record<ExportFormat, ExportFormatInfo>> = {
  spectral_json: {
    id: "spectral_json",
    label: "Spectral JSON",
    suffix: ".spectral.json",
    mimeType: "application/json",
    carries: "Everything: nodes, frames, sections, materials, supports, releases, load cases, loads, combinations; import_model reads it back without loss.",
    omits: "Analysis results and revision history.",
  },
  opensees_py: {
    id: "opensees_py",
    label: "OpenSeesPy script",
    suffix: "_opensees.py",
    mimeType: "text/x-python",
    carries: "A runnable linear static analysis per load case and combination, exact to Spectral's solver: releases, projected, partial and varying loads, self-weight.",
    omits: "Section shapes and names (properties only); a translational release along a non-global axis is listed as not represented.",
  },
  skyciv_s3d: {
    id: "skyciv_s3d",
    label: "SkyCiv S3D JSON",
    suffix: ".s3d.json",
    mimeType: "application/json",
    carries: "SkyCiv Structural 3D model: nodes, members, sections (mm), materials (MPa), supports, releases, loads in kN, load groups, combinations.",
    omits: "Section shapes; case self-weight factors are folded into one SW group.",
  },
  ifc4: {
    id: "ifc4",
    label: "IFC4",
    suffix: ".ifc",
    mimeType: "application/x-step",
    carries: "IfcStructuralAnalysisModel (nodes, supports, members, releases, profiles, materials with E, G, density, load cases, loads, combinations) plus IfcBeam/IfcColumn/IfcMember with extruded profiles; SI units, Z up.",
    omits: "Analysis results, display units; members without a section shape get no solid.",
  },
  dxf: {
    id: "dxf",
    label: "DXF (CAD lines)",
    suffix: ".dxf",
    mimeType: "application/dxf",
    carries: "3D line per frame on one layer per section, node and frame labels as text, metres, Z up.",
    omits: "Supports, releases, loads, materials and section properties.",
  },
};

export interface ExportFile {
  filename: string;
  mimeType: string;
  /** A fresh iterator over the file's text each call. */
  chunks(): Iterable<string>;
}

/** A file-name base from the model name: letters, digits, . _ - only. */
export function fileBase(model: StructuralModel): string {
  return model.meta.name.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 100) || "model";
}

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
