/**
 * Colours: element defaults, highlight states and the categorical palette for colour-by-section
 * and colour-by-material (with the legend rows that explain it).
 */
import type { ColorBy, ViewerPayload } from "./types";

export const COLORS = {
  background: 0x10151b,
  frame: 0x9fb4c8,
  node: 0xe6edf3,
  /** Not in PALETTE, so a selected frame never looks like a colour-by category. */
  selected: 0xff5bd6,
  hovered: 0xffffff,
  support: 0x4cd18a,
  load: 0xff6b6b,
  grid: 0x232d39,
  gridCentre: 0x34424f,
  unassigned: 0x6b7785,
} as const;

/** 12 distinguishable hues on a dark background (Tableau-like, lightened). */
export const PALETTE = [
  0x4fb3ff, 0xffb347, 0x4cd18a, 0xff6b6b, 0xc792ea, 0xf78c6c, 0x89ddff, 0xffcb6b, 0xa5e075, 0xf07178, 0x82aaff, 0xd4bfff,
] as const;

export function hex(c: number): string {
  return `#${c.toString(16).padStart(6, "0")}`;
}

export interface LegendRow {
  color: number;
  label: string;
  count: number;
}

/**
 * Per-frame colours (0xRRGGBB) for a colour-by mode, plus the legend rows. Categories beyond the
 * palette share the last colour as "other".
 */
export function frameColors(p: ViewerPayload, by: ColorBy): { colors: Uint32Array; legend: LegendRow[] } {
  const n = Math.floor(p.frames.pairs.length / 2);
  const colors = new Uint32Array(n).fill(COLORS.frame);
  if (by === "none") return { colors, legend: [] };
  const idx = by === "section" ? p.frames.section : p.frames.material;
  const names = by === "section" ? p.sections.map((s) => s.name) : p.materials.map((m) => m.name);
  const counts = new Map<number, number>();
  for (let f = 0; f < n; f++) {
    const k = idx[f] ?? -1;
    const key = k >= 0 && k < names.length ? k : -1;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  // Most-used categories get the palette first.
  const order = [...counts.entries()].filter(([k]) => k >= 0).sort((a, b) => b[1] - a[1]);
  const colorOf = new Map<number, number>();
  const legend: LegendRow[] = [];
  let other = 0;
  order.forEach(([k, count], i) => {
    if (i < PALETTE.length - 1 || order.length === PALETTE.length) {
      colorOf.set(k, PALETTE[i]!);
      legend.push({ color: PALETTE[i]!, label: names[k] ?? `#${k}`, count });
    } else {
      colorOf.set(k, PALETTE[PALETTE.length - 1]!);
      other += count;
    }
  });
  if (other) legend.push({ color: PALETTE[PALETTE.length - 1]!, label: "other", count: other });
  const none = counts.get(-1);
  if (none) legend.push({ color: COLORS.unassigned, label: by === "section" ? "no section" : "no material", count: none });
  for (let f = 0; f < n; f++) {
    const k = idx[f] ?? -1;
    colors[f] = colorOf.get(k) ?? COLORS.unassigned;
  }
  return { colors, legend };
}
