#!/usr/bin/env python3
"""Validate dev.jsonl / test.jsonl of the blind redaction eval set r4."""
import json, re, sys, collections, os
here = os.path.dirname(os.path.abspath(__file__))
MASK_KINDS = {"name","id_number","phone","address","birth_date","age","health","ethnicity","religion",
              "criminal","account","plate","email","passport","social","other"}
errors, warns = [], []
counts = {s: {"docs": 0, "mask": collections.Counter(), "keep": collections.Counter()} for s in ("dev","test")}
seen_ids = set()
for split in ("dev", "test"):
    path = os.path.join(here, split + ".jsonl")
    for ln, line in enumerate(open(path, encoding="utf-8"), 1):
        where = f"{split}.jsonl:{ln}"
        try:
            d = json.loads(line)
        except Exception as e:
            errors.append(f"{where}: JSON parse error {e}"); continue
        if set(d) != {"id","split","genre","text","mask","keep"}:
            errors.append(f"{where}: keys {sorted(d)}")
        m = re.fullmatch(r"r4-(\d{3})", d.get("id",""))
        if not m or not 1 <= int(m.group(1)) <= 40:
            errors.append(f"{where}: bad id {d.get('id')}"); continue
        if d["id"] in seen_ids: errors.append(f"{where}: duplicate id {d['id']}")
        seen_ids.add(d["id"])
        want = "dev" if int(m.group(1)) % 2 else "test"
        if d["split"] != want or split != want:
            errors.append(f"{where}: {d['id']} split {d['split']} in {split}.jsonl, rule says {want}")
        text = d["text"]
        ncjk = len(re.findall(r"[\u4e00-\u9fff]", text))
        if not 150 <= ncjk <= 700:
            errors.append(f"{where}: {d['id']} has {ncjk} Chinese characters (want 150-700)")
        c = counts[split]; c["docs"] += 1
        for lst in ("mask", "keep"):
            texts = [x["text"] for x in d[lst]]
            for t, n in collections.Counter(texts).items():
                if n > 1: errors.append(f"{where}: {d['id']} {lst} lists {t!r} {n} times")
            for x in d[lst]:
                if set(x) != {"text","kind"} or not x["text"]:
                    errors.append(f"{where}: {d['id']} bad {lst} item {x}"); continue
                if x["text"] not in text:
                    errors.append(f"{where}: {d['id']} {lst} text not in document: {x['text']!r}")
                if lst == "mask" and x["kind"] not in MASK_KINDS:
                    errors.append(f"{where}: {d['id']} unknown mask kind {x['kind']}")
                c[lst][x["kind"]] += 1
        ms = {x["text"] for x in d["mask"]}; ks = {x["text"] for x in d["keep"]}
        for t in ms & ks:
            errors.append(f"{where}: {d['id']} {t!r} in both mask and keep")
        for mt in ms:
            for kt in ks:
                if mt != kt and (mt in kt or kt in mt):
                    warns.append(f"{d['id']}: mask {mt!r} / keep {kt!r} overlap as substrings")
missing = [f"r4-{i:03d}" for i in range(1, 41) if f"r4-{i:03d}" not in seen_ids]
if missing: errors.append(f"missing documents: {missing}")
for s, c in counts.items():
    print(f"== {s}: {c['docs']} docs, mask {sum(c['mask'].values())}, keep {sum(c['keep'].values())}")
    print("   mask:", dict(sorted(c["mask"].items(), key=lambda kv: -kv[1])))
    print("   keep:", dict(sorted(c["keep"].items(), key=lambda kv: -kv[1])))
for w in warns: print("WARN", w)
for e in errors: print("ERROR", e)
print("OK" if not errors else f"{len(errors)} error(s)")
sys.exit(1 if errors else 0)
