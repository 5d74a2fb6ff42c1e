import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/ui/site-header";
import { getCurrentUser } from "@/lib/auth/session";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Spectral", template: "%s · Spectral" },
  description: "Create, check and view structural-engineering models from ChatGPT, Claude and any MCP client.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  return (
    <html lang="en">
      <body>
        <SiteHeader user={user} />
        {children}
      </body>
    </html>
  );
}
