#!/usr/bin/env bash
# Serves the demo page on 127.0.0.1 (it prints the URL): builds pkg/ first when it is
# missing or older than the sources (scripts/build-pkg.sh decides), then runs the small
# static server in scripts/serve.mjs. PORT=0 picks a free port; the default is 8080.
#
#   bash scripts/serve.sh            http://127.0.0.1:8080/
#   PORT=9000 bash scripts/serve.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-pkg.sh
exec node scripts/serve.mjs --port "${PORT:-8080}"
