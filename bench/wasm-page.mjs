// Measures the package as a page uses it: load + instantiate, one evaluate() across the
// boundary, and evaluateBatch() (lab build) on 100,000 partners as CSV text. Driven by bench/wasm.mjs.
import { median, perCall, report } from "./page-harness.mjs";
const ROWS = 100_000;
const AS_OF = { as_of: "2026-06-01" };



/** A deterministic synthetic partner base for the classic reseller program. */
function csv(rows) {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const levels = ["low", "medium", "high"];
  const kinds = ["sales", "presales", "technical", "specialist"];
  const lines = [
    "@partner,@tier,@tier_since,agreement_signed,years_in_business,annual_revenue,revenue_growth,certified_engineers,certifications,deal_registrations,marketing_plan,joint_campaigns,csat,reference_customers,market_alignment,market_making,transactional,reciprocity,industries",
  ];
  for (let i = 0; i < rows; i++) {
    const certs = [];
    for (let c = Math.floor(rnd() * 6); c > 0; c--) certs.push(`${pick(kinds)}|Cert ${c}|Person ${c}|2025-0${1 + Math.floor(rnd() * 9)}-01|2027-01-31`);
    lines.push(
      [
        `Partner ${i}`,
        ...(() => {
          const tier = pick(["", "registered", "silver", "gold"]);
          return [tier, tier ? "2025-07-01" : ""];
        })(),
        rnd() < 0.9 ? "yes" : "no",
        Math.floor(rnd() * 30),
        Math.floor(rnd() * 2_000_000),
        Math.floor(rnd() * 60 - 10),
        Math.floor(rnd() * 8),
        certs.join(";"),
        Math.floor(rnd() * 30),
        rnd() < 0.5 ? "true" : "false",
        Math.floor(rnd() * 5),
        60 + Math.floor(rnd() * 40),
        Math.floor(rnd() * 7),
        pick(levels),
        pick(levels),
        pick(levels),
        pick(levels),
        rnd() < 0.5 ? "healthcare;finance" : "retail",
      ].join(","),
    );
  }
  return lines.join("\n") + "\n";
}

async function run() {
  const result = {};
  let t = performance.now();
  const mod = await import("/pkg/partner_scorecard.js");
  const wasm = await mod.default();
  result.load_instantiate_ms = performance.now() - t;

  const program = await (await fetch("/www/programs/classic-reseller.json")).json();
  t = performance.now();
  const scorecard = new mod.Scorecard(program);
  result.new_scorecard_ms = performance.now() - t;

  const profile = {
    partner: "Acme",
    values: {
      agreement_signed: true, annual_revenue: 450000, revenue_growth: 12, certified_engineers: 3, deal_registrations: 10,
      marketing_plan: true, joint_campaigns: 2, csat: 88, reference_customers: 3, market_alignment: "high",
      certifications: [{ kind: "technical", earned: "2025-01-01", expires: "2027-01-01" }, { kind: "sales", earned: "2025-01-01", expires: "2027-01-01" }],
    },
  };
  result.evaluate_us = perCall(() => scorecard.evaluate(profile, AS_OF));
  // The part of evaluate() that is the browser's JSON.parse of the result text.
  const resultText = JSON.stringify(scorecard.evaluate(profile, AS_OF));
  result.result_kb = resultText.length / 1000;
  result.parse_us = perCall(() => JSON.parse(resultText));
  const bytes = new TextEncoder().encode(resultText);
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true, fatal: true });
  result.decode_us = perCall(() => decoder.decode(bytes));
  result.score_us = perCall(() => scorecard.score(profile, AS_OF));
  result.gaps_us = perCall(() => scorecard.gaps(profile, AS_OF), 20, 20);

  // Batch scoring is in the lab build (and Node's), not in the module a portal embeds.
  const full = await import("/pkg/lab/partner_scorecard.js");
  const labWasm = await full.default();
  const fullScorecard = new full.Scorecard(program);
  const text = csv(ROWS);
  result.csv_mb = text.length / 1e6;
  const batch = [];
  let out;
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    out = fullScorecard.evaluateBatch(text, AS_OF);
    batch.push(performance.now() - t);
  }
  result.batch_rows = out.counts.rows;
  result.batch_errors = out.errors.length;
  result.batch_median_ms = median(batch);
  result.batch_min_ms = Math.min(...batch);
  result.wasm_memory_mb = labWasm.memory.buffer.byteLength / 1e6;
  result.js_heap_mb = performance.memory ? performance.memory.usedJSHeapSize / 1e6 : null;
  return result;
}

report(run);
