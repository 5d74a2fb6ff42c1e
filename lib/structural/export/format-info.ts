/**
 * The export formats as data (no exporter code): ids, labels, file suffixes, MIME types and what
 * each carries and omits. Small enough for the browser bundle (the viewer's Export menu).
 */
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
    carries: "A runnable linear static analysis per load case and combination; displacements and reactions equal Spectral's: every end release, projected, partial and varying loads, member moments, self-weight.",
    omits: "Section shapes. Element forces leave out loads sent as equivalent nodal loads (partial, varying, at a hinge) and skew-release springs; RECENT_BEAM_LOADS needs OpenSees after PRs #1755, #1793.",
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

/** A file-name base from a model name: letters, digits, . _ - only. */
export function fileBaseOf(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 100) || "model";
}
