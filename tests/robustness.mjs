// Every input that once locked up or exhausted the module (issue 11), driven through the
// package's real JavaScript glue: each is refused with a ScorecardError naming its limit, or
// answered within the engine's work budget, and afterwards the objects made before and new ones
// still give the results worked out by hand. Runs in Node (tests/pkg.mjs, Node and web builds)
// and in headless Chromium (tests/e2e/robustness.test.mjs), from this one source: the function
// uses nothing but its arguments, so that the browser test can evaluate its text.
//
//   api:      the package module (Scorecard, ScorecardError, version, __wbg_reset_state?)
//   programs: { classic } as JSON text
//   check(name, fn): runs one named check (fn may be async); throws on failure
export async function robustness(api, programs, check) {
  const fail = (message) => {
    throw new Error(message);
  };
  const equal = (actual, expected, what) => {
    if (actual !== expected) fail(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  };
  const throwsScorecardError = (fn, kind, test, what) => {
    try {
      fn();
    } catch (e) {
      if (!(e instanceof api.ScorecardError)) fail(`${what}: threw ${e?.name}: ${e?.message} instead of a ScorecardError`);
      equal(e.kind, kind, `${what}: kind`);
      if (!test(e)) fail(`${what}: unexpected error ${e.message} ${JSON.stringify(e.issues?.slice(0, 3))}`);
      return e;
    }
    fail(`${what}: did not throw`);
  };
  const AS_OF = "2026-11-25";
  // 3 engineers × 3 = 9, marketing plan 4, high market alignment 2 × 1.5 = 3: 16 points; a
  // signed agreement makes it Registered, and Silver needs 24 more.
  const acme = { partner: "Acme", values: { agreement_signed: true, certified_engineers: 3, marketing_plan: true, market_alignment: "high" } };
  const classicHolds = (scorecard, what) => {
    const track = scorecard.evaluate(acme, { as_of: AS_OF }).tracks[0];
    equal(track.total, 16, `${what}: total`);
    equal(track.tier.id, "registered", `${what}: tier`);
    equal(track.next_tier.point_deficit, 24, `${what}: deficit`);
  };

  // The generators of tests/support/large_inputs.rs, in JavaScript.
  const manyFields = (n) => {
    let max = 0;
    const fields = [];
    const criteria = [];
    for (let i = 0; i < n; i++) {
      fields.push({ id: `f${i}`, label: `Field ${i}`, type: "number", integer: true, min: 0, max: 100 });
      criteria.push({ id: `c${i}`, label: `Criterion ${i}`, category: "all", field: `f${i}`, rule: { type: "per_unit", per: 1 + (i % 7), cap: 50 + (i % 13) } });
      max += 50 + (i % 13);
    }
    return {
      format: 1, id: "many-fields", name: "Many fields", fields, categories: [{ id: "all", label: "All" }], criteria,
      tiers: [{ id: "member", label: "Member" }, { id: "gold", label: "Gold", min_score: Math.floor((max * 6) / 10), requires: [{ all_criteria_above_zero: true }] }],
    };
  };
  const manyFieldsProfile = (n) => {
    const values = {};
    for (let i = 0; i < n; i++) values[`f${i}`] = i % 3 === 0 ? 0 : Math.floor(Math.floor((50 + (i % 13)) / (1 + (i % 7))) / 4);
    return { values };
  };
  const manyVariants = (tracks, regions, paths) => {
    const variant = (prefix, i) => ({ id: `${prefix}${i}`, label: `${prefix} ${i}`, tiers: { gold: { min_score: 10 + (i % 5) } } });
    return {
      format: 1, id: "many-variants", name: "Many variants",
      fields: [{ id: "x", label: "X", type: "number", min: 0 }, { id: "y", label: "Y", type: "boolean" }],
      categories: [{ id: "all", label: "All" }],
      criteria: [
        { id: "a", label: "A", category: "all", field: "x", rule: { type: "linear", points: 20, target: 100 } },
        { id: "b", label: "B", category: "all", field: "y", rule: { type: "yes_no", points: 5 } },
      ],
      tiers: [{ id: "silver", label: "Silver", min_score: 5 }, { id: "gold", label: "Gold", min_score: 15 }],
      tracks: Array.from({ length: tracks }, (_, i) => variant("t", i)),
      regions: Array.from({ length: regions }, (_, i) => variant("r", i)),
      paths: Array.from({ length: paths }, (_, i) => ({ id: `p${i}`, label: `Path ${i}`, criteria: { a: { weight: 1 + (i % 3) } } })),
    };
  };
  const certificationsProgram = {
    format: 1, id: "certs", name: "Certifications",
    fields: [{ id: "certs", label: "Certifications", type: "certifications", kinds: [{ id: "sales", label: "Sales" }, { id: "tech", label: "Technical" }] }],
    categories: [{ id: "all", label: "All" }],
    criteria: [{ id: "c", label: "Certifications", category: "all", field: "certs", rule: { type: "certifications", per: 1, cap: 100000 } }],
    tiers: [
      { id: "silver", label: "Silver", min_score: 10 },
      { id: "gold", label: "Gold", min_score: 20, requires: [{ certifications: "certs", min: 20, of_which: { kinds: ["tech"], min: 5 } }] },
    ],
  };
  const day = (offset) => new Date(Date.UTC(2026, 10, 25 + offset)).toISOString().slice(0, 10);
  const expiring = (count) => ({
    values: { certs: Array.from({ length: count }, (_, i) => ({ kind: i % 2 ? "tech" : "sales", earned: "2025-01-01", expires: day(((count - i) % 3000) + 1) })) },
  });
  const integerFrom = (min) => ({
    format: 1, id: "big-min", name: "Big minimum",
    fields: [{ id: "n", label: "N", type: "number", integer: true, min }],
    categories: [{ id: "all", label: "All" }],
    criteria: [{ id: "c", label: "C", category: "all", field: "n", rule: { type: "linear", from: min, target: min + 10, points: 10 } }],
    tiers: [{ id: "member", label: "Member" }, { id: "gold", label: "Gold", min_score: 5 }],
  });

  const first = new api.Scorecard(programs.classic);
  classicHolds(first, "before anything");

  await check("a program with 3,500 fields is refused at once; the largest accepted one gets a plan", () => {
    throwsScorecardError(() => new api.Scorecard(manyFields(3500)), "program", (e) => e.issues[0].path === "fields" && /^3,500 fields .*at most 500/.test(e.issues[0].message), "3,500 fields");
    const big = new api.Scorecard(manyFields(500));
    const report = big.gaps(manyFieldsProfile(500), { as_of: AS_OF });
    equal(report.tracks[0].status, "plan", "500 fields: status");
    equal(report.tracks[0].plan.tier_after.id, "gold", "500 fields: the plan reaches Gold");
    big.free();
  });

  await check("a field scored by 500 rules of 100 bands each (50,000 breakpoints) gets a plan quickly", () => {
    const criteria = Array.from({ length: 500 }, (_, i) => ({
      id: `c${i}`, label: `C${i}`, category: "all", field: "x",
      rule: { type: "bands", bands: Array.from({ length: 100 }, (_, k) => ({ min: i * 100 + k + 1, points: k + 1 })) },
    }));
    const sc = new api.Scorecard({
      format: 1, id: "many-bands", name: "Many bands", fields: [{ id: "x", label: "X", type: "number", min: 0 }],
      categories: [{ id: "all", label: "All" }], criteria,
      tiers: [{ id: "member", label: "Member" }, { id: "gold", label: "Gold", min_score: 25000 }],
    });
    const track = sc.gaps({ values: { x: 10 } }, { as_of: AS_OF }).tracks[0];
    equal(track.status, "plan", "status");
    equal(track.plan.tier_after.id, "gold", "the plan reaches Gold");
    equal(track.plan.optimal, false, "a thinned search is not claimed optimal");
    sc.free();
  });

  await check("an integer minimum of 2^53 is refused; one near 10^15 is planned in whole steps", () => {
    throwsScorecardError(() => new api.Scorecard(integerFrom(2 ** 53)), "program", (e) => e.issues[0].path === "fields[0].min", "2^53");
    const near = new api.Scorecard(integerFrom(999_999_999_999_990));
    const plan = near.gaps({ values: { n: 999_999_999_999_990 } }, { as_of: AS_OF }).tracks[0].plan;
    equal(plan.changes[0].to, 999_999_999_999_995, "the plan's value");
    near.free();
  });

  await check("alternatives: 4294967295 and window_days: 100000 are option errors", () => {
    const sc = new api.Scorecard(certificationsProgram);
    throwsScorecardError(() => sc.gaps({ values: {} }, { alternatives: 4294967295 }), "options", (e) => e.issues[0].path === "alternatives", "alternatives");
    throwsScorecardError(() => sc.gaps({ values: {} }, { window_days: 100000 }), "options", (e) => e.issues[0].path === "window_days", "window_days");
    throwsScorecardError(() => sc.gaps({ values: {} }, { window_days: Infinity }), "options", (e) => e.issues[0].path === "window_days", "window_days: Infinity");
    equal(sc.gaps({ values: {} }, { as_of: AS_OF, alternatives: 10 }).tracks[0].status, "plan", "alternatives: 10");
    sc.free();
  });

  await check("300 tracks × 300 regions × 10 paths are refused with the count", () => {
    throwsScorecardError(() => new api.Scorecard(manyVariants(300, 300, 10)), "program", (e) => e.issues.some((i) => /903,000 track × region × path combinations/.test(i.message)), "combinations");
  });

  await check("10,000 certifications expiring in descending order are reported in date order; 10,001 are refused", () => {
    const sc = new api.Scorecard(certificationsProgram);
    const list = sc.gaps(expiring(10_000), { as_of: AS_OF, window_days: 30 }).tracks[0].outlook.expiring;
    equal(list.length, 119, "expiring within 30 days");
    if (!list.every((x, i) => i === 0 || list[i - 1].expires <= x.expires)) fail("not in date order");
    throwsScorecardError(() => sc.gaps(expiring(10_001), { as_of: AS_OF }), "profile", (e) => e.issues[0].path === "values.certs", "10,001");
    sc.free();
  });

  await check("an object of 100,000 keys is read quickly: 100 problems listed, the rest counted", () => {
    const values = {};
    for (let i = 0; i < 100_000; i++) values[`k${i}`] = i;
    throwsScorecardError(() => first.evaluate({ values }), "profile", (e) => e.issues.length === 101 && e.issues[100].message === "and 99,900 more not listed here", "100,000 keys");
    // As JSON text, with a key written twice at the end.
    const text = `{"values": {${Object.keys(values).map((k) => `"${k}": 1`).join(", ")}, "k5": 2}}`;
    throwsScorecardError(() => first.evaluate(text), "profile", (e) => /the key "k5" appears twice/.test(e.issues[0].message), "a repeated key");
  });

  await check("weights of 1e308 are refused; NaN and Infinity in a profile are errors at their path, never 'not given'", () => {
    const program = JSON.parse(programs.classic);
    program.criteria[0].weight = 1e308;
    throwsScorecardError(() => new api.Scorecard(program), "program", (e) => e.issues[0].path === "criteria[0].weight", "weight 1e308");
    throwsScorecardError(() => first.evaluate({ values: { certified_engineers: NaN } }), "profile", (e) => e.issues[0].path === "values.certified_engineers", "NaN");
    throwsScorecardError(() => first.score({ values: { certified_engineers: -Infinity, marketing_plan: null } }), "profile", (e) => e.issues[0].path === "values.certified_engineers", "-Infinity");
    // Only builds with batch scoring (Node, bundler, lab) have evaluateBatch.
    if (first.evaluateBatch) {
      throwsScorecardError(() => first.evaluateBatch([acme, { values: { certified_engineers: Infinity } }]), "profile", (e) => e.issues[0].path === "[1].values.certified_engineers", "Infinity in a batch");
    }
    // null still means "not given".
    equal(first.evaluate({ ...acme, values: { ...acme.values, deal_registrations: null } }).tracks[0].total, 16, "null");
  });

  await check("numbers are read as JavaScript's Number() reads them", () => {
    const sc = new api.Scorecard({
      format: 1, name: "Numbers", fields: [{ id: "x", label: "X", type: "number" }], categories: [{ id: "all", label: "All" }],
      criteria: [{ id: "c", label: "C", category: "all", field: "x", rule: { type: "linear", from: -1e15, target: 1e15, points: 1 } }],
      tiers: [{ id: "t", label: "T" }],
    });
    const texts = ["7e67", "10000e-23", "1.0000e-19", "1.79769313486231580793e308", "0.1", "2.2250738585072011e-308", "5e-324", "9007199254740993", "123456789012345678901234567890"];
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 3000; i++) {
      const digits = Array.from({ length: 1 + Math.floor(random() * 25) }, () => Math.floor(random() * 10)).join("").replace(/^0+(?=\d)/, "");
      const point = Math.floor(random() * digits.length);
      const text = `${digits.slice(0, point) || "0"}${point < digits.length ? "." + digits.slice(point) : ""}e${Math.floor(random() * 640) - 330}`;
      texts.push(text, String(random() * 10 ** Math.floor(random() * 40 - 20)));
    }
    let checked = 0;
    for (const text of texts) {
      const expected = Number(text);
      if (!Number.isFinite(expected)) continue;
      const input = sc.evaluate(`{"values": {"x": ${text}}}`, { as_of: AS_OF }).tracks[0].criteria[0].input;
      if (!Object.is(input, expected)) fail(`${text} was read as ${input}, JavaScript reads ${expected}`);
      checked++;
    }
    if (checked < 5000) fail(`only ${checked} texts checked`);
    sc.free();
  });

  await check("the objects made before and new ones still give the results worked out by hand", () => {
    classicHolds(first, "the first object");
    const again = new api.Scorecard(programs.classic);
    classicHolds(again, "a new object");
    again.free();
  });

  if (api.__wbg_reset_state) {
    await check("after a restart of the instance, stale objects refuse calls, free() is harmless, new objects work", () => {
      const before = new api.Scorecard(programs.classic);
      api.__wbg_reset_state();
      let refused = false;
      try {
        before.evaluate(acme, { as_of: AS_OF });
      } catch (e) {
        refused = /stale/.test(e.message);
      }
      if (!refused) fail("a stale object answered");
      before.free();
      first.free();
      const fresh = new api.Scorecard(programs.classic);
      classicHolds(fresh, "after the restart");
      // Allocations in the new instance are intact after the stale frees.
      for (let i = 0; i < 50; i++) new api.Scorecard(programs.classic).free();
      classicHolds(fresh, "after many objects");
      fresh.free();
    });
  } else {
    first.free();
  }
}
