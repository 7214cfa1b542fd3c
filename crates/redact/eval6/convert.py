"""Turns the writer's files (src/dev.jsonl, src/test.jsonl: parallel "mask"/"classes"
lists) into the form examples/eval.rs reads (dev.jsonl, test.jsonl: mask items as
{"text", "kind"} and a "split" field). Nothing is changed but the shape."""
import json, pathlib
here = pathlib.Path(__file__).parent
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
