// Chromium benchmark of the lab page itself (not a test): www/lab.html with synthetic partners
// generated in the page, then slider moves as a program manager makes them. Each figure is the
// time from the slider's input event to the end of the redraw of the tables and the plot (the
// page's "lab:rendered" mark), median and slowest of 15 moves per slider kind.
//   node bench/lab-slider.mjs            100,000 partners of classic-reseller
//   ROWS=400000 node bench/lab-slider.mjs
import { startBench } from "./harness.mjs";

const rows = Number(process.env.ROWS || 100_000);
const { browser, url, close } = await startBench();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(url("www/lab.html?lang=en"));
  await page.waitForFunction(() => performance.getEntriesByName("lab:ready").length > 0);
  await page.fill("#gen-rows", String(rows));
  const started = Date.now();
  await page.click("#generate");
  await page.waitForFunction((n) => document.getElementById("status").textContent.includes(`${n.toLocaleString("en")} rows`), rows, { timeout: 600_000 });
  const loaded = Date.now() - started;
  const status = await page.textContent("#status");
  const move = (selector, values) =>
    page.evaluate(
      async ({ selector, values }) => {
        const input = document.querySelector(selector);
        const times = [];
        const breakdown = {};
        for (const value of values) {
          input.value = String(value);
          const t0 = performance.now();
          const rendered = new Promise((resolve) => {
            const observer = new PerformanceObserver((list) => {
              for (const e of list.getEntries()) {
                if (e.name === "lab:rendered" && e.startTime >= t0) {
                  observer.disconnect();
                  resolve(e.startTime - t0);
                }
              }
            });
            observer.observe({ entryTypes: ["mark"] });
          });
          input.dispatchEvent(new Event("input", { bubbles: true }));
          times.push(await rendered);
          // Where the time went: the page's measures since this input event.
          const parts = performance.getEntriesByType("measure").filter((m) => m.startTime >= t0 && m.name.startsWith("lab:"));
          for (const m of parts) (breakdown[m.name] ??= []).push(m.duration);
          // A person moves a slider a step at a time: the next step comes a moment later.
          await new Promise((r) => setTimeout(r, 50));
        }
        return { id: input.id, times, breakdown };
      },
      { selector, values },
    );
  const steps = (from, step) => Array.from({ length: 15 }, (_, i) => from + (i % 2 ? step : -step) * (1 + (i % 3)));
  const tier = await page.$eval("#sliders input[id^=tier-]", (i) => Number(i.value));
  const weight = await page.$eval("#sliders input[id^=weight-]", (i) => Number(i.value));
  const target = await page.$eval("#sliders input[id^=target-]", (i) => Number(i.value));
  const results = [
    ["tier minimum (target < 16 ms)", await move("#sliders input[id^=tier-]", steps(tier, 1))],
    ["weight (target < 50 ms)", await move("#sliders input[id^=weight-]", steps(weight, 0.1))],
    ["target (target < 50 ms)", await move("#sliders input[id^=target-]", steps(target, target / 100))],
  ];
  const memory = await page.evaluate(() => ({ heap: performance.memory?.usedJSHeapSize ?? null }));
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`\nChromium ${browser.version()}, www/lab.html, ${rows.toLocaleString("en")} synthetic partners of classic-reseller (seed 7)`);
  console.log(`generated, read and first drawn in ${loaded} ms: ${status.trim()}`);
  for (const [name, { id, times, breakdown }] of results) {
    console.log(`${name.padEnd(32)} ${id.padEnd(28)} median ${median(times).toFixed(1)} ms, slowest ${Math.max(...times).toFixed(1)} ms (each: ${times.map((x) => x.toFixed(0)).join(" ")})`);
    console.log(`  of which (medians): ${Object.entries(breakdown).map(([k, v]) => `${k.slice(4)} ${median(v).toFixed(1)}`).join(", ")}`);
  }
  if (memory.heap) console.log(`JS heap after the moves: ${(memory.heap / 1e6).toFixed(0)} MB`);
} finally {
  await close();
}
