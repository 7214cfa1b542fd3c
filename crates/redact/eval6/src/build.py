import json, importlib
from common import expand

PARTS = ["part1", "part2", "part3", "part4"]
DEV = {f"r6-{i:02d}" for i in range(1, 41, 2)}

def main():
    docs = []
    for p in PARTS:
        docs += importlib.import_module(p).DOCS
    out = {"dev": [], "test": []}
    for d in docs:
        o = {"id": d["id"], "genre": d["genre"], "text": expand(d["text"]).strip("\n"),
             "mask": [expand(m) for m, _ in d["mask"]], "classes": [c for _, c in d["mask"]],
             "keep": [expand(k) for k in d["keep"]]}
        if d.get("note"):
            o["note"] = d["note"]
        out["dev" if d["id"] in DEV else "test"].append(o)
    for half, rows in out.items():
        rows.sort(key=lambda r: r["id"])
        with open(f"{half}.jsonl", "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(half, len(rows))

if __name__ == "__main__":
    main()
