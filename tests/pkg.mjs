// The built package as an importer sees it: package.json exports point at real files, the
// Node and web entries both work, ScorecardError is exported and `instanceof` holds, no
// public TypeScript signature says `any`, and the module a portal embeds stays within its
// size budget. Run after scripts/build-pkg.sh:  node tests/pkg.mjs
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath, pathToFileURL } from "node:url";
import { robustness } from "./robustness.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pkgDir = path.join(root, "pkg");
const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8"));
const cargoVersion = fs.readFileSync(path.join(root, "Cargo.toml"), "utf8").match(/^version = "(.*)"/m)[1];
const program = JSON.parse(fs.readFileSync(path.join(root, "www/programs/classic-reseller.json"), "utf8"));
let checks = 0;
const check = (name, fn) => {
  fn();
  checks++;
  console.log(`ok - ${name}`);
};

// 3 engineers × 3 = 9, marketing plan 4, high market alignment 2 × 1.5 = 3: 16 points;
// a signed agreement makes it Registered.
const profile = { partner: "Acme", values: { agreement_signed: true, certified_engineers: 3, marketing_plan: true, market_alignment: "high" } };

check("package.json carries the Cargo version and every export resolves to a file", () => {
  assert.equal(pkg.version, cargoVersion);
  assert.equal(pkg.type, "module");
  const targets = [];
  const walk = (v) => (typeof v === "string" ? targets.push(v) : Object.values(v).forEach(walk));
  walk(pkg.exports);
  assert.ok(targets.length >= 4);
  for (const t of [...targets, pkg.main, pkg.types]) assert.ok(fs.existsSync(path.join(pkgDir, t)), `${t} exists`);
});

check("the lite module a page loads for the partner's answer is under 100 KB gzipped (the budget); plans load on demand", () => {
  const gzipped = (file) => zlib.gzipSync(fs.readFileSync(path.join(pkgDir, file)), { level: 9 }).length;
  const lite = gzipped("lite/partner_scorecard_bg.wasm");
  const full = gzipped("partner_scorecard_bg.wasm");
  // README's "Size and speed" says what each part costs; a change that crosses the budget
  // should be a decision, not a surprise. The element's main thread loads only the lite
  // module; its worker loads the full one when the first plan is asked for.
  assert.ok(lite < 100_000, `pkg/lite/partner_scorecard_bg.wasm is ${lite} bytes gzipped, over the 100,000-byte budget`);
  console.log(`# lite module ${lite} bytes gzipped, full browser module ${full}`);
});

const node = await import(pathToFileURL(path.join(pkgDir, pkg.exports["."].node.default)));
const web = await import(pathToFileURL(path.join(pkgDir, pkg.exports["."].default)));
web.initSync({ module: fs.readFileSync(path.join(pkgDir, "partner_scorecard_bg.wasm")) });
const lite = await import(pathToFileURL(path.join(pkgDir, pkg.exports["./lite"].default)));
lite.initSync({ module: fs.readFileSync(path.join(pkgDir, "lite/partner_scorecard_bg.wasm")) });

check("lite entry: evaluates, scores and reads forms and warnings; plans and batches are in the other entries", () => {
  const scorecard = new lite.Scorecard(program);
  const result = scorecard.evaluate(profile, { as_of: "2026-06-01" });
  assert.equal(result.tracks[0].total, 16);
  assert.equal(scorecard.score(profile, { as_of: "2026-06-01" })[0].tier, "registered");
  assert.equal(scorecard.form().tiers.length, 4);
  assert.deepEqual(scorecard.warnings(), []);
  for (const missing of ["gaps", "applyPlan", "evaluateBatch"]) assert.equal(scorecard[missing], undefined, missing);
  assert.equal(lite.describeChanges, undefined, "describeChanges is in the lab, Node and bundler builds");
  assert.throws(() => new lite.Scorecard({}), (e) => e instanceof lite.ScorecardError && e.kind === "program");
});

for (const [name, api] of [
  ["node", node],
  ["web", web],
]) {
  check(`${name} entry: evaluate and score a profile`, () => {
    const scorecard = new api.Scorecard(program);
    const result = scorecard.evaluate(profile, { as_of: "2026-06-01" });
    assert.equal(result.tracks[0].total, 16);
    assert.equal(result.tracks[0].tier.id, "registered");
    assert.equal(result.tracks[0].next_tier.point_deficit, 24);
    assert.deepEqual(scorecard.score(profile, { as_of: "2026-06-01" })[0].tier, "registered");
    assert.equal(api.version(), cargoVersion);
  });
  check(`${name} entry: jsonProblem says where and why a text is not JSON, with its message for the catalogs`, () => {
    assert.equal(api.jsonProblem('{"values": {"csat": 80}}'), null);
    const problem = api.jsonProblem('{"values": {\n  "csat": 80,}}');
    // Line 2 is `  "csat": 80,}}`: two spaces, "csat" (3-8), ":" 9, a space, 80 (11-12), "," 13;
    // column 14 is the "}" where a key in quotes belongs.
    assert.equal(problem.message, "not valid JSON: expected a key in quotes at line 2, column 14");
    assert.deepEqual(problem.message_i18n, { id: "json.invalid", args: { reason: { id: "json.key", args: {} }, line: "2", column: "14" } });
    assert.equal(problem.path, "");
  });
  check(`${name} entry: a plan from gaps() applied with applyPlan reaches its tier`, () => {
    const scorecard = new api.Scorecard(program);
    const { plan } = scorecard.gaps(profile, { as_of: "2026-06-01" }).tracks[0];
    const after = scorecard.applyPlan(profile, plan, { as_of: "2026-06-01" });
    assert.equal(after.partner, "Acme");
    const again = scorecard.evaluate(after, { as_of: "2026-06-01" }).tracks[0];
    assert.equal(again.tier.id, plan.tier_after.id);
    assert.equal(again.total, plan.total_after);
    assert.throws(
      () => scorecard.applyPlan(profile, { changes: [{ field: "colour", to: 1 }] }),
      (e) => e instanceof api.ScorecardError && e.kind === "plan" && e.issues[0].path === "changes[0].field",
    );
  });
  check(`${name} entry: describeChanges words what changed, also in a program that does not build`, () => {
    // Not in the browser module a portal loads for plans: the studio gets it from the lab module.
    if (name === "web") {
      assert.equal(api.describeChanges, undefined);
      return;
    }
    const edited = structuredClone(program);
    edited.tiers[2].min_score = 65;
    edited.tiers[3].requires.push({ field: "certified_engineers", op: ">=", value: 4 });
    const { changes, total } = api.describeChanges(program, edited, { lang: "de" });
    assert.equal(total, 2);
    assert.deepEqual(
      changes.map((c) => [c.kind, c.path, c.text]),
      [
        ["changed", "tiers[2].min_score", "Tier Gold: minimum score 60 → 65"],
        ["added", "tiers[3].requires[6]", "Tier Platin › Requirement Zertifizierte Techniker at least 4 added"],
      ],
    );
    assert.deepEqual(changes[0].text_i18n.args.setting, { id: "changes.setting.min_score", args: {} });
    edited.tiers[2].min_score = "high";
    assert.equal(api.describeChanges(program, edited).changes[0].text, 'Tier Gold: minimum score 60 → "high"');
    assert.throws(() => api.describeChanges(program, "{"), (e) => e instanceof api.ScorecardError && e.kind === "program");
  });
  check(`${name} entry: warnings name a track list that drops a tier's requirements`, () => {
    assert.deepEqual(new api.Scorecard(program).warnings(), []);
    const frozen = JSON.parse(fs.readFileSync(new URL("./fixtures/format-1/multi-track.json", import.meta.url), "utf8"));
    const warnings = new api.Scorecard(frozen).warnings();
    assert.deepEqual(
      warnings.map((w) => w.path),
      ["tracks[1].tiers.premier.requires", "tracks[2].tiers.premier.requires"],
    );
    assert.match(warnings[0].message, /^in track "managed_services": this list replaces tier "premier"'s requirements whole, so the tier loses "customer_success" here/);
  });
  check(`${name} entry: errors are ScorecardError instances and the module keeps working`, () => {
    const scorecard = new api.Scorecard(program);
    assert.throws(
      () => new api.Scorecard({ format: 1, name: "x", fields: [], tiers: [] }),
      (e) => e instanceof api.ScorecardError && e instanceof Error && e.name === "ScorecardError" && e.kind === "program" && e.issues.length >= 2,
    );
    assert.throws(
      () => scorecard.evaluate({ values: { certified_engineers: -1 } }),
      (e) => e instanceof api.ScorecardError && e.kind === "profile" && e.issues[0].path === "values.certified_engineers",
    );
    if (name === "web") {
      // The browser module a portal embeds has no batch scoring (cargo feature `batch`).
      assert.equal(scorecard.evaluateBatch, undefined);
    } else {
      assert.throws(
        () => scorecard.evaluateBatch("@partner,nope\nA,1\n"),
        (e) => e instanceof api.ScorecardError && e.kind === "csv" && e.issues[0].column === 2,
      );
    }
    assert.equal(scorecard.evaluate(profile, { as_of: "2026-06-01" }).tracks[0].total, 16);
  });
}

// Issue 11: every input that once locked up the module, then the same and new objects.
for (const [name, api] of [
  ["node", node],
  ["web", web],
]) {
  const started = performance.now();
  await robustness(api, { classic: JSON.stringify(program) }, async (what, fn) => {
    await fn();
    checks++;
    console.log(`ok - ${name} entry: ${what}`);
  });
  console.log(`# ${name} entry: robustness cases in ${Math.round(performance.now() - started)} ms`);
}

check("no public TypeScript signature says any", () => {
  for (const dts of ["partner_scorecard.d.ts", "node/partner_scorecard.d.ts", "bundler/partner_scorecard.d.ts"]) {
    const text = fs.readFileSync(path.join(pkgDir, dts), "utf8");
    // The public part ends where wasm-bindgen declares the raw module exports.
    const publicPart = text.split(/export type InitInput|export interface InitOutput/)[0].replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
    assert.doesNotMatch(publicPart, /\bany\b/, dts);
    assert.match(publicPart, /export class ScorecardError extends Error/, dts);
    const changes = /export function describeChanges\(before: Program \| string, after: Program \| string, options\?: ChangeOptions \| null\): ProgramChanges;/;
    if (dts === "partner_scorecard.d.ts") assert.doesNotMatch(publicPart, /describeChanges/, dts);
    else assert.match(publicPart, changes, dts);
    const batch = /evaluateBatch\(input: string \| Profile\[\], options\?: EvalOptions \| null\): BatchResult;/;
    if (dts === "partner_scorecard.d.ts") assert.doesNotMatch(publicPart, /evaluateBatch/, dts);
    else assert.match(publicPart, batch, dts);
  }
});

console.log(`pkg.mjs: ${checks} checks passed`);
