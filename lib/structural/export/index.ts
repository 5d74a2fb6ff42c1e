/**
 * Exporters: let engineers take a Spectral model into their own software.
 *
 *   exportFile(model, format)  → { filename, mimeType, chunks() } for every format  (formats.ts)
 *   exportOpenSeesPy(model)    → a runnable OpenSeesPy script                        (opensees.ts)
 *   exportSkyCivS3D(model)     → a SkyCiv Structural 3D s3d_model object             (skyciv.ts)
 *   exportIfc(model)           → an IFC4 structural analysis + physical model        (ifc.ts)
 *   exportDxf(model)           → a DXF line model for CAD                            (dxf.ts)
 *
 * All are pure: no I/O, deterministic for a given model. User text is escaped per target (text.ts).
 */
export { EXPORT_FORMATS, EXPORT_FORMAT_INFO, exportFile, fileBase, fileBaseOf, jsonChunks, type ExportFile, type ExportFormat, type ExportFormatInfo } from "./formats";
export { exportOpenSeesPy, openSeesPyChunks } from "./opensees";
export { exportIfc, ifcChunks } from "./ifc";
export { exportDxf, dxfChunks, dxfLayers } from "./dxf";
export {
  exportSkyCivS3D,
  exportSkyCivS3DWithReport,
  type S3DDistributedLoad,
  type S3DExport,
  type S3DMaterial,
  type S3DMember,
  type S3DModel,
  type S3DPointLoad,
  type S3DSection,
  type S3DSupport,
  type S3DUnits,
} from "./skyciv";
