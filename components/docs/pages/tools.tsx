import Link from "next/link";
import { docsPage } from "@/lib/docs/nav";
import { ANNOTATION_KEYS, ANNOTATION_MEANINGS, type ToolDoc } from "@/lib/docs/tools";
import { EXPORT_FORMAT_INFO, EXPORT_FORMATS } from "@/lib/structural/export/format-info";
import { Bool, PageHeader } from "../blocks";

export const TOOLS_PAGE = docsPage("/docs/tools");

function ToolCard({ t }: { t: ToolDoc }) {
  return (
    <section className="docs-tool" id={t.name} data-testid="tool" data-tool-name={t.name} aria-labelledby={`${t.name}-h`}>
      <h2 id={`${t.name}-h`}>
        <code>{t.name}</code> <span className="muted">· {t.title}</span>
      </h2>
      <div className="badges">
        <span className={`badge scope-${t.scopeNeed}`} data-testid="tool-scope">
          {t.scope}
        </span>
        {t.annotations.readOnlyHint ? <span className="badge">read-only</span> : <span className="badge">writes</span>}
        {t.widget ? <span className="badge">3D viewer widget</span> : null}
        {t.appOnly ? (
          <span className="badge" data-testid="tool-app-only" title='MCP Apps _meta.ui.visibility: ["app"]'>
            widget only · hidden from the model
          </span>
        ) : null}
      </div>
      <p data-testid="tool-description" style={{ whiteSpace: "pre-line" }}>
        {t.description}
      </p>
      {t.appOnly ? (
        <p className="muted">
          Assistants never see or call this tool: Spectral&apos;s in-chat viewer calls it through the host (MCP Apps <code>tools/call</code>, ChatGPT{" "}
          <code>window.openai.callTool</code>) to load the model it shows.
        </p>
      ) : null}
      {t.arguments.length ? (
        <p>
          <span className="muted">Arguments: </span>
          {t.arguments.map((a, i) => (
            <span key={a.name}>
              {i ? ", " : ""}
              <code title={a.description}>{a.name}</code>
              {a.required ? <span className="muted"> (required)</span> : null}
            </span>
          ))}
        </p>
      ) : (
        <p className="muted">No arguments.</p>
      )}
      <table className="data" data-testid="tool-annotations">
        <thead>
          <tr>
            <th scope="col">Hint</th>
            <th scope="col">Value</th>
            <th scope="col">Meaning when true</th>
          </tr>
        </thead>
        <tbody>
          {ANNOTATION_KEYS.map((k) => (
            <tr key={k} data-annotation={k} data-value={String(t.annotations[k])}>
              <td>
                <code>{k}</code>
              </td>
              <td>
                <Bool value={t.annotations[k]} />
              </td>
              <td className="muted">{ANNOTATION_MEANINGS[k]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <details data-testid="tool-input-schema">
        <summary>Input schema (JSON Schema)</summary>
        <pre>{JSON.stringify(t.inputSchema, null, 2)}</pre>
      </details>
      <details data-testid="tool-output-schema">
        <summary>Output schema (structuredContent)</summary>
        <pre>{JSON.stringify(t.outputSchema, null, 2)}</pre>
      </details>
    </section>
  );
}

/** The export_model formats and what each carries, from lib/structural/export/format-info.ts. */
function ExportFormats() {
  return (
    <section id="export-formats" aria-labelledby="export-formats-h">
      <h2 id="export-formats-h">Export formats</h2>
      <p>
        <code>export_model</code> and the viewer&apos;s Export menu write these files (SI units; the download streams, so large models
        work). The file name is the model name plus the suffix shown.
      </p>
      <table className="data" data-testid="export-formats">
        <thead>
          <tr>
            <th scope="col">format</th>
            <th scope="col">File</th>
            <th scope="col">Carries</th>
            <th scope="col">Does not carry</th>
          </tr>
        </thead>
        <tbody>
          {EXPORT_FORMATS.map((f) => {
            const info = EXPORT_FORMAT_INFO[f];
            return (
              <tr key={f} data-format={f}>
                <td>
                  <code>{f}</code>
                  <br />
                  <span className="muted">{info.label}</span>
                </td>
                <td>
                  <code>{info.suffix}</code>
                </td>
                <td>{info.carries}</td>
                <td className="muted">{info.omits}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** /docs/tools: generated from lib/mcp/tools.ts at render time. */
export function ToolsReference({ tools, scopes }: { tools: ToolDoc[]; scopes: { read: string; write: string } }) {
  return (
    <article>
      <PageHeader title={TOOLS_PAGE.title}>
        <p>
          Every tool the Spectral MCP server offers, in the order <code>tools/list</code> returns them. This page is generated from the
          server&apos;s tool registry each time it is shown, so it always matches what clients see.
        </p>
      </PageHeader>
      <p>
        Each tool needs a scope: <code>{scopes.read}</code> for reading, <code>{scopes.write}</code> for changes (write includes read;
        see <Link href="/docs/mcp/authentication#scopes">scopes</Link>). The four hints tell clients how careful to be: ChatGPT, Claude
        and others ask before running a tool that is not read-only.
      </p>
      <nav aria-label="Tools" className="docs-toc">
        <ul>
          {tools.map((t) => (
            <li key={t.name}>
              <a href={`#${t.name}`}>
                <code>{t.name}</code>
              </a>{" "}
              <span className="muted">{t.title}</span>
            </li>
          ))}
        </ul>
      </nav>
      {tools.map((t) => (
        <ToolCard key={t.name} t={t} />
      ))}
      <ExportFormats />
    </article>
  );
}
