// What the Chromium benchmarks share: build pkg/ when needed, serve the repository on
// 127.0.0.1 (bench pages, www/programs and pkg/ at their own paths), and start Debian's
// headless Chromium. Benchmarks only; the page tests use scripts/serve.mjs.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const types = { ".html": "text/html", ".mjs": "text/javascript", ".js": "text/javascript", ".json": "application/json", ".wasm": "application/wasm" };

/** Resolves to `{browser, url(pathFromRoot), close()}`. */
export async function startBench() {
  // BENCH_NO_BUILD=1 measures pkg/ as it is (after a build of your own).
  if (!process.env.BENCH_NO_BUILD) execFileSync("bash", [path.join(root, "scripts/build-pkg.sh")], { stdio: "inherit" });
  const server = http.createServer((req, res) => {
    const file = path.join(root, decodeURIComponent(new URL(`http://x${req.url.startsWith("/") ? "" : "/"}${req.url}`).pathname));
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--enable-precise-memory-info"],
  });
  return {
    browser,
    url: (pathFromRoot) => `http://127.0.0.1:${server.address().port}/${pathFromRoot}`,
    async close() {
      await browser.close();
      server.close();
    },
  };
}
