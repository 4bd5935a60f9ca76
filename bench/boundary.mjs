// Chromium benchmark of the boundary (not a test): score() and evaluate() for realistic
// profiles next to a hand-written JavaScript scorer and JsonLogic for the same program, in one
// page and one run.   node bench/boundary.mjs
import { startBench } from "./harness.mjs";

const { browser, url, close } = await startBench();
try {
  const page = await browser.newPage();
  await page.goto(url("bench/boundary.html"));
  await page.waitForFunction(() => window.benchResult, null, { timeout: 300_000 });
  const r = await page.evaluate(() => window.benchResult);
  if (r.error) throw new Error(r.error);
  const f = (n, d = 2) => n.toFixed(d);
  const ratio = (a, b) => `${f(a / b, 1)}×`;
  const rows = [
    [`engine score(), the ${r.profile_bytes}-byte profile`, `${f(r.score_us)} µs`, "< 8 µs"],
    [`engine score(), 200 variants (median ${r.variant_bytes} bytes)`, `${f(r.score_variants_us)} µs`, ""],
    ["  score() of the profile as JSON text", `${f(r.score_text_us)} µs`, ""],
    ["  score() of an empty profile, \"{}\"", `${f(r.score_empty_us)} µs`, ""],
    ["  score() of \"{}\" without an options object", `${f(r.score_empty_no_options_us)} µs`, ""],
    [`engine evaluate(), the ${r.profile_bytes}-byte profile (${r.evaluation_bytes}-byte result)`, `${f(r.evaluate_us)} µs`, "< 25 µs"],
    [`engine evaluate(), 200 variants`, `${f(r.evaluate_variants_us)} µs`, ""],
    ["  of which JSON.parse of the result", `${f(r.evaluation_parse_us)} µs`, ""],
    ["  of which JSON.stringify of the profile", `${f(r.stringify_profile_us)} µs`, ""],
    ["hand-written JavaScript scorer (total, categories, tier)", `${f(r.hand_us)} µs`, ""],
    ["JsonLogic (json-logic-js), same rules", `${f(r.json_logic_us)} µs`, ""],
    ["score() / hand-written", ratio(r.score_us, r.hand_us), ""],
    ["JsonLogic / score()", ratio(r.json_logic_us, r.score_us), ""],
    ["evaluate() / hand-written", ratio(r.evaluate_us, r.hand_us), ""],
  ];
  const w = [Math.max(...rows.map((x) => x[0].length)), Math.max(...rows.map((x) => x[1].length))];
  console.log(`\nChromium ${browser.version()}, classic-reseller program, as of 2026-06-01\n`);
  console.log(`${"measure".padEnd(w[0])}  ${"median".padStart(w[1])}  target`);
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w[0])}  ${b.padStart(w[1])}  ${c}`);
} finally {
  await close();
}
