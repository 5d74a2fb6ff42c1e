/**
 * Plain types the viewer, the web loaders and the screenshot renderer share. The data the viewer
 * renders is `ViewerPayload` from lib/structural (built by `toViewerPayload(model)`); the rest are
 * the viewer's display settings. Types and constants only: safe to import from client components.
 */
import type { ViewerPayload } from "@/lib/structural";

export type { ViewerPayload, SectionShape } from "@/lib/structural";

export type Vec3 = [number, number, number];

export type LengthUnit = ViewerPayload["units"]["length"];
export type ForceUnit = ViewerPayload["units"]["force"];

/** Standard camera views (keys 1–4). */
export type ViewName = "iso" | "front" | "side" | "top";
export const VIEW_NAMES: readonly ViewName[] = ["iso", "front", "side", "top"];

/** How frames are coloured. */
export type ColorBy = "none" | "section" | "material";

/** Display toggles the toolbar and side panel control. */
export interface DisplayOptions {
  solid: boolean;
  nodes: boolean;
  labels: boolean;
  supports: boolean;
  loads: boolean;
  grid: boolean;
  colorBy: ColorBy;
  /** Index into payload.loadCases, or -1 for none. */
  loadCase: number;
}

/**
 * The unit systems a user can choose (User.unitSystem): SI shows mm and kN, US shows in and kip.
 * Each quantity has the unit an engineer reads it in, whatever the model's own display units.
 */
export type UnitSystem = "SI" | "US";
export const UNIT_SYSTEMS: readonly UnitSystem[] = ["SI", "US"];

export function isUnitSystem(v: unknown): v is UnitSystem {
  return v === "SI" || v === "US";
}
