// Numbers as people write them in their locale (issue 14): in Chromium with de-DE, fr-FR,
// ja-JP and en-US browser locales, typing four hundred thousand euros of revenue and a CSAT of
// 82.5 % the local way gives the same score as the plain numbers, an entry that could mean two
// numbers says how it was read, and text that is no number is marked in the page's words.
// Screenshots of each locale are saved in test-artifacts/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { AS_OF, artifacts, firstScore, setup } from "./helpers.mjs";

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

const revenue = (card) => card.locator('[data-path="values.annual_revenue"]');
const csat = (card) => card.locator('[data-path="values.csat"]');

async function openIn(locale) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, locale });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${env.url}?as_of=${AS_OF}`);
  await firstScore(page);
  return { context, page, errors, card: page.locator("partner-scorecard") };
}

/** The first track's total after an entry, from the element's own result. */
async function totalAfter(card, entries) {
  for (const [input, text] of entries) await input.fill(text);
  return card.evaluate((el) => el.result.evaluation.tracks[0].total);
}

// Each locale: how people there write 400,000 and 82.5, and what the field says it read.
const LOCALES = [
  { locale: "de-DE", revenue: "400.000", csat: "82,5", read: "gelesen als 400.000,00 (400 Tausend)" },
  { locale: "fr-FR", revenue: "400\u202f000", csat: "82,5", read: null },
  { locale: "ja-JP", revenue: "４００，０００", csat: "８２．５", read: "400,000.00 として読み取りました (40万)" },
  { locale: "en-US", revenue: "400,000", csat: "82.5", read: "read as 400,000.00 (400 thousand)" },
];

let plainTotal = null;
for (const { locale, revenue: revenueText, csat: csatText, read } of LOCALES) {
  test(`${locale}: numbers typed the local way score as the plain numbers`, async () => {
    const { context, page, errors, card } = await openIn(locale);
    const plain = await totalAfter(card, [[revenue(card), "400000"], [csat(card), "82.5"]]);
    plainTotal ??= plain;
    // The misreading this guards against (400 instead of 400,000) would change the score.
    assert.notEqual(await totalAfter(card, [[revenue(card), "400"]]), plain);
    assert.equal(plain, plainTotal, "the plain numbers score the same in every locale");
    const local = await totalAfter(card, [[revenue(card), revenueText], [csat(card), csatText]]);
    assert.equal(local, plain, `${revenueText} and ${csatText} score as 400000 and 82.5`);
    const preview = card.locator('[data-field="annual_revenue"] output.preview');
    if (read) assert.equal(await preview.textContent(), read);
    await page.screenshot({ path: path.join(artifacts, `locale-${locale}.png`), fullPage: true });
    // Text that is no number: marked at the field in the page's words, the score without it.
    await revenue(card).fill("viel");
    const error = card.locator('[data-field="annual_revenue"] p.error');
    await error.waitFor();
    const expected = {
      "de-DE": "Bitte eine Zahl eingeben, etwa 1.234,5",
      "fr-FR": "Saisissez un nombre tel que vous l’écrivez, par exemple 1\u202f234,5",
      "ja-JP": "数値を入力してください（例：1,234.5）",
      "en-US": "Enter a number as you write it, such as 1,234.5",
    }[locale];
    assert.equal((await error.textContent()).trim(), expected);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("an entry in the other convention is read that way and says so (82.5 on a German page)", async () => {
  const { context, card } = await openIn("de-DE");
  const plain = await totalAfter(card, [[csat(card), "82,5"]]);
  assert.equal(await totalAfter(card, [[csat(card), "82.5"]]), plain);
  assert.equal(await card.locator('[data-field="csat"] output.preview').textContent(), "gelesen als 82,50");
  await context.close();
});

// An embed with lang="de" in an English browser: German texts, and German numbers and dates
// with them (it once showed "14.5 von 100 Punkten · Jun 1, 2026").
test("an embed with lang=de writes German texts, numbers and dates in an English browser", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
  const page = await context.newPage();
  await page.goto(`${env.url}embed.html`);
  await firstScore(page);
  const card = page.locator("partner-scorecard");
  await card.evaluate((el) => {
    el.setAttribute("as-of", "2026-06-01");
    el.setAttribute("lang", "de");
  });
  await card.locator('[data-path="values.csat"]').fill("82,5");
  const panel = card.locator(".panel:not(.inactive)");
  await panel.locator("[data-testid=total]", { hasText: "von 100 Punkten" }).waitFor();
  // 6.43 points of CSAT: German decimals; the date German too.
  assert.match(await card.locator(".details:not(.inactive)").textContent(), /6,43 von 10/);
  assert.match(await card.locator(".as-of").textContent(), /Bewertet am 01\.06\.2026/);
  await context.close();
});

// A language written right to left (a vendor's own catalog, registered at run time): the
// element and the page lay out right to left.
test("a right-to-left language lays the element and the page out right to left", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${env.url}?as_of=${AS_OF}`);
  await firstScore(page);
  const card = page.locator("partner-scorecard");
  await page.evaluate(async () => {
    const { catalogs, registerCatalog } = await import("./i18n.mjs");
    registerCatalog("ar", { ...catalogs.en, "page.title": "بطاقة أداء الشريك", points: "{total} من {max} نقطة" });
  });
  await card.evaluate((el) => el.setAttribute("lang", "ar"));
  await page.waitForFunction(() => document.documentElement.dir === "rtl");
  assert.equal(await page.locator("h1").textContent(), "بطاقة أداء الشريك");
  assert.equal(await card.evaluate((el) => el.shadowRoot.querySelector("form, .form")?.closest("[dir]")?.getAttribute("dir") ?? el.shadowRoot.querySelector("[dir]")?.getAttribute("dir")), "rtl");
  assert.match(await card.locator(".panel:not(.inactive) [data-testid=total]").textContent(), /من 100 نقطة/);
  // Nothing sticks out on the start side (a skip link placed at left: -999px once made the
  // right-to-left page 2,279 pixels wide).
  assert.deepEqual(await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]), [1280, 1280]);
  await page.screenshot({ path: path.join(artifacts, "locale-rtl.png"), fullPage: true });
  await context.close();
});

// On a phone in French and Spanish (longer words than English): the page fits the screen and
// beside the number is the amount as read (French spaces cannot mean anything else, so the
// amount in euros; the Spanish point could, so the reading is spelt out). Screenshots in
// test-artifacts/locale-*-375.png.
for (const [locale, typed, hint] of [
  ["fr-FR", "400 000", "400\u202f000\u00a0€"],
  ["es-ES", "400.000", "leído como 400.000,00 (400 mil)"],
]) {
  test(`${locale} on a 375-pixel phone: the page fits and says how the number was read`, async () => {
    const context = await env.browser.newContext({ viewport: { width: 375, height: 800 }, locale });
    const page = await context.newPage();
    await page.goto(`${env.url}?as_of=${AS_OF}`);
    await firstScore(page);
    const card = page.locator("partner-scorecard");
    await revenue(card).fill(typed);
    const preview = card.locator('[data-field="annual_revenue"] output.preview');
    await page.waitForFunction((el) => el.textContent.length > 0, await preview.elementHandle());
    assert.equal(await preview.textContent(), hint);
    assert.deepEqual(await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]), [375, 375]);
    await page.screenshot({ path: path.join(artifacts, `locale-${locale}-375.png`), fullPage: true });
    await context.close();
  });
}
