#!/usr/bin/env bash
# Installs what building and testing need, once, on a fresh machine: the wasm32 target,
# wasm-bindgen-cli of the exact version Cargo.toml pins, the npm dev tools (binaryen for
# wasm-opt, playwright-core) and, for tests, Debian's Chromium and chromedriver.
# Each step is skipped when already done. Stops with one sentence when it cannot proceed.
#
#   bash scripts/setup.sh            build tools only
#   bash scripts/setup.sh --browser  also Chromium and chromedriver (tests, benchmarks)
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "setup: $*" >&2; exit 1; }

command -v cargo >/dev/null || die "Rust is not installed: install it with rustup (https://rustup.rs), then run this again."
command -v npm >/dev/null || die "Node.js 18+ with npm is not installed: install it (e.g. apt-get install nodejs npm), then run this again."

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  command -v rustup >/dev/null || die "the wasm32-unknown-unknown Rust target is missing and rustup is not available to add it."
  echo "setup: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must equal the wasm-bindgen crate version exactly, or it refuses the module.
pinned=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
[ -n "$pinned" ] || die "Cargo.toml does not pin wasm-bindgen as wasm-bindgen = \"=X.Y.Z\"."
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$pinned" ] ||
   [ "$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}')" != "$pinned" ]; then
  echo "setup: installing wasm-bindgen-cli $pinned (takes a few minutes, once)"
  # Not --locked: the CLI's own lockfile pins crates that no longer build on current Rust.
  cargo install wasm-bindgen-cli --version "$pinned"
fi

# npm ci when node_modules is missing or older than the lockfile.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ] || [ ! -x node_modules/.bin/tsc ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm dev tools (binaryen, playwright-core, typescript)"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ "${1:-}" = "--browser" ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "setup: installing Debian's chromium and chromium-driver"
      DEBIAN_FRONTEND=noninteractive apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
    else
      die "Chromium is needed for the browser tests: run 'sudo apt-get install chromium chromium-driver' (Debian/Ubuntu), then run this again."
    fi
  fi
  # Japanese in the locale tests' screenshots (test-artifacts/locale-ja-JP.png): without a CJK
  # font they show boxes. Only the screenshots need it, so a failure is a note, not an error.
  # (fc-list's output taken whole first: `grep -q` on a pipe would end it early under pipefail.)
  fonts=$(fc-list 2>/dev/null || true)
  if ! grep -q "Noto Sans CJK" <<<"$fonts"; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "setup: installing Debian's fonts-noto-cjk (for the Japanese screenshots)"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null || echo "setup: fonts-noto-cjk could not be installed; Japanese screenshots will show boxes"
    else
      echo "setup: note: 'sudo apt-get install fonts-noto-cjk' makes the Japanese screenshots readable"
    fi
  fi
fi
