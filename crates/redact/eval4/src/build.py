"""Assemble dev.jsonl / test.jsonl from src/docs*.py.
{ID:17digits} in text/mask strings is replaced by the 18-digit ID with a valid GB 11643 check character."""
import json, re, glob, importlib.util, os
W = [7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
C = "10X98765432"
def full(s17):
    return s17 + C[sum(int(a)*b for a, b in zip(s17, W)) % 11]
def sub(s):
    return re.sub(r"\{ID:(\d{17})\}", lambda m: full(m.group(1)), s)
here = os.path.dirname(os.path.abspath(__file__))
docs = []
for f in sorted(glob.glob(os.path.join(here, "docs*.py"))):
    spec = importlib.util.spec_from_file_location(os.path.basename(f)[:-3], f)
    m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
    docs += m.DOCS
out = {"dev": [], "test": []}
for d in sorted(docs, key=lambda d: d["id"]):
    n = int(d["id"].split("-")[1])
    split = "dev" if n % 2 else "test"
    rec = {"id": d["id"], "split": split, "genre": d["genre"], "text": sub(d["text"].strip()),
           "mask": [{"text": sub(t), "kind": k} for t, k in d["mask"]],
           "keep": [{"text": sub(t), "kind": k} for t, k in d["keep"]]}
    out[split].append(rec)
root = os.path.dirname(here)
for s in out:
    with open(os.path.join(root, s + ".jsonl"), "w", encoding="utf-8") as fh:
        for r in out[s]:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
print({s: len(v) for s, v in out.items()})
