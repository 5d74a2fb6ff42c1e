/**
 * User text (model names, labels, section and case names) is DATA in every exported file. Each
 * target has its own rule, applied here and nowhere else:
 *
 *   Python comment   pyComment   control characters, line/paragraph separators and backslashes
 *                                removed (a comment ends at a line break; a backslash could be read
 *                                as an escape by a hostile source-encoding declaration).
 *   Python literal   pyString    a real escaper: '…' with \\ \' and \xNN/\uNNNN/\UNNNNNNNN for
 *                                everything that is not printable; lone surrogates become U+FFFD.
 *   IFC (STEP) string ifcString  ISO 10303-21 §6.4.3: apostrophe doubled, backslash doubled, every
 *                                character outside printable ASCII as \X2\hhhh…\X0\ (UTF-16) or
 *                                \X4\hhhhhhhh…\X0\ (beyond the BMP); control characters dropped.
 *   DXF text         dxfText     one line of plain text: control characters (a line break would
 *                                start a new group code/value pair) dropped, no '\' escapes, no
 *                                %% control codes; non-ASCII as \U+XXXX (AutoCAD's Unicode escape).
 *
 * Input schemas refuse control characters at the edge; these rules hold even if such text got in.
 */

/** C0/C1 controls, DEL, line/paragraph separators, BOM and other invisible format breakers. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g;

/** Replace lone surrogates by U+FFFD so every encoder sees well-formed text. */
export function wellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

/** Text for a Python `#` comment: one line, no control characters, no backslashes. */
export function pyComment(s: string): string {
  return wellFormed(s).replace(CONTROL, " ").replace(/\\/g, "/");
}

/** A Python string literal for any text (single-quoted; every unprintable escaped). */
export function pyString(s: string): string {
  let out = "'";
  for (const ch of wellFormed(s)) {
    const c = ch.codePointAt(0) as number;
    if (ch === "\\") out += "\\\\";
    else if (ch === "'") out += "\\'";
    else if (c < 0x20 || (c >= 0x7f && c <= 0xa0) || c === 0x2028 || c === 0x2029 || c === 0xfeff || c === 0xad) out += c <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`;
    else out += ch;
  }
  return `${out}'`;
}

/** An ISO 10303-21 string literal ('…'), ASCII only. */
export function ifcString(s: string): string {
  let out = "'";
  let run: string[] = []; // pending \X2\ code units
  let run4: string[] = []; // pending \X4\ code points
  const flush = () => {
    if (run.length) out += `\\X2\\${run.join("")}\\X0\\`;
    if (run4.length) out += `\\X4\\${run4.join("")}\\X0\\`;
    run = [];
    run4 = [];
  };
  for (const ch of wellFormed(s).replace(CONTROL, "")) {
    const c = ch.codePointAt(0) as number;
    if (c >= 0x20 && c <= 0x7e) {
      flush();
      out += ch === "'" ? "''" : ch === "\\" ? "\\\\" : ch;
    } else if (c <= 0xffff) {
      if (run4.length) flush();
      run.push(hex(c, 4));
    } else {
      if (run.length) flush();
      run4.push(hex(c, 8));
    }
  }
  flush();
  return `${out}'`;
}

/** One line of DXF TEXT/layer-name content. */
export function dxfText(s: string): string {
  let out = "";
  for (const ch of wellFormed(s).replace(CONTROL, " ")) {
    const c = ch.codePointAt(0) as number;
    if (ch === "\\") out += "/";
    else if (c < 0x80) out += ch;
    else if (c <= 0xffff) out += `\\U+${hex(c, 4)}`;
    else out += "?";
  }
  // %%c, %%d, %%p… are AutoCAD control codes in TEXT values: break the pair.
  return out.replace(/%%/g, "% %").trim();
}

/** A DXF layer name: letters, digits and - _ $ only (others become _), at most 255 characters. */
export function dxfLayerName(s: string): string {
  const n = wellFormed(s).replace(/[^A-Za-z0-9_$-]+/g, "_").slice(0, 255);
  return n || "_";
}

function hex(v: number, width: number): string {
  return v.toString(16).toUpperCase().padStart(width, "0");
}
