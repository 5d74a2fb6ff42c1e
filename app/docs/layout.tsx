import type { ReactNode } from "react";
import { DocsNav } from "@/components/docs/docs-nav";
import "./docs.css";

// Every /docs page: the sidebar on the left, the page on the right. Readable without an account.
export default function DocsLayout({ children }: { children: ReactNode }) {
  return (
    <div className="container docs-shell">
      <aside className="docs-aside">
        <DocsNav />
      </aside>
      <main className="docs-main" id="content">
        {children}
      </main>
    </div>
  );
}
