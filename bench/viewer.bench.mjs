#!/usr/bin/env node
// Viewer benchmark: `npm run bench:viewer` (not a test; prints a table).
//
// Synthetic buildings of about 1k, 10k and 100k frames are rendered in headless Debian Chromium
// (SwiftShader software WebGL, 1280×720) by the real viewer (components/viewer: one LineSegments
// for frames, one InstancedMesh or Points for nodes, instanced supports, grid) and by a naive
// baseline (one three.js object per element) in the same run, alternating, each in a fresh page.
// Reported: time to first frame (mount + buffers + first frame finished on the GPU), mean frame
// time over an orbit (each frame finished with a 1-pixel read-back), draw calls
// (renderer.info.render.calls), JS heap, and payload bytes per frame (JSON).
// Options: --sizes 1000,10000,100000  --rounds 3  --frames 10
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSingleHtml } from "../scripts/build-widget.mjs";
import { buildingOfSize } from "./viewer/synthetic.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const sizes = arg("sizes", "1000,10000,100000").split(",").map(Number);
const rounds = Number(arg("rounds", "3"));
const frames = Number(arg("frames", "10"));

const out = join(ROOT, "bench", "out", "viewer-bench.html");
await buildSingleHtml(join(ROOT, "bench", "viewer"), out);
const html = readFileSync(out, "utf8");

const browser = await chromium.launch({
  executablePath: process.env.SPECTRAL_CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    "--disable-quic", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--enable-precise-memory-info",
  ],
});

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function run(variant, payload, nFrames) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  try {
    await page.setContent(html);
    const fn = variant === "viewer" ? "benchViewer" : "benchNaive";
    return await page.evaluate(([f, p, n]) => window[f](p, n), [fn, payload, nFrames]);
  } finally {
    await page.close();
  }
}

const rows = [];
for (const size of sizes) {
  const payload = buildingOfSize(size);
  const nFrames = payload.frames.labels.length;
  const nNodes = payload.nodes.labels.length;
  const bytes = Buffer.byteLength(JSON.stringify(payload));
  const results = { viewer: [], naive: [] };
  for (let r = 0; r < rounds; r++) {
    for (const variant of r % 2 ? ["naive", "viewer"] : ["viewer", "naive"]) {
      const n = variant === "naive" && nFrames > 50_000 ? Math.min(frames, 4) : frames;
      const res = await run(variant, payload, n);
      results[variant].push(res);
      process.stderr.write(`  ${nFrames} frames, ${variant}, round ${r + 1}: first ${res.firstFrameMs.toFixed(0)} ms, frame ${mean(res.frameMs).toFixed(1)} ms, ${res.calls} calls\n`);
    }
  }
  for (const variant of ["viewer", "naive"]) {
    const rs = results[variant];
    rows.push({
      frames: nFrames,
      nodes: nNodes,
      rendering: variant === "viewer" ? "viewer (batched)" : "one object per element",
      first: median(rs.map((x) => x.firstFrameMs)),
      frame: median(rs.map((x) => mean(x.frameMs))),
      calls: rs[0].calls,
      heap: median(rs.map((x) => x.heapMB)),
      bytesPerFrame: bytes / nFrames,
    });
  }
}
await browser.close();

const fmt = (v, d = 0) => v.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
console.log(`\nViewer benchmark — headless Chromium (SwiftShader), 1280×720, ${rounds} rounds (medians), ${frames} orbit frames\n`);
console.log("| frames | nodes | rendering | first frame ms | mean frame ms | draw calls | JS heap MB | payload B/frame | frame-time speed-up |");
console.log("|---|---|---|---|---|---|---|---|---|");
for (let i = 0; i < rows.length; i += 2) {
  const v = rows[i], n = rows[i + 1];
  for (const r of [v, n]) {
    const speed = r === v ? `${fmt(n.frame / v.frame, 1)}×` : "1×";
    console.log(`| ${fmt(r.frames)} | ${fmt(r.nodes)} | ${r.rendering} | ${fmt(r.first)} | ${fmt(r.frame, 1)} | ${fmt(r.calls)} | ${fmt(r.heap, 1)} | ${fmt(r.bytesPerFrame)} | ${speed} |`);
  }
}
