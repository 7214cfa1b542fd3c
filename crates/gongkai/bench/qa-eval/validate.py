#!/usr/bin/env python3
"""Validate /work/eval/qa/questions.jsonl against /work/shared/data/faq.jsonl and print counts."""
import json, sys, collections
FAQ = "/work/shared/data/faq.jsonl"
QS = "/work/eval/qa/questions.jsonl"
faq = {}
for l in open(FAQ, encoding="utf-8"):
    r = json.loads(l); faq[r["id"]] = r
STYLES = {"colloquial", "complaint", "keywords", "typo", "out_of_scope", "near_miss"}
DECLINE_STYLES = {"out_of_scope", "near_miss"}
errs = []; rows = []
for n, l in enumerate(open(QS, encoding="utf-8"), 1):
    try:
        r = json.loads(l)
    except Exception as e:
        errs.append(f"line {n}: bad JSON {e}"); continue
    rows.append(r)
    for k in ("id", "q", "style", "answer_ids", "also_ok", "decline", "split"):
        if k not in r: errs.append(f"{r.get('id', n)}: missing {k}")
    if r["style"] not in STYLES: errs.append(f"{r['id']}: bad style {r['style']}")
    if r["split"] not in ("dev", "test"): errs.append(f"{r['id']}: bad split")
    for i in r["answer_ids"] + r["also_ok"]:
        if i not in faq: errs.append(f"{r['id']}: unknown faq id {i}")
    if set(r["answer_ids"]) & set(r["also_ok"]): errs.append(f"{r['id']}: id in both answer_ids and also_ok")
    if r["decline"]:
        if r["answer_ids"] or r["also_ok"]: errs.append(f"{r['id']}: decline with ids")
        if r["style"] not in DECLINE_STYLES: errs.append(f"{r['id']}: decline but style {r['style']}")
    else:
        if len(r["answer_ids"]) != 1: errs.append(f"{r['id']}: answerable needs exactly 1 answer_id")
        if r["style"] in DECLINE_STYLES: errs.append(f"{r['id']}: answerable but style {r['style']}")
    # never copy FAQ wording
    for f in faq.values():
        if r["q"].strip("？? ") == f["question"].strip("？? "):
            errs.append(f"{r['id']}: copies {f['id']} question verbatim")
ids = [r["id"] for r in rows]
if len(ids) != len(set(ids)): errs.append("duplicate question ids")
qs = [r["q"] for r in rows]
if len(qs) != len(set(qs)): errs.append("duplicate question texts")
if ids != ["q%03d" % i for i in range(1, len(ids) + 1)]: errs.append("ids not sequential q001..")
# split must alternate within style, starting with dev, in file order
seen = collections.Counter()
for r in rows:
    exp = "dev" if seen[r["style"]] % 2 == 0 else "test"
    if r["split"] != exp: errs.append(f"{r['id']}: split {r['split']} expected {exp}")
    seen[r["style"]] += 1

ans = [r for r in rows if not r["decline"]]
dec = [r for r in rows if r["decline"]]
print(f"total {len(rows)}  answerable {len(ans)}  decline {len(dec)}")
print("style x split:")
tab = collections.Counter((r["style"], r["split"]) for r in rows)
for s in ["colloquial", "complaint", "keywords", "typo", "out_of_scope", "near_miss"]:
    print(f"  {s:13s} dev {tab[(s,'dev')]:3d}  test {tab[(s,'test')]:3d}  total {tab[(s,'dev')]+tab[(s,'test')]:3d}")
sp = collections.Counter(r["split"] for r in rows)
print(f"split: dev {sp['dev']}  test {sp['test']}")
cov = {r["answer_ids"][0] for r in ans}
print(f"FAQ entries covered as primary answer: {len(cov)}/{len(faq)}")
cat = collections.Counter(faq[r["answer_ids"][0]]["category"] for r in ans)
allcat = collections.Counter(f["category"] for f in faq.values())
print("answerable per FAQ category (questions / entries in bank):")
for c, n in sorted(allcat.items(), key=lambda x: -x[1]):
    print(f"  {c}: {cat[c]} / {n}")
print(f"with also_ok: {sum(1 for r in ans if r['also_ok'])}")
if errs:
    print("ERRORS:"); [print("  " + e) for e in errs]; sys.exit(1)
print("OK")
