#!/usr/bin/env python3
"""Validate dev.jsonl / test.jsonl of the redact5 evaluation set."""
import json, sys, collections, os
CLASSES = {"name","id","phone","bank","address","plate","contact","birth","age","health",
           "religion","ethnicity","criminal","welfare","minor","other"}
here = os.path.dirname(os.path.abspath(__file__))
errors, ids = [], set()
def spans(text, s):
    out, i = [], text.find(s)
    while i >= 0:
        out.append((i, i + len(s))); i = text.find(s, i + 1)
    return out
for half in ("dev", "test"):
    docs = [json.loads(l) for l in open(os.path.join(here, half + ".jsonl"), encoding="utf-8") if l.strip()]
    cls = collections.Counter(); nk = nm = nchar = 0; genres = collections.Counter()
    for d in docs:
        t, did = d["text"], d["id"]
        if did in ids: errors.append(f"{did}: duplicate id")
        ids.add(did)
        genres[d["genre"]] += 1; nchar += len(t)
        m, k, c = d["mask"], d["keep"], d.get("classes", [])
        if len(c) != len(m): errors.append(f"{did}: classes/mask length mismatch")
        if len(set(m)) != len(m): errors.append(f"{did}: duplicate mask item")
        if len(set(k)) != len(k): errors.append(f"{did}: duplicate keep item")
        for x, cl in zip(m, c):
            if cl not in CLASSES: errors.append(f"{did}: bad class {cl!r}")
            if x not in t: errors.append(f"{did}: mask item not in text: {x!r}")
            if not x.strip(): errors.append(f"{did}: empty mask item")
        mspans = [sp for x in m for sp in spans(t, x)]
        for x in k:
            if x not in t: errors.append(f"{did}: keep item not in text: {x!r}"); continue
            for y in m:
                if y in x: errors.append(f"{did}: keep {x!r} contains mask {y!r}")
                if x in y: errors.append(f"{did}: mask {y!r} contains keep {x!r}")
            # at least one occurrence of the keep item must be disjoint from every mask span
            if all(any(a < e and s < b for s, e in mspans) for a, b in spans(t, x)):
                errors.append(f"{did}: every occurrence of keep {x!r} overlaps a mask span")
        cls.update(c); nm += len(m); nk += len(k)
    print(f"== {half}: {len(docs)} docs, {nchar} chars, {nm} mask items, {nk} keep items, {len(genres)} genres")
    print("   mask by class: " + ", ".join(f"{a}={b}" for a, b in sorted(cls.items(), key=lambda z: -z[1])))
    print("   genres: " + ", ".join(f"{a}={b}" for a, b in genres.most_common()))
    lens = sorted(len(d["text"]) for d in docs)
    if lens: print(f"   text length min/median/max: {lens[0]}/{lens[len(lens)//2]}/{lens[-1]}")
# informational: 18-digit resident ID items must carry a valid GB 11643 check digit
W = [7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
for half in ("dev", "test"):
    for l in open(os.path.join(here, half + ".jsonl"), encoding="utf-8"):
        d = json.loads(l)
        for x, cl in zip(d["mask"], d["classes"]):
            digits = x.replace(" ", "")
            if cl == "id" and len(digits) == 18 and digits[:17].isdigit():
                if "10X98765432"[sum(int(a)*b for a, b in zip(digits, W)) % 11] != digits[17]:
                    errors.append(f"{d['id']}: bad ID check digit {x!r}")
if errors:
    print("\nERRORS:"); [print("  " + e) for e in errors]; sys.exit(1)
print("\nOK: all items occur, no keep/mask conflicts, ids unique")
