import type { NextConfig } from "next";

const nextConfig: NextConfig = {
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
};

export default nextConfig;
