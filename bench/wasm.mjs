// Chromium benchmark of the wasm package (not a test): builds pkg/ when needed, serves the
// repository on 127.0.0.1, opens bench/wasm.html in Debian's headless Chromium and prints a
// table.   node bench/wasm.mjs
import { startBench } from "./harness.mjs";

const { browser, url, close } = await startBench();
try {
  const page = await browser.newPage();
  await page.goto(url("bench/wasm.html"));
  await page.waitForFunction(() => window.benchResult, null, { timeout: 300_000 });
  const r = await page.evaluate(() => window.benchResult);
  if (r.error) throw new Error(r.error);
  const f = (n, d = 1) => n.toFixed(d);
  const rows = [
    ["load + instantiate (import, fetch, compile)", `${f(r.load_instantiate_ms)} ms`, ""],
    ["new Scorecard(classic-reseller)", `${f(r.new_scorecard_ms, 2)} ms`, ""],
    ["evaluate() one profile, median", `${f(r.evaluate_us)} µs`, "< 30 µs"],
    [`  of which JSON.parse of the ${f(r.result_kb)} KB result`, `${f(r.parse_us)} µs`, ""],
    [`  of which TextDecoder for the result text`, `${f(r.decode_us)} µs`, ""],
    ["score() one profile, median", `${f(r.score_us)} µs`, ""],
    ["gaps() one profile, median", `${f(r.gaps_us)} µs`, ""],
    [`evaluateBatch() ${r.batch_rows.toLocaleString("en")} rows CSV (${f(r.csv_mb)} MB), median of 5`, `${f(r.batch_median_ms, 0)} ms`, "< 500 ms"],
    ["  fastest of 5", `${f(r.batch_min_ms, 0)} ms`, ""],
    ["wasm memory after batch", `${f(r.wasm_memory_mb)} MB`, ""],
    ["JS heap after batch", r.js_heap_mb == null ? "n/a" : `${f(r.js_heap_mb)} MB`, ""],
  ];
  const w = [Math.max(...rows.map((x) => x[0].length)), Math.max(...rows.map((x) => x[1].length))];
  console.log(`\nChromium ${browser.version()}, classic-reseller program\n`);
  console.log(`${"measure".padEnd(w[0])}  ${"result".padStart(w[1])}  target`);
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w[0])}  ${b.padStart(w[1])}  ${c}`);
  if (r.batch_errors) console.log(`(batch reported ${r.batch_errors} row errors)`);
} finally {
  await close();
}
