// The program lab in a real browser, on the hand-made fixture of tests/segment.rs
// (tests/e2e/fixtures/lab-program.json and lab-partners.csv): counts, a bad row, a slider
// move, the export and the edited program, and no network request after the page loads.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { loadLabFixture, openLab, root, setup } from "./helpers.mjs";

const fixtures = path.join(root, "tests/e2e/fixtures");
let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

/** The cells of a table's rows, as text, by the row's header. */
async function rows(page, selector) {
  return page.locator(`${selector} tbody tr`).evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
}

/** How many times the results were drawn, once no re-scoring is due (slider steps are scored once per frame). */
async function renders(page) {
  await page.locator("#results:not([data-pending])").waitFor({ state: "attached" });
  return Number((await page.locator("#results").getAttribute("data-renders")) ?? 0);
}


// Worked out in tests/segment.rs: on 2026-06-01 the seven valid partners score Alder 50
// (gold held by grace), Bright 66 (silver), Cobalt 30 (grace over: unranked), Delta 80 (gold,
// new), Ember 38 (silver held by grace), Granite 45 (silver), Harbor 75 (gold, promoted);
// Fjord's engineers cell "many" (line 7, column 6) is skipped.
test("a small CSV segments as computed by hand, with its bad row reported", async () => {
  const { page, context, errors } = await openLab(env);
  await loadLabFixture(page);
  assert.match(await page.textContent("#status"), /8 rows of lab-partners\.csv: 7 scored, 1 skipped/);
  // Columns: region, silver, gold, unranked, partners, share bar.
  assert.deepEqual((await rows(page, "#distribution")).map((r) => r.slice(0, 5)), [
    ["EMEA", "2", "2", "0", "4"], // Alder gold, Bright silver, Granite silver, Harbor gold
    ["APAC", "0", "1", "1", "2"], // Cobalt unranked, Delta gold
    ["No region", "1", "0", "0", "1"], // Ember silver
    ["All partners", "3", "3", "1", "7"],
  ]);
  // Promoted Harbor; demoted Cobalt; unchanged Bright, Granite; grace Alder, Ember; new Delta.
  assert.deepEqual(await rows(page, "#movement"), [["All partners", "1", "1", "2", "2", "0", "1", "0"]]);
  // Capability / Performance shares: high-high Bright (80/52), Delta (80/80), Harbor (80/70);
  // high-low Ember (50/26); low-high Alder (40/60), Granite (40/50); low-low Cobalt (20/40).
  assert.deepEqual((await rows(page, "#quadrants")).map((r) => r[1]), ["3", "1", "2", "1"]);
  // Within 10%: Ember 2 of silver's 40 (5%), Bright 4 of gold's 70 (5.7%); plans of effort
  // 0.4 (two deals at 10/50 each) and 0.8 (four deals), both within the effort of 5.
  await page.locator('#reach[data-complete="true"]').waitFor();
  const reach = await rows(page, "#reach");
  // Tiers by their labels (the lab once showed ids).
  assert.deepEqual(reach.map((r) => [r[0], r[5], r[6], r[7], r[8]]), [["Ember", "Silver", "2", "", "0.4"], ["Bright, Inc.", "Gold", "4", "", "0.8"]]);
  assert.equal(reach[0][9], "Deal registrations 13 → 15");
  // Ember keeps Silver by grace without earning a tier; Bright earns the Silver it holds.
  assert.deepEqual(reach.map((r) => r[4]), ["Silver (held; earns no tier)", "Silver"]);
  assert.deepEqual((await rows(page, "#expiring")).map((r) => [r[0], r[2], r[6]]), [["Bright, Inc.", "Cloud", "30"], ["Granite", "Sales", "75"]]);
  assert.equal(
    (await page.textContent("#row-errors li")).trim(),
    'Line 7, column 6 (engineers): "engineers" must be a number, found the text "many"',
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test("a slider moves the distribution, the export and the edited program follow, and nothing goes over the network", async () => {
  const { page, context, errors, requests, loaded } = await openLab(env);
  await loadLabFixture(page);
  const before = await renders(page);
  // Gold from 70 down to 60 by keyboard: Bright (66, two valid certifications) is gold now.
  await page.locator("#tier-gold").focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press("ArrowLeft");
  assert.equal(await page.locator("#tier-gold").inputValue(), "60");
  assert.ok((await renders(page)) > before);
  assert.deepEqual((await rows(page, "#distribution")).at(-1).slice(0, 5), ["All partners", "2", "4", "1", "7"]);
  assert.deepEqual(await rows(page, "#movement"), [["All partners", "2", "1", "1", "2", "0", "1", "0"]]);
  assert.match(await page.textContent("#timing"), /Re-scored 7 partners in \d+ ms/);
  // Against the program as opened: Bright promoted from Silver to Gold, nobody demoted.
  assert.match(await page.textContent("#versus"), /1 result promoted, 0 demoted by the edits/);
  assert.match(await page.textContent("#versus"), /Bright, Inc\.\s*\d+\s*Silver\s*Gold/);
  // Why: the gold minimum alone moves Bright (worked out after the tables are drawn).
  await page.locator('#versus[data-explained="true"]').waitFor();
  assert.deepEqual((await rows(page, "#versus")).at(-1), ["Bright, Inc.", "3", "Silver", "Gold", "Gold: minimum score 70 → 60"]);
  assert.match(await page.textContent("#edits"), /1 setting differs from the program as opened: Gold: minimum score 70 → 60\./);

  // Saved as a scenario and compared side by side with the program as opened and now.
  await page.fill("#scenario-name", "Gold at 60");
  await page.click("#save-scenario");
  // Certified engineers per tier: Silver 6 + 5 + 3 = 14, Gold 4 + 8 + 6 = 18, unranked Cobalt 2;
  // Bright's 6 move from Silver to Gold.
  assert.deepEqual(await rows(page, "#scenarios"), [
    ["Silver", "3", "2", "2"],
    ["Gold", "3", "4", "4"],
    ["Unranked", "1", "1", "1"],
    ["Promoted", "", "1", "1"],
    ["Demoted", "", "0", "0"],
    ["Certified engineers, Silver", "14", "8", "8"],
    ["Certified engineers, Gold", "18", "24", "24"],
    ["Certified engineers, Unranked", "2", "2", "2"],
  ]);
  const [scenarioFile] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download: Gold at 60" }).click()]);
  assert.equal(scenarioFile.suggestedFilename(), "lab-demo-gold-at-60.json");
  assert.equal(JSON.parse(fs.readFileSync(await scenarioFile.path(), "utf8")).tiers[1].min_score, 60);
  // The same partners read again keep the program as opened as the baseline, and the tuning.
  await page.setInputFiles("#csv-file", { name: "again.csv", mimeType: "text/csv", buffer: fs.readFileSync(path.join(fixtures, "lab-partners.csv")) });
  await page.waitForFunction(() => /8 rows of again\.csv/.test(document.getElementById("status").textContent));
  assert.match(await page.textContent("#versus"), /1 result promoted, 0 demoted by the edits/);
  assert.deepEqual((await rows(page, "#scenarios")).slice(0, 2), [["Silver", "3", "2", "2"], ["Gold", "3", "4", "4"]]);

  // With gold at 60: Alder 10 short of gold, Granite 15; only Ember (2 of 40) is within 10%.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-csv")]);
  assert.equal(download.suggestedFilename(), "partner-results.csv");
  const csv = fs.readFileSync(await download.path(), "utf8");
  assert.equal(
    csv,
    "partner,region,track,score,tier,earned_tier,next_tier,deficit,plan\r\n" +
      "Alder,emea,,50,gold,silver,gold,10,\r\n" +
      '"Bright, Inc.",emea,,66,gold,gold,,,\r\n' +
      "Cobalt,apac,,30,,,silver,10,\r\n" +
      "Delta,apac,,80,gold,gold,,,\r\n" +
      "Ember,,,38,silver,,silver,2,Deal registrations 13 → 15\r\n" +
      "Granite,emea,,45,silver,silver,gold,15,\r\n" +
      "Harbor,emea,,75,gold,gold,,,\r\n",
  );

  const [programFile] = await Promise.all([page.waitForEvent("download"), page.click("#download-program")]);
  assert.equal(programFile.suggestedFilename(), "lab-demo-edited.json");
  const program = JSON.parse(fs.readFileSync(await programFile.path(), "utf8"));
  const original = JSON.parse(fs.readFileSync(path.join(fixtures, "lab-program.json"), "utf8"));
  original.tiers[1].min_score = 60;
  assert.deepEqual(program, original);

  // An impossible minimum (above the 100 points the program can give) is the engine's error,
  // shown at its path; the results stay those of the last valid program.
  await page.locator("#weight-deals").fill("0");
  await page.locator("#tier-gold").fill("100");
  await page.locator("#tune-errors", { hasText: "tiers[1].min_score" }).waitFor();
  assert.deepEqual((await rows(page, "#distribution")).at(-1).slice(0, 5), ["All partners", "2", "4", "1", "7"]);

  // Generating synthetic partners works offline too.
  await page.fill("#gen-rows", "2000");
  await page.click("#generate");
  await page.waitForFunction(() => /2,000 rows/.test(document.getElementById("status").textContent));
  assert.match(await page.textContent("#status"), /2,000 scored, 0 skipped/);

  const after = requests.slice(loaded).filter((u) => !u.startsWith("blob:"));
  assert.deepEqual(after, [], "no request after the page's own files");
  assert.ok(requests.every((u) => u.startsWith(env.url) || u.startsWith("blob:")), requests.join("\n"));
  assert.deepEqual(errors, []);
  await context.close();
});

test("on a 375-pixel phone the lab fits the screen, generated partners included", async () => {
  const context = await env.browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(env.url + "lab.html?as_of=2026-06-01");
  await page.waitForFunction(() => performance.getEntriesByName("lab:ready").length > 0, null, { timeout: 10_000 });
  await page.fill("#gen-rows", "500");
  await page.click("#generate");
  await page.waitForFunction(() => /500 rows/.test(document.getElementById("status").textContent), null, { timeout: 10_000 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, "the page scrolls sideways");
  fs.mkdirSync(path.join(root, "test-artifacts"), { recursive: true });
  await page.screenshot({ path: path.join(root, "test-artifacts/lab-phone-375.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

// A program whose track lists replace a tier's requirements whole loads, with a warning per
// list naming the requirement it drops; a clean program clears the warnings.
test("a program's warnings are shown when it loads, and go with the next program", async () => {
  const { page, context, errors } = await openLab(env);
  const frozen = fs.readFileSync(path.join(root, "tests/fixtures/format-1/multi-track.json"));
  await page.setInputFiles("#program-file", { name: "old-multi-track.json", mimeType: "application/json", buffer: frozen });
  await page.waitForSelector("#program-warnings:not([hidden])");
  assert.match(await page.textContent("#program-warnings p"), /^old-multi-track\.json: 2 warnings \(the program loads/);
  const items = await page.locator("#program-warnings li").allTextContents();
  assert.equal(items.length, 2);
  assert.match(items[0], /^tracks\[1\]\.tiers\.premier\.requires: in track "managed_services": this list replaces tier "premier"'s requirements whole, so the tier loses "customer_success"/);
  assert.equal(await page.isHidden("#program-errors"), true);
  await page.setInputFiles("#program-file", path.join(fixtures, "lab-program.json"));
  await page.waitForSelector("#program-warnings", { state: "hidden" });
  assert.deepEqual(errors, []);
  await context.close();
});
