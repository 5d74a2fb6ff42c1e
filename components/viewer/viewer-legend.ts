/**
 * What the legend over the view says, from what is drawn (pure: the screen and the PNG use it).
 * It follows the drawing: the model colours' legend only while frames carry them, the result
 * colours' legend while a result colours them, grey undeformed + yellow deflected when the
 * deflected shape is on, and the diagram with its units and sign convention.
 */
import { COLORS, type LegendRow } from "./palette";
import { RESULT_COLORS } from "./results-layers";
import { legendRows, type LegendBlock } from "./stage-legend";
import { fmt, fmtQ, type EngUnits } from "./units";
import type { ColorBy } from "./types";
import type { DiagramKind, ResultColorBy } from "./use-results";

export const UNDEFORMED_GREY = 0x56606b;

export interface LegendInput {
  units: EngUnits;
  colorBy: ColorBy;
  modelLegend: LegendRow[];
  result: { colorBy: ResultColorBy; legend: LegendRow[]; max: number } | null;
  deflected: { scale: number; max: number } | null;
  diagram: Exclude<DiagramKind, "none"> | null;
  reactions: boolean;
  loads: { caseName: string } | null;
  isolation: string | null;
}

const DIAGRAMS: Record<Exclude<DiagramKind, "none">, { title: string; moment: boolean; sign: string }> = {
  Mz: { title: "Moment Mz, strong axis", moment: true, sign: "Mz > 0 sagging; drawn on the tension side (local −y)" },
  My: { title: "Moment My, weak axis", moment: true, sign: "My > 0 drawn toward local +z (tension side)" },
  Vy: { title: "Shear Vy (along local y)", moment: false, sign: "drawn toward local +y when positive" },
  Vz: { title: "Shear Vz (along local z)", moment: false, sign: "drawn toward local +z when positive" },
  N: { title: "Axial force N", moment: false, sign: "N > 0 tension, N < 0 compression" },
};

export function legendBlocks(i: LegendInput): LegendBlock[] {
  const u = i.units;
  const out: LegendBlock[] = [];
  if (i.deflected) {
    out.push({
      title: "Deflected shape",
      rows: [
        { color: RESULT_COLORS.deflected, text: `Deflected ×${fmt(i.deflected.scale, 3)} (max ${fmtQ(u, "disp", i.deflected.max)})` },
        { color: UNDEFORMED_GREY, text: "Undeformed model" },
      ],
    });
  } else if (i.result && i.result.colorBy !== "none") {
    const what = i.result.colorBy === "M" ? "|M|" : "|N|";
    out.push({ title: `Frames by ${what} (max ${fmtQ(u, i.result.colorBy === "M" ? "moment" : "force", i.result.max)})`, rows: legendRows(i.result.legend) });
  } else if (i.colorBy !== "none" && i.modelLegend.length) {
    out.push({ title: i.colorBy === "section" ? "Sections" : "Materials", rows: legendRows(i.modelLegend) });
  }
  if (i.diagram) {
    const d = DIAGRAMS[i.diagram];
    const unit = d.moment ? u.moment.unit : u.force.unit;
    out.push({
      title: `${d.title} (${unit})`,
      rows: [
        { color: RESULT_COLORS.positive, text: "positive" },
        { color: RESULT_COLORS.negative, text: "negative" },
        { text: `${d.sign}; largest value on each member written` },
      ],
    });
  }
  if (i.reactions) out.push({ title: "Reactions", rows: [{ color: RESULT_COLORS.reaction, text: `Force at supports, |R| in ${u.force.unit}` }] });
  if (i.loads) out.push({ title: `Loads: ${i.loads.caseName}`, rows: [{ color: COLORS.load, text: `${u.force.unit} (point), ${u.line.unit} (line)` }] });
  if (i.isolation) out.push({ title: "Isolated", rows: [{ text: `${i.isolation}; the rest is ghosted` }] });
  return out;
}
