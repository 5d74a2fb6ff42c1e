/**
 * The data the viewer renders: `ViewerPayload` from lib/structural (built by
 * `toViewerPayload(model)`, validated by `ViewerPayloadSchema`), plus the viewer's own small types.
 * Type-only imports: nothing from lib/structural is bundled into the widget.
 */
import type { ViewerPayload } from "@/lib/structural";

export type { ViewerPayload, SectionShape } from "@/lib/structural";

export type Vec3 = [number, number, number];

export type LengthUnit = ViewerPayload["units"]["length"];
export type ForceUnit = ViewerPayload["units"]["force"];

/** What is picked or selected: a node or a frame, by its index in the payload arrays. */
export type Pick = { kind: "node" | "frame"; index: number };

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
