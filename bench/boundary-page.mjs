// score() and evaluate() across the boundary for realistic profiles, side by side with a
// hand-written JavaScript scorer of the same program and with JsonLogic (bench/scorers.mjs),
// in one page and one run. Driven by bench/boundary.mjs.
import { addOperations, jsonLogicRules, scoreByHand, scoreWithJsonLogic } from "./scorers.mjs";
import { median, perCall, report } from "./page-harness.mjs";

const AS_OF = "2026-06-01";


/** Deterministic variants of the realistic profile: other values, fewer fields, no tiers. */
function variants(base, count) {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const out = [base];
  const levels = ["low", "medium", "high"];
  for (let i = 1; i < count; i++) {
    const p = structuredClone(base);
    const v = p.values;
    v.annual_revenue = Math.floor(rnd() * 2_000_000);
    v.revenue_growth = Math.round(rnd() * 600 - 100) / 10;
    v.certified_engineers = Math.floor(rnd() * 8);
    v.deal_registrations = Math.floor(rnd() * 30);
    v.csat = Math.round(rnd() * 100);
    v.reference_customers = Math.floor(rnd() * 7);
    v.years_in_business = Math.floor(rnd() * 10);
    v.agreement_signed = rnd() < 0.9;
    v.market_alignment = levels[Math.floor(rnd() * 3)];
    v.certifications = v.certifications.slice(0, Math.floor(rnd() * 5));
    for (const c of v.certifications) c.expires = rnd() < 0.3 ? "2026-01-31" : "2027-12-31";
    if (rnd() < 0.3) delete v.industries;
    if (rnd() < 0.3) delete v.marketing_plan;
    if (rnd() < 0.5) delete p.current_tiers;
    out.push(p);
  }
  return out;
}

async function run() {
  const mod = await import("/pkg/partner_scorecard.js");
  await mod.default();
  const program = await (await fetch("/www/programs/classic-reseller.json")).json();
  const profile = await (await fetch("/bench/fixtures/realistic-profile.json")).json();
  const scorecard = new mod.Scorecard(program);
  const options = { as_of: AS_OF };
  const jsonLogic = window.jsonLogic;
  addOperations(jsonLogic);
  const rules = jsonLogicRules(AS_OF);

  // The other two scorers must agree with the engine before their speed means anything.
  const profiles = variants(profile, 200);
  for (const p of profiles) {
    const [engine] = scorecard.score(p, options);
    for (const [name, other] of [["hand-written", scoreByHand(p, AS_OF)], ["JsonLogic", scoreWithJsonLogic(jsonLogic, rules, p)]]) {
      if (Math.abs(other.total - engine.total) > 1e-9 || other.tier !== engine.earned_tier) {
        throw new Error(`${name} scorer disagrees with the engine: ${JSON.stringify(other)} vs ${JSON.stringify(engine)} for ${JSON.stringify(p)}`);
      }
    }
  }

  const result = {
    profile_bytes: JSON.stringify(profile).length,
    variant_bytes: median(profiles.map((p) => JSON.stringify(p).length)),
    evaluation_bytes: JSON.stringify(scorecard.evaluate(profile, options)).length,
  };
  let i = 0;
  const next = () => profiles[i++ % profiles.length];
  result.score_us = perCall(() => scorecard.score(profile, options), 500);
  result.evaluate_us = perCall(() => scorecard.evaluate(profile, options), 200);
  result.score_variants_us = perCall(() => scorecard.score(next(), options), 500);
  result.evaluate_variants_us = perCall(() => scorecard.evaluate(next(), options), 200);
  result.hand_us = perCall(() => scoreByHand(profile, AS_OF), 5000);
  result.json_logic_us = perCall(() => scoreWithJsonLogic(jsonLogic, rules, profile), 500);
  // Where score()'s time goes: the call itself with an empty profile, the same without the
  // options object, and the profile given as JSON text (no JSON.stringify).
  result.score_empty_us = perCall(() => scorecard.score("{}", options), 500);
  result.score_empty_no_options_us = perCall(() => scorecard.score("{}"), 500);
  const profileText = JSON.stringify(profile);
  result.score_text_us = perCall(() => scorecard.score(profileText, options), 500);
  const text = JSON.stringify(scorecard.evaluate(profile, options));
  result.evaluation_parse_us = perCall(() => JSON.parse(text), 500);
  result.stringify_profile_us = perCall(() => JSON.stringify(profile), 2000);
  return result;
}

report(run);
