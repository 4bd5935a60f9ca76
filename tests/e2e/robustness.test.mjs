// Issue 11 in the browser: the inputs that once locked up the module, run through the web
// package in headless Chromium (the same cases as tests/pkg.mjs runs in Node, from
// tests/robustness.mjs); then the pages recovering from a trapped instance, share links that
// never overwrite a draft, and a lab export that is safe to open in a spreadsheet.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { AS_OF, field, firstScore, loadLabFixture, open, openLab, root, setup } from "./helpers.mjs";

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

test("every input that once locked up the module is refused or bounded, and the module keeps working", async () => {
  // The suite is evaluated as text (it uses only its arguments), which the page's CSP forbids.
  const context = await env.browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${env.url}embed.html`);
  const source = fs.readFileSync(path.join(root, "tests/robustness.mjs"), "utf8").replace("export async function", "async function");
  const classic = fs.readFileSync(path.join(root, "www/programs/classic-reseller.json"), "utf8");
  const passed = await page.evaluate(
    async ({ source, classic }) => {
      const robustness = new Function(`${source}\nreturn robustness;`)();
      const api = await import("/pkg/partner_scorecard.js");
      await api.default();
      const names = [];
      await robustness(api, { classic }, async (name, fn) => {
        await fn();
        names.push(name);
      });
      return names;
    },
    { source, classic },
  );
  assert.equal(passed.length, 11, passed.join("\n"));
  await context.close();
});

/** The draft this browser keeps for the classic program, as stored. */
async function storedDraft(page) {
  return page.evaluate(() => JSON.parse(localStorage.getItem("partner-scorecard:draft:classic-reseller") ?? "null"));
}

test("a shared link opens as a separate, unsaved profile: the kept draft is untouched until the partner keeps it", async () => {
  const { page, context, card, errors } = await open(env);
  await page.check("#keep-draft");
  await field(card, "Certified engineers").fill("4");
  await page.waitForFunction(() => JSON.parse(localStorage.getItem("partner-scorecard:draft:classic-reseller") ?? "{}")?.values?.certified_engineers === 4);

  // A crafted link with another profile.
  const link = (engineers) => `?as_of=${AS_OF}#program=classic-reseller&profile=${encodeURIComponent(JSON.stringify({ values: { certified_engineers: engineers } }))}`;
  await page.goto(env.url + link(9));
  await firstScore(page);
  assert.equal(await field(card, "Certified engineers").inputValue(), "9");
  assert.match(await page.textContent("#opened-text"), /profile from the link\. It is not saved, and your draft on this device is unchanged/);
  await field(card, "Certified engineers").fill("10"); // editing it saves nothing either
  await page.waitForTimeout(200);
  assert.equal((await storedDraft(page)).values.certified_engineers, 4);

  // Back to my entries: the draft, and no link in the address bar.
  await page.click("#drop-opened");
  assert.equal(await field(card, "Certified engineers").inputValue(), "4");
  assert.equal(await page.isHidden("#opened-notice"), true);
  assert.equal(await page.evaluate(() => location.hash), "");

  // Opened again and kept: now it is the draft.
  await page.goto(env.url + link(7));
  await firstScore(page);
  await page.click("#keep-opened");
  await page.waitForFunction(() => JSON.parse(localStorage.getItem("partner-scorecard:draft:classic-reseller") ?? "{}")?.values?.certified_engineers === 7);
  assert.match(await page.textContent("#page-status"), /now your draft on this device/);

  // A link beyond 64 KB is refused with a message; the draft is what was kept.
  await page.goto(env.url + link(5) + "&pad=" + "x".repeat(70_000));
  await firstScore(page);
  assert.match(await page.textContent("#page-status"), /This link is too large to open \(68 KB; links of at most 64 KB are opened\)/);
  assert.equal(await field(card, "Certified engineers").inputValue(), "7");
  assert.equal((await storedDraft(page)).values.certified_engineers, 7);
  assert.deepEqual(errors, []);
  await context.close();
});

test("an imported profile is not saved over the draft until it is kept", async () => {
  const { page, context, card } = await open(env);
  await page.check("#keep-draft");
  await field(card, "Certified engineers").fill("3");
  await page.waitForFunction(() => JSON.parse(localStorage.getItem("partner-scorecard:draft:classic-reseller") ?? "{}")?.values?.certified_engineers === 3);
  await page.setInputFiles("#import-file", { name: "other.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ values: { certified_engineers: 8 } })) });
  await page.waitForFunction(() => !document.getElementById("opened-notice").hidden);
  assert.equal(await field(card, "Certified engineers").inputValue(), "8");
  assert.match(await page.textContent("#opened-text"), /profile from other\.json/);
  assert.equal((await storedDraft(page)).values.certified_engineers, 3);
  await page.click("#keep-opened");
  await page.waitForFunction(() => JSON.parse(localStorage.getItem("partner-scorecard:draft:classic-reseller") ?? "{}")?.values?.certified_engineers === 8);
  await context.close();
});

test("after a trap in the page's engine or in the plan worker, the scorecard says so and works on", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  // The worker as shipped, plus one simulated trap on its first gap analysis (a trap cannot
  // be caused by any input any more: the engine bounds its work).
  const worker = fs.readFileSync(path.join(root, "www/gaps-worker.mjs"), "utf8");
  await context.route("**/gaps-worker.mjs", (route) =>
    route.fulfill({
      contentType: "text/javascript",
      body: `${worker}\nconst realGaps = Scorecard.prototype.gaps;\nScorecard.prototype.gaps = function () { Scorecard.prototype.gaps = realGaps; throw new WebAssembly.RuntimeError("unreachable (simulated)"); };\n`,
    }),
  );
  const page = await context.newPage();
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(`${env.url}?as_of=${AS_OF}`);
  await firstScore(page);
  const card = page.locator("partner-scorecard");
  const gaps = card.locator("[data-testid=gaps]");
  // The first plan request trapped: the worker restarted its instance and said so.
  await card.locator("[data-testid=plan-error]").waitFor();
  assert.match(await card.locator("[data-testid=plan-error]").textContent(), /engine stopped on this input and was restarted.*unreachable \(simulated\)/);
  // The next input gets a plan again.
  await field(card, "Certified engineers").fill("2");
  await gaps.locator("[data-testid=plan]").waitFor();

  // A trap in the element's own instance (main thread, the lite module): message, then
  // scoring goes on.
  await page.evaluate(async () => {
    const { Scorecard } = await import("/pkg/lite/partner_scorecard.js");
    const real = Scorecard.prototype.evaluate;
    Scorecard.prototype.evaluate = function () {
      Scorecard.prototype.evaluate = real;
      throw new WebAssembly.RuntimeError("unreachable (simulated)");
    };
  });
  await field(card, "Certified engineers").fill("3");
  await card.locator(".problem[role=alert]").waitFor();
  assert.match(await card.locator(".problem[role=alert]").textContent(), /engine stopped on this input and was restarted; your entries are kept/);
  await field(card, "Certified engineers").fill("4");
  await gaps.locator("[data-testid=plan]").waitFor();
  assert.equal(await field(card, "Certified engineers").inputValue(), "4");
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test("the lab recovers from a trapped instance: it says so, unloads the base and works with the next file", async () => {
  const { page, context, errors } = await openLab(env);
  const fixtures = path.join(root, "tests/e2e/fixtures");
  await loadLabFixture(page);

  // One simulated trap (out of memory, say) on the next segmentation.
  await page.evaluate(async () => {
    const { Lab } = await import("/pkg/lab/partner_scorecard.js");
    const real = Lab.prototype.segment;
    Lab.prototype.segment = function () {
      Lab.prototype.segment = real;
      throw new WebAssembly.RuntimeError("unreachable (simulated)");
    };
  });
  await page.locator("#tier-gold").fill("60");
  await page.waitForFunction(() => /engine stopped/.test(document.getElementById("status").textContent));
  assert.match(await page.textContent("#status"), /The engine stopped \(unreachable \(simulated\)\) and was restarted\. The partner base was unloaded/);
  // The results (and their export button) are gone with the base.
  assert.equal(await page.isHidden("#results"), true);

  // The next file works in the fresh instance.
  await page.setInputFiles("#csv-file", { name: "again.csv", mimeType: "text/csv", buffer: fs.readFileSync(path.join(fixtures, "lab-partners.csv")) });
  await page.waitForFunction(() => /8 rows/.test(document.getElementById("status").textContent));
  assert.equal(await page.isVisible("#results"), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the lab's CSV export neutralizes cells a spreadsheet would run as formulas", async () => {
  const { page, context } = await openLab(env);
  let csv = fs.readFileSync(path.join(root, "tests/e2e/fixtures/lab-partners.csv"), "utf8");
  const payloads = { Alder: '=HYPERLINK("http://x","y")', Cobalt: "=1+1", Delta: "+cmd|' /C calc'!A0", Granite: "@SUM(1+1)" };
  for (const [name, payload] of Object.entries(payloads)) csv = csv.replace(`\n${name},`, `\n"${payload.replaceAll('"', '""')}",`);
  await loadLabFixture(page, { name: "crafted.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-csv")]);
  const exported = fs.readFileSync(await download.path(), "utf8");
  for (const payload of Object.values(payloads)) {
    assert.ok(exported.includes(`\r\n"'${payload.replaceAll('"', '""')}",`), `${payload} is exported as text: ${exported}`);
  }
  for (const line of exported.split("\r\n").slice(1, -1)) {
    assert.doesNotMatch(line, /(^|,)[=+@]/, `no cell starts a formula: ${line}`);
  }
  await context.close();
});
