// A benchmark, not a test: page load to first score on a local serve, keystroke to updated
// result, and last keystroke to the plan from the worker, in headless Chromium. Prints the
// figures and saves them to test-artifacts/timings.json; README quotes them. Builds nothing:
// run `bash scripts/build-pkg.sh` first (scripts/test.sh does).
//
//   node bench/page.mjs
import fs from "node:fs";
import path from "node:path";
import { AS_OF, artifacts, field, firstScore, median, setup } from "../tests/e2e/helpers.mjs";

const env = await setup();

const round = (x) => Math.round(x * 100) / 100;

try {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const loads = [];
  for (let i = 0; i < 7; i++) {
    const page = await context.newPage();
    await page.goto(`${env.url}?as_of=${AS_OF}`);
    await firstScore(page);
    // Milliseconds from the start of navigation to the first scorecard on screen.
    loads.push(await page.evaluate(() => performance.getEntriesByName("scorecard:first-score")[0].startTime));
    await page.close();
  }

  const page = await context.newPage();
  await page.goto(`${env.url}?as_of=${AS_OF}`);
  await firstScore(page);
  const card = page.locator("partner-scorecard");
  const keystrokes = {};
  const plans = {};
  for (const [program, label] of [["classic-reseller", "Annual revenue (EUR)"], ["multi-track", "Resale revenue (EUR)"]]) {
    await page.selectOption("#program-select", program);
    const input = field(card, label);
    await input.waitFor();
    // Entries carry over between programs where they fit (the same field id): start empty.
    await input.fill("");
    await input.focus();
    const times = [];
    for (const key of "1234567") {
      await page.keyboard.press(key);
      times.push(await card.evaluate((el) => el.lastUpdateMs));
    }
    if ((await input.inputValue()) !== "1234567") throw new Error(`typed "1234567", the field holds "${await input.inputValue()}"`);
    keystrokes[program] = times;
    // The plan follows from a worker; how long after the last keystroke it is on screen.
    await card.locator(".panel:not(.inactive) [data-testid=gaps][aria-busy=false]").waitFor({ timeout: 30_000 });
    plans[program] = await card.evaluate((el) => el.lastPlanMs);
  }
  await context.close();

  // The same in a German browser, with German texts and the number typed as Germans write it
  // ("1.234.567": every keystroke read by the locale-aware reader and written from the catalogs).
  const german = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "de-DE" });
  const dePage = await german.newPage();
  await dePage.goto(`${env.url}?as_of=${AS_OF}`);
  await firstScore(dePage);
  const deCard = dePage.locator("partner-scorecard");
  const deInput = deCard.locator('[data-path="values.annual_revenue"]');
  await deInput.focus();
  const deTimes = [];
  for (const key of "1.234.567") {
    await dePage.keyboard.press(key);
    deTimes.push(await deCard.evaluate((el) => el.lastUpdateMs));
  }
  if ((await deCard.evaluate((el) => el.result.evaluation.tracks[0].criteria.find((c) => c.field === "annual_revenue").input)) !== 1234567) {
    throw new Error("1.234.567 was not read as 1234567 on the German page");
  }
  keystrokes["classic-reseller, de-DE, 1.234.567"] = deTimes;
  await german.close();

  const figures = {
    load_to_first_score_ms: { first: round(loads[0]), median: round(median(loads)), runs: loads.map(round) },
    keystroke_to_result_ms: Object.fromEntries(
      Object.entries(keystrokes).map(([p, xs]) => [p, { median: round(median(xs)), max: round(Math.max(...xs)), runs: xs.map(round) }]),
    ),
    keystroke_to_plan_ms: Object.fromEntries(Object.entries(plans).map(([p, x]) => [p, round(x)])),
  };
  fs.writeFileSync(path.join(artifacts, "timings.json"), JSON.stringify(figures, null, 2) + "\n");
  const lines = [
    `page load to first score: first ${figures.load_to_first_score_ms.first} ms, median of ${loads.length} ${figures.load_to_first_score_ms.median} ms (target < 300 ms)`,
    ...Object.entries(figures.keystroke_to_result_ms).map(
      ([p, f]) => `keystroke to updated result (${p}): median ${f.median} ms, max ${f.max} ms (target < 16 ms)`,
    ),
    ...Object.entries(figures.keystroke_to_plan_ms).map(([p, x]) => `last keystroke to updated least-effort plan, from the worker (${p}): ${x} ms`),
  ];
  for (const line of lines) console.log(line);
} finally {
  await env.close();
}
