"use client";
/**
 * The Model tab: counts, layer toggles, colour-by with its legend (or a note saying the frames are
 * coloured by a result), the unit system, and isolation of a grid line, storey or the selection.
 */
import { Legend } from "./legend";
import type { LegendRow } from "./palette";
import type { Isolation, IsolationChoices } from "./isolate";
import { isolationKey } from "./isolate";
import { ENG_UNITS, UNIT_SYSTEMS, fmt, toUnit, type UnitSystem } from "./units";
import type { ColorBy, DisplayOptions, ViewerPayload } from "./types";

export interface ModelTabProps {
  payload: ViewerPayload;
  display: DisplayOptions;
  legend: LegendRow[];
  onChange(patch: Partial<DisplayOptions>): void;
  /** Set when a result colours the frames (the model legend does not apply then). */
  resultColouring: string | null;
  unitSystem: UnitSystem;
  onUnitSystem(s: UnitSystem): void;
  isolation: Isolation;
  choices: IsolationChoices;
  canIsolateSelection: boolean;
  onIsolate(i: Isolation): void;
}

function count(n: number) {
  return n.toLocaleString("en-US");
}

const TOGGLES: [keyof DisplayOptions, string][] = [
  ["nodes", "Nodes"],
  ["supports", "Supports"],
  ["loads", "Loads"],
  ["grid", "Grid"],
  ["labels", "Labels"],
  ["solid", "Solid sections"],
];

export function ModelTab(props: ModelTabProps) {
  const { payload: p, display, legend, onChange } = props;
  const frames = Math.floor(p.frames.pairs.length / 2);
  const nodes = Math.floor(p.nodes.positions.length / 3);
  const u = ENG_UNITS[props.unitSystem];
  const coord = (m: number) => `${fmt(toUnit(u, "coord", m), 4)} ${u.coord.unit}`;
  const key = isolationKey(props.isolation);
  return (
    <>
      <dl className="sv-counts" aria-label="Counts">
        <dt>Nodes</dt>
        <dd data-testid="count-nodes">{count(nodes)}</dd>
        <dt>Frames</dt>
        <dd data-testid="count-frames">{count(frames)}</dd>
        <dt>Supports</dt>
        <dd data-testid="count-supports">{count(p.supports.node.length)}</dd>
        <dt>Sections</dt>
        <dd>{count(p.sections.length)}</dd>
        <dt>Materials</dt>
        <dd>{count(p.materials.length)}</dd>
        <dt>Load cases</dt>
        <dd>{count(p.loadCases.length)}</dd>
        <dt>Loads</dt>
        <dd data-testid="count-loads">{count(p.loads.length)}</dd>
      </dl>
      <fieldset className="sv-fieldset">
        <legend>Show</legend>
        {TOGGLES.map(([k, label]) => (
          <label key={k} className="sv-check">
            <input type="checkbox" checked={display[k] as boolean} onChange={(e) => onChange({ [k]: e.target.checked })} />
            {label}
          </label>
        ))}
      </fieldset>
      <label className="sv-field">
        Isolate (2D elevation or plan)
        <select
          value={key}
          onChange={(e) => props.onIsolate(e.target.value === "selection" ? { kind: "selection" } : props.choices.byKey.get(e.target.value) ?? { kind: "none" })}
          data-testid="isolate"
        >
          <option value="none">Whole model</option>
          {props.canIsolateSelection && <option value="selection">The selected frame and its neighbours</option>}
          {props.choices.storeys.length > 0 && (
            <optgroup label="Storey (plan)">
              {props.choices.storeys.map((s) => (
                <option key={isolationKey(s)} value={isolationKey(s)}>
                  {p.verticalAxis} = {coord(s.value)}
                </option>
              ))}
            </optgroup>
          )}
          {props.choices.lines.length > 0 && (
            <optgroup label="Grid line (elevation)">
              {props.choices.lines.map((s) => (
                <option key={isolationKey(s)} value={isolationKey(s)}>
                  {s.axis} = {coord(s.value)}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      <label className="sv-field">
        Colour by
        <select value={display.colorBy} onChange={(e) => onChange({ colorBy: e.target.value as ColorBy })}>
          <option value="none">Nothing</option>
          <option value="section">Section</option>
          <option value="material">Material</option>
        </select>
      </label>
      {props.resultColouring ? (
        <p className="sv-muted" data-testid="model-legend-replaced">
          Frames are coloured by {props.resultColouring} now (legend on the view; change it in Results).
        </p>
      ) : (
        <Legend title={display.colorBy === "section" ? "Sections" : "Materials"} rows={display.colorBy === "none" ? [] : legend} />
      )}
      <label className="sv-field">
        Units
        <select value={props.unitSystem} onChange={(e) => props.onUnitSystem(e.target.value as UnitSystem)} data-testid="unit-system">
          {UNIT_SYSTEMS.map((s) => (
            <option key={s} value={s}>
              {s === "SI" ? "SI (mm, kN, kN·m, MPa)" : "US (in, kip, kip·ft, ksi)"}
            </option>
          ))}
        </select>
      </label>
      <p className="sv-muted sv-small">
        Model input units: {p.units.length}, {p.units.force}; {p.verticalAxis} up. Sections: local z is the strong axis (Iz, Mz strong; Iy, My weak), as
        in Spectral&apos;s model; Eurocode names the strong axis y.
      </p>
    </>
  );
}
