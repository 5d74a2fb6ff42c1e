/**
 * Writing ISO 10303-21 (STEP physical file) data sections: entity instances numbered in order,
 * exact reals, enumerations, and deterministic IFC GlobalIds. Strings go through ifcString (text.ts).
 */

export const CHUNK = 1 << 16;

export class StepWriter {
  private next = 1;
  private buf = "";

  /** Append `#n=BODY;` and return n. */
  add(body: string): number {
    const id = this.next++;
    this.buf += `#${id}=${body};\n`;
    return id;
  }

  /** Text written since the last take (the caller yields it as a chunk). */
  take(): string {
    const t = this.buf;
    this.buf = "";
    return t;
  }

  get pending(): number {
    return this.buf.length;
  }
}

/** A STEP REAL: shortest round-trip digits (exact), always with a decimal point. */
export function real(v: number): string {
  if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
  if (Object.is(v, -0) || v === 0) return "0.";
  const s = String(v);
  const e = s.indexOf("e");
  const mant = e < 0 ? s : s.slice(0, e);
  const m = mant.includes(".") ? mant : `${mant}.`;
  return e < 0 ? m : `${m}E${s.slice(e + 1).replace("+", "")}`;
}

export const ref = (id: number): string => `#${id}`;
export const refs = (ids: readonly number[]): string => `(${ids.map(ref).join(",")})`;
export const reals = (vs: readonly number[]): string => `(${vs.map(real).join(",")})`;
export const bool = (b: boolean): string => (b ? ".T." : ".F.");

const B64 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_$";

/**
 * A 22-character IFC GlobalId (128 bits, IFC base-64) derived from a key, so the same model always
 * exports the same ids (re-imports update instead of duplicating).
 */
export function globalId(key: string): string {
  // four 32-bit FNV-1a hashes with different offsets → 128 bits
  const words = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b].map((seed) => {
    let h = seed >>> 0;
    for (let i = 0; i < key.length; i++) {
      h ^= key.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d) >>> 0;
    h ^= h >>> 12;
    return h >>> 0;
  });
  let bits = words.map((w) => w.toString(2).padStart(32, "0")).join("");
  bits = `0000${bits}`; // 132 bits: 2 + 20×6 + … → first char holds 2 bits
  let out = "";
  for (let k = 0; k < 22; k++) out += B64[parseInt(bits.slice(k * 6, k * 6 + 6).padEnd(6, "0"), 2)];
  return out;
}
