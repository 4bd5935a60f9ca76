// Takes the README's screenshots of the program studio (docs/images/*.png) in headless
// Chromium, from the pages as served by scripts/serve.mjs:
//   bash scripts/build-pkg.sh && node docs/screenshots.mjs
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "../scripts/serve.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const server = await startServer({ port: 0 });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true, args: ["--no-sandbox"] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(`${server.url}studio.html?lang=en&program=classic-reseller`);
  await page.waitForFunction(() => performance.getEntriesByName("studio:previewed").length > 0);
  await page.fill("#base-rows", "10000");
  await page.click("#generate");
  await page.locator("#base table").first().waitFor();
  await page.click('details.section[data-path="tiers"] > summary');
  await page.click('.item[data-path="tiers[2]"] > .item-head > button.toggle');
  await page.fill('input[data-path="tiers[2].min_score"]', "65");
  await page.fill('input[data-path="tiers[2].label"]', "Gold Plus");
  await page.waitForTimeout(500);
  await page.locator('.item[data-path="tiers[2]"]').scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, -120));
  await page.screenshot({ path: path.join(here, "images/studio-edit.png") });
  // An edit the engine refuses: its error at the control, the preview on the last valid program.
  await page.fill('input[data-path="tiers[2].min_score"]', "-5");
  await page.waitForTimeout(300);
  await page.locator('input[data-path="tiers[2].min_score"]').scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 200));
  await page.screenshot({ path: path.join(here, "images/studio-error.png") });
  console.log("docs/images/studio-edit.png, docs/images/studio-error.png");
} finally {
  await browser.close();
  await server.close();
}
