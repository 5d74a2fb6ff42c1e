import Link from "next/link";
import { COUNT_KINDS, expectedCounts, type ImportExample } from "@/lib/docs/import-examples";
import { docsPage } from "@/lib/docs/nav";
import type { ToolDoc } from "@/lib/docs/tools";
import { Code, PageHeader, Section } from "../blocks";

export const IMPORT_FORMAT_PAGE = docsPage("/docs/import-format");

export interface ImportFormatProps {
  examples: readonly ImportExample[];
  importTool: ToolDoc | undefined;
  payloadSchema: unknown;
  units: { length: readonly string[]; force: readonly string[]; stress: readonly string[]; density: readonly string[] };
  limits: { maxFrames: number; maxNodes: number; maxJsonMib: number };
  /** Section families (with a sample name) and material names from the built-in catalogue. */
  catalogue: { families: { family: string; standard: string; count: number; sample: string }[]; materials: string[] };
}

const KIND_WORDS: Record<(typeof COUNT_KINDS)[number], [string, string]> = {
  nodes: ["node", "nodes"],
  frames: ["frame", "frames"],
  supports: ["support", "supports"],
  sections: ["section", "sections"],
  materials: ["material", "materials"],
  loadCases: ["load case", "load cases"],
  loads: ["load", "loads"],
  combinations: ["combination", "combinations"],
};

export function describeExampleCounts(e: ImportExample): string {
  const c = expectedCounts(e);
  return COUNT_KINDS.filter((k) => c[k] > 0)
    .map((k) => `${c[k]} ${KIND_WORDS[k][c[k] === 1 ? 0 : 1]}`)
    .join(", ");
}

const list = (xs: readonly string[]) =>
  xs.map((x, i) => (
    <span key={x}>
      {i ? ", " : ""}
      <code>{x}</code>
    </span>
  ));

const FIELDS: { key: string; content: string; notes: string }[] = [
  { key: "format", content: '"spectral/1"', notes: "Marks a payload written by Spectral. Optional." },
  { key: "name, description", content: "strings", notes: "The model's name (the import_model call may override it) and an optional description." },
  { key: "units", content: '{ length, force } or a length unit such as "mm"', notes: "Units of every number in the payload; default metres and newtons. Converted to SI on import." },
  { key: "display_units", content: "{ length, force }", notes: "Units the viewer shows. Default: the payload's units, else m and kN." },
  { key: "vertical_axis", content: '"Z" or "Y"', notes: "Which global axis points up. Default Z." },
  { key: "nodes", content: "[{ id, x, y, z }]", notes: "Required. Ids are your labels (N1, 12, …) and must be unique." },
  {
    key: "frames",
    content: "[{ id, start, end, section, material, roll, orientation, releases, role }]",
    notes: 'Required. start and end are node ids. roll in degrees about the member axis; releases { i, j } as 6-letter codes (F connected, R released, order ux uy uz rx ry rz); role beam, column, brace, truss, cable or other.',
  },
  { key: "supports", content: "[{ node, code }]", notes: 'code: 6 letters (F restrained, R free) or "fixed", "pinned", "roller".' },
  {
    key: "sections",
    content: "[{ name, A, Iy, Iz, J, shape }]",
    notes: "Area and second moments in the payload's units (SI by default). Iz is the strong axis, Iy the weak axis. Catalogue names need no entry here.",
  },
  { key: "materials", content: "[{ name, E, G, nu, density, fy, kind }]", notes: "E, G and fy are stresses; kind steel, concrete, timber, aluminium or other." },
  { key: "load_cases", content: "[{ name, type, self_weight_factor }]", notes: "type dead, live, wind, snow, seismic, temperature or other; self_weight_factor 1 adds the self-weight." },
  {
    key: "loads",
    content: "[{ kind, case, node | frame, … }]",
    notes:
      "nodal: fx fy fz mx my mz on a node. frame_point: the same on a frame at position (0–1 of the length). frame_distributed: w1 and w2 vectors (force per length) between start and end, global or local axes.",
  },
  { key: "combinations", content: "[{ name, kind, factors }]", notes: 'factors map load case names to factors, e.g. { "Dead": 1.35, "Live": 1.5 }; kind ULS, SLS or other.' },
];

const VARIANTS: { what: string; accepted: string }[] = [
  { what: "Nodes", accepted: "an array of { id, x, y, z }; an array of [x, y, z] (the id is the position in the list); an object keyed by id, { \"1\": { x, y, z } }; also under joints or points. A missing z is 0." },
  { what: "Frames", accepted: "under frames, members, elements, beams or bars; as objects, as [start, end] pairs, or as an object keyed by id." },
  { what: "Frame ends", accepted: "start/end, i/j, node_A/node_B, nodeI/nodeJ, n1/n2, from/to, nodes: [a, b], or coordinates [x, y, z] (nodes are created and coincident ends joined)." },
  { what: "Units", accepted: 'a length unit ("mm"), or { length, force, section_length, stress, density } for payloads that give section properties, material properties or densities in their own units.' },
  { what: "Supports", accepted: 'codes ("FFFRRR"), words (fixed, pinned, roller, roller_x, free), six booleans or 0/1 values (true = restrained), { ux: true, … }; as an array or as an object keyed by node.' },
  { what: "Releases", accepted: 'codes, words (pinned), { i, j } or { start, end }, [i, j], "pinned_start" / "pinned_end", fixity_A/fixity_B.' },
  { what: "Sections and materials", accepted: "catalogue names (see below) or explicit properties; Ix/Iy in the AISC sense (x strong) are read as Iz/Iy. Spacing and case do not matter: \"IPE 300\", \"ipe300\" and \"IPE300\" are the same section." },
  { what: "Loads", accepted: 'case, load_case or load_group; node or frame (member, element); positions as fractions, "50%" or { abs: 2.5 }; point_loads, moments and distributed_loads lists. Load cases that are named but not declared are created.' },
  { what: "Wrappers", accepted: "a payload nested as { model: {…} }, { structure: {…} } or SkyCiv's { s3d_model: {…} }." },
];

/** /docs/import-format: the canonical format, the tolerated variants and worked examples. */
export function ImportFormat({ examples, importTool, payloadSchema, units, limits, catalogue }: ImportFormatProps) {
  const minimal = examples.find((e) => e.name === "minimal") ?? examples[0]!;
  return (
    <article>
      <PageHeader title={IMPORT_FORMAT_PAGE.title}>
        <p>
          Spectral reads structural models as a JSON document of nodes and frames, with optional supports, sections, materials, load
          cases, loads and combinations. Assistants send it to the <Link href="/docs/tools#import_model">import_model</Link> tool; the
          same format comes back when a model is read as a resource, so a model can make the round trip unchanged.
        </p>
      </PageHeader>

      <Section id="sending" title="Sending a payload">
        <p>
          The document goes in the <code>payload</code> argument of <code>import_model</code>
          {importTool ? (
            <>
              , which also takes{" "}
              {importTool.arguments
                .filter((a) => a.name !== "payload")
                .map((a, i) => (
                  <span key={a.name}>
                    {i ? ", " : ""}
                    <code>{a.name}</code>
                  </span>
                ))}
            </>
          ) : null}
          . With <code>dry_run: true</code> nothing is written: the answer lists what would be created and every problem found, which
          is the way to show the plan before importing.
        </p>
        <Code label="import_model arguments">{JSON.stringify({ payload: minimal.payload, dry_run: true }, null, 2)}</Code>
        <p>
          You can also paste a payload into a chat and ask the assistant to import it; it will use the same tool.
        </p>
      </Section>

      <Section id="canonical" title="The canonical format">
        <p>
          Numbers are in SI units (metres, newtons, pascals, kg/m³) unless <code>units</code> says otherwise. Elements refer to each
          other by the ids and names in the payload; Spectral assigns its own ids on import.
        </p>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Content</th>
              <th scope="col">Notes</th>
            </tr>
          </thead>
          <tbody>
            {FIELDS.map((f) => (
              <tr key={f.key}>
                <td>
                  <code>{f.key}</code>
                </td>
                <td>
                  <code>{f.content}</code>
                </td>
                <td>{f.notes}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <details>
          <summary>JSON Schema of the payload (as import_model advertises it)</summary>
          <pre>{JSON.stringify(payloadSchema, null, 2)}</pre>
        </details>
      </Section>

      <Section id="variants" title="Accepted variants">
        <p>
          Payloads written by other tools or by hand rarely use the canonical names, so the importer accepts common alternatives and
          reports which ones it recognised (<code>detectedFormat</code>).
        </p>
        <table className="data">
          <tbody>
            {VARIANTS.map((v) => (
              <tr key={v.what}>
                <td>{v.what}</td>
                <td>{v.accepted}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3 id="units">Units</h3>
        <ul>
          <li>Length: {list(units.length)}</li>
          <li>Force: {list(units.force)}</li>
          <li>Stress (E, G, fy): {list(units.stress)} (default: force per length²)</li>
          <li>Density: {list(units.density)}</li>
        </ul>
        <h3 id="catalogue">Catalogue names</h3>
        <p>A section or material given by name only is copied from Spectral&apos;s catalogue into the model:</p>
        <table className="data" data-testid="catalogue">
          <tbody>
            {catalogue.families.map((f) => (
              <tr key={f.family}>
                <td>
                  {f.family} <span className="muted">({f.standard})</span>
                </td>
                <td>
                  {f.count} sizes, e.g. <code>{f.sample}</code>
                </td>
              </tr>
            ))}
            <tr>
              <td>Materials</td>
              <td>{list(catalogue.materials)}</td>
            </tr>
          </tbody>
        </table>
      </Section>

      <Section id="examples" title="Examples">
        <p>Each example below is a complete payload. Under it: what the import creates.</p>
        {examples.map((e) => (
          <section key={e.name} id={`example-${e.name}`} aria-labelledby={`example-${e.name}-h`}>
            <h3 id={`example-${e.name}-h`}>{e.title}</h3>
            <p>{e.summary}</p>
            <Code
              label={`${e.name}.json`}
              testId="import-example"
              extra={{ "data-example-name": e.name, "data-expected-counts": JSON.stringify(expectedCounts(e)), "data-detected-format": e.detectedFormat }}
            >
              {JSON.stringify(e.payload, null, 2)}
            </Code>
            <p className="muted" data-testid="import-example-counts" data-example-name={e.name}>
              Creates {describeExampleCounts(e)}. Detected format: <code>{e.detectedFormat}</code>.
            </p>
          </section>
        ))}
      </Section>

      <Section id="report" title="What the import reports">
        <ul>
          <li>
            <strong>Errors</strong> (unknown node ids, duplicate ids, non-finite numbers, missing section properties, zero-length
            frames, …) stop the import. All of them are listed at once, each with its place in the payload (for example{" "}
            <code>frames[12].end</code>) and how to fix it. Nothing is written.
          </li>
          <li>
            <strong>Warnings and notes</strong> (a catalogue section copied in, a load case created because a load named it, implausible
            values after unit conversion) do not stop it; they come back with the result.
          </li>
          <li>
            The result gives the new model&apos;s id, the counts of what was created and a viewer link.
          </li>
        </ul>
      </Section>

      <Section id="limits" title="Limits">
        <ul>
          <li>
            Up to {limits.maxFrames.toLocaleString("en")} frames and {limits.maxNodes.toLocaleString("en")} nodes per import.
          </li>
          <li>A payload sent as a JSON string may be up to {limits.maxJsonMib} MiB.</li>
          <li>
            Bigger models: import a part, then add the rest with <Link href="/docs/tools#add_elements">add_elements</Link>.
          </li>
        </ul>
      </Section>
    </article>
  );
}
