#!/usr/bin/env bash
# Builds the npm package in pkg/ from scratch: size-first wasm (Cargo profile `wasm`), wasm-bindgen for every target in
# pkg-config.json (web at the root, Node and bundler in subfolders), wasm-opt, and
# pkg/package.json from pkg-config.json and Cargo.toml's version. Prints the wasm size.
# Does nothing (but print the size) when pkg/ is newer than every input.
#
#   bash scripts/build-pkg.sh          build when needed
#   bash scripts/build-pkg.sh --force  rebuild
set -euo pipefail
cd "$(dirname "$0")/.."

report_size() {
  local wasm
  for wasm in pkg/lite/partner_scorecard_bg.wasm pkg/partner_scorecard_bg.wasm pkg/lab/partner_scorecard_bg.wasm; do
    [ -f "$wasm" ] && echo "build-pkg: $wasm $(stat -c %s "$wasm") bytes, $(gzip -9c "$wasm" | wc -c) bytes gzipped (gzip -9)"
  done
  return 0
}

inputs=(src Cargo.toml Cargo.lock pkg-config.json scripts/build-pkg.sh schema/program.schema.json)
if [ "${1:-}" != "--force" ] && [ -f pkg/.built ] && [ -z "$(find "${inputs[@]}" -newer pkg/.built -print -quit)" ]; then
  echo "build-pkg: pkg/ is up to date"
  report_size
  exit 0
fi

bash scripts/setup.sh

# A folder of this run's own, so that two builds at once (serve.sh while test.sh runs) cannot
# write into each other's output; it replaces pkg/ only when complete.
tmp=$(mktemp -d pkg.tmp.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
# Where cargo writes the module: CARGO_TARGET_DIR when set.
raw=${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm/partner_scorecard.wasm

# One line per target: "features target dir" ("-" for no features). Targets are built grouped
# by their cargo features: the portal package without the lab, pkg/lab/ with it.
targets=$(node -e '
  const c = require("./pkg-config.json");
  for (const t of c.targets) console.log((t.features || "-") + " " + t.target + " " + (t.dir || "."));
' | sort -s -k1,1)
built=""
while read -r features target dir; do
  if [ "$features" != "$built" ]; then
    flags=()
    [ "$features" != "-" ] && flags=(--features "$features")
    echo "build-pkg: cargo rustc --profile wasm --target wasm32-unknown-unknown ${flags[*]}"
    # The size-first profile (Cargo.toml); native release builds are speed-first.
    cargo rustc --profile wasm --target wasm32-unknown-unknown --lib --crate-type cdylib --quiet "${flags[@]}"
    built=$features
  fi
  out=$tmp/$dir
  # Browser builds export __wbg_reset_state(): after a trap (which no input should cause: the
  # engine bounds its work, README "Limits") the pages start a fresh instance and go on.
  reset=()
  [ "$target" = web ] && reset=(--experimental-reset-state-function)
  wasm-bindgen --target "$target" "${reset[@]}" --out-dir "$out" "$raw"
  if [ "$target" = web ]; then
    # wasm-bindgen's free() of an object from a replaced instance would free that pointer in
    # the new instance's memory: make it a no-op for stale objects instead.
    node -e '
      const fs = require("fs"), file = process.argv[1];
      const js = fs.readFileSync(file, "utf8");
      const stale = "if (this.__wbg_inst !== undefined && this.__wbg_inst !== __wbg_instance_id) { this.__wbg_ptr = 0; return; }";
      const patched = js.replace(/    free\(\) \{\n        const ptr = this.__destroy_into_raw\(\);/g, (m) => m.replace("const ptr", stale + "\n        const ptr"));
      const classes = (js.match(/^export class /gm) || []).length;
      if ((patched.match(/this.__wbg_ptr = 0; return; \}/g) || []).length !== classes) throw new Error("free() patch did not apply to every class in " + file);
      fs.writeFileSync(file, patched);
    ' "$out/partner_scorecard.js"
  fi
  # The ScorecardError class lives in an inline snippet; re-export it from the entry module
  # so that `import { ScorecardError } from "partner-scorecard"` and instanceof work.
  snippet=$(cd "$out" && grep -l "class ScorecardError" snippets/*/inline0.js)
  printf '\nexport { ScorecardError } from "./%s";\n' "$snippet" >>"$out/partner_scorecard.js"
  if [ "$target" = experimental-nodejs-module ]; then
    # Node instantiates on import; a no-op init keeps `await init()` code portable.
    printf 'export default async function init() {}\nexport function initSync() {}\n' >>"$out/partner_scorecard.js"
    rm -f "$out/package.json"
  fi
done <<<"$targets"

# wasm-opt every target's module, two at a time (one per core).
mapfile -t opt_flags < <(node -e 'for (const f of require("./pkg-config.json").wasm_opt) console.log(f)')
find "$tmp" -name '*_bg.wasm' -print0 |
  xargs -0 -P 2 -I{} node_modules/.bin/wasm-opt "${opt_flags[@]}" {} -o {}

version=$(sed -n '/^\[package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
cargo_description=$(sed -n '/^\[package\]/,/^\[/s/^description = "\(.*\)"/\1/p' Cargo.toml)
OUT=$tmp VERSION=$version CARGO_DESCRIPTION=$cargo_description node -e '
  const fs = require("fs");
  const c = require("./pkg-config.json");
  const root = { types: "./partner_scorecard.d.ts" };
  const exports = { ".": root };
  const sideEffects = [];
  const files = [];
  for (const t of c.targets) {
    const dir = t.dir && t.dir !== "." ? "./" + t.dir + "/" : "./";
    const entry = dir + "partner_scorecard.js";
    if (t.condition) root[t.condition] = { types: dir + "partner_scorecard.d.ts", default: entry };
    if (t.export) exports[t.export] = { types: dir + "partner_scorecard.d.ts", default: entry };
    if (!t.condition && !t.export) root.default = entry;
    sideEffects.push(dir + "snippets/*");
    if (t.target === "bundler") sideEffects.push(entry);
    files.push(...(dir === "./" ? ["partner_scorecard.js", "partner_scorecard.d.ts", "partner_scorecard_bg.wasm", "partner_scorecard_bg.wasm.d.ts", "snippets/"] : [t.dir + "/"]));
  }
  // "default" must come last among conditions.
  if (root.default) { const d = root.default; delete root.default; root.default = d; }
  // The program format'"'"'s JSON Schema, for editors and the program studio (www/studio.html).
  exports["./program.schema.json"] = "./program.schema.json";
  const pkg = {
    name: c.name,
    version: process.env.VERSION,
    description: c.description || process.env.CARGO_DESCRIPTION,
    license: c.license,
    keywords: c.keywords,
    type: "module",
    main: "./partner_scorecard.js",
    module: "./partner_scorecard.js",
    types: "./partner_scorecard.d.ts",
    exports,
    files: [...files, "program.schema.json", "README.md"],
    sideEffects,
  };
  fs.writeFileSync(process.env.OUT + "/package.json", JSON.stringify(pkg, null, 2) + "\n");
'
[ -f README.md ] && cp README.md "$tmp/"
cp schema/program.schema.json "$tmp/program.schema.json"

chmod 755 "$tmp"
rm -rf pkg
mv "$tmp" pkg
touch pkg/.built
report_size
