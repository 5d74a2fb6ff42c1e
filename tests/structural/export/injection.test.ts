/**
 * Issue 13 item 1: user text in an exported file is data, never code or structure, in every format.
 * The OpenSeesPy attack: a model name carrying a source-encoding declaration (coding:unicode_escape)
 * turns an escaped line break in a label into a real one, and the code after it runs. Labels with
 * control characters are refused at the input edge (elsewhere); the exporters must hold even if such
 * text got into a model, so these tests put it straight into the model.
 */
import { describe, expect, it } from "vitest";
import DxfParser from "dxf-parser";
import * as WebIFC from "web-ifc";
import { EXPORT_FORMATS, exportFile, exportOpenSeesPy, exportSkyCivS3D } from "@/lib/structural/export";
import { pyComment, pyString } from "@/lib/structural/export/text";
import { normalizeImport } from "@/lib/structural/import";
import type { StructuralModel } from "@/lib/structural/schema";
import { portal } from "../fixtures";
import { runScript } from "./opensees-replay";

const PAYLOAD = "print('INJECTED'); open('pwned', 'w')";
const NAME = "Tower -*- coding: unicode_escape -*-";

function hostile(): StructuralModel {
  const m = portal();
  m.meta = { ...m.meta, name: NAME, description: "line1\nline2 \\u000a" + PAYLOAD, id: "m\\u000a" + PAYLOAD };
  // indented like the function body it lands in, and closed by '#' so the rest of the line is a comment:
  // against the exporter before this fix, python3 printed INJECTED twice
  const esc = `\\u000a    ${PAYLOAD}#`;
  m.nodes[0] = { ...m.nodes[0]!, label: `N1${esc}` };
  m.nodes[1] = { ...m.nodes[1]!, label: `N2\n${PAYLOAD}\r\u2028\u0085x` };
  m.nodes[2] = { ...m.nodes[2]!, label: `N3'"\\\u0000\u001b[31m\ud800` };
  m.frames[0] = { ...m.frames[0]!, label: `F1\\N${esc}` };
  m.sections[0] = { ...m.sections[0]!, name: `HEA200\\u000a${PAYLOAD}` };
  m.loadCases[0] = { ...m.loadCases[0]!, name: `Dead\\u000a${PAYLOAD}` };
  m.combinations[0] = { ...m.combinations[0]!, name: `ULS'''\\x0a${PAYLOAD}` };
  return m;
}

describe("OpenSeesPy script: no code injection through names and labels", () => {
  it("declares UTF-8 on line 1 and keeps user text off lines 1-2", () => {
    const lines = exportOpenSeesPy(hostile()).split("\n");
    expect(lines[0]).toBe("# -*- coding: utf-8 -*-");
    expect(lines[1]).toBe("# OpenSeesPy script exported by Spectral");
    expect(lines.slice(0, 2).join("\n")).not.toMatch(/unicode_escape|Tower/);
  });

  it("runs the exported script under python3: the injected code does not run and the labels come back as data", () => {
    const run = runScript(exportOpenSeesPy(hostile()));
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).not.toMatch(/^INJECTED$/m);
    expect(run.commands.some((c) => c.cmd === "open" || JSON.stringify(c.args).includes("pwned"))).toBe(false);
    // NODE_LABELS are real Python strings: the printed table shows the label text itself
    expect(run.stdout).toContain("N1\\u000a    print('INJECTED')");
  });

  it("comments carry no control characters or backslashes; string literals are real Python escapes", () => {
    const script = exportOpenSeesPy(hostile());
    for (const line of script.split("\n")) {
      expect(line).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
      const hash = line.indexOf("  # ");
      if (hash >= 0 && !line.trimStart().startsWith("#")) expect(line.slice(hash)).not.toContain("\\");
      if (line.trimStart().startsWith("#")) expect(line).not.toContain("\\");
    }
    expect(pyComment("a\\u000ab\nc\u2028d")).toBe("a/u000ab c d");
    const r = runScript(`import sys\nsys.stdout.write(repr(${pyString("a'b\\c\n\u0000é😀\ud800")}))\n`);
    expect(r.stdout).toBe(String.raw`"a'b\\c\n\x00é😀\ufffd"`.replace(/\\ufffd/, "\ufffd"));
  });
});

describe("every other format keeps hostile text as data", () => {
  it("Spectral JSON and SkyCiv JSON parse back to the exact names; importing refuses the control characters and keeps the rest", () => {
    const m = hostile();
    const file = exportFile(m, "spectral_json");
    const json = JSON.parse([...file.chunks()].join("")) as { name: string; nodes: { id: string }[] };
    expect(json.name).toBe(NAME);
    expect(json.nodes.map((n) => n.id)).toEqual(m.nodes.map((n) => n.label));
    // Importing it back refuses the labels with control characters (the input edge, issue 13 item 2)
    // and names each one; the labels without any come back exactly.
    const back = normalizeImport(json, {});
    const controlled = m.nodes.filter((n) => /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(n.label));
    expect(controlled.length).toBeGreaterThan(0);
    expect(back.ok).toBe(false);
    expect(back.issues.filter((i) => i.severity === "error").length).toBeGreaterThanOrEqual(controlled.length);
    const clean = { ...json, nodes: json.nodes.filter((n) => !controlled.some((c) => c.label === n.id)) };
    const cleanBack = normalizeImport({ ...clean, description: "", frames: [], supports: [], loads: [] }, {});
    expect(cleanBack.ok).toBe(true);
    expect(cleanBack.input.nodes?.map((n) => n.label)).toEqual(m.nodes.filter((n) => !controlled.includes(n)).map((n) => n.label));
    const s3d = JSON.parse([...exportFile(m, "skyciv_s3d").chunks()].join("")) as ReturnType<typeof exportSkyCivS3D>;
    expect(Object.values(s3d.sections).map((s) => s.name)).toContain(m.sections[0]!.name);
  });

  it("IFC strings are ISO 10303-21 encoded: the file is ASCII, one instance per line, names read back", async () => {
    const m = hostile();
    const text = [...exportFile(m, "ifc4").chunks()].join("");
    expect(text).toMatch(/^[\x20-\x7e\n]*$/);
    const dataLines = text.slice(text.indexOf("DATA;\n") + 6, text.indexOf("ENDSEC;\nEND-ISO")).split("\n").filter(Boolean);
    for (const l of dataLines) expect(l).toMatch(/^#\d+=IFC[A-Z0-9]+\(.*\);$/);
    const api = new WebIFC.IfcAPI();
    await api.Init();
    const id = api.OpenModel(new TextEncoder().encode(text));
    const v = api.GetLineIDsWithType(id, WebIFC.IFCSTRUCTURALPOINTCONNECTION);
    expect(v.size()).toBe(m.nodes.length);
    const names = Array.from({ length: v.size() }, (_, k) => (api.GetLine(id, v.get(k)) as { Name: { value: string } }).Name.value);
    expect(names[0]).toBe(m.nodes[0]!.label); // web-ifc undoes the doubled apostrophes and backslashes: the exact label
    api.CloseModel(id);
  });

  it("DXF text stays one value line: no injected entities or layers", () => {
    const m = hostile();
    const text = [...exportFile(m, "dxf").chunks()].join("");
    const dxf = new DxfParser().parseSync(text) as unknown as { entities: { type: string; layer: string; text?: string }[] };
    expect(dxf.entities.filter((e) => e.type === "LINE")).toHaveLength(m.frames.length);
    expect(dxf.entities.filter((e) => e.type === "TEXT")).toHaveLength(m.frames.length + m.nodes.length);
    // only AutoCAD's \\U+XXXX escapes may carry a backslash
    for (const e of dxf.entities) if (e.text !== undefined) expect(e.text.replace(/\\U\+[0-9A-F]{4}/g, "")).not.toMatch(/[\u0000-\u001f\\]/);
  });

  it("every format is covered by these tests", () => {
    expect([...EXPORT_FORMATS].sort()).toEqual(["dxf", "ifc4", "opensees_py", "skyciv_s3d", "spectral_json"]);
  });
});
