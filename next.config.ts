import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";
import { securityHeaders } from "./lib/http/security-headers";

const nextConfig = (phase: string): NextConfig => ({
  // Packages that must be loaded by Node as they are, not bundled:
  // - oidc-provider relies on class names that the server minifier would mangle
  //   (see shared notes: sessions break silently when bundled);
  // - native and driver packages.
  serverExternalPackages: [
    "oidc-provider",
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "pg",
    "@prisma/adapter-pg",
    "@prisma/schema-engine-wasm",
    "playwright-core",
  ],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  // Anti-framing, CSP, nosniff and referrer policy on every response (lib/http/security-headers.ts),
  // except the authorization server's routes, which send their own stricter set (lib/oauth/html.ts,
  // lib/oauth/bridge.ts): headers configured here would replace a route's own.
  async headers() {
    return [{ source: "/:path((?!oauth/|authorize$|token$|register$).*)", headers: securityHeaders({ dev: phase === PHASE_DEVELOPMENT_SERVER }) }];
  },
});

export default nextConfig;
