#!/usr/bin/env python3
"""Build crates/gongkai/demo-data/ (the demo content kept in the repository) from the shared data folder.

    python3 scripts/build_demo_data.py /path/to/shared

Copies the seed document, the gov.cn policy documents and the FAQ bank, and packs the
law corpus (markdown + laws-index.csv metadata) into crates/gongkai/demo-data/data/laws.jsonl.zst: one
JSON object per line, {"path", "level", "publish", "valid_from", "expired", "category",
"doc_number", "text"}: the Shanghai local regulations, then the national constitution, laws,
administrative regulations and departmental rules (judicial interpretations, cases and other provinces are left out).
Needs the `zstd` command. The output is deterministic for the same input.
"""
import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

FIELDS = ["level", "publish", "valid_from", "expired", "category", "doc_number"]


def order(path: str) -> int:
    if path.startswith("DLC/上海"):
        return 0
    top = path.split("/")[0]
    if top in ("宪法", "宪法相关法", "行政法", "经济法", "民法商法", "社会法", "刑法",
               "诉讼与非诉讼程序法", "民法典", "其他", "行政法规", "部门规章"):
        return 1
    if top == "司法解释":
        return 2
    if top == "DLC":
        return 3
    return 4


def main() -> None:
    shared = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared")
    out = Path(__file__).resolve().parent.parent / "crates" / "gongkai" / "demo-data"
    (out / "seed").mkdir(parents=True, exist_ok=True)
    (out / "data").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shared / "seed/2023-work-points.txt", out / "seed/2023-work-points.txt")
    for f in ("govcn_policy_docs.jsonl", "faq.jsonl"):
        shutil.copyfile(shared / "data" / f, out / "data" / f)
    index = shared / "data/laws-index.csv"
    lines = [l for l in index.read_text(encoding="utf-8").splitlines(True) if not l.startswith("#")]
    # The demo keeps to Shanghai and national laws: the whole corpus (3 475 laws) indexes
    # past the demo's 300 MB memory budget; `--demo-data DIR` imports all of it.
    rows = sorted((r for r in csv.DictReader(lines) if order(r["path"]) <= 1),
                  key=lambda r: (order(r["path"]), r["path"]))
    laws = shared / "data/laws"
    jsonl = out / "data/laws.jsonl"
    with jsonl.open("w", encoding="utf-8") as o:
        for r in rows:
            text = (laws / r["path"]).read_text(encoding="utf-8")
            rec = {"path": r["path"], **{k: r.get(k, "") for k in FIELDS}, "text": text}
            o.write(json.dumps(rec, ensure_ascii=False) + "\n")
    subprocess.run(["zstd", "-q", "-f", "-19", "--rm", str(jsonl), "-o", str(jsonl) + ".zst"], check=True)
    print(f"{len(rows)} laws -> {jsonl}.zst")


if __name__ == "__main__":
    main()
