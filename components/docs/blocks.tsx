/** Small building blocks shared by the docs pages (server components). */
import type { ReactNode } from "react";
import { configValue, type ConfigKey, type DocsConfig } from "@/lib/docs/config";
import { CopyButton } from "./copy-button";

/** A live configuration value. Every occurrence carries data-config so tests can check them all. */
export function Value({ c, k, testId }: { c: DocsConfig; k: ConfigKey; testId?: string }) {
  return (
    <code data-config={k} data-testid={testId}>
      {configValue(c, k)}
    </code>
  );
}

/** A code block with a copy button. */
export function Code({
  children,
  testId,
  label,
  copy = true,
  extra,
}: {
  children: string;
  testId?: string;
  label?: string;
  copy?: boolean;
  extra?: Record<`data-${string}`, string>;
}) {
  return (
    <div className="docs-code">
      {label || copy ? (
        <div className="docs-code-bar">
          <span className="muted">{label}</span>
          {copy ? <CopyButton text={children} /> : null}
        </div>
      ) : null}
      <pre data-testid={testId} {...extra}>
        {children}
      </pre>
    </div>
  );
}

export function Callout({ kind = "note", title, children }: { kind?: "note" | "warn" | "ok"; title?: string; children: ReactNode }) {
  return (
    <div className={`notice docs-callout docs-callout-${kind}`} role="note">
      {title ? <strong>{title} </strong> : null}
      {children}
    </div>
  );
}

/** The page heading: the <h1> and an introduction. */
export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="docs-header">
      <h1>{title}</h1>
      {children ? <div className="lead">{children}</div> : null}
    </header>
  );
}

/** A section with a linkable heading. */
export function Section({ id, title, children, level = 2 }: { id: string; title: string; children: ReactNode; level?: 2 | 3 }) {
  const H = level === 2 ? "h2" : "h3";
  return (
    <section id={id} className="docs-section" aria-labelledby={`${id}-h`}>
      <H id={`${id}-h`}>
        <a href={`#${id}`} className="docs-anchor" aria-hidden="true" tabIndex={-1}>
          #
        </a>
        {title}
      </H>
      {children}
    </section>
  );
}

export function Bool({ value }: { value: boolean }) {
  return <span className={`badge docs-bool docs-bool-${value}`}>{String(value)}</span>;
}
