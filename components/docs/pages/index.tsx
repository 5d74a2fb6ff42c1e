import Link from "next/link";
import type { DocsConfig } from "@/lib/docs/config";
import { DOCS_INDEX, DOCS_NAV } from "@/lib/docs/nav";
import { PageHeader, Value } from "../blocks";

/** /docs: the table of contents. */
export function DocsHome({ c }: { c: DocsConfig }) {
  return (
    <article>
      <PageHeader title={DOCS_INDEX.title}>
        <p>
          Spectral keeps structural-engineering models (nodes, frames, supports, sections, materials and loads) and shows them in a 3D
          viewer. You work on them through an AI assistant connected to Spectral&apos;s MCP server at <Value c={c} k="mcp-url" />.
        </p>
      </PageHeader>
      {DOCS_NAV.map((s) => (
        <section key={s.heading} aria-label={s.heading}>
          <h2>{s.heading}</h2>
          <div className="docs-cards">
            {s.pages.map((p) => (
              <div className="card" key={p.href}>
                <h3>
                  <Link href={p.href}>{p.title}</Link>
                </h3>
                <p>{p.summary}</p>
              </div>
            ))}
          </div>
        </section>
      ))}
    </article>
  );
}
