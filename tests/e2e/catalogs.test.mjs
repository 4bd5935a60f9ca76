// The message catalogs (www/locales/) and their formatter (www/message-format.mjs), in Node:
// - every catalog has every key English has, and no other;
// - the English catalog writes every engine message of real results word for word as the
//   engine's own English sentence (every shipped program, random profiles, every criterion);
// - every catalog writes those messages without a placeholder left over;
// - the formatter agrees with intl-messageformat on every template of every catalog.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import { languages } from "../../www/locales/index.mjs";

// Every catalog file the page offers, loaded as the page loads them.
const catalogs = Object.fromEntries(await Promise.all(languages.map(async (l) => [l, (await import(`../../www/locales/${l}.mjs`)).default])));
import { messageFormatter, parse } from "../../www/message-format.mjs";
import { root } from "./helpers.mjs";

const { Scorecard, describeChanges } = await import(path.join(root, "pkg/node/partner_scorecard.js"));
const english = catalogs.en;
const AS_OF = "2026-06-01";

/** The argument names a template uses, from the formatter's own parse. */
function names(template, parts = parse(template), out = new Set()) {
  for (const part of parts) {
    if (typeof part !== "object" || part.pound) continue;
    out.add(part.name);
    for (const branch of Object.values(part.options)) names(template, branch, out);
  }
  return out;
}

/** A template as intl-messageformat reads it, with every bare placeholder written as a number. */
function asIcu(parts) {
  return parts
    .map((part) => {
      if (typeof part === "string") return part;
      if (part.pound) return "#";
      if (part.type === "plural" || part.type === "select") {
        return `{${part.name}, ${part.type}, ${Object.entries(part.options).map(([k, b]) => `${k} {${asIcu(b)}}`).join(" ")}}`;
      }
      return part.name === "answer" ? `{${part.name}}` : `{${part.name}, number}`;
    })
    .join("");
}

test("every catalog has exactly English's keys, and uses only the arguments English uses", () => {
  for (const [lang, catalog] of Object.entries(catalogs)) {
    assert.deepEqual(Object.keys(catalog).filter((k) => !(k in english)), [], `${lang} has keys English lacks`);
    assert.deepEqual(Object.keys(english).filter((k) => !(k in catalog)), [], `${lang} lacks keys`);
    for (const [key, template] of Object.entries(catalog)) {
      const extra = [...names(template)].filter((n) => !names(english[key]).has(n) && !["noun_one", "noun_other"].includes(n));
      assert.deepEqual(extra, [], `${lang} ${key} uses arguments English does not give`);
    }
  }
});

/** A random profile for a program's form: every field kind, some left out. */
function randomProfile(form, rnd) {
  const values = {};
  for (const f of form.fields) {
    if (rnd() < 0.2) continue;
    const kind = f.type;
    if (kind === "number") {
      const lo = f.min ?? 0;
      const hi = f.max ?? lo + 10 ** Math.floor(rnd() * 7);
      const v = lo + rnd() * (hi - lo);
      values[f.id] = f.integer ? Math.round(v) : Math.round(v * 100) / 100;
    } else if (kind === "boolean") values[f.id] = rnd() < 0.5;
    else if (kind === "choice") values[f.id] = f.options[Math.floor(rnd() * f.options.length)].id;
    else if (kind === "multi_choice") values[f.id] = f.options.filter(() => rnd() < 0.4).map((o) => o.id);
    else if (kind === "certifications") {
      values[f.id] = Array.from({ length: Math.floor(rnd() * 5) }, (_, i) => ({
        ...(f.kinds?.length ? { kind: f.kinds[Math.floor(rnd() * f.kinds.length)].id } : {}),
        ...(rnd() < 0.7 ? { name: `Cert ${i}` } : {}),
        ...(rnd() < 0.5 ? { holder: `Holder ${i}` } : {}),
        earned: "2024-01-01",
        expires: rnd() < 0.3 ? "2026-01-31" : "2027-12-31",
      }));
    }
  }
  return { values };
}

function seeded(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** Every requirement sentence the shipped programs do not write: each kind of comparison, on each kind of value. */
const EVERY_REQUIREMENT = JSON.stringify({
  format: 1, name: "Every requirement",
  fields: [
    { id: "n", label: "Deals", type: "number", min: 0 },
    { id: "b", label: "Signed", type: "boolean" },
    { id: "c", label: "Fit", type: "choice", options: [{ id: "lo", label: "Low" }, { id: "hi", label: "High" }] },
    { id: "m", label: "Industries", type: "multi_choice", options: [{ id: "a", label: "Health" }, { id: "b", label: "Retail" }, { id: "c", label: "Public" }] },
    { id: "d", label: "Joined", type: "date" },
    { id: "k", label: "Certs", type: "certifications", kinds: [{ id: "s", label: "Sales" }, { id: "t", label: "Tech" }, { id: "o", label: "Ops" }] },
  ],
  categories: [{ id: "x", label: "Performance" }],
  criteria: [{ id: "n", label: "Deals", category: "x", field: "n", rule: { type: "per_unit", per: 1, cap: 10 } }],
  tiers: [{ id: "t", label: "T", requires: [
    { field: "n", op: "<=", value: 1234.5 },
    { field: "b", op: "=", value: true },
    { field: "c", op: "=", value: "hi" },
    { field: "n", op: "one_of", value: [1, 2, 1000] },
    { field: "d", op: "one_of", value: ["2024-01-31", "2025-02-28"] },
    { field: "d", op: ">=", value: "2020-01-01" },
    { field: "m", op: "includes", value: ["a", "b"] },
    { field: "m", op: "includes", value: ["a", "b", "c"], min: 2 },
    { certifications: "k", kinds: ["s", "t", "o"], min: 3, of_which: { kinds: ["t", "o"], min: 1 } },
    { category: "x", min_points: 2.5 },
    { field: "n", op: ">=", value: 1, label: "At least one deal, as the vendor says it" },
  ] }],
});

/** Plans that add options and certifications of alternative kinds, and renew named ones of holders. */
const PLANS = JSON.stringify({
  format: 1, name: "Plans",
  fields: [
    { id: "m", label: "Industries", type: "multi_choice", options: [{ id: "a", label: "Health" }, { id: "b", label: "Retail" }, { id: "c", label: "Public" }] },
    { id: "k", label: "Certs", type: "certifications", kinds: [{ id: "s", label: "Sales" }, { id: "t", label: "Tech" }, { id: "o", label: "Ops" }] },
  ],
  categories: [{ id: "x", label: "X" }],
  criteria: [
    { id: "m", label: "Industries", category: "x", field: "m", rule: { type: "options", points: { a: 2, b: 3, c: 1 }, cap: 6 } },
    { id: "k", label: "Certs", category: "x", field: "k", rule: { type: "certifications", kinds: ["t", "o"], per: 2, cap: 8 } },
  ],
  tiers: [
    { id: "t1", label: "T1", min_score: 4 },
    { id: "t2", label: "T2", min_score: 10, requires: [{ field: "m", op: "includes", value: ["a", "b", "c"], min: 2 }, { certifications: "k", kinds: ["s", "t", "o"], min: 4 }] },
  ],
});

/** Programs and profiles made for the sentences random profiles rarely reach: retention, the top tier, tiers lost to expiring certifications, and each reason a plan cannot be made. */
function scenarios() {
  const classic = JSON.parse(fs.readFileSync(path.join(root, "www/programs/classic-reseller.json"), "utf8"));
  const held = (short) => ({ values: {}, current_tiers: [{ tier: "gold", since: "2025-01-01", short_since: short }] });
  const anniversary = { ...classic, retention: { until_anniversary: "09-30" } };
  const number = (id, extra = {}) => ({ id, label: id.toUpperCase(), type: "number", min: 0, ...extra });
  const perUnit = (id, cap, category = "x") => ({ id, label: `${id.toUpperCase()} points`, category, field: id, rule: { type: "per_unit", per: 1, cap } });
  const small = (fields, criteria, tiers, categories = [{ id: "x", label: "Performance" }, { id: "y", label: "Capability" }]) => ({ format: 1, name: "Scenario", fields, categories, criteria, tiers });
  return [
    // Gold held by grace (classic: 90 days), and until the anniversary.
    [classic, [held("2026-05-01")]],
    [anniversary, [held("2026-05-01")]],
    // The top tier with a margin, and a checklist top tier; a tier lost to certifications
    // expiring within 90 days.
    [JSON.parse(PLANS), [
      { values: { m: ["a", "b", "c"], k: Array.from({ length: 4 }, () => ({ kind: "t", expires: "2027-12-31" })) } },
      { values: { m: ["a", "b", "c"], k: Array.from({ length: 4 }, () => ({ kind: "t", expires: "2026-07-15" })) } },
      // Certifications valid today that expire before the plan's 90-day horizon: renewed.
      { values: { m: ["a"], k: Array.from({ length: 4 }, (_, i) => ({ kind: "t", name: `K${i}`, expires: "2026-07-15" })) } },
    ]],
    [small([{ id: "b", label: "Signed", type: "boolean" }], [], [{ id: "member", label: "Member", requires: [{ field: "b", op: "=", value: true }] }]), [{ values: { b: true } }]],
    // No plan: a fact that cannot change short of the minimum; a category out of reach; a
    // date the plan cannot change; a maximum that conflicts with the minimum score.
    [small([number("a", { actionable: false }), number("b")], [perUnit("a", 10), perUnit("b", 5)], [{ id: "t", label: "T", min_score: 8 }]), [{ values: { a: 1 } }]],
    [small([number("a", { actionable: false }), number("b")], [perUnit("a", 10, "y"), perUnit("b", 5)], [{ id: "t", label: "T", requires: [{ category: "y", min_points: 6 }] }]), [{ values: { a: 1 } }]],
    [small([{ id: "d", label: "Joined", type: "date" }, number("b")], [perUnit("b", 5)], [{ id: "t", label: "T", requires: [{ field: "d", op: "<=", value: "2020-01-01" }] }]), [{ values: { d: "2024-05-01" } }]],
    [small([number("b")], [perUnit("b", 10)], [{ id: "t", label: "T", min_score: 8, requires: [{ field: "b", op: "<=", value: 5 }] }]), [{ values: { b: 1 } }]],
  ];
}

/** Every message of the results of every shipped program over random profiles, with the engine's English. */
function engineMessages() {
  const out = [];
  const rnd = seeded(14);
  for (const name of ["classic-reseller", "multi-track", "capability-100", "every-requirement", "plans"]) {
    const own = { "every-requirement": EVERY_REQUIREMENT, plans: PLANS }[name];
    const program = own ?? fs.readFileSync(path.join(root, "www/programs", `${name}.json`), "utf8");
    const scorecard = new Scorecard(program);
    const form = scorecard.form();
    for (let i = 0; i < 150; i++) {
      const profile = randomProfile(form, rnd);
      const evaluation = scorecard.evaluate(profile, { as_of: AS_OF });
      for (const track of evaluation.tracks) {
        for (const c of track.criteria) out.push({ where: `${name} ${c.id}`, message: c.explanation_i18n, english: c.explanation });
        for (const tier of track.tiers) {
          for (const r of tier.requirements) out.push({ where: `${name} ${tier.id}`, message: r.description_i18n, english: r.description });
        }
      }
      // Plans every 5th profile (the search is the slow part): every change of the plan and its
      // alternatives, why there is none, the margin at the top, a tier lost to expiring certifications.
      if (i % 5 === 0) {
        const report = scorecard.gaps(profile, { as_of: AS_OF, alternatives: 2 });
        for (const track of report.tracks) {
          for (const plan of [track.plan, ...track.alternatives].filter(Boolean)) {
            for (const c of plan.changes) out.push({ where: `${name} plan ${c.field}`, message: c.description_i18n, english: c.description });
            out.push({ where: `${name} plan summary`, message: plan.summary_i18n, english: plan.summary });
          }
          for (const u of track.unmet) {
            out.push({ where: `${name} unmet`, message: u.description_i18n, english: u.description });
            out.push({ where: `${name} unmet change`, message: u.change_i18n, english: u.change });
          }
          if (track.blocked) {
            out.push({ where: `${name} blocked`, message: track.blocked.requirement_i18n, english: track.blocked.requirement });
            out.push({ where: `${name} blocked`, message: track.blocked.reason_i18n, english: track.blocked.reason });
          }
          if (track.at_top) out.push({ where: `${name} top`, message: track.at_top.message_i18n, english: track.at_top.message });
          const drop = track.outlook.tier_drop;
          if (drop) out.push({ where: `${name} drop`, message: drop.message_i18n, english: drop.message });
        }
      }
      for (const track of evaluation.tracks) {
        if (track.retention) out.push({ where: `${name} retention`, message: track.retention.message_i18n, english: track.retention.message });
      }
    }
    scorecard.free();
  }
  // The mistakes a partner can make in the form, as the engine reports them.
  const classic = new Scorecard(fs.readFileSync(path.join(root, "www/programs/classic-reseller.json"), "utf8"));
  for (const values of [
    { csat: 150 },
    { certified_engineers: "many" },
    { annual_revenue: "a text longer than forty characters, \"quoted\" too" },
    { csat: -1 },
    { years_in_business: 2.5 },
    { partner_since: "2026-13-01" },
    { certifications: [{ kind: "technical", earned: "2026-03-01", expires: "2026-02-01" }] },
    { certifications: [{ kind: "technical", earned: "2026-02-30" }] },
  ]) {
    try {
      classic.evaluate({ values }, { as_of: AS_OF });
      assert.fail(`${JSON.stringify(values)} was accepted`);
    } catch (e) {
      for (const issue of e.issues) {
        assert.ok(issue.message_i18n, `${issue.path}: ${issue.message} has no message`);
        out.push({ where: `profile ${issue.path}`, message: issue.message_i18n, english: issue.message });
      }
    }
  }
  classic.free();
  for (const [program, profiles] of scenarios()) {
    const scorecard = new Scorecard(program);
    for (const profile of profiles) {
      const evaluation = scorecard.evaluate(profile, { as_of: AS_OF });
      const report = scorecard.gaps(profile, { as_of: AS_OF });
      for (const track of evaluation.tracks) {
        if (track.retention) out.push({ where: "scenario retention", message: track.retention.message_i18n, english: track.retention.message });
      }
      for (const track of report.tracks) {
        for (const c of track.plan?.changes ?? []) out.push({ where: `scenario plan ${c.field}`, message: c.description_i18n, english: c.description });
        if (track.blocked) {
          out.push({ where: "scenario blocked", message: track.blocked.requirement_i18n, english: track.blocked.requirement });
          out.push({ where: "scenario blocked", message: track.blocked.reason_i18n, english: track.blocked.reason });
        }
        if (track.at_top) out.push({ where: "scenario top", message: track.at_top.message_i18n, english: track.at_top.message });
        if (track.outlook.tier_drop) out.push({ where: "scenario drop", message: track.outlook.tier_drop.message_i18n, english: track.outlook.tier_drop.message });
      }
    }
    scorecard.free();
  }
  out.push(...errorMessages());
  out.push(...changeMessages());
  return out;
}

/** What changed between two programs (describeChanges), for edits of every kind of setting,
 * item and patch the sentences name, in English and German labels. */
function changeMessages() {
  const read = (file) => JSON.parse(fs.readFileSync(path.join(root, "www/programs", file), "utf8"));
  const classic = read("classic-reseller.json");
  const multi = read("multi-track.json");
  const capability = read("capability-100.json");
  const edit = (program, change) => {
    const copy = structuredClone(program);
    change(copy);
    return copy;
  };
  const scenarios = [
    [classic, edit(classic, (p) => {
      Object.assign(p, { version: "2027.1", currency: "USD", effort_unit: "hours of work", score_scale: 100 });
      p.name.en = "Classic Reseller Program 2027";
      p.description = "Edited";
      p.languages.push("fr");
      p.retention.grace_days = 120;
      p.sections[0].label = "Company";
      const years = p.fields[1];
      Object.assign(years, { min: 1, max: 50, integer: false, unit: "yrs", effort: 3, actionable: true, section: "sales", help: "Since founding" });
      delete p.fields[0].help;
      p.fields[2].type = "number";
      p.fields[16].options.push({ id: "education", label: { en: "Education", de: "Bildung" } });
      p.fields[6].kinds[3].label.en = "Specialists";
      p.categories.splice(4, 1);
      const rule = (id) => p.criteria.find((c) => c.id === id).rule;
      rule("deal_reg").target = 25;
      rule("deal_reg").points = 9;
      Object.assign(rule("engineers"), { cap: 18, per: 4 });
      rule("satisfaction").from = 65;
      rule("revenue").scale = 50000;
      rule("growth").bands.push({ min: 40, points: 12 });
      rule("growth").bands[1].points = 7;
      rule("marketing").type = "per_unit";
      rule("certs").kinds = ["technical", "specialist"];
      rule("market_alignment").points.medium = 1.5;
      p.criteria.find((c) => c.id === "transactional").rule = "none";
      p.criteria.find((c) => c.id === "campaigns").weight = 2;
      Object.assign(p.criteria.find((c) => c.id === "references"), { category: "engagement", field: "csat" });
      p.tiers[0].requires = "none";
      p.tiers[1].benefits = [];
      p.tiers[1].requires[1].kinds = ["sales"];
      p.tiers[2].min_score = 65;
      p.tiers[2].requires[2].value = 300000;
      p.tiers[2].requires[3].min_share = 55;
      p.tiers[2].requires.splice(1, 1);
      p.tiers[3].benefits.reverse();
      p.tiers[3].requires[1].of_which.min = 4;
      p.tiers[3].requires[3].min_points = 25;
      p.tiers[3].requires[5].op = "<=";
      p.tiers[3].requires.push({ field: "certified_engineers", op: ">=", value: 4 });
      [p.tiers[1], p.tiers[2]] = [p.tiers[2], p.tiers[1]];
    })],
    [capability, edit(capability, (p) => { p.retention = { grace_days: 30 }; })],
    // Registered moved to the end: after the last tier.
    [classic, edit(classic, (p) => p.tiers.push(p.tiers.shift()))],
    [multi, edit(multi, (p) => {
      p.retention.until_anniversary = "06-30";
      p.tracks[0].label = { en: "Reseller", de: "Wiederverkäufer" };
      p.tracks[1].tiers.premier.requires.change.certifications.min = 6;
      p.tracks[1].tiers.premier.requires.remove = [];
      p.tracks[2].criteria.csat = null;
      delete p.tracks[2].criteria.sales;
      p.regions[0].tiers.advanced.min_score = 50;
      p.regions[1].tiers.select = { min_score: 35 };
      p.paths[1].criteria.sales.rule.target = 700000;
    })],
  ];
  const out = [];
  for (const [before, after] of scenarios) {
    for (const lang of ["en", "de"]) {
      const { changes, total } = describeChanges(before, after, { lang });
      assert.equal(changes.length, total);
      for (const c of changes) out.push({ where: `changes ${c.path}`, message: c.text_i18n, english: c.text });
    }
  }
  return out;
}

/** Every error message a partner or a program manager can meet outside a program file's own
 * rules: JSON that is not JSON, profiles of the wrong shape or for another program, options,
 * CSV files, as the engine reports them (each must carry its message for the catalogs). */
function errorMessages() {
  const out = [];
  const issuesOf = (where, call) => {
    try {
      call();
    } catch (e) {
      assert.ok(Array.isArray(e.issues), `${where}: ${e.message}`);
      return e.issues;
    }
    assert.fail(`${where} was accepted`);
  };
  const collect = (where, call) => {
    for (const issue of issuesOf(where, call)) {
      assert.ok(issue.message_i18n, `${where}: ${issue.path} ${issue.message} has no message`);
      out.push({ where: `${where} ${issue.path}`, message: issue.message_i18n, english: issue.message });
    }
  };
  const read = (file) => fs.readFileSync(path.join(root, "www/programs", file), "utf8");
  const classic = new Scorecard(read("classic-reseller.json"));
  const multi = new Scorecard(read("multi-track.json"));
  // Texts that are not JSON: one for each reason.
  for (const text of ["", " {} x", "{\"values\": }", "{\"values\": ", "[".repeat(200), "[1 2]", "[1,", "[1", "{\"a\": 1", "{1: 2}", "{\"a\" 1}", "{\"a\": 1 \"b\": 2}",
    "\"abc", "\"a\nb\"", "\"\\x\"", "\"\\u12\"", "-", "1.", "1e", "07", "1e999", "{\"a\": 1, \"a\": 2}", "tru"]) {
    collect(`JSON ${JSON.stringify(text.slice(0, 20))}`, () => classic.evaluate(text, { as_of: AS_OF }));
  }
  // Profiles of the wrong shape, or for another program.
  const many = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`unknown_${i}`, 1]));
  for (const [scorecard, profile] of [
    [classic, "acme"], [classic, { valeus: {} }], [classic, { values: [] }], [classic, { partner: 3, tracks: "reseller" }], [classic, { partner: {} }],
    [classic, { values: { engineers: 3, agreement_signed: 1, csat: true, annual_revenue: [1], market_alignment: "top", industries: ["retail", "space"] } }],
    [classic, { values: { certifications: ["AWS", { kind: "cloud" }, {}, { kind: "sales", level: 3, name: 4 }] } }],
    [classic, { region: "emea", tracks: ["reseller"], current_tiers: [{ tier: "diamond" }, { tier: "gold" }, { tier: "gold" }, "gold", { tier: "gold", since: "soon" }] }],
    [multi, { region: "emea", tracks: ["retail"], current_tiers: [{ tier: "gold" }, { track: "reseller" }] }],
    [classic, { values: many }],
    [classic, { program: "classic", values: {} }], [classic, { program: { id: 3, name: "x" } }],
  ]) {
    collect(`profile ${JSON.stringify(profile).slice(0, 60)}`, () => scorecard.evaluate(profile, { as_of: AS_OF }));
  }
  // Options.
  collect("options", () => classic.evaluate({}, { as_at: AS_OF, as_of: 3 }));
  collect("gap options", () => classic.gaps({}, { as_of: AS_OF, alternatives: -1 }));
  collect("gap options", () => classic.gaps({}, { as_of: AS_OF, alternatives: "two" }));
  collect("gap options", () => classic.gaps({}, { as_of: AS_OF, targets: "gold" }));
  collect("gap options", () => multi.gaps({}, { as_of: AS_OF, targets: { retail: "gold" } }));
  // CSV files: the header, then rows.
  for (const csv of ["", "@partner,,@colour,engineers,csat,csat", "@partner,\"csat\"x", "@partner,csat\nA,\"1", "@partner,csat\nA\nB,1,2\nC,\"1\"x\nD,1\"\n",
    "@partner,@tier,@tier_since,certifications\nA,,2026-01-01,\nB,gold;gold,soon,\nC,diamond,,sales|a|b|2026-01-01|2027-01-01|x",
    "@partner,@tier_since\nA,2026-01-01", "@partner,@tier\nA,gold", "@partner,certified_engineer\nA,1", "12,4.5,2026-01-01\n1,2,3"]) {
    const scorecard = csv.endsWith("A,gold") ? multi : classic;
    try {
      const { errors } = scorecard.evaluateBatch(csv, { as_of: AS_OF });
      assert.ok(errors.length > 0, `CSV ${JSON.stringify(csv)} has no errors`);
      for (const e of errors) out.push({ where: `CSV row ${e.line}`, message: e.message_i18n, english: e.message });
    } catch (e) {
      for (const issue of e.issues) out.push({ where: `CSV ${JSON.stringify(csv.slice(0, 30))}`, message: issue.message_i18n, english: issue.message });
    }
  }
  collect("CSV too many", () => classic.evaluateBatch(`@partner\n${"A\n".repeat(500_001)}`, { as_of: AS_OF }));
  // Program files: only the problems every JSON document can have are worded for the catalogs
  // (the rest is for the file's author, in the format's own English); those come up here.
  for (const program of [{ format: 1, name: "x", fields: "none", tiers: [{ id: "a b", label: "A", min_score: -1 }] }, { format: 1, name: 3, fields: [{ id: "x", label: "X", type: "number", max: 1e16, integer: "yes" }], tiers: [] }]) {
    for (const issue of issuesOf("program", () => new Scorecard(program))) {
      if (issue.message_i18n) out.push({ where: `program ${issue.path}`, message: issue.message_i18n, english: issue.message });
    }
  }
  classic.free();
  multi.free();
  return out;
}

const messages = engineMessages();

test("the English catalog writes each engine message as the engine's own English sentence", () => {
  const format = messageFormatter("en-US", english, english, { isoDates: true });
  const ids = new Set();
  const collect = (m) => {
    ids.add(m.id);
    for (const arg of Object.values(m.args)) for (const x of [arg].flat()) if (x && typeof x === "object") collect(x);
  };
  for (const { where, message, english: sentence } of messages) {
    collect(message);
    assert.equal(format(message), sentence, `${where}: ${JSON.stringify(message)}`);
  }
  // Every kind of criterion sentence came up.
  const sentences = Object.keys(english).filter((k) => /^(criterion|requirement|change|changes|blocked|top|outlook|retention|profile|plan|json|read|found|noun|csv)\./.test(k) && !/\.(kinds|expired|weight|of_which)$/.test(k));
  // Reasons only contrived programs reach (a search out of work, options pruned to nothing);
  // their English is tested in Rust (tests/gap.rs, tests/limits.rs), their catalogs by the
  // checks above and below.
  // (plan.blocked is the lab's: the reach list's "requirement: reason", both tested above.)
  const contrived = ["blocked.no_value", "blocked.no_change", "blocked.limit", "blocked.none", "plan.blocked", "plan.no_change"];
  // Errors of the lab's own module (bytes that are not UTF-8, memory, a file over the size
  // limit) and of program rules only (a weight or step of zero): their English is tested in
  // Rust (src/analysis/batch/tests.rs, tests/limits.rs, tests/validation.rs).
  contrived.push("csv.not_utf8", "csv.no_memory", "csv.no_memory_mb", "csv.too_large", "csv.too_many_results", "read.invalid_id", "read.negative", "read.not_positive");
  // The lab's own: a mapping that leaves every column out, and its read options
  // (src/analysis/batch/tests.rs, tests/wasm_lab.rs).
  contrived.push("csv.no_columns", "csv.bad_separator", "csv.bad_decimal", "csv.bad_encoding", "csv.workbook", "csv.binary");
  assert.deepEqual(sentences.filter((id) => !ids.has(id) && !contrived.includes(id)), [], "sentences no program here produced");
  assert.ok(messages.length > 3000, `${messages.length} messages`);
});

test("every catalog writes every engine message, with nothing left unfilled", () => {
  for (const [lang, catalog] of Object.entries(catalogs)) {
    const format = messageFormatter(lang, catalog, english);
    for (const { where, message } of messages) {
      const out = format(message);
      // (A brace in quotes is JSON's own, in a message about JSON.)
      assert.doesNotMatch(out.replaceAll("'}'", ""), /[{}]|\bundefined\b|\bNaN\b|\[object/, `${lang} ${where}: ${out}`);
    }
  }
});

test("the formatter agrees with intl-messageformat on every template of every catalog", () => {
  // Arguments of every kind intl-messageformat knows: numbers (whole and with decimals, for
  // every plural category), texts; lists and nested messages are this formatter's own and
  // are given as texts here.
  let compared = 0;
  for (const [lang, catalog] of Object.entries(catalogs)) {
    for (const [key, template] of Object.entries(catalog)) {
      if (/,\s*(list|date)\b/.test(template)) continue;
      for (const n of [0, 1, 2, 5, 21, 1234.5]) {
        const args = {};
        for (const name of names(template)) args[name] = n;
        if (names(template).has("answer")) args.answer = n === 1 ? "yes" : n === 2 ? "no" : "other";
        const ours = messageFormatter(lang, { [key]: template })({ id: key, args });
        // A bare {x} of a number is a number in both (intl-messageformat would write it with
        // toString otherwise); every argument has at most two decimals.
        const theirs = new IntlMessageFormat(asIcu(parse(template)), lang, undefined, { ignoreTag: true }).format(args);
        assert.equal(ours, theirs, `${lang} ${key} with ${n}`);
        compared++;
      }
    }
  }
  assert.ok(compared > 500, `${compared} compared`);
});
