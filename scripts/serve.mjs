// A tiny static server for the demo: www/ at the root and the built package under /pkg/.
// Binds to 127.0.0.1 only and serves files as they are; the page itself does all the work.
//
//   node scripts/serve.mjs [--port N]     (PORT=N also works; 0 picks a free port)
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  // WebAssembly.instantiateStreaming refuses any other type.
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ts": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

// The same policy as the pages' <meta> tag, sent as a header too: a header also covers the
// plan worker's script, which a document's <meta> policy does not reach.
const CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "form-action 'none'; base-uri 'none'; object-src 'none'; frame-ancestors 'self'";

/** Maps a URL path to a file under www/ or pkg/, or null when it points anywhere else. */
function resolveFile(urlPath, dirs) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  let base = dirs.www;
  let rest = decoded;
  if (decoded === "/pkg" || decoded.startsWith("/pkg/")) {
    base = dirs.pkg;
    rest = decoded.slice(4);
  }
  const file = path.resolve(base, "." + path.posix.normalize("/" + rest));
  if (file !== base && !file.startsWith(base + path.sep)) return null;
  return file;
}

export function startServer({ port = 0, host = "127.0.0.1", pkgDir = process.env.PKG_DIR || path.join(root, "pkg"), quiet = true } = {}) {
  const dirs = { www: path.join(root, "www"), pkg: path.resolve(pkgDir) };
  const server = http.createServer((req, res) => {
    // The request's path appended, not resolved: "//" or "//host/x" would read as another host
    // (and "//" threw, stopping the server).
    const url = new URL(`http://localhost${req.url.startsWith("/") ? "" : "/"}${req.url}`);
    let file = resolveFile(url.pathname, dirs);
    if (file && fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    if (!file || !fs.existsSync(file)) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("not found\n");
      if (!quiet) console.log(`404 ${url.pathname}`);
      return;
    }
    const body = fs.readFileSync(file);
    res.writeHead(200, {
      "Content-Type": TYPES[path.extname(file)] || "application/octet-stream",
      "Content-Length": body.length,
      "Cache-Control": "no-cache",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": CSP,
      "Referrer-Policy": "no-referrer",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolve({ server, url: `http://${host}:${actual}/`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf("--port");
  const port = Number(i > 0 ? process.argv[i + 1] : (process.env.PORT ?? 8080));
  startServer({ port, quiet: false })
    .then(({ url }) => console.log(`Serving the scorecard demo at ${url} (embedding demo: ${url}embed.html, program lab: ${url}lab.html, program studio: ${url}studio.html). Ctrl-C stops.`))
    .catch((e) => {
      console.error(e.code === "EADDRINUSE" ? `Port ${port} is in use; run with PORT=0 for a free one.` : e.message);
      process.exit(1);
    });
}
