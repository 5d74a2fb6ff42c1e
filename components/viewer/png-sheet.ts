/**
 * The downloaded PNG as a drawing sheet: the view, a title block (model name, revision, load case,
 * view, date), the legend of what is drawn and a scale bar (parallel projection only: a perspective
 * view has no single scale, and the sheet says so).
 */
import type { LegendBlock } from "./stage-legend";
import { hex } from "./palette";

export interface SheetInfo {
  title: string;
  lines: string[];
  legend: LegendBlock[];
  /** Pixels (of the captured image) per metre, when the projection is parallel. */
  pxPerMetre: number | null;
  /** Metres per display coordinate unit and its label (1 and "m", or 0.3048 and "ft"). */
  coordUnit: { per: number; unit: string };
  /** Labels and values shown over the view (CSS pixels from the view's top-left), drawn on the sheet too. */
  overlays: { x: number; y: number; text: string; color: string }[];
  /** Captured image pixels per CSS pixel. */
  ratio: number;
}

/** The labels and values the viewer shows as DOM spans over the canvas, with their positions. */
export function readOverlays(container: HTMLElement | null): SheetInfo["overlays"] {
  if (!container) return [];
  const out: SheetInfo["overlays"] = [];
  for (const el of container.querySelectorAll<HTMLElement>("span")) {
    if (el.style.display === "none" || !el.textContent) continue;
    const m = /translate\(([-\d.]+)px, ([-\d.]+)px\)/.exec(el.style.transform);
    if (!m) continue;
    out.push({ x: Number(m[1]), y: Number(m[2]), text: el.textContent, color: getComputedStyle(el).color });
  }
  return out;
}

/** A round bar length (1, 2 or 5 × 10^k display units) about `targetPx` long. */
export function scaleBar(pxPerMetre: number, coord: { per: number; unit: string }, targetPx = 140): { px: number; label: string } | null {
  if (!(pxPerMetre > 0) || !Number.isFinite(pxPerMetre)) return null;
  const pxPerUnit = pxPerMetre * coord.per;
  const raw = targetPx / pxPerUnit;
  const p10 = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 5, 10].map((k) => k * p10).reduce((best, v) => (Math.abs(v - raw) < Math.abs(best - raw) ? v : best));
  return { px: nice * pxPerUnit, label: `${Number(nice.toPrecision(3))} ${coord.unit}` };
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error("could not read the captured view"));
    img.src = src;
  });
}

/** Composes the sheet; returns a PNG data URL. */
export async function composeSheet(viewPng: string, info: SheetInfo): Promise<string> {
  const img = await loadImage(viewPng);
  const pad = 16, head = 64, line = 17;
  const legendRows = info.legend.reduce((n, b) => n + 1 + b.rows.length, 0);
  const legendH = Math.max(0, legendRows * line + pad);
  const c = document.createElement("canvas");
  c.width = img.width;
  c.height = head + img.height + Math.max(legendH, 40);
  const g = c.getContext("2d");
  if (!g) return viewPng;
  g.fillStyle = "#10151b";
  g.fillRect(0, 0, c.width, c.height);
  g.drawImage(img, 0, head);
  g.font = `${Math.round(11 * info.ratio)}px system-ui, sans-serif`;
  for (const o of info.overlays) {
    const x = o.x * info.ratio + 4, y = head + o.y * info.ratio;
    const w = g.measureText(o.text).width;
    g.fillStyle = "rgba(16, 21, 27, 0.75)";
    g.fillRect(x - 2, y - 12 * info.ratio, w + 4, 15 * info.ratio);
    g.fillStyle = o.color;
    g.fillText(o.text, x, y);
  }
  // Title block.
  g.fillStyle = "#e6edf3";
  g.font = "bold 18px system-ui, sans-serif";
  g.fillText(info.title, pad, 26);
  g.font = "13px system-ui, sans-serif";
  g.fillStyle = "#9aa7b4";
  g.fillText(info.lines.join("  ·  "), pad, 48);
  // Legend under the view, in columns.
  let x = pad, y = head + img.height + pad + 4;
  const colW = 300;
  for (const b of info.legend) {
    if (y + (b.rows.length + 1) * line > c.height - 4) {
      x += colW;
      y = head + img.height + pad + 4;
    }
    g.fillStyle = "#9aa7b4";
    g.font = "bold 12px system-ui, sans-serif";
    g.fillText(b.title, x, y);
    y += line;
    g.font = "12px system-ui, sans-serif";
    for (const r of b.rows) {
      if (r.color !== undefined) {
        g.fillStyle = hex(r.color);
        g.fillRect(x, y - 10, 11, 11);
      }
      g.fillStyle = "#e6edf3";
      g.fillText(r.text, x + 16, y);
      y += line;
    }
  }
  // Scale bar, bottom right of the view.
  const bar = info.pxPerMetre ? scaleBar(info.pxPerMetre, info.coordUnit) : null;
  const by = head + img.height - 18, bx = c.width - pad;
  g.fillStyle = "#e6edf3";
  g.font = "12px system-ui, sans-serif";
  if (bar) {
    g.fillRect(bx - bar.px, by, bar.px, 3);
    g.fillRect(bx - bar.px, by - 5, 2, 10);
    g.fillRect(bx - 2, by - 5, 2, 10);
    const w = g.measureText(bar.label).width;
    g.fillText(bar.label, bx - bar.px / 2 - w / 2, by - 8);
  } else {
    const t = "Perspective view: not to scale";
    g.fillText(t, bx - g.measureText(t).width, by);
  }
  return c.toDataURL("image/png");
}
