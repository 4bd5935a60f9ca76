// Chromium benchmark of the program lab (not a test): builds pkg/ when needed, serves the
// repository on 127.0.0.1, opens bench/lab.html in Debian's headless Chromium and prints a
// table for 100,000 synthetic partners of each shipped program.   node bench/lab.mjs
import { startBench } from "./harness.mjs";

const { browser, url, close } = await startBench();
const programs = (process.env.PROGRAMS || "classic-reseller,multi-track,capability-100").split(",");
try {
  const rows = [];
  for (const program of programs) {
    // A fresh page per program, so that each starts from an empty wasm memory and JS heap.
    const page = await browser.newPage();
    await page.goto(url(`bench/lab.html?program=${program}`));
    await page.waitForFunction(() => window.benchResult, null, { timeout: 600_000 });
    const r = await page.evaluate(() => window.benchResult);
    if (r.error) throw new Error(r.error);
    rows.push([program, r]);
    await page.close();
  }
  const f = (n, d = 0) => n.toFixed(d);
  const table = [
    ["", ...rows.map(([p]) => p)],
    ["partners (rows)", ...rows.map(([, r]) => r.rows.toLocaleString("en"))],
    ["results (partner × track)", ...rows.map(([, r]) => r.results.toLocaleString("en"))],
    ["CSV size", ...rows.map(([, r]) => `${f(r.csv_mb, 1)} MB`)],
    ["generatePartners()", ...rows.map(([, r]) => `${f(r.generate_ms)} ms`)],
    ["parse: new Lab(program, csv), median of 3", ...rows.map(([, r]) => `${f(r.parse_ms)} ms`)],
    ["evaluate: first segment()", ...rows.map(([, r]) => `${f(r.first_segment_ms)} ms`)],
    ["parse + evaluate (target < 500 ms)", ...rows.map(([, r]) => `${f(r.parse_ms + r.first_segment_ms)} ms`)],
    ["slider move: setProgram + segment, median of 10 (target < 100 ms)", ...rows.map(([, r]) => `${f(r.reeval_median_ms)} ms`)],
    ["  slowest of 10", ...rows.map(([, r]) => `${f(r.reeval_max_ms)} ms`)],
    ["points() for the scatter plot", ...rows.map(([, r]) => `${f(r.points_ms, 1)} ms`)],
    ["exportCsv()", ...rows.map(([, r]) => `${f(r.export_ms)} ms`)],
    ["peak wasm memory", ...rows.map(([, r]) => `${f(r.wasm_mb)} MB`)],
    ["peak JS heap (sampled after each step)", ...rows.map(([, r]) => (r.js_heap_mb == null ? "n/a" : `${f(r.js_heap_mb)} MB`))],
    ["peak JS heap + wasm memory (target < 200 MB)", ...rows.map(([, r]) => (r.js_heap_mb == null ? "n/a" : `${f(r.js_heap_mb + r.wasm_mb)} MB`))],
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => String(row[i]).length)));
  console.log(`\nChromium ${browser.version()}, 100,000 synthetic partners per program (seed 7)\n`);
  for (const row of table) console.log(row.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  "));
  if (process.env.STEPS) for (const [p, r] of rows) console.log(p, JSON.stringify(r.steps));
} finally {
  await close();
}
