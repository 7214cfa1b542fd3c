"""Turns a blind writer's files (DIR/src/dev.jsonl, DIR/src/test.jsonl: parallel "mask"/"classes"
lists) into the form examples/eval.rs reads (DIR/dev.jsonl, DIR/test.jsonl: mask items as
{"text", "kind"} and a "split" field). Nothing is changed but the shape.
Usage: python3 crates/redact/convert_eval.py crates/redact/eval6"""
import json, pathlib, sys

here = pathlib.Path(sys.argv[1])
for split in ("dev", "test"):
    out = []
    for line in (here / "src" / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        d["split"] = split
        d["mask"] = [{"text": t, "kind": k} for t, k in zip(d["mask"], d["classes"], strict=True)]
        del d["classes"]
        out.append(json.dumps(d, ensure_ascii=False))
    (here / f"{split}.jsonl").write_text("\n".join(out) + "\n", encoding="utf-8")
    print(split, len(out))
