#!/usr/bin/env bash
# Whole-process benchmark of `privasift collect filter` (not a test: nothing
# asserts on time). Generates a deterministic fake crawl (Common Crawl
# layout: request/response/metadata records, one gzip member each, robots.txt
# and tdmrep.json records, pages with TDM headers, noai tags and sensitive
# sites) and prints MB/s of *compressed* WARC input, median of RUNS runs, and
# the peak RSS:
#   - decisions only (`--dry-run`: every signal decided, no text extracted,
#     nothing written);
#   - with extraction (main text by dom_smoothie, language by whatlang,
#     JSON Lines written).
#
#   scripts/bench-collect.sh                 # a 100 MB WARC
#   SIZE=500 RUNS=3 scripts/bench-collect.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE=${SIZE:-100}          # MB of compressed WARC
RUNS=${RUNS:-3}
OUT=${OUT:-bench-out}
mkdir -p "$OUT"

cargo build --release -q -p privasift-cli
cargo build --release -q -p privasift-collect --example gen_warc
BIN=target/release/privasift
WARC="$OUT/crawl-${SIZE}MB.warc.gz"
[ -s "$WARC" ] || target/release/examples/gen_warc "$WARC" "$SIZE"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

run() { # label args...
  local label=$1; shift
  local bytes secs rss rates=() rsss=()
  bytes=$(stat -c %s "$WARC")
  cat "$WARC" > /dev/null # page cache
  for _ in $(seq "$RUNS"); do
    rm -rf "$OUT/collect-out" "$OUT/collect-ledger.jsonl"
    /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$BIN" collect filter "$WARC" \
      --ledger "$OUT/collect-ledger.jsonl" --summary "$OUT/collect-summary.json" -q "$@" > /dev/null
    read -r secs rss < "$OUT/time.txt"
    rates+=("$(awk -v b="$bytes" -v s="$secs" 'BEGIN {printf "%.1f", b / 1e6 / (s > 0 ? s : 1e-9)}')")
    rsss+=("$rss")
  done
  printf '%-34s %8s %10s MB/s %8s MB peak RSS\n' "$label" "$(numfmt --to=si "$bytes")B" \
    "$(printf '%s\n' "${rates[@]}" | median)" \
    "$(( $(printf '%s\n' "${rsss[@]}" | sort -n | tail -1) / 1024 ))"
}

echo "privasift $($BIN --version | cut -d' ' -f2) on $(nproc) cores; median of $RUNS runs; MB/s of compressed WARC"
run "collect filter --dry-run" --dry-run
run "collect filter (extraction)" -o "$OUT/collect-out"
python3 -c "import json;s=json.load(open('$OUT/collect-summary.json'));print('pages', s['pages_read'], 'kept', s['kept'], 'excluded', s['excluded'], dict(s['excluded_by_reason']))" 2>/dev/null || true
