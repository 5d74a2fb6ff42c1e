"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { DOCS_INDEX, DOCS_NAV } from "@/lib/docs/nav";

/** The docs sidebar: every docs page, the current one marked. */
export function DocsNav() {
  const path = usePathname();
  const link = (href: string, label: string) => (
    <Link href={href} aria-current={path === href ? "page" : undefined} className={path === href ? "active" : undefined}>
      {label}
    </Link>
  );
  return (
    <nav className="docs-nav" aria-label="Documentation">
      <ul>
        <li>{link(DOCS_INDEX.href, DOCS_INDEX.label)}</li>
      </ul>
      {DOCS_NAV.map((section) => (
        <div key={section.heading}>
          <h2>{section.heading}</h2>
          <ul>
            {section.pages.map((p) => (
              <li key={p.href}>{link(p.href, p.label)}</li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
