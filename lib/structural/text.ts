/**
 * User text (model names, labels, section/material/case names, descriptions, account names) is
 * data that later reaches exports, PostgreSQL text columns, HTML and terminal logs. Control
 * characters have no place in any of it: they are refused at the edge, with a message that names
 * the character and its position, while every printable character stays allowed (accents, CJK,
 * right-to-left scripts and their marks, emoji with joiners and variation selectors).
 *
 * Refused: C0 controls U+0000–U+001F (NUL, tab, line feed, escape…), DEL U+007F, C1 controls
 * U+0080–U+009F, and the line/paragraph separators U+2028/U+2029 (a line break to JavaScript and
 * to many parsers). Bidirectional marks (U+200E/U+200F, U+202A–U+202E, U+2066–U+2069) are format
 * characters, not controls: RTL text needs them, and they are allowed.
 */
import { z } from "zod";

/** Characters refused in user text (see the file comment). */
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const hex = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;

/** Why `s` is refused ("contains the control character U+0000 at position 4; …"), or null when it is fine. */
export function controlCharacterProblem(s: string): string | null {
  const m = CONTROL_CHARACTER.exec(s);
  if (!m) return null;
  return `contains the control character ${hex(m[0])} at position ${m.index + 1}; use plain text on one line (no NUL, tab, line break or escape characters)`;
}

/**
 * A string schema that refuses control characters, for every name, label and other user text
 * accepted at an edge (MCP tool inputs, import payloads, generators, web forms). zod 4's `.refine`
 * keeps the string schema, so `.optional()`, `.describe()` and the JSON Schema stay as they were.
 */
export function safeText(min = 0, max = 2000): z.ZodString {
  let s = z.string();
  if (min > 0) s = s.min(min);
  return s.max(max).refine((v) => !CONTROL_CHARACTER.test(v), { error: (iss) => `must not contain control characters: it ${controlCharacterProblem(String(iss.input)) ?? "contains one"}` });
}

/** Adds the control-character rule to an existing string schema (custom messages, trims). */
export function refuseControlCharacters(schema: z.ZodString): z.ZodString {
  return schema.refine((v) => !CONTROL_CHARACTER.test(v), { error: (iss) => `must not contain control characters: it ${controlCharacterProblem(String(iss.input)) ?? "contains one"}` });
}

/** Deeper than this, a payload is refused rather than walked (no import format nests past a few levels). */
export const MAX_TEXT_DEPTH = 64;

/**
 * Every string (and object key) in a free-form payload that contains a control character, with
 * its path, at most `limit` of them: import payloads are read leniently rather than through one
 * schema, so they are checked whole before anything is read from them. One shared path stack,
 * copied only for a hit (a 100k-frame payload holds ~10^6 values).
 */
export function findControlCharacters(value: unknown, limit = 20): { path: (string | number)[]; problem: string }[] {
  const out: { path: (string | number)[]; problem: string }[] = [];
  const path: (string | number)[] = [];
  const visit = (v: unknown): void => {
    if (out.length >= limit) return;
    if (typeof v === "string") {
      if (CONTROL_CHARACTER.test(v)) out.push({ path: [...path], problem: controlCharacterProblem(v)! });
      return;
    }
    if (v === null || typeof v !== "object") return;
    if (path.length >= MAX_TEXT_DEPTH) {
      out.push({ path: [...path], problem: `is nested more than ${MAX_TEXT_DEPTH} levels deep` });
      return;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length && out.length < limit; i++) {
        const item: unknown = v[i];
        if (typeof item === "string" ? !CONTROL_CHARACTER.test(item) : item === null || typeof item !== "object") continue;
        path.push(i);
        visit(item);
        path.pop();
      }
      return;
    }
    for (const k in v as Record<string, unknown>) {
      if (out.length >= limit) return;
      path.push(k);
      if (CONTROL_CHARACTER.test(k)) out.push({ path: [...path], problem: `(the key) ${controlCharacterProblem(k)!}` });
      visit((v as Record<string, unknown>)[k]);
      path.pop();
    }
  };
  visit(value);
  return out;
}
