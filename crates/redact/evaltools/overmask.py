#!/usr/bin/env python3
"""Count the maskings the engine makes in text that holds no personal data.

The 60 policy documents and 300 laws chosen with random.seed(7) from the laws corpus
are public texts with no private person in them: every masking there is an
over-masking (a law's word read as a name, a disease named in a rule). The count is
compared only with itself, from one change to the next.

    cargo build --release -p redact --example mask
    python3 crates/redact/evaltools/overmask.py target/release/examples/mask \
        --laws ../shared/data/laws --policy ../shared/data/govcn_policy_docs.jsonl \
        [--out maskings.json] [--model lac-2.1.2.bin]

`--out` writes every masking line per document, so that two runs can be compared.
"""

import argparse
import glob
import json
import random
import subprocess
import sys


def maskings(binary, text, model=None):
    """The masking lines the mask example prints before the masked text."""
    cmd = [binary] + ([model] if model else [])
    out = subprocess.run(cmd, input=text.encode(), capture_output=True, check=True)
    lines = []
    for line in out.stdout.decode().split("\n"):
        parts = line.split(None, 2)
        if len(parts) >= 2 and parts[0].replace("_", "").isalpha() and parts[0].isascii():
            lines.append(line)
        else:
            break
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--laws", required=True)
    ap.add_argument("--policy", required=True)
    ap.add_argument("--out")
    ap.add_argument("--model", help="the names model file (lac-2.1.2.bin), read by the mask example too")
    args = ap.parse_args()
    docs = []
    with open(args.policy, encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            docs.append((f"policy{o['id']}", o["text"]))
    laws = sorted(glob.glob(f"{args.laws}/**/*.md", recursive=True))
    if len(laws) < 300:
        sys.exit(f"错误：{args.laws} 下只有 {len(laws)} 部法律文本，需要至少 300 部")
    random.seed(7)
    for path in random.sample(laws, 300):
        with open(path, encoding="utf-8") as f:
            docs.append((path.split("/laws/")[-1], f.read()))
    found = {k: maskings(args.binary, t, args.model) for k, t in docs}
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(found, f, ensure_ascii=False, indent=0)
    print(sum(len(v) for v in found.values()))


if __name__ == "__main__":
    main()
