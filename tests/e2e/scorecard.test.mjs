// The self-assessment page in a real browser: filling a profile, tiers and plans changing,
// invalid entries, bad program files, export/import, links, drafts, language, keyboard use.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { AS_OF, artifacts, field, focused, open, setup } from "./helpers.mjs";

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

const tier = (card) => card.locator(".panel:not(.inactive) [data-testid=tier]");
const total = (card) => card.locator(".panel:not(.inactive) [data-testid=total]");
/** The plan part of the visible panel, once the worker has delivered it for the latest entry. */
async function plan(card) {
  const gaps = card.locator(".panel:not(.inactive) [data-testid=gaps][aria-busy=false]");
  await gaps.waitFor({ timeout: 20_000 });
  return gaps;
}

/** Classic reseller: 5 engineers (15) + growth 30% (10) + marketing plan (4) + 3 campaigns (3) + 10 deal registrations (8 × 10/20 = 4) = 36. */
async function fillTo36(card) {
  await field(card, "Partner agreement signed").check();
  await field(card, "Certified engineers").fill("5");
  await field(card, "Revenue growth (%)").fill("30");
  await field(card, "Joint marketing plan").check();
  await field(card, "Joint campaigns").fill("3");
  await field(card, "Deal registrations").fill("10");
}

async function addCert(card, kind, name) {
  await card.getByRole("button", { name: "Add certification" }).click();
  const row = card.locator("li.cert").last();
  await row.getByLabel("Kind", { exact: true }).selectOption(kind);
  await row.getByLabel("Certification", { exact: true }).fill(name);
}

test("filling a profile changes the tier, the checklist and the plan", async () => {
  const { page, card, errors } = await open(env);
  await assert.doesNotReject(card.locator("h2", { hasText: "Classic Reseller Program" }).waitFor());
  assert.equal(await tier(card).textContent(), "Not ranked yet");
  assert.equal(await total(card).textContent(), "0 of 100 points");

  await field(card, "Partner agreement signed").check();
  assert.equal(await tier(card).textContent(), "Registered");
  assert.match(await card.locator("[role=status]").textContent(), /Tier: Registered/);

  await fillTo36(card);
  assert.equal(await total(card).textContent(), "36 of 100 points");
  assert.equal(await tier(card).textContent(), "Registered");
  const next = await card.locator(".next").textContent();
  assert.match(next, /4 more points for Silver/);
  assert.match(next, /1 requirement still open for Silver/); // a plural rule, not "(s)"
  // Silver's checklist: the score and the two certifications are missing, the rest is met.
  const checklist = card.locator("[data-testid=checklist] li");
  assert.deepEqual(await checklist.evaluateAll((lis) => lis.map((li) => li.className)), ["unmet", "met", "unmet", "met"]);
  assert.match(await checklist.nth(2).textContent(), /At least 2 valid certifications.*you have 0, needed 2/);
  let gaps = await plan(card);
  assert.match(await gaps.locator("h3", { hasText: "Least-effort plan" }).textContent(), /to Silver/);
  assert.match(await gaps.locator("[data-testid=plan]").textContent(), /certification/i);

  // Two certifications: 2 × 2 = 4 more points, 40 in all, and Silver's requirements hold.
  await addCert(card, "technical", "Cloud Architect");
  await addCert(card, "sales", "Sales Professional");
  assert.equal(await total(card).textContent(), "40 of 100 points");
  assert.equal(await tier(card).textContent(), "Silver");
  assert.match(await card.locator("[role=status]").textContent(), /Tier: Silver/);
  gaps = await plan(card);
  assert.match(await gaps.locator("h3", { hasText: "Least-effort plan" }).textContent(), /to Gold/);
  assert.match(await card.locator("li[data-criterion=certs]").textContent(), /4 \/ 10/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("an invalid entry is marked at its field with the engine's reason, and the rest still scores", async () => {
  const { page, card } = await open(env);
  await field(card, "Certified engineers").fill("2");
  const csat = field(card, "Customer satisfaction (CSAT) (%)");
  await csat.fill("150");
  assert.equal(await csat.getAttribute("aria-invalid"), "true");
  const describedBy = (await csat.getAttribute("aria-describedby")).split(" ");
  const message = card.locator(`[id="${describedBy.at(-1)}"]`);
  assert.equal((await message.textContent()).trim(), '"csat" must be at most 100, found 150');
  assert.equal(await message.isVisible(), true);
  // The engineers still count (2 × 3 = 6); CSAT is left out until fixed.
  assert.equal(await total(card).textContent(), "6 of 100 points");
  await csat.fill("95");
  assert.equal(await csat.getAttribute("aria-invalid"), null);
  assert.equal(await total(card).textContent(), "16 of 100 points");
  // Text in a number box that is no number: marked, in the page's words, with an example.
  await field(card, "Certified engineers").fill("two");
  assert.equal(await field(card, "Certified engineers").getAttribute("aria-invalid"), "true");
  assert.equal((await card.locator("[data-field=certified_engineers] p.error").textContent()).trim(), "Enter a number as you write it, such as 1,234");
  await page.context().close();
});

test("a broken program file shows every error with its path, and the page stays usable", async () => {
  const { page, card } = await open(env);
  const broken = {
    format: 1,
    name: "Broken program",
    fields: [{ id: "engineers", label: "Engineers", type: "number" }],
    tiers: [{ id: "silver", label: "Silver", requires: [{ field: "certs", op: ">=", value: 1 }] }, { id: "gold" }],
  };
  await page.setInputFiles("#program-file", { name: "broken.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(broken)) });
  const status = card.locator(".status");
  await status.locator("li").first().waitFor();
  const text = await status.textContent();
  assert.match(text, /broken\.json/);
  assert.match(text, /tiers\[0\]\.requires\[0\]\.field: unknown field "certs"/);
  assert.match(text, /tiers\[1\]\.label: "label" is required/);
  assert.match(await page.locator("#page-status").textContent(), /cannot be used/);
  // The previous program still works...
  await field(card, "Certified engineers").fill("5");
  assert.equal(await total(card).textContent(), "15 of 100 points");
  // ...a file that is not JSON at all is reported too...
  await page.setInputFiles("#program-file", { name: "notes.json", mimeType: "application/json", buffer: Buffer.from("{ not json") });
  await card.locator(".status", { hasText: "notes.json" }).waitFor();
  assert.match(await status.textContent(), /not valid JSON/);
  // ...and picking a shipped program clears the errors.
  await page.selectOption("#program-select", "capability-100");
  await card.locator("h2", { hasText: "Solutions Partner Capability Score" }).waitFor();
  assert.equal(await status.isHidden(), true);
  await page.context().close();
});

test("export then import round-trips the profile exactly", async () => {
  const { page, card } = await open(env);
  await field(card, "Partner name").fill("Contoso GmbH");
  await fillTo36(card);
  await field(card, "Partner since").fill("2019-04-01");
  await field(card, "Market alignment").selectOption("high");
  await field(card, "Financial services").check();
  await field(card, "Healthcare").check();
  await addCert(card, "technical", "Cloud Architect");
  await card.locator("li.cert").last().getByLabel("Expires").fill("2027-01-31");
  await addCert(card, "specialist", "Security Specialist");
  const before = { total: await total(card).textContent(), tier: await tier(card).textContent() };

  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
  const file = path.join(artifacts, "exported-profile.json");
  await download.saveAs(file);
  const exported = fs.readFileSync(file, "utf8");
  const profile = JSON.parse(exported);
  // The file names the program it was written for (issue 15), then the profile as entered.
  assert.deepEqual(profile, {
    program: { id: "classic-reseller", version: "2026.1" },
    values: {
      agreement_signed: true,
      certified_engineers: 5,
      revenue_growth: 30,
      marketing_plan: true,
      joint_campaigns: 3,
      deal_registrations: 10,
      partner_since: "2019-04-01",
      market_alignment: "high",
      industries: ["healthcare", "finance"],
      certifications: [
        { kind: "technical", name: "Cloud Architect", expires: "2027-01-31" },
        { kind: "specialist", name: "Security Specialist" },
      ],
    },
    partner: "Contoso GmbH",
  });

  await page.click("#forget");
  assert.equal(await field(card, "Certified engineers").inputValue(), "");
  assert.equal(await tier(card).textContent(), "Not ranked yet");

  await page.setInputFiles("#import-file", file);
  await card.locator("li.cert").nth(1).waitFor();
  assert.equal(await field(card, "Certified engineers").inputValue(), "5");
  assert.equal(await field(card, "Partner name").inputValue(), "Contoso GmbH");
  assert.equal(await field(card, "Financial services").isChecked(), true);
  assert.equal(await card.locator("li.cert").first().getByLabel("Expires").inputValue(), "2027-01-31");
  assert.deepEqual({ total: await total(card).textContent(), tier: await tier(card).textContent() }, before);
  const [again] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
  assert.equal(fs.readFileSync(await again.path(), "utf8"), exported);
  await page.context().close();
});

test("copy link puts the profile in the fragment and opening the link restores it", async () => {
  const { page, card } = await open(env, `?as_of=${AS_OF}`);
  await page.selectOption("#program-select", "multi-track");
  await card.locator("h2", { hasText: "Cloud Partner Network" }).waitFor();
  await field(card, "Region").selectOption("growth");
  await field(card, "Referral").uncheck();
  await field(card, "New customers").fill("4");
  await page.click("#copy-link");
  const link = await page.inputValue("#share-link");
  const url = new URL(link);
  assert.equal(url.search, `?as_of=${AS_OF}`);
  assert.equal(new URLSearchParams(url.hash.slice(1)).get("program"), "multi-track");
  assert.deepEqual(JSON.parse(new URLSearchParams(url.hash.slice(1)).get("profile")), {
    values: { new_customers: 4 },
    region: "growth",
    tracks: ["reseller", "managed_services"],
  });
  const other = await open(env, link.slice(env.url.length));
  assert.equal(await other.page.inputValue("#program-select"), "multi-track");
  assert.equal(await field(other.card, "New customers").inputValue(), "4");
  assert.equal(await field(other.card, "Region").inputValue(), "growth");
  assert.equal(await field(other.card, "Referral").isChecked(), false);
  assert.deepEqual(await other.card.getByRole("tab").allTextContents(), await card.getByRole("tab").allTextContents());
  await other.context.close();
  await page.context().close();
});

test("a draft is kept only after opting in, and forget my data clears it", async () => {
  const { page, card, context } = await open(env);
  await field(card, "Certified engineers").fill("3");
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
  await page.check("#keep-draft");
  await field(card, "Certified engineers").fill("4");
  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName("scorecard:first-score").length > 0);
  assert.equal(await field(card, "Certified engineers").inputValue(), "4");
  assert.equal(await page.isChecked("#keep-draft"), true);
  await page.click("#forget");
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
  assert.equal(await field(card, "Certified engineers").inputValue(), "");
  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName("scorecard:first-score").length > 0);
  assert.equal(await field(card, "Certified engineers").inputValue(), "");
  await context.close();
});

test("labels in the browser's language when the program has it; numbers and dates for the locale", async () => {
  const { page, card, context } = await open(env, `?as_of=${AS_OF}`, { locale: "de-DE" });
  await field(card, "Jahresumsatz (EUR)").fill("1234567");
  assert.match(await card.locator(".as-of").textContent(), /25\.11\.2026/);
  assert.match(await card.locator("[data-field=annual_revenue] output").textContent(), /^1\.234\.567\s€$/);
  assert.equal(await page.inputValue("#lang-select"), "de");
  assert.equal(await card.locator(".section > legend").nth(1).textContent(), "Unternehmen");
  // Switching the language by hand.
  await page.selectOption("#lang-select", "en");
  await card.getByLabel("Annual revenue (EUR)", { exact: true }).waitFor();
  await context.close();
});

test("every control has a label, and the page works with the keyboard alone", async () => {
  const { page, card, context } = await open(env);
  const unlabelled = await page.evaluate(() => {
    const roots = [document, document.querySelector("partner-scorecard").shadowRoot];
    const out = [];
    for (const r of roots) {
      for (const el of r.querySelectorAll("input:not([type=hidden]):not([aria-hidden=true]), select, button")) {
        const name = el.labels?.length ? el.labels[0].textContent : el.getAttribute("aria-label") || (el.tagName === "BUTTON" ? el.textContent : "");
        if (!name.trim()) out.push(el.outerHTML.slice(0, 80));
      }
    }
    return out;
  });
  assert.deepEqual(unlabelled, []);

  // Tab from the top of the page to the agreement checkbox and tick it with Space.
  const seen = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    seen.push(f.label);
    if (f.label === "Partner agreement signed") break;
  }
  assert.equal(seen.at(-1), "Partner agreement signed", `focus went through: ${seen.join(" | ")}`);
  await page.keyboard.press("Space");
  assert.equal(await tier(card).textContent(), "Registered");
  // On to "Years in business" and "Partner since", then type a number into Annual revenue... (Tab order follows the form).
  await page.keyboard.press("Tab");
  assert.equal((await focused(page)).label, "Years in business (years)");
  await page.keyboard.type("12");
  assert.equal(await field(card, "Years in business (years)").inputValue(), "12");

  // Choose another program with the keyboard, then move between track tabs with arrow keys.
  await page.focus("#program-select");
  await page.keyboard.press("ArrowDown");
  await card.locator("h2", { hasText: "Cloud Partner Network" }).waitFor();
  await card.getByRole("tab").first().focus();
  assert.equal(await card.getByRole("tab").first().getAttribute("aria-selected"), "true");
  await page.keyboard.press("ArrowRight");
  const second = card.getByRole("tab").nth(1);
  assert.equal(await second.getAttribute("aria-selected"), "true");
  assert.equal((await focused(page)).role, "tab");
  assert.equal(await card.locator(".panel:not(.inactive)").getAttribute("data-track"), "managed_services");
  await page.keyboard.press("End");
  assert.equal(await card.locator(".panel:not(.inactive)").getAttribute("data-track"), "referral");
  // Adding and removing a certification row by keyboard.
  await card.getByRole("button", { name: "Add certification" }).focus();
  await page.keyboard.press("Enter");
  assert.equal((await focused(page)).label, "Kind");
  await card.getByRole("button", { name: "Remove certification 1" }).focus();
  await page.keyboard.press("Enter");
  assert.equal((await focused(page)).label, "Add certification");
  assert.equal(await card.locator("li.cert").count(), 0);
  await context.close();
});

test("a same-origin program URL given as ?program= opens that program", async () => {
  const { page, card, context } = await open(env, `?as_of=${AS_OF}&program=programs/capability-100.json`);
  await card.locator("h2", { hasText: "Solutions Partner Capability Score" }).waitFor();
  assert.match(await page.locator("#program-select option:checked").textContent(), /capability-100\.json \(from the link\)/);
  assert.equal(await field(card, "Net customer adds").count(), 1);
  await context.close();
});

test("a checklist program (no criteria) says there is no score, not 0 of 0", async () => {
  const { card, context } = await open(env, `?as_of=${AS_OF}`);
  await card.evaluate((el) =>
    el.loadProgram({
      format: 1, id: "checklist", name: "Checklist",
      fields: [{ id: "signed", label: "Agreement signed", type: "boolean" }],
      tiers: [{ id: "member", label: "Member", requires: [{ field: "signed", op: "=", value: true }] }],
    }),
  );
  await field(card, "Agreement signed").check();
  await tier(card).filter({ hasText: "Member" }).waitFor();
  assert.equal(await total(card).textContent(), "No score: each tier is reached by its requirements");
  // No "Score by criterion" heading over an empty list (there once was).
  assert.equal(await card.locator(".panel:not(.inactive) h3", { hasText: "Score by criterion" }).count(), 0);
  assert.equal(await card.locator(".panel:not(.inactive) ul.criteria").count(), 0);
  await context.close();
});

test("the partner's answer needs only the lite module; the full one with plans is fetched after it", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const wasm = [];
  context.on("request", (r) => {
    if (r.url().endsWith(".wasm")) wasm.push({ url: new URL(r.url()).pathname, at: Date.now() });
  });
  await page.goto(`${env.url}?as_of=${AS_OF}`);
  const card = page.locator("partner-scorecard");
  await plan(card);
  const firstScoreAt = await page.evaluate(() => performance.timeOrigin + performance.getEntriesByName("scorecard:first-score")[0].startTime);
  assert.deepEqual(wasm.map((w) => w.url), ["/pkg/lite/partner_scorecard_bg.wasm", "/pkg/partner_scorecard_bg.wasm"]);
  assert.ok(wasm[1].at >= firstScoreAt, `the full module was requested ${firstScoreAt - wasm[1].at} ms before the first score`);
  await context.close();
});

test("the print view shows the scorecard of every track and hides the form and controls", async () => {
  const { page, card, context } = await open(env);
  await page.selectOption("#program-select", "multi-track");
  await card.locator("h2", { hasText: "Cloud Partner Network" }).waitFor();
  // The title shows as soon as the program is read; the scores of its three tracks follow
  // (a full, loaded run once printed while the results were still empty).
  await card.locator(".panel").nth(2).waitFor({ state: "attached" });
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator(".controls").isVisible(), false);
  assert.equal(await card.locator("form").isVisible(), false);
  assert.equal(await card.locator(".panel").evaluateAll((ps) => ps.filter((p) => p.getBoundingClientRect().height > 0).length), 3);
  assert.deepEqual(await card.locator("h2.print-only").allTextContents(), ["Reseller", "Managed services", "Referral"]);
  await page.emulateMedia({ media: "screen" });
  // The element re-renders when the plan worker answers; read the settled page, not a moment
  // inside a render (this once read 0 in a full, loaded run).
  const visiblePanels = () => card.locator(".panel").evaluateAll((ps) => ps.filter((p) => p.getBoundingClientRect().height > 0).length);
  let visible = await visiblePanels();
  for (let tries = 0; visible !== 1 && tries < 50; tries++) {
    await page.waitForTimeout(100);
    visible = await visiblePanels();
  }
  assert.equal(visible, 1);
  await context.close();
});

test("a tier held today is kept by grace, and the page says until when and what it would be without", async () => {
  const { page, card, errors } = await open(env);
  await fillTo36(card);
  await addCert(card, "technical", "Cloud Architect");
  await addCert(card, "sales", "Sales Professional");
  assert.equal(await tier(card).textContent(), "Silver");
  // The classic program keeps a tier 90 days after the partner falls short: short since
  // 2026-11-01 + 90 days = 2027-01-30, and the evaluation date is 2026-11-25.
  await card.getByLabel("Tier", { exact: true }).selectOption("gold");
  await card.getByLabel("Fell short on (if known)", { exact: true }).fill("2026-11-01");
  assert.equal(await tier(card).textContent(), "Gold");
  const panel = card.locator(".panel:not(.inactive)");
  // The date in the locale's words (the engine's English says 2027-01-30).
  assert.match(await panel.textContent(), /Gold held by grace until Jan 30, 2027; without it: Silver/);
  const profile = await card.evaluate((el) => el.profile);
  assert.deepEqual(profile.current_tiers, [{ tier: "gold", short_since: "2026-11-01" }]);
  // Clearing the held tier returns to the tier earned.
  await card.getByLabel("Tier", { exact: true }).selectOption("");
  assert.equal(await tier(card).textContent(), "Silver");
  assert.equal((await card.evaluate((el) => el.profile)).current_tiers, undefined);
  assert.deepEqual(errors, []);
  await page.context().close();
});
