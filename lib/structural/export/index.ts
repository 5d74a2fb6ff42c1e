/**
 * Exporters: let engineers check a Spectral model in a trusted tool.
 *
 *   exportOpenSeesPy(model)  → a runnable OpenSeesPy script (string)            (opensees.ts)
 *   exportSkyCivS3D(model)   → a SkyCiv Structural 3D s3d_model object         (skyciv.ts)
 *
 * Both are pure: no I/O, deterministic for a given model.
 */
export { exportOpenSeesPy } from "./opensees";
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
