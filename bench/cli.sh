#!/usr/bin/env bash
# The command line on large partner bases (README, "Command line", speed and memory): generates
# 1 and 10 million partners of classic-reseller to files (about 0.32 and 3.2 GB), scores them on
# 1 and 2 threads, and prints a table: wall time, partners per second, CPU time, peak memory
# (maximum resident set, from GNU time: /usr/bin/time), and how the time grows from 1 to 10
# million. Then plans for 20,000 partners and the lab's summary of 1 million. A benchmark, not
# a test: it asserts nothing. About 10 minutes on 2 cores.
#
#   bash bench/cli.sh                     (ROWS="1000000 10000000" by default; DIR=... for the files)
#
# Deletes the files it generated when done. Figures from a shared machine vary with its load:
# the load average before each run is printed beside it.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-"1000000 10000000"}
DIR=${DIR:-$(mktemp -d "${TMPDIR:-/tmp}/partner-scorecard-bench.XXXXXX")}
PROGRAM=www/programs/classic-reseller.json
AS_OF=2026-06-01
trap 'rm -rf "$DIR"' EXIT

echo "bench/cli.sh: building the release binary" >&2
cargo build --release --quiet --bin partner-scorecard
BIN=${CARGO_TARGET_DIR:-target}/release/partner-scorecard
cores=$(nproc)

# Runs a command under GNU time; prints "wall user+sys maxrss_kb".
measure() {
  /usr/bin/time -o "$DIR/time.txt" -f "%e %U %S %M" "$@" >/dev/null 2>&1
  read -r wall user sys rss <"$DIR/time.txt"
  echo "$wall $(echo "$user + $sys" | bc) $rss"
}

load() { cut -d' ' -f1 /proc/loadavg; }

printf '\n%s\n\n' "partner-scorecard $($BIN --version | cut -d' ' -f2), $PROGRAM, $cores cores ($(uname -m)), $(date -u +%Y-%m-%d)"
echo "| partners | CSV | threads | wall | partners / s | CPU (user+sys) | peak memory | load before |"
echo "|---|---|---|---|---|---|---|---|"
declare -A wall_of
for rows in $ROWS; do
  file=$DIR/partners-$rows.csv
  gen=$(measure "$BIN" synth "$PROGRAM" --rows "$rows" --seed 1 --as-of "$AS_OF" -o "$file")
  size=$(stat -c %s "$file")
  echo "bench/cli.sh: generated $rows partners ($((size / 1000000)) MB) in $(echo "$gen" | cut -d' ' -f1) s" >&2
  for jobs in 1 2; do
    l=$(load)
    read -r wall cpu rss <<<"$(measure "$BIN" score "$PROGRAM" "$file" --as-of "$AS_OF" -q -j "$jobs" -o "$DIR/results.csv")"
    wall_of[$rows,$jobs]=$wall
    rate=$(echo "$rows / $wall" | bc)
    printf '| %s | %s MB | %s | %s s | %s | %s s | %s MB | %s |\n' "$rows" "$((size / 1000000))" "$jobs" "$wall" "$rate" "$cpu" "$((rss / 1024))" "$l"
  done
  rm -f "$DIR/results.csv"
  [ "$rows" = "$(echo $ROWS | cut -d' ' -f1)" ] || rm -f "$file"
done

first=$(echo $ROWS | cut -d' ' -f1)
last=$(echo $ROWS | awk '{print $NF}')
echo
if [ "$first" != "$last" ]; then
  for jobs in 1 2; do
    echo "time from $first to $last partners on $jobs thread(s): $(echo "scale=2; ${wall_of[$last,$jobs]} / ${wall_of[$first,$jobs]}" | bc) times (partners: $((last / first)) times)"
  done
fi
echo "largest base scored in a minute on $cores threads: about $(echo "60 * $last / ${wall_of[$last,2]}" | bc) partners"

# Plans (a plan search per partner) for the first 20,000 partners, and the lab's summary of the
# first file (a capped plan search per partner close to its next tier).
file=$DIR/partners-$first.csv
head -n 20001 "$file" >"$DIR/partners-20k.csv"
echo
echo "| run | partners | threads | wall | partners / s | CPU (user+sys) | peak memory | load before |"
echo "|---|---|---|---|---|---|---|---|"
for jobs in 1 2; do
  l=$(load)
  read -r wall cpu rss <<<"$(measure "$BIN" score "$PROGRAM" "$DIR/partners-20k.csv" --as-of "$AS_OF" --plans -q -j "$jobs" -o "$DIR/plans.csv")"
  printf '| score --plans | 20000 | %s | %s s | %s | %s s | %s MB | %s |\n' "$jobs" "$wall" "$(echo "20000 / $wall" | bc)" "$cpu" "$((rss / 1024))" "$l"
done
for jobs in 1 2; do
  l=$(load)
  read -r wall cpu rss <<<"$(measure "$BIN" summary "$PROGRAM" "$file" --as-of "$AS_OF" --json -q -j "$jobs" -o "$DIR/summary.json")"
  printf '| summary | %s | %s | %s s | %s | %s s | %s MB | %s |\n' "$first" "$jobs" "$wall" "$(echo "$first / $wall" | bc)" "$cpu" "$((rss / 1024))" "$l"
done
