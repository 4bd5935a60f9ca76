// Measures the program lab as www/lab.html uses it, on 100,000 synthetic partners: reading
// the CSV into a Lab, the first segmentation, a slider move (edited program + re-segmentation),
// the scatter points and the CSV export; wasm memory and JS heap. Driven by bench/lab.mjs.
import { median, report } from "./page-harness.mjs";
const ROWS = 100_000;
const AS_OF = "2026-06-01";
const OPTIONS = { as_of: AS_OF };


async function run() {
  const name = new URL(location.href).searchParams.get("program") || "classic-reseller";
  const mod = await import("/pkg/lab/partner_scorecard.js");
  const wasm = await mod.default();
  const program = await (await fetch(`/www/programs/${name}.json`)).json();
  const r = { rows: ROWS };
  let heap = 0;
  let wasmBytes = 0;
  r.steps = [];
  // usedJSHeapSize includes ArrayBuffer contents (the CSV bytes) in this Chromium.
  const sample = (step) => {
    const used = performance.memory ? performance.memory.usedJSHeapSize : null;
    r.steps.push([step, Math.round(wasm.memory.buffer.byteLength / 1e6), used && Math.round(used / 1e6)]);
    if (used) heap = Math.max(heap, used);
    wasmBytes = Math.max(wasmBytes, wasm.memory.buffer.byteLength);
  };
  sample("start");

  let t = performance.now();
  // UTF-8 bytes, as the lab page holds a CSV file it reads (file.arrayBuffer()).
  let bytes = mod.generatePartners(program, { rows: ROWS, seed: 7, as_of: AS_OF });
  r.generate_ms = performance.now() - t;
  r.csv_mb = bytes.length / 1e6;
  sample("generate");

  const parses = [];
  let lab;
  for (let i = 0; i < 3; i++) {
    lab?.free();
    t = performance.now();
    lab = new mod.Lab(program, bytes);
    parses.push(performance.now() - t);
    sample("parse");
  }
  bytes = null;
  r.parse_ms = median(parses);

  t = performance.now();
  let summary = lab.segment(OPTIONS);
  r.first_segment_ms = performance.now() - t;
  r.results = summary.counts.results;
  if (summary.counts.skipped) throw new Error(`${summary.counts.skipped} rows skipped`);
  sample("segment");

  // A slider move: the first tier with a minimum score, up or down by one point.
  const tier = program.tiers.find((x) => x.min_score != null);
  const base = tier.min_score;
  const moves = [];
  for (let i = 0; i < 10; i++) {
    tier.min_score = base + (i % 2 ? 1 : -1);
    t = performance.now();
    lab.setProgram(program);
    summary = lab.segment(OPTIONS);
    moves.push(performance.now() - t);
    sample("move");
  }
  r.reeval_median_ms = median(moves);
  r.reeval_max_ms = Math.max(...moves);

  t = performance.now();
  lab.points();
  r.points_ms = performance.now() - t;
  t = performance.now();
  lab.exportCsv();
  r.export_ms = performance.now() - t;
  sample("export");

  r.wasm_mb = wasmBytes / 1e6;
  r.js_heap_mb = performance.memory ? heap / 1e6 : null;
  return r;
}

report(run);
