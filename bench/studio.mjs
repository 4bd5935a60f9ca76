// Chromium benchmark of the program studio (not a test): www/studio.html with each shipped
// program, edits as a program manager types them. Each figure is the time from the edit's input
// event to the end of the redrawn preview (the page's "studio:previewed" mark: the engine's
// verdict, the errors at their controls, what changed, the partner view), median and slowest of
// 15 edits; with 100,000 generated partners, also to the redrawn partner base ("studio:based"),
// for a tier minimum, a criterion's weight and a tier's name.
//   node bench/studio.mjs
import { startBench } from "./harness.mjs";

const { browser, url, close } = await startBench();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  for (const [program, rows] of [["classic-reseller", 0], ["multi-track", 0], ["capability-100", 0], ["classic-reseller", 100_000], ["multi-track", 100_000]]) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(url(`www/studio.html?lang=en&program=${program}`));
    await page.waitForFunction(() => performance.getEntriesByName("studio:previewed").length > 0, null, { timeout: 60_000 });
    if (rows) {
      await page.fill("#base-rows", String(rows));
      await page.click("#generate");
      await page.locator("#base table").first().waitFor({ timeout: 120_000 });
    }
    // The second tier's minimum typed as a manager types a number; with a partner base, also
    // the first criterion's weight and the second tier's name (a text: no partner scored again).
    const edits = [["tier minimum", "tiers", "tiers[1]", "tiers[1].min_score", "number"]];
    if (rows) edits.push(["weight", "criteria", "criteria[0]", "criteria[0].weight", "weight"], ["tier name", "tiers", "tiers[1]", "tiers[1].label", "text"]);
    for (const [what, section, item, path, kind] of edits) {
      const details = page.locator(`details.section[data-path="${section}"]`);
      if (!(await details.evaluate((d) => d.open))) await page.click(`details.section[data-path="${section}"] > summary`);
      const toggle = page.locator(`.item[data-path="${item}"] > .item-head > button.toggle`);
      if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
      const result = await page.evaluate(
        async ({ path, kind }) => {
          const input = document.querySelector(`input[data-path="${path}"]`);
          if (!input) return { missing: path };
          const start = input.value;
          const times = [];
          const parts = {};
          for (let i = 0; i < 15; i++) {
            const step = (i % 2 ? 1 : -1) * (1 + (i % 3));
            input.value = kind === "number" ? String(Number(start) + step) : kind === "weight" ? String(Math.max(0.1, Number(start) + step / 10)) : `${start} ${i}`;
            const t0 = performance.now();
            const mark = (name) =>
              new Promise((resolve) => {
                const observer = new PerformanceObserver((list) => {
                  for (const e of list.getEntries()) {
                    if (e.name === name && e.startTime >= t0) {
                      observer.disconnect();
                      resolve(e.startTime - t0);
                    }
                  }
                });
                observer.observe({ entryTypes: ["mark"] });
                // An edit the page did not take (no mark) shows as a missing figure, not a hang.
                setTimeout(() => resolve(NaN), 10_000);
              });
            const previewed = mark("studio:previewed");
            const based = mark("studio:based");
            input.dispatchEvent(new Event("input", { bubbles: true }));
            times.push(await previewed);
            (parts["studio:to-base"] ??= []).push(await based);
            for (const m of performance.getEntriesByType("measure").filter((m) => m.startTime >= t0 && m.name.startsWith("studio:"))) (parts[m.name] ??= []).push(m.duration);
            await new Promise((r) => setTimeout(r, 60));
          }
          return { times, parts };
        },
        { path, kind },
      );
      if (result.missing) throw new Error(`${program}: no input for ${result.missing}`);
      const partText = Object.entries(result.parts).map(([k, v]) => `${k.slice(7)} ${median(v).toFixed(1)}`).join(", ");
      console.log(`${program.padEnd(18)} ${rows ? `${rows.toLocaleString("en")} partners` : "no partner base"}, ${what}: edit to redrawn preview median ${median(result.times).toFixed(1)} ms, slowest ${Math.max(...result.times).toFixed(1)} ms (${partText})`);
    }
    await page.close();
  }
} finally {
  await close();
}
