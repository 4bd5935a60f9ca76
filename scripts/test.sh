#!/usr/bin/env bash
# Runs every test: formatting, clippy (native and wasm32), the native tests, the wasm-bindgen
# tests in Node and in headless Chromium, the built package in Node, and the page's
# end-to-end tests. Installs what is missing first (scripts/setup.sh). Runs every step even
# after a failure, then prints one summary line and exits non-zero if anything failed.
#
#   bash scripts/test.sh
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --browser || exit 1

export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
passed=0
failed=0
failures=()
start_all=$SECONDS

step() {
  local name=$1
  shift
  local start=$SECONDS
  echo
  echo "=== test.sh: $name"
  if "$@"; then
    passed=$((passed + 1))
    echo "=== test.sh: $name: ok ($((SECONDS - start)) s)"
  else
    failed=$((failed + 1))
    failures+=("$name")
    echo "=== test.sh: $name: FAILED ($((SECONDS - start)) s)"
  fi
}

step "cargo fmt --check" cargo fmt --all -- --check
step "clippy (native)" cargo clippy --all-targets --quiet -- -D warnings
step "clippy (wasm32)" cargo clippy --target wasm32-unknown-unknown --all-targets --all-features --quiet -- -D warnings
# Each module of the package is built with its own features (pkg-config.json; the lite one with
# none): code that only some of them use must not warn in the others.
clippy_each_package_module() {
  local features
  for features in "" $(node -e 'for (const f of new Set(require("./pkg-config.json").targets.map((t) => t.features).filter(Boolean))) console.log(f)'); do
    cargo clippy --target wasm32-unknown-unknown --lib --quiet ${features:+--features "$features"} -- -D warnings || return 1
  done
}
step "clippy (wasm32, each package module's features)" clippy_each_package_module
step "cargo test (native)" cargo test --quiet
step "TypeScript declarations match the Rust types" cargo test --quiet --features typescript --test typescript
# Programs, profiles, options and CSVs mutated at random for a fixed time (tests/fuzz.rs):
# no panic, no call over 5 s, no non-finite number, every number text read exactly.
step "fuzz for ${FUZZ_SECONDS:=20} s (release)" env FUZZ_SECONDS="$FUZZ_SECONDS" cargo test --release --quiet --test fuzz -- --nocapture
step "wasm-bindgen tests in Node" cargo test --target wasm32-unknown-unknown --features lab --test wasm --test wasm_lab
# Not --quiet: cargo passes it on to wasm-bindgen-test-runner, which rejects it. Same test
# binary as the Node run; only the runner changes.
step "wasm-bindgen tests in headless Chromium" env WASM_BINDGEN_USE_BROWSER=1 cargo test --target wasm32-unknown-unknown --features lab --test wasm --test wasm_lab
step "build pkg/" bash scripts/build-pkg.sh
step "package in Node (exports, ScorecardError, types)" node tests/pkg.mjs
# The command line (built by the native tests above) against the package: the shipped programs
# and generated partners through both, every field compared (score, plans, summary, gaps, bad rows).
step "command line against the package in Node" node tests/cli.mjs
step "tsc: a typed consumer of the package (strict)" node_modules/.bin/tsc -p tests/types
step "tsc: the pages' modules against the package's types" node_modules/.bin/tsc -p tests/types/tsconfig.pages.json
step "tsc: real results of every shipped program against their declared types" node tests/types/results.mjs

# ---- Page end-to-end tests (issues 6 and 7) --------------------------------------------
# Browser tests of the pages plug in here: every tests/e2e/*.test.mjs (node:test files
# driving /usr/bin/chromium with playwright-core) runs with `node --test`, one file at a
# time so that two browsers never compete for the two cores.
e2e_files=(tests/e2e/*.test.mjs)
if [ -e "${e2e_files[0]}" ]; then
  step "page end-to-end tests in Chromium" node --test --test-concurrency=1 "${e2e_files[@]}"
else
  echo
  echo "=== test.sh: page end-to-end tests: no tests/e2e/*.test.mjs yet, skipped"
fi
# ----------------------------------------------------------------------------------------

echo
if [ "$failed" -gt 0 ]; then
  echo "test.sh: failed steps: ${failures[*]}"
fi
echo "test.sh: $passed passed, $failed failed ($((SECONDS - start_all)) s)"
[ "$failed" -eq 0 ]
