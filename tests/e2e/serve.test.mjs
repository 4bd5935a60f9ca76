// The demo server of README's first command (scripts/serve.mjs), as a crafted request finds
// it: a path that starts with "//" (which URL parsing reads as another host) is served as a
// path, and the server keeps serving; paths out of its folders are not served. Node only.
import { test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { startServer } from "../../scripts/serve.mjs";

/** The status of a raw GET of `rawPath`, sent as written (fetch would normalise it). */
function status(base, rawPath) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method: "GET" }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on("error", reject);
    req.end();
  });
}

test("paths starting with // are served as paths, out-of-folder paths are not, and the server keeps serving", async () => {
  const { url, close } = await startServer();
  try {
    assert.equal(await status(url, "//"), 200);
    assert.equal(await status(url, "//studio.html"), 200);
    assert.equal(await status(url, "//evil.example/x"), 404);
    assert.equal(await status(url, "/../Cargo.toml"), 404);
    assert.equal(await status(url, "/studio.html"), 200);
  } finally {
    await close();
  }
});
