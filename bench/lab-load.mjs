// Benchmark (not a test) of a partner base's first load: reading 100,000 and 400,000
// synthetic partners of classic-reseller into a fresh Lab (bytes, as the page passes a file)
// and the first summary, in Node and in headless Chromium, each size in a fresh process or
// page so that wasm memory starts empty. The 400,000 figure should stay within 4.5 times the
// 100,000 one (memory is reserved from the file's size, not grown a page at a time).
//   node bench/lab-load.mjs
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import fs from "node:fs";
import path from "node:path";
import { startBench } from "./harness.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sizes = (process.env.SIZES || "100000,400000").split(",").map(Number);
const OPTIONS = { as_of: "2026-06-01", plan_limit: 0 };

// One size in this process (called as a child: `node bench/lab-load.mjs --node 100000`).
if (process.argv[2] === "--node") {
  const rows = Number(process.argv[3]);
  const mod = await import(path.join(root, "pkg/lab/partner_scorecard.js"));
  const wasm = mod.initSync({ module: fs.readFileSync(path.join(root, "pkg/lab/partner_scorecard_bg.wasm")) });
  const program = fs.readFileSync(path.join(root, "www/programs/classic-reseller.json"), "utf8");
  // Generated in another instance's memory would be fairer still; here the generator's text
  // is freed (bytes copied out) before the timing starts.
  const bytes = mod.generatePartners(program, { rows, seed: 7, as_of: OPTIONS.as_of });
  const before = wasm.memory.buffer.byteLength;
  let t = performance.now();
  const lab = new mod.Lab(program, bytes);
  const parse = performance.now() - t;
  t = performance.now();
  lab.segment(OPTIONS);
  const first = performance.now() - t;
  console.log(JSON.stringify({ rows, mb: bytes.length / 1e6, parse, first, wasm_mb: wasm.memory.buffer.byteLength / 1e6, wasm_before_mb: before / 1e6, rss_mb: process.memoryUsage().rss / 1e6 }));
  process.exit(0);
}

execFileSync("bash", [path.join(root, "scripts/build-pkg.sh")], { stdio: "inherit" });
const node = sizes.map((rows) => JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--node", String(rows)], { encoding: "utf8" }).trim()));

process.env.BENCH_NO_BUILD = "1";
const { browser, url, close } = await startBench();
const chromium = [];
try {
  for (const rows of sizes) {
    const page = await browser.newPage();
    await page.goto(url("bench/lab.html?load=1"));
    chromium.push(
      await page.evaluate(
        async ({ rows, OPTIONS }) => {
          const mod = await import("/pkg/lab/partner_scorecard.js");
          const wasm = await mod.default();
          const program = await (await fetch("/www/programs/classic-reseller.json")).text();
          const bytes = mod.generatePartners(program, { rows, seed: 7, as_of: OPTIONS.as_of });
          let t = performance.now();
          const lab = new mod.Lab(program, bytes);
          const parse = performance.now() - t;
          t = performance.now();
          lab.segment(OPTIONS);
          const first = performance.now() - t;
          return { rows, mb: bytes.length / 1e6, parse, first, wasm_mb: wasm.memory.buffer.byteLength / 1e6, heap_mb: performance.memory ? performance.memory.usedJSHeapSize / 1e6 : null };
        },
        { rows, OPTIONS },
      ),
    );
    await page.close();
  }
} finally {
  await close();
}

const f = (n, d = 0) => n.toLocaleString("en", { maximumFractionDigits: d, minimumFractionDigits: d });
console.log(`\nFirst load of a partner base (classic-reseller, seed 7), Node ${process.version} and Chromium ${"headless"}\n`);
console.log("| where | partners | CSV | parse (new Lab) | first segment() | parse + first summary | wasm memory after | other |");
console.log("|---|---|---|---|---|---|---|---|");
for (const [where, list] of [["Node", node], ["Chromium", chromium]]) {
  for (const r of list) {
    const other = where === "Node" ? `RSS ${f(r.rss_mb)} MB` : r.heap_mb == null ? "" : `JS heap ${f(r.heap_mb)} MB`;
    console.log(`| ${where} | ${f(r.rows)} | ${f(r.mb, 1)} MB | ${f(r.parse)} ms | ${f(r.first)} ms | **${f(r.parse + r.first)} ms** | ${f(r.wasm_mb)} MB | ${other} |`);
  }
  if (list.length === 2) console.log(`| ${where} | ratio | | | | **${f((list[1].parse + list[1].first) / (list[0].parse + list[0].first), 2)}×** (target ≤ 4.5×) | | |`);
}
