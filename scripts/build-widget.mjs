#!/usr/bin/env node
// Builds two self-contained HTML files (each ONE document with inline scripts and styles):
// - generated/widget/viewer.html: the in-chat viewer widget (MCP Apps resource
//   ui://spectral/viewer.html) from widget/: plain DOM + three.js, no framework, kept under
//   512 KiB (tests/viewer/widget.test.ts) so every host can load it;
// - generated/widget/render.html: the server-side screenshot renderer from render/: the web
//   app's own viewer (components/viewer, React), loaded only by lib/viewer/screenshot.ts.
//
// Vite 8 bundles each as a single chunk (no code splitting, CSS not split, assets inlined), then this
// script inlines the emitted JS and CSS into the HTML, so the document needs nothing but inline
// scripts and styles (the host's default CSP: no connect-src, no external resources).
// Runs as the first step of `npm run build`; also usable alone: `node scripts/build-widget.mjs`.
import { build } from "vite";
import { mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Every file under dir, as paths relative to dir. */
function files(dir, prefix = "") {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f), `${prefix}${f}/`) : [`${prefix}${f}`]));
}

/**
 * Builds the Vite app whose entry is `srcDir/index.html` into ONE self-contained HTML file `outFile`
 * (also used by bench/viewer.bench.mjs for its benchmark page).
 */
export async function buildSingleHtml(srcDir, outFile) {
  const tmp = join(dirname(outFile), `.vite-${basename(outFile)}`);
  rmSync(tmp, { recursive: true, force: true });
  await build({
    configFile: false,
    root: srcDir,
    base: "./",
    logLevel: "warn",
    mode: "production",
    resolve: {
      alias: [
        { find: /^@\//, replacement: `${ROOT}/` },
        // server-only code must never reach the widget; fail loudly if something imports it.
        { find: /^server-only$/, replacement: join(ROOT, "widget", "no-server-only.ts") },
      ],
    },
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    // Explicit: under NODE_ENV=test (vitest) Vite would otherwise emit the development JSX runtime.
    oxc: { jsx: { runtime: "automatic", development: false } },
    build: {
      outDir: tmp,
      emptyOutDir: true,
      target: "es2022",
      minify: true,
      sourcemap: false,
      cssCodeSplit: false,
      modulePreload: false,
      assetsInlineLimit: 100_000_000,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 10_000,
      rolldownOptions: {
        output: { codeSplitting: false },
        // "use client" directives are for Next.js; they mean nothing in this single-file bundle.
        onLog(level, log, handler) {
          if (log.code === "MODULE_LEVEL_DIRECTIVE") return;
          handler(level, log);
        },
      },
    },
  });

  let html = readFileSync(join(tmp, "index.html"), "utf8");
  const emitted = files(tmp);
  const read = (ref) => {
    const rel = ref.replace(/^\.?\//, "");
    if (!emitted.includes(rel)) throw new Error(`build-widget: ${ref} was referenced but not emitted`);
    return readFileSync(join(tmp, rel), "utf8");
  };
  // Inline scripts: `</script` inside the code would end the element early.
  html = html.replace(/<script\b([^>]*?)\ssrc="([^"]+)"([^>]*)><\/script>/g, (_, a, src, b) => {
    const code = read(src).replace(/<\/script/gi, "<\\/script");
    const attrs = `${a}${b}`.replace(/\s*crossorigin(="[^"]*")?/g, "");
    return `<script${attrs}>${code}</script>`;
  });
  // Inline stylesheets.
  html = html.replace(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"[^>]*>/g, (_, href) => `<style>${read(href).replace(/<\/style/gi, "<\\/style")}</style>`);
  if (/<(script|link)\b[^>]*(src|href)="(?!data:)[^"]+"/.test(html)) throw new Error("build-widget: an external reference is left in the HTML");

  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, html);
  rmSync(tmp, { recursive: true, force: true });
  return html.length;
}

/** Where each bundle is written, from its source folder. */
export const BUNDLES = [
  { name: "widget", src: join(ROOT, "widget"), out: join(ROOT, "generated", "widget", "viewer.html") },
  { name: "screenshot renderer", src: join(ROOT, "render"), out: join(ROOT, "generated", "widget", "render.html") },
];

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  for (const b of BUNDLES) {
    const t0 = Date.now();
    await buildSingleHtml(b.src, b.out);
    const size = statSync(b.out).size;
    const gz = gzipSync(readFileSync(b.out)).length;
    console.log(`✓ ${b.name} → ${b.out.replace(ROOT, "")} (${(size / 1024).toFixed(0)} KiB, ${size} bytes, ${(gz / 1024).toFixed(0)} KiB gzipped, ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
}
