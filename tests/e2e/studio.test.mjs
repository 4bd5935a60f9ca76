// The program studio (www/studio.html) in a real browser, used as a program manager would:
// an invalid edit shows the engine's error at its control, undo and redo, each shipped program
// edited, saved, opened again and compared, a broken file refused with the program kept, a
// draft kept only with consent, accessibility, and no network request after the page loads.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { artifacts, axeViolations, root, setup } from "./helpers.mjs";

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

/** Opens the studio (on `program`, or empty) and waits until it is ready. */
async function openStudio(query = "program=classic-reseller", contextOptions = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, ...contextOptions });
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(`${env.url}studio.html?${/(^|&)lang=/.test(query) ? "" : "lang=en&"}${query}`);
  await page.waitForFunction(() => performance.getEntriesByName("studio:ready").length > 0, null, { timeout: 15_000 });
  await page.waitForFunction(() => performance.getEntriesByName("studio:previewed").length > 0, null, { timeout: 15_000 });
  return { page, context, errors, requests, loaded: requests.length };
}

/** Opens a section of the form and an item of its list (by path), as a person clicks them. */
async function reveal(page, sectionPath, itemPath = null) {
  const section = page.locator(`details.section[data-path="${sectionPath}"]`);
  if (!(await section.evaluate((d) => d.open))) await section.locator(":scope > summary").click();
  if (itemPath) {
    const toggle = page.locator(`.item[data-path="${itemPath}"] > .item-head > button.toggle`);
    if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  }
}

const control = (page, p) => page.locator(`#form :is(input, select, textarea)[data-path="${p}"]`).first();

/** The program being edited, as the page holds it (through its Save: the file a manager gets). */
async function saved(page) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#save")]);
  const file = path.join(artifacts, `studio-${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(file);
  return { file, text: fs.readFileSync(file, "utf8") };
}

test("an invalid edit shows the engine's error at its control, and the fix clears it", async () => {
  const { page, context, errors } = await openStudio();
  await reveal(page, "tiers", "tiers[2]");
  const minimum = control(page, "tiers[2].min_score");
  await minimum.fill("-5");
  const at = page.locator('#form p.error[data-error-for="tiers[2].min_score"]');
  await at.waitFor();
  assert.match(await at.textContent(), /must not be negative, found -5/);
  assert.equal(await minimum.getAttribute("aria-invalid"), "true");
  // The error is read with the control.
  const described = (await minimum.getAttribute("aria-describedby")).split(" ");
  assert.ok(described.includes(await at.getAttribute("id")));
  assert.match(await page.textContent("#problems"), /The program has 2 problems/);
  assert.match(await page.textContent("#preview-state"), /last valid program/);
  // A link in the list of problems brings the control back.
  await reveal(page, "tiers");
  await page.locator("#problems button", { hasText: "tiers[2].min_score" }).first().click();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("data-path")), "tiers[2].min_score");
  await minimum.fill("65");
  await page.locator("#problems").waitFor({ state: "hidden" });
  assert.equal(await minimum.getAttribute("aria-invalid"), null);
  assert.equal(await at.isHidden(), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test("what changed since the program was opened, in words, each leading to its control", async () => {
  const { page, context } = await openStudio("program=classic-reseller&lang=de");
  assert.match(await page.textContent("#changes"), /Seit dem Öffnen|nichts|Nichts/i);
  await reveal(page, "tiers", "tiers[2]");
  await control(page, "tiers[2].min_score").fill("65");
  await reveal(page, "tiers");
  await page.locator('button[data-action="remove"][data-for="tiers[3]"]').click();
  await page.waitForFunction(() => document.querySelectorAll("#changes li").length === 2);
  const items = await page.locator("#changes li").allTextContents();
  assert.match(items[0], /Gold.*60 → 65/);
  assert.match(items[1], /Platin/);
  // Undone, the removal leaves the list; a change listed leads to its control.
  await page.click("#undo");
  await page.waitForFunction(() => document.querySelectorAll("#changes li").length === 1);
  await page.locator("#changes li button").first().click();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("data-path")), "tiers[2].min_score");
  await context.close();
});

test("a requirement's value is entered as its field's kind of value, not as JSON", async () => {
  const { page, context } = await openStudio();
  await reveal(page, "tiers", "tiers[2]");
  await page.locator('.item[data-path="tiers[2].requires[0]"] > .item-head > button.toggle').click();
  // Partner agreement signed: yes or no.
  const value = control(page, "tiers[2].requires[0].value");
  assert.equal(await value.evaluate((e) => e.tagName), "SELECT");
  assert.equal(await value.inputValue(), "true");
  // Another field: the value becomes a number.
  await control(page, "tiers[2].requires[0].field").selectOption("certified_engineers");
  await control(page, "tiers[2].requires[0].value").fill("4");
  // Several options of a multi-choice field, ticked.
  await control(page, "tiers[2].requires[0].field").selectOption("industries");
  await control(page, "tiers[2].requires[0].op").selectOption("includes");
  const boxes = page.locator('[data-path="tiers[2].requires[0].value"] input[type="checkbox"]');
  assert.ok((await boxes.count()) >= 2);
  await boxes.nth(1).check();
  await boxes.nth(0).check();
  await page.locator("#problems").waitFor({ state: "hidden" });
  const { text } = await saved(page);
  const requirement = JSON.parse(text).tiers[2].requires[0];
  const industries = JSON.parse(fs.readFileSync(path.join(root, "www/programs/classic-reseller.json"), "utf8")).fields.find((f) => f.id === "industries").options.map((o) => o.id);
  assert.deepEqual(requirement, { field: "industries", op: "includes", value: industries.slice(0, 2) });
  await context.close();
});

test("undo and redo step through edits, by button and by keyboard", async () => {
  const { page, context } = await openStudio();
  await reveal(page, "tiers", "tiers[2]");
  const label = control(page, "tiers[2].label");
  await label.fill("Gold Plus");
  await reveal(page, "tiers", "tiers[3]");
  await control(page, "tiers[3].min_score").fill("85");
  await page.click("#undo");
  assert.equal(await control(page, "tiers[3].min_score").inputValue(), "80");
  assert.equal(await control(page, "tiers[2].label").inputValue(), "Gold Plus");
  await page.click("#undo");
  assert.equal(await control(page, "tiers[2].label").inputValue(), "Gold");
  assert.equal(await page.isDisabled("#undo"), true);
  await page.click("#redo");
  assert.equal(await control(page, "tiers[2].label").inputValue(), "Gold Plus");
  // Ctrl+Z and Ctrl+Shift+Z from anywhere on the page.
  await page.locator("h1").click();
  await page.keyboard.press("Control+Z");
  assert.equal(await control(page, "tiers[2].label").inputValue(), "Gold");
  await page.keyboard.press("Control+Shift+Z");
  await page.keyboard.press("Control+Shift+Z");
  assert.equal(await control(page, "tiers[3].min_score").inputValue(), "85");
  // A new edit after undoing clears what could be redone.
  await page.click("#undo");
  await control(page, "tiers[2].label").fill("Gilded");
  assert.equal(await page.isDisabled("#redo"), true);
  await context.close();
});

test("a tier duplicated, moved by keyboard and removed, with undo bringing it back", async () => {
  const { page, context } = await openStudio();
  await reveal(page, "tiers");
  const names = () => page.locator('.list[data-path="tiers"] > .item > .item-head .item-name').allTextContents();
  assert.deepEqual(await names(), ["Registered", "Silver", "Gold", "Platinum"]);
  await page.locator('button[data-action="duplicate"][data-for="tiers[2]"]').click();
  assert.deepEqual(await names(), ["Registered", "Silver", "Gold", "Gold", "Platinum"]);
  // The copy gets an id of its own; the engine reads the program (two tiers may share a minimum).
  assert.equal(await control(page, "tiers[3].id").inputValue(), "gold_copy");
  // Moved down with the keyboard: focus stays on the moved item's button.
  await page.locator('button[data-action="down"][data-for="tiers[3]"]').focus();
  await page.keyboard.press("Enter");
  assert.deepEqual(await names(), ["Registered", "Silver", "Gold", "Platinum", "Gold"]);
  await page.locator('button[data-action="remove"][data-for="tiers[4]"]').click();
  assert.deepEqual(await names(), ["Registered", "Silver", "Gold", "Platinum"]);
  await page.click("#undo");
  assert.deepEqual(await names(), ["Registered", "Silver", "Gold", "Platinum", "Gold"]);
  // Dragged by its head onto another item: put in that item's place.
  await page.evaluate(() => {
    const from = document.querySelector('.item[data-path="tiers[4]"]');
    const to = document.querySelector('.item[data-path="tiers[1]"] > .item-head');
    const dataTransfer = new DataTransfer();
    from.dispatchEvent(new DragEvent("dragstart", { bubbles: true, dataTransfer }));
    to.dispatchEvent(new DragEvent("dragover", { bubbles: true, cancelable: true, dataTransfer }));
    to.dispatchEvent(new DragEvent("drop", { bubbles: true, cancelable: true, dataTransfer }));
  });
  assert.deepEqual(await names(), ["Registered", "Gold", "Silver", "Gold", "Platinum"]);
  await context.close();
});

/** One edit of each kind a form has, on a shipped program: what the saved file must then hold. */
const edits = {
  "classic-reseller": async (page) => {
    await reveal(page, "tiers", "tiers[1]");
    await control(page, "tiers[1].min_score").fill("42.5"); // a number
    await control(page, "tiers[1].label.de").fill("Silber+"); // a translation
    await reveal(page, "criteria", "criteria[0]");
    await control(page, "criteria[0].category").selectOption("capability"); // a reference to another part
    return (p) => {
      p.tiers[1].min_score = 42.5;
      p.tiers[1].label.de = "Silber+";
      p.criteria[0].category = "capability";
    };
  },
  "multi-track": async (page) => {
    await reveal(page, "regions", "regions[0]");
    await control(page, "regions[0].help").fill("Young markets"); // a text in a region
    await reveal(page, "categories");
    await page.locator('button[data-action="down"][data-for="categories[0]"]').click(); // a reorder
    return (p) => {
      p.regions[0].help = "Young markets";
      p.categories.splice(1, 0, p.categories.shift());
    };
  },
  "capability-100": async (page) => {
    await reveal(page, "tiers", "tiers[1]");
    const before = await page.locator('[data-path="tiers[1].benefits"] .item').count();
    await page.locator('button[data-action="add"][data-for="tiers[1].benefits"]').click(); // an added list item
    await page.locator(`#form input[data-path="tiers[1].benefits[${before}]"]`).fill("Early access");
    return (p) => {
      p.tiers[1].benefits = [...(p.tiers[1].benefits ?? []), "Early access"];
    };
  },
};

for (const [name, editKinds] of Object.entries(edits)) {
  test(`${name}: edited through the forms, saved, opened again: the same program`, async () => {
    const { page, context, errors } = await openStudio(`program=${name}`);
    const expect = JSON.parse(fs.readFileSync(path.join(root, "www/programs", `${name}.json`), "utf8"));
    const apply = await editKinds(page);
    apply(expect);
    await page.waitForFunction(() => document.getElementById("problems").hidden);
    const { file, text } = await saved(page);
    // Readable: two-space indents, the schema first, a final newline.
    assert.match(text, /^\{\n {2}"\$schema": "\.\.\/\.\.\/schema\/program\.schema\.json",\n {2}"format": 1,\n/);
    assert.ok(text.endsWith("}\n"));
    assert.deepEqual(JSON.parse(text), expect);
    // Opened again in a fresh studio: the same document, valid, nothing changed since opening.
    const again = await openStudio("");
    await again.page.setInputFiles("#open-file", file);
    await again.page.waitForFunction(() => /Opened/.test(document.getElementById("status").textContent));
    const { text: resaved } = await saved(again.page);
    assert.equal(resaved, text);
    assert.equal(await again.page.isHidden("#problems"), true);
    assert.deepEqual(errors, []);
    await again.context.close();
    await context.close();
  });
}

/** Adds an item to a list (adding the list first when the setting is absent); the new item opens. */
async function addItem(page, listPath) {
  if ((await page.locator(`.list[data-path="${listPath}"]`).count()) === 0) await page.locator(`.row.optional[data-path="${listPath}"] > button[data-action="add"]`).click();
  await page.locator(`.list[data-path="${listPath}"] > button[data-action="add"]`).click();
}

/** Adds a translation in `lang` to the text at `path`. */
async function translate(page, path, lang, text) {
  const box = page.locator(`button[data-action="translate"][data-for="${path}"]`).locator("..");
  await box.locator("input").fill(lang);
  await box.locator("button").click();
  await control(page, `${path}.${lang}`).fill(text);
}

/** Adds an entry for `key` to a keyed set of changes (a track's criteria). */
async function addEntry(page, mapPath, key) {
  if ((await page.locator(`.map[data-path="${mapPath}"]`).count()) === 0) await page.locator(`.row.optional[data-path="${mapPath}"] > button[data-action="add"]`).click();
  const row = page.locator(`.map[data-path="${mapPath}"] > .add-row`);
  await row.locator("select, input").first().selectOption(key);
  await row.locator("button").click();
}

test("the README's small complete program, built from an empty studio through the forms alone", async () => {
  const { page, context, errors } = await openStudio("");
  const fill = (p, v) => control(page, p).fill(String(v));
  const choose = (p, v) => control(page, p).selectOption(v);
  await fill("id", "mini");
  await fill("name", "Mini program");
  await translate(page, "name", "de", "Mini-Programm");
  await fill("currency", "EUR");
  await reveal(page, "retention");
  await page.locator('select[data-action="kind"][data-for="retention"]').selectOption({ label: "Grace days" });
  await fill("retention.grace_days", 90);

  await reveal(page, "fields");
  await addItem(page, "fields");
  await fill("fields[0].id", "revenue");
  await fill("fields[0].label", "Annual revenue");
  await fill("fields[0].min", 0);
  await fill("fields[0].unit", "EUR");
  await addItem(page, "fields");
  await fill("fields[1].id", "certs");
  await fill("fields[1].label", "Certifications");
  await choose("fields[1].type", "certifications");
  for (const [i, id, label] of [[0, "sales", "Sales"], [1, "technical", "Technical"]]) {
    await addItem(page, "fields[1].kinds");
    await fill(`fields[1].kinds[${i}].id`, id);
    await fill(`fields[1].kinds[${i}].label`, label);
  }
  await addItem(page, "fields");
  await fill("fields[2].id", "fit");
  await fill("fields[2].label", "Market alignment");
  await choose("fields[2].type", "choice");
  for (const [i, id, label] of [[0, "low", "Low"], [1, "high", "High"]]) {
    await addItem(page, "fields[2].options");
    await fill(`fields[2].options[${i}].id`, id);
    await fill(`fields[2].options[${i}].label`, label);
  }

  await reveal(page, "categories");
  for (const [i, id, label] of [[0, "performance", "Performance"], [1, "capability", "Capability"], [2, "fit", "Strategic fit"]]) {
    await addItem(page, "categories");
    await fill(`categories[${i}].id`, id);
    await fill(`categories[${i}].label`, label);
  }

  await reveal(page, "criteria");
  const criterion = async (i, id, label, category, fieldId, type) => {
    await addItem(page, "criteria");
    await fill(`criteria[${i}].id`, id);
    await fill(`criteria[${i}].label`, label);
    await choose(`criteria[${i}].category`, category);
    await choose(`criteria[${i}].field`, fieldId);
    await choose(`criteria[${i}].rule.type`, type);
  };
  await criterion(0, "revenue", "Revenue", "performance", "revenue", "log");
  await fill("criteria[0].rule.points", 50);
  await fill("criteria[0].rule.target", 1000000);
  await criterion(1, "certs", "Certifications", "capability", "certs", "certifications");
  await fill("criteria[1].rule.per", 10);
  await fill("criteria[1].rule.cap", 40);
  await criterion(2, "fit", "Market alignment", "fit", "fit", "options");
  for (const [option, points] of [["low", 0], ["high", 10]]) {
    await addEntry(page, "criteria[2].rule.points", option);
    await fill(`criteria[2].rule.points.${option}`, points);
  }

  await reveal(page, "tiers");
  await addItem(page, "tiers");
  await fill("tiers[0].id", "silver");
  await fill("tiers[0].label", "Silver");
  await translate(page, "tiers[0].label", "de", "Silber");
  await fill("tiers[0].min_score", 40);
  await addItem(page, "tiers");
  await fill("tiers[1].id", "gold");
  await fill("tiers[1].label", "Gold");
  await fill("tiers[1].min_score", 70);
  await addItem(page, "tiers[1].requires");
  await page.locator('select[data-action="kind"][data-for="tiers[1].requires[0]"]').selectOption({ label: "Certifications requirement" });
  await choose("tiers[1].requires[0].certifications", "certs");
  await fill("tiers[1].requires[0].min", 3);
  await page.locator('.row.optional[data-path="tiers[1].requires[0].of_which"] > button').click();
  await addItem(page, "tiers[1].requires[0].of_which.kinds");
  await fill("tiers[1].requires[0].of_which.kinds[0]", "technical");
  await fill("tiers[1].requires[0].of_which.min", 1);

  await reveal(page, "tracks");
  await addItem(page, "tracks");
  await fill("tracks[0].id", "reseller");
  await fill("tracks[0].label", "Reseller");
  await addItem(page, "tracks");
  await fill("tracks[1].id", "referral");
  await fill("tracks[1].label", "Referral");
  await addEntry(page, "tracks[1].criteria", "revenue");
  await page.locator('.map[data-path="tracks[1].criteria"] fieldset[data-path="tracks[1].criteria.revenue"] input[type="checkbox"]').first().check();
  await addEntry(page, "tracks[1].criteria", "fit");
  await fill("tracks[1].criteria.fit.weight", 3);
  await addItem(page, "tracks[1].add_criteria");
  await fill("tracks[1].add_criteria[0].id", "referred");
  await fill("tracks[1].add_criteria[0].label", "Referred revenue");
  await choose("tracks[1].add_criteria[0].category", "performance");
  await choose("tracks[1].add_criteria[0].field", "revenue");
  await fill("tracks[1].add_criteria[0].rule.points", 30);
  await fill("tracks[1].add_criteria[0].rule.target", 200000);

  await page.locator("#problems").waitFor({ state: "hidden" });
  const { text } = await saved(page);
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  const expected = JSON.parse(/### A small complete program\n\n```json\n([\s\S]*?)\n```/.exec(readme)[1]);
  assert.deepEqual(JSON.parse(text), expected);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a broken or foreign file is refused with its errors, and the program in the studio stays", async () => {
  const { page, context } = await openStudio();
  const broken = path.join(artifacts, "studio-broken.json");
  fs.writeFileSync(broken, '{"format": 1, "id": "x",\n  "tiers": [}');
  await page.setInputFiles("#open-file", broken);
  await page.locator("#open-errors").waitFor();
  assert.match(await page.textContent("#open-errors"), /not valid JSON/);
  assert.match(await page.textContent("#open-errors"), /line 2/);
  assert.equal(await page.locator("#open-errors button").count(), 0, "nothing to edit in a file that is not JSON");
  assert.match(await page.textContent("#status"), /unchanged/);
  await reveal(page, "tiers", "tiers[2]");
  assert.equal(await control(page, "tiers[2].label").inputValue(), "Gold");
  // A JSON file of something else: its problems listed; it can still be opened to fix it.
  const foreign = path.join(artifacts, "studio-foreign.json");
  fs.writeFileSync(foreign, JSON.stringify({ name: "package", version: "1.0.0" }));
  await page.setInputFiles("#open-file", foreign);
  await page.waitForFunction(() => /studio-foreign\.json is not a program/.test(document.getElementById("open-errors").textContent));
  assert.equal(await control(page, "tiers[2].label").inputValue(), "Gold");
  await page.click("#open-errors button");
  assert.match(await page.textContent("#problems"), /problems/);
  assert.equal(await control(page, "version").inputValue(), "1.0.0");
  await context.close();
});

test("a draft is kept on the device only after consent, and comes back on reload", async () => {
  const { page, context } = await openStudio();
  await reveal(page, "tiers", "tiers[2]");
  await control(page, "tiers[2].min_score").fill("66");
  assert.equal(await page.evaluate(() => Object.keys(localStorage).length), 0, "nothing stored without consent");
  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName("studio:ready").length > 0);
  await reveal(page, "tiers", "tiers[2]");
  assert.equal(await control(page, "tiers[2].min_score").inputValue(), "60", "the edit is gone without consent");
  await page.check("#keep-draft");
  await control(page, "tiers[2].min_score").fill("67");
  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName("studio:ready").length > 0);
  assert.match(await page.textContent("#status"), /draft is restored/);
  await reveal(page, "tiers", "tiers[2]");
  assert.equal(await control(page, "tiers[2].min_score").inputValue(), "67");
  await page.uncheck("#keep-draft");
  assert.equal(await page.evaluate(() => Object.keys(localStorage).length), 0, "consent withdrawn: the draft is deleted");
  await context.close();
});

test("the studio has no accessibility violations and makes no request after it loads", async () => {
  const { page, context, requests } = await openStudio("program=multi-track", { bypassCSP: true });
  // The page's own files, the partner view's stylesheet last.
  await page.waitForFunction(() => performance.getEntriesByName("scorecard:first-score").length > 0);
  await page.waitForLoadState("networkidle");
  const loaded = requests.length;
  await reveal(page, "tiers", "tiers[1]");
  await reveal(page, "criteria", "criteria[0]");
  await reveal(page, "tracks", "tracks[1]");
  await page.click("#generate");
  await page.locator("#base table").first().waitFor();
  await control(page, "tiers[1].min_score").fill("56");
  await page.locator("#problems").waitFor({ state: "hidden" });
  assert.match(await page.textContent("#base"), /Against the program as opened: \d+ promoted, \d+ demoted/);
  // Edits, a generated base and its comparison: all in the page (axe, below, fetches stylesheets itself).
  assert.deepEqual(requests.slice(loaded), []);
  await control(page, "tiers[1].min_score").fill("-1");
  await page.locator("#problems").waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

test("on a tablet the preview sits below the form and nothing scrolls sideways", async () => {
  const { page, context } = await openStudio("program=multi-track", { viewport: { width: 820, height: 1180 }, hasTouch: true });
  await reveal(page, "tracks", "tracks[1]");
  await reveal(page, "tiers", "tiers[1]");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0);
  const [form, preview] = await Promise.all([page.locator("#editor").boundingBox(), page.locator("aside.preview").boundingBox()]);
  assert.ok(preview.y >= form.y + form.height - 1, "the preview follows the form");
  await context.close();
});

test("on a phone in German, errors at their controls are German and nothing scrolls sideways", async () => {
  const { page, context, errors } = await openStudio("program=multi-track&lang=de", { viewport: { width: 390, height: 844 }, hasTouch: true, locale: "de-DE" });
  await reveal(page, "tiers", "tiers[1]");
  // A program's own mistakes come in the page's language too (they were English before).
  await control(page, "tiers[1].min_score").fill("abc");
  const at = page.locator('#form p.error[data-error-for="tiers[1].min_score"]');
  await at.waitFor();
  assert.equal(await at.textContent(), "erwartet wird eine Zahl, gefunden: der Text \"abc\"");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0);
  assert.deepEqual(errors, []);
  await context.close();
});
