/**
 * The first import steps: parse the payload, refuse control characters, unwrap API envelopes, then
 * read the model-level fields (name, description, vertical axis, units, display units).
 */
import { MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH } from "../schema";
import { findControlCharacters } from "../text";
import { FORCE_UNITS, LENGTH_UNITS, unitScale } from "../units";
import type { ImportContext } from "./context";
import { KEYS_DESCRIPTION, KEYS_DISPLAY_UNITS, KEYS_NAME, KEYS_SETTINGS_VERTICAL, KEYS_UNITS, KEYS_VERTICAL_AXIS, isObj, pick, readUnits } from "./read";

/** A JSON string is parsed; anything but an object stops the import. */
export function parsePayload(ctx: ImportContext): "stop" | void {
  if (typeof ctx.root === "string") {
    try {
      ctx.root = JSON.parse(ctx.root);
    } catch (e) {
      ctx.c.error("INVALID_INPUT", `The payload is not valid JSON (${(e as Error).message}). Send a JSON object with nodes and frames.`, { path: [] });
      return "stop";
    }
  }
  const root = ctx.root;
  if (!isObj(root)) {
    ctx.c.error("INVALID_INPUT", `The payload must be a JSON object with nodes and frames, got ${Array.isArray(root) ? "an array" : typeof root}.`, { path: [] });
    return "stop";
  }
  ctx.p = root;
}

/** Control characters anywhere (names, labels, ids, keys) are refused before anything is read. */
export function refuseControlCharacters(ctx: ImportContext): "stop" | void {
  const bad = findControlCharacters(ctx.p);
  if (bad.length === 0) return;
  for (const b of bad) ctx.c.error("INVALID_INPUT", ` ${b.problem}.`, { path: b.path });
  return "stop";
}

/** Wrappers: { s3d_model: {...} } (SkyCiv API), { model: {...} }, { structure: {...} }. */
export function unwrapEnvelope(ctx: ImportContext): void {
  for (const w of ["s3d_model", "model", "structure"]) {
    const inner = ctx.p[w];
    if (isObj(inner) && (inner.nodes !== undefined || inner.members !== undefined || inner.frames !== undefined)) {
      if (w === "s3d_model") ctx.features.add("skyciv");
      ctx.p = inner;
      break;
    }
  }
  const p = ctx.p;
  ctx.settings = isObj(p.settings) ? p.settings : {};
  if (typeof p.format === "string" && p.format.startsWith("spectral")) ctx.features.add("spectral");
}

export function readMeta(ctx: ImportContext): void {
  const { c, input, p, settings } = ctx;
  const nameHit = pick(p, KEYS_NAME);
  if (nameHit) {
    const v = nameHit[1];
    if (typeof v === "string" && v.trim() !== "") input.name = v.slice(0, MAX_NAME_LENGTH);
    else if (typeof v === "number") input.name = String(v);
    else c.error("INVALID_INPUT", " must be a non-empty string.", { path: [nameHit[0]] });
  }
  const descHit = pick(p, KEYS_DESCRIPTION);
  if (descHit) {
    if (typeof descHit[1] !== "string") c.error("INVALID_INPUT", " must be a string.", { path: [descHit[0]] });
    else input.description = descHit[1].slice(0, MAX_DESCRIPTION_LENGTH);
  }
  const vaHit = pick(p, KEYS_VERTICAL_AXIS) ?? pick(settings, KEYS_SETTINGS_VERTICAL);
  if (vaHit) {
    const v = String(vaHit[1]).trim().replace(/^\+/, "").toUpperCase();
    if (v === "Z" || v === "Y") input.verticalAxis = v;
    else c.error("INVALID_INPUT", ` is ${JSON.stringify(vaHit[1])}; use "Z" (default) or "Y".`, { path: [vaHit[0]] });
  }
}

/** Payload units (the scale every later step applies) and the display units of the new model. */
export function readPayloadUnits(ctx: ImportContext): void {
  const { c, input, p, settings } = ctx;
  const unitsHit = pick(p, KEYS_UNITS) ?? (settings.units !== undefined ? (["settings.units", settings.units] as [string, unknown]) : undefined);
  const units = unitsHit ? readUnits(unitsHit[1], c, unitsHit[0].split(".")) : {};
  if (units.length && units.length !== "m") ctx.features.add(`${units.length} units`);
  ctx.s = unitScale(units);
  const dispHit = pick(p, KEYS_DISPLAY_UNITS);
  const disp = dispHit ? readUnits(dispHit[1], c, [dispHit[0]]) : units;
  input.displayUnits = {
    length: disp.length && (LENGTH_UNITS as readonly string[]).includes(disp.length) ? disp.length : input.displayUnits.length,
    force: disp.force && (FORCE_UNITS as readonly string[]).includes(disp.force) ? disp.force : input.displayUnits.force,
  };
}
