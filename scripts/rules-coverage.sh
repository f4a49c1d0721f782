#!/usr/bin/env bash
# Which entries of the CNIL rules catalogue (../shared/reference/cnil-rules.md)
# have a rule in privasift-rules, and which do not, by confidence mark.
# Usage: scripts/rules-coverage.sh [CATALOGUE]  (needs python3 and a built privasift)
set -euo pipefail
cd "$(dirname "$0")/.."
catalogue=${1:-../shared/reference/cnil-rules.md}
cargo build -q -p privasift-cli
target/debug/privasift rules --json > "${TMPDIR:-/tmp}/privasift-rules.json"
python3 - "$catalogue" "${TMPDIR:-/tmp}/privasift-rules.json" <<'PY'
import json, re, sys
catalogue, rules = sys.argv[1], sys.argv[2]
implemented = {r["id"] for r in json.load(open(rules))}
entries = []
for line in open(catalogue, encoding="utf-8"):
    m = re.match(r"^\| ((?:S\d-[A-Z]+|LI|INFO|RIGHTS|ANNOT|SEC|MODEL)-\d+) \|", line)
    if m:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        entries.append((cells[0], cells[1], cells[-2]))
ids = {e[0] for e in entries}
print(f"catalogue entries: {len(entries)}; with a rule: {len(ids & implemented)}; rules outside the catalogue: {sorted(implemented - ids)}")
for mark in ("V", "S", "U"):
    missing = [f"{i} ({k})" for i, k, c in entries if c.startswith(mark) and i not in implemented]
    print(f"{mark}: {len(missing)} without a rule: {', '.join(missing) or '-'}")
PY
