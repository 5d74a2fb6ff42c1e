// Lint: Next's rules (core web vitals + TypeScript) and the layering of ARCHITECTURE.md, enforced.
// `npm run lint`; part of `npm test`.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { defineConfig, globalIgnores } from "eslint/config";

/** Every folder of ours an import can come from (paths from the project root). */
const OURS = ["./app", "./components", "./lib", "./testing", "./widget", "./render", "./tests", "./bench", "./scripts"];
const all = (except) => OURS.filter((p) => !except.includes(p));
const libExcept = (...keep) => ({ from: "./lib", except: keep.map((k) => `./${k}`) });

/**
 * The arrows of ARCHITECTURE.md. Each zone: files in `target` may not import from `from`
 * (except the listed sub-folders).
 */
const LAYERS = [
  {
    target: "./lib/structural",
    from: all(["./lib"]),
    message: "lib/structural is the pure domain: it imports zod and itself, nothing else of ours.",
  },
  { target: "./lib/structural", ...libExcept("structural"), message: "lib/structural is the pure domain: it imports zod and itself, nothing else of ours." },
  { target: "./lib", from: ["./app", "./components", "./tests", "./bench"], message: "lib/ never imports routes, components, tests or benchmarks: move shared types down into lib/." },
  { target: "./lib", from: "./testing", except: [], message: "Only lib/mcp/register.ts may load the test-only conformance fixtures." },
  { target: "./components", from: ["./app"], message: "Components take props: the route passes data and server actions in." },
  { target: "./components", from: ["./lib/db", "./lib/oauth"], message: "Components never reach the database or the authorization server: load data in lib/web and pass it as props." },
  { target: "./lib/db", from: ["./lib/mcp", "./lib/web", "./lib/viewer", "./lib/history", "./lib/analysis"], message: "lib/db is below the surfaces: it never imports lib/mcp, lib/web, lib/viewer, lib/history or lib/analysis." },
  { target: "./lib/web", from: ["./lib/mcp"], message: "The web surface and the MCP surface are siblings: share code through lib/db, lib/viewer or lib/structural." },
  { target: "./lib/mcp", from: ["./lib/web"], message: "The web surface and the MCP surface are siblings: share code through lib/db, lib/viewer or lib/structural." },
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "generated/**", "node_modules/**", ".tools/**", "data/**", "next-env.d.ts"]),
  {
    settings: { "import/resolver": { typescript: { project: "./tsconfig.json" }, node: true } },
    rules: {
      "import/no-restricted-paths": ["error", { zones: LAYERS }],
      "import/no-cycle": ["error", { ignoreExternal: true }],
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
    },
  },
  {
    // Configuration is read in one place (lib/env.ts), validated once.
    files: ["app/**", "components/**", "lib/**", "proxy.ts", "next.config.ts"],
    ignores: ["lib/env.ts"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through env() from lib/env.ts." }],
    },
  },
  {
    // The test-only conformance fixtures enter the build through the MCP registry alone.
    files: ["lib/mcp/register.ts"],
    rules: { "import/no-restricted-paths": ["error", { zones: LAYERS.filter((z) => z.from !== "./testing") }] },
  },
  {
    // The 3D scene is three.js: its objects (cameras, controls, materials, buffers) are mutated in
    // effects and frame callbacks by design, which the React Compiler's purity rules forbid. Spectral
    // does not use the React Compiler; the rules of hooks and exhaustive deps still apply.
    files: ["components/viewer/**", "widget/**", "render/**"],
    rules: {
      "react-hooks/immutability": "off",
      "react-hooks/refs": "off",
      "react-hooks/set-state-in-effect": "off",
    },
  },
  {
    // No React outside the app: `use…` helpers in tests and benchmarks are not hooks.
    files: ["tests/**", "bench/**", "scripts/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
]);
