// README's list of the files a portal copies to embed the element is exactly what the element
// loads: every module it imports (statically, or by a pattern such as the catalogs'
// `./locales/${lang}.mjs`), its style sheet and its worker. Node only.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { root } from "./helpers.mjs";

const www = path.join(root, "www");

/** Every file under www/ the element needs, from its imports, URLs and import patterns. */
function needed() {
  const found = new Set();
  const visit = (file) => {
    if (found.has(file)) return;
    found.add(file);
    const text = fs.readFileSync(path.join(www, file), "utf8");
    const dir = path.posix.dirname(file);
    const refs = [
      ...text.matchAll(/^\s*import\s[^;]*?from\s+"(\.[^"]+)"/gm),
      ...text.matchAll(/new URL\("([^"]+)", import\.meta\.url\)/g),
    ].map((m) => m[1]);
    for (const ref of refs) {
      const target = path.posix.normalize(path.posix.join(dir, ref));
      if (!target.startsWith("../")) visit(target);
    }
    // Catalogs loaded by language: every file the pattern can name.
    for (const m of text.matchAll(/import\(`\.\/([\w/]+)\/\$\{\w+\}\.mjs`\)/g)) {
      for (const f of fs.readdirSync(path.join(www, dir, m[1]))) if (f.endsWith(".mjs")) visit(path.posix.join(dir, m[1], f));
    }
  };
  visit("partner-scorecard.mjs");
  return [...found].sort();
}

test("README lists exactly the files the element loads", () => {
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  const block = /<!-- embed-files -->\n```text\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, "README has the embed-files list");
  const listed = block[1].split("\n").map((l) => l.trim()).filter(Boolean).sort();
  assert.deepEqual(listed, needed());
  for (const file of listed) assert.ok(fs.existsSync(path.join(www, file)), `${file} exists`);
});
