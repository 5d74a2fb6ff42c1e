/** Every docs page, in sidebar order. The titles are also the pages' <h1> and <title>. */
export interface DocsPage {
  href: string;
  title: string;
  /** Short label for the sidebar. */
  label: string;
  summary: string;
}

export interface DocsSection {
  heading: string;
  pages: DocsPage[];
}

export const DOCS_INDEX: DocsPage = {
  href: "/docs",
  title: "Spectral documentation",
  label: "Introduction",
  summary: "Where to start: connect an AI client, learn the tools, bring your own model data.",
};

export const DOCS_NAV: DocsSection[] = [
  {
    heading: "Connect",
    pages: [
      {
        href: "/docs/mcp/overview",
        title: "Spectral MCP server overview",
        label: "Overview",
        summary: "What the MCP server is, its endpoints, protocol versions and how sign-in works.",
      },
      {
        href: "/docs/mcp/chatgpt",
        title: "Use ChatGPT with Spectral MCP",
        label: "ChatGPT",
        summary: "Add Spectral to ChatGPT in Developer Mode, sign in, and run a first test.",
      },
      {
        href: "/docs/mcp/claude",
        title: "Use Claude with Spectral MCP",
        label: "Claude",
        summary: "Add Spectral as a custom connector in Claude, or to Claude Code.",
      },
      {
        href: "/docs/mcp/clients",
        title: "Connect any MCP client",
        label: "Other MCP clients",
        summary: "What a generic client needs, and how to test the server with the MCP Inspector CLI.",
      },
    ],
  },
  {
    heading: "Reference",
    pages: [
      {
        href: "/docs/mcp/authentication",
        title: "Authentication and scopes",
        label: "Authentication",
        summary: "The OAuth 2.1 flow step by step, what each scope allows, token lifetimes and revocation.",
      },
      {
        href: "/docs/tools",
        title: "Tool reference",
        label: "Tools",
        summary: "Every MCP tool with its scope, hints and JSON Schemas, generated from the server's registry.",
      },
      {
        href: "/docs/import-format",
        title: "Import format",
        label: "Import format",
        summary: "The nodes-and-frames JSON that import_model accepts, canonical form and tolerated variants.",
      },
      {
        href: "/docs/mcp/troubleshooting",
        title: "Troubleshooting",
        label: "Troubleshooting",
        summary: "Every error a client can meet, what it means and what to do about it.",
      },
    ],
  },
];

export const ALL_DOCS_PAGES: DocsPage[] = [DOCS_INDEX, ...DOCS_NAV.flatMap((s) => s.pages)];

export function docsPage(href: string): DocsPage {
  const p = ALL_DOCS_PAGES.find((x) => x.href === href);
  if (!p) throw new Error(`No docs page ${href}`);
  return p;
}
