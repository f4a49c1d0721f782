#!/usr/bin/env bash
# Whole-process benchmark of `privasift detect`, `scan` and `clean` (default policy):
# generates deterministic fake EN/FR JSON Lines corpora, runs each command
# with 1 and 2 worker threads, and prints the median MB/s of 3 runs and the
# peak RSS. Not a test: nothing here asserts on time.
#
#   scripts/bench.sh                  # 10MB and 1GB web-like, 100MB dense
#   SIZES="10MB 100MB" scripts/bench.sh
#   RUNS=5 THREADS="1 2" scripts/bench.sh
#
# Corpora: "web" has about one personal-data value per KB of prose (closer to
# crawled text); "dense" has two to four per 400 bytes (worst case: every
# record full of identifiers and near misses).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"10MB 1GB"}
DENSE=${DENSE:-"100MB"}
RUNS=${RUNS:-3}
THREADS=${THREADS:-"1 2"}
OUT=${OUT:-bench-out}
mkdir -p "$OUT"

cargo build --release -q -p privasift-cli -p privasift-testgen
BIN=target/release/privasift
GEN=target/release/privasift-gen
TIME=/usr/bin/time
[ -x "$TIME" ] || TIME=""

gen() { # name size extra-args...
  local f="$OUT/$1-$2.jsonl"; shift 2
  [ -s "$f" ] || "$GEN" --seed 1 --format jsonl "$@" -o "$f" 2>/dev/null
  echo "$f"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

run() { # label file threads command...
  local label=$1 file=$2 threads=$3; shift 3
  local bytes secs rss rates=() rsss=()
  bytes=$(stat -c %s "$file")
  cat "$file" > /dev/null # page cache
  for _ in $(seq "$RUNS"); do
    if [ -n "$TIME" ]; then
      "$TIME" -f "%e %M" -o "$OUT/time.txt" "$@" > /dev/null 2>&1
      read -r secs rss < "$OUT/time.txt"
    else
      local t0 t1; t0=$(date +%s.%N); "$@" > /dev/null 2>&1; t1=$(date +%s.%N)
      secs=$(echo "$t1 - $t0" | bc); rss=0
    fi
    rates+=("$(awk -v b="$bytes" -v s="$secs" 'BEGIN {printf "%.1f", b / 1e6 / (s > 0 ? s : 1e-9)}')")
    rsss+=("$rss")
  done
  printf '%-28s %-8s %8s %10s MB/s %8s MB peak RSS\n' "$label" "t=$threads" \
    "$(numfmt --to=si "$bytes")B" "$(printf '%s\n' "${rates[@]}" | median)" \
    "$(( $(printf '%s\n' "${rsss[@]}" | sort -n | tail -1) / 1024 ))"
}

# A rights request with a handful of identifiers (fake), for `rights find`.
cat > "$OUT/request.toml" <<'REQ'
id = "BENCH-1"
kind = "access"
[person]
emails = ["odile.fauxnom@example.org", "o.fauxnom@gmail.com"]
phones = ["+33 6 98 76 54 32", "+32 470 12 34 56"]
account-ids = ["cust-88412"]
names = [{ name = "Odile Fauxnom", and = ["Angers"] }]
REQ

echo "privasift $($BIN --version | cut -d' ' -f2) on $(nproc) cores; median of $RUNS runs"
for size in $SIZES; do
  f=$(gen web "$size" --bytes "$size" --max-items 1 --max-filler 12 --near-miss-rate 0.05)
  for t in $THREADS; do
    run "detect web $size" "$f" "$t" "$BIN" detect "$f" --threads "$t" -q -o "$OUT/spans.jsonl"
    run "scan web $size" "$f" "$t" "$BIN" scan "$f" --threads "$t" -q --report "$OUT/report.json"
    # clean refuses a non-empty OUTDIR, and a fresh ledger keeps runs comparable.
    run "rights find web $size" "$f" "$t" sh -c "rm -f '$OUT/rights-ledger.jsonl'; exec '$BIN' rights find --request '$OUT/request.toml' '$f' --threads $t -q --ledger '$OUT/rights-ledger.jsonl'"
    run "clean web $size" "$f" "$t" sh -c "rm -rf '$OUT/clean' '$OUT/ledger.jsonl'; exec '$BIN' clean '$f' --threads $t -q -o '$OUT/clean' --ledger '$OUT/ledger.jsonl'"
  done
done
for size in $DENSE; do
  f=$(gen dense "$size" --bytes "$size")
  for t in $THREADS; do
    run "detect dense $size" "$f" "$t" "$BIN" detect "$f" --threads "$t" -q -o "$OUT/spans.jsonl"
  done
done
