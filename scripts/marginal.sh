#!/usr/bin/env bash
# What each word detector costs in the whole set: `detect` on the web-like
# corpus, one worker, with every label and with every label but one (the
# detector whose labels those are then does not run), medians of RUNS runs
# of user time, interleaved so that the machine's drift falls on all alike.
# Also the foundation issue's labels alone, and the steady ratio of every
# detector to them once start-up (a run on two records) is taken out of
# both. Not a test: nothing here asserts on time.
#
#   scripts/marginal.sh                       # 100 MB corpus, 3 runs
#   SIZE=20MB RUNS=5 scripts/marginal.sh
#   BIN=/path/to/privasift scripts/marginal.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE=${SIZE:-100MB}
RUNS=${RUNS:-3}
OUT=${OUT:-bench-out}
mkdir -p "$OUT"
if [ -z "${BIN:-}" ]; then
  cargo build --release -q -p privasift-cli -p privasift-testgen
  BIN=target/release/privasift
fi
GEN=target/release/privasift-gen
[ -x "$GEN" ] || cargo build --release -q -p privasift-testgen
CORPUS="$OUT/web-$SIZE.jsonl"
[ -s "$CORPUS" ] || "$GEN" --seed 1 --format jsonl --bytes "$SIZE" --max-items 1 \
  --max-filler 12 --near-miss-rate 0.05 -o "$CORPUS" 2>/dev/null
TINY="$OUT/web-2-records.jsonl"
head -n 2 "$CORPUS" > "$TINY"

FOUNDATION=EMAIL,PHONE,IBAN,CREDIT_CARD,NATIONAL_ID,PASSPORT,IP_ADDRESS,URL,DATE_OF_BIRTH,CREDENTIAL,DEVICE_ID,LICENCE_PLATE
SPECIAL=HEALTH,RELIGION_OR_BELIEF,POLITICAL_OPINION,TRADE_UNION,SEXUAL_ORIENTATION_OR_LIFE,ETHNIC_ORIGIN,GENETIC,BIOMETRIC,CRIMINAL_OFFENCE
WORDS=(PERSON LOCATION ORGANIZATION ADDRESS NRP SPECIAL)
ALL="$FOUNDATION,CODE,DATE,PERSON,ADDRESS,ORGANIZATION,LOCATION,NRP,$SPECIAL"

labels_without() { # the labels of every detector but one word detector
  local out="$FOUNDATION,CODE,DATE"
  for w in "${WORDS[@]}"; do
    [ "$w" = "$1" ] && continue
    if [ "$w" = SPECIAL ]; then out="$out,$SPECIAL"; else out="$out,$w"; fi
  done
  echo "$out"
}

declare -A LABELS=([all]=$ALL [foundation]=$FOUNDATION)
for w in "${WORDS[@]}"; do LABELS["without-$w"]=$(labels_without "$w"); done
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

user_time() { # file labels
  /usr/bin/time -f "%U" -o "$TMP/t" "$BIN" detect "$1" -o "$TMP/out.jsonl" \
    --threads 1 -q --labels "$2" >/dev/null 2>&1
  cat "$TMP/t"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for _ in $(seq "$RUNS"); do
  for k in "${!LABELS[@]}"; do
    user_time "$CORPUS" "${LABELS[$k]}" >> "$TMP/$k"
    user_time "$TINY" "${LABELS[$k]}" >> "$TMP/$k.start"
  done
done

all=$(median < "$TMP/all"); fnd=$(median < "$TMP/foundation")
all0=$(median < "$TMP/all.start"); fnd0=$(median < "$TMP/foundation.start")
echo "corpus $CORPUS, one worker, user seconds, medians of $RUNS"
printf '%-22s %6s s  (start-up %s s)\n' "every detector" "$all" "$all0"
printf '%-22s %6s s  (start-up %s s)\n' "foundation labels" "$fnd" "$fnd0"
echo "ratio, whole runs:        $(echo "scale=2; $all / $fnd" | bc)"
echo "ratio, start-up taken out: $(echo "scale=2; ($all - $all0) / ($fnd - $fnd0)" | bc)"
echo "what each word detector adds to the whole set (address@7 also reports ORGANIZATION, so it still runs without ADDRESS):"
for w in "${WORDS[@]}"; do
  without=$(median < "$TMP/without-$w")
  printf '  %-14s %6s s\n' "$w" "$(echo "scale=2; $all - $without" | bc)"
done
