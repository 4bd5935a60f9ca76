// The lab's Windows-1252 decoder (src/text/csv_format.rs, a table of 32) against the
// browser's own (Chromium's TextDecoder, the WHATWG encoding standard; Node's maps this label
// to Latin-1 and is no reference): every byte from 0x80 to 0xFF, as a partner's name in a
// file that is not UTF-8, comes back in the results export as the character Chromium's
// TextDecoder makes of it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { root, setup } from "./helpers.mjs";

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

const lab = await import(path.join(root, "pkg/lab/partner_scorecard.js"));
lab.initSync({ module: fs.readFileSync(path.join(root, "pkg/lab/partner_scorecard_bg.wasm")) });
const program = fs.readFileSync(path.join(root, "tests/e2e/fixtures/lab-program.json"), "utf8");

test("Windows-1252 bytes decode as the browser's TextDecoder decodes them", async () => {
  // 0xA0 is a no-break space, which a name loses when it is trimmed: left out.
  const bytes = [];
  for (let b = 0x80; b <= 0xff; b++) if (b !== 0xa0) bytes.push(b);
  const file = new Uint8Array([...Buffer.from("@partner\n"), ...bytes.flatMap((b) => [0x41, b, 0x0a])]);
  const base = new lab.Lab(program, file);
  assert.equal(base.format().encoding, "windows-1252");
  base.segment({ as_of: "2026-06-01" });
  const names = base.exportCsv().trim().split("\r\n").slice(1).map((line) => line.split(",")[0]);
  const page = await (await env.browser.newContext()).newPage();
  await page.goto(env.url);
  const decoded = await page.evaluate((list) => list.map((b) => new TextDecoder("windows-1252").decode(new Uint8Array([b]))), bytes);
  const expected = decoded.map((c) => "A" + c);
  assert.deepEqual(names, expected);
  assert.equal(names.length, 127);
  base.free();
});
