// Chromium benchmark of the wasm package (not a test): builds pkg/ when needed, serves the
// repository on 127.0.0.1, opens bench/wasm.html in Debian's headless Chromium and prints a
// table.   node bench/wasm.mjs
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
execFileSync("bash", [path.join(root, "scripts/build-pkg.sh")], { stdio: "inherit" });

const types = { ".html": "text/html", ".mjs": "text/javascript", ".js": "text/javascript", ".json": "application/json", ".wasm": "application/wasm" };
const server = http.createServer((req, res) => {
  const file = path.join(root, decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
  fs.createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${server.address().port}/bench/wasm.html`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--enable-precise-memory-info"],
});
try {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.benchResult, null, { timeout: 300_000 });
  const r = await page.evaluate(() => window.benchResult);
  if (r.error) throw new Error(r.error);
  const f = (n, d = 1) => n.toFixed(d);
  const rows = [
    ["load + instantiate (import, fetch, compile)", `${f(r.load_instantiate_ms)} ms`, ""],
    ["new Scorecard(classic-reseller)", `${f(r.new_scorecard_ms, 2)} ms`, ""],
    ["evaluate() one profile, median", `${f(r.evaluate_us)} µs`, "< 30 µs"],
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
  await browser.close();
  server.close();
}
