// Every text the partner sees on the scorecard page goes through the catalogs (issue 14): the
// page runs in a pseudo-locale whose every message is wrapped in ⟦…⟧, on a program whose every
// text is marked with §, and each visible text must be one of those, a value the partner
// typed, or numbers and signs alone. Checked in each state: results, plan and alternatives,
// an invalid entry, a program with retention held by grace, and the print view.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { AS_OF, artifacts, firstScore, root, setup } from "./helpers.mjs";

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

/** The program with every text of its own marked, so that the check can tell them apart. */
function markedProgram(name, file = path.join(root, "www/programs", `${name}.json`)) {
  const program = JSON.parse(fs.readFileSync(file, "utf8"));
  const mark = (value, key) => {
    if (typeof value === "string" && ["label", "help", "name", "description", "benefits"].includes(key)) return `§${value}§`;
    if (Array.isArray(value)) return value.map((v) => mark(v, key === "benefits" ? "benefits" : null));
    if (value && typeof value === "object") {
      // Texts given per language: mark each.
      if (["label", "help", "name", "description", "benefits"].includes(key)) return Object.fromEntries(Object.entries(value).map(([l, t]) => [l, `§${t}§`]));
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mark(v, k)]));
    }
    return value;
  };
  return mark(program, null);
}

/** Visible texts on the page and inside the element that come from neither the catalogs nor the program. */
function strayTexts(page) {
  return page.evaluate(() => {
    const out = [];
    const visit = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) {
          const parent = child.parentElement;
          const text = child.textContent.trim();
          // A path in a document is its own keys (code), and a program file's own rules are
          // worded for its author in the format's English (marked lang="en"; README).
          if (!text || !parent || parent.closest('script, style, template, [hidden], #program-select, option, code, [lang="en"]')) continue;
          const box = parent.getBoundingClientRect();
          const style = getComputedStyle(parent);
          if (box.width === 0 || box.height === 0 || style.visibility === "hidden" || style.display === "none") continue;
          // Catalog texts are wrapped whole; program texts are marked; numbers and signs are neutral.
          let rest = text.replace(/§[^§]*§/g, "");
          // Messages nest (a message inside a message): take the innermost first.
          for (let before = null; before !== rest; ) [before, rest] = [rest, rest.replace(/⟦[^⟦⟧]*⟧/g, "")];
          rest = rest.replace(/[\d\s.,:;·/×=→%€$+\-–—()[\]\u00a0\u202f✓✗…'"|]/g, "");
          if (rest) out.push(`${parent.tagName.toLowerCase()}.${parent.className}: ${text}`);
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          if (child.shadowRoot) visit(child.shadowRoot);
          visit(child);
        }
      }
    };
    visit(document.body);
    return out;
  });
}

test("in a pseudo-locale, every visible text comes from the catalogs or the program", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${env.url}?as_of=${AS_OF}`);
  await firstScore(page);
  const card = page.locator("partner-scorecard");
  // The pseudo-locale: English with every message wrapped, so that anything unwrapped stands out.
  await page.evaluate(async () => {
    const { catalogs, registerCatalog } = await import("/www/i18n.mjs").catch(() => import("./i18n.mjs"));
    registerCatalog("en-XA", Object.fromEntries(Object.entries(catalogs.en).map(([k, v]) => [k, `⟦${v}⟧`])));
  });
  await card.evaluate((el, program) => el.loadProgram(program, "marked"), markedProgram("classic-reseller"));
  await card.evaluate((el) => el.setAttribute("lang", "en-XA"));

  const check = async (state) => {
    const stray = await strayTexts(page);
    assert.deepEqual(stray, [], `${state}: texts not from the catalogs`);
  };
  // Results and the plan with alternatives.
  await card.locator('[data-path="values.certified_engineers"]').fill("2");
  await card.locator(".panel:not(.inactive) [data-testid=gaps][aria-busy=false]").waitFor();
  await check("results and plan");
  // An invalid entry and text that is no number.
  await card.locator('[data-path="values.csat"]').fill("150");
  await card.locator('[data-path="values.deal_registrations"]').fill("many");
  await card.locator("[aria-invalid=true]").first().waitFor();
  await check("invalid entries");
  // A profile file that is not JSON, and one made for another program (the file names are the
  // partner's, marked as data).
  await card.locator('[data-path="values.csat"]').fill("80");
  await card.locator('[data-path="values.deal_registrations"]').fill("5");
  await page.setInputFiles("#import-file", { name: "§broken.json§", mimeType: "application/json", buffer: Buffer.from('{"values": {"csat": 80,}}') });
  await page.waitForFunction(() => /broken/.test(document.getElementById("page-status").textContent));
  await check("a profile file that is not JSON");
  // (Another program's field ids are the file's own data, marked.)
  const foreign = { program: { id: "§other§" }, region: "emea", tracks: ["retail"], values: { "§engineers§": 3, csat: "high", agreement_signed: 1, market_alignment: "top" } };
  await page.setInputFiles("#import-file", { name: "§foreign.json§", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(foreign)) });
  await page.waitForFunction(() => /foreign/.test(document.getElementById("page-status").textContent));
  await check("a profile for another program");
  // A program file that cannot be used: its JSON, then its rules.
  await card.evaluate((el) => el.loadProgram('{"format": 1,', "§broken-program§"));
  await check("a program that is not JSON");
  await card.evaluate((el) => el.loadProgram({ format: 1, name: "§X§", fields: [{ id: "x", label: "§X§", type: "number", integer: "yes" }], tiers: [] }, "§bad-program§"));
  await check("a program with mistakes");
  await card.evaluate((el, program) => el.loadProgram(program, "marked"), markedProgram("classic-reseller"));
  await card.locator('[data-path="values.certified_engineers"]').fill("2");
  // A tier held by grace.
  await card.evaluate((el) => (el.profile = { values: { certified_engineers: 2 }, current_tiers: [{ tier: "gold", since: "2025-01-01", short_since: "2026-10-01" }] }));
  await card.locator(".panel:not(.inactive) [data-testid=gaps][aria-busy=false]").waitFor();
  await check("retention");
  // The print view.
  await page.emulateMedia({ media: "print" });
  await check("print view");
  await page.emulateMedia({ media: "screen" });
  await page.screenshot({ path: path.join(artifacts, "pseudo-locale.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});


/** The English catalog with every message wrapped: served in place of www/locales/en.mjs. */
async function pseudoEnglish() {
  const { default: en } = await import("../../www/locales/en.mjs");
  const wrapped = Object.fromEntries(Object.entries(en).map(([k, v]) => [k, `⟦${v}⟧`]));
  return `export default ${JSON.stringify(wrapped)};\n`;
}

test("in a pseudo-locale, every visible text of the lab comes from the catalogs, the program or the partners' file", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
  const body = await pseudoEnglish();
  await context.route("**/locales/en.mjs", (route) => route.fulfill({ contentType: "text/javascript", body }));
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${env.url}lab.html?as_of=2026-06-01`);
  await page.waitForFunction(() => performance.getEntriesByName("lab:ready").length > 0, null, { timeout: 10_000 });
  // The lab's fixture program with its texts marked, and its partners' names marked.
  const fixtures = path.join(root, "tests/e2e/fixtures");
  const program = markedProgram(null, path.join(fixtures, "lab-program.json"));
  const csv = fs
    .readFileSync(path.join(fixtures, "lab-partners.csv"), "utf8")
    .split("\n")
    .map((line, i) => (i === 0 || !line ? line : line.replace(/^("[^"]*"|[^,]*)/, (name) => (name.startsWith('"') ? `"§${name.slice(1, -1)}§"` : `§${name}§`))))
    .join("\n");
  await page.setInputFiles("#program-file", { name: "marked.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(program)) });
  await page.setInputFiles("#csv-file", { name: "marked.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.waitForFunction(() => /8/.test(document.getElementById("status").textContent));
  await page.locator("#reach table").waitFor();
  let stray = await strayTexts(page);
  // The file's name is the partner's own (the status line names it), and program and region
  // ids in the file are data, as are the certifications' names and holders in the expiry list.
  const data = /marked\.csv|emea|apac|Cloud|Sales|Data|A\. Jones|B\. Okafor|C\. Rossi|D\. Kim|tech|sales/g;
  const unexplained = () => stray.filter((line) => line.split(": ").slice(1).join(": ").replace(data, "").replace(/[\s,()⟦⟧§:;.\-–—/%\d]/g, ""));
  assert.deepEqual(unexplained(), [], "texts not from the catalogs");
  // The export's plan cells are written by the catalogs too; its column names and ids stay
  // the same in every language, for the programs that read it.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-csv")]);
  const exported = fs.readFileSync(await download.path(), "utf8").trim().split("\r\n");
  assert.equal(exported[0], "partner,region,track,score,tier,earned_tier,next_tier,deficit,plan");
  const planCells = exported.slice(1).map((line) => line.match(/(?:"(?:[^"]|"")*"|[^,]*)(?:,|$)/g).filter((c) => c !== "")[8]).filter(Boolean);
  assert.ok(planCells.length > 0, exported.join("\n"));
  for (const cell of planCells) assert.match(cell, /^"?⟦.*⟧"?$/, "a plan cell not from the catalogs");
  // A CSV that cannot be read (semicolons, a quote left open), and a program that is not JSON.
  await page.setInputFiles("#csv-file", { name: "marked.csv", mimeType: "text/csv", buffer: Buffer.from('"@partner,engineers\nA,1\n') });
  await page.locator("#program-errors li").first().waitFor();
  stray = await strayTexts(page);
  assert.deepEqual(unexplained(), [], "a CSV that cannot be read: texts not from the catalogs");
  await page.setInputFiles("#program-file", { name: "marked.json", mimeType: "application/json", buffer: Buffer.from('{"format": 1,\n  "name": }') });
  await page.waitForFunction(() => /2/.test(document.querySelector("#program-errors li")?.textContent ?? ""));
  stray = await strayTexts(page);
  assert.deepEqual(unexplained(), [], "a program that is not JSON: texts not from the catalogs");
  await page.screenshot({ path: path.join(artifacts, "pseudo-locale-lab.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});
