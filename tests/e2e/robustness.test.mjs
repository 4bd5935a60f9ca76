// Issue 11 in the browser: the inputs that once locked up the module, run through the web
// package in headless Chromium (the same cases as tests/pkg.mjs runs in Node, from
// tests/robustness.mjs); then the pages recovering from a trapped instance, share links that
// never overwrite a draft, and a lab export that is safe to open in a spreadsheet.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { AS_OF, field, firstScore, open, root, setup } from "./helpers.mjs";

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

test("every input that once locked up the module is refused or bounded, and the module keeps working", async () => {
  // The suite is evaluated as text (it uses only its arguments), which the page's CSP forbids.
  const context = await env.browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${env.url}embed.html`);
  const source = fs.readFileSync(path.join(root, "tests/robustness.mjs"), "utf8").replace("export async function", "async function");
  const classic = fs.readFileSync(path.join(root, "www/programs/classic-reseller.json"), "utf8");
  const passed = await page.evaluate(
    async ({ source, classic }) => {
      const robustness = new Function(`${source}\nreturn robustness;`)();
      const api = await import("/pkg/partner_scorecard.js");
      await api.default();
      const names = [];
      await robustness(api, { classic }, async (name, fn) => {
        await fn();
        names.push(name);
      });
      return names;
    },
    { source, classic },
  );
  assert.equal(passed.length, 10, passed.join("\n"));
  await context.close();
});
