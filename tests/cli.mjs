// The command line against the JavaScript package: the shipped programs (www/programs/) and
// partners from the generator, through `partner-scorecard` and through the built package in
// Node (pkg/node: Scorecard.evaluateBatch, evaluate, gaps; pkg/lab: Lab, generatePartners),
// compared field by field, numbers exactly. Run after scripts/build-pkg.sh:
//
//   node tests/cli.mjs            (builds the debug binary if it is not there; CLI_BIN=path to use another)
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pkg = path.join(root, "pkg");
const node = await import(pathToFileURL(path.join(pkg, "node/partner_scorecard.js")));
const lab = await import(pathToFileURL(path.join(pkg, "lab/partner_scorecard.js")));
lab.initSync({ module: fs.readFileSync(path.join(pkg, "lab/partner_scorecard_bg.wasm")) });

const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, "target");
const bin = process.env.CLI_BIN ?? path.join(targetDir, "debug", "partner-scorecard");
if (!process.env.CLI_BIN && !fs.existsSync(bin)) {
  execFileSync("cargo", ["build", "--quiet", "--bin", "partner-scorecard"], { cwd: root, stdio: "inherit" });
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "partner-scorecard-cli-"));
const AS_OF = "2026-06-01";
const ROWS = Number(process.env.CLI_ROWS ?? 1000);

/** Runs the command line; its exit code, standard output and error. */
function cli(...args) {
  const run = spawnSync(bin, args, { encoding: "utf8", maxBuffer: 1 << 30 });
  if (run.error) throw run.error;
  return { code: run.status, out: run.stdout, err: run.stderr };
}
const lines = (text) => text.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l));

let checks = 0;
const check = (name, fn) => {
  fn();
  checks++;
  console.log(`ok - ${name}`);
};

const programs = JSON.parse(fs.readFileSync(path.join(root, "www/programs/index.json"), "utf8")).programs.map((p) =>
  path.join(root, "www/programs", p.file),
);
assert.ok(programs.length >= 3, "the shipped programs");

for (const [n, programFile] of programs.entries()) {
  const name = path.basename(programFile, ".json");
  const program = JSON.parse(fs.readFileSync(programFile, "utf8"));
  const scorecard = new node.Scorecard(program);
  const seed = 40 + n;

  // The same partners from both generators.
  const csv = cli("synth", programFile, "--rows", String(ROWS), "--seed", String(seed), "--as-of", AS_OF).out;
  check(`${name}: synth writes generatePartners()'s bytes`, () => {
    const bytes = lab.generatePartners(program, { rows: ROWS, seed, as_of: AS_OF });
    assert.ok(Buffer.from(bytes).equals(Buffer.from(csv, "utf8")));
  });
  const csvFile = path.join(dir, `${name}.csv`);
  fs.writeFileSync(csvFile, csv);

  // Every result of evaluateBatch, in order; categories from evaluate(), plans from gaps().
  const scored = cli("score", programFile, csvFile, "--as-of", AS_OF, "--format", "jsonl", "--plans", "-q", "--part-bytes", "20000");
  const batch = scorecard.evaluateBatch(csv, { as_of: AS_OF });
  const labBase = new lab.Lab(program, csv);
  const profiles = [];
  check(`${name}: score equals evaluateBatch, evaluate's categories and gaps' plans for ${ROWS} partners`, () => {
    assert.equal(scored.code, 0, scored.err);
    const got = lines(scored.out);
    assert.equal(batch.errors.length, 0);
    assert.equal(got.length, batch.results.length);
    const reports = new Map();
    for (const [i, expected] of batch.results.entries()) {
      const line = got[i];
      for (const key of Object.keys(expected)) assert.deepEqual(line[key], expected[key], `${name} result ${i} ${key}`);
      if (!reports.has(expected.row)) {
        const profile = labBase.profile(expected.row);
        profiles[expected.row] = profile;
        const evaluation = scorecard.evaluate(profile, { as_of: AS_OF });
        const gaps = scorecard.gaps(profile, { as_of: AS_OF, alternatives: 0, window_days: 0 });
        reports.set(expected.row, { evaluation, gaps });
      }
      const { evaluation, gaps } = reports.get(expected.row);
      const track = evaluation.tracks.find((t) => t.track === expected.track);
      assert.equal(track.total, expected.total, "evaluate's total");
      for (const category of program.categories) {
        const explained = track.categories.find((c) => c.id === category.id);
        assert.equal(line.categories[category.id], explained ? explained.points : null, `${name} row ${expected.row} ${category.id}`);
      }
      const planned = gaps.tracks.find((t) => t.track === expected.track);
      assert.equal(line.plan.status, planned.status);
      assert.equal(line.plan.target, planned.target?.id ?? null);
      assert.equal(line.plan.effort, planned.plan?.effort ?? null);
      const summary = planned.plan?.summary ?? (planned.blocked ? `no plan: ${planned.blocked.requirement}: ${planned.blocked.reason}` : "");
      assert.equal(line.plan.summary, summary);
    }
  });

  check(`${name}: JSON lines score as evaluateBatch scores the profiles`, () => {
    const file = path.join(dir, `${name}.jsonl`);
    fs.writeFileSync(file, profiles.map((p) => JSON.stringify(p)).join("\n") + "\n");
    const run = cli("score", programFile, file, "--as-of", AS_OF, "--format", "jsonl", "-q", "-j", "2", "--part-bytes", "50000");
    assert.equal(run.code, 0, run.err);
    const got = lines(run.out);
    const expected = scorecard.evaluateBatch(profiles, { as_of: AS_OF });
    assert.equal(got.length, expected.results.length);
    for (const [i, r] of expected.results.entries()) {
      for (const key of Object.keys(r)) {
        // Arrays of profiles have no lines; JSON lines do (one profile per line).
        if (key === "line") assert.equal(got[i].line, r.row + 1);
        else assert.deepEqual(got[i][key], r[key], `${name} profile ${i} ${key}`);
      }
    }
  });

  check(`${name}: summary equals the lab's segment() with every candidate within reach checked`, () => {
    const summary = labBase.segment({ as_of: AS_OF });
    let reach = summary.within_reach;
    while (!reach.complete) reach = labBase.checkReach(1000);
    summary.within_reach = reach;
    delete summary.versus_baseline;
    // Read in parts of about a fifth of the file, summarised on two threads and merged.
    const run = cli("summary", programFile, csvFile, "--as-of", AS_OF, "--json", "-q", "-j", "2", "--part-bytes", String(Math.ceil(csv.length / 5)));
    assert.equal(run.code, 0, run.err);
    assert.deepEqual(JSON.parse(run.out), summary);
  });

  check(`${name}: gaps --json equals Scorecard.gaps()`, () => {
    for (const row of [0, 1, 2, 3, 5, 8, 13]) {
      const file = path.join(dir, `${name}-profile-${row}.json`);
      fs.writeFileSync(file, JSON.stringify(profiles[row]));
      for (const lang of [undefined, "de"]) {
        const args = ["gaps", programFile, file, "--as-of", AS_OF, "--json", ...(lang ? ["--lang", lang] : [])];
        const run = cli(...args);
        assert.equal(run.code, 0, run.err);
        assert.deepEqual(JSON.parse(run.out), scorecard.gaps(profiles[row], { as_of: AS_OF, lang }));
      }
    }
  });
  labBase.free();
  scorecard.free();
}

// gaps as text in the five languages: every engine message of the report (each step, the
// alternatives, what blocks a plan, the top tier, a tier drop) and the expiry lines written
// as the scorecard page writes them with its catalogs and www/message-format.mjs.
const i18n = await import(pathToFileURL(path.join(root, "www/i18n.mjs")));
for (const lang of ["en", "de", "fr", "es", "ja"]) await i18n.loadCatalog(lang);
check("gaps as text: the engine's messages and the page's texts as the page writes them, in en, de, fr, es, ja", () => {
  let compared = 0;
  const profileFiles = [path.join(root, "tests/fixtures/format-1/readme-profile.json")];
  const programFile = programs.find((p) => p.endsWith("multi-track.json"));
  const program = JSON.parse(fs.readFileSync(programFile, "utf8"));
  const scorecard = new node.Scorecard(program);
  const labBase = new lab.Lab(program, cli("synth", programFile, "--rows", "12", "--seed", "5", "--as-of", AS_OF).out);
  for (let row = 0; row < 12; row++) {
    const file = path.join(dir, `gaps-text-${row}.json`);
    fs.writeFileSync(file, JSON.stringify(labBase.profile(row)));
    profileFiles.push(file);
  }
  labBase.free();
  for (const file of profileFiles) {
    const profile = JSON.parse(fs.readFileSync(file, "utf8"));
    for (const lang of ["en", "de", "fr", "es", "ja"]) {
      const run = cli("gaps", programFile, file, "--as-of", AS_OF, "--lang", lang);
      assert.equal(run.code, 0, run.err);
      const t = i18n.messages(lang);
      const f = i18n.formatters(lang);
      const report = scorecard.gaps(profile, { as_of: AS_OF, lang });
      const expected = [t("asOf", { date: f.date(report.as_of) })];
      for (const g of report.tracks) {
        for (const plan of [g.plan, ...g.alternatives].filter(Boolean)) {
          expected.push(...plan.changes.map((c) => t.message(c.description_i18n)));
          if (plan !== g.plan) expected.push(t.message(plan.summary_i18n));
        }
        // Each open requirement and the change that meets it, in the page's words.
        for (const u of g.unmet) expected.push(t.message(u.description_i18n), `: ${t.message(u.change_i18n)}\n`);
        if (g.plan) expected.push(t("plan", { tier: g.target.label }));
        if (g.blocked) expected.push(`${t.message(g.blocked.requirement_i18n)}: ${t.message(g.blocked.reason_i18n)}`);
        if (g.at_top) expected.push(t.message(g.at_top.message_i18n));
        if (g.outlook.tier_drop) expected.push(t.message(g.outlook.tier_drop.message_i18n));
        if (g.outlook.retention_ends) expected.push(t("retentionEnds", { date: f.date(g.outlook.retention_ends) }));
        for (const x of g.outlook.expiring) {
          const what = [x.name, x.holder ? `(${x.holder})` : null].filter(Boolean).join(" ") || x.kind || x.field;
          expected.push(x.days_left < 0 ? t("expired", { what, date: f.date(x.expires) }) : t("expiresOn", { what, date: f.date(x.expires), days: x.days_left }));
        }
      }
      for (const text of expected) {
        assert.ok(run.out.includes(text), `${lang}, ${path.basename(file)}: ${JSON.stringify(text)} not in\n${run.out}`);
        compared++;
      }
    }
  }
  scorecard.free();
  assert.ok(compared > 300, `${compared} texts compared`);
});

check("bad rows: the same rows, lines, columns, paths and messages as evaluateBatch", () => {
  const programFile = programs.find((p) => p.endsWith("classic-reseller.json"));
  const program = JSON.parse(fs.readFileSync(programFile, "utf8"));
  const scorecard = new node.Scorecard(program);
  const csv = cli("synth", programFile, "--rows", "200", "--as-of", AS_OF).out.split("\n");
  // A text for a number, an unknown option, a bad date, a row too short, a stray quote.
  csv[3] = csv[3].replace(/,(yes|no),(\d+),/, ",$1,many,");
  csv[9] = csv[9].replace(/,(high|medium|low),/, ",enormous,");
  csv[20] = csv[20].replace(/,(\d{4})-(\d\d)-(\d\d),/, ",$1-13-$3,");
  csv[40] = csv[40].split(",").slice(0, 5).join(",");
  csv[77] = csv[77].replace(/^([^,]*),/, 'x"y,');
  const text = csv.join("\n");
  const file = path.join(dir, "bad-rows.csv");
  fs.writeFileSync(file, text);
  const errorsFile = path.join(dir, "bad-rows.jsonl");
  const run = cli("score", programFile, file, "--as-of", AS_OF, "--format", "jsonl", "-q", "--errors", errorsFile, "--part-bytes", "3000", "-j", "3");
  assert.equal(run.code, 1, "bad rows make exit code 1");
  const expected = scorecard.evaluateBatch(text, { as_of: AS_OF });
  assert.equal(expected.counts.skipped, 5);
  const got = lines(fs.readFileSync(errorsFile, "utf8"));
  assert.deepEqual(got, expected.errors.map(({ row, line, column, path, message }) => ({ row, line, column, path, message })));
  assert.deepEqual(lines(run.out).map(({ row, total, tier }) => ({ row, total, tier })), expected.results.map(({ row, total, tier }) => ({ row, total, tier })));
  scorecard.free();
});

fs.rmSync(dir, { recursive: true, force: true });
console.log(`cli.mjs: ${checks} checks passed (the command line against the package, ${ROWS} partners per program)`);
