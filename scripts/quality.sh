#!/usr/bin/env bash
# Quality figures of the detectors: runs `privasift detect` on the shared
# bench dev files (../shared/bench, if present) and on a generated EN/FR
# corpus holding every kind, and scores them with `privasift eval`; then the
# special-category tables. Note: testgen does not annotate the names of its
# filler text, so on the generated corpus the `person` kind shows as false
# positives only.
#   scripts/quality.sh            # prints the tables used in README.md
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-bench-out}
BENCH=${BENCH:-../shared/bench}
mkdir -p "$OUT"
cargo build --release -q -p privasift-cli -p privasift-testgen
BIN=target/release/privasift

echo "## Generated corpus (privasift-gen --seed 99 --docs 5000), per kind"
target/release/privasift-gen --seed 99 --docs 5000 --format gold -o "$OUT/gold-99.jsonl" 2>/dev/null
"$BIN" detect "$OUT/gold-99.jsonl" --id-field id -q -o "$OUT/pred-99.jsonl" 2>/dev/null
"$BIN" eval "$OUT/gold-99.jsonl" "$OUT/pred-99.jsonl" --by-kind
if [ -d "$BENCH" ]; then
  for f in "$BENCH"/*-dev.jsonl; do
    name=$(basename "$f" -dev.jsonl)
    echo; echo "## $name (labels of the foundation issue)"
    "$BIN" detect "$f" --id-field id -q -o "$OUT/pred-$name.jsonl" 2>/dev/null
    "$BIN" eval "$f" "$OUT/pred-$name.jsonl" --labels EMAIL,PHONE,IBAN,CREDIT_CARD,IP_ADDRESS,URL,NATIONAL_ID,PASSPORT,DATE_OF_BIRTH
    echo; echo "## $name (PERSON, ADDRESS, LOCATION, ORGANIZATION; any-PII recall)"
    "$BIN" eval "$f" "$OUT/pred-$name.jsonl" --labels PERSON,ADDRESS,LOCATION,ORGANIZATION
    "$BIN" eval "$f" "$OUT/pred-$name.jsonl" | grep "any-PII"
  done
fi

echo; echo "## Special categories (record level, tuning and held-out sets)"
cargo test -q -p privasift-detect --test special_categories -- --nocapture --test-threads 1 2>/dev/null \
  | grep -E '^\||set:|held-out|below' || true
