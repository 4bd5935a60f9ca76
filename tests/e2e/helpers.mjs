// Shared set-up of the page tests: the demo served from this checkout on a free port, and
// Debian's Chromium driven by playwright-core (never a downloaded browser).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "../../scripts/serve.mjs";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const artifacts = path.join(root, "test-artifacts");
/** Evaluation date of every test, so that expiry and retention do not depend on today. */
export const AS_OF = "2026-11-25";

export async function setup() {
  const pkgDir = process.env.PKG_DIR || path.join(root, "pkg");
  if (!fs.existsSync(path.join(pkgDir, "partner_scorecard_bg.wasm"))) {
    throw new Error(`${pkgDir} has no built package: run "bash scripts/build-pkg.sh" first (scripts/test.sh does).`);
  }
  fs.mkdirSync(artifacts, { recursive: true });
  const server = await startServer({ port: 0, pkgDir });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update"],
  });
  return {
    url: server.url,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Opens the program lab and waits until it is ready; `errors` collects page errors and
 * console errors, `requests` every URL requested (`loaded`: how many at load).
 */
export async function openLab(env, contextOptions = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, ...contextOptions });
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(env.url + "lab.html?as_of=2026-06-01");
  await page.waitForFunction(() => performance.getEntriesByName("lab:ready").length > 0, null, { timeout: 10_000 });
  return { page, context, errors, requests, loaded: requests.length };
}

/** The lab's hand-made fixture (tests/e2e/fixtures): its program, then the partner CSV, or `csv` instead. */
export async function loadLabFixture(page, csv = path.join(root, "tests/e2e/fixtures/lab-partners.csv")) {
  await page.setInputFiles("#program-file", path.join(root, "tests/e2e/fixtures/lab-program.json"));
  await page.setInputFiles("#csv-file", csv);
  await page.waitForFunction(() => /8 rows/.test(document.getElementById("status").textContent));
}

/** A form field of the scorecard element by its exact label. */
export const field = (card, label) => card.getByLabel(label, { exact: true });

/** Opens a page and waits for its first score; `path` is relative to the server root. */
export async function open(env, pathAndQuery = `?as_of=${AS_OF}`, contextOptions = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, ...contextOptions });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(env.url + pathAndQuery);
  await firstScore(page);
  return { page, context, errors, card: page.locator("partner-scorecard") };
}

export async function firstScore(page) {
  await page.waitForFunction(() => performance.getEntriesByName("scorecard:first-score").length > 0, null, { timeout: 10_000 });
}

/** The element that has keyboard focus, looking inside shadow roots. */
export function focused(page) {
  return page.evaluate(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    if (!a) return null;
    const label = a.labels?.[0]?.textContent?.trim() ?? a.getAttribute("aria-label") ?? a.textContent?.trim();
    return { tag: a.tagName.toLowerCase(), id: a.id, type: a.type ?? null, label, role: a.getAttribute("role") };
  });
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * axe-core's accessibility violations on the page as it is now (inside shadow roots too), as
 * one line each. The page's context must be opened with `bypassCSP: true`: axe is injected as
 * a script of its own, which the pages' Content-Security-Policy would refuse.
 */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: path.join(root, "node_modules/axe-core/axe.min.js") });
  return page.evaluate(async () => {
    // @ts-ignore (injected above)
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(", ")}`);
  });
}
