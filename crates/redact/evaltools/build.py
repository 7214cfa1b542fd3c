"""Build dev.jsonl / test.jsonl from the part files part1.py, part2.py, … of the set whose
src/ is the working directory (split fixed in each SPLIT.md: odd id -> dev, even -> test).
Shared by eval7, eval8 and eval9 (their src/build.py call it)."""
import glob, json, importlib, os, sys
sys.path.insert(0, os.getcwd())
PARTS = sorted((os.path.basename(p)[:-3] for p in glob.glob("part*.py")), key=lambda p: int(p[4:]))
docs = []
for p in PARTS:
    try:
        m = importlib.import_module(p)
    except ModuleNotFoundError:
        continue
    docs.extend(m.DOCS)
dev, test = [], []
for d in docs:
    seen = set(); mask = []; classes = []
    for s, c in d["mask"]:
        if s in seen: continue
        seen.add(s); mask.append(s); classes.append(c)
    keep = list(dict.fromkeys(d["keep"]))
    o = {"id": d["id"], "genre": d["genre"], "text": d["text"], "mask": mask, "classes": classes, "keep": keep}
    if d.get("note"): o["note"] = d["note"]
    n = int(d["id"].split("-")[1])
    (dev if n % 2 else test).append(o)
for name, rows in (("dev.jsonl", dev), ("test.jsonl", test)):
    with open(name, "w", encoding="utf-8") as f:
        for o in sorted(rows, key=lambda o: o["id"]):
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
print("dev", len(dev), "test", len(test))
