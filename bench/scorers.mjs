// The classic reseller program (www/programs/classic-reseller.json) scored two other ways,
// for bench/boundary.mjs to compare with the engine: a hand-written JavaScript scorer (what a
// portal team would write for this one program, nothing validated or explained) and the same
// rules in JsonLogic (json-logic-js). Both give the total, the category points and the earned
// tier; the benchmark page checks them against the engine's score() before timing anything.

const CERT_KINDS_ADVANCED = ["technical", "specialist"];

/** Certifications valid on `asOf` (ISO dates compare as strings), optionally of some kinds. */
function validCerts(certs, asOf, kinds) {
  let n = 0;
  for (const c of certs ?? []) {
    if (c.earned && c.earned > asOf) continue;
    if (c.expires && c.expires < asOf) continue;
    if (kinds && !kinds.includes(c.kind)) continue;
    n++;
  }
  return n;
}

const given = (v) => v !== undefined && v !== null;
const level = { low: 0, medium: 1, high: 2 };

/** Hand-written: total, categories and earned tier id (null when unranked). */
export function scoreByHand(profile, asOf) {
  const v = profile.values ?? {};
  const bands = (x, list) => {
    if (!given(x)) return 0;
    let p = 0;
    for (const [min, points] of list) if (x + 1e-9 >= min) p = points;
    return p;
  };
  const linear = (x, from, target, points) => (given(x) ? points * Math.min(1, Math.max(0, (x - from) / (target - from))) : 0);
  const perUnit = (x, per, cap) => (given(x) ? Math.min(cap, Math.max(0, x) * per) : 0);
  const revenue = !given(v.annual_revenue) || v.annual_revenue <= 0 ? 0 : v.annual_revenue >= 1e6 ? 25 : (25 * Math.log1p(v.annual_revenue / 1e5)) / Math.log1p(10);
  const performance = revenue + bands(v.revenue_growth, [[0, 3], [10, 6], [25, 10]]);
  const certs = validCerts(v.certifications, asOf);
  const capability = perUnit(v.certified_engineers, 3, 15) + (given(v.certifications) ? Math.min(10, certs * 2) : 0);
  const engagement = linear(v.deal_registrations, 0, 20, 8) + (v.marketing_plan === true ? 4 : 0) + perUnit(v.joint_campaigns, 1, 3);
  const customer = linear(v.csat, 60, 95, 10) + bands(v.reference_customers, [[1, 2], [3, 4], [5, 5]]);
  // Every industry is worth 1; a list may name one twice.
  const industries = new Set(v.industries ?? []).size;
  const fit =
    1.5 * (level[v.market_alignment] ?? 0) + (level[v.market_making] ?? 0) + (level[v.transactional] ?? 0) +
    0.5 * (level[v.reciprocity] ?? 0) + Math.min(2, industries);
  const total = performance + capability + engagement + customer + fit;
  const signed = v.agreement_signed === true;
  const advanced = validCerts(v.certifications, asOf, CERT_KINDS_ADVANCED);
  const revenueAtLeast = (x) => given(v.annual_revenue) && v.annual_revenue >= x;
  // The highest tier whose own minimum and requirements hold.
  let tier = null;
  if (
    signed && total + 1e-9 >= 80 && certs >= 6 && advanced >= 3 && revenueAtLeast(750000) && capability + 1e-9 >= 20 &&
    given(v.years_in_business) && v.years_in_business >= 3 && given(v.csat) && v.csat >= 85
  ) {
    tier = "platinum";
  } else if (signed && total + 1e-9 >= 60 && certs >= 4 && advanced >= 2 && revenueAtLeast(250000) && (customer / 15) * 100 + 1e-9 >= 50) {
    tier = "gold";
  } else if (signed && total + 1e-9 >= 40 && certs >= 2 && given(v.certified_engineers) && v.certified_engineers >= 1) {
    tier = "silver";
  } else if (signed) {
    tier = "registered";
  }
  return { total, categories: { performance, capability, engagement, customer_success: customer, strategic_fit: fit }, tier };
}

// ---------------------------------------------------------------- JsonLogic

const num = (field) => ({ var: [`values.${field}`, null] });
const isGiven = (field) => ({ "!=": [num(field), null] });
const orZero = (field, rule) => ({ if: [isGiven(field), rule, 0] });
const clamp01 = (x) => ({ max: [0, { min: [1, x] }] });
const bandsRule = (field, list) => orZero(field, { if: [...list.slice().reverse().flatMap(([min, p]) => [{ ">=": [{ "+": [num(field), 1e-9] }, min] }, p]), 0] });
const optionRule = (field, points, weight = 1) => ({
  "*": [weight, { if: Object.entries(points).flatMap(([id, p]) => [{ "==": [num(field), id] }, p]).concat([0]) }],
});
// Inside `reduce` JsonLogic sees only `current` and `accumulator`, so the date is written into
// the rule: rules are made per evaluation date.
const validCertsRule = (asOf, kinds) => ({
  reduce: [
    { var: ["values.certifications", []] },
    {
      "+": [
        { var: "accumulator" },
        {
          if: [
            {
              and: [
                { or: [{ "!": { var: "current.earned" } }, { "<=": [{ var: "current.earned" }, asOf] }] },
                { or: [{ "!": { var: "current.expires" } }, { ">=": [{ var: "current.expires" }, asOf] }] },
                kinds ? { in: [{ var: "current.kind" }, kinds] } : true,
              ],
            },
            1,
            0,
          ],
        },
      ],
    },
    0,
  ],
});

/** The classic program's categories and tier as JsonLogic rules (one rule per category). */
export const jsonLogicRules = (asOf) => ({
  performance: {
    "+": [
      orZero("annual_revenue", {
        if: [
          { "<=": [num("annual_revenue"), 0] }, 0,
          { ">=": [num("annual_revenue"), 1e6] }, 25,
          { "/": [{ "*": [25, { ln1p: { "/": [num("annual_revenue"), 1e5] } }] }, Math.log1p(10)] },
        ],
      }),
      bandsRule("revenue_growth", [[0, 3], [10, 6], [25, 10]]),
    ],
  },
  capability: {
    "+": [
      orZero("certified_engineers", { min: [15, { "*": [{ max: [0, num("certified_engineers")] }, 3] }] }),
      orZero("certifications", { min: [10, { "*": [validCertsRule(asOf, null), 2] }] }),
    ],
  },
  engagement: {
    "+": [
      orZero("deal_registrations", { "*": [8, clamp01({ "/": [num("deal_registrations"), 20] })] }),
      { if: [{ "===": [num("marketing_plan"), true] }, 4, 0] },
      orZero("joint_campaigns", { min: [3, { max: [0, num("joint_campaigns")] }] }),
    ],
  },
  customer_success: {
    "+": [
      orZero("csat", { "*": [10, clamp01({ "/": [{ "-": [num("csat"), 60] }, 35] })] }),
      bandsRule("reference_customers", [[1, 2], [3, 4], [5, 5]]),
    ],
  },
  strategic_fit: {
    "+": [
      optionRule("market_alignment", level, 1.5),
      optionRule("market_making", level),
      optionRule("transactional", level),
      optionRule("reciprocity", level, 0.5),
      // Each industry named is worth 1 (a list may name one twice), at most 2 in all.
      { min: [2, { "+": ["healthcare", "finance", "public", "manufacturing", "retail"].map((id) => ({ if: [{ in: [id, { var: ["values.industries", []] }] }, 1, 0] })) }] },
    ],
  },
  // Reads `total` and `categories` from the data, which the caller adds.
  tier: {
    if: [
      {
        and: [
          { "===": [num("agreement_signed"), true] }, { ">=": [{ var: "total" }, 80 - 1e-9] },
          { ">=": [validCertsRule(asOf, null), 6] }, { ">=": [validCertsRule(asOf, CERT_KINDS_ADVANCED), 3] },
          { ">=": [{ var: ["values.annual_revenue", -1] }, 750000] }, { ">=": [{ var: "categories.capability" }, 20 - 1e-9] },
          { ">=": [{ var: ["values.years_in_business", -1] }, 3] }, { ">=": [{ var: ["values.csat", -1] }, 85] },
        ],
      },
      "platinum",
      {
        and: [
          { "===": [num("agreement_signed"), true] }, { ">=": [{ var: "total" }, 60 - 1e-9] },
          { ">=": [validCertsRule(asOf, null), 4] }, { ">=": [validCertsRule(asOf, CERT_KINDS_ADVANCED), 2] },
          { ">=": [{ var: ["values.annual_revenue", -1] }, 250000] },
          { ">=": [{ "*": [{ "/": [{ var: "categories.customer_success" }, 15] }, 100] }, 50 - 1e-9] },
        ],
      },
      "gold",
      {
        and: [
          { "===": [num("agreement_signed"), true] }, { ">=": [{ var: "total" }, 40 - 1e-9] },
          { ">=": [validCertsRule(asOf, null), 2] }, { ">=": [{ var: ["values.certified_engineers", -1] }, 1] },
        ],
      },
      "silver",
      { "===": [num("agreement_signed"), true] },
      "registered",
      null,
    ],
  },
});

/** Scores with JsonLogic (`rules` from jsonLogicRules): each category, then the tier over their sum. */
export function scoreWithJsonLogic(jsonLogic, rules, profile) {
  const data = { ...profile };
  const categories = {};
  let total = 0;
  for (const id of ["performance", "capability", "engagement", "customer_success", "strategic_fit"]) {
    categories[id] = jsonLogic.apply(rules[id], data);
    total += categories[id];
  }
  data.total = total;
  data.categories = categories;
  return { total, categories, tier: jsonLogic.apply(rules.tier, data) };
}

/** JsonLogic has no logarithm; the log rule needs one. */
export function addOperations(jsonLogic) {
  jsonLogic.add_operation("ln1p", Math.log1p);
}
