// The declared types are true: real programs and profiles, and real results of every shipped
// program (form, evaluate, score, gaps, evaluateBatch, describeChanges, and the lab's counts,
// summary and plans) are written into a TypeScript file as literals assigned to their declared
// types, and `tsc --strict` checks it.
// An object literal must have every required key, no key the type lacks (excess property
// check) and values of the declared types, so a result that does not match its declaration
// fails here. Run after scripts/build-pkg.sh:  node tests/types/results.mjs
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const pkg = path.join(root, "pkg");
const node = await import(pathToFileURL(path.join(pkg, "node/partner_scorecard.js")));
const lab = await import(pathToFileURL(path.join(pkg, "lab/partner_scorecard.js")));
lab.initSync({ module: fs.readFileSync(path.join(pkg, "lab/partner_scorecard_bg.wasm")) });

const AS_OF = "2026-06-01";
const programs = JSON.parse(fs.readFileSync(path.join(root, "www/programs/index.json"), "utf8"));
const ids = (Array.isArray(programs) ? programs : programs.programs).map((p) => (typeof p === "string" ? p : p.file ?? p.id));

/** A profile with every field filled from the form: the first option, a mid number, dates. */
function fullProfile(form) {
  const values = {};
  for (const f of form.fields) {
    if (f.type === "number") values[f.id] = f.integer ? Math.max(f.min ?? 0, 3) : Math.max(f.min ?? 0, 12.5);
    else if (f.type === "boolean") values[f.id] = true;
    else if (f.type === "choice") values[f.id] = f.options.at(-1).id;
    else if (f.type === "multi_choice") values[f.id] = f.options.slice(0, 2).map((o) => o.id);
    else if (f.type === "date") values[f.id] = "2019-03-15";
    else if (f.type === "certifications") {
      values[f.id] = [0, 1, 2].map((i) => ({
        ...(f.kinds.length ? { kind: f.kinds[i % f.kinds.length].id } : {}),
        name: `Certificate ${i}`,
        earned: "2025-01-10",
        expires: i === 0 ? "2026-07-01" : "2027-12-31",
      }));
    }
  }
  const profile = { partner: "Typed GmbH", values };
  if (form.tracks.length) profile.tracks = form.tracks.map((t) => t.id);
  if (form.retention) profile.current_tiers = [{ ...(form.tracks.length ? { track: form.tracks[0].id } : {}), tier: form.tiers.at(-1).id, since: "2025-07-01" }];
  return profile;
}

const declarations = [];
const declare = (type, value) => declarations.push(`export const r${declarations.length}: ${type} = ${JSON.stringify(value, null, 1)};`);

// Inputs too: every shipped program, the lab's fixture program and the benchmark's profile
// are values of the hand-written input types.
const fixtures = [
  ["Program", "tests/e2e/fixtures/lab-program.json"],
  ["Profile", "bench/fixtures/realistic-profile.json"],
];
for (const [type, file] of fixtures) declare(type, JSON.parse(fs.readFileSync(path.join(root, file), "utf8")));

for (const file of ids) {
  const name = file.endsWith(".json") ? file : `${file}.json`;
  const program = fs.readFileSync(path.join(root, "www/programs", name), "utf8");
  declare("Program", JSON.parse(program));
  const scorecard = new node.Scorecard(program);
  const form = scorecard.form();
  declare("Form", form);
  for (const profile of [fullProfile(form), { values: {} }]) {
    declare("Profile", profile);
    declare("Evaluation", scorecard.evaluate(profile, { as_of: AS_OF }));
    declare("CompactResult[]", scorecard.score(profile, { as_of: AS_OF }));
    declare("GapReport", scorecard.gaps(profile, { as_of: AS_OF, alternatives: 2 }));
  }
  const header = ["@partner", ...form.fields.filter((f) => f.type === "number").map((f) => f.id)].join(",");
  declare("BatchResult", scorecard.evaluateBatch(`${header}\nA${",1".repeat(header.split(",").length - 1)}\nB,x\n`, { as_of: AS_OF }));
  try {
    new node.Scorecard('{"format": 1}');
  } catch (e) {
    declare("Issue[]", e.issues);
  }
  try {
    scorecard.evaluateBatch("@partner,nope\nA,1\n");
  } catch (e) {
    declare("RowError[]", e.issues);
  }
  const csv = lab.generatePartners(program, { rows: 200, seed: 3, as_of: AS_OF });
  const base = new lab.Lab(program, csv);
  declare("BaseCounts", base.counts());
  const summary = base.segment({ as_of: AS_OF, reach_percent: 20 });
  declare("SegmentSummary", summary);
  declare("ReachListing", base.checkReach(1000));
  base.free();
  // What changed: each shipped program against itself edited (a tier minimum, a tier added
  // and one removed, a benefit, a label translated), and against the next program.
  const edited = JSON.parse(program);
  edited.tiers[0].min_score = (edited.tiers[0].min_score ?? 0) + 5;
  edited.tiers.push({ id: "extra", label: { en: "Extra", de: "Extra" }, min_score: 1e6, benefits: ["More"] });
  edited.tiers.splice(1, 1);
  edited.name = { en: "Edited", de: "Bearbeitet" };
  declare("ProgramChanges", node.describeChanges(program, edited, { lang: "de" }));
  const next = ids[(ids.indexOf(file) + 1) % ids.length];
  declare("ProgramChanges", node.describeChanges(program, fs.readFileSync(path.join(root, "www/programs", next.endsWith(".json") ? next : `${next}.json`), "utf8")));
  scorecard.free();
}

const dir = path.join(root, "target/types-check");
fs.mkdirSync(dir, { recursive: true });
const types = ["Program", "Profile", "Form", "Evaluation", "CompactResult", "GapReport", "BatchResult", "Issue", "RowError", "BaseCounts", "SegmentSummary", "ReachListing", "ProgramChanges"];
const from = path.relative(dir, path.join(pkg, "lab/partner_scorecard.js")).split(path.sep).join("/");
fs.writeFileSync(path.join(dir, "results.ts"), `import type { ${types.join(", ")} } from "${from}";\n\n${declarations.join("\n\n")}\n`);
fs.writeFileSync(
  path.join(dir, "tsconfig.json"),
  JSON.stringify({ compilerOptions: { target: "es2022", module: "es2022", moduleResolution: "bundler", lib: ["esnext", "dom"], strict: true, noEmit: true }, files: ["results.ts"] }),
);
try {
  execFileSync(path.join(root, "node_modules/.bin/tsc"), ["-p", dir], { stdio: "inherit" });
} catch {
  console.error(`results.mjs: real results do not match their declared types (see ${path.relative(root, dir)}/results.ts)`);
  process.exit(1);
}
console.log(`results.mjs: ${declarations.length} real programs, profiles and results (${ids.length} shipped programs) match their declared types`);
