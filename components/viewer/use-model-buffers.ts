"use client";
/**
 * The payload's typed arrays and derived lookups, memoised per payload (so per model revision):
 * GPU buffers, frame colours for the colour-by mode, and the support/load lookups the panels use.
 */
import { useMemo } from "react";
import { buildModelBuffers, type ModelBuffers } from "./geometry";
import { frameColors, type LegendRow } from "./palette";
import type { ColorBy, ViewerPayload } from "./types";

export interface ModelLookups {
  /** node index → support code */
  supportOf: Map<number, string>;
}

export function useModelBuffers(payload: ViewerPayload): { buffers: ModelBuffers; lookups: ModelLookups } {
  return useMemo(() => {
    const buffers = buildModelBuffers(payload);
    const supportOf = new Map<number, string>();
    payload.supports.node.forEach((n, k) => supportOf.set(n, payload.supports.code[k] ?? ""));
    return { buffers, lookups: { supportOf } };
  }, [payload]);
}

export function useFrameColors(payload: ViewerPayload, by: ColorBy): { colors: Uint32Array; legend: LegendRow[] } {
  return useMemo(() => frameColors(payload, by), [payload, by]);
}
