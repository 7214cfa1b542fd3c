# builds dev.jsonl / test.jsonl from part_*.py; split fixed: alternate in order written
import json, glob, importlib, sys
sys.path.insert(0, '.')
import common
for p in sorted(glob.glob('part_*.py')):
    importlib.import_module(p[:-3])
dev, test = [], []
for n, d in enumerate(common.DOCS, 1):
    d = {"id": f"d{n:02d}", **d}
    (dev if n % 2 == 1 else test).append(d)
for name, arr in (("dev.jsonl", dev), ("test.jsonl", test)):
    with open(name, "w", encoding="utf-8") as f:
        for d in arr:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
print(len(dev), len(test))
